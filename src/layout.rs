//! Where content files live: the one place that reads a content file's path (what kind of
//! item it holds, the name its slug comes from, its language, whether it is a bundle) and the
//! one place that says where a new one goes.
//!
//! ```text
//! content/case-studies/<name>.md            a case study
//! content/case-studies/<name>/index.md      a case study with files beside it (a bundle)
//! content/case-studies/<name>/<file>        a file of that bundle, read with its study
//! content/cities/<name>.md                  a city profile
//! content/pages/<name>.md                   a free page
//! ```
//!
//! On a site with more than one language (`languages:` in `site.yaml`), a translation is the
//! same file with the language's code before `.md`: `<name>.th.md`, `<name>/index.th.md`.
//! Paths are relative to the site root.

/// The site's list of every address it has published, at the site root ([`crate::published`]).
pub const PUBLISHED_LIST: &str = "published-urls.txt";

/// What that list says at its top, so that an editor knows what it is; all a new list holds.
pub const PUBLISHED_LIST_HEADER: &str =
    "# Every address this site has published, under its base path. casebook build adds new\n\
# ones and never removes any: a listed address the site no longer has is the error url-removed.\n";

use std::path::{Path, PathBuf};

/// The folder of all content, under the site root.
pub const CONTENT_DIR: &str = "content";

/// Which kind of item a content file holds, by its folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Study,
    City,
    Page,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Study, Kind::City, Kind::Page];

    /// The folder under `content/`.
    pub fn folder(self) -> &'static str {
        match self {
            Kind::Study => "case-studies",
            Kind::City => "cities",
            Kind::Page => "pages",
        }
    }

    /// The folder of this kind relative to the site root: `content/case-studies`.
    pub fn dir(self) -> PathBuf {
        Path::new(CONTENT_DIR).join(self.folder())
    }

    fn from_folder(name: &str) -> Option<Kind> {
        Kind::ALL.into_iter().find(|k| k.folder() == name)
    }
}

/// A content file, read from its path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentFile {
    pub kind: Kind,
    /// `<name>/index.md`: a case study with files beside it.
    pub bundle: bool,
    /// The name its slug comes from: the file's name without `.md` (and without the language),
    /// or the bundle folder's name.
    pub name: String,
    /// The language of a translation (`<name>.th.md`); `None` for the default language.
    pub language: Option<String>,
}

/// What a path under the site root is, as content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Placed {
    Content(ContentFile),
    /// A file of a bundle (an image beside `index.md`), read with its study: the path of the
    /// bundle's `index.md`.
    BundleFile {
        index: PathBuf,
    },
    Ignored(Ignored),
}

/// Why a path is not read as content.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ignored {
    /// Not under `content/`.
    OutsideContent,
    /// Under `content/`, but not in the folder of a kind.
    UnknownFolder,
    /// In a kind's folder, but not where a content file goes.
    Misplaced,
    /// A hidden file or an editor's temporary file.
    Hidden,
    /// `<name>.<code>.md` whose code is no language of the site: the code as written.
    UnknownLanguage(String),
}

/// What a file is among the files of its item (an item and its translations).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The item itself: the file in the default language or, when the item has none, the file
    /// in the language that comes first in `languages:`.
    Source,
    /// A translation of the source.
    Translation,
}

/// How a site lays out its content: which language codes a file name may carry.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// Codes of the languages other than the default, as written before `.md`; empty on a
    /// site in one language, whose file names are read as they always were.
    translations: Vec<String>,
    /// The default language's code, which a file name does not carry.
    default: Option<String>,
}

impl Layout {
    /// This layout, on a site whose default language is `code`.
    pub fn with_default(mut self, code: &str) -> Layout {
        self.default = Some(code.to_string());
        self
    }

    /// The default language's code, when the site has several languages.
    pub fn default_code(&self) -> Option<&str> {
        self.default.as_deref()
    }

    /// The layout of a site whose languages other than the default are `codes`.
    pub fn new(codes: impl IntoIterator<Item = String>) -> Layout {
        Layout {
            translations: codes.into_iter().collect(),
            default: None,
        }
    }

    /// The codes a translation's file name may carry.
    pub fn translation_codes(&self) -> &[String] {
        &self.translations
    }

