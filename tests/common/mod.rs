//! Test helpers: declare a whole site inline, build it into a temporary folder, inspect the output.
//!
//! A site is written as blocks of `-- path --` followed by the file's contents:
//!
//! ```text
//! -- site.yaml --
//! title: Test
//! -- content/case-studies/a.md --
//! ---
//! title: A
//! ...
//! ```
//!
//! Without a `site.yaml` block, a minimal one is added.
#![allow(dead_code)]

use casebook::{BuildOptions, BuildReport, Diagnostic};
use scraper::{Html, Selector};
use std::fs;
use std::path::{Path, PathBuf};

pub struct Site {
    pub dir: tempfile::TempDir,
}

pub const DEFAULT_CONFIG: &str = "title: Test Site\nbase_url: https://example.org/\n";

/// Writes the files of `spec` into a new temporary site folder.
pub fn site(spec: &str) -> Site {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut current: Option<(String, String)> = None;
    let mut files: Vec<(String, String)> = Vec::new();
    for line in spec.split_inclusive('\n') {
        let t = line.trim_end();
        if let Some(path) = t.strip_prefix("-- ").and_then(|r| r.strip_suffix(" --")) {
            files.extend(current.take());
            current = Some((path.to_string(), String::new()));
        } else if let Some((_, body)) = current.as_mut() {
            body.push_str(line);
        }
    }
    files.extend(current);
    if !files.iter().any(|(p, _)| p == "site.yaml") {
        files.push(("site.yaml".into(), DEFAULT_CONFIG.into()));
    }
    for (path, body) in files {
        let full = dir.path().join(&path);
        fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        fs::write(full, body).expect("write");
    }
    Site { dir }
}

/// A case study file with the given extra front matter lines and body.
pub fn study(path: &str, front: &str, body: &str) -> String {
    format!("-- content/case-studies/{path} --\n---\n{front}\n---\n{body}\n")
}

impl Site {
    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn options(&self) -> BuildOptions {
        BuildOptions::new(self.root())
    }

    pub fn build(&self) -> Result<BuildReport, Vec<Diagnostic>> {
        casebook::build(&self.options()).map_err(|f| f.diagnostics)
    }

    /// Builds, panicking with every diagnostic if the build fails, and checks that every
    /// internal link and fragment of the output resolves.
    pub fn build_ok(&self) -> BuildReport {
        let report = match self.build() {
            Ok(r) => r,
            Err(diags) => {
                let text: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
                panic!("build failed:\n{}", text.join("\n"));
            }
        };
        let links = self.check_links();
        let text: Vec<String> = links.failures.iter().map(|d| d.to_string()).collect();
        assert!(
            text.is_empty(),
            "broken links in the output:\n{}",
            text.join("\n")
        );
        report
    }

    /// The link check of `public/`, with the base path from site.yaml.
    pub fn check_links(&self) -> casebook::linkcheck::LinkReport {
        let mut d = casebook::Diagnostics::new();
        let config = casebook::load::site_config::load_site_config(self.root(), &mut d);
        casebook::linkcheck::check_output(&self.root().join("public"), &config.base_path)
            .expect("link check")
    }

    /// Builds and returns the diagnostics of the failure; panics if the build succeeds.
    pub fn build_err(&self) -> Vec<Diagnostic> {
        match self.build() {
            Ok(_) => panic!("the build was expected to fail"),
            Err(d) => d,
        }
    }

    pub fn out(&self, path: &str) -> PathBuf {
        self.root().join("public").join(path)
    }

    pub fn exists(&self, path: &str) -> bool {
        self.out(path).is_file()
    }

    pub fn read(&self, path: &str) -> String {
        fs::read_to_string(self.out(path))
            .unwrap_or_else(|e| panic!("cannot read public/{path}: {e}"))
    }

    /// The arguments of the one call a search index script makes
    /// (`casebookSearch.terms("en", 3, [...]);`), parsed as a JSON array.
    pub fn script_call(&self, path: &str, function: &str) -> serde_json::Value {
        let text = self.read(path);
        let prefix = format!("casebookSearch.{function}(");
        let args = text
            .strip_prefix(&prefix)
            .and_then(|rest| rest.trim_end().strip_suffix(");"))
            .unwrap_or_else(|| panic!("public/{path} is not one call of {prefix}...)"));
        serde_json::from_str(&format!("[{args}]"))
            .unwrap_or_else(|e| panic!("public/{path}: the arguments are not JSON: {e}"))
    }

    /// What `casebook check` advises with `code`, as `file:line message`, sorted.
    pub fn advice(&self, code: &str) -> Vec<String> {
        let (site, _) = casebook::check(&self.options()).expect("check");
        let mut found: Vec<String> = casebook::advice::advice(&site.graph)
            .iter()
            .filter(|d| d.code == code)
            .map(|d| {
                let line = d.position.map_or(0, |p| p.line);
                format!("{}:{line} {}", d.file.display(), d.message)
            })
            .collect();
        found.sort();
        found
    }

    pub fn html(&self, path: &str) -> Page {
        Page(Html::parse_document(&self.read(path)))
    }

    pub fn write(&self, path: &str, body: &str) {
        let full = self.root().join(path);
        fs::create_dir_all(full.parent().expect("parent")).expect("mkdir");
        fs::write(full, body).expect("write");
    }
}

/// A parsed HTML page with small query helpers.
pub struct Page(pub Html);

fn sel(css: &str) -> Selector {
    Selector::parse(css).unwrap_or_else(|e| panic!("bad selector {css}: {e:?}"))
}

/// An element's text with runs of white space folded to one space.
fn folded_text(e: &scraper::ElementRef) -> String {
    e.text()
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

impl Page {
    pub fn count(&self, css: &str) -> usize {
        self.0.select(&sel(css)).count()
    }

    /// Whitespace-folded text of every match.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.0.select(&sel(css)).map(|e| folded_text(&e)).collect()
    }

    pub fn text(&self, css: &str) -> String {
        self.texts(css)
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("nothing matches {css}"))
    }

    pub fn attrs(&self, css: &str, attr: &str) -> Vec<String> {
        self.0
            .select(&sel(css))
            .filter_map(|e| e.value().attr(attr).map(str::to_string))
            .collect()
    }

    /// (text, href) of every link matching `css`.
    pub fn links(&self, css: &str) -> Vec<(String, String)> {
        self.0
            .select(&sel(css))
            .map(|e| {
                (
                    folded_text(&e),
                    e.value().attr("href").unwrap_or("").to_string(),
                )
            })
            .collect()
    }
}

/// The first diagnostic whose message contains `needle`, with its printed form on failure.
pub fn find<'a>(diags: &'a [Diagnostic], needle: &str) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| d.message.contains(needle))
        .unwrap_or_else(|| {
            let all: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            panic!(
                "no diagnostic contains {needle:?}; got:\n{}",
                all.join("\n")
            )
        })
}
