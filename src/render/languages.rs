//! What a page says about its languages: the BCP 47 tag of its `<html lang>`, the `hreflang`
//! alternates of its `<head>` (with one `x-default`, the source's address), which the sitemap
//! repeats, and the language switcher, which links the same page in each language where it
//! exists and names the others without a link.

use super::context::Ctx;
use crate::graph::{DocRef, SiteGraph};
use crate::routes::Route;
use serde::Serialize;

/// The BCP 47 tag of the language `code` (`None`: the site's default language).
pub fn tag<'g>(g: &'g SiteGraph, code: Option<&'g str>) -> &'g str {
    let code = code.unwrap_or(&g.config.language);
    g.config
        .languages
        .iter()
        .find(|l| l.language.code == code)
        .map_or(code, |l| l.language.tag.as_str())
}

/// The tag of the language this view of the site shows.
pub fn view_tag(g: &SiteGraph) -> &str {
    tag(g, g.view.as_deref())
}

/// The tag and name of the language a document is shown in, when it is not the language of
/// this view (an untranslated study listed on a Thai page), for its `lang` and its badge.
pub fn foreign(g: &SiteGraph, r: DocRef) -> Option<(&str, &str)> {
    let own = g.item_language(r);
    if own == g.view.as_deref() {
        return None;
    }
    let code = own.unwrap_or(&g.config.language);
    let l = g
        .config
        .languages
        .iter()
        .find(|l| l.language.code == code)?;
    Some((l.language.tag.as_str(), l.name.as_str()))
}

/// The `hreflang` set of a page that exists at `alternates` (language, full URL; the source's
/// first): each with its tag, then `x-default` for the first. Empty when there is none.
pub fn hreflang_set<'a>(
    g: &'a SiteGraph,
    alternates: &'a [(Option<&'a str>, String)],
) -> Vec<(&'a str, &'a str)> {
    let mut set: Vec<(&str, &str)> = alternates
        .iter()
        .map(|(code, url)| (tag(g, *code), url.as_str()))
        .collect();
    if let Some((_, first)) = alternates.first() {
        set.push(("x-default", first.as_str()));
    }
    set
}

/// A `<link rel="alternate" hreflang>` of a page's head.
#[derive(Serialize)]
pub(super) struct Alternate<'a> {
    pub hreflang: &'a str,
    pub href: &'a str,
}

/// An entry of the language switcher: the language's name and, where the page exists in it,
/// the page's address there.
#[derive(Serialize)]
pub(super) struct Switch<'a> {
    pub name: &'a str,
    pub lang: &'a str,
    pub url: Option<String>,
    pub current: bool,
}

/// Puts `alternates` and `languages` (the switcher) into the context of the page of `route`;
/// nothing on a site in one language, or on a page in one language by nature.
pub(super) fn fill(ctx: &Ctx, c: &mut tera::Context, route: Route) {
    let g = ctx.g;
    let alternates = ctx.routes.alternates(route);
    if alternates.is_empty() {
        return;
    }
    let set: Vec<Alternate> = hreflang_set(g, &alternates)
        .into_iter()
        .map(|(hreflang, href)| Alternate { hreflang, href })
        .collect();
    let here = g.view.as_deref();
    let default = g.config.languages.first().map(|l| l.language.code.as_str());
    let switcher: Vec<Switch> = g
        .config
        .languages
        .iter()
        .map(|l| {
            let code = Some(l.language.code.as_str()).filter(|c| Some(*c) != default);
            let url = alternates
                .iter()
                .find(|(a, _)| *a == code)
                .map(|_| ctx.routes.url_in(route, code));
            Switch {
                name: &l.name,
                lang: &l.language.tag,
                url,
                current: code == here,
            }
        })
        .collect();
    c.insert("alternates", &set);
    c.insert("languages", &switcher);
    if let Some(notice) = outdated(ctx, route) {
        c.insert("outdated", &notice);
    }
}

/// The notice of a translation whose source changed since it was made: where the source is and
/// its language's name.
#[derive(Serialize)]
pub(super) struct Outdated<'a> {
    pub url: String,
    pub language: &'a str,
    pub lang: &'a str,
}

fn outdated<'a>(ctx: &'a Ctx, route: Route) -> Option<Outdated<'a>> {
    let g = ctx.g;
    let r = route.doc_ref()?;
    let here = g.view.as_deref()?;
    let t = g.translation(r, here)?;
    if !matches!(t.status, crate::graph::translations::Status::Outdated(_)) {
        return None;
    }
    let source = g.source_languages.get(&r).map(String::as_str);
    let code = source.unwrap_or(&g.config.language);
    let l = g
        .config
        .languages
        .iter()
        .find(|l| l.language.code == code)?;
    let default = g.config.languages.first().map(|l| l.language.code.as_str());
    Some(Outdated {
        url: ctx
            .routes
            .url_in(route, source.filter(|s| Some(*s) != default)),
        language: &l.name,
        lang: &l.language.tag,
    })
}
