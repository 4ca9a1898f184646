//! Generates a large, realistic casebook site for benchmarks.
//!
//! ```text
//! cargo run --release --example gen-corpus -- --studies 10000 --cities 2000 [--seed 42] DIR
//!     [--languages th,id --translated 0.3]
//! ```
//!
//! Deterministic from the seed. Each study is 6 to 8 KB of Markdown with fast facts (its
//! population with year and source), the three canonical sections, a table, footnotes, sources
//! and mentions of other cities (by name and by alias); each city has a profile with aliases,
//! partners and coordinates, and every third a dated population of its own.
//!
//! With `--hugo HUGO_DIR`, the same corpus is also written as a Hugo site (taxonomies for cities,
//! countries and topics; the templates in bench/hugo/ do comparable work: fast facts, table of
//! contents, the city's other studies, related studies), for `bench/run.sh` to compare.

#[path = "../bench/corpus.rs"]
mod corpus;

use corpus::Corpus;
use std::path::PathBuf;

struct Args {
    studies: usize,
    cities: usize,
    seed: u64,
    out: PathBuf,
    hugo: Option<PathBuf>,
    /// Languages besides English, and the share of studies translated into each.
    languages: Vec<String>,
    translated: f64,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        studies: 1000,
        cities: 200,
        seed: 42,
        out: PathBuf::new(),
        hugo: None,
        languages: Vec::new(),
        translated: 0.3,
    };
    let mut it = std::env::args().skip(1);
    let mut out = None;
    while let Some(a) = it.next() {
        let mut value = |name: &str| it.next().ok_or(format!("{name} needs a value"));
        match a.as_str() {
            "--studies" => {
                args.studies = value("--studies")?
                    .parse()
                    .map_err(|e| format!("--studies: {e}"))?
            }
            "--cities" => {
                args.cities = value("--cities")?
                    .parse()
                    .map_err(|e| format!("--cities: {e}"))?
            }
            "--seed" => {
                args.seed = value("--seed")?
                    .parse()
                    .map_err(|e| format!("--seed: {e}"))?
            }
            "--hugo" => args.hugo = Some(PathBuf::from(value("--hugo")?)),
            "--languages" => {
                args.languages = value("--languages")?
                    .split(',')
                    .map(str::trim)
                    .filter(|c| !c.is_empty())
                    .map(str::to_string)
                    .collect()
            }
            "--translated" => {
                args.translated = value("--translated")?
                    .parse()
                    .map_err(|e| format!("--translated: {e}"))?
            }
            "-h" | "--help" => return Err(String::new()),
            other if other.starts_with('-') => return Err(format!("unknown option {other}")),
            other => out = Some(PathBuf::from(other)),
        }
    }
    args.out = out.ok_or("give the folder to write the site to")?;
    if args.cities < 2 {
        return Err("--cities must be at least 2".into());
    }
    Ok(args)
}

fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!(
                "{e}\nusage: gen-corpus --studies N --cities M [--seed S] [--hugo HUGO_DIR] [--languages th,id --translated 0.3] DIR"
            );
            std::process::exit(2);
        }
    };
    let corpus = Corpus::generate(args.studies, args.cities, args.seed);
    if let Err(e) = corpus.write_casebook(&args.out) {
        eprintln!("cannot write {}: {e}", args.out.display());
        std::process::exit(1);
    }
    if !args.languages.is_empty() {
        match corpus.write_translations(&args.out, &args.languages, args.translated) {
            Ok(n) => println!("wrote {n} translations into {}", args.languages.join(", ")),
            Err(e) => {
                eprintln!("cannot write {}: {e}", args.out.display());
                std::process::exit(1);
            }
        }
    }
    if let Some(hugo) = &args.hugo {
        if let Err(e) = corpus.write_hugo(hugo) {
            eprintln!("cannot write {}: {e}", hugo.display());
            std::process::exit(1);
        }
    }
    let bytes: usize = corpus.studies.iter().map(|s| s.body.len()).sum();
    println!(
        "wrote {} studies ({:.1} MB of Markdown bodies, {:.1} KB each on average) and {} cities to {}",
        corpus.studies.len(),
        bytes as f64 / 1e6,
        bytes as f64 / corpus.studies.len().max(1) as f64 / 1e3,
        corpus.cities.len(),
        args.out.display()
    );
}
