//! Reading HTML for what links need: the ids of elements, the URLs they refer to, and whether a
//! fragment written by hand leaves a comment, a quote or a raw-text element (`<script>`,
//! `<textarea>`) open, which would swallow the rest of the page it is put in.
//!
//! The link checker reads whole pages with it; loading reads the HTML editors write in
//! Markdown with it, so a build refuses what the link check would find broken.

use lol_html::{element, HtmlRewriter, Settings};

/// What one HTML text holds, each with the byte offset of its element's start.
#[derive(Debug, Default)]
pub struct Scan {
    /// `id` attributes, in order (duplicates included).
    pub ids: Vec<(String, usize)>,
    /// `name`s of `<a name>` anchors, which links may also land on.
    pub names: Vec<(String, usize)>,
    /// URLs in the attribute of each element that loads or links something ([`url_attribute`]).
    pub refs: Vec<(String, usize)>,
}

/// The attribute holding the URL an element links to or loads, for the elements the link check
/// follows.
pub fn url_attribute(tag: &str) -> Option<&'static str> {
    match tag {
        "a" | "area" | "link" => Some("href"),
        "img" | "script" | "source" | "iframe" | "video" | "audio" | "track" | "embed" => {
            Some("src")
        }
        "form" => Some("action"),
        _ => None,
    }
}

/// An attribute value as a browser reads it: character references decoded (`&amp;` -> `&`,
/// `&#39;`, `&#x2F;`). Of the named ones, only those of XML are known (`&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&apos;`): escapers write these, and URLs and ids need no others.
pub fn decode_entities(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    let mut out = String::with_capacity(value.len());
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => {
                    let n = match name.strip_prefix('#') {
                        // Digits only: a sign (`&#x+41;`) makes no reference, as in browsers.
                        Some(hex) if hex.starts_with(['x', 'X']) => {
                            let digits = &hex[1..];
                            (!digits.is_empty() && digits.bytes().all(|b| b.is_ascii_hexdigit()))
                                .then(|| u32::from_str_radix(digits, 16).ok())
                                .flatten()
                        }
                        Some(dec) if !dec.is_empty() && dec.bytes().all(|b| b.is_ascii_digit()) => {
                            dec.parse::<u32>().ok()
                        }
                        Some(_) => None,
                        None => None,
                    };
                    // What browsers put for a reference to no character.
                    n.map(|n| {
                        char::from_u32(n)
                            .filter(|&c| c != '\0')
                            .unwrap_or('\u{fffd}')
                    })
                }
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// A made-up element put after a fragment: if the scan does not see it, the fragment left
/// something open that swallowed it.
const SENTINEL: &str = "casebook-end-of-fragment";

/// Scans an HTML text (a whole page, or a fragment when `fragment` is set, then also telling
/// whether it is closed: `Scan` and `true` if everything it opens as text ends in it).
fn scan_with(html: &str, fragment: bool) -> Result<(Scan, bool), String> {
    let mut scan = Scan::default();
    let mut sentinel_seen = false;
    {
        let mut rewriter = HtmlRewriter::new(
            Settings::new().append_element_content_handler(element!("*", |el| {
                let offset = el.source_location().bytes().start;
                let tag = el.tag_name();
                if fragment && tag == SENTINEL {
                    sentinel_seen = true;
                    return Ok(());
                }
                let attribute = |name: &str| el.get_attribute(name).map(|v| decode_entities(&v));
                if let Some(id) = attribute("id") {
                    scan.ids.push((id, offset));
                }
                if tag == "a" {
                    if let Some(name) = attribute("name") {
                        scan.names.push((name, offset));
                    }
                }
                if let Some(value) = url_attribute(&tag).and_then(attribute) {
                    scan.refs.push((value, offset));
                }
                Ok(())
            })),
            |_: &[u8]| {},
        );
        let parse_error =
            |e: lol_html::errors::RewritingError| format!("cannot parse this HTML: {e}");
        rewriter.write(html.as_bytes()).map_err(parse_error)?;
        if fragment {
            // After a line break, so a fragment ending inside a tag name or an attribute is seen
            // as open rather than merged with the sentinel.
            let end = format!("\n<{SENTINEL}></{SENTINEL}>");
            rewriter.write(end.as_bytes()).map_err(parse_error)?;
        }
        rewriter.end().map_err(parse_error)?;
    }
    Ok((scan, !fragment || sentinel_seen))
}

/// Scans a whole page.
pub fn scan(html: &str) -> Result<Scan, String> {
    scan_with(html, false).map(|(scan, _)| scan)
}

/// Scans a fragment of HTML written by hand; the flag tells whether it ends closed: no comment,
/// quoted attribute, tag or raw-text element (`<script>`, `<style>`, `<textarea>`, `<title>`,
/// `<xmp>`, `<plaintext>`...) still open at its end. An open one would swallow the page after it.
pub fn scan_fragment(html: &str) -> Result<(Scan, bool), String> {
    scan_with(html, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn character_references_take_digits_only() {
        assert_eq!(decode_entities("&#x41;&#65;&amp;"), "AA&");
        // A sign makes no reference, as in browsers: the text stays as written.
        assert_eq!(decode_entities("&#x+41;"), "&#x+41;");
        assert_eq!(decode_entities("&#+65;"), "&#+65;");
        assert_eq!(decode_entities("&#x;"), "&#x;");
    }

    fn closed(html: &str) -> bool {
        scan_fragment(html).map(|(_, c)| c).unwrap_or(false)
    }

    #[test]
    fn fragments_that_swallow_what_follows_are_open() {
        for open in [
            "<!-- a comment",
            "<script>let x = 1;",
            "<style>p {}",
            "<textarea>",
            "<title>",
            "<xmp>",
            "<plaintext>",
            "<div title=\"unclosed",
            "<a href='x",
            "<div",
            "<!",
        ] {
            assert!(!closed(open), "{open} should be open");
        }
        for done in [
            "<!-- a comment -->",
            "<script>let x = 1;</script>",
            "<div title=\"closed\">",
            "<p>an unclosed paragraph",
            "<table><tr><td>",
            "</div></main>",
            "a < b",
            "",
        ] {
            assert!(closed(done), "{done} should be closed");
        }
    }

    #[test]
    fn attribute_values_are_read_with_their_references_decoded() {
        assert_eq!(decode_entities("/a&amp;b/?x=1&amp;y"), "/a&b/?x=1&y");
        assert_eq!(
            decode_entities("&lt;&gt;&quot;&apos;&#39;&#x2F;&#X41;"),
            "<>\"''/A"
        );
        assert_eq!(decode_entities("&#0;&#xD800;"), "\u{fffd}\u{fffd}");
        assert_eq!(
            decode_entities("a & b &unknown; &amp"),
            "a & b &unknown; &amp"
        );
        let s = scan("<a href=\"/x&amp;y/\" id=\"a&amp;b\">t</a>").expect("scan");
        assert_eq!(s.refs[0].0, "/x&y/");
        assert_eq!(s.ids[0].0, "a&b");
    }

    #[test]
    fn ids_names_and_urls_with_their_offsets() {
        let s = scan("<a id=\"x\" href=\"/y\">t</a> <img src=\"z.png\"> <a name=\"n\"></a>")
            .expect("scan");
        assert_eq!(s.ids, vec![("x".to_string(), 0)]);
        assert_eq!(
            s.refs,
            vec![("/y".to_string(), 0), ("z.png".to_string(), 26)]
        );
        assert_eq!(s.names, vec![("n".to_string(), 44)]);
    }
}
