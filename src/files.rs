//! Walking folders: every file below a folder, with its path relative to that folder written with
//! `/` (the form output paths and URLs use). Sorted, so every listing is deterministic.

use std::path::{Path, PathBuf};

/// (full path, relative `/`-separated path) of every file below `dir`; nothing if it is missing.
pub fn files_under(dir: &Path) -> Vec<(PathBuf, String)> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
            let rel = rel.to_string_lossy().replace('\\', "/");
            (e.into_path(), rel)
        })
        .collect()
}
