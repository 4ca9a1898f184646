//! A whole small site, end to end: the input is a site written as `-- path --` blocks (see
//! `corpus/site/`), written to a temporary folder, then checked, built and link-checked. Must
//! never panic; a refused build reports errors that each name a file and a line and writes
//! nothing; a successful build passes casebook's own link check, and its JSON and XML parse and
//! hold no character that HTML or XML forbid (`tests/common/invariants.rs`).
#![no_main]

#[path = "../../tests/common/invariants.rs"]
mod invariants;

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let files = invariants::split_spec(data);
    if files.is_empty() || files.len() > 40 {
        return;
    }
    // On tmpfs when there is one: the target writes a site per execution.
    let dir = match std::path::Path::new("/dev/shm").is_dir() {
        true => tempfile::tempdir_in("/dev/shm"),
        false => tempfile::tempdir(),
    }
    .expect("a temporary folder");
    invariants::write_files(dir.path(), &files);
    let checked = casebook::check(&casebook::BuildOptions::new(dir.path()));
    let built = invariants::build_and_check(dir.path());
    match built {
        Ok(success) => assert_eq!(
            success,
            checked.is_ok(),
            "check and build disagree on whether the site is fine"
        ),
        Err(why) => panic!("{why}"),
    }
});
