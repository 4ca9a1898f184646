//! Stage 2, resolve: `resolve(Content) -> Resolved` turns loaded files into a [`SiteGraph`].
//!
//! Here cities are identified (by name, alias or slug, without case, NFC-normalised), studies
//! are attached to cities, countries and topics, every output URL is decided (and collisions
//! reported), city mentions in body text are found, internal links are resolved, and related
//! studies and navigation are computed. Rendering then only reads this graph.

mod links;
pub mod mentions;
mod related;

use crate::config::SiteConfig;
use crate::diagnostics::{nearest_within, Diagnostic, Diagnostics, Position};
use crate::load::markdown::Document;
use crate::load::{CaseStudy, CityProfile, Content, FastFact, Origin, Page};
use crate::text::{name_key, nfc, slugify, Date};
use mentions::MentionMatcher;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::PathBuf;
use std::time::{Duration, Instant};

/// How similar (0 to 1) an unknown city name must be to a known one to be flagged as a likely
/// misspelling: "Chang Mai" / "Chiang Mai" is 0.9, "Paris" / "Parma" only 0.6.
const CITY_NAME_SIMILARITY: f64 = 0.8;

pub type StudyId = usize;
pub type CityId = usize;
pub type CountryId = usize;
pub type TopicId = usize;
pub type PageId = usize;

/// The resolved site: everything rendering needs, with every cross-reference decided.
#[derive(Debug)]
pub struct SiteGraph {
    pub root: PathBuf,
    pub config: SiteConfig,
    /// Newest first (date descending, then slug), so a study's id is its rank by date.
    pub studies: Vec<StudyNode>,
    /// Sorted by name.
    pub cities: Vec<CityNode>,
    /// Sorted by name.
    pub countries: Vec<CountryNode>,
    /// Sorted by name.
    pub topics: Vec<TopicNode>,
    pub pages: Vec<PageNode>,
}

#[derive(Debug)]
pub struct StudyNode {
    pub study: CaseStudy,
    pub url: String,
    pub cities: Vec<CityId>,
    pub country: CountryId,
    pub topics: Vec<TopicId>,
    /// Up to five: explicit `related` first, then by score.
    pub related: Vec<StudyId>,
    /// The next older and next newer study overall.
    pub older: Option<StudyId>,
    pub newer: Option<StudyId>,
    /// The next older and newer study of the primary city.
    pub older_in_city: Option<StudyId>,
    pub newer_in_city: Option<StudyId>,
    pub links: DocLinks,
}

#[derive(Debug)]
pub struct CityNode {
    pub name: String,
    pub slug: String,
    pub url: String,
    pub country: CountryId,
    pub aliases: Vec<String>,
    /// The profile from `content/cities/`, if the city has one.
    pub profile: Option<CityProfile>,
    /// From the profile, or else from the newest study naming this city first.
    pub fast_facts: Vec<FastFact>,
    /// Set when the fast facts come from a study: that study and its date.
    pub facts_from: Option<(StudyId, Date)>,
    /// Studies about this city (listed in their `city`/`cities`), newest first.
    pub studies: Vec<StudyId>,
    pub partners: Vec<CityId>,
    pub mentioned_in: Vec<Backlink>,
    pub links: DocLinks,
}

#[derive(Debug)]
pub struct CountryNode {
    pub name: String,
    pub slug: String,
    pub url: String,
    /// Sorted by name.
    pub cities: Vec<CityId>,
    /// Newest first.
    pub studies: Vec<StudyId>,
}

#[derive(Debug)]
pub struct TopicNode {
    pub name: String,
    pub slug: String,
    pub url: String,
    /// Newest first.
    pub studies: Vec<StudyId>,
    /// Cities of those studies, sorted by name.
    pub cities: Vec<CityId>,
}

#[derive(Debug)]
pub struct PageNode {
    pub page: Page,
    pub url: String,
    pub links: DocLinks,
}

/// A document that links to something.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DocRef {
    Study(StudyId),
    City(CityId),
    Page(PageId),
}

/// "Mentioned in": a document naming a city, with the sentence around the mention.
#[derive(Debug, Clone)]
pub struct Backlink {
    pub from: DocRef,
    pub excerpt: String,
}

