//! Stage 4, write: `write(&impl OutputSource, dir) -> WriteReport`, the only code that touches
//! the output folder.
//!
//! Outputs are pulled from the source and written in parallel, one at a time per thread, so a
//! large site never sits in memory whole.
//!
//! A build writes a complete new tree beside the output folder, then swaps it in with two
//! renames, so a failed build leaves the previous site untouched and a reader never sees half a
//! site. casebook only ever deletes folders it made: an output folder must be empty, missing, or
//! hold the marker file of an earlier casebook build, and may not be the site root, `content/`,
//! a parent of either, or `/`.

use crate::diagnostics::code;
use crate::diagnostics::Diagnostic;
use crate::output::{
    all_or_failures, group_failures, output_bytes, Body, Failed, Output, OutputSource,
};
use rayon::prelude::*;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The file that marks a folder as casebook's output, safe to replace.
pub const MARKER: &str = ".casebook-output";

#[derive(Debug, Default, Clone)]
pub struct WriteReport {
    pub files: usize,
    pub bytes: u64,
    /// Time spent producing outputs, summed over threads.
    pub produce_time: Duration,
    /// Time spent writing files, summed over threads.
    pub write_time: Duration,
    /// The previous output, moved aside and not yet deleted (with `defer_removal`).
    pub old_output: Option<PathBuf>,
}

/// Checks that `out` may be written and replaced, before any work is done.
pub fn check_output_dir(out: &Path, root: &Path) -> Result<(), Diagnostic> {
    let refuse = |why: String, hint: &str| {
        Err(Diagnostic::error(out, why)
            .with_code(code::OUTPUT)
            .with_hint(hint))
    };
    let abs_out = absolute(out);
    let abs_root = absolute(root);
    let content = abs_root.join("content");
    if abs_out.parent().is_none() {
        return refuse(
            "refusing to write the site into `/`".into(),
            "choose an output folder such as `public/`",
        );
    }
    if abs_out == abs_root || abs_root.starts_with(&abs_out) {
        return refuse(
            "refusing to write the site into the site folder or a folder that contains it".into(),
            "the output folder is replaced on every build; choose a folder of its own, such as `public/`",
        );
    }
    if abs_out.starts_with(&content) {
        return refuse(
            "refusing to write the site into `content/`".into(),
            "the output folder is replaced on every build; choose a folder of its own, such as `public/`",
        );
    }
    match fs::read_dir(&abs_out) {
        Ok(mut entries) => {
            let empty = entries.next().is_none();
            if !empty && !abs_out.join(MARKER).is_file() {
                return refuse(
                    format!(
                        "refusing to replace `{}`: it holds files that casebook did not write (no {MARKER} marker)",
                        out.display()
                    ),
                    "choose another output folder with --output, or empty this one yourself",
                );
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {}
        Err(e) if e.kind() == io::ErrorKind::NotADirectory => {
            return refuse(
                format!("`{}` is a file, not a folder", out.display()),
                "choose a folder for the output",
            );
        }
        Err(e) => {
            return refuse(
                format!("cannot read the output folder: {e}"),
                "check its permissions",
            )
        }
    }
    Ok(())
}

/// `path` made absolute, with `.` and `..` folded and the symlinks of its existing part resolved.
///
/// Both the safety checks and the writing use this one form, so what is checked is what is
/// written: `public/..` is the site folder, and a `public` symlink is seen for where it points.
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut lexical = PathBuf::new();
    for c in joined.components() {
        match c {
            Component::ParentDir => {
                lexical.pop();
            }
            Component::CurDir => {}
            other => lexical.push(other),
        }
    }
    let mut existing = lexical;
    let mut rest = Vec::new();
    while !existing.exists() {
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = fs::canonicalize(&existing).unwrap_or(existing);
    out.extend(rest.into_iter().rev());
    out
}

/// Writes every output of `source` as the new content of `out`, replacing what was there only
/// when all of them succeeded. Every problem is reported (template errors once per message).
///
/// With `defer_removal`, the previous output is moved aside but not deleted: its path comes back
/// in [`WriteReport::old_output`] for the caller to remove later with [`remove_old_output`] (the
/// command line does that in a background process, so the user does not wait for it).
pub fn write(
    source: &impl OutputSource,
    out: &Path,
    root: &Path,
    defer_removal: bool,
) -> Result<WriteReport, Vec<Diagnostic>> {
    check_output_dir(out, root).map_err(|d| vec![d])?;
    let out = absolute(out);
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().to_string());
    let fail = |what: String| {
        vec![Diagnostic::error(&out, what)
            .with_code(code::OUTPUT)
            .with_hint("check free disk space and permissions")]
    };
    fs::create_dir_all(&parent).map_err(|e| {
        fail(format!(
            "cannot create the folder that holds the output: {e}"
        ))
    })?;
    remove_stale(&parent, &name);

    let staging = parent.join(format!(".{name}.casebook-new-{}", std::process::id()));
    let report = match write_tree(source, &staging) {
        Ok(r) => r,
        Err(problems) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(problems);
        }
    };

    let old = parent.join(format!(".{name}.casebook-old-{}", std::process::id()));
    let had_old = out.exists();
    if had_old {
        fs::rename(&out, &old).map_err(|e| {
            let _ = fs::remove_dir_all(&staging);
            fail(format!("cannot move the previous output aside: {e}"))
        })?;
    }
    if let Err(e) = fs::rename(&staging, &out) {
        if had_old {
            let _ = fs::rename(&old, &out);
        }
        let _ = fs::remove_dir_all(&staging);
        return Err(fail(format!("cannot move the new output into place: {e}")));
    }
    let mut report = report;
    if had_old {
        // The old tree carries our marker (checked above), so it is ours to delete.
        if defer_removal {
            report.old_output = Some(old);
        } else {
            let _ = remove_old_output(&old);
        }
    }
    Ok(report)
}

