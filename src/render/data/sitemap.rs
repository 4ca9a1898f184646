//! `sitemap.xml`: every page a search engine should know, with the date of each case study.

use crate::render::context::Ctx;
use crate::routes::Route;
use crate::text::escape_html;

pub(super) fn sitemap(ctx: &Ctx) -> String {
    let g = ctx.g;
    let mut urls: Vec<(Route, Option<String>)> = [
        Route::Home,
        Route::StudyList(1),
        Route::CityList,
        Route::CountryList,
        Route::TopicList,
    ]
    .into_iter()
    .map(|r| (r, None))
    .collect();
    urls.extend(
        g.studies
            .enumerate()
            .map(|(id, s)| (Route::Study(id), Some(s.study.date.to_string()))),
    );
    urls.extend(g.cities.ids().map(|c| (Route::City(c), None)));
    urls.extend(g.countries.ids().map(|k| (Route::Country(k, 1), None)));
    urls.extend(g.topics.ids().map(|t| (Route::Topic(t, 1), None)));
    urls.extend(g.pages.ids().map(|p| (Route::Page(p), None)));
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for (route, lastmod) in urls {
        x.push_str(&format!(
            "  <url><loc>{}</loc>",
            escape_html(&ctx.routes.absolute_url(route))
        ));
        if let Some(m) = lastmod {
            x.push_str(&format!("<lastmod>{m}</lastmod>"));
        }
        x.push_str("</url>\n");
    }
    x.push_str("</urlset>\n");
    x
}
