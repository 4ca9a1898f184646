//! `casebook new` and `casebook init`: files an editor starts from, correctly named and shaped,
//! that build with no warnings. Nothing existing is ever overwritten.
//!
//! Optional fields are written as comments with an example, so a new file shows every field it
//! may have without holding empty values the build would refuse.

use crate::layout::{Kind, Layout};
use crate::text::{name_key, slugify, Date};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// Why a file could not be created.
#[derive(Debug)]
pub enum ScaffoldError {
    /// The file exists.
    Exists(PathBuf),
    /// The folder for a new site is not empty.
    NotEmpty(PathBuf),
    /// The name gives no address (no letters or digits).
    NoSlug(String),
    /// A new city's study needs its country.
    NeedsCountry(String),
    Io(PathBuf, io::Error),
}

impl std::fmt::Display for ScaffoldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ScaffoldError::Exists(p) => write!(f, "`{}` already exists; nothing was written (choose another title, or edit that file)", p.display()),
            ScaffoldError::NotEmpty(p) => write!(f, "`{}` is not empty; a new site needs an empty or new folder", p.display()),
            ScaffoldError::NoSlug(name) => write!(f, "`{name}` has no letters or digits to make a file name from"),
            ScaffoldError::NeedsCountry(city) => write!(f, "no city profile is named `{city}`: give its country with --country \"…\" (the city's page will be built from the study)"),
            ScaffoldError::Io(p, e) => write!(f, "cannot write `{}`: {e}", p.display()),
        }
    }
}

/// What `new` wrote.
#[derive(Debug)]
pub struct Created {
    /// The new file, under the site root.
    pub path: PathBuf,
    /// Something the editor should know (an unknown city).
    pub note: Option<String>,
}

/// Writes a new case study `content/case-studies/<slug>.md` (or `<slug>/index.md` with
/// `bundle`), dated `today`.
pub fn new_study(
    root: &Path,
    title: &str,
    city: &str,
    country: Option<&str>,
    bundle: bool,
    today: Date,
) -> Result<Created, ScaffoldError> {
    let slug = slugify(title);
    if slug.is_empty() {
        return Err(ScaffoldError::NoSlug(title.to_string()));
    }
    let dir = root.join(Kind::Study.dir());
    for taken in [
        root.join(Layout::file_of(Kind::Study, &slug, false, None)),
        dir.join(&slug),
    ] {
        if taken.exists() {
            return Err(ScaffoldError::Exists(taken));
        }
    }
    let known = city_profile(root, city);
    let note = match (known, country) {
        (true, _) => None,
        (false, Some(_)) => Some(format!("no city profile is named `{city}` yet: its page will be built from this study (add one with `casebook new city \"{city}\" --country …`)")),
        (false, None) => return Err(ScaffoldError::NeedsCountry(city.to_string())),
    };
    let country_line = match country {
        Some(c) => format!("country: {}\n", quoted(c)),
        None => "# country: (from the city's profile)\n".to_string(),
    };
    let text = format!(
        "---\ntitle: {title}\ndate: {today}\ncity: {city}\n{country_line}\
# summary: One or two sentences shown in lists and feeds (otherwise the first paragraph).\n\
# topics: [Smart city, Mobility]\n\
# related: [another-study-slug]\n\
# fast_facts:\n#   mayor: Name Surname\n#   population: 120000\n#   area_km2: 46\n#   signatory_since: 2019\n#   notes:\n#     - A short note.\n\
# sources:\n#   - title: Annual report\n#     url: https://example.org/report\n#     publisher: City office\n#     date: 2023-01-01\n\
# draft: true\n---\n\n\
A first paragraph that says what the city did and why it matters.\n\n\
## Background\n\nWhere the city started from, and the problem it faced.\n\n\
## Solutions Implemented\n\nWhat was done, by whom, and how it was paid for.\n\n\
## Results and Lessons Learned\n\nWhat changed, and what other cities can learn from it.\n",
        title = quoted(title),
        city = quoted(city),
    );
    let path = root.join(Layout::file_of(Kind::Study, &slug, bundle, None));
    write_new(&path, &text)?;
    Ok(Created {
        path: path.strip_prefix(root).unwrap_or(&path).to_path_buf(),
        note,
    })
}

