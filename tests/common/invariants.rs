//! What every build must guarantee, whatever its input, as checks that say what broke.
//!
//! A failed build reports errors that each name a file and a line, and writes nothing. A
//! successful build writes output that passes casebook's own link check, whose JSON and XML files
//! parse, and whose text holds no character that HTML or XML forbid.
//!
//! Shared by the property test (`tests/property.rs`) and the fuzz targets (`fuzz/`), which include
//! this file by path; it uses only casebook, `roxmltree` and `serde_json`.
#![allow(dead_code)]

use casebook::{Diagnostic, Severity};
use std::path::Path;

/// A site written as `-- path --` blocks (as in `tests/common/mod.rs`), split into its files.
/// Paths that could leave the site folder (absolute, or with `..`) are dropped: the fuzz targets
/// must not write outside their temporary folder.
pub fn split_spec(spec: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for line in spec.split_inclusive(|&b| b == b'\n') {
        let trimmed = line.strip_suffix(b"\n").unwrap_or(line);
        let header = trimmed
            .strip_prefix(b"-- ")
            .and_then(|r| r.strip_suffix(b" --"))
            .and_then(|p| std::str::from_utf8(p).ok());
        match header {
            Some(path) => files.push((path.to_string(), Vec::new())),
            None => {
                if let Some((_, body)) = files.last_mut() {
                    body.extend_from_slice(line);
                }
            }
        }
    }
    files.retain(|(path, _)| is_safe_site_path(path));
    files
}

/// A relative path of plain names (no `..`, no root, no empty part) under `content/`, or
/// `site.yaml`.
fn is_safe_site_path(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    let plain = parts.iter().all(|p| {
        !p.is_empty() && *p != "." && *p != ".." && !p.contains('\\') && !p.contains('\0')
    });
    plain && (path == "site.yaml" || (parts.len() >= 3 && parts[0] == "content"))
}

/// Writes `files` under `root`. A file whose path is a folder of another is skipped.
pub fn write_files(root: &Path, files: &[(String, Vec<u8>)]) {
    for (path, body) in files {
        let full = root.join(path);
        if let Some(parent) = full.parent() {
            if std::fs::create_dir_all(parent).is_err() {
                continue;
            }
        }
        let _ = std::fs::write(full, body);
    }
}

/// A failed build: at least one error, every error names a file and a line (or a file or folder
/// that is not there: a missing `content/` has no line), and the output folder was not created.
pub fn check_failure(
    diagnostics: &[Diagnostic],
    root: &Path,
    out_dir: &Path,
) -> Result<(), String> {
    if !diagnostics.iter().any(|d| d.severity == Severity::Error) {
        return Err(format!(
            "the build failed without an error: {diagnostics:#?}"
        ));
    }
    for d in diagnostics.iter().filter(|d| d.severity == Severity::Error) {
        if d.file.as_os_str().is_empty() {
            return Err(format!("an error names no file: {d}"));
        }
        match d.position {
            Some(p) if p.line >= 1 && p.col >= 1 => {}
            None if !root.join(&d.file).is_file() => {}
            _ => return Err(format!("an error has no line and column: {d}")),
        }
        // Showing it must work too (the quote, the caret).
        let _ = d.to_string();
    }
    if out_dir.exists() {
        return Err("a failed build wrote the output folder".into());
    }
    Ok(())
}

/// A successful build's output: links resolve, data files parse, no forbidden characters.
pub fn check_success(out_dir: &Path, base_path: &str) -> Result<(), String> {
    let report = casebook::linkcheck::check_output(out_dir, base_path)
        .map_err(|d| format!("the link check could not run: {d}"))?;
    if let Some(d) = report.failures.first() {
        let all: Vec<String> = report.failures.iter().map(|d| d.to_string()).collect();
        return Err(format!(
            "a successful build fails the link check ({d}):\n{}",
            all.join("\n")
        ));
    }
    for entry in walk(out_dir) {
        let rel = entry
            .strip_prefix(out_dir)
            .unwrap_or(&entry)
            .display()
            .to_string();
        let ext = entry.extension().and_then(|e| e.to_str()).unwrap_or("");
        if !matches!(ext, "html" | "xml" | "json" | "js" | "css" | "txt" | "csv") {
            continue;
        }
        let bytes = std::fs::read(&entry).map_err(|e| format!("{rel}: cannot read: {e}"))?;
        let text = String::from_utf8(bytes).map_err(|_| format!("{rel}: not UTF-8"))?;
        if let Some((at, c)) = casebook::text::first_forbidden(&text) {
            return Err(format!(
                "{rel}: holds {} at byte {at}, which HTML and XML forbid",
                casebook::text::char_code(c)
            ));
        }
        match ext {
            "json" => {
                serde_json::from_str::<serde_json::Value>(&text)
                    .map_err(|e| format!("{rel}: not valid JSON: {e}"))?;
            }
            "xml" => {
                roxmltree::Document::parse(&text)
                    .map_err(|e| format!("{rel}: not well-formed XML: {e}"))?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// Every file under `dir`, in a stable order.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            match e.file_type() {
                Ok(t) if t.is_dir() => stack.push(p),
                Ok(t) if t.is_file() => out.push(p),
                _ => {}
            }
        }
    }
    out.sort();
    out
}

/// Builds the site at `root` and checks the outcome: `Ok(true)` for a build that succeeded,
/// `Ok(false)` for one that failed as it should, `Err` for a broken guarantee (a panic included).
pub fn build_and_check(root: &Path) -> Result<bool, String> {
    let options = casebook::BuildOptions::new(root);
    let out_dir = options.output_dir();
    let outcome = std::panic::catch_unwind(|| casebook::build(&options))
        .map_err(|p| format!("the build panicked: {}", panic_text(&p)))?;
    match outcome {
        Ok(_) => {
            let mut d = casebook::Diagnostics::new();
            let config = casebook::load::site_config::load_site_config(root, &mut d);
            check_success(&out_dir, &config.base_path)?;
            Ok(true)
        }
        Err(failure) => {
            check_failure(&failure.diagnostics, root, &out_dir)?;
            if std::env::var_os("CASEBOOK_PROPERTY_SHOW").is_some() {
                for d in failure
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                {
                    eprintln!("{}: {}", d.file.display(), d.message);
                }
            }
            Ok(false)
        }
    }
}

fn panic_text(p: &Box<dyn std::any::Any + Send>) -> String {
    p.downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| p.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}
