//! The search page (the search itself runs in the reader's browser, on the search index).

use crate::render::context::Ctx;
use crate::routes::Route;
use crate::theme::Text;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context) {
    c.insert(
        "page",
        &ctx.meta(
            ctx.text(Text::Search).to_string(),
            ctx.text(Text::SearchDescription),
            Route::Search,
            "search",
        ),
    );
    c.insert("breadcrumbs", &ctx.crumbs(&[]));
}