/// What rendering changes in a document's events: city links to insert, link targets to rewrite.
#[derive(Debug, Default, Clone)]
pub struct DocLinks {
    /// Sorted by event, then position.
    pub mentions: Vec<Mention>,
    pub rewrites: HashMap<usize, String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub event: usize,
    pub range: Range<usize>,
    pub city: CityId,
}

/// The outcome of resolving: the graph (absent when errors made it meaningless) and problems.
pub struct Resolved {
    pub graph: SiteGraph,
    pub diagnostics: Diagnostics,
    pub times: ResolveTimes,
}

/// How long the steps of resolving took, for `build -v` and the benchmarks.
#[derive(Debug, Default, Clone, Copy)]
pub struct ResolveTimes {
    /// Identifying cities, countries and topics, URLs and collisions.
    pub identity: Duration,
    pub mentions: Duration,
    pub links: Duration,
    pub related: Duration,
    /// Bytes of body text scanned for city names.
    pub text_bytes: usize,
    /// City links found.
    pub mentions_found: usize,
}

impl SiteGraph {
    pub fn doc_title(&self, r: DocRef) -> &str {
        match r {
            DocRef::Study(i) => &self.studies[i].study.title,
            DocRef::City(i) => &self.cities[i].name,
            DocRef::Page(i) => &self.pages[i].page.title,
        }
    }

    pub fn doc_url(&self, r: DocRef) -> &str {
        match r {
            DocRef::Study(i) => &self.studies[i].url,
            DocRef::City(i) => &self.cities[i].url,
            DocRef::Page(i) => &self.pages[i].url,
        }
    }
}

/// Where a name was written, for diagnostics about it.
struct NameSite<'a> {
    source: &'a Origin,
    pos: Position,
}

impl NameSite<'_> {
    fn error(&self, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::error(&self.source.path, msg).at_position(self.pos)
    }
    fn warning(&self, msg: impl Into<String>) -> Diagnostic {
        Diagnostic::warning(&self.source.path, msg).at_position(self.pos)
    }
}

