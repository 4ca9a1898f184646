//! A topic: its studies, in pages, and its cities (on the first page).

use super::StudyGroup;
use crate::graph::SiteGraph;
use crate::graph::TopicId;
use crate::render::context::Ctx;
use crate::render::inputs::{Dep, Inputs};
use crate::routes::Route;
use crate::theme::Text;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context, t: TopicId, n: usize) {
    let topic = &ctx.g.topics[t];
    let description = ctx.fill_count(
        Text::TopicDescription,
        topic.studies.len(),
        &[("topic", &topic.name)],
    );
    let group = StudyGroup {
        name: &topic.name,
        studies: &topic.studies,
        description,
        kind: "topic",
        feed: crate::routes::FeedOf::Topic(t),
        list: (Text::Topics, Route::TopicList),
    };
    super::fill_group_page(ctx, c, group, n, |p| Route::Topic(t, p));
    c.insert("topic", &ctx.topic_link(t));
    // The city list shows on the first page only; later pages do not build it.
    let shown = if n == 1 { &topic.cities[..] } else { &[] };
    c.insert("cities", &ctx.city_links(shown.iter().copied()));
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
