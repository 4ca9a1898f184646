//! The front-matter schemas (`casebook schema`, committed in docs/schema/): the committed copy is
//! current, the example content validates, planted wrong types do not, and the keys the loaders
//! know are exactly the schema's properties.

mod common;
use casebook::load::schema::schemas;
use std::path::Path;

fn schema(name: &str) -> serde_json::Value {
    let text = schemas()
        .into_iter()
        .find(|(n, _)| *n == name)
        .map(|(_, t)| t)
        .expect("schema");
    serde_json::from_str(&text).expect("schema is JSON")
}

fn validator(name: &str) -> jsonschema::Validator {
    jsonschema::draft7::new(&schema(name)).expect("a valid draft-07 schema")
}

/// The front matter of a Markdown file, as JSON.
fn front_matter(text: &str) -> serde_json::Value {
    let rest = text.strip_prefix("---\n").expect("front matter");
    let end = rest.find("\n---").expect("closed");
    serde_yaml::from_str(&rest[..end]).expect("YAML")
}

#[test]
fn the_committed_schemas_are_current() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/schema");
    for (name, text) in schemas() {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_default();
        assert!(
            committed == text,
            "docs/schema/{name} is stale: run `cargo run -- schema docs/schema`"
        );
    }
}

#[test]
fn the_example_content_validates_and_planted_wrong_types_do_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut checked = 0;
    for (folder, name) in [
        ("content/case-studies", "case-study.schema.json"),
        ("content/cities", "city.schema.json"),
        ("content/pages", "page.schema.json"),
    ] {
        let (source, translation) = (validator(name), validator("translation.schema.json"));
        for entry in walkdir::WalkDir::new(root.join(folder)) {
            let entry = entry.expect("walk");
            if entry.path().extension().is_none_or(|e| e != "md") {
                continue;
            }
            // `x.th.md` is a translation (the example's languages are two-letter codes).
            let stem = entry
                .path()
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("");
            let v = if stem.contains('.') {
                &translation
            } else {
                &source
            };
            let text = std::fs::read_to_string(entry.path()).expect("read");
            let fm = front_matter(&text);
            let errors: Vec<String> = v.iter_errors(&fm).map(|e| e.to_string()).collect();
            assert!(errors.is_empty(), "{}: {errors:?}", entry.path().display());
            checked += 1;
        }
    }
    assert!(checked >= 3, "{checked}");
    let site: serde_json::Value =
        serde_yaml::from_str(&std::fs::read_to_string(root.join("site.yaml")).expect("site.yaml"))
            .expect("YAML");
    assert!(validator("site.schema.json").is_valid(&site));

    let study = validator("case-study.schema.json");
    let good = "title: T\ndate: 2023-01-01\ncity: Phuket\nfast_facts:\n  population: 147,579\n  mayor: A\n  area_km2: 46\n  notes: [a]\n  governor: B\nsources:\n  - title: S\n    url: https://example.org/";
    let good: serde_json::Value = serde_yaml::from_str(good).expect("YAML");
    assert!(
        study.is_valid(&good),
        "{:?}",
        study
            .iter_errors(&good)
            .map(|e| e.to_string())
            .collect::<Vec<_>>()
    );
    for (planted, why) in [
        (
            "title: [a, b]\ndate: 2023-01-01\ncity: X",
            "a list as title",
        ),
        ("title: T\ndate: July 2023\ncity: X", "a date in words"),
        (
            "title: T\ndate: 2023-01-01\ncity: X\nfast_facts:\n  population: many",
            "a population in words",
        ),
        (
            "title: T\ndate: 2023-01-01\ncity: X\ncolour: blue",
            "an unknown key",
        ),
        ("date: 2023-01-01\ncity: X", "no title"),
        (
            "title: T\ndate: 2023-01-01\ncity: X\nsources:\n  - url: https://x.org/",
            "a source without title",
        ),
        (
            "title: T\ndate: 2023-01-01\ncity: X\nslug: Not A Slug",
            "a bad slug",
        ),
    ] {
        let fm: serde_json::Value = serde_yaml::from_str(planted).expect("YAML");
        assert!(!study.is_valid(&fm), "{why} passed the schema");
    }
    let city: serde_json::Value =
        serde_yaml::from_str("name: X\ncountry: Y\ncoordinates: {lat: 91, lon: 0}").expect("YAML");
    assert!(
        !validator("city.schema.json").is_valid(&city),
        "latitude 91"
    );
    let site: serde_json::Value =
        serde_yaml::from_str("title: T\nbase_url: https://e.org/\npage_size: 0").expect("YAML");
    assert!(
        !validator("site.schema.json").is_valid(&site),
        "page_size 0"
    );
}

/// The keys a loader knows, from its hint for a key it does not ("known keys here are: …").
fn loader_keys(spec: &str, file: &str) -> Vec<String> {
    let s = common::site(spec);
    let diags = match casebook::check(&s.options()) {
        Ok((_, warnings)) => warnings,
        Err(f) => f.diagnostics,
    };
    let d = diags
        .iter()
        .find(|d| d.file == Path::new(file) && d.message.contains("zzqxj"))
        .unwrap_or_else(|| panic!("no unknown-key warning in {file}: {diags:?}"));
    let hint = d.hint.as_deref().unwrap_or("");
    let list = hint
        .split("known keys here are: ")
        .nth(1)
        .expect("the known keys");
    let mut keys: Vec<String> = list.split(", ").map(|k| k.trim().to_string()).collect();
    keys.sort();
    keys
}

fn schema_keys(name: &str) -> Vec<String> {
    let mut keys: Vec<String> = schema(name)["properties"]
        .as_object()
        .expect("properties")
        .keys()
        .cloned()
        .collect();
    keys.sort();
    keys
}

#[test]
fn the_loaders_and_the_schemas_know_the_same_keys() {
    let study = loader_keys(
        &common::study(
            "a.md",
            "title: A\ndate: 2023-01-01\ncity: X\ncountry: Y\nzzqxj: 1",
            "Text.",
        ),
        "content/case-studies/a.md",
    );
    assert_eq!(study, schema_keys("case-study.schema.json"));
    let city = loader_keys(
        "-- content/cities/x.md --\n---\nname: X\ncountry: Y\nzzqxj: 1\n---\nText.\n",
        "content/cities/x.md",
    );
    assert_eq!(city, schema_keys("city.schema.json"));
    let page = loader_keys(
        "-- content/pages/about.md --\n---\ntitle: About\nzzqxj: 1\n---\nText.\n",
        "content/pages/about.md",
    );
    assert_eq!(page, schema_keys("page.schema.json"));
    let site = loader_keys(
        "-- site.yaml --\ntitle: T\nbase_url: https://example.org/\nzzqxj: 1\n",
        "site.yaml",
    );
    assert_eq!(site, schema_keys("site.schema.json"));
}
