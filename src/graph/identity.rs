//! Identity: which city, country and topics each study is about.
//!
//! Cities are identified by name, alias or slug, compared without case and in Unicode NFC
//! ([`name_key`]); a name that no profile claims becomes a city of its own (with a warning when
//! it looks like a misspelling of a known one). Countries are identified by name key, topics by
//! slug; each keeps the spelling it was first written with. Studies are ordered newest first;
//! cities, countries and topics by name, and every id handed out is then the item's position.

use super::ids::{CityId, CountryId, Id, StudyId, Table, TopicId};
use super::{CityNode, CountryNode, DocLinks, Missing, NameSite, StudyNode, TopicNode, Written};
use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;
use crate::diagnostics::{nearest_within, Diagnostics, Position};
use crate::load::{CaseStudy, CityProfile};
use crate::text::{name_key, nfc, slugify};
use std::collections::HashMap;
use std::sync::Arc;

/// How similar (0 to 1) an unknown city name must be to a known one to be flagged as a likely
/// misspelling: "Chang Mai" / "Chiang Mai" is 0.9, "Paris" / "Parma" only 0.6.
pub(super) const CITY_NAME_SIMILARITY: f64 = 0.8;

/// The names cities answer to.
pub(super) struct CityNames {
    /// Name key of every name, alias and slug -> city.
    pub by_key: HashMap<String, CityId>,
    /// Names and aliases of the cities with profiles, for "did you mean" suggestions.
    pub known: Vec<String>,
}

impl CityNames {
    pub fn find(&self, name: &str) -> Option<CityId> {
        self.by_key.get(&name_key(name)).copied()
    }

    /// Up to three known names close enough to `name` to be a likely misspelling of one.
    pub fn suggestions(&self, name: &str) -> Vec<&str> {
        nearest_within(
            name,
            self.known.iter().map(String::as_str),
            CITY_NAME_SIMILARITY,
        )
    }
}

pub(super) struct Identified {
    pub studies: Table<StudyId, StudyNode>,
    pub cities: Table<CityId, CityNode>,
    pub countries: Table<CountryId, CountryNode>,
    pub topics: Table<TopicId, TopicNode>,
    pub names: CityNames,
}

/// A study as identified, before cities, countries and topics are sorted: indices into the
/// unsorted lists.
struct Placed {
    cities: Vec<usize>,
    /// The country's name and where it was written, from the study or its first city's profile.
    country: Option<(String, Written)>,
    topics: Vec<usize>,
}

pub(super) fn identify(
    mut studies: Vec<Arc<CaseStudy>>,
    profiles: Vec<Arc<CityProfile>>,
    missing: &Missing,
    d: &mut Diagnostics,
) -> Identified {
    studies.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.slug.cmp(&b.slug)));
    let mut cities = Cities::from_profiles(profiles, d);
    let placed: Vec<Placed> = studies
        .iter()
        .map(|s| cities.place(s, missing, d))
        .collect();

    // Countries, by name key; display name as first written (cities first, then studies).
    let mut countries = Named::new("country name");
    let city_country: Vec<usize> = cities
        .countries
        .iter()
        .map(|(c, at)| countries.get_or_add(name_key(c), c, at, d))
        .collect();
    let study_country: Vec<Option<usize>> = placed
        .iter()
        .map(|p| {
            p.country
                .as_ref()
                .map(|(c, at)| countries.get_or_add(name_key(c), c, at, d))
        })
        .collect();

    // Topics, by slug; display name as first written.
    let mut topics = Named::new("topic");
    let placed: Vec<Placed> = (placed.into_iter().zip(&studies))
        .map(|(mut p, s)| {
            p.topics = study_topics(s, &mut topics, d);
            p
        })
        .collect();

    // Sort by name and hand out the final ids.
    let city_order = sort_order(&cities.nodes, |c| (name_key(&c.name), c.slug.clone()));
    let country_order = countries.order();
    let topic_order = topics.order();
    let city_id = |old: usize| CityId::from_index(city_order[old]);
    let country_id = |old: usize| CountryId::from_index(country_order[old]);
    let topic_id = |old: usize| TopicId::from_index(topic_order[old]);

    let mut city_nodes = permute(std::mem::take(&mut cities.nodes), &city_order);
    for (old, &country) in city_country.iter().enumerate() {
        city_nodes[city_order[old]].country = country_id(country);
    }
    let country_nodes = countries.into_nodes(&country_order, |name, slug, written| CountryNode {
        name,
        slug,
        written,
        cities: Vec::new(),
        studies: Vec::new(),
    });
    let topic_nodes = topics.into_nodes(&topic_order, |name, slug, written| TopicNode {
        name,
        slug,
        written,
        studies: Vec::new(),
        cities: Vec::new(),
    });

    let mut nodes = Vec::with_capacity(studies.len());
    for ((study, p), country) in studies.into_iter().zip(placed).zip(study_country) {
        let Some(&first) = p.cities.first() else {
            continue; // its city could not be placed; the error is reported above
        };
        nodes.push(StudyNode {
            study,
            country: country.map_or(city_nodes[city_order[first]].country, country_id),
            cities: p.cities.iter().map(|&c| city_id(c)).collect(),
            topics: p.topics.iter().map(|&t| topic_id(t)).collect(),
            related: Vec::new(),
            older: None,
            newer: None,
            older_in_city: None,
            newer_in_city: None,
            links: DocLinks::default(),
        });
    }
    let mut by_key = cities.index;
    for id in by_key.values_mut() {
        *id = city_order[*id];
    }
    Identified {
        studies: Table::new(nodes),
        cities: Table::new(city_nodes),
        countries: Table::new(country_nodes),
        topics: Table::new(topic_nodes),
        names: CityNames {
            by_key: by_key
                .into_iter()
                .map(|(k, v)| (k, CityId::from_index(v)))
                .collect(),
            known: cities.known,
        },
    }
}