/// Writes a new city profile `content/cities/<slug>.md`, with its coordinates when known
/// (otherwise a commented line shows how to write them).
pub fn new_city(
    root: &Path,
    name: &str,
    country: &str,
    coordinates: Option<(f64, f64)>,
) -> Result<Created, ScaffoldError> {
    let slug = slugify(name);
    if slug.is_empty() {
        return Err(ScaffoldError::NoSlug(name.to_string()));
    }
    let path = root.join(Layout::file_of(Kind::City, &slug, false, None));
    if path.exists() {
        return Err(ScaffoldError::Exists(path));
    }
    let coordinates = match coordinates {
        Some((lat, lon)) => format!("coordinates: {{lat: {lat}, lon: {lon}}}"),
        None => "# coordinates: {lat: 16.43, lon: 102.83}".to_string(),
    };
    let text = format!(
        "---\nname: {name}\ncountry: {country}\n\
# region: Northeast\n\
# aliases: [Other Spelling]\n\
{coordinates}\n\
# partners: [Another City]\n\
# summary: One sentence shown in lists.\n\
# fast_facts:\n#   mayor: Name Surname\n#   population: 120000\n#   area_km2: 46\n#   signatory_since: 2019\n---\n\n\
A paragraph about the city: where it is, its size, what it is known for.\n",
        name = quoted(name),
        country = quoted(country),
    );
    write_new(&path, &text)?;
    Ok(Created {
        path: path.strip_prefix(root).unwrap_or(&path).to_path_buf(),
        note: None,
    })
}

/// Creates a new site in `dir` (missing or empty): `site.yaml`, one study, one city profile and
/// a `.gitignore` for the output. Returns the files written, relative to `dir`.
pub fn init(dir: &Path, today: Date) -> Result<Vec<PathBuf>, ScaffoldError> {
    let empty = match fs::read_dir(dir) {
        Ok(mut entries) => entries.next().is_none(),
        Err(e) if e.kind() == io::ErrorKind::NotFound => true,
        Err(e) => return Err(ScaffoldError::Io(dir.to_path_buf(), e)),
    };
    if !empty {
        return Err(ScaffoldError::NotEmpty(dir.to_path_buf()));
    }
    let site = "# Site configuration for casebook: docs/content-format.md lists every setting.\n\
title: City Best Practices\n\
description: Best-practice case studies of cities\n\
# Where the site will be published; a path is fine too: https://example.org/best-practices/\n\
base_url: https://example.org/\n\
language: en\n";
    write_new(&dir.join("site.yaml"), site)?;
    write_new(&dir.join(".gitignore"), "public/\n")?;
    // The removed-URL guard starts with the site: its first build fills the list.
    write_new(
        &dir.join(crate::layout::PUBLISHED_LIST),
        crate::layout::PUBLISHED_LIST_HEADER,
    )?;
    // Khon Kaen's centre: a public geographic fact, so the new site's map shows its city.
    let city = new_city(dir, "Khon Kaen", "Thailand", Some((16.43, 102.83)))?;
    let study = new_study(
        dir,
        "Citizen Awareness in Khon Kaen",
        "Khon Kaen",
        None,
        false,
        today,
    )?;
    Ok(vec![
        PathBuf::from("site.yaml"),
        PathBuf::from(".gitignore"),
        PathBuf::from(crate::layout::PUBLISHED_LIST),
        city.path,
        study.path,
    ])
}

/// Whether a city profile of the site answers to `city` (its name or an alias, compared as the
/// build compares names). Profiles are read as the build reads them; one that does not load
/// answers to nothing.
pub(crate) fn city_profile(root: &Path, city: &str) -> bool {
    let mut ignored = crate::diagnostics::Diagnostics::new();
    let config = crate::load::site_config::load_site_config(root, &mut ignored);
    let wanted = name_key(city);
    crate::files::files_under(&root.join(Kind::City.dir()))
        .files
        .iter()
        .filter(|(_, rel)| rel.ends_with(".md") && !rel.contains('/'))
        .filter_map(|(path, _)| {
            let rel = path.strip_prefix(root).unwrap_or(path);
            match crate::load::load_file(root, &config, rel).0 {
                Some(crate::load::Item::City(profile)) => Some(profile),
                _ => None,
            }
        })
        .any(|p| {
            name_key(&p.name.value) == wanted
                || p.aliases.iter().any(|a| name_key(&a.value) == wanted)
        })
}

/// A YAML double-quoted string (JSON's quoting is valid YAML).
pub(crate) fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.replace('"', "")))
}

fn write_new(path: &Path, text: &str) -> Result<(), ScaffoldError> {
    let io = |e| ScaffoldError::Io(path.to_path_buf(), e);
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(io)?;
    }
    // create_new: never replace a file, even one created a moment ago.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            io::ErrorKind::AlreadyExists => ScaffoldError::Exists(path.to_path_buf()),
            _ => io(e),
        })?;
    io::Write::write_all(&mut file, text.as_bytes()).map_err(io)
}

/// Today's date (UTC) from the system clock.
pub fn today() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Date::from_days_since_epoch(i64::try_from(secs / 86_400).unwrap_or(0))
}
