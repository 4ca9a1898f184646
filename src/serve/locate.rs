//! Which file of the site a request path names: the one place `serve` reads request paths.
//!
//! The site is served under the path of its `base_url`, as in production. A path is
//! percent-decoded once and refused (400) when it could name anything but a file of the site:
//! `..` or `.` segments, doubled slashes, backslashes, NUL, or an absolute path after the base.
//! Files are looked up in memory, never on disk, so nothing outside the site can be served.

/// What a request path asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Located {
    /// An output path of the site (`cities/phuket/index.html`), which may not exist.
    File(String),
    /// The same path with a trailing slash, or the base path itself (for `/`).
    Redirect(String),
    /// A path no file of the site can have.
    BadRequest,
    /// A path outside the base path.
    NotFound,
}

/// Reads `path` (as requested, without the query) for a site served under `base` (`/` or
/// `/best-practices/`).
pub fn locate(base: &str, path: &str) -> Located {
    let Some(rest) = path.strip_prefix(base) else {
        if path == "/" || format!("{path}/") == base {
            return Located::Redirect(base.to_string());
        }
        return Located::NotFound;
    };
    let bytes = crate::paths::percent_decode_bytes(rest);
    let Ok(decoded) = String::from_utf8(bytes) else {
        return Located::BadRequest;
    };
    if decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return Located::BadRequest;
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len() - 1;
    let bad = segments
        .iter()
        .enumerate()
        .any(|(i, s)| (s.is_empty() && i != last) || *s == "." || *s == "..");
    if bad {
        return Located::BadRequest;
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Located::File(format!("{decoded}index.html"))
    } else {
        Located::File(decoded)
    }
}

#[cfg(test)]
mod tests {
    use super::{locate, Located};

    fn file(p: &str) -> Located {
        Located::File(p.to_string())
    }

    #[test]
    fn paths_under_the_base_name_files() {
        let base = "/best-practices/";
        assert_eq!(locate(base, "/best-practices/"), file("index.html"));
        assert_eq!(
            locate(base, "/best-practices/cities/phuket/"),
            file("cities/phuket/index.html")
        );
        assert_eq!(locate(base, "/best-practices/style.css"), file("style.css"));
        assert_eq!(
            locate(base, "/best-practices/cities/kh%C3%B4n/"),
            file("cities/khôn/index.html")
        );
        assert_eq!(locate(base, "/"), Located::Redirect(base.into()));
        assert_eq!(
            locate(base, "/best-practices"),
            Located::Redirect(base.into())
        );
        assert_eq!(locate(base, "/other/"), Located::NotFound);
        assert_eq!(locate("/", "/"), file("index.html"));
    }

    #[test]
    fn paths_that_could_leave_the_site_are_refused() {
        let base = "/b/";
        for bad in [
            "/b/../etc/passwd",
            "/b/%2e%2e/etc/passwd",
            "/b/%2E%2E%2Fetc%2Fpasswd",
            "/b/cities/%2f..%2f..%2fsecret",
            "/b/..%5c..%5csecret",
            "/b/cities\\..\\secret",
            "/b//etc/passwd",
            "/b/%2fetc/passwd",
            "/b/cities//x",
            "/b/./x",
            "/b/x%00.html",
            "/b/%ff",
        ] {
            assert_eq!(locate(base, bad), Located::BadRequest, "{bad}");
        }
    }
}
