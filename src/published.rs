//! The removed-URL guard: `published-urls.txt` at the site root lists every address the site has
//! published (paths under the base path, sorted, one a line). A build reports each listed
//! address it no longer produces as `url-removed`, unless an old address (`redirect_from:`)
//! answers it, and afterwards adds its new addresses to the list. It never drops one.
//!
//! The list holds the addresses readers and other sites link to: pages (the first page of each
//! list; later pages come and go as studies are added), feeds, the sitemap and the open data.
//! Theme files, images and the search index's parts are not addresses anyone links.

use crate::diagnostics::{code, Diagnostic, Position};
use crate::graph::DocRef;
use crate::routes::{Route, Routes};
use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

pub use crate::layout::PUBLISHED_LIST as LIST_FILE;
use crate::layout::PUBLISHED_LIST_HEADER as HEADER;

/// One address of the list, with its line (0: read from a folder, which has none).
#[derive(Debug, Clone)]
pub struct Listed {
    pub address: String,
    pub line: usize,
}

/// The addresses of an older build (`check --against`): its folder, or its saved
/// `sitemap.xml` (whose URLs start with `base_url`; a sitemap index's parts are read from the
/// folder beside it).
pub fn read_against(path: &Path, base_url: &str) -> Result<Vec<Listed>, Vec<Diagnostic>> {
    if path.is_dir() {
        let mut found: Vec<Listed> = walkdir::WalkDir::new(path)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e
                    .path()
                    .strip_prefix(path)
                    .ok()?
                    .to_string_lossy()
                    .replace('\\', "/");
                let address = match rel.strip_suffix("index.html") {
                    Some(folder) if folder.is_empty() || folder.ends_with('/') => {
                        format!("/{folder}")
                    }
                    _ => format!("/{rel}"),
                };
                tracked(&address).then_some(Listed { address, line: 0 })
            })
            .collect();
        found.sort_by(|a, b| a.address.cmp(&b.address));
        return Ok(found);
    }
    let mut found = Vec::new();
    read_sitemap(path, base_url, &mut found, 0)?;
    Ok(found)
}

/// The `<loc>` URLs of a sitemap as addresses; of a sitemap index, its parts' (one level).
fn read_sitemap(
    path: &Path,
    base_url: &str,
    found: &mut Vec<Listed>,
    depth: usize,
) -> Result<(), Vec<Diagnostic>> {
    let unreadable = |message: String| {
        vec![Diagnostic::error(path, message)
            .with_code(code::UNREADABLE)
            .with_hint("give `--against` the folder of an older build, or a sitemap.xml it wrote")]
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| unreadable(format!("cannot read the older build's addresses: {e}")))?;
    let doc = roxmltree::Document::parse(&text)
        .map_err(|e| unreadable(format!("this is no sitemap: {e}")))?;
    let index = doc.root_element().has_tag_name("sitemapindex");
    if !index && !doc.root_element().has_tag_name("urlset") {
        return Err(unreadable(format!(
            "this is no sitemap: its root element is <{}>, not <urlset> or <sitemapindex>",
            doc.root_element().tag_name().name()
        )));
    }
    for loc in doc.descendants().filter(|n| n.has_tag_name("loc")) {
        let url = loc.text().unwrap_or("").trim();
        let line = doc.text_pos_at(loc.range().start).row as usize;
        let Some(rest) = url.strip_prefix(base_url.trim_end_matches('/')) else {
            continue;
        };
        let address = crate::paths::percent_decode(rest);
        if index && depth == 0 {
            let part =
                (path.parent().unwrap_or(Path::new(""))).join(address.trim_start_matches('/'));
            read_sitemap(&part, base_url, found, 1)?;
        } else {
            found.push(Listed { address, line });
        }
    }
    Ok(())
}

