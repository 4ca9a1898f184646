//! Site configuration (`site.yaml`) and build options, as values.
//!
//! [`SiteConfig`] is what the publisher writes once per site; [`BuildOptions`] is what one run of
//! the command asks for. Both are plain values handed to the pipeline. Reading `site.yaml` is the
//! load stage's work (`load::site_config`); this module only holds the types and their defaults.

use crate::diagnostics::code;
use crate::locale::{Calendar, Language};
use crate::text::name_key;
use std::collections::HashMap;
use std::path::PathBuf;

/// What one build is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// The site folder: holds `site.yaml`, `content/` and usually `themes/`.
    pub root: PathBuf,
    /// Where the site is written; `public/` under the root by default.
    pub output: Option<PathBuf>,
    /// Include studies marked `draft: true`.
    pub drafts: bool,
    /// Overrides `base_url` from `site.yaml` (for previews on another host).
    pub base_url: Option<String>,
    /// Leave the previous output moved aside instead of deleting it; the report names it, and
    /// the caller removes it with `write::remove_old_output` when it suits.
    pub defer_removal: bool,
    /// Hand the resolved graph back in the build report (for rebuilding after an edit).
    pub keep_graph: bool,
    /// Write links relative to each page (`build --relative`), whatever `site.yaml` says.
    pub relative: bool,
    /// Hold the site to its list of published addresses (`published-urls.txt`), and add the
    /// new ones to it after a build; off for `serve`, whose edits are work in progress.
    pub guard_published: bool,
    /// Hold the site to the addresses of an older build (its folder) or a saved `sitemap.xml`
    /// instead of its list (`check --against`).
    pub against: Option<PathBuf>,
}

impl BuildOptions {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            output: None,
            drafts: false,
            base_url: None,
            defer_removal: false,
            keep_graph: false,
            relative: false,
            guard_published: true,
            against: None,
        }
    }

    pub fn output_dir(&self) -> PathBuf {
        self.output
            .clone()
            .unwrap_or_else(|| self.root.join("public"))
    }
}

/// The parsed `site.yaml`.
#[derive(Debug, Clone)]
pub struct SiteConfig {
    pub title: String,
    pub description: String,
    /// Absolute URL of the site, always ending with `/`.
    pub base_url: String,
    /// Path part of `base_url` (`/` or `/best-practices/`): every internal link starts with it.
    pub base_path: String,
    pub language: String,
    pub theme: String,
    pub sections: SectionAliases,
    pub fact_labels: FactLabels,
    /// Studies per page on `/case-studies/`.
    pub page_size: usize,
    /// Whether HTML written in Markdown is passed through (editors are trusted, the default) or
    /// escaped and shown as text (`raw_html: false`, for sites that take contributions from many).
    pub raw_html: bool,
    /// Whether pages link to the site's files by paths relative to the page (`links: relative`),
    /// so the output works from any folder and from `file://`, or from the base path (the default).
    pub relative_links: bool,
    /// Who writes the studies (`author:`), for feeds and structured data; default the publisher.
    pub author: Option<Party>,
    /// Who publishes the site (`publisher:`); default the site itself (its title and URL).
    pub publisher: Option<Party>,
    /// How many years old each fact may get before `check` warns (`freshness: {mayor: 5 years}`).
    pub freshness: Vec<(String, u16)>,
    /// Whether the coverage report is published as `/report/` (`report: true`).
    pub report_page: bool,
    /// Every language of the site (`languages:`), the default (`language:`) first, then the
    /// others in the order of the language switcher; empty on a site in one language.
    pub languages: Vec<SiteLanguage>,
    /// Whether the lists, city pages, feeds and search of a language other than the default
    /// leave out the studies not written in it (`untranslated: hide`) rather than show them in
    /// their own language with a badge (the default).
    pub hide_untranslated: bool,
    /// Whether a link to another part of the site's host (`/reports/2023.pdf` from a site at
    /// `/best-practices/`), which casebook cannot check, is an error (`outside_base: refuse`)
    /// rather than allowed (the default).
    pub refuse_outside_base: bool,
    /// Which host's redirect rules the build writes beside the pages left at old addresses
    /// (`redirects:`).
    pub redirect_host: RedirectHost,
    /// Addresses withdrawn on purpose (`retired:`), each with why: each gets a page saying so,
    /// and the list of published addresses stops asking for them.
    pub retired: Vec<RetiredAddress>,
}

/// An address of the site withdrawn on purpose.
#[derive(Debug, Clone, PartialEq)]
pub struct RetiredAddress {
    /// As the output folder holds it ([`crate::paths::old_address`]).
    pub path: String,
    pub reason: String,
    /// Where `site.yaml` names it.
    pub pos: crate::diagnostics::Position,
}

/// The host a site is published on, as far as redirects go (`site.yaml redirects:`): each but
/// `static` reads a file of rules that answers an old address with a real 301.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RedirectHost {
    /// Any host: a small page at each old address sends the reader on (the default).
    #[default]
    Static,
    Netlify,
    Cloudflare,
    GitLab,
    Apache,
    Nginx,
    Vercel,
}