    /// What the file at `rel` (relative to the site root) is. `is_file` answers whether a path
    /// (relative to the site root) is a file, to tell a bundle's files from misplaced ones.
    pub fn place(&self, rel: &Path, is_file: impl Fn(&Path) -> bool) -> Placed {
        let parts: Vec<&str> = rel.iter().filter_map(|p| p.to_str()).collect();
        let Some((&CONTENT_DIR, below)) = parts.split_first() else {
            return Placed::Ignored(Ignored::OutsideContent);
        };
        if parts.iter().any(|p| is_hidden_or_temporary(p)) {
            return Placed::Ignored(Ignored::Hidden);
        }
        let Some(kind) = below.first().and_then(|f| Kind::from_folder(f)) else {
            return Placed::Ignored(Ignored::UnknownFolder);
        };
        match below {
            [_, file] => match self.markdown_name(file, None) {
                Some(Ok((name, language))) => Placed::Content(ContentFile {
                    kind,
                    bundle: false,
                    name,
                    language,
                }),
                Some(Err(code)) => Placed::Ignored(Ignored::UnknownLanguage(code)),
                None => Placed::Ignored(Ignored::Misplaced),
            },
            [_, folder, file] if kind == Kind::Study => {
                match self.markdown_name(file, Some("index")) {
                    Some(Ok((_, language))) => Placed::Content(ContentFile {
                        kind,
                        bundle: true,
                        name: folder.to_string(),
                        language,
                    }),
                    Some(Err(code)) => Placed::Ignored(Ignored::UnknownLanguage(code)),
                    None => self.bundle_file(kind, folder, &is_file),
                }
            }
            [_, folder, _, ..] if kind == Kind::Study => self.bundle_file(kind, folder, &is_file),
            _ => Placed::Ignored(Ignored::Misplaced),
        }
    }

    /// A file inside the folder `folder` of a kind: a bundle's file when the folder holds an
    /// `index.md` (in any language of the site).
    fn bundle_file(&self, kind: Kind, folder: &str, is_file: &impl Fn(&Path) -> bool) -> Placed {
        let dir = kind.dir().join(folder);
        let default = dir.join("index.md");
        if is_file(&default) {
            return Placed::BundleFile { index: default };
        }
        for code in &self.translations {
            let index = dir.join(format!("index.{code}.md"));
            if is_file(&index) {
                return Placed::BundleFile { index };
            }
        }
        Placed::Ignored(Ignored::Misplaced)
    }

    /// The name and language of a Markdown file name (`x.md`, `x.th.md`); with `stem`, only a
    /// file of that name (`index.md`, `index.th.md`) counts. `None` for a file that is not such
    /// Markdown; an error with the code for `x.<code>.md` whose code is no language of the site.
    fn markdown_name(
        &self,
        file: &str,
        stem: Option<&str>,
    ) -> Option<Result<(String, Option<String>), String>> {
        let base = file.strip_suffix(".md")?;
        if !self.translations.is_empty() {
            if let Some((name, code)) = base.rsplit_once('.') {
                if stem.is_none_or(|s| s == name) {
                    if self.translations.iter().any(|c| c == code) {
                        return Some(Ok((name.to_string(), Some(code.to_string()))));
                    }
                    if looks_like_language_code(code) {
                        return Some(Err(code.to_string()));
                    }
                }
            }
        }
        match stem {
            Some(s) if s != base => None,
            _ => Some(Ok((base.to_string(), None))),
        }
    }

    /// The role of `file` among the files of its item; `has(language)` says whether the item
    /// has a file in that language (`None`: the default).
    pub fn role(&self, file: &ContentFile, has: impl Fn(Option<&str>) -> bool) -> Role {
        let Some(own) = &file.language else {
            return Role::Source;
        };
        if has(None) {
            return Role::Translation;
        }
        for code in &self.translations {
            if code == own {
                return Role::Source;
            }
            if has(Some(code)) {
                return Role::Translation;
            }
        }
        Role::Source
    }

    /// Every path a file of `file`'s item could have (each language, each shape): the files
    /// whose role can change when `file` comes or goes.
    pub fn item_files(&self, file: &ContentFile) -> Vec<PathBuf> {
        let shapes: &[bool] = if file.kind == Kind::Study {
            &[false, true]
        } else {
            &[false]
        };
        let languages =
            std::iter::once(None).chain(self.translations.iter().map(|c| Some(c.as_str())));
        languages
            .flat_map(|l| {
                shapes
                    .iter()
                    .map(move |&bundle| Self::file_of(file.kind, &file.name, bundle, l))
            })
            .collect()
    }

    /// Where a new content file goes, relative to the site root: `content/case-studies/x.md`,
    /// `content/case-studies/x/index.md`, `content/cities/x.th.md`.
    pub fn file_of(kind: Kind, name: &str, bundle: bool, language: Option<&str>) -> PathBuf {
        let file = |stem: &str| match language {
            Some(code) => format!("{stem}.{code}.md"),
            None => format!("{stem}.md"),
        };
        if bundle {
            kind.dir().join(name).join(file("index"))
        } else {
            kind.dir().join(file(name))
        }
    }
}

/// How links between content files name one: its path below `content/`, written with `/`
/// (`content/cities/phuket.md` -> `cities/phuket.md`).
pub fn link_path(rel: &Path) -> String {
    let below = rel.strip_prefix(CONTENT_DIR).unwrap_or(rel);
    below
        .components()
        .filter_map(|c| c.as_os_str().to_str())
        .collect::<Vec<_>>()
        .join("/")
}

/// The site-root path of a file a link names by its path below `content/` (`cities/phuket.md`).
pub fn from_link_path(link: &str) -> PathBuf {
    Path::new(CONTENT_DIR).join(link)
}