/// Builds the site graph from loaded content.
pub fn resolve(content: Content) -> Resolved {
    let started = Instant::now();
    let mut d = Diagnostics::new();
    let Content {
        root,
        config,
        mut studies,
        cities: profiles,
        pages,
    } = content;
    let base = config.base_path.clone();
    studies.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));

    // Cities with profiles, indexed by every name they answer to.
    let mut index: HashMap<String, CityId> = HashMap::new();
    let mut claimed_by: HashMap<String, (CityId, String)> = HashMap::new();
    let mut cities: Vec<CityNode> = Vec::with_capacity(profiles.len());
    let mut city_countries: Vec<String> = Vec::new();
    for profile in profiles {
        let id = cities.len();
        let mut keys: Vec<(String, String, Position)> = vec![(
            name_key(&profile.name.value),
            profile.name.value.clone(),
            profile.name.pos,
        )];
        keys.extend(
            profile
                .aliases
                .iter()
                .map(|a| (name_key(&a.value), a.value.clone(), a.pos)),
        );
        keys.push((
            name_key(&profile.slug),
            profile.slug.clone(),
            profile.name.pos,
        ));
        for (key, written, pos) in keys {
            match claimed_by.get(&key) {
                Some((other, _)) if *other == id => {}
                Some((other, other_written)) => {
                    let other_file = cities[*other]
                        .profile
                        .as_ref()
                        .map_or_else(String::new, |p| p.source.path.display().to_string());
                    d.push(
                        NameSite { source: &profile.source, pos }
                            .error(format!(
                                "the name `{written}` is claimed by two cities: this one and `{}` ({other_file}, as `{other_written}`)",
                                cities[*other].name
                            ))
                            .with_hint("a name or alias may belong to one city only; remove it from one of the two files"),
                    );
                }
                None => {
                    claimed_by.insert(key.clone(), (id, written));
                    index.insert(key, id);
                }
            }
        }
        city_countries.push(profile.country.clone());
        cities.push(CityNode {
            name: nfc(&profile.name.value),
            slug: profile.slug.clone(),
            url: format!("{base}cities/{}/", profile.slug),
            country: 0,
            aliases: profile.aliases.iter().map(|a| nfc(&a.value)).collect(),
            fast_facts: profile.fast_facts.clone(),
            facts_from: None,
            profile: Some(profile),
            studies: Vec::new(),
            partners: Vec::new(),
            mentioned_in: Vec::new(),
            links: DocLinks::default(),
        });
    }
    let profiled = cities.len();
    let known_names: Vec<String> = cities
        .iter()
        .flat_map(|c| std::iter::once(c.name.clone()).chain(c.aliases.iter().cloned()))
        .collect();

    // Studies: attach cities (creating those without profiles) and a country.
    let mut study_cities: Vec<Vec<CityId>> = Vec::with_capacity(studies.len());
    let mut study_country_names: Vec<String> = Vec::with_capacity(studies.len());
    for study in &studies {
        let mut ids = Vec::new();
        let study_country = study.country.as_ref().map(|c| c.value.clone());
        for written in &study.cities {
            let key = name_key(&written.value);
            let id = match index.get(&key) {
                Some(&id) => id,
                None => {
                    let site = NameSite {
                        source: &study.source,
                        pos: written.pos,
                    };
                    let suggestions = nearest_within(
                        &written.value,
                        known_names.iter().map(String::as_str),
                        CITY_NAME_SIMILARITY,
                    );
                    if !suggestions.is_empty() {
                        d.push(
                            site.warning(format!(
                                "no city profile is named `{}`; it gets a page of its own",
                                written.value
                            ))
                            .with_hint(format!(
                                "did you mean {}? If it is another spelling, add it to that city's `aliases`",
                                suggestions.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" or ")
                            )),
                        );
                    }
                    let Some(country) = study_country.clone() else {
                        d.push(
                            site.error(format!("the country of `{}` is not known", written.value))
                                .with_hint("add `country: …` to this study, or a profile for the city in content/cities/ with its `country`"),
                        );
                        continue;
                    };
                    let id = cities.len();
                    let slug = slugify(&written.value);
                    cities.push(CityNode {
                        name: nfc(&written.value),
                        url: format!("{base}cities/{slug}/"),
                        slug,
                        country: 0,
                        aliases: Vec::new(),
                        profile: None,
                        fast_facts: Vec::new(),
                        facts_from: None,
                        studies: Vec::new(),
                        partners: Vec::new(),
                        mentioned_in: Vec::new(),
                        links: DocLinks::default(),
                    });
                    city_countries.push(country);
                    index.insert(key, id);
                    id
                }
            };
            if !ids.contains(&id) {
                ids.push(id);
            }
        }
        let country = match (&study.country, ids.first()) {
            (Some(c), first) => {
                if let Some(&first) = first {
                    let city_country = &city_countries[first];
                    if first < profiled && name_key(city_country) != name_key(&c.value) {
                        d.push(
                            NameSite { source: &study.source, pos: c.pos }
                                .warning(format!(
                                    "this study says `{}`, but the profile of {} says `{city_country}`",
                                    c.value, cities[first].name
                                ))
                                .with_hint("the study is listed under the country given here; correct whichever is wrong"),
                        );
                    }
                }
                c.value.clone()
            }
            (None, Some(&first)) => city_countries[first].clone(),
            (None, None) => String::new(),
        };
        study_cities.push(ids);
        study_country_names.push(country);
    }

    // Countries, by name key; display name as first written.
    let mut country_index: HashMap<String, CountryId> = HashMap::new();
    let mut countries: Vec<CountryNode> = Vec::new();
    let mut country_of = |name: &str, countries: &mut Vec<CountryNode>| -> CountryId {
        *country_index.entry(name_key(name)).or_insert_with(|| {
            let slug = slugify(name);
            countries.push(CountryNode {
                name: nfc(name),
                url: format!("{base}countries/{slug}/"),
                slug,
                cities: Vec::new(),
                studies: Vec::new(),
            });
            countries.len() - 1
        })
    };
    let city_country_ids: Vec<CountryId> = city_countries
        .iter()
        .map(|c| country_of(c, &mut countries))
        .collect();
    let study_country_ids: Vec<CountryId> = study_country_names
        .iter()
        .map(|c| {
            if c.is_empty() {
                usize::MAX
            } else {
                country_of(c, &mut countries)
            }
        })
        .collect();

    // Topics, by slug; display name as first written.
    let mut topic_index: HashMap<String, TopicId> = HashMap::new();
    let mut topics: Vec<TopicNode> = Vec::new();
    let study_topics: Vec<Vec<TopicId>> = studies
        .iter()
        .map(|s| {
            let mut ids: Vec<TopicId> = s
                .topics
                .iter()
                .map(|t| (t, slugify(t)))
                .filter(|(_, slug)| !slug.is_empty())
                .map(|(t, slug)| {
                    *topic_index.entry(slug.clone()).or_insert_with(|| {
                        topics.push(TopicNode {
                            name: t.clone(),
                            url: format!("{base}topics/{slug}/"),
                            slug,
                            studies: Vec::new(),
                            cities: Vec::new(),
                        });
                        topics.len() - 1
                    })
                })
                .collect();
            ids.dedup();
            ids
        })
        .collect();

    // Sort cities, countries and topics by name, and remap the ids handed out so far.
    let city_order = sort_order(&cities, |c| (name_key(&c.name), c.slug.clone()));
    let country_order = sort_order(&countries, |c| (name_key(&c.name), c.slug.clone()));
    let topic_order = sort_order(&topics, |t| (name_key(&t.name), t.slug.clone()));
    let cities = permute(cities, &city_order);
    let mut countries = permute(countries, &country_order);
    let mut topics = permute(topics, &topic_order);
    let mut cities = cities;
    for (old, &country) in city_country_ids.iter().enumerate() {
        cities[city_order[old]].country = country_order[country];
    }
    for id in index.values_mut() {
        *id = city_order[*id];
    }

    // Study nodes.
    let mut nodes: Vec<StudyNode> = Vec::with_capacity(studies.len());
    for (i, study) in studies.into_iter().enumerate() {
        if study_cities[i].is_empty() {
            continue; // its city could not be placed; the error is reported above
        }
        let url = format!("{base}case-studies/{}/", study.slug);
        let cities_of: Vec<CityId> = study_cities[i].iter().map(|&c| city_order[c]).collect();
        let country = match study_country_ids[i] {
            usize::MAX => cities[cities_of[0]].country,
            c => country_order[c],
        };
        let topics_of: Vec<TopicId> = study_topics[i].iter().map(|&t| topic_order[t]).collect();
        nodes.push(StudyNode {
            study,
            url,
            cities: cities_of,
            country,
            topics: topics_of,
            related: Vec::new(),
            older: None,
            newer: None,
            older_in_city: None,
            newer_in_city: None,
            links: DocLinks::default(),
        });
    }
    // Membership lists.
    for (s, node) in nodes.iter().enumerate() {
        for &c in &node.cities {
            cities[c].studies.push(s);
        }
        countries[node.country].studies.push(s);
        for &t in &node.topics {
            topics[t].studies.push(s);
            topics[t].cities.extend_from_slice(&node.cities);
        }
    }
    for (c, city) in cities.iter().enumerate() {
        countries[city.country].cities.push(c);
    }
    for t in &mut topics {
        t.cities.sort_unstable();
        t.cities.dedup();
    }
    // Cities without a profile show the fast facts of their newest study about them.
    for (c, city) in cities
        .iter_mut()
        .enumerate()
        .filter(|(_, c)| c.profile.is_none())
    {
        let newest = city
            .studies
            .iter()
            .find(|&&s| nodes[s].cities[0] == c && !nodes[s].study.fast_facts.is_empty());
        if let Some(&s) = newest {
            city.fast_facts = nodes[s].study.fast_facts.clone();
            city.facts_from = Some((s, nodes[s].study.date));
        }
    }

    let mut pages: Vec<PageNode> = pages
        .into_iter()
        .map(|page| PageNode {
            url: format!("{base}{}/", page.slug),
            page,
            links: DocLinks::default(),
        })
        .collect();
    pages.sort_by(|a, b| a.page.slug.cmp(&b.page.slug));

    // Partners, both ways.
    for c in 0..cities.len() {
        let Some(profile) = &cities[c].profile else {
            continue;
        };
        let mut found = Vec::new();
        for partner in &profile.partners {
            match index.get(&name_key(&partner.value)) {
                Some(&p) if p == c => d.push(
                    NameSite {
                        source: &profile.source,
                        pos: partner.pos,
                    }
                    .warning("a city cannot be its own partner")
                    .with_hint("remove this entry from `partners`"),
                ),
                Some(&p) => found.push(p),
                None => {
                    let suggestions = nearest_within(
                        &partner.value,
                        known_names.iter().map(String::as_str),
                        CITY_NAME_SIMILARITY,
                    );
                    let hint = match suggestions.first() {
                        Some(s) => {
                            format!("did you mean `{s}`? Partners must be cities of this site")
                        }
                        None => {
                            "add a profile for it in content/cities/, or a case study that names it"
                                .to_string()
                        }
                    };
                    d.push(
                        NameSite {
                            source: &profile.source,
                            pos: partner.pos,
                        }
                        .warning(format!(
                            "the partner city `{}` is not known and is not linked",
                            partner.value
                        ))
                        .with_hint(hint),
                    );
                }
            }
        }
        for p in found {
            cities[c].partners.push(p);
            cities[p].partners.push(c);
        }
    }
    for city in &mut cities {
        city.partners.sort_unstable();
        city.partners.dedup();
    }

    let mut graph = SiteGraph {
        root,
        config,
        studies: nodes,
        cities,
        countries,
        topics,
        pages,
    };
    check_output_paths(&graph, &mut d);
    let mut times = ResolveTimes {
        identity: started.elapsed(),
        ..ResolveTimes::default()
    };
    let t = Instant::now();
    (times.text_bytes, times.mentions_found) = find_mentions(&mut graph);
    times.mentions = t.elapsed();
    let t = Instant::now();
    links::resolve_links(&mut graph, &mut d);
    times.links = t.elapsed();
    let t = Instant::now();
    related::compute(&mut graph, &mut d);
    navigation(&mut graph);
    times.related = t.elapsed();
    Resolved {
        graph,
        diagnostics: d,
        times,
    }
}