/// Deletes a previous output tree that [`write`] moved aside. Refuses any other path: the name
/// must be one `write` gives (`.NAME.casebook-old-PID`).
pub fn remove_old_output(path: &Path) -> io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let ours = name.starts_with('.')
        && name
            .rsplit_once(".casebook-old-")
            .is_some_and(|(_, pid)| !pid.is_empty() && pid.bytes().all(|b| b.is_ascii_digit()));
    if !ours {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is not an output folder casebook moved aside",
                path.display()
            ),
        ));
    }
    fs::remove_dir_all(path)
}

/// Removes staging and old trees left by an interrupted build. Their names are ones only casebook
/// gives; a tree whose build (process) is still running is left alone.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefixes = [
        format!(".{name}.casebook-new-"),
        format!(".{name}.casebook-old-"),
    ];
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        let Some(pid) = prefixes
            .iter()
            .find_map(|p| file_name.strip_prefix(p.as_str()))
        else {
            continue;
        };
        let Ok(pid) = pid.parse::<u32>() else {
            continue;
        };
        let running =
            pid != std::process::id() && Path::new("/proc").join(pid.to_string()).exists();
        if !running && entry.file_type().is_ok_and(|t| t.is_dir()) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn write_tree(source: &impl OutputSource, dir: &Path) -> Result<WriteReport, Vec<Diagnostic>> {
    let io_error = |what: String| {
        Diagnostic::error(dir, what)
            .with_code(code::OUTPUT)
            .with_hint("check free disk space and permissions")
    };
    fs::create_dir_all(dir)
        .map_err(|e| vec![io_error(format!("cannot create the output folder: {e}"))])?;
    fs::write(
        dir.join(MARKER),
        "This folder is written by casebook; it is replaced on every build.\n",
    )
    .map_err(|e| {
        vec![io_error(format!(
            "cannot write into the output folder: {e}"
        ))]
    })?;

    let problems: Mutex<Vec<Failed>> = Mutex::new(Vec::new());
    let bytes = AtomicU64::new(0);
    let produce_ns = AtomicU64::new(0);
    let write_ns = AtomicU64::new(0);
    (0..source.len()).into_par_iter().for_each(|i| {
        let t = Instant::now();
        let output = source.produce(i);
        let produced = Instant::now();
        produce_ns.fetch_add(nanos(produced - t), Ordering::Relaxed);
        let result = output.and_then(|o| {
            write_one(&o, dir).map_err(|e| Failed {
                diagnostic: io_error(format!("cannot write the file: {e}")),
                path: o.path,
            })
        });
        write_ns.fetch_add(nanos(produced.elapsed()), Ordering::Relaxed);
        match result {
            Ok(n) => {
                bytes.fetch_add(n, Ordering::Relaxed);
            }
            Err(f) => problems.lock().unwrap_or_else(|e| e.into_inner()).push(f),
        }
    });
    let problems = problems.into_inner().unwrap_or_else(|e| e.into_inner());
    if !problems.is_empty() {
        return Err(group_failures(problems));
    }
    Ok(WriteReport {
        files: source.len(),
        bytes: bytes.into_inner(),
        produce_time: Duration::from_nanos(produce_ns.into_inner()),
        write_time: Duration::from_nanos(write_ns.into_inner()),
        old_output: None,
    })
}

/// A built site held in memory: output path -> bytes.
pub type MemorySite = std::collections::BTreeMap<String, Vec<u8>>;

/// Produces every output of `source` into memory instead of a folder (for `serve` and tests),
/// in parallel. Every problem is reported, as [`write`] does.
pub fn to_memory(source: &impl OutputSource) -> Result<MemorySite, Vec<Diagnostic>> {
    let results: Vec<Result<(String, Vec<u8>), Failed>> = (0..source.len())
        .into_par_iter()
        .map(|i| output_bytes(source.produce(i)?))
        .collect();
    Ok(all_or_failures(results)?.into_iter().collect())
}

fn nanos(d: Duration) -> u64 {
    u64::try_from(d.as_nanos()).unwrap_or(u64::MAX)
}

/// Writes one output, creating its folder; returns the bytes written. A path that would leave the
/// output folder (absolute, empty, with `..`) is refused: the route layer reports such paths
/// before anything is written, and this is the last guard.
fn write_one(o: &Output, dir: &Path) -> io::Result<u64> {
    if !crate::paths::is_inside(&o.path) {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!("refusing to write `{}`, outside the output folder", o.path),
        ));
    }
    let target = dir.join(&o.path);
    if let Some(parent) = target.parent() {
        fs::create_dir_all(parent)?;
    }
    match &o.body {
        Body::Bytes(b) => fs::write(&target, b).map(|_| b.len() as u64),
        Body::Static(b) => fs::write(&target, b).map(|_| b.len() as u64),
        Body::Copy(src) => fs::copy(src, &target),
    }
}
