//! `sitemap.xml`: every page a search engine should know, with the date of each case study. Above
//! 50,000 pages (the limit of one sitemap file), `sitemap.xml` is an index of `sitemaps/<n>.xml`.

use crate::graph::SiteGraph;
use crate::render::context::Ctx;
use crate::routes::{Route, SitemapEntry, SITEMAP_MAX_URLS};
use crate::text::escape_html;

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";
const XHTML: &str = "http://www.w3.org/1999/xhtml";

/// `sitemap.xml`: the whole sitemap, or the index of its parts.
pub(super) fn sitemap(ctx: &Ctx) -> String {
    let parts = ctx.routes.sitemap_parts();
    if parts == 0 {
        return urlset(ctx, &ctx.routes.sitemap_entries());
    }
    let mut x = format!("{HEAD}<sitemapindex xmlns=\"{NS}\">\n");
    for n in 1..=parts {
        x.push_str(&format!(
            "  <sitemap><loc>{}</loc></sitemap>\n",
            escape_html(&ctx.routes.absolute_url(Route::SitemapPart(n)))
        ));
    }
    x.push_str("</sitemapindex>\n");
    x
}

/// Part `n` (from 1) of a split sitemap.
pub(in crate::render) fn part(ctx: &Ctx, n: usize) -> String {
    let all = ctx.routes.sitemap_entries();
    let start = (n.saturating_sub(1) * SITEMAP_MAX_URLS).min(all.len());
    let end = (start + SITEMAP_MAX_URLS).min(all.len());
    urlset(ctx, &all[start..end])
}

fn urlset(ctx: &Ctx, entries: &[SitemapEntry]) -> String {
    let mut x = if ctx.g.config.languages.is_empty() {
        format!("{HEAD}<urlset xmlns=\"{NS}\">\n")
    } else {
        format!("{HEAD}<urlset xmlns=\"{NS}\" xmlns:xhtml=\"{XHTML}\">\n")
    };
    for entry in entries {
        x.push_str(&format!("  <url><loc>{}</loc>", escape_html(&entry.url)));
        if let Some(m) = lastmod(ctx.g, entry.route) {
            x.push_str(&format!("<lastmod>{m}</lastmod>"));
        }
        // The same set as the page's own `<link rel="alternate" hreflang>` (render::languages).
        for (hreflang, url) in crate::render::languages::hreflang_set(ctx.g, &entry.alternates) {
            x.push_str(&format!(
                "<xhtml:link rel=\"alternate\" hreflang=\"{}\" href=\"{}\"/>",
                escape_html(hreflang),
                escape_html(url)
            ));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}

/// A case study's date; other pages have none.
fn lastmod(g: &SiteGraph, route: Route) -> Option<String> {
    match route {
        Route::Study(s) => Some(g.studies[s].study.date.to_string()),
        _ => None,
    }
}
