//! The editor's commands, run as the binary: `check --format json` (one object per problem, with
//! stable codes), exit codes, `--deny-warnings`, `-q`, `NO_COLOR`, `new`, `init` and
//! `completions`.

mod common;
use std::path::Path;
use std::process::{Command, Output};

fn casebook(args: &[&str], root: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(args)
        .arg("--root")
        .arg(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("run casebook")
}

fn json_lines(out: &Output) -> Vec<serde_json::Value> {
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// One of each problem an editor makes, each on a known line.
const PROBLEMS: &str = r#"-- site.yaml --
title: Problems
base_url: https://example.org/
-- content/cities/phuket.md --
---
name: Phuket
country: Thailand
---
An island.
-- content/case-studies/bad-date.md --
---
title: Bad Date
date: 2023-02-30
city: Phuket
---
## Background
-- content/case-studies/unknown-key.md --
---
title: Unknown Key
date: 2023-01-01
city: Phuket
colour: blue
---
## Background

Text.

## Solutions Implemented

Text.

## Results and Lessons Learned

Text.
-- content/case-studies/broken-link.md --
---
title: Broken Link
date: 2023-01-02
city: Phuket
---
See [the plan](nowhere.md) and ![](photo.png).
-- content/case-studies/unknown-city.md --
---
title: Unknown City
date: 2023-01-03
city: Atlantis
---
Text.
-- content/case-studies/missing-field.md --
---
date: 2023-01-04
city: Phuket
---
Text.
"#;

#[test]
fn check_json_gives_one_object_per_problem_with_its_code_and_place() {
    let s = common::site(PROBLEMS);
    let out = casebook(&["check", "--format", "json"], s.root());
    assert_eq!(out.status.code(), Some(1), "content errors exit 1");
    let problems = json_lines(&out);
    let find = |code: &str, file: &str| {
        problems
            .iter()
            .find(|p| p["code"] == code && p["file"] == file)
            .unwrap_or_else(|| panic!("no {code} in {file}: {problems:#?}"))
    };
    let date = find("bad-date", "content/case-studies/bad-date.md");
    assert_eq!(date["severity"], "error");
    assert_eq!(
        (date["line"].as_u64(), date["column"].as_u64()),
        (Some(3), Some(7))
    );
    assert_eq!(date["end_line"], date["line"]);
    assert_eq!(
        date["end_column"].as_u64(),
        Some(7 + "2023-02-30".len() as u64)
    );
    assert!(date["hint"].is_string());
    let key = find("unknown-key", "content/case-studies/unknown-key.md");
    assert_eq!(key["severity"], "warning");
    assert_eq!(key["line"].as_u64(), Some(5));
    let link = find("broken-link", "content/case-studies/broken-link.md");
    assert_eq!(
        (link["line"].as_u64(), link["column"].as_u64()),
        (Some(6), Some(5))
    );
    let city = find("unknown-country", "content/case-studies/unknown-city.md");
    assert_eq!(city["line"].as_u64(), Some(4));
    find("missing-field", "content/case-studies/missing-field.md");
    // Every object has every field.
    for p in &problems {
        for field in [
            "severity",
            "code",
            "message",
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "hint",
        ] {
            assert!(p.get(field).is_some(), "{field} missing in {p}");
        }
    }
    // Nothing else on stdout, nothing at all on stderr.
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn check_warns_about_missing_sections_and_images_without_alt_text() {
    let s = common::site(
        r#"-- content/case-studies/bundle/index.md --
---
title: Short
date: 2023-01-01
city: Phuket
country: Thailand
---
Intro. ![](map.svg)

## Background

Text.
-- content/case-studies/bundle/map.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
"#,
    );
    let out = casebook(&["check", "--format", "json"], s.root());
    assert_eq!(out.status.code(), Some(0), "warnings alone pass");
    let problems = json_lines(&out);
    let codes: Vec<&str> = problems.iter().filter_map(|p| p["code"].as_str()).collect();
    assert!(codes.contains(&"missing-section"), "{codes:?}");
    let alt = problems
        .iter()
        .find(|p| p["code"] == "image-without-alt")
        .expect("alt warning");
    assert_eq!(
        (alt["line"].as_u64(), alt["column"].as_u64()),
        (Some(7), Some(8))
    );
    let missing = problems
        .iter()
        .find(|p| p["code"] == "missing-section")
        .expect("section warning");
    assert!(missing["message"]
        .as_str()
        .is_some_and(|m| m.contains("solutions") && m.contains("lessons")));

    let denied = casebook(&["check", "--deny-warnings"], s.root());
    assert_eq!(
        denied.status.code(),
        Some(1),
        "--deny-warnings fails on warnings"
    );
    let text = String::from_utf8_lossy(&denied.stderr);
    assert!(
        text.contains("warning: the image `map.svg` has no alt text"),
        "{text}"
    );
    assert!(!text.contains('\x1b'), "no colour with NO_COLOR: {text}");
    let quiet = casebook(&["check", "-q"], s.root());
    assert_eq!(quiet.status.code(), Some(0));
    assert!(
        quiet.stdout.is_empty() && quiet.stderr.is_empty(),
        "-q prints nothing"
    );
    // `build` does not warn about them: they are advice for editors.
    let s2 = casebook(&["build", "-q"], s.root());
    assert_eq!(s2.status.code(), Some(0));
}

#[test]
fn usage_errors_exit_2() {
    let s = common::site(PROBLEMS);
    assert_eq!(
        casebook(&["check", "--format", "yaml"], s.root())
            .status
            .code(),
        Some(2)
    );
    assert_eq!(casebook(&["frobnicate"], s.root()).status.code(), Some(2));
}

#[test]
fn new_writes_a_correctly_shaped_study_and_city_and_refuses_to_overwrite() {
    let dir = tempfile::tempdir().expect("temp");
    let site = dir.path().join("site");
    let init = casebook(&["init"], &site);
    // `init DIR` takes the folder as its argument, not --root.
    assert_eq!(init.status.code(), Some(2));
    let init = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .arg("init")
        .arg(&site)
        .output()
        .expect("init");
    assert_eq!(init.status.code(), Some(0), "{init:?}");
    for f in [
        "site.yaml",
        ".gitignore",
        "content/cities/khon-kaen.md",
        "content/case-studies/citizen-awareness-in-khon-kaen.md",
    ] {
        assert!(site.join(f).is_file(), "{f}");
    }
    assert_eq!(
        std::fs::read_to_string(site.join(".gitignore")).expect("gitignore"),
        "public/\n"
    );
    // A new site builds and checks with no warnings at all.
    let check = casebook(&["check", "--deny-warnings", "--format", "json"], &site);
    assert_eq!(check.status.code(), Some(0), "{:?}", json_lines(&check));
    assert!(json_lines(&check).is_empty());
    // init refuses a folder that is not empty.
    let again = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .arg("init")
        .arg(&site)
        .output()
        .expect("init");
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("not empty"));

    let new = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(args)
            .arg("--root")
            .arg(&site)
            .output()
            .expect("new")
    };
    let study = new(&[
        "new",
        "case-study",
        "Flood Maps: Phase 2",
        "--city",
        "Khon Kaen",
    ]);
    assert_eq!(study.status.code(), Some(0));
    let path = String::from_utf8_lossy(&study.stdout).trim().to_string();
    assert!(
        path.ends_with("content/case-studies/flood-maps-phase-2.md"),
        "{path}"
    );
    let text = std::fs::read_to_string(&path).expect("the study");
    assert!(text.contains("title: \"Flood Maps: Phase 2\""), "{text}");
    assert!(text.contains(&format!("date: {}", casebook::scaffold::today())));
    for heading in [
        "## Background",
        "## Solutions Implemented",
        "## Results and Lessons Learned",
    ] {
        assert!(text.contains(heading), "{heading}");
    }
    let again = new(&[
        "new",
        "case-study",
        "Flood Maps: Phase 2",
        "--city",
        "Khon Kaen",
    ]);
    assert_eq!(again.status.code(), Some(2), "refuses to overwrite");
    assert_eq!(std::fs::read_to_string(&path).expect("unchanged"), text);

    // A city is known by any name its profile answers to, not only its file name.
    std::fs::write(
        site.join("content/cities/khon-kaen.md"),
        "---\nname: Khon Kaen\ncountry: Thailand\naliases: [Kon Kaen]\n---\nA city.\n",
    )
    .expect("profile");
    let alias = new(&["new", "case-study", "Light Rail", "--city", "kon  kaen"]);
    assert_eq!(alias.status.code(), Some(0), "{alias:?}");
    assert!(!String::from_utf8_lossy(&alias.stdout).contains("note:"));

    // An unknown city needs its country, and is then accepted with a note.
    let unknown = new(&["new", "case-study", "Buses", "--city", "Udon Thani"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("--country"));
    let bundle = new(&[
        "new",
        "case-study",
        "Buses",
        "--city",
        "Udon Thani",
        "--country",
        "Thailand",
        "--bundle",
    ]);
    assert_eq!(bundle.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&bundle.stdout).contains("content/case-studies/buses/index.md"));
    assert!(
        String::from_utf8_lossy(&bundle.stdout).contains("its page will be built from this study")
    );
    let city = new(&["new", "city", "Udon Thani", "--country", "Thailand"]);
    assert_eq!(city.status.code(), Some(0));
    assert!(site.join("content/cities/udon-thani.md").is_file());
    assert_eq!(
        new(&["new", "city", "Udon Thani", "--country", "Thailand"])
            .status
            .code(),
        Some(2)
    );

    // Everything new builds cleanly, with the new city's profile used for the new study; the
    // only notes are that the new cities have no coordinates yet (none is invented for them).
    let check = casebook(&["check", "--format", "json"], &site);
    assert_eq!(check.status.code(), Some(0), "{:?}", json_lines(&check));
    let codes: Vec<String> = json_lines(&check)
        .iter()
        .map(|d| format!("{} {}", d["code"], d["file"]))
        .collect();
    assert_eq!(
        codes,
        [
            "\"no-coordinates\" \"content/cities/khon-kaen.md\"",
            "\"no-coordinates\" \"content/cities/udon-thani.md\""
        ]
    );
    let build = casebook(&["build", "-q"], &site);
    assert_eq!(build.status.code(), Some(0));
    assert!(site.join("public/cities/udon-thani/index.html").is_file());
}

#[test]
fn completions_are_scripts_for_each_shell() {
    for (shell, marker) in [
        ("bash", "complete -F"),
        ("zsh", "#compdef casebook"),
        ("fish", "complete -c casebook"),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(["completions", shell])
            .output()
            .expect("completions");
        assert_eq!(out.status.code(), Some(0));
        let script = String::from_utf8_lossy(&out.stdout);
        assert!(script.contains(marker), "{shell}");
        assert!(
            script.contains("serve") && script.contains("deny-warnings"),
            "{shell}"
        );
    }
}
