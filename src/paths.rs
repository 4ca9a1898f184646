//! Link destinations and paths inside a site, written with `/`: telling a URL of another host from
//! a path, folding `.` and `..`, decoding `%XX` escapes, and whether an output path stays inside
//! the output folder. Content links (resolve stage), the route layer, the write stage and the link
//! checker all use these, so all read a path the same way.

/// Whether `dest` leaves the site: it has a URL scheme (`https:`, `mailto:`) or starts with `//`.
pub fn is_external(dest: &str) -> bool {
    if dest.starts_with("//") {
        return true;
    }
    // RFC 3986: scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ), then ":".
    match dest.find(':') {
        Some(colon) => {
            let scheme = &dest[..colon];
            scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
        }
        None => false,
    }
}

/// The scheme of a URL that would run code or hide content in the reader's browser
/// (`javascript:`, `vbscript:`, `data:`), read as browsers read it: leading spaces and control
/// characters, and tabs and line breaks anywhere, do not count, nor does letter case.
pub fn unsafe_scheme(url: &str) -> Option<&'static str> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .take(12)
        .collect::<String>()
        .to_ascii_lowercase();
    ["javascript:", "vbscript:", "data:"]
        .into_iter()
        .find(|scheme| cleaned.starts_with(scheme))
}