impl RedirectHost {
    pub const ALL: [RedirectHost; 7] = [
        RedirectHost::Static,
        RedirectHost::Netlify,
        RedirectHost::Cloudflare,
        RedirectHost::GitLab,
        RedirectHost::Apache,
        RedirectHost::Nginx,
        RedirectHost::Vercel,
    ];

    /// The word `site.yaml` writes.
    pub fn name(self) -> &'static str {
        match self {
            RedirectHost::Static => "static",
            RedirectHost::Netlify => "netlify",
            RedirectHost::Cloudflare => "cloudflare",
            RedirectHost::GitLab => "gitlab",
            RedirectHost::Apache => "apache",
            RedirectHost::Nginx => "nginx",
            RedirectHost::Vercel => "vercel",
        }
    }

    pub fn parse(word: &str) -> Option<RedirectHost> {
        Self::ALL.into_iter().find(|h| h.name() == word)
    }

    /// The file of rules the host reads, in the output folder.
    pub fn rules_file(self) -> Option<&'static str> {
        match self {
            RedirectHost::Static => None,
            RedirectHost::Netlify | RedirectHost::Cloudflare | RedirectHost::GitLab => {
                Some("_redirects")
            }
            RedirectHost::Apache => Some(".htaccess"),
            RedirectHost::Nginx => Some("nginx-redirects.conf"),
            RedirectHost::Vercel => Some("vercel.json"),
        }
    }

    /// Whether the pages at old addresses are written too. GitLab Pages serves a file before
    /// any rule, so a page there would hide the 301; the other hosts apply their rules first
    /// (Netlify's forced with `!`), and the pages keep working from a disk or another host.
    pub fn keeps_pages(self) -> bool {
        self != RedirectHost::GitLab
    }

    /// How many rules the host reads at most, as its documentation gives it.
    pub fn rule_limit(self) -> Option<usize> {
        match self {
            RedirectHost::Cloudflare => Some(2_000),
            RedirectHost::GitLab => Some(1_000),
            RedirectHost::Vercel => Some(2_048),
            _ => None,
        }
    }
}

/// A language of a site in several, as `languages:` in `site.yaml` lists it.
#[derive(Debug, Clone, PartialEq)]
pub struct SiteLanguage {
    pub language: Language,
    /// The language's name in itself, for the language switcher (`ไทย`).
    pub name: String,
    /// The site's title and description in this language (default: the site's).
    pub title: Option<String>,
    pub description: Option<String>,
    pub calendar: Calendar,
}

/// A person or organisation named in site.yaml (`author: City Lab` or
/// `author: {name: City Lab, url: https://example.org/}`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Party {
    pub name: String,
    pub url: Option<String>,
}

impl SiteConfig {
    /// The site's publisher: as written, or the site itself.
    pub fn publisher(&self) -> Party {
        self.publisher.clone().unwrap_or_else(|| Party {
            name: self.title.clone(),
            url: Some(self.base_url.clone()).filter(|u| u.starts_with("http")),
        })
    }

    /// Where this site's content files live ([`crate::layout`]).
    pub fn layout(&self) -> crate::layout::Layout {
        let layout = crate::layout::Layout::new(
            self.languages
                .iter()
                .map(|l| l.language.code.clone())
                .filter(|code| *code != self.language),
        );
        if self.languages.is_empty() {
            layout
        } else {
            layout.with_default(&self.language)
        }
    }

    /// The calendar dates are written in, in the language `code`.
    pub fn calendar(&self, code: &str) -> Calendar {
        self.languages
            .iter()
            .find(|l| l.language.code == code)
            .map_or(Calendar::Default, |l| l.calendar)
    }

    /// The studies' author: as written, or the publisher.
    pub fn author(&self) -> Party {
        self.author.clone().unwrap_or_else(|| self.publisher())
    }
}

impl Default for SiteConfig {
    fn default() -> Self {
        SiteConfig {
            title: "Case studies".into(),
            description: String::new(),
            base_url: "/".into(),
            base_path: "/".into(),
            language: "en".into(),
            theme: "default".into(),
            sections: SectionAliases::default(),
            fact_labels: FactLabels::default(),
            page_size: 50,
            raw_html: true,
            relative_links: false,
            author: None,
            publisher: None,
            freshness: Vec::new(),
            report_page: false,
            hide_untranslated: false,
            refuse_outside_base: false,
            languages: Vec::new(),
            redirect_host: RedirectHost::Static,
            retired: Vec::new(),
        }
    }
}

impl SiteConfig {
    /// Replaces `base_url` (from `--base-url`), keeping `base_path` in step; false (and nothing
    /// changed) when `url` is neither an absolute http(s) URL nor a path.
    pub fn set_base_url(&mut self, url: &str) -> bool {
        match normalize_base_url(url) {
            Some((base, path)) => {
                self.base_url = base;
                self.base_path = path;
                true
            }
            None => false,
        }
    }
}

/// Which canonical part of a case study a section is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SectionKind {
    /// Text before the first level-2 heading.
    Intro,
    Background,
    Solutions,
    Lessons,
    Other,
}

