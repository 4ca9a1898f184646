//! The ids a page sets itself, which nothing written in a document may take: the theme's (one
//! list, [`RESERVED_IDS`]) and the footnotes' (`fn-1`, `fnref-1-2`: their one format is here).

/// Ids the default theme uses on every page; body headings never take them.
pub const RESERVED_IDS: &[&str] = &[
    "top",
    "main",
    "skip",
    "site-header",
    "site-nav",
    "site-footer",
    "search",
    "contents",
    "toc-heading",
    "fast-facts",
    "fast-facts-heading",
    "footnotes",
    "footnotes-heading",
    "sources",
    "sources-heading",
    "related",
    "related-heading",
    "city-studies",
    "mentioned-in",
    "partners",
    "same-country",
    "pager",
    "breadcrumbs",
];

/// The id of footnote number `n` (from 1) on a page.
pub fn note_id(n: usize) -> String {
    format!("fn-{n}")
}

/// The id of the `r`-th reference (from 1) to footnote number `n`.
pub fn note_ref_id(n: usize, r: usize) -> String {
    if r == 1 {
        format!("fnref-{n}")
    } else {
        format!("fnref-{n}-{r}")
    }
}

/// Whether `id` has the form of a footnote's id or of a reference's ([`note_id`], [`note_ref_id`]).
pub fn is_note_id(id: &str) -> bool {
    let numbered = |rest: &str, parts: usize| {
        let p: Vec<&str> = rest.split('-').collect();
        p.len() <= parts
            && p.iter()
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    id.strip_prefix("fn-").is_some_and(|r| numbered(r, 1))
        || id.strip_prefix("fnref-").is_some_and(|r| numbered(r, 2))
}
