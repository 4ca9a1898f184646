//! The code is laid out as the pipeline it is: data flows one way. Each top-level module of the
//! library may use only the modules below it in [`LAYERS`]; a reference that reaches back (a
//! stage using a later stage, a cycle between modules) fails this test, naming the file.

use std::collections::BTreeSet;
use std::path::Path;

/// From the bottom up: a module may use modules of earlier lines only.
const LAYERS: &[&[&str]] = &[
    &["text", "files", "paths", "html", "layout"],
    &["diagnostics", "locale"],
    &["config", "output"],
    &["load"],
    &["scaffold"],
    &["graph"],
    &["freshness", "translations"],
    &["routes", "theme", "advice", "report"],
    &["render"],
    &["change", "write", "linkcheck"],
    &["pipeline"],
    &["session"],
    &["serve"],
];

fn layer_of(module: &str) -> Option<usize> {
    LAYERS.iter().position(|l| l.contains(&module))
}

/// `crate::name` references in the code of a file (comments left out).
fn references(text: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let mut rest = code;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let name: String = rest
                .chars()
                .take_while(|c| c.is_ascii_lowercase() || *c == '_')
                .collect();
            if !name.is_empty() {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn every_module_uses_only_the_stages_below_it() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut problems = Vec::new();
    let mut modules_seen = BTreeSet::new();
    for entry in walkdir::WalkDir::new(&src) {
        let entry = entry.expect("walk src");
        let path = entry.path();
        if path.extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let rel = path.strip_prefix(&src).expect("under src");
        let first = rel.iter().next().and_then(|c| c.to_str()).unwrap_or("");
        let module = first.trim_end_matches(".rs");
        // The crate root and the binary put the stages together; they may use everything.
        if module == "lib" || module == "main" {
            continue;
        }
        modules_seen.insert(module.to_string());
        let Some(own) = layer_of(module) else {
            problems.push(format!(
                "src/{module} is in no layer of tests/architecture.rs"
            ));
            continue;
        };
        let text = std::fs::read_to_string(path).expect("read");
        for used in references(&text) {
            if used == module {
                continue;
            }
            match layer_of(&used) {
                Some(l) if l < own => {}
                _ => problems.push(format!(
                    "{} uses crate::{used}, which is not below `{module}`",
                    rel.display()
                )),
            }
        }
    }
    assert!(modules_seen.len() >= 14, "{modules_seen:?}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