/// `order[old] = new` for sorting `items` by `key`.
fn sort_order<T, K: Ord>(items: &[T], key: impl Fn(&T) -> K) -> Vec<usize> {
    let mut by_key: Vec<usize> = (0..items.len()).collect();
    by_key.sort_by_key(|&i| key(&items[i]));
    let mut order = vec![0; items.len()];
    for (new, &old) in by_key.iter().enumerate() {
        order[old] = new;
    }
    order
}

fn permute<T>(items: Vec<T>, order: &[usize]) -> Vec<T> {
    let mut slots: Vec<Option<T>> = (0..items.len()).map(|_| None).collect();
    for (old, item) in items.into_iter().enumerate() {
        slots[order[old]] = Some(item);
    }
    slots.into_iter().flatten().collect()
}

/// Two items may not be written to the same file.
fn check_output_paths(g: &SiteGraph, d: &mut Diagnostics) {
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    let builtin = "a page casebook builds itself";
    for fixed in [
        "index.html",
        "404.html",
        "case-studies/index.html",
        "cities/index.html",
        "countries/index.html",
        "topics/index.html",
        "search/index.html",
    ] {
        owners.insert(fixed.to_string(), builtin.to_string());
    }
    let mut claim = |path: String, owner: String, source: Option<&Origin>, d: &mut Diagnostics| {
        if let Some(previous) = owners.get(&path) {
            if *previous != owner {
                let file = source.map_or_else(|| PathBuf::from("content"), |s| s.path.clone());
                d.push(
                    Diagnostic::error(
                        file,
                        format!("two items would be written to `{path}`: {owner} and {previous}"),
                    )
                    .with_hint("give one of them another `slug:` in its front matter"),
                );
            }
            return;
        }
        owners.insert(path, owner);
    };
    for s in &g.studies {
        claim(
            g.config.output_file(&s.url),
            s.study.source.path.display().to_string(),
            Some(&s.study.source),
            d,
        );
        let dir = g
            .config
            .output_file(&s.url)
            .trim_end_matches("index.html")
            .to_string();
        for asset in &s.study.assets {
            let path = format!("{dir}{}", asset.display());
            claim(
                path,
                format!("{} (a file of its bundle)", s.study.source.path.display()),
                Some(&s.study.source),
                d,
            );
        }
    }
    for c in &g.cities {
        let owner = match &c.profile {
            Some(p) => p.source.path.display().to_string(),
            None => format!("the city `{}` named by case studies", c.name),
        };
        claim(
            g.config.output_file(&c.url),
            owner,
            c.profile.as_ref().map(|p| &p.source),
            d,
        );
    }
    for p in &g.pages {
        claim(
            g.config.output_file(&p.url),
            p.page.source.path.display().to_string(),
            Some(&p.page.source),
            d,
        );
    }
    for p in &g.pages {
        if [
            "case-studies",
            "cities",
            "countries",
            "topics",
            "data",
            "search",
            "static",
        ]
        .contains(&p.page.slug.as_str())
        {
            d.push(
                Diagnostic::error(
                    &p.page.source.path,
                    format!(
                        "the page slug `{}` is used by casebook for its own pages",
                        p.page.slug
                    ),
                )
                .with_hint("rename the file or set another `slug:`"),
            );
        }
    }
}

