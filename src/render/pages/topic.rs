//! A topic: its studies, in pages, and its cities (on the first page).

use crate::graph::SiteGraph;
use crate::graph::TopicId;
use crate::render::context::Ctx;
use crate::render::inputs::{Dep, Inputs};
use crate::render::paging::Paged;
use crate::routes::Route;
use crate::theme::Text;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context, t: TopicId, n: usize) {
    let topic = &ctx.g.topics[t];
    let description = ctx.fill(
        Text::TopicDescription,
        &[
            ("count", &topic.studies.len().to_string()),
            ("topic", &topic.name),
        ],
    );
    let paged = Paged::new(ctx, topic.studies.len(), n, |p| Route::Topic(t, p));
    c.insert(
        "page",
        &ctx.meta(
            ctx.paged_title(&topic.name, n, paged.pager.total),
            &description,
            Route::Topic(t, n),
            "topic",
        ),
    );
    c.insert(
        "breadcrumbs",
        &ctx.crumbs(&[(ctx.text(Text::Topics), Route::TopicList)]),
    );
    c.insert("topic", &ctx.topic_link(t));
    c.insert_value(
        "studies",
        ctx.cards(topic.studies[paged.range.clone()].iter().copied()),
    );
    c.insert("study_count", &topic.studies.len());
    // The city list shows on the first page only; later pages do not build it.
    let shown = if n == 1 { &topic.cities[..] } else { &[] };
    c.insert("cities", &ctx.city_links(shown.iter().copied()));
    c.insert("pager", &paged.pager);
}

pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs, t: TopicId, n: usize) {
    i.chrome(g);
    let topic = &g.topics[t];
    i.push(Dep::TopicName(t));
    i.number(n);
    i.number(topic.studies.len());
    i.cards(super::page_of(g, &topic.studies, n).iter().copied());
    if n == 1 {
        i.cities(topic.cities.iter().copied());
    }
}