/// The topics of study `s` (their indexes among `topics`), each once: `[Smart city,
/// smart-city]` names one topic.
fn study_topics(s: &CaseStudy, topics: &mut Named, d: &mut Diagnostics) -> Vec<usize> {
    let mut found: Vec<usize> = Vec::with_capacity(s.topics.len());
    for t in &s.topics {
        let at = Written::at(&s.source, t.pos);
        let topic = topics.get_or_add(slugify(&t.value), &t.value, &at, d);
        if !found.contains(&topic) {
            found.push(topic);
        }
    }
    found
}

/// Cities as they are found, in the order found (profiles first).
struct Cities {
    nodes: Vec<CityNode>,
    /// The country each city is in, as written, and where.
    countries: Vec<(String, Written)>,
    /// Name key -> index into `nodes`.
    index: HashMap<String, usize>,
    /// How many cities have profiles (they come first).
    profiled: usize,
    known: Vec<String>,
}

impl Cities {
    /// The cities with profiles, indexed by every name they answer to; a name claimed by two
    /// profiles is an error.
    fn from_profiles(profiles: Vec<Arc<CityProfile>>, d: &mut Diagnostics) -> Self {
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut claimed_by: HashMap<String, (usize, String)> = HashMap::new();
        let mut nodes: Vec<CityNode> = Vec::with_capacity(profiles.len());
        let mut countries = Vec::with_capacity(profiles.len());
        for profile in profiles {
            let id = nodes.len();
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
                        let other_file = nodes[*other]
                            .profile
                            .as_ref()
                            .map_or_else(String::new, |p| p.source.path.display().to_string());
                        d.push(
                            NameSite { source: &profile.source, pos }
                                .error(format!(
                                    "the name `{written}` is claimed by two cities: this one and `{}` ({other_file}, as `{other_written}`)",
                                    nodes[*other].name
                                ))
                                .with_code(code::NAME_CONFLICT)
                                .with_hint("a name or alias may belong to one city only; remove it from one of the two files"),
                        );
                    }
                    None => {
                        claimed_by.insert(key.clone(), (id, written));
                        index.insert(key, id);
                    }
                }
            }
            countries.push((
                profile.country.value.clone(),
                Written::at(&profile.source, profile.country.pos),
            ));
            let mut node = CityNode::new(
                nfc(&profile.name.value),
                profile.slug.clone(),
                Written::at(&profile.source, profile.name.pos),
            );
            node.aliases = profile.aliases.iter().map(|a| nfc(&a.value)).collect();
            node.profile = Some(profile);
            nodes.push(node);
        }
        let known = nodes
            .iter()
            .flat_map(|c| std::iter::once(c.name.clone()).chain(c.aliases.iter().cloned()))
            .collect();
        Cities {
            profiled: nodes.len(),
            nodes,
            countries,
            index,
            known,
        }
    }

    /// Finds the cities a study names, creating those without a profile, and its country.
    fn place(&mut self, study: &CaseStudy, missing: &Missing, d: &mut Diagnostics) -> Placed {
        let mut ids = Vec::new();
        let study_country = study
            .country
            .as_ref()
            .map(|c| (c.value.clone(), Written::at(&study.source, c.pos)));
        for written in &study.cities {
            let key = name_key(&written.value);
            let id = match self.index.get(&key) {
                Some(&id) => id,
                None => {
                    let site = NameSite {
                        source: &study.source,
                        pos: written.pos,
                    };
                    let suggestions = nearest_within(
                        &written.value,
                        self.known.iter().map(String::as_str),
                        CITY_NAME_SIMILARITY,
                    );
                    // A profile that failed to load may be this city's: its error says enough.
                    let maybe_missing = missing.may_be_city(&written.value);
                    if !suggestions.is_empty() && !maybe_missing {
                        d.push(
                            site.warning(format!(
                                "no city profile is named `{}`; it gets a page of its own",
                                written.value
                            ))
                            .with_code(code::UNKNOWN_CITY)
                            .with_hint(format!(
                                "did you mean {}? If it is another spelling, add it to that city's `aliases`",
                                suggestions.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(" or ")
                            )),
                        );
                    }
                    let Some(country) = study_country.clone() else {
                        if maybe_missing {
                            continue;
                        }
                        d.push(
                            site.error(format!("the country of `{}` is not known", written.value))
                                .with_code(code::UNKNOWN_COUNTRY)
                                .with_hint("add `country: …` to this study, or a profile for the city in content/cities/ with its `country`"),
                        );
                        continue;
                    };
                    let slug = slugify(&written.value);
                    if slug.is_empty() {
                        d.push(
                            site.error(format!(
                                "the city name `{}` has no letters or digits, so its page would have no address",
                                written.value
                            ))
                            .with_code(code::BAD_SLUG)
                            .with_hint("write the city's name, like `city: Khon Kaen`"),
                        );
                        continue;
                    }
                    let id = self.nodes.len();
                    self.nodes.push(CityNode::new(
                        nfc(&written.value),
                        slug,
                        Written::at(&study.source, written.pos),
                    ));
                    self.countries.push(country);
                    self.index.insert(key, id);
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
                    let city_country = &self.countries[first].0;
                    if first < self.profiled && name_key(city_country) != name_key(&c.value) {
                        d.push(
                            NameSite { source: &study.source, pos: c.pos }
                                .warning(format!(
                                    "this study says `{}`, but the profile of {} says `{city_country}`",
                                    c.value, self.nodes[first].name
                                ))
                                .with_code(code::NAME_CONFLICT)
                                .with_hint("the study is listed under the country given here; correct whichever is wrong"),
                        );
                    }
                }
                Some((c.value.clone(), Written::at(&study.source, c.pos)))
            }
            (None, Some(&first)) => Some(self.countries[first].clone()),
            (None, None) => None,
        };
        Placed {
            cities: ids,
            country,
            topics: Vec::new(),
        }
    }
}