/// Links the first mention of each other city in every document's text; returns the bytes of
/// text scanned and the number of links made.
fn find_mentions(g: &mut SiteGraph) -> (usize, usize) {
    let matcher = MentionMatcher::new(g.cities.iter().enumerate().flat_map(|(id, c)| {
        std::iter::once((c.name.clone(), id)).chain(c.aliases.iter().map(move |a| (a.clone(), id)))
    }));

    // What scanning one document found: its city links, the backlinks they make (with their
    // excerpts) and how many bytes of text were read.
    type Scan = (DocLinks, Vec<(CityId, String)>, usize);
    let scan = |doc: &Document, own: Option<CityId>| -> Scan {
        let mut links = DocLinks::default();
        let mut bytes = 0;
        // A document names a handful of cities: a short list beats a hash set.
        let mut seen: Vec<CityId> = Vec::new();
        let mut backlinks = Vec::new();
        for &event in &doc.linkable {
            let Some(text) = doc.events.text(event) else {
                continue;
            };
            bytes += text.len();
            for found in matcher.find_all(text) {
                if Some(found.city) == own || seen.contains(&found.city) {
                    continue;
                }
                seen.push(found.city);
                backlinks.push((
                    found.city,
                    mentions::sentence_around(text, found.range.clone(), 220),
                ));
                links.mentions.push(Mention {
                    event,
                    range: found.range,
                    city: found.city,
                });
            }
        }
        (links, backlinks, bytes)
    };

    let study_results: Vec<_> = g
        .studies
        .par_iter()
        .map(|s| {
            let own = (s.cities.len() == 1).then(|| s.cities[0]);
            if s.study.autolink {
                scan(&s.study.doc, own)
            } else {
                Default::default()
            }
        })
        .collect();
    let city_results: Vec<_> = g
        .cities
        .par_iter()
        .enumerate()
        .map(|(id, c)| match &c.profile {
            Some(p) if p.autolink => scan(&p.doc, Some(id)),
            _ => Default::default(),
        })
        .collect();
    let page_results: Vec<_> = g
        .pages
        .par_iter()
        .map(|p| {
            if p.page.autolink {
                scan(&p.page.doc, None)
            } else {
                Default::default()
            }
        })
        .collect();

    let (mut scanned, mut found) = (0, 0);
    let mut add =
        |from: DocRef, (links, backlinks, bytes): Scan, cities: &mut Vec<CityNode>| -> DocLinks {
            scanned += bytes;
            found += links.mentions.len();
            for (city, excerpt) in backlinks {
                cities[city].mentioned_in.push(Backlink { from, excerpt });
            }
            links
        };
    for (i, result) in study_results.into_iter().enumerate() {
        g.studies[i].links = add(DocRef::Study(i), result, &mut g.cities);
    }
    for (i, result) in city_results.into_iter().enumerate() {
        g.cities[i].links = add(DocRef::City(i), result, &mut g.cities);
    }
    for (i, result) in page_results.into_iter().enumerate() {
        g.pages[i].links = add(DocRef::Page(i), result, &mut g.cities);
    }
    (scanned, found)
}

/// Older/newer links overall and within each study's primary city.
fn navigation(g: &mut SiteGraph) {
    let n = g.studies.len();
    for i in 0..n {
        g.studies[i].newer = i.checked_sub(1);
        g.studies[i].older = (i + 1 < n).then_some(i + 1);
    }
    for c in 0..g.cities.len() {
        // Neighbours among the studies whose primary city is this one (newest first).
        let primary: Vec<StudyId> = g.cities[c]
            .studies
            .iter()
            .copied()
            .filter(|&s| g.studies[s].cities[0] == c)
            .collect();
        for (pos, &s) in primary.iter().enumerate() {
            g.studies[s].newer_in_city = pos.checked_sub(1).map(|p| primary[p]);
            g.studies[s].older_in_city = primary.get(pos + 1).copied();
        }
    }
}
