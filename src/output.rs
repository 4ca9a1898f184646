//! What the render stage hands the write stage: files of the finished site, produced on demand.
//!
//! Both stages use these types and neither knows the other: render implements [`OutputSource`],
//! write pulls from any source (the build writes to disk; `serve` and the tests keep the files in
//! memory).

use crate::diagnostics::Diagnostic;
use crate::text::thousands;
use std::collections::HashMap;
use std::path::PathBuf;

/// One file of the finished site.
#[derive(Debug)]
pub struct Output {
    /// Relative to the output folder, `/`-separated (`cities/phuket/index.html`).
    pub path: String,
    pub body: Body,
}

/// The bytes of an output, or where to copy them from.
#[derive(Debug)]
pub enum Body {
    Bytes(Vec<u8>),
    /// A file copied as it is (bundle images, theme static files).
    Copy(PathBuf),
    Static(&'static [u8]),
}

impl Body {
    /// The bytes, reading a copied file.
    pub fn into_bytes(self) -> std::io::Result<Vec<u8>> {
        match self {
            Body::Bytes(b) => Ok(b),
            Body::Copy(src) => std::fs::read(src),
            Body::Static(b) => Ok(b.to_vec()),
        }
    }
}

/// Where the outputs come from: an indexed list whose items are produced on demand.
pub trait OutputSource: Sync {
    fn len(&self) -> usize;
    fn is_empty(&self) -> bool {
        self.len() == 0
    }
    /// Produces output `index` (renders a page, say). Must not touch the output folder.
    fn produce(&self, index: usize) -> Result<Output, Failed>;
}

/// An output that could not be produced: which file, and why.
///
/// The why is kept apart from the file so that one cause shared by thousands of outputs (a
/// template error on every case study page) is reported once, naming the first file.
#[derive(Debug)]
pub struct Failed {
    pub path: String,
    pub diagnostic: Diagnostic,
}

/// Every value when all of `results` succeeded, or one diagnostic per distinct cause of the
/// failures ([`group_failures`]).
pub fn all_or_failures<T>(results: Vec<Result<T, Failed>>) -> Result<Vec<T>, Vec<Diagnostic>> {
    let mut values = Vec::with_capacity(results.len());
    let mut failed = Vec::new();
    for r in results {
        match r {
            Ok(v) => values.push(v),
            Err(f) => failed.push(f),
        }
    }
    if failed.is_empty() {
        Ok(values)
    } else {
        Err(group_failures(failed))
    }
}

/// Produces the bytes of one output (reading the file it copies, if it is a copy).
pub fn output_bytes(o: Output) -> Result<(String, Vec<u8>), Failed> {
    match o.body.into_bytes() {
        Ok(bytes) => Ok((o.path, bytes)),
        Err(e) => Err(Failed {
            diagnostic: Diagnostic::error(&o.path, format!("cannot read the file: {e}"))
                .with_code(crate::diagnostics::code::UNREADABLE),
            path: o.path,
        }),
    }
}

/// One diagnostic per distinct cause, naming the first file it broke and how many others.
pub fn group_failures(mut failed: Vec<Failed>) -> Vec<Diagnostic> {
    failed.sort_by(|a, b| a.path.cmp(&b.path));
    let mut groups: Vec<(Diagnostic, String, usize)> = Vec::new();
    let mut index: HashMap<Diagnostic, usize> = HashMap::new();
    for f in failed {
        match index.get(&f.diagnostic) {
            Some(&i) => groups[i].2 += 1,
            None => {
                index.insert(f.diagnostic.clone(), groups.len());
                groups.push((f.diagnostic, f.path, 0));
            }
        }
    }
    groups
        .into_iter()
        .map(|(mut d, path, others)| {
            let what = match others {
                0 => format!("`{path}`"),
                1 => format!("`{path}` and 1 other file"),
                n => format!("`{path}` and {} other files", thousands(n as u64)),
            };
            // The file goes at the end of the message's first line: "the template failed
            // (in `cities/x/index.html` and 1,999 other files):".
            let (first, rest) = match d.message.split_once('\n') {
                Some((first, rest)) => (first.trim_end_matches(':'), format!(":\n{rest}")),
                None => (d.message.as_str(), String::new()),
            };
            d.message = format!("{first} (in {what}){rest}");
            d
        })
        .collect()
}
