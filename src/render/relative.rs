//! Relative links (`links: relative` in site.yaml, `build --relative`): the final pass over each
//! page. Every URL the route layer made starts with the site's base path; here each one becomes a
//! path relative to the page (`../../cities/phuket/index.html`), folders ending in `index.html`,
//! so the same output works from any folder, any host and a disk (file://). Absolute URLs (the
//! canonical link, Open Graph, feeds, external links) are left as they are.

use lol_html::{element, rewrite_str, RewriteStrSettings};

/// Attributes that hold a URL a browser follows or loads (`data-index`: the search index).
const URL_ATTRIBUTES: [&str; 4] = ["href", "src", "action", "data-index"];

/// `html`, the page written at `page_path` (`cities/phuket/index.html`), with its links relative.
pub fn relative_page(html: &str, page_path: &str, base_path: &str) -> Result<String, String> {
    let mut settings = RewriteStrSettings::new();
    for name in URL_ATTRIBUTES {
        settings =
            settings.append_element_content_handler(element!(format!("[{name}]"), move |el| {
                if el.tag_name() == "link"
                    && el.get_attribute("rel").as_deref() == Some("canonical")
                {
                    return Ok(());
                }
                if let Some(value) = el.get_attribute(name) {
                    let value = crate::html::decode_entities(&value);
                    if let Some(relative) = relative_url(&value, page_path, base_path) {
                        el.set_attribute(name, &relative)?;
                    }
                }
                Ok(())
            }));
    }
    rewrite_str(html, settings).map_err(|e| e.to_string())
}

/// `url` relative to the page at `page_path`, if it is a URL of the site (starting with
/// `base_path`).
pub fn relative_url(url: &str, page_path: &str, base_path: &str) -> Option<String> {
    if url.starts_with("//") {
        return None;
    }
    let rest = url.strip_prefix(base_path)?;
    let split = rest.find(['?', '#']).unwrap_or(rest.len());
    let (path, suffix) = rest.split_at(split);
    let mut target = path.to_string();
    if target.is_empty() || target.ends_with('/') {
        target.push_str("index.html");
    }
    let up = "../".repeat(page_path.matches('/').count());
    Some(format!("{up}{target}{suffix}"))
}

#[cfg(test)]
mod tests {
    use super::relative_url;

    #[test]
    fn site_urls_become_paths_from_the_page() {
        let base = "/best-practices/";
        let from = "cities/phuket/index.html";
        assert_eq!(
            relative_url("/best-practices/", from, base).as_deref(),
            Some("../../index.html")
        );
        assert_eq!(
            relative_url("/best-practices/case-studies/x/#background", from, base).as_deref(),
            Some("../../case-studies/x/index.html#background")
        );
        assert_eq!(
            relative_url("/best-practices/style.css", "index.html", base).as_deref(),
            Some("style.css")
        );
        assert_eq!(
            relative_url("/best-practices/search/?q=a", "index.html", base).as_deref(),
            Some("search/index.html?q=a")
        );
        assert_eq!(
            relative_url("https://example.org/best-practices/", from, base),
            None
        );
        assert_eq!(relative_url("//cdn.example.org/x.js", from, "/"), None);
        assert_eq!(relative_url("/elsewhere/", from, base), None);
        assert_eq!(relative_url("#top", from, base), None);
    }
}
