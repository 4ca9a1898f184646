//! Navigation: the next older and newer study overall, and within each study's primary city.

use super::ids::StudyId;
use super::SiteGraph;

/// Among the studies the site lists ([`SiteGraph::listed_studies`]; each city's, in a view that
/// leaves some out, are those already).
pub(super) fn compute(g: &mut SiteGraph) {
    let listed = g.listed.clone();
    for (pos, &s) in listed.iter().enumerate() {
        g.studies[s].newer = pos.checked_sub(1).map(|p| listed[p]);
        g.studies[s].older = listed.get(pos + 1).copied();
    }
    let cities: Vec<_> = g.cities.ids().collect();
    for c in cities {
        // Neighbours among the studies whose primary city is this one (newest first).
        let primary: Vec<StudyId> = g.cities[c]
            .studies
            .iter()
            .copied()
            .filter(|&s| g.studies[s].primary_city() == c)
            .collect();
        for (pos, &s) in primary.iter().enumerate() {
            g.studies[s].newer_in_city = pos.checked_sub(1).map(|p| primary[p]);
            g.studies[s].older_in_city = primary.get(pos + 1).copied();
        }
    }
}
