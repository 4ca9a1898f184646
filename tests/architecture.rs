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
    &["render", "import"],
    &["change", "write", "linkcheck", "published"],
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
        // The crate root and the binary (main.rs and its own cli/) put the stages together;
        // they may use everything.
        if module == "lib" || module == "main" || module == "cli" {
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

/// The module path of a source file: `src/render/data/search/mod.rs` -> `render::data::search`.
fn module_path(rel: &Path) -> Vec<String> {
    let mut parts: Vec<String> = rel
        .iter()
        .filter_map(|c| c.to_str())
        .map(|c| c.trim_end_matches(".rs").to_string())
        .collect();
    if parts.last().is_some_and(|p| p == "mod") {
        parts.pop();
    }
    parts
}

/// The paths a file's code names from the crate (`crate::a::b`, `super::c`, `self::d`, and the
/// names inside one level of braces, `super::{e, f::g}`), made absolute.
fn named_paths(text: &str, own: &[String]) -> Vec<Vec<String>> {
    let ident = |c: char| c.is_ascii_alphanumeric() || c == '_';
    let mut found = Vec::new();
    for line in text.lines() {
        let code = line.split("//").next().unwrap_or("");
        let chars: Vec<char> = code.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            let starts_word = i == 0 || !ident(chars[i - 1]);
            let rest: String = chars[i..].iter().collect();
            let root = ["crate::", "super::", "self::"]
                .into_iter()
                .find(|r| starts_word && rest.starts_with(r));
            let Some(root) = root else {
                i += 1;
                continue;
            };
            let mut base: Vec<String> = match root {
                "crate::" => Vec::new(),
                "super::" => own[..own.len().saturating_sub(1)].to_vec(),
                _ => own.to_vec(),
            };
            let mut j = i + root.len();
            // Further `super::`s climb on.
            while chars[j..].iter().collect::<String>().starts_with("super::") {
                base.pop();
                j += "super::".len();
            }
            let mut heads: Vec<Vec<String>> = Vec::new();
            let read_path = |j: &mut usize| {
                let mut segs = Vec::new();
                loop {
                    let seg: String = chars[*j..].iter().take_while(|&&c| ident(c)).collect();
                    if seg.is_empty() {
                        break;
                    }
                    *j += seg.len();
                    segs.push(seg);
                    if chars[*j..].iter().collect::<String>().starts_with("::") {
                        *j += 2;
                    } else {
                        break;
                    }
                }
                segs
            };
            let segs = read_path(&mut j);
            let mut prefix = base.clone();
            prefix.extend(segs);
            if chars.get(j) == Some(&'{') {
                j += 1;
                while j < chars.len() && chars[j] != '}' {
                    if ident(chars[j]) {
                        let inner = read_path(&mut j);
                        let mut p = prefix.clone();
                        p.extend(inner);
                        heads.push(p);
                    } else {
                        j += 1;
                    }
                }
            } else {
                heads.push(prefix);
            }
            found.extend(heads);
            i = j.max(i + 1);
        }
    }
    found
}

/// Inside `load/` and `render/`, no two files use each other, directly or round a longer
/// circle. (A file may use the module that contains it: the parent owns its children.)
#[test]
fn no_cycles_between_the_files_of_a_stage() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    for stage in ["load", "render"] {
        let mut modules: std::collections::BTreeMap<Vec<String>, String> = Default::default();
        let mut texts = Vec::new();
        for entry in walkdir::WalkDir::new(src.join(stage)) {
            let entry = entry.expect("walk");
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "rs") {
                continue;
            }
            let rel = path.strip_prefix(&src).expect("under src").to_path_buf();
            let module = module_path(&rel);
            modules.insert(module.clone(), rel.display().to_string());
            texts.push((module, std::fs::read_to_string(path).expect("read")));
        }
        // file -> the files it uses (the longest module prefix of each path it names).
        let mut edges: std::collections::BTreeMap<Vec<String>, BTreeSet<Vec<String>>> =
            Default::default();
        for (module, text) in &texts {
            let uses = edges.entry(module.clone()).or_default();
            for path in named_paths(text, module) {
                let target = (1..=path.len())
                    .rev()
                    .map(|n| path[..n].to_vec())
                    .find(|p| modules.contains_key(p));
                if let Some(t) = target {
                    // Itself, or a module that contains it.
                    if !module.starts_with(&t) {
                        uses.insert(t);
                    }
                }
            }
        }
        // A depth-first walk finds a file reached again while it is still open: a circle.
        fn walk(
            at: &Vec<String>,
            edges: &std::collections::BTreeMap<Vec<String>, BTreeSet<Vec<String>>>,
            open: &mut Vec<Vec<String>>,
            done: &mut BTreeSet<Vec<String>>,
            found: &mut Vec<String>,
        ) {
            if done.contains(at) {
                return;
            }
            if let Some(start) = open.iter().position(|m| m == at) {
                let circle: Vec<String> = open[start..]
                    .iter()
                    .chain([at])
                    .map(|m| m.join("::"))
                    .collect();
                found.push(circle.join(" -> "));
                return;
            }
            open.push(at.clone());
            for next in edges.get(at).into_iter().flatten() {
                walk(next, edges, open, done, found);
            }
            open.pop();
            done.insert(at.clone());
        }
        let mut found = Vec::new();
        let mut done = BTreeSet::new();
        for m in edges.keys() {
            walk(m, &edges, &mut Vec::new(), &mut done, &mut found);
        }
        assert!(
            edges.values().map(BTreeSet::len).sum::<usize>() > 10,
            "{stage}: the files' uses were not read"
        );
        assert!(
            found.is_empty(),
            "{stage}: files use each other in a circle:\n{}",
            found.join("\n")
        );
    }
}
