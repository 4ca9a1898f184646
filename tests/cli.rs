//! The command line, run as a user runs it: paths given on the command line are read from the
//! folder the command runs in, whether the site root is relative, absolute or has `..` in it.

mod common;
use std::path::Path;
use std::process::{Command, Output};

/// A site in `<tmp>/site`; with `bundle`, its study is a folder with an image beside it.
fn site_in_subfolder(bundle: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let front = "title: Tram\ndate: 2023-01-01\ncity: X\ncountry: Y";
    let s = if bundle {
        let s = common::site(&common::study(
            "tram/index.md",
            front,
            "![The route](route.svg)",
        ));
        s.write(
            "content/case-studies/tram/route.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        );
        s
    } else {
        common::site(&common::study("tram.md", front, "A tram."))
    };
    copy_dir(s.root(), &dir.path().join("site"));
    dir
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("walk");
        let target = to.join(entry.path().strip_prefix(from).expect("prefix"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

fn casebook(cwd: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run casebook")
}

fn assert_ok(out: &Output) {
    assert!(
        out.status.success(),
        "failed:\n{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn build_and_check_read_the_output_folder_by_the_same_rule() {
    let dir = site_in_subfolder(false);
    let cwd = dir.path();
    assert_ok(&casebook(cwd, &["build", "-r", "site", "-o", "out"]));
    assert!(cwd.join("out/case-studies/tram/index.html").is_file());
    assert!(!cwd.join("site/out").exists());
    // The folder the build wrote is the one the link check reads.
    let check = casebook(cwd, &["check", "-r", "site", "--output", "out"]);
    assert_ok(&check);
    assert!(String::from_utf8_lossy(&check.stdout).contains("0 broken"));
    // Without a folder, both mean the site's public/.
    assert_ok(&casebook(cwd, &["build", "-r", "site"]));
    assert!(cwd.join("site/public/index.html").is_file());
    assert_ok(&casebook(cwd, &["check", "-r", "site", "--output"]));
}

#[test]
fn relative_absolute_and_dotted_roots_all_build_bundles() {
    let dir = site_in_subfolder(true);
    let cwd = dir.path();
    let absolute = cwd.join("site");
    let absolute = absolute.to_str().expect("utf-8 path");
    for (root, out) in [
        ("site", "out-relative"),
        (absolute, "out-absolute"),
        ("./site/../site", "out-dotted"),
    ] {
        assert_ok(&casebook(cwd, &["build", "--root", root, "--output", out]));
        let image = cwd.join(out).join("case-studies/tram/route.svg");
        assert!(image.is_file(), "{root}: no {}", image.display());
        assert_ok(&casebook(cwd, &["check", "--root", root, "--output", out]));
    }
    // From inside the site folder, with the root given as `.`.
    assert_ok(&casebook(&cwd.join("site"), &["build", "--root", "."]));
    assert!(cwd
        .join("site/public/case-studies/tram/route.svg")
        .is_file());
}

/// `check`'s summary counts in words that agree with the number: "1 case study, 1 city".
#[test]
fn checks_summary_agrees_with_its_counts() {
    let s = common::site(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\n-- content/case-studies/a.md --\n---\ntitle: A\ndate: 2023-01-01\ncity: Khon Kaen\ncountry: Thailand\ntopics: [Mobility]\n---\nText.\n",
    );
    let out = casebook(s.root(), &["check"]);
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    let line = text
        .lines()
        .find(|l| l.starts_with("No errors:"))
        .unwrap_or_else(|| panic!("no summary in {text}"));
    assert!(
        line.starts_with("No errors: 1 case study, 1 city, 1 country, 1 topic ("),
        "{line}"
    );
}
