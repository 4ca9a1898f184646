//! A free page from `content/pages/`.

use crate::graph::PageId;
use crate::graph::SiteGraph;
use crate::render::context::Ctx;
use crate::render::inputs::{Dep, Inputs};
use crate::render::markdown::render_document;
use crate::routes::Route;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context, p: PageId) {
    let node = &ctx.g.pages[p];
    let page = &node.page;
    let text = render_document(&page.doc, &node.links, ctx, false);
    let description = page.summary.as_deref().unwrap_or(&page.doc.first_paragraph);
    c.insert(
        "page",
        &ctx.meta(page.title.clone(), description, Route::Page(p), "page"),
    );
    c.insert("breadcrumbs", &ctx.crumbs(&[]));
    c.insert("title", &page.title);
    c.insert("text", &text);
}

pub(super) fn inputs(g: &SiteGraph, i: &mut Inputs, p: PageId) {
    i.chrome(g);
    i.push(Dep::PageFile(p));
    i.doc_links(&g.pages[p].links);
}
