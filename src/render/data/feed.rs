//! `atom.xml`: the newest case studies as an Atom feed.

use crate::render::context::Ctx;
use crate::routes::{DataFile, Route};
use crate::text::escape_html;
use crate::theme::Text;

const FEED_ENTRIES: usize = 50;

pub(super) fn atom(ctx: &Ctx) -> String {
    let g = ctx.g;
    let updated = g.studies.iter().next().map_or_else(
        || "1970-01-01T00:00:00Z".to_string(),
        |s| s.study.date.rfc3339(),
    );
    let mut x = String::with_capacity(1024 + g.studies.len().min(FEED_ENTRIES) * 512);
    x.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    x.push_str(&format!(
        " xml:lang=\"{}\">\n",
        escape_html(&g.config.language)
    ));
    x.push_str(&format!(
        "  <title>{}</title>\n",
        escape_html(&g.config.title)
    ));
    if !g.config.description.is_empty() {
        x.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape_html(&g.config.description)
        ));
    }
    let home = ctx.routes.absolute_url(Route::Home);
    x.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        escape_html(&ctx.routes.absolute_url(Route::Data(DataFile::Feed)))
    ));
    x.push_str(&format!("  <link href=\"{}\"/>\n", escape_html(&home)));
    x.push_str(&format!(
        "  <id>{}</id>\n  <updated>{updated}</updated>\n",
        escape_html(&home)
    ));
    x.push_str("  <generator>casebook</generator>\n");
    for (id, s) in g.studies.enumerate().take(FEED_ENTRIES) {
        let url = ctx.routes.absolute_url(Route::Study(id));
        let title = ctx.fill(
            Text::StudyTitle,
            &[
                ("city", &g.cities[s.primary_city()].name),
                ("country", &g.countries[s.country].name),
                ("title", &s.study.title),
            ],
        );
        x.push_str("  <entry>\n");
        x.push_str(&format!("    <title>{}</title>\n", escape_html(&title)));
        x.push_str(&format!(
            "    <link href=\"{}\"/>\n    <id>{}</id>\n",
            escape_html(&url),
            escape_html(&url)
        ));
        x.push_str(&format!(
            "    <updated>{}</updated>\n",
            s.study.date.rfc3339()
        ));
        x.push_str(&format!(
            "    <author><name>{}</name></author>\n",
            escape_html(&g.config.title)
        ));
        for &t in &s.topics {
            x.push_str(&format!(
                "    <category term=\"{}\"/>\n",
                escape_html(&g.topics[t].name)
            ));
        }
        x.push_str(&format!(
            "    <summary>{}</summary>\n  </entry>\n",
            escape_html(s.summary())
        ));
    }
    x.push_str("</feed>\n");
    x
}
