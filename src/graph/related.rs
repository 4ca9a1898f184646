//! Related studies: explicit `related` first, then the best-scoring others.
//!
//! A candidate scores 3 for each shared city, 2 for each shared topic, 1 for the same country
//! and 1 for each city one study mentions and the other is about. Ties go to the newer study,
//! then to the slug, so the result is deterministic. Candidates come from the posting lists of
//! the study's cities, topics and country; a long list (a topic shared by thousands of studies)
//! contributes only the studies nearest in date, which keeps the whole step linear in the number
//! of studies.

use super::ids::{Id, StudyId};
use super::{Missing, SiteGraph};
use crate::diagnostics::code;
use crate::diagnostics::{nearest, Diagnostic, Diagnostics};
use rayon::prelude::*;
use std::collections::HashMap;

/// How many related studies a page shows.
pub const RELATED_MAX: usize = 5;
/// How many neighbours by date one posting list may contribute.
const WINDOW: usize = 64;

pub(super) fn compute(g: &mut SiteGraph, missing: &Missing, d: &mut Diagnostics) {
    let by_slug = slugs(g);
    let n = g.studies.len();
    let results: Vec<(Vec<StudyId>, Vec<Diagnostic>)> = (0..n)
        .into_par_iter()
        // Each worker keeps a score per study and the list of those it touched: adding a vote
        // costs one array write, and resetting costs only what was touched.
        .map_init(
            || Scores::new(n),
            |scores, s| related_of(g, StudyId::from_index(s), &by_slug, missing, scores),
        )
        .collect();
    for (s, (related, problems)) in g.studies.ids().zip(results) {
        g.studies[s].related = related;
        d.extend(problems);
    }
}

/// The related studies of one study, computed again after its text changed (its mentions count).
pub(super) fn recompute_one(g: &mut SiteGraph, s: StudyId, missing: &Missing) {
    let by_slug = slugs(g);
    let (related, _) = related_of(g, s, &by_slug, missing, &mut Scores::new(g.studies.len()));
    g.studies[s].related = related;
}

fn slugs(g: &SiteGraph) -> HashMap<&str, StudyId> {
    g.studies
        .enumerate()
        .map(|(i, s)| (s.study.slug.as_str(), i))
        .collect()
}

/// A score per study, and the studies that have one.
struct Scores {
    score: Vec<u32>,
    touched: Vec<StudyId>,
}

impl Scores {
    fn new(n: usize) -> Scores {
        Scores {
            score: vec![0; n],
            touched: Vec::new(),
        }
    }
}

/// The related studies of `s`, and warnings about its `related` list.
fn related_of(
    g: &SiteGraph,
    s: StudyId,
    by_slug: &HashMap<&str, StudyId>,
    missing: &Missing,
    Scores {
        score: scores,
        touched,
    }: &mut Scores,
) -> (Vec<StudyId>, Vec<Diagnostic>) {
    let node = &g.studies[s];
    let mut problems = Vec::new();
    let mut chosen: Vec<StudyId> = Vec::new();
    for written in &node.study.related {
        match by_slug.get(written.value.as_str()) {
            Some(&r) if r == s => {}
            Some(&r) => {
                if !chosen.contains(&r) {
                    chosen.push(r);
                }
            }
            None if missing.may_be_study(&written.value) => {}
            // A draft: listed once it is published.
            None if g.drafts.iter().any(|d| d.slug == written.value) => {}
            None => {
                let hint = match nearest(&written.value, by_slug.keys().copied()).first() {
                    Some(n) => format!("did you mean `{n}`? `related` lists case-study slugs"),
                    None => "`related` lists the slugs of other case studies (their file names without .md)".to_string(),
                };
                problems.push(
                    Diagnostic::warning(
                        &node.study.source.path,
                        format!("no case study has the slug `{}`", written.value),
                    )
                    .with_code(code::BROKEN_LINK)
                    .at_position(written.pos)
                    .with_hint(hint),
                );
            }
        }
    }
    chosen.truncate(RELATED_MAX);

    let mut add = |list: &[StudyId], points: u32| {
        for &o in window(list, s) {
            if scores[o.index()] == 0 {
                touched.push(o);
            }
            scores[o.index()] += points;
        }
    };
    for &c in &node.cities {
        add(&g.cities[c].studies, 3);
    }
    for &t in &node.topics {
        add(&g.topics[t].studies, 2);
    }
    add(&g.countries[node.country].studies, 1);
    for m in &node.links.mentions {
        add(&g.cities[m.city].studies, 1);
    }
    let mut ranked: Vec<(StudyId, u32)> = touched
        .iter()
        .map(|&o| (o, std::mem::take(&mut scores[o.index()])))
        .filter(|&(o, _)| o != s && !chosen.contains(&o))
        .collect();
    touched.clear();
    // Ids are ranks by date (newest first), so the smaller id is the newer study. Only the best
    // few are kept: select them, then sort just those.
    let best_first = |a: &(StudyId, u32), b: &(StudyId, u32)| b.1.cmp(&a.1).then(a.0.cmp(&b.0));
    let wanted = RELATED_MAX - chosen.len();
    if ranked.len() > wanted && wanted > 0 {
        ranked.select_nth_unstable_by(wanted - 1, best_first);
        ranked.truncate(wanted);
    }
    ranked.sort_unstable_by(best_first);
    chosen.extend(ranked.into_iter().take(wanted).map(|(o, _)| o));
    (chosen, problems)
}

/// The part of a newest-first list nearest in date to study `s`.
fn window(list: &[StudyId], s: StudyId) -> &[StudyId] {
    if list.len() <= WINDOW {
        return list;
    }
    let at = list.partition_point(|&o| o < s);
    let start = at.saturating_sub(WINDOW / 2).min(list.len() - WINDOW);
    &list[start..start + WINDOW]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_centres_on_the_study() {
        let id = StudyId::from_index;
        let list: Vec<StudyId> = (0..1000).map(id).collect();
        let w = window(&list, id(500));
        assert_eq!(w.len(), WINDOW);
        assert!(w.contains(&id(499)) && w.contains(&id(501)));
        assert_eq!(window(&list, id(0))[0], id(0));
        assert_eq!(*window(&list, id(999)).last().expect("non-empty"), id(999));
    }
}
