//! The page left at an old address (`redirect_from:`): it sends the reader on to the page's new
//! address at once (a meta refresh, and a script that keeps the `#fragment`), names that address
//! as canonical so search engines move their entry, and shows a link for a reader whose browser
//! does neither.

use crate::graph::SiteGraph;
use crate::render::context::{Ctx, Link, PageMeta};
use crate::render::inputs::{doc_deps, Dep, Inputs};
use crate::render::relative::relative_url;
use crate::routes::Route;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context, i: usize) {
    let Some(redirect) = ctx.g.redirects.get(i) else {
        return;
    };
    let title = ctx.g.doc_title(redirect.to);
    let (url, canonical) = ctx.routes.redirect_target(redirect);
    // The refresh's URL is no attribute the relative pass reads: it is made relative here.
    let config = &ctx.g.config;
    let refresh = if config.relative_links {
        let page = ctx.routes.output_path(Route::Redirect(i));
        relative_url(&url, &page, &config.base_path).unwrap_or_else(|| url.clone())
    } else {
        url.clone()
    };
    c.insert(
        "page",
        &PageMeta {
            title: title.to_string(),
            description: String::new(),
            canonical,
            kind: "redirect",
        },
    );
    c.insert(
        "target",
        &Link {
            title,
            url: url.into(),
        },
    );
    c.insert("refresh", &refresh);
}

pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs, n: usize) {
    if let Some(redirect) = g.redirects.get(n) {
        i.deps.extend(doc_deps(redirect.to));
        i.push(Dep::LinkTo(redirect.to));
    }
}