impl SectionKind {
    pub fn name(self) -> &'static str {
        match self {
            SectionKind::Intro => "intro",
            SectionKind::Background => "background",
            SectionKind::Solutions => "solutions",
            SectionKind::Lessons => "lessons",
            SectionKind::Other => "other",
        }
    }
}

/// Heading texts that name the canonical sections, compared by [`name_key`].
#[derive(Debug, Clone)]
pub struct SectionAliases {
    by_key: HashMap<String, SectionKind>,
}

impl Default for SectionAliases {
    fn default() -> Self {
        let mut by_key = HashMap::new();
        for (kind, names) in [
            (SectionKind::Background, &["Background"][..]),
            (
                SectionKind::Solutions,
                &["Solutions Implemented", "Solutions"][..],
            ),
            (
                SectionKind::Lessons,
                &["Results and Lessons Learned", "Lessons Learned", "Results"][..],
            ),
        ] {
            for n in names {
                by_key.insert(name_key(n), kind);
            }
        }
        SectionAliases { by_key }
    }
}

impl SectionAliases {
    pub fn kind_of(&self, heading: &str) -> SectionKind {
        self.by_key
            .get(&name_key(heading))
            .copied()
            .unwrap_or(SectionKind::Other)
    }

    pub(crate) fn add(&mut self, heading: &str, kind: SectionKind) {
        self.by_key.insert(name_key(heading), kind);
    }
}

/// Labels (overriding the theme's) and display order for fast-fact keys.
#[derive(Debug, Clone, Default)]
pub struct FactLabels {
    pub labels: HashMap<String, String>,
    /// Keys listed here come first, in this order; others follow as written.
    pub order: Vec<String>,
}

/// The error for a `--base-url` that is no URL.
pub fn bad_base_url_option(url: &str) -> crate::diagnostics::Diagnostic {
    crate::diagnostics::Diagnostic::error(
        "--base-url",
        format!(
            "`--base-url` must be an absolute http(s) URL or a path starting with `/`: `{url}`"
        ),
    )
    .with_code(code::BAD_URL)
    .with_hint("write it like `--base-url https://example.org/best-practices/`")
}

/// `https://example.org/best` -> (`https://example.org/best/`, `/best/`).
pub(crate) fn normalize_base_url(url: &str) -> Option<(String, String)> {
    let url = url.trim();
    if !url.chars().all(is_url_char) || !percent_escapes_complete(url) {
        return None;
    }
    let with_slash = if url.ends_with('/') {
        url.to_string()
    } else {
        format!("{url}/")
    };
    if with_slash.starts_with('/') {
        return Some((with_slash.clone(), with_slash));
    }
    let rest = with_slash
        .strip_prefix("https://")
        .or_else(|| with_slash.strip_prefix("http://"))?;
    let slash = rest.find('/')?;
    if slash == 0 || rest.contains(char::is_whitespace) {
        return None;
    }
    Some((with_slash.clone(), rest[slash..].to_string()))
}

/// A character a URL may hold as written (RFC 3986, with letters of other scripts as in IRIs):
/// not `?` or `#` (a base URL has no query or fragment), no space, quote, `<`, `>`, backslash or
/// control character.
fn is_url_char(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || "-._~%!$&'()*+,;=:@/[]".contains(c)
        || (!c.is_ascii() && !c.is_control() && !c.is_whitespace())
}

/// Every `%` is followed by two hex digits.
fn percent_escapes_complete(url: &str) -> bool {
    url.match_indices('%').all(|(at, _)| {
        url.get(at + 1..at + 3)
            .is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit()))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_keeps_its_path() {
        assert_eq!(
            normalize_base_url("https://example.org/best-practices"),
            Some((
                "https://example.org/best-practices/".into(),
                "/best-practices/".into()
            ))
        );
        assert_eq!(
            normalize_base_url("http://localhost:8000"),
            Some(("http://localhost:8000/".into(), "/".into()))
        );
        assert_eq!(
            normalize_base_url("/sub"),
            Some(("/sub/".into(), "/sub/".into()))
        );
        assert_eq!(normalize_base_url("example.org"), None);
        assert_eq!(
            normalize_base_url("https://example.org/caf%C3%A9/ätt&x/"),
            Some((
                "https://example.org/caf%C3%A9/ätt&x/".into(),
                "/caf%C3%A9/ätt&x/".into()
            ))
        );
    }

    #[test]
    fn a_base_url_that_no_link_could_start_with_is_refused() {
        for bad in [
            "https://example.org/]]>a/",
            "https://example.org/a#b/",
            "https://example.org/a?b",
            "https://example.org/a b/",
            "https://example.org/a\"b/",
            "https://example.org/50%/",
            "/best-pract&#0;ices/",
        ] {
            assert_eq!(normalize_base_url(bad), None, "{bad}");
        }
    }

    #[test]
    fn heading_aliases_are_case_insensitive() {
        let a = SectionAliases::default();
        assert_eq!(
            a.kind_of("results and lessons learned"),
            SectionKind::Lessons
        );
        assert_eq!(a.kind_of("Budget"), SectionKind::Other);
    }
}