/// Whether an address (`/cities/phuket/`, `/atom.xml`) is one the list keeps. The one rule,
/// for a build's own addresses and for an older build's files alike.
pub fn tracked(address: &str) -> bool {
    let name = address.rsplit('/').next().unwrap_or("");
    if address.ends_with('/') {
        // `/case-studies/page/3/`: a later page of a list.
        let mut parts = address.trim_end_matches('/').rsplit('/');
        let (n, page) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        return !(page == "page" && !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    }
    let extension = name.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "html" | "htm" => name != "404.html",
        _ => {
            name == "atom.xml"
                || address == "/sitemap.xml"
                || address == "/robots.txt"
                || (address.starts_with("/data/") && matches!(extension, "json" | "csv"))
        }
    }
}

/// The list at `root`, if the site keeps one. A line that is no address is an error at it.
pub fn read_list(root: &Path) -> Result<Option<Vec<Listed>>, Vec<Diagnostic>> {
    let text = match std::fs::read_to_string(root.join(LIST_FILE)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(vec![Diagnostic::error(
                LIST_FILE,
                format!("cannot read the list of published addresses: {e}"),
            )
            .with_code(code::UNREADABLE)])
        }
    };
    let mut listed = Vec::new();
    let mut bad = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let address = line.trim();
        if address.is_empty() || address.starts_with('#') {
            continue;
        }
        if !address.starts_with('/') || address.contains(['?', '#', ' ']) {
            bad.push(
                Diagnostic::error(LIST_FILE, format!("`{address}` is no address of the site"))
                    .with_code(code::BAD_CONFIG)
                    .at_position(Position::new(i + 1, 1))
                    .with_hint("each line is a path under the site's base path, starting with `/`, such as `/case-studies/khon-kaen/`"),
            );
            continue;
        }
        listed.push(Listed {
            address: address.to_string(),
            line: i + 1,
        });
    }
    if bad.is_empty() {
        Ok(Some(listed))
    } else {
        Err(bad)
    }
}

/// Every address the site produces in all its languages, that the list keeps: its tracked
/// outputs, every old address (answered by a page, or by the host's rules alone) and every
/// retired one.
pub fn produced(all: &[Routes]) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for routes in all {
        found.extend(
            routes
                .all()
                .into_iter()
                .map(|r| routes.address(r))
                .filter(|a| tracked(a)),
        );
    }
    if let Some(routes) = all.first() {
        let g = routes.graph();
        found.extend((0..g.redirects.len()).map(|i| routes.address(Route::Redirect(i))));
        found.extend((0..g.config.retired.len()).map(|i| routes.address(Route::Retired(i))));
    }
    found
}

/// The `url-removed` errors: each listed address the site no longer produces. `old_output` is
/// the previous build, whose page at the address tells which document moved.
pub fn removed(
    all: &[Routes],
    listed: &[Listed],
    produced: &BTreeSet<String>,
    old_output: &Path,
    source: &Path,
) -> Vec<Diagnostic> {
    let listed_set: HashSet<&str> = listed.iter().map(|l| l.address.as_str()).collect();
    // The documents whose pages are new: where a removed page has most likely gone.
    let mut moved_to: Vec<(String, String, PathBuf)> = Vec::new();
    for routes in all {
        let g = routes.graph();
        for r in g.doc_refs() {
            let route = Routes::doc(r);
            let address = routes.address(route);
            if listed_set.contains(address.as_str()) || !produced.contains(&address) {
                continue;
            }
            if let Some(source) = g.doc_source(r) {
                let title = title_of(g, r);
                moved_to.push((address, title, source.path.clone()));
            }
        }
    }
    listed
        .iter()
        .filter(|l| !produced.contains(&l.address))
        .map(|l| {
            let likely = likely_new_home(&l.address, &moved_to, old_output);
            let hint = match likely {
                Some(file) => format!(
                    "it seems to have moved to {}: add `redirect_from: [{}]` to its front matter; if it was withdrawn on purpose, add `{}: <why>` under `retired:` in site.yaml",
                    file.display(),
                    l.address,
                    l.address
                ),
                None => format!(
                    "add `redirect_from: [{}]` to the file that holds its content now; if it was withdrawn on purpose, add `{}: <why>` under `retired:` in site.yaml",
                    l.address, l.address
                ),
            };
            let d = Diagnostic::error(
                source,
                format!(
                    "`{}` was published, and this build no longer has it: links to it would break",
                    l.address
                ),
            )
            .with_code(code::URL_REMOVED)
            .with_hint(hint);
            if l.line > 0 {
                d.at_position(Position::new(l.line, 1))
            } else {
                d
            }
        })
        .collect()
}

