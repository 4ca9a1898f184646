//! Navigation: the next older and newer study overall, and within each study's primary city.

use super::ids::{Id, StudyId};
use super::SiteGraph;

pub(super) fn compute(g: &mut SiteGraph) {
    let n = g.studies.len();
    for s in g.studies.ids() {
        let i = s.index();
        g.studies[s].newer = i.checked_sub(1).map(StudyId::from_index);
        g.studies[s].older = (i + 1 < n).then(|| StudyId::from_index(i + 1));
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
