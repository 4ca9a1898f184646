//! The home page: the newest studies, the cities by country and the topics.

use super::{country_groups, topic_links, SHORT_LIST};
use crate::graph::SiteGraph;
use crate::render::context::Ctx;
use crate::render::inputs::Inputs;
use crate::routes::Route;

/// How many studies the home page shows.
const HOME_STUDIES: usize = 10;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context) {
    let g = ctx.g;
    c.insert(
        "page",
        &ctx.meta(
            g.config.title.clone(),
            &g.config.description,
            Route::Home,
            "home",
        ),
    );
    let listed = g.listed_studies();
    c.insert_value(
        "latest",
        ctx.cards(listed.iter().copied().take(HOME_STUDIES)),
    );
    c.insert("study_count", &listed.len());
    c.insert("all_studies_url", &ctx.url(Route::StudyList(1)));
    c.insert("countries", &country_groups(ctx, SHORT_LIST));
    c.insert("topics", &topic_links(ctx));
}

pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs) {
    i.chrome(g);
    let listed = g.listed_studies();
    i.cards(listed.iter().copied().take(HOME_STUDIES));
    i.number(listed.len());
    super::country_group_inputs(g, i, SHORT_LIST);
    super::topic_link_inputs(g, i);
}
