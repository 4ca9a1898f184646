//! The page left at an address withdrawn on purpose (`site.yaml retired:`): it says so, and
//! why, and leads the reader on to the rest of the site.

use crate::render::context::Ctx;
use crate::routes::Route;
use crate::theme::Text;

pub(super) fn fill_context(ctx: &Ctx, c: &mut tera::Context, i: usize) {
    let Some(retired) = ctx.g.config.retired.get(i) else {
        return;
    };
    c.insert(
        "page",
        &ctx.meta(
            ctx.text(Text::Withdrawn).to_string(),
            &retired.reason,
            Route::Retired(i),
            "withdrawn",
        ),
    );
    c.insert("breadcrumbs", &ctx.crumbs(&[]));
    c.insert("reason", &retired.reason);
}
