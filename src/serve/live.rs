//! What `serve` adds to HTML pages: the live-reload script and, after a failed rebuild, the
//! overlay that lists the problems. Neither ever reaches `build` output.
//!
//! The transport is a WebSocket (`/__casebook/live`): unlike Server-Sent Events it does not count
//! against the browser's six HTTP/1.1 connections per host, so ten open tabs still load pages,
//! and unlike polling it reloads the moment a rebuild ends.

use crate::diagnostics::Diagnostic;

/// Where the reload stream is served, outside any base path (the server owns every path).
pub const LIVE_PATH: &str = "/__casebook/live";

const SCRIPT: &str = include_str!("live.js");

/// One message of the reload stream (JSON).
#[derive(serde::Serialize)]
pub struct Message<'a> {
    /// The last good build (each successful rebuild adds one).
    pub version: u64,
    /// Only stylesheets changed: browsers swap them without reloading the page.
    pub css_only: bool,
    /// The overlay of the failed rebuild, if the last one failed.
    pub problems: Option<&'a str>,
}

/// The overlay listing a failed rebuild's problems, as the terminal shows them (file:line:col,
/// the quoted line with a caret, the hint).
pub fn overlay(diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let mut html = String::from(
        "<div id=\"casebook-problems\" role=\"alert\" style=\"position:fixed;inset:0 0 auto 0;max-height:85vh;overflow:auto;z-index:2147483647;margin:0;padding:1rem 1.5rem;background:#1b1b1f;color:#f4f4f5;font:14px/1.45 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;box-shadow:0 6px 24px rgb(0 0 0/.5)\">",
    );
    html.push_str(&format!(
        "<p style=\"margin:0 0 .75rem;font-weight:bold;color:#fca5a5\">casebook could not build the last change ({errors} error{}). This page is the last good build; it reloads when the problem is fixed.</p>",
        if errors == 1 { "" } else { "s" }
    ));
    for d in diagnostics.iter().filter(|d| d.is_error()).take(50) {
        html.push_str(
            "<pre style=\"margin:0 0 .75rem;white-space:pre-wrap;color:inherit;background:none\">",
        );
        html.push_str(&crate::text::escape_html(&d.to_string()));
        html.push_str("</pre>");
    }
    if errors > 50 {
        html.push_str(&format!(
            "<p>… and {} more in the terminal.</p>",
            errors - 50
        ));
    }
    html.push_str("</div>");
    html
}

/// The tags added to a page: the overlay (if any) and the script.
pub fn tags(version: u64, problems: Option<&str>) -> String {
    format!(
        "{}<script data-live=\"{LIVE_PATH}\" data-version=\"{version}\">{SCRIPT}</script>",
        problems.unwrap_or("")
    )
}

/// `page` with `tags` added before its last `</body>` (or at its end).
pub fn inject(page: &[u8], tags: &str) -> Vec<u8> {
    let at = find_last(page, b"</body>").unwrap_or(page.len());
    let mut out = Vec::with_capacity(page.len() + tags.len());
    out.extend_from_slice(&page[..at]);
    out.extend_from_slice(tags.as_bytes());
    out.extend_from_slice(&page[at..]);
    out
}

/// A page for when no build has succeeded yet: only the overlay.
pub fn no_site_yet(tags: &str) -> Vec<u8> {
    format!("<!DOCTYPE html><html lang=\"en\"><meta charset=\"utf-8\"><title>casebook: the site could not be built</title><body>{tags}</body></html>").into_bytes()
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    #[test]
    fn tags_go_before_the_last_body_end() {
        let page = b"<html><body><p>&lt;/body&gt;</p></body></html>";
        let out = super::inject(page, "<script></script>");
        assert_eq!(
            String::from_utf8_lossy(&out),
            "<html><body><p>&lt;/body&gt;</p><script></script></body></html>"
        );
        assert!(super::inject(b"<p>x", "<s>").ends_with(b"<s>"));
    }

    #[test]
    fn the_overlay_escapes_what_it_quotes() {
        let d = crate::Diagnostic::error("content/x.md", "bad <script>")
            .at("title: <b>", crate::diagnostics::Position::new(1, 8))
            .with_hint("fix & go");
        let html = super::overlay(&[d]);
        assert!(html.contains("bad &lt;script&gt;"), "{html}");
        assert!(html.contains("content/x.md:1:8"), "{html}");
        assert!(html.contains("title: &lt;b&gt;"), "{html}");
        assert!(html.contains("hint: fix &amp; go"), "{html}");
    }
}
