//! Partner cities: a profile's `partners` link both ways, whichever city declared them.

use super::identity::CityNames;
use super::ids::CityId;
use super::{Missing, NameSite, SiteGraph};
use crate::diagnostics::code;
use crate::diagnostics::Diagnostics;

pub(super) fn link(g: &mut SiteGraph, names: &CityNames, missing: &Missing, d: &mut Diagnostics) {
    let mut pairs: Vec<(CityId, CityId)> = Vec::new();
    for (c, city) in g.cities.enumerate() {
        let Some(profile) = &city.profile else {
            continue;
        };
        for partner in &profile.partners {
            let site = NameSite {
                source: &profile.source,
                pos: partner.pos,
            };
            match names.find(&partner.value) {
                Some(p) if p == c => d.push(
                    site.warning("a city cannot be its own partner")
                        .with_hint("remove this entry from `partners`"),
                ),
                Some(p) => pairs.push((c, p)),
                None if missing.may_be_city(&partner.value) => {}
                None => {
                    let hint = match names.suggestions(&partner.value).first() {
                        Some(s) => {
                            format!("did you mean `{s}`? Partners must be cities of this site")
                        }
                        None => {
                            "add a profile for it in content/cities/, or a case study that names it"
                                .to_string()
                        }
                    };
                    d.push(
                        site.warning(format!(
                            "the partner city `{}` is not known and is not linked",
                            partner.value
                        ))
                        .with_code(code::UNKNOWN_CITY)
                        .with_hint(hint),
                    );
                }
            }
        }
    }
    for (c, p) in pairs {
        g.cities[c].partners.push(p);
        g.cities[p].partners.push(c);
    }
    for city in g.cities.iter_mut() {
        city.partners.sort_unstable();
        city.partners.dedup();
    }
}
