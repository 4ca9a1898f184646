//! Walking folders: every file below a folder, with its path relative to that folder written with
//! `/` (the form output paths and URLs use). Sorted, so every listing is deterministic.

use std::path::{Path, PathBuf};

/// The files below a folder, and the entries that could not be read.
#[derive(Debug, Default)]
pub struct Listing {
    /// (full path, relative `/`-separated path) of every file.
    pub files: Vec<(PathBuf, String)>,
    /// (path, why) of every file or folder that could not be read.
    pub unreadable: Vec<(PathBuf, String)>,
}

/// Every file below `dir`; nothing if it is missing.
pub fn files_under(dir: &Path) -> Listing {
    let mut listing = Listing::default();
    if !dir.exists() {
        return listing;
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                let rel = rel.to_string_lossy().replace('\\', "/");
                listing.files.push((e.into_path(), rel));
            }
            Ok(_) => {}
            Err(e) => {
                let path = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                listing.unreadable.push((path, e.to_string()));
            }
        }
    }
    listing
}
