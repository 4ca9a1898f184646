//! The site as the readers of one language see it: a copy of the resolved graph in which every
//! translated study, city profile and page shows its translation (its title, summary, text and
//! the texts of its fast facts, with the source's numbers, date, cities and sources), every city
//! its name in that language, and the rest its source. Ids are the same as in the graph it is
//! made from, so a route names the same item in every language; rendering reads a view as it
//! reads the graph.

use super::ids::{Id, StudyId};
use super::{DocRef, SiteGraph};
use crate::load::{CaseStudy, CityProfile, FastFact, Page, Translation};
use std::sync::Arc;

/// The view of `g` (the site as resolved, in its default language) in the language `code`.
pub fn language_view(g: &SiteGraph, code: &str) -> SiteGraph {
    let mut view = g.clone();
    view.view = Some(code.to_string());
    if let Some(l) = g.config.languages.iter().find(|l| l.language.code == code) {
        view.config.title = l.title.clone().unwrap_or_else(|| g.config.title.clone());
        view.config.description = l
            .description
            .clone()
            .unwrap_or_else(|| g.config.description.clone());
    }
    for node in &g.translations {
        if node.translation.language != code {
            continue;
        }
        let t = &node.translation;
        match node.of {
            DocRef::Study(s) => {
                let study = &mut view.studies[s];
                study.study = Arc::new(translated_study(&study.study, t));
                study.links = node.links.clone();
            }
            DocRef::City(c) => {
                let city = &mut view.cities[c];
                if let Some(p) = &city.profile {
                    city.profile = Some(Arc::new(translated_city(p, t)));
                }
                city.links = node.links.clone();
            }
            DocRef::Page(p) => {
                let page = &mut view.pages[p];
                page.page = Arc::new(translated_page(&page.page, t));
                page.links = node.links.clone();
            }
        }
    }
    for c in g.cities.ids() {
        let name = g.city_name_in(c, code).to_string();
        let city = &mut view.cities[c];
        // Its name in the default language stays one it is known by (search finds it).
        if name != city.name {
            let default = std::mem::replace(&mut city.name, name);
            city.aliases.insert(0, default);
        }
    }
    retarget_fragments(g, &mut view);
    view.own_language = (view.studies.ids())
        .filter(|&s| view.studies[s].study.language.as_deref() == Some(code))
        .collect();
    if g.config.hide_untranslated {
        hide_untranslated(&mut view);
    }
    view
}

/// Leaves the studies not written in the view's language out of every list of the view: the
/// site's lists, each city's, country's and topic's, related studies, "mentioned in" and the
/// older and newer links. (Their pages are not written in this language anyway.)
fn hide_untranslated(view: &mut SiteGraph) {
    let mut shown = vec![false; view.studies.len()];
    for s in view.own_language.iter() {
        shown[s.index()] = true;
    }
    let is_shown = |s: &StudyId| shown[s.index()];
    view.listed = view.own_language.clone();
    for city in view.cities.iter_mut() {
        city.studies.retain(is_shown);
        city.mentioned_in.retain(|b| match b.from {
            DocRef::Study(s) => shown[s.index()],
            _ => true,
        });
    }
    for country in view.countries.iter_mut() {
        country.studies.retain(is_shown);
    }
    for topic in view.topics.iter_mut() {
        topic.studies.retain(is_shown);
    }
    for study in view.studies.iter_mut() {
        study.related.retain(is_shown);
    }
    super::navigation::compute(view);
}

/// Points links to a heading of a document that is translated here (`#solutions-implemented`)
/// at the same heading of the translation, which has an id of its own: the heading in the same
/// place among the document's headings, or the top of the page when the translation has none.
fn retarget_fragments(g: &SiteGraph, view: &mut SiteGraph) {
    let translated: std::collections::HashSet<DocRef> = view.translations_in_view().collect();
    if translated.is_empty() {
        return;
    }
    // The id here of heading `fragment` of a translated document: `None` (keep it) when it is
    // no heading of its source (a theme's own id, `#sources`, is the same on every page).
    let moved = |target: DocRef, fragment: &str| -> Option<Option<String>> {
        if !translated.contains(&target) {
            return None;
        }
        let place = (g.document(target)?.headings.iter()).position(|h| h.id == fragment)?;
        let shown = view.document(target)?;
        Some(shown.headings.get(place).map(|h| h.id.clone()))
    };
    let mut changes = Vec::new();
    for r in view.doc_refs() {
        for (k, (_, target)) in view.doc_links(r).targets.iter().enumerate() {
            if let Some(new) = (target.fragment.as_deref()).and_then(|f| moved(target.doc, f)) {
                changes.push((r, k, new));
            }
        }
    }
    for (r, k, new) in changes {
        let links = match r {
            DocRef::Study(s) => &mut view.studies[s].links,
            DocRef::City(c) => &mut view.cities[c].links,
            DocRef::Page(p) => &mut view.pages[p].links,
        };
        if let Some((_, target)) = links.targets.get_mut(k) {
            target.fragment = new;
        }
    }
}

impl SiteGraph {
    /// The documents this view shows in a translation.
    fn translations_in_view(&self) -> impl Iterator<Item = DocRef> + '_ {
        self.translations
            .iter()
            .filter(|t| Some(t.translation.language.as_str()) == self.view.as_deref())
            .map(|t| t.of)
    }
}

/// The source's texts replaced by the translation's.
fn translated_study(source: &CaseStudy, t: &Translation) -> CaseStudy {
    CaseStudy {
        language: Some(t.language.clone()),
        title: t.title.value.clone(),
        summary: t.summary.clone(),
        fast_facts: translated_facts(&source.fast_facts, &t.fast_facts),
        doc: t.doc.clone(),
        autolink: t.autolink,
        ..source.clone()
    }
}

fn translated_city(source: &CityProfile, t: &Translation) -> CityProfile {
    let mut aliases = source.aliases.clone();
    aliases.extend(t.aliases.iter().cloned());
    CityProfile {
        language: Some(t.language.clone()),
        name: t.title.clone(),
        summary: t.summary.clone(),
        region: t.region.clone().or_else(|| source.region.clone()),
        aliases,
        fast_facts: translated_facts(&source.fast_facts, &t.fast_facts),
        doc: t.doc.clone(),
        autolink: t.autolink,
        ..source.clone()
    }
}

fn translated_page(source: &Page, t: &Translation) -> Page {
    Page {
        language: Some(t.language.clone()),
        title: t.title.value.clone(),
        summary: t.summary.clone(),
        doc: t.doc.clone(),
        autolink: t.autolink,
        ..source.clone()
    }
}

/// The source's facts in its order, each text replaced by the translation's text of it; numbers
/// stay the source's (a translation that states another is refused when the site is resolved).
fn translated_facts(source: &[FastFact], translated: &[FastFact]) -> Vec<FastFact> {
    source
        .iter()
        .map(|fact| {
            let text = translated
                .iter()
                .find(|t| t.key == fact.key)
                .filter(|t| t.value.is_text() && fact.value.is_text());
            match text {
                Some(t) => FastFact {
                    value: t.value.clone(),
                    ..fact.clone()
                },
                None => fact.clone(),
            }
        })
        .collect()
}
