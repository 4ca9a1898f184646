//! The page a host shows for a missing address (`404.html`).

use crate::render::context::Ctx;
use crate::routes::Route;
use crate::theme::Text;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context) {
    c.insert(
        "page",
        &ctx.meta(
            ctx.text(Text::NotFound).to_string(),
            "",
            Route::NotFound,
            "404",
        ),
    );
}
