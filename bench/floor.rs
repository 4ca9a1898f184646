//! The floor: the least work any tool must do to publish a corpus of case studies.
//!
//! ```text
//! cargo run --release --example floor -- SITE_DIR OUT_DIR
//! ```
//!
//! Walks `SITE_DIR/content/case-studies/`, cuts the front matter off each study (without parsing
//! it), renders the Markdown body with pulldown-cmark (the options casebook uses) and writes one
//! HTML file per study to `OUT_DIR/<name>/index.html`, in parallel. No templates, no
//! cross-linking, no lists, feeds or data files. `bench/run.sh` times it beside casebook in the
//! same run and prints casebook/floor: a ratio that holds still while this machine's absolute speed
//! drifts.

use pulldown_cmark::{html, Options, Parser};
use rayon::prelude::*;
use std::path::{Path, PathBuf};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [site, out] = args.as_slice() else {
        eprintln!("usage: floor SITE_DIR OUT_DIR");
        std::process::exit(2);
    };
    let studies: Vec<PathBuf> = walkdir::WalkDir::new(Path::new(site).join("content/case-studies"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let out = Path::new(out);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let written: u64 = studies
        .par_iter()
        .map(|path| {
            let text = std::fs::read_to_string(path).unwrap_or_default();
            let body = body_of(&text);
            let mut page = String::with_capacity(body.len() * 2);
            html::push_html(&mut page, Parser::new_ext(body, options));
            // `<slug>.md`, or `<slug>/index.md` for a study with files beside it.
            let named = match path.file_stem() {
                Some(stem) if stem == "index" => path.parent().and_then(Path::file_name),
                stem => stem,
            };
            let name = named.map_or_else(String::new, |s| s.to_string_lossy().into_owned());
            let dir = out.join(name);
            let written = std::fs::create_dir_all(&dir)
                .and_then(|()| std::fs::write(dir.join("index.html"), &page));
            if let Err(e) = written {
                eprintln!("{}: {e}", dir.display());
                std::process::exit(1);
            }
            page.len() as u64
        })
        .sum();
    println!(
        "floor: {} studies, {:.1} MB of HTML",
        studies.len(),
        written as f64 / 1e6
    );
}

/// The text after the closing `---` of the front matter (all of it if there is none).
fn body_of(text: &str) -> &str {
    let Some(rest) = text.strip_prefix("---\n") else {
        return text;
    };
    match rest.find("\n---\n") {
        Some(end) => &rest[end + 5..],
        None => text,
    }
}