fn title_of(g: &crate::graph::SiteGraph, r: DocRef) -> String {
    g.doc_title(r).to_string()
}

/// The new document a removed address most likely moved to: one of the same kind (the same
/// folder) whose title the previous build's page at the address shows, else the one whose
/// address is nearest.
fn likely_new_home<'a>(
    address: &str,
    moved_to: &'a [(String, String, PathBuf)],
    old_output: &Path,
) -> Option<&'a Path> {
    let folder = |a: &str| {
        let trimmed = a.trim_end_matches('/');
        trimmed
            .rsplit_once('/')
            .map_or(String::new(), |(dir, _)| dir.to_string())
    };
    let kind = folder(address);
    let same_kind: Vec<&(String, String, PathBuf)> = moved_to
        .iter()
        .filter(|(a, ..)| folder(a) == kind)
        .collect();
    let old_page = {
        let rel = address.trim_start_matches('/');
        let file = if rel.ends_with('/') || rel.is_empty() {
            format!("{rel}index.html")
        } else {
            rel.to_string()
        };
        std::fs::read_to_string(old_output.join(file)).ok()
    };
    if let Some(html) = old_page {
        let h1 = heading_text(&html);
        if let Some((.., file)) = same_kind
            .iter()
            .find(|(_, title, _)| !title.is_empty() && h1.contains(title.as_str()))
        {
            return Some(file);
        }
    }
    let names: Vec<&str> = same_kind.iter().map(|(a, ..)| a.as_str()).collect();
    let nearest = crate::diagnostics::nearest(address, names.iter().copied());
    match (nearest.first(), same_kind.as_slice()) {
        (Some(n), _) => same_kind
            .iter()
            .find(|(a, ..)| a == n)
            .map(|(.., f)| f.as_path()),
        (None, [only]) => Some(only.2.as_path()),
        _ => None,
    }
}

/// The text of a page's first `<h1>`, its tags dropped and its entities read.
fn heading_text(html: &str) -> String {
    let Some(start) = html.find("<h1") else {
        return String::new();
    };
    let rest = &html[start..];
    let body = rest.find('>').map_or("", |i| &rest[i + 1..]);
    let inner = body.find("</h1>").map_or(body, |end| &body[..end]);
    let mut text = String::new();
    let mut in_tag = false;
    for c in inner.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    crate::html::decode_entities(&text)
}

/// Adds `produced`'s addresses to the list at `root`; writes nothing when it holds them all.
pub fn record(
    root: &Path,
    listed: &[Listed],
    produced: &BTreeSet<String>,
) -> std::io::Result<bool> {
    let mut all: BTreeSet<&str> = listed.iter().map(|l| l.address.as_str()).collect();
    let before = all.len();
    all.extend(produced.iter().map(String::as_str));
    if all.len() == before {
        return Ok(false);
    }
    let mut text = String::from(HEADER);
    for address in all {
        text.push_str(address);
        text.push('\n');
    }
    let path = root.join(LIST_FILE);
    let temporary = root.join(format!(".{LIST_FILE}.new"));
    std::fs::write(&temporary, text)?;
    std::fs::rename(&temporary, path)?;
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::tracked;

    #[test]
    fn the_list_keeps_pages_feeds_and_data() {
        for a in [
            "/",
            "/case-studies/",
            "/case-studies/kk/",
            "/th/cities/khon-kaen/",
            "/old.html",
            "/atom.xml",
            "/cities/phuket/atom.xml",
            "/sitemap.xml",
            "/data/case-studies.json",
            "/data/cities.csv",
        ] {
            assert!(tracked(a), "{a}");
        }
        for a in [
            "/case-studies/page/2/",
            "/404.html",
            "/style.css",
            "/search/terms/0.js",
            "/case-studies/kk/tram.jpg",
            "/sitemaps/1.xml",
            "/cities/map.svg",
        ] {
            assert!(!tracked(a), "{a}");
        }
    }
}
