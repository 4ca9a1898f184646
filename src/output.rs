//! Stage 4, write: `write(&[Output], dir) -> WriteReport`, the only code that touches the
//! output folder.
//!
//! A build writes a complete new tree beside the output folder, then swaps it in with two
//! renames, so a failed build leaves the previous site untouched and a reader never sees half a
//! site. casebook only ever deletes folders it made: an output folder must be empty, missing, or
//! hold the marker file of an earlier casebook build, and may not be the site root, `content/`,
//! a parent of either, or `/`.

use crate::diagnostics::Diagnostic;
use crate::render::{Body, Output};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

/// The file that marks a folder as casebook's output, safe to replace.
pub const MARKER: &str = ".casebook-output";

#[derive(Debug, Default, Clone, Copy)]
pub struct WriteReport {
    pub files: usize,
    pub bytes: u64,
}

/// Checks that `out` may be written and replaced, before any work is done.
pub fn check_output_dir(out: &Path, root: &Path) -> Result<(), Diagnostic> {
    let refuse = |why: String, hint: &str| Err(Diagnostic::error(out, why).with_hint(hint));
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

/// Writes `outputs` as the new content of `out`, replacing what was there only on success.
pub fn write(outputs: &[Output], out: &Path, root: &Path) -> Result<WriteReport, Diagnostic> {
    check_output_dir(out, root)?;
    let out = absolute(out);
    let parent = out.parent().map(Path::to_path_buf).unwrap_or_default();
    let name = out
        .file_name()
        .map_or_else(|| "public".into(), |n| n.to_string_lossy().to_string());
    let fail = |what: String| {
        Diagnostic::error(&out, what).with_hint("check free disk space and permissions")
    };
    fs::create_dir_all(&parent).map_err(|e| {
        fail(format!(
            "cannot create the folder that holds the output: {e}"
        ))
    })?;
    remove_stale(&parent, &name);

    let staging = parent.join(format!(".{name}.casebook-new-{}", std::process::id()));
    let result = write_tree(outputs, &staging);
    let report = match result {
        Ok(r) => r,
        Err(e) => {
            let _ = fs::remove_dir_all(&staging);
            return Err(fail(format!(
                "writing the site failed, the previous output is untouched: {e}"
            )));
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
    if had_old {
        // The old tree carries our marker (checked above), so it is ours to delete.
        let _ = fs::remove_dir_all(&old);
    }
    Ok(report)
}

/// Removes staging and old trees left by an interrupted build, if they carry our marker.
fn remove_stale(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let new_prefix = format!(".{name}.casebook-new-");
    let old_prefix = format!(".{name}.casebook-old-");
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().to_string();
        if (file_name.starts_with(&new_prefix) || file_name.starts_with(&old_prefix))
            && entry.path().join(MARKER).is_file()
        {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

fn write_tree(outputs: &[Output], dir: &Path) -> io::Result<WriteReport> {
    fs::create_dir_all(dir)?;
    fs::write(
        dir.join(MARKER),
        "This folder is written by casebook; it is replaced on every build.\n",
    )?;
    let dirs: BTreeSet<PathBuf> = outputs
        .iter()
        .filter_map(|o| Path::new(&o.path).parent().map(Path::to_path_buf))
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    for d in &dirs {
        fs::create_dir_all(dir.join(d))?;
    }
    let sizes: Vec<u64> = outputs
        .par_iter()
        .map(|o| {
            let target = dir.join(&o.path);
            match &o.body {
                Body::Bytes(b) => fs::write(&target, b).map(|_| b.len() as u64),
                Body::Static(b) => fs::write(&target, b).map(|_| b.len() as u64),
                Body::Copy(src) => fs::copy(src, &target),
            }
            .map_err(|e| io::Error::new(e.kind(), format!("{}: {e}", o.path)))
        })
        .collect::<io::Result<Vec<u64>>>()?;
    Ok(WriteReport {
        files: outputs.len(),
        bytes: sizes.iter().sum(),
    })
}
