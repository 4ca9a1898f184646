//! What `casebook check` adds to the build's own problems: warnings an editor wants while
//! writing, which do not stop a build (a study without one of the three canonical sections, an
//! image without alt text, a fact older than `site.yaml` `freshness` allows).

use crate::config::SectionKind;
use crate::diagnostics::{code, Diagnostic};
use crate::graph::SiteGraph;
use pulldown_cmark::{Event, Tag, TagEnd};

/// A translation whose source changed since its `translated_from:` stamp, at the stamp.
fn outdated_translations(g: &SiteGraph) -> Vec<Diagnostic> {
    g.translations
        .iter()
        .filter_map(|t| {
            let crate::graph::translations::Status::Outdated(parts) = g.translation_status(t)
            else {
                return None;
            };
            let stamp = t.translation.stamp.as_ref()?;
            let source = g.doc_source(t.of)?;
            Some(
                Diagnostic::warning(
                    &t.translation.source.path,
                    format!(
                        "this translation is out of date: {} changed in {} since it was stamped",
                        parts.join(", "),
                        source.path.display()
                    ),
                )
                .with_code(code::TRANSLATION_OUTDATED)
                .at_position(stamp.pos)
                .with_hint(format!(
                    "bring those parts up to date, then run `casebook translations --stamp {}`",
                    t.translation.source.path.display()
                )),
            )
        })
        .collect()
}

/// Warnings about the content of `g` that the build does not report.
pub fn advice(g: &SiteGraph) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    found.extend(stale_facts(g));
    found.extend(cities_without_coordinates(g));
    found.extend(outdated_translations(g));
    for node in g.studies.iter() {
        let study = &node.study;
        let missing: Vec<&str> = [
            SectionKind::Background,
            SectionKind::Solutions,
            SectionKind::Lessons,
        ]
        .into_iter()
        .filter(|k| !study.doc.sections.iter().any(|s| s.kind == *k))
        .map(|k| k.name())
        .collect();
        if !missing.is_empty() {
            found.push(
                Diagnostic::warning(
                    &study.source.path,
                    format!("this case study has no {} section", missing.join(" or ")),
                )
                .with_code(code::MISSING_SECTION)
                .at_position(study.slug_at)
                .with_hint("a case study tells its story in `## Background`, `## Solutions Implemented` and `## Results and Lessons Learned` (other headings can be mapped to them in site.yaml `sections`)"),
            );
        }
    }
    for r in g.doc_refs() {
        let (Some(doc), Some(source)) = (g.document(r), g.doc_source(r)) else {
            continue;
        };
        for link in &doc.links {
            let image = matches!(doc.events.get(link.event), Event::Start(Tag::Image { .. }));
            let empty = link.event + 1 < doc.events.len()
                && matches!(doc.events.get(link.event + 1), Event::End(TagEnd::Image));
            if image && empty {
                found.push(
                    Diagnostic::warning(&source.path, format!("the image `{}` has no alt text", link.dest))
                        .with_code(code::IMAGE_WITHOUT_ALT)
                        .at_position(link.pos)
                        .with_hint("describe the image between the brackets, like `![The light-rail route through Khon Kaen](route.svg)`, for readers who cannot see it"),
                );
            }
        }
    }
    found
}

/// A warning at each value a city shows that is older than its freshness limit, or has no year
/// while a limit is set.
fn stale_facts(g: &SiteGraph) -> Vec<Diagnostic> {
    let today = crate::text::Date::today();
    crate::freshness::stale_facts(g, today)
        .into_iter()
        .map(|f| {
            let city = &g.cities[f.city].name;
            let (message, hint) = match f.year {
                Some(year) => (
                    format!(
                        "`{}` of {city} is from {year}, older than the {} years site.yaml `freshness` allows",
                        f.key, f.limit_years
                    ),
                    format!("write a newer value with its year: `{}: {{value: ..., year: {}, source: ...}}`", f.key, today.year),
                ),
                None => (
                    format!(
                        "`{}` of {city} has no year, and site.yaml `freshness` allows {} years",
                        f.key, f.limit_years
                    ),
                    format!("write it with its year and source: `{}: {{value: ..., year: ..., source: ...}}`", f.key),
                ),
            };
            Diagnostic::warning(&f.file, message)
                .with_code(code::STALE_FACT)
                .at_position(f.pos)
                .with_hint(hint)
        })
        .collect()
}

/// A note for each city no map can show: it has no profile with `coordinates`.
fn cities_without_coordinates(g: &SiteGraph) -> Vec<Diagnostic> {
    g.cities
        .iter()
        .filter(|c| c.profile.as_ref().is_none_or(|p| p.coordinates.is_none()))
        .map(|c| {
            let hint = match &c.profile {
                Some(_) => "add `coordinates: {lat: 16.43, lon: 102.83}` to its front matter",
                None => "write a profile for it in content/cities/ with `coordinates: {lat: ..., lon: ...}`",
            };
            Diagnostic::warning(
                &c.written.file,
                format!("{} has no coordinates: the maps list it beside them instead", c.name),
            )
            .with_code(code::NO_COORDINATES)
            .at_position(c.written.pos)
            .with_hint(hint)
        })
        .collect()
}
