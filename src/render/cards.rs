//! Study cards and links: each study's entry in lists, rendered once with `study_card.html` and
//! `study_link.html` and shared by every page that lists the study.

use super::context::StudyPartial;
use super::template_error;
use crate::diagnostics::Diagnostic;
use crate::graph::{Id, SiteGraph, StudyId};
use crate::output::{all_or_failures, Failed};
use crate::routes::{Route, Routes};
use crate::theme::Theme;
use rayon::prelude::*;
use serde::Serialize;

/// What a list entry of a case study shows.
#[derive(Serialize)]
struct StudyCard<'a> {
    title: &'a str,
    url: String,
    date: String,
    date_iso: String,
    city: &'a str,
    city_url: String,
    country: &'a str,
    summary: &'a str,
    /// The tag of the study's language and its name, when it is not the page's (an
    /// untranslated study in a list of another language).
    lang: Option<&'a str>,
    language: Option<&'a str>,
}

/// Renders every study's partials, in parallel; a failing template is reported once per cause.
pub(super) fn render_all(
    g: &SiteGraph,
    routes: &Routes,
    theme: &Theme,
) -> Result<Vec<[tera::Value; 2]>, Vec<Diagnostic>> {
    render_each(g.studies.len(), |i| {
        render_one(g, routes, theme, StudyId::from_index(i))
    })
}

/// Renders the partials of the studies `stale` again, keeping the others of `partials` (after an
/// edit that changed only those studies' cards).
pub(super) fn render_again(
    g: &SiteGraph,
    routes: &Routes,
    theme: &Theme,
    mut partials: Vec<[tera::Value; 2]>,
    stale: &[StudyId],
) -> Result<Vec<[tera::Value; 2]>, Vec<Diagnostic>> {
    let fresh = render_each(stale.len(), |i| render_one(g, routes, theme, stale[i]))?;
    for (&s, p) in stale.iter().zip(fresh) {
        if let Some(slot) = partials.get_mut(s.index()) {
            *slot = p;
        }
    }
    Ok(partials)
}

/// One study's card and link.
fn render_one(
    g: &SiteGraph,
    routes: &Routes,
    theme: &Theme,
    id: StudyId,
) -> Result<[tera::Value; 2], Failed> {
    let s = &g.studies[id];
    let city = s.primary_city();
    let foreign = super::languages::foreign(g, crate::graph::DocRef::Study(id));
    let card = StudyCard {
        title: &s.study.title,
        url: routes.url(Route::Study(id)),
        date: theme.locale.long_date(s.study.date),
        date_iso: s.study.date.to_string(),
        city: &g.cities[city].name,
        city_url: routes.url(Route::City(city)),
        country: &g.countries[s.country].name,
        summary: s.summary(),
        lang: foreign.map(|(tag, _)| tag),
        language: foreign.map(|(_, name)| name),
    };
    let mut c = tera::Context::new();
    c.insert("card", &card);
    let mut html = Vec::with_capacity(512);
    let mut out = StudyPartial::ALL.map(|_| tera::Value::none());
    for kind in StudyPartial::ALL {
        html.clear();
        theme
            .tera
            .render_to(kind.template(), &c, &mut html)
            .map_err(|e| Failed {
                path: s.study.source.path.to_string_lossy().into_owned(),
                diagnostic: template_error(theme, kind.template(), &e),
            })?;
        // A partial is a fragment placed inside a line of its list: no trailing newline.
        let text = String::from_utf8_lossy(&html);
        out[kind as usize] = tera::Value::safe_string(text.trim_end());
    }
    Ok(out)
}

/// Renders `n` partials in parallel, collecting every failure.
fn render_each(
    n: usize,
    one: impl Fn(usize) -> Result<[tera::Value; 2], Failed> + Sync + Send,
) -> Result<Vec<[tera::Value; 2]>, Vec<Diagnostic>> {
    let rendered: Vec<Result<[tera::Value; 2], Failed>> = (0..n).into_par_iter().map(one).collect();
    all_or_failures(rendered)
}
