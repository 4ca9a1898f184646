//! The list of every case study, newest first, in pages.

use crate::graph::SiteGraph;
use crate::render::context::Ctx;
use crate::render::inputs::Inputs;
use crate::render::paging::Paged;
use crate::routes::Route;
use crate::theme::Text;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context, n: usize) {
    let g = ctx.g;
    let listed = g.listed_studies();
    let count = listed.len();
    let paged = Paged::new(ctx, count, n, Route::StudyList);
    c.insert(
        "page",
        &ctx.meta(
            ctx.paged_title(ctx.text(Text::CaseStudies), n, paged.pager.total),
            &ctx.fill_count(Text::StudyListDescription, count, &[]),
            Route::StudyList(n),
            "case-studies",
        ),
    );
    c.insert("breadcrumbs", &ctx.crumbs(&[]));
    c.insert_value(
        "studies",
        ctx.cards(listed[paged.range.clone()].iter().copied()),
    );
    c.insert("study_count", &count);
    c.insert("pager", &paged.pager);
}

pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs, n: usize) {
    i.chrome(g);
    let listed = g.listed_studies();
    let count = listed.len();
    i.number(count);
    i.number(n);
    let range = crate::render::paging::page_range(count, g.config.page_size, n);
    i.cards(listed[range].iter().copied());
}
