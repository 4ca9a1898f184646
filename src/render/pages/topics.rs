//! The list of topics, with their numbers of studies.

use super::topic_links;
use crate::graph::SiteGraph;
use crate::render::context::Ctx;
use crate::render::inputs::Inputs;
use crate::routes::Route;
use crate::theme::Text;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context) {
    c.insert(
        "page",
        &ctx.meta(
            ctx.text(Text::Topics).to_string(),
            ctx.text(Text::TopicsDescription),
            Route::TopicList,
            "topics",
        ),
    );
    c.insert("breadcrumbs", &ctx.crumbs(&[]));
    c.insert("topics", &topic_links(ctx));
}

pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs) {
    i.chrome(g);
    super::topic_link_inputs(g, i);
}
