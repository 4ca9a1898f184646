//! Atom feeds (RFC 4287) of the newest case studies: the site's (`atom.xml`) and one per city,
//! country and topic (`cities/<slug>/atom.xml`, ...), each linked from its page.

use crate::graph::{SiteGraph, StudyId};
use crate::render::context::Ctx;
use crate::render::inputs::{Dep, Inputs};
use crate::routes::{DataFile, FeedOf, Route};
use crate::text::escape_html;
use crate::theme::Text;
use std::borrow::Cow;

const FEED_ENTRIES: usize = 50;

/// The studies a feed lists (newest first, all of them; the feed shows the first ones), and the
/// page it belongs to.
fn studies_of(g: &SiteGraph, of: Option<FeedOf>) -> (Cow<'_, [StudyId]>, Route) {
    let (studies, page) = all_studies_of(g, of);
    if g.config.languages.is_empty() {
        return (studies, page);
    }
    // A language's feed lists the studies that exist in it.
    let here = g.view.as_deref();
    let shown = |s: &StudyId| g.item_language(crate::graph::DocRef::Study(*s)) == here;
    let studies: Vec<StudyId> = match of {
        None => (g.listed_studies().iter())
            .copied()
            .filter(shown)
            .take(FEED_ENTRIES)
            .collect(),
        Some(_) => studies.iter().copied().filter(shown).collect(),
    };
    (Cow::Owned(studies), page)
}

fn all_studies_of(g: &SiteGraph, of: Option<FeedOf>) -> (Cow<'_, [StudyId]>, Route) {
    match of {
        None => (
            Cow::Owned(g.studies.ids().take(FEED_ENTRIES).collect()),
            Route::Home,
        ),
        Some(FeedOf::City(c)) => (Cow::Borrowed(&g.cities[c].studies[..]), Route::City(c)),
        Some(FeedOf::Country(k)) => (
            Cow::Borrowed(&g.countries[k].studies[..]),
            Route::Country(k, 1),
        ),
        Some(FeedOf::Topic(t)) => (Cow::Borrowed(&g.topics[t].studies[..]), Route::Topic(t, 1)),
    }
}

/// What the feed of `of` reads, for rebuilding after an edit (see `render::inputs`).
pub(in crate::render) fn inputs(g: &SiteGraph, i: &mut Inputs, of: FeedOf) {
    let (studies, _) = studies_of(g, Some(of));
    match of {
        FeedOf::City(c) => i.push(Dep::CityName(c)),
        FeedOf::Country(k) => i.push(Dep::CountryName(k)),
        FeedOf::Topic(t) => i.push(Dep::TopicName(t)),
    }
    for &s in studies.iter().take(FEED_ENTRIES) {
        // Title, date, summary, topics: all written in the study's file.
        i.deps.extend([Dep::StudyCard(s), Dep::StudyFile(s)]);
        for &t in &g.studies[s].topics {
            i.push(Dep::TopicName(t));
        }
    }
    i.number(studies.len().min(FEED_ENTRIES));
}

/// The feed of `of`, or the site's.
pub(super) fn atom(ctx: &Ctx, of: Option<FeedOf>) -> String {
    let g = ctx.g;
    let (studies, page) = studies_of(g, of);
    let updated = studies.first().map_or_else(
        || "1970-01-01T00:00:00Z".to_string(),
        |&s| g.studies[s].study.date.rfc3339(),
    );
    let mut x = String::with_capacity(1024 + studies.len().min(FEED_ENTRIES) * 512);
    x.push_str(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"",
    );
    x.push_str(&format!(
        " xml:lang=\"{}\">\n",
        escape_html(crate::render::languages::view_tag(g))
    ));
    let title = match of {
        None => g.config.title.clone(),
        Some(of) => {
            let name = match of {
                FeedOf::City(c) => &g.cities[c].name,
                FeedOf::Country(k) => &g.countries[k].name,
                FeedOf::Topic(t) => &g.topics[t].name,
            };
            ctx.fill(Text::FeedOf, &[("name", name), ("site", &g.config.title)])
        }
    };
    x.push_str(&format!("  <title>{}</title>\n", escape_html(&title)));
    if !g.config.description.is_empty() {
        x.push_str(&format!(
            "  <subtitle>{}</subtitle>\n",
            escape_html(&g.config.description)
        ));
    }
    let home = ctx.routes.absolute_url(page);
    let own = of.map_or(Route::Data(DataFile::Feed), Route::Feed);
    x.push_str(&format!(
        "  <link href=\"{}\" rel=\"self\" type=\"application/atom+xml\"/>\n",
        escape_html(&ctx.routes.absolute_url(own))
    ));
    x.push_str(&format!("  <link href=\"{}\"/>\n", escape_html(&home)));
    x.push_str(&format!(
        "  <id>{}</id>\n  <updated>{updated}</updated>\n",
        escape_html(&home)
    ));
    x.push_str("  <generator>casebook</generator>\n");
    for &id in studies.iter().take(FEED_ENTRIES) {
        let s = &g.studies[id];
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
        let author = g.config.author();
        x.push_str(&format!(
            "    <author><name>{}</name>{}</author>\n",
            escape_html(&author.name),
            author
                .url
                .map(|u| format!("<uri>{}</uri>", escape_html(&u)))
                .unwrap_or_default()
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