/// Folds the `.` and `..` segments of a `/`-separated path and drops empty ones; `None` when the
/// path climbs above its start. `a/./b/../c` -> `a/c`.
pub fn fold(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

/// Decodes `%XX` escapes (invalid UTF-8 is replaced); a `%` not followed by two hex digits stays.
pub fn percent_decode(s: &str) -> String {
    String::from_utf8_lossy(&percent_decode_bytes(s)).into_owned()
}

/// Decodes `%XX` escapes into the bytes they stand for, as browsers do (`%+A` is no escape).
pub fn percent_decode_bytes(s: &str) -> Vec<u8> {
    percent_encoding::percent_decode_str(s).collect()
}

/// Whether an output path stays inside the output folder: relative, with no empty, `.` or `..`
/// segment (so that joining it to the folder cannot leave it or land on another path's file).
pub fn is_inside(path: &str) -> bool {
    !path.is_empty()
        && !path.contains('\\')
        && path
            .split('/')
            .all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

/// Where a URL written on a page of the site leads.
#[derive(Debug, PartialEq, Eq)]
pub enum UrlTarget {
    /// Another host or a scheme (`https:`, `mailto:`): not a file of this site.
    External,
    /// The page itself (`#fragment` or an empty URL).
    SamePage,
    /// An output path: `file` if such a file is written, else `index` (the folder's page);
    /// `file` is `None` for a URL ending in `/`.
    Output { file: Option<String>, index: String },
    /// An absolute path that does not start with the site's base path.
    OutsideBase,
    /// A relative path that climbs above the output folder.
    ClimbsOut,
}

/// Where `url` (fragment and query removed by the caller) leads from the page written at output
/// path `page` (`about/index.html`), on a site served under `base_path` (`/` or `/sub/`). The
/// link checker and the route layer both read URLs with this.
pub fn url_target(page: &str, url: &str, base_path: &str) -> UrlTarget {
    if is_external(url) {
        return UrlTarget::External;
    }
    if url.is_empty() {
        return UrlTarget::SamePage;
    }
    let decoded = percent_decode(url);
    let joined = if decoded.starts_with('/') {
        // Both decoded: `/caf%C3%A9/` and `/café/` are one path.
        let base = percent_decode(base_path);
        match decoded.strip_prefix(base.as_str()) {
            Some(rest) => rest.to_string(),
            None if format!("{decoded}/") == base => String::new(),
            None => return UrlTarget::OutsideBase,
        }
    } else {
        match page.rsplit_once('/') {
            Some((dir, _)) => format!("{dir}/{decoded}"),
            None => decoded,
        }
    };
    let Some(normal) = fold(&joined) else {
        return UrlTarget::ClimbsOut;
    };
    let directory_like = joined.is_empty() || joined.ends_with('/');
    let index = if normal.is_empty() {
        "index.html".to_string()
    } else {
        format!("{normal}/index.html")
    };
    UrlTarget::Output {
        file: (!directory_like && !normal.is_empty()).then_some(normal),
        index,
    }
}

/// For an absolute path outside the site's base path (`/cities/a/` on a site at
/// `/best-practices/`) that names a file of the site once the base path is put in front
/// (`/best-practices/cities/a/`, `exists` answering for output paths): that URL, which the link
/// meant. `None` for a link elsewhere on the host, which is not the site's to check.
pub fn forgotten_base(
    page: &str,
    url: &str,
    base_path: &str,
    exists: impl Fn(&str) -> bool,
) -> Option<String> {
    let meant = format!("{base_path}{}", url.strip_prefix('/')?);
    match url_target(page, &meant, base_path) {
        UrlTarget::Output { file, index } => {
            (file.is_some_and(|f| exists(&f)) || exists(&index)).then_some(meant)
        }
        _ => None,
    }
}

/// Why an old address (`redirect_from:`, `retired:`) cannot be used: each says what to write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OldAddressError {
    Empty,
    FullUrl,
    QueryOrFragment,
    /// A `.` or `..` segment, or an empty one (`a//b`).
    Climbs,
    /// A character no plain path has (a space, `\`, a control character), or an escape that
    /// decodes to one.
    Character(char),
    /// A segment starting with `.` (`.htaccess`): hosts do not serve them.
    Hidden,
    /// The site's home page.
    Home,
}

impl OldAddressError {
    /// What is wrong and what to write instead: the message's end and its hint.
    pub fn explain(self) -> (String, &'static str) {
        match self {
            OldAddressError::Empty => ("is empty".into(), "write the old address's path, such as `/portfolio/khon-kaen-citizen-awareness/`"),
            OldAddressError::FullUrl => ("is a full URL".into(), "write only its path, from the first `/` after the host: `/portfolio/khon-kaen/`"),
            OldAddressError::QueryOrFragment => ("has a query (`?`) or a fragment (`#`)".into(), "a static host serves a path, never a query: write the path alone (a `#fragment` is kept by the redirect page)"),
            OldAddressError::Climbs => ("has an empty, `.` or `..` part".into(), "write the path as it was published, each part between single `/`"),
            OldAddressError::Character(c) => (format!("has the character {c:?}, which no plain path has"), "write it percent-encoded, as the browser showed it (`%20` for a space)"),
            OldAddressError::Hidden => ("has a part starting with `.`, which hosts do not serve".into(), "such an address cannot be redirected by a page: use the host's own rules"),
            OldAddressError::Home => ("is the home page of the site".into(), "the home page is always published: remove this entry"),
        }
    }
}

/// The path of an old address (`/portfolio/khon-kaen/`, written under the site's base path, the
/// leading `/` optional) as the output folder holds it: decoded, without the leading `/`
/// (`portfolio/khon-kaen/`). A trailing `/` is kept: it says the address is a folder.
pub fn old_address(written: &str) -> Result<String, OldAddressError> {
    let written = written.trim();
    if written.is_empty() {
        return Err(OldAddressError::Empty);
    }
    if is_external(written) {
        return Err(OldAddressError::FullUrl);
    }
    if written.contains(['?', '#']) {
        return Err(OldAddressError::QueryOrFragment);
    }
    let rest = written.strip_prefix('/').unwrap_or(written);
    if rest.is_empty() || rest == "index.html" {
        return Err(OldAddressError::Home);
    }
    let body = rest.strip_suffix('/').unwrap_or(rest);
    let mut decoded = String::with_capacity(rest.len());
    for segment in body.split('/') {
        let plain = percent_decode(segment);
        if let Some(c) = plain
            .chars()
            .find(|&c| c.is_whitespace() || c.is_control() || c == '\\' || c == '/')
        {
            return Err(OldAddressError::Character(c));
        }
        match plain.as_str() {
            "" | "." | ".." => return Err(OldAddressError::Climbs),
            p if p.starts_with('.') => return Err(OldAddressError::Hidden),
            _ => {}
        }
        decoded.push_str(&plain);
        decoded.push('/');
    }
    if !rest.ends_with('/') {
        decoded.pop();
    }
    Ok(decoded)
}

/// A path of the output folder (`portfolio/khon-kaen/`) as a URL path: every byte but
/// letters, digits and `-._~/` percent-encoded, as hosts' redirect rules want it.
pub fn encode_path(path: &str) -> String {
    const KEEP: &percent_encoding::AsciiSet = &percent_encoding::NON_ALPHANUMERIC
        .remove(b'-')
        .remove(b'.')
        .remove(b'_')
        .remove(b'~')
        .remove(b'/');
    percent_encoding::utf8_percent_encode(path, KEEP).to_string()
}

/// A URL split into its path and its fragment (the query dropped): `a/?q=1#x` -> (`a/`, `x`).
pub fn split_url(url: &str) -> (&str, Option<&str>) {
    let (path, fragment) = match url.split_once('#') {
        Some((p, f)) => (p, Some(f)),
        None => (url, None),
    };
    (path.split_once('?').map_or(path, |(p, _)| p), fragment)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn external_links_have_a_scheme_or_start_with_two_slashes() {
        assert!(is_external("https://example.org"));
        assert!(is_external("mailto:a@b.c"));
        assert!(is_external("//cdn.example.org/x"));
        assert!(!is_external("@/cities/phuket.md"));
        assert!(!is_external("../cities/phuket.md"));
        assert!(!is_external("/a:b/"));
        assert!(!is_external("1x:y"));
    }

    #[test]
    fn paths_fold_and_decode() {
        assert_eq!(
            fold("case-studies/../cities/phuket.md"),
            Some("cities/phuket.md".into())
        );
        assert_eq!(fold("a/./b/../c"), Some("a/c".to_string()));
        assert_eq!(fold("../x.md"), None);
        assert_eq!(percent_decode("a%20b%C3%A9"), "a bé");
        assert_eq!(percent_decode("100%"), "100%");
        // Two hex digits only, as browsers read them: a sign is no digit.
        assert_eq!(percent_decode("a%+Ab"), "a%+Ab");
        assert_eq!(percent_decode("a%-1b"), "a%-1b");
        assert_eq!(percent_decode("%e0%B8%81"), "ก");
    }

    #[test]
    fn script_schemes_are_found_however_written() {
        assert_eq!(unsafe_scheme("javascript:alert(1)"), Some("javascript:"));
        assert_eq!(unsafe_scheme(" \u{1}JavaScript:x"), Some("javascript:"));
        assert_eq!(unsafe_scheme("java\tscript:x"), Some("javascript:"));
        assert_eq!(unsafe_scheme("DATA:text/html,x"), Some("data:"));
        assert_eq!(unsafe_scheme("vbscript:x"), Some("vbscript:"));
        assert_eq!(unsafe_scheme("https://example.org/javascript:"), None);
        assert_eq!(unsafe_scheme("notes/data:x.md"), None);
    }

    #[test]
    fn old_addresses_are_plain_paths() {
        assert_eq!(
            old_address("/portfolio/khon-kaen/").as_deref(),
            Ok("portfolio/khon-kaen/")
        );
        assert_eq!(old_address("old.html").as_deref(), Ok("old.html"));
        assert_eq!(old_address("/%E0%B8%82%E0%B8%AD/x").as_deref(), Ok("ขอ/x"));
        assert_eq!(old_address(" "), Err(OldAddressError::Empty));
        assert_eq!(
            old_address("https://old.example.org/a/"),
            Err(OldAddressError::FullUrl)
        );
        assert_eq!(
            old_address("//old.example.org/a/"),
            Err(OldAddressError::FullUrl)
        );
        assert_eq!(old_address("/?p=12"), Err(OldAddressError::QueryOrFragment));
        assert_eq!(old_address("/a/#b"), Err(OldAddressError::QueryOrFragment));
        assert_eq!(old_address("/a/../b/"), Err(OldAddressError::Climbs));
        assert_eq!(old_address("/a//b/"), Err(OldAddressError::Climbs));
        assert_eq!(old_address("/a%2Fb/"), Err(OldAddressError::Character('/')));
        assert_eq!(old_address("/a b/"), Err(OldAddressError::Character(' ')));
        assert_eq!(old_address("/.htaccess"), Err(OldAddressError::Hidden));
        assert_eq!(old_address("/"), Err(OldAddressError::Home));
        assert_eq!(encode_path("ขอ/a b.html"), "%E0%B8%82%E0%B8%AD/a%20b.html");
    }

    #[test]
    fn output_paths_must_stay_inside() {
        assert!(is_inside("cities/phuket/index.html"));
        assert!(is_inside("index.html"));
        for bad in ["", "/index.html", "a//b", "../x", "a/./b", "a\\b", "a/"] {
            assert!(!is_inside(bad), "{bad}");
        }
    }
}
