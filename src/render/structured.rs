//! Structured data (schema.org JSON-LD) for search engines and aggregators: an `Article` and a
//! `BreadcrumbList` on each case study's page, a `CollectionPage` whose main entity is a `City` on
//! each city's page.
//!
//! Serialised with serde_json, then `<`, `>` and `&` are written as `\u003c`, `\u003e`, `\u0026`:
//! the same JSON, but no value (a title holding `</script>`) can end the script element.

use super::context::Ctx;
use crate::graph::{CityId, StudyId};
use crate::load::FactValue;
use crate::routes::Route;
use serde_json::{json, Value};

/// The `@id` of a city as a thing (its page's URL is the page's).
fn city_id(ctx: &Ctx, c: CityId) -> String {
    format!("{}#city", ctx.routes.absolute_url(Route::City(c)))
}

/// JSON-LD for the page of study `s`, whose breadcrumbs show `trail` (after Home).
pub(super) fn study(ctx: &Ctx, s: StudyId, trail: &[(&str, Route)]) -> tera::Value {
    let g = ctx.g;
    let node = &g.studies[s];
    let study = &node.study;
    let url = ctx.routes.absolute_url(Route::Study(s));
    let party = |p: crate::config::Party| {
        let mut o = json!({"@type": "Organization", "name": p.name});
        if let Some(url) = p.url {
            o["url"] = json!(url);
        }
        o
    };
    let cities: Vec<Value> = node
        .cities
        .iter()
        .map(|&c| json!({"@type": "City", "@id": city_id(ctx, c), "name": g.cities[c].name}))
        .collect();
    let citations: Vec<Value> = study
        .sources
        .iter()
        .map(|src| {
            let mut work = json!({"@type": "CreativeWork", "name": src.title});
            if let Some(url) = &src.url {
                work["url"] = json!(url);
            }
            if let Some(publisher) = &src.publisher {
                work["publisher"] = json!({"@type": "Organization", "name": publisher});
            }
            work
        })
        .collect();
    let article = json!({
        "@context": "https://schema.org",
        "@type": "Article",
        "@id": format!("{url}#article"),
        "mainEntityOfPage": url,
        "headline": study.title,
        "description": node.summary(),
        "datePublished": study.date.to_string(),
        "inLanguage": super::languages::tag(g, g.item_language(crate::graph::DocRef::Study(s))),
        "author": party(g.config.author()),
        "publisher": party(g.config.publisher()),
        "about": cities,
        "spatialCoverage": cities,
        "keywords": node.topics.iter().map(|&t| g.topics[t].name.as_str()).collect::<Vec<_>>(),
        "citation": citations,
    });
    let mut article = article;
    // The source names its translations; a translation names its source.
    let alternates = ctx.routes.alternates(Route::Study(s));
    if let Some(((_, source), others)) = alternates.split_first() {
        let work = |u: &str| json!({"@id": format!("{u}#article")});
        if *source == url {
            if !others.is_empty() {
                article["workTranslation"] =
                    json!(others.iter().map(|(_, u)| work(u)).collect::<Vec<_>>());
            }
        } else {
            article["translationOfWork"] = work(source);
        }
    }
    script(&[
        article,
        breadcrumbs(ctx, trail, (&study.title, Route::Study(s))),
    ])
}

/// JSON-LD for the page of city `c`, whose breadcrumbs show `trail` (after Home).
pub(super) fn city(ctx: &Ctx, c: CityId, trail: &[(&str, Route)]) -> tera::Value {
    let g = ctx.g;
    let city = &g.cities[c];
    let url = ctx.routes.absolute_url(Route::City(c));
    let mut place = json!({
        "@type": "City",
        "@id": city_id(ctx, c),
        "name": city.name,
        "containedInPlace": {"@type": "Country", "name": g.countries[city.country].name},
    });
    if !city.aliases.is_empty() {
        place["alternateName"] = json!(city.aliases);
    }
    if let Some((lat, lon)) = city.profile.as_ref().and_then(|p| p.coordinates) {
        place["geo"] = json!({"@type": "GeoCoordinates", "latitude": lat, "longitude": lon});
    }
    let properties: Vec<Value> = city
        .fast_facts
        .iter()
        .filter_map(|f| match &f.fact.value {
            FactValue::Population(n) => {
                Some(json!({"@type": "PropertyValue", "name": "population", "value": n}))
            }
            // KMK: square kilometre (UN/CEFACT common code).
            FactValue::AreaKm2(a) => Some(
                json!({"@type": "PropertyValue", "name": "area", "value": a, "unitCode": "KMK", "unitText": "km²"}),
            ),
            _ => None,
        })
        .collect();
    if !properties.is_empty() {
        place["additionalProperty"] = json!(properties);
    }
    let page = json!({
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "@id": url,
        "url": url,
        "name": city.name,
        "inLanguage": super::languages::view_tag(g),
        "mainEntity": place,
        "hasPart": city.studies.iter().map(|&s| json!({
            "@type": "Article",
            "@id": format!("{}#article", ctx.routes.absolute_url(Route::Study(s))),
            "headline": g.studies[s].study.title,
        })).collect::<Vec<_>>(),
    });
    script(&[page, breadcrumbs(ctx, trail, (&city.name, Route::City(c)))])
}

/// The page's breadcrumbs, the same trail the page shows, ending with the page itself.
fn breadcrumbs(ctx: &Ctx, trail: &[(&str, Route)], current: (&str, Route)) -> Value {
    json!({
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": ctx.trail(trail).into_iter().chain([current]).enumerate().map(|(i, (name, route))| json!({
            "@type": "ListItem",
            "position": i + 1,
            "name": name,
            "item": ctx.routes.absolute_url(route),
        })).collect::<Vec<_>>(),
    })
}

/// The JSON of `items`, safe inside a `<script>` element.
fn script(items: &[Value]) -> tera::Value {
    let json = serde_json::to_string(items).unwrap_or_else(|_| "[]".to_string());
    tera::Value::safe_string(&escape_for_script(&json))
}

/// JSON with `<`, `>` and `&` escaped as JSON `\u` escapes (the same value).
pub(super) fn escape_for_script(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

#[cfg(test)]
mod tests {
    #[test]
    fn no_value_can_close_the_script() {
        let json = serde_json::to_string(&serde_json::json!({"t": "</script><b>&"})).expect("json");
        let safe = super::escape_for_script(&json);
        assert!(!safe.contains('<') && !safe.contains('>'));
        let back: serde_json::Value = serde_json::from_str(&safe).expect("still JSON");
        assert_eq!(back["t"], "</script><b>&");
    }
}