/// Whether a file or folder name is hidden or an editor's temporary file: never content.
pub fn is_hidden_or_temporary(name: &str) -> bool {
    (name.starts_with('.') && name != ".") || name.ends_with('~') || name.ends_with(".swp")
}

/// Whether `code` has the shape of a language code (`fr`, `pt-br`, `zh-hant`): what a file name
/// `x.<code>.md` meant as a translation would carry.
fn looks_like_language_code(code: &str) -> bool {
    let mut parts = code.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.bytes().all(|b| b.is_ascii_lowercase())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn content(kind: Kind, bundle: bool, name: &str, language: Option<&str>) -> Placed {
        Placed::Content(ContentFile {
            kind,
            bundle,
            name: name.into(),
            language: language.map(str::to_string),
        })
    }

    #[test]
    fn a_site_in_one_language_reads_names_as_written() {
        let layout = Layout::default();
        let none = |_: &Path| false;
        let place = |p: &str| layout.place(Path::new(p), none);
        assert_eq!(
            place("content/case-studies/x.md"),
            content(Kind::Study, false, "x", None)
        );
        assert_eq!(
            place("content/case-studies/x.th.md"),
            content(Kind::Study, false, "x.th", None)
        );
        assert_eq!(
            place("content/case-studies/x/index.md"),
            content(Kind::Study, true, "x", None)
        );
        assert_eq!(
            place("content/cities/phuket.md"),
            content(Kind::City, false, "phuket", None)
        );
        assert_eq!(
            place("content/pages/a/index.md"),
            Placed::Ignored(Ignored::Misplaced)
        );
        assert_eq!(
            place("content/other/x.md"),
            Placed::Ignored(Ignored::UnknownFolder)
        );
        assert_eq!(place("site.yaml"), Placed::Ignored(Ignored::OutsideContent));
        assert_eq!(
            place("content/cities/.x.md"),
            Placed::Ignored(Ignored::Hidden)
        );
        assert_eq!(
            place("content/case-studies/x/tram.jpg"),
            Placed::Ignored(Ignored::Misplaced)
        );
    }

    #[test]
    fn bundle_files_belong_to_the_folder_with_an_index() {
        let layout = Layout::new(["th".to_string()]);
        let thai_only = |p: &Path| p == Path::new("content/case-studies/x/index.th.md");
        assert_eq!(
            layout.place(Path::new("content/case-studies/x/img/tram.jpg"), thai_only),
            Placed::BundleFile {
                index: "content/case-studies/x/index.th.md".into()
            }
        );
    }

    #[test]
    fn translations_carry_their_code() {
        let layout = Layout::new(["th".to_string(), "zh-hans".to_string()]);
        let place = |p: &str| layout.place(Path::new(p), |_: &Path| false);
        assert_eq!(
            place("content/case-studies/x.th.md"),
            content(Kind::Study, false, "x", Some("th"))
        );
        assert_eq!(
            place("content/pages/about.zh-hans.md"),
            content(Kind::Page, false, "about", Some("zh-hans"))
        );
        assert_eq!(
            place("content/case-studies/x/index.th.md"),
            content(Kind::Study, true, "x", Some("th"))
        );
        assert_eq!(
            place("content/case-studies/x.fr.md"),
            Placed::Ignored(Ignored::UnknownLanguage("fr".into()))
        );
        // A dot that is no language code stays part of the name.
        assert_eq!(
            place("content/case-studies/report.2023.md"),
            content(Kind::Study, false, "report.2023", None)
        );
    }

    #[test]
    fn the_source_is_the_default_file_or_the_first_language() {
        let layout = Layout::new(["th".to_string(), "id".to_string()]);
        let file = |language: Option<&str>| ContentFile {
            kind: Kind::Study,
            bundle: false,
            name: "x".into(),
            language: language.map(str::to_string),
        };
        let with =
            |langs: &'static [Option<&'static str>]| move |l: Option<&str>| langs.contains(&l);
        assert_eq!(layout.role(&file(None), with(&[None])), Role::Source);
        assert_eq!(
            layout.role(&file(Some("id")), with(&[None, Some("id")])),
            Role::Translation
        );
        assert_eq!(
            layout.role(&file(Some("id")), with(&[Some("id")])),
            Role::Source
        );
        assert_eq!(
            layout.role(&file(Some("id")), with(&[Some("th"), Some("id")])),
            Role::Translation
        );
        assert_eq!(
            layout.role(&file(Some("th")), with(&[Some("th"), Some("id")])),
            Role::Source
        );
    }

    #[test]
    fn new_files_and_link_paths() {
        assert_eq!(
            Layout::file_of(Kind::Study, "x", true, Some("th")),
            PathBuf::from("content/case-studies/x/index.th.md")
        );
        assert_eq!(
            Layout::file_of(Kind::City, "phuket", false, None),
            PathBuf::from("content/cities/phuket.md")
        );
        assert_eq!(
            link_path(Path::new("content/cities/phuket.md")),
            "cities/phuket.md"
        );
        assert_eq!(
            from_link_path("cities/phuket.md"),
            PathBuf::from("content/cities/phuket.md")
        );
    }
}
