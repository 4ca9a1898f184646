//! One case-study file through loading (front matter, fast facts, Markdown, raw HTML), from
//! arbitrary bytes. Must never panic; when the file is refused, every error names the file and
//! a line and column, and showing it (the quote, the caret) works.
#![no_main]

use casebook::config::SiteConfig;
use casebook::Severity;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let root = Path::new("/nonexistent-casebook-fuzz-root");
    let rel = Path::new("content/case-studies/fuzz.md");
    for raw_html in [true, false] {
        let config = SiteConfig {
            raw_html,
            ..SiteConfig::default()
        };
        let (item, diagnostics) = casebook::load::load_bytes(root, &config, rel, data.to_vec());
        let errors: Vec<_> = diagnostics
            .into_iter()
            .filter(|d| d.severity == Severity::Error)
            .collect();
        for d in &errors {
            assert_eq!(d.file, rel, "an error names another file: {d}");
            assert!(d.position.is_some(), "an error without a line: {d}");
            let _ = d.to_string();
        }
        if item.is_none() {
            assert!(!errors.is_empty(), "a file was dropped without an error");
        }
    }
});
