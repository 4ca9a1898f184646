//! `sitemap.xml`: every page a search engine should know, with the date of each case study. Above
//! 50,000 pages (the limit of one sitemap file), `sitemap.xml` is an index of `sitemaps/<n>.xml`.

use crate::graph::SiteGraph;
use crate::render::context::Ctx;
use crate::routes::{Route, SITEMAP_MAX_URLS};
use crate::text::escape_html;

const HEAD: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";
const NS: &str = "http://www.sitemaps.org/schemas/sitemap/0.9";

/// `sitemap.xml`: the whole sitemap, or the index of its parts.
pub(super) fn sitemap(ctx: &Ctx) -> String {
    let parts = ctx.routes.sitemap_parts();
    if parts == 0 {
        return urlset(ctx, &ctx.routes.sitemap_routes());
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
    let all = ctx.routes.sitemap_routes();
    let start = (n.saturating_sub(1) * SITEMAP_MAX_URLS).min(all.len());
    let end = (start + SITEMAP_MAX_URLS).min(all.len());
    urlset(ctx, &all[start..end])
}

fn urlset(ctx: &Ctx, routes: &[Route]) -> String {
    let mut x = format!("{HEAD}<urlset xmlns=\"{NS}\">\n");
    for &route in routes {
        x.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape_html(&ctx.routes.absolute_url(route))
        ));
        if let Some(m) = lastmod(ctx.g, route) {
            x.push_str(&format!("<lastmod>{m}</lastmod>"));
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
