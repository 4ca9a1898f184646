//! Machine-readable outputs: the Atom feed, the sitemap, the search index and open data. One
//! module per format; the route layer names each file ([`DataFile`]).
//!
//! The JSON files are written from borrowed, typed records: no intermediate `serde_json::Value`
//! tree, which cost more than rendering the HTML of a thousand pages.

mod csv_files;
pub(super) mod feed;
mod graph_json;
mod open_data;
pub mod redirects;
pub(super) mod search;
pub(super) mod sitemap;

use super::context::Ctx;
use crate::output::{Body, Output};
use crate::routes::{DataFile, Route};
use serde::Serialize;

pub(super) fn render(ctx: &Ctx, file: DataFile) -> Output {
    let bytes = match file {
        DataFile::Feed => feed::atom(ctx, None).into_bytes(),
        DataFile::Sitemap => sitemap::sitemap(ctx).into_bytes(),
        DataFile::SearchIndex => search::catalog(ctx),
        DataFile::Studies => open_data::studies(ctx),
        DataFile::Cities => open_data::cities(ctx),
        DataFile::Graph => graph_json::graph(ctx),
        DataFile::StudiesCsv => csv_files::studies(ctx),
        DataFile::CitiesCsv => csv_files::cities(ctx),
        DataFile::Robots => robots(ctx).into_bytes(),
        DataFile::MapOutline => crate::render::map::outline_svg().into_bytes(),
        DataFile::Redirects => redirects::json(ctx),
        DataFile::HostRedirects => redirects::host_rules(ctx),
    };
    Output {
        path: ctx.routes.output_path(Route::Data(file)),
        body: Body::Bytes(bytes),
    }
}

/// Part `n` of a sitemap split in several files.
pub(super) fn render_sitemap_part(ctx: &Ctx, n: usize) -> Output {
    Output {
        path: ctx.routes.output_path(Route::SitemapPart(n)),
        body: Body::Bytes(sitemap::part(ctx, n).into_bytes()),
    }
}

/// Part `n` of the search index's terms or of the studies' text.
pub(super) fn render_search_part(ctx: &Ctx, route: Route) -> Output {
    let bytes = match route {
        Route::SearchText(n) => search::text_part(ctx, n),
        Route::SearchTerms(n) => search::terms_part(ctx, n),
        _ => Vec::new(),
    };
    Output {
        path: ctx.routes.output_path(route),
        body: Body::Bytes(bytes),
    }
}

/// The feed of one city, country or topic.
pub(super) fn render_feed(ctx: &Ctx, of: crate::routes::FeedOf) -> Output {
    Output {
        path: ctx.routes.output_path(Route::Feed(of)),
        body: Body::Bytes(feed::atom(ctx, Some(of)).into_bytes()),
    }
}

/// `robots.txt`: every page may be crawled; the sitemap is here. (Crawlers read it only at the
/// root of a host: a site published in a subfolder needs the host's own robots.txt to name it.)
fn robots(ctx: &Ctx) -> String {
    format!(
        "User-agent: *\nAllow: /\n\nSitemap: {}\n",
        ctx.routes.absolute_url(Route::Data(DataFile::Sitemap))
    )
}

/// Serializes `value` into a buffer sized for `items` records of about `bytes_each` bytes.
fn to_json(value: &impl Serialize, items: usize, bytes_each: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(items * bytes_each + 256);
    let _ = serde_json::to_writer(&mut out, value);
    out
}

/// A JSON array written straight from an iterator, never collected: the large data files then
/// need no more memory than their own bytes.
struct Lazy<F>(F);

impl<F, I> Serialize for Lazy<F>
where
    F: Fn() -> I,
    I: Iterator,
    I::Item: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq((self.0)())
    }
}
