//! Watching the site's files (notify) and turning bursts of events into one list of changed
//! files.
//!
//! Watched: the site folder itself (not recursively: `site.yaml`, and `content/` or `themes/`
//! appearing), `content/` and `themes/`. The output folder, `.git` and the like are never watched,
//! which keeps the number of watches small on a large site. Editors' temporary files (`.x.swp`,
//! `x~`, `#x#`, vim's `4913`) are ignored; an editor that saves by writing a temporary file and
//! renaming it over the real one shows up as a change of the real file.

use notify::{EventKind, RecursiveMode, Watcher};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

/// How long the files must stay quiet before a rebuild starts: saves of one file come within a
/// millisecond, so a burst ends well within this.
const QUIET: Duration = Duration::from_millis(10);
/// The longest a rebuild waits for a burst to end (a checkout that writes files for seconds).
const MAX_WAIT: Duration = Duration::from_millis(300);

/// The folders under the site root that hold its sources.
const WATCHED: [&str; 2] = ["content", "themes"];

/// A file watcher on the site at `root`, sending events to the returned receiver.
pub struct SiteWatcher {
    root: PathBuf,
    watcher: notify::RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
    /// Which of [`WATCHED`] are watched (a folder created later is added when it appears).
    watching: Vec<bool>,
}

/// Changed files, relative to the site root, and when the first change was seen.
pub struct Burst {
    pub changed: Vec<PathBuf>,
    /// The watcher lost events (its queue overflowed): which files changed is not known.
    pub lost: bool,
    pub first_seen: Instant,
}

impl SiteWatcher {
    pub fn new(root: &Path) -> notify::Result<SiteWatcher> {
        let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let (tx, events) = std::sync::mpsc::channel();
        let mut watcher = notify::recommended_watcher(tx)?;
        watcher.watch(&root, RecursiveMode::NonRecursive)?;
        let mut w = SiteWatcher {
            root,
            watcher,
            events,
            watching: vec![false; WATCHED.len()],
        };
        w.watch_folders();
        Ok(w)
    }

    fn watch_folders(&mut self) {
        for (i, dir) in WATCHED.iter().enumerate() {
            let path = self.root.join(dir);
            if !self.watching[i] && path.is_dir() {
                self.watching[i] = self.watcher.watch(&path, RecursiveMode::Recursive).is_ok();
            }
        }
    }

    /// Waits for the next change and for its burst to end; `None` when the watcher stopped.
    pub fn next_burst(&mut self) -> Option<Burst> {
        let mut changed = BTreeSet::new();
        let mut lost = false;
        let first_seen = loop {
            let event = self.events.recv().ok()?;
            lost |= self.collect(event, &mut changed);
            if lost || !changed.is_empty() {
                break Instant::now();
            }
        };
        loop {
            let left = MAX_WAIT.saturating_sub(first_seen.elapsed());
            if left.is_zero() {
                break;
            }
            match self.events.recv_timeout(QUIET.min(left)) {
                Ok(event) => lost |= self.collect(event, &mut changed),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        self.watch_folders();
        Some(Burst {
            changed: changed.into_iter().collect(),
            lost,
            first_seen,
        })
    }

    /// Adds the files `event` names to `into`; true when the watcher reports lost events.
    fn collect(&self, event: notify::Result<notify::Event>, into: &mut BTreeSet<PathBuf>) -> bool {
        let Ok(event) = event else {
            return true;
        };
        if event.need_rescan() {
            return true;
        }
        if !matches!(event.kind, EventKind::Access(_)) {
            into.extend(event.paths.iter().filter_map(|p| relevant(&self.root, p)));
        }
        false
    }
}

/// `path` relative to the site root, if a change to it can change the site.
fn relevant(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let name = rel.file_name()?.to_str()?;
    let temporary = name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913";
    if temporary {
        return None;
    }
    let first = rel.iter().next()?.to_str()?;
    let source = WATCHED.contains(&first) || rel == Path::new("site.yaml");
    source.then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::relevant;
    use std::path::{Path, PathBuf};

    #[test]
    fn only_sources_count_and_temporary_files_do_not() {
        let root = Path::new("/site");
        let rel = |p: &str| relevant(root, &root.join(p));
        assert_eq!(rel("site.yaml"), Some(PathBuf::from("site.yaml")));
        assert_eq!(
            rel("content/case-studies/x.md"),
            Some(PathBuf::from("content/case-studies/x.md"))
        );
        assert_eq!(
            rel("themes/default/static/style.css"),
            Some(PathBuf::from("themes/default/static/style.css"))
        );
        for ignored in [
            "public/index.html",
            "README.md",
            "content/case-studies/.x.md.swp",
            "content/case-studies/x.md~",
            "content/case-studies/#x.md#",
            "content/case-studies/4913",
            ".git/index",
        ] {
            assert_eq!(rel(ignored), None, "{ignored}");
        }
    }
}