/// Names handed out an index by key, keeping the display name, slug and place as first given.
struct Named {
    /// What the names are, for messages ("country name", "topic").
    what: &'static str,
    index: HashMap<String, usize>,
    items: Vec<(String, String, Written)>,
}

impl Named {
    fn new(what: &'static str) -> Self {
        Named {
            what,
            index: HashMap::new(),
            items: Vec::new(),
        }
    }

    /// Where each name goes when sorted by name (then slug).
    fn order(&self) -> Vec<usize> {
        sort_order(&self.items, |(name, slug, _)| {
            (name_key(name), slug.clone())
        })
    }

    /// The names as nodes (`make(name, slug, written)`), in `order`.
    fn into_nodes<T>(self, order: &[usize], make: impl Fn(String, String, Written) -> T) -> Vec<T> {
        let nodes = (self.items.into_iter())
            .map(|(name, slug, written)| make(name, slug, written))
            .collect();
        permute(nodes, order)
    }

    /// The index of the name with this key; a new name whose slug is empty (`!!!`) is an error
    /// at the place it was written, since its page would have no address.
    fn get_or_add(&mut self, key: String, name: &str, at: &Written, d: &mut Diagnostics) -> usize {
        if let Some(&i) = self.index.get(&key) {
            return i;
        }
        let slug = slugify(name);
        if slug.is_empty() {
            d.push(
                Diagnostic::error(
                    &at.file,
                    format!(
                    "the {} `{name}` has no letters or digits, so its page would have no address",
                    self.what
                ),
                )
                .with_code(code::BAD_SLUG)
                .at_position(at.pos)
                .with_hint("write it with letters, like `Thailand` or `Smart city`"),
            );
        }
        self.items.push((nfc(name), slug, at.clone()));
        self.index.insert(key, self.items.len() - 1);
        self.items.len() - 1
    }
}

/// `order[old] = new` for sorting `items` by `key`.
fn sort_order<T, K: Ord>(items: &[T], key: impl Fn(&T) -> K) -> Vec<usize> {
    let mut by_key: Vec<usize> = (0..items.len()).collect();
    by_key.sort_by_cached_key(|&i| key(&items[i]));
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
