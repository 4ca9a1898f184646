//! Paging: which items page `n` of a long list shows, and the pager that leads to the others.

use super::context::Ctx;
use crate::routes::Route;
use serde::Serialize;
use std::ops::Range;

#[derive(Serialize)]
pub(super) struct Pager {
    pub current: usize,
    pub total: usize,
    /// Which items this page shows, counted from 1 (`first_item` to `last_item`).
    pub first_item: usize,
    pub last_item: usize,
    pub newer_url: Option<String>,
    pub older_url: Option<String>,
    pub pages: Vec<PagerItem>,
}

#[derive(Serialize)]
pub(super) struct PagerItem {
    pub number: usize,
    pub url: String,
    pub current: bool,
    /// Pages were left out before this one.
    pub gap_before: bool,
}

/// Which items page `n` (from 1) of a list of `len` items shows, `size` a page.
pub(super) fn page_range(len: usize, size: usize, n: usize) -> Range<usize> {
    let size = size.max(1);
    let start = (n.saturating_sub(1) * size).min(len);
    start..(start + size).min(len)
}

/// Page `n` (from 1) of a list of `len` items, whose pages are `page(k)`.
pub(super) struct Paged {
    pub range: Range<usize>,
    pub pager: Pager,
}

impl Paged {
    pub fn new(ctx: &Ctx, len: usize, n: usize, page: impl Fn(usize) -> Route) -> Paged {
        let size = ctx.g.config.page_size.max(1);
        let total = ctx.routes.page_count(len);
        let url_of = |k: usize| ctx.url(page(k)).into_owned();
        // First, last and the two pages on each side of this one: a pager stays small on a list
        // of thousands of pages.
        let mut pages = Vec::new();
        let mut last_shown = 0;
        for k in 1..=total {
            if k == 1 || k == total || k.abs_diff(n) <= 2 {
                pages.push(PagerItem {
                    number: k,
                    url: url_of(k),
                    current: k == n,
                    gap_before: k > last_shown + 1,
                });
                last_shown = k;
            }
        }
        let range = page_range(len, size, n);
        let (start, end) = (range.start, range.end);
        Paged {
            range,
            pager: Pager {
                current: n,
                total,
                first_item: start + 1,
                last_item: end,
                newer_url: (n > 1).then(|| url_of(n - 1)),
                older_url: (n < total).then(|| url_of(n + 1)),
                pages,
            },
        }
    }
}
