//! Replacing one study's text in a resolved graph, without resolving the site again: the fast
//! path of `serve` for the most common edit, a change to the body of a case study.
//!
//! When an edit leaves a study's front matter as it was, but for its title and summary (same date,
//! cities, topics, related, facts, sources, slug), nothing that decides identity, membership, order
//! or navigation can change. What its text decides is recomputed for that study alone: its city mentions (and so
//! the "mentioned in" lists of the cities it stops or starts mentioning), its links to other files,
//! and its related studies (mentions score). Links from other files to a heading of the study are
//! checked against the new text. Anything else (a front-matter change, a broken link) is left to a
//! full resolve, which also reports the problems: the graph is untouched then.

use super::ids::{CityId, StudyId};
use super::{mentions, related, Backlink, DocLinks, DocRef, Missing, SiteGraph};
use crate::load::CaseStudy;
use std::sync::Arc;

/// What replacing a study's text changed.
#[derive(Debug)]
pub struct TextPatch {
    pub study: StudyId,
    /// Cities whose "mentioned in" list gained or lost the study.
    pub cities: Vec<CityId>,
    /// Whether links written as site addresses (`/cities/x/`, checked by the route layer) may
    /// have changed meaning: the new text has some, or lost a heading another page may link to.
    pub site_urls_to_check: bool,
}

impl SiteGraph {
    /// Puts `new` in place of the study read from the same file when only its text differs, and
    /// recomputes what the text decides. Gives `new` back, leaving the graph as it was, when the
    /// edit needs a full resolve.
    pub fn patch_study_text(&mut self, new: CaseStudy) -> Result<TextPatch, CaseStudy> {
        let Some(DocRef::Study(s)) = self.find_source(&new.source.path) else {
            return Err(new);
        };
        if !same_front_matter(&self.studies[s].study, &new) || !self.failed.is_empty() {
            return Err(new);
        }
        let missing = Missing::new(&self.failed, &self.config.layout());
        let node = &self.studies[s];
        let own = (node.cities.len() == 1).then(|| node.cities[0]);
        let (mut links, mentioned) = if new.autolink {
            // (No finder: the site's names could not be built into one; nor can they now.)
            let Some(m) = &self.matcher else {
                return Err(new);
            };
            let (links, cities, _) = mentions::scan(m, &new.doc, own);
            (links, cities)
        } else {
            (DocLinks::default(), Vec::new())
        };
        match super::links::resolve_doc(self, DocRef::Study(s), &new.doc, &new.source, &missing) {
            Ok(targets) => links.targets = targets,
            Err(_) => return Err(new),
        }
        if !self.incoming_fragments_land(s, &new) {
            return Err(new);
        }

        let old_doc = &node.study.doc;
        let anchors_kept = old_doc
            .headings
            .iter()
            .map(|h| h.id.as_str())
            .chain(old_doc.html_anchors.iter().map(String::as_str))
            .all(|a| new.doc.has_anchor(a));
        let site_urls = new
            .doc
            .links
            .iter()
            .map(|l| l.dest.as_str())
            .chain(new.doc.raw_links.iter().map(|l| l.dest.as_str()))
            .any(|d| super::link_kind(d) == super::LinkKind::SiteUrl);
        let before: Vec<CityId> = node.links.mentions.iter().map(|m| m.city).collect();
        let cities: Vec<CityId> = before
            .iter()
            .filter(|c| !mentioned.contains(c))
            .chain(mentioned.iter().filter(|c| !before.contains(c)))
            .copied()
            .collect();
        for &c in &cities {
            let list = &mut self.cities[c].mentioned_in;
            let from = DocRef::Study(s);
            match list.iter().position(|b| b.from == from) {
                Some(at) => {
                    list.remove(at);
                }
                // Backlinks are in document order (studies by id, then cities, then pages).
                None => {
                    let at = list.partition_point(|b| b.from < from);
                    list.insert(at, Backlink { from });
                }
            }
        }
        let node = &mut self.studies[s];
        node.study = Arc::new(new);
        node.links = links;
        related::recompute_one(self, s, &missing);
        Ok(TextPatch {
            study: s,
            cities,
            site_urls_to_check: site_urls || !anchors_kept,
        })
    }

    /// Whether every link from another document to a heading of study `s` finds that heading in
    /// its new text.
    fn incoming_fragments_land(&self, s: StudyId, new: &CaseStudy) -> bool {
        self.doc_refs()
            .filter(|&r| r != DocRef::Study(s))
            .flat_map(|r| &self.doc_links(r).targets)
            .filter(|(_, t)| t.doc == DocRef::Study(s))
            .all(|(_, t)| t.fragment.as_deref().is_none_or(|f| new.doc.has_anchor(f)))
    }
}

/// Whether two readings of a study differ at most in their Markdown text, title and summary:
/// nothing that decides where the study is listed, in which order, or what its city shows. (The
/// title and summary are on its card, which the caller renders again.)
fn same_front_matter(a: &CaseStudy, b: &CaseStudy) -> bool {
    a.source.path == b.source.path
        && a.slug == b.slug
        && a.slug_at == b.slug_at
        && a.date == b.date
        && a.cities == b.cities
        && a.country == b.country
        && a.topics == b.topics
        && a.related == b.related
        && a.draft == b.draft
        && a.autolink == b.autolink
        && a.fast_facts == b.fast_facts
        && a.sources == b.sources
        && a.redirect_from == b.redirect_from
        && a.assets == b.assets
        && a.bundle_dir == b.bundle_dir
}

#[cfg(test)]
mod tests {
    #[test]
    fn backlinks_sort_studies_first_by_id() {
        use super::super::ids::{CityId, Id, PageId, StudyId};
        use super::DocRef;
        assert!(DocRef::Study(StudyId::from_index(9)) < DocRef::City(CityId::from_index(0)));
        assert!(DocRef::City(CityId::from_index(9)) < DocRef::Page(PageId::from_index(0)));
    }
}
