//! The change seam (`casebook::change::affected`): after an edit, rendering only the routes it
//! names and keeping every other file of the previous build gives exactly the files of a full
//! build of the edited site. Each test edits a fixture site in one way (or a sequence of ways)
//! and compares every output byte for byte; some also check that an edit does not re-render
//! pages it cannot change.

mod common;
use casebook::change::{affected, SiteChange};
use casebook::write::{to_memory, MemorySite};
use casebook::Site;
use std::path::{Path, PathBuf};

/// A site with paged lists (two per page), profiled and unprofiled cities, two countries, shared
/// topics, mentions, links between files, a bundle and a free page.
const SITE: &str = r#"-- site.yaml --
title: Change Test
base_url: https://example.org/sub/
page_size: 2
-- content/cities/khon-kaen.md --
---
name: Khon Kaen
country: Thailand
aliases: [Kon Kaen]
partners: [Busan]
fast_facts:
  population: 147579
---
Khon Kaen is a city in the northeast, near Udon.
-- content/cities/busan.md --
---
name: Busan
country: South Korea
---
A port city that works with Phuket.
-- content/cities/phuket.md --
---
name: Phuket
country: Thailand
---
An island province.
-- content/case-studies/kk-awareness.md --
---
title: Citizen Awareness
date: 2023-07-05
city: Khon Kaen
topics: [Smart city, Mobility]
related: [phuket-partners]
---
## Background

Khon Kaen residents and Phuket visitors. See [the port](@/cities/busan.md).

## Solutions Implemented

Light rail.[^1]

## Results and Lessons Learned

It worked.

[^1]: A source.
-- content/case-studies/phuket-partners.md --
---
title: Private Partnerships
date: 2022-03-01
city: Phuket
country: Thailand
topics: [Smart city]
---
Phuket worked with Busan and Kon Kaen. Details in [the study](kk-awareness.md#background).
-- content/case-studies/udon-growth/index.md --
---
title: Growth Plan
date: 2021-05-01
city: Udon
country: Thailand
topics: [Planning]
fast_facts:
  mayor: Somebody
---
Udon grew. ![Map](map.svg)
-- content/case-studies/udon-growth/map.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- content/case-studies/busan-port.md --
---
title: Port Data
date: 2020-01-10
city: Busan
topics: [Mobility, Data]
---
Busan opened its port data.
-- content/case-studies/kk-bus.md --
---
title: Bus Rapid Transit
date: 2019-09-09
city: Khon Kaen
topics: [Mobility]
---
Buses in Khon Kaen, like the Busan Metro. Busan has them too.
-- content/pages/about.md --
---
title: About
---
About these studies of Khon Kaen.
"#;

/// The site before and after an edit, and the seam's answer.
struct Edited {
    before: MemorySite,
    change: SiteChange,
}

/// Every file of a full build, in every language of the site.
fn built(site: &Site) -> MemorySite {
    to_memory(&site.render_all().expect("render")).expect("outputs")
}

/// The fixture with `n` more, older studies (so the home page lists only some of them).
fn site_with_archive(n: usize) -> common::Site {
    let archive: String = (1..=n)
        .map(|i| {
            common::study(
                &format!("old-{i}.md"),
                &format!("title: Old {i}\ndate: 2010-01-{i:02}\ncity: Busan"),
                "An old study.",
            )
        })
        .collect();
    common::site(&format!("{SITE}{archive}"))
}

fn checked(s: &common::Site) -> Site {
    match casebook::check(&s.options()) {
        Ok((site, _)) => site,
        Err(f) => panic!(
            "check failed:\n{}",
            f.diagnostics
                .iter()
                .map(|d| d.to_string())
                .collect::<String>()
        ),
    }
}

/// Applies `edit` (which returns the files it touched) to a site built as `old`, rebuilds
/// incrementally through the seam and asserts the result equals a full build. Returns the
/// edited site and what the seam named.
fn apply(
    s: &common::Site,
    old: Site,
    edit: impl FnOnce(&common::Site) -> Vec<&'static str>,
) -> (Site, Edited) {
    let before = built(&old);
    let changed: Vec<PathBuf> = edit(s).into_iter().map(PathBuf::from).collect();
    let new = if changed
        .iter()
        .any(|p| p == Path::new("site.yaml") || p.starts_with("themes"))
    {
        checked(s)
    } else {
        let mut content = old.content();
        for path in &changed {
            content.remove(path);
            if s.root().join(path).is_file() && path.extension().is_some_and(|e| e == "md") {
                let (item, d) = casebook::load::load_file(s.root(), &content.config, path);
                assert!(!d.has_errors(), "{:?}", d.iter().collect::<Vec<_>>());
                if let Some(item) = item {
                    content.insert(item, false);
                }
            }
        }
        match casebook::resolve_site(content, Some(old.theme.clone())) {
            Ok((site, _)) => site,
            Err(f) => panic!(
                "rebuild failed:\n{}",
                f.diagnostics
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<String>()
            ),
        }
    };
    let change = affected(&old.routes(), &new.routes(), &changed);

    let mut incremental = before.clone();
    for path in &change.remove {
        incremental.remove(path);
    }
    let render = new.render().expect("render");
    for &route in &change.render {
        let output = render.render(route).expect("route renders");
        let bytes = output.body.into_bytes().expect("bytes");
        incremental.insert(output.path, bytes);
    }
    drop(render);
    let full = built(&checked(s));
    let differing: Vec<&String> = full
        .keys()
        .chain(incremental.keys())
        .filter(|p| full.get(*p) != incremental.get(*p))
        .collect();
    assert!(
        differing.is_empty(),
        "the incremental rebuild differs from a full build in {differing:?}; the seam named {:?}",
        change.render
    );
    (new, Edited { before, change })
}

/// Edits a fresh copy of the fixture site once.
fn edit_once(edit: impl FnOnce(&common::Site) -> Vec<&'static str>) -> (Site, Edited) {
    let s = common::site(SITE);
    let old = checked(&s);
    apply(&s, old, edit)
}

/// Output paths the seam re-renders (HTML pages only).
fn rendered_pages(site: &Site, e: &Edited) -> Vec<String> {
    let routes = site.routes();
    let mut paths: Vec<String> = e
        .change
        .render
        .iter()
        .filter(|&&r| casebook::routes::Routes::template(r).is_some())
        .map(|&r| routes.output_path(r))
        .collect();
    paths.sort();
    paths
}

fn replace(s: &common::Site, path: &'static str, from: &str, to: &str) -> Vec<&'static str> {
    let text = std::fs::read_to_string(s.root().join(path)).expect("read");
    assert!(text.contains(from), "{path} has no {from:?}");
    s.write(path, &text.replacen(from, to, 1));
    vec![path]
}

#[test]
fn a_body_edit_renders_the_study_and_the_pages_that_show_its_text() {
    let (site, e) = edit_once(|s| {
        replace(
            s,
            "content/case-studies/busan-port.md",
            "opened its port data",
            "opened all its data",
        )
    });
    let pages = rendered_pages(&site, &e);
    // Its own page and the lists that show its card (the summary is its first paragraph)...
    for p in [
        "case-studies/busan-port/index.html",
        "cities/busan/index.html",
        "topics/data/index.html",
    ] {
        assert!(pages.contains(&p.to_string()), "{p} not in {pages:?}");
    }
    // ...but no page that neither lists it nor relates to it.
    for p in [
        "cities/phuket/index.html",
        "cities/khon-kaen/index.html",
        "topics/smart-city/index.html",
        "about/index.html",
        "case-studies/index.html",
    ] {
        assert!(!pages.contains(&p.to_string()), "{p} in {pages:?}");
    }
    assert!(
        pages.len() < e.before.keys().filter(|p| p.ends_with(".html")).count() / 2,
        "{pages:?}"
    );
}

#[test]
fn a_body_edit_that_mentions_another_city_updates_that_city() {
    let (site, e) = edit_once(|s| {
        replace(
            s,
            "content/case-studies/busan-port.md",
            "opened its port data",
            "opened its port data, as Phuket did",
        )
    });
    let pages = rendered_pages(&site, &e);
    assert!(
        pages.contains(&"cities/phuket/index.html".to_string()),
        "{pages:?}"
    );
}

#[test]
fn a_title_edit_renders_every_list_that_shows_the_card() {
    let (site, e) = edit_once(|s| {
        replace(
            s,
            "content/case-studies/kk-bus.md",
            "title: Bus Rapid Transit",
            "title: Bus Lanes",
        )
    });
    let pages = rendered_pages(&site, &e);
    for p in [
        "topics/mobility/page/2/index.html",
        "cities/khon-kaen/index.html",
        "case-studies/page/3/index.html",
    ] {
        assert!(pages.contains(&p.to_string()), "{p} not in {pages:?}");
    }
}

#[test]
fn a_date_edit_moves_the_study_through_every_list() {
    edit_once(|s| {
        replace(
            s,
            "content/case-studies/kk-bus.md",
            "date: 2019-09-09",
            "date: 2024-01-01",
        )
    });
}

#[test]
fn a_summary_and_facts_edit() {
    edit_once(|s| {
        replace(
            s,
            "content/case-studies/udon-growth/index.md",
            "  mayor: Somebody",
            "  mayor: Somebody Else\n  population: 120000",
        )
    });
}

#[test]
fn moving_a_study_to_another_known_city() {
    edit_once(|s| {
        replace(
            s,
            "content/case-studies/busan-port.md",
            "city: Busan",
            "city: Phuket",
        )
    });
}

#[test]
fn moving_a_study_to_a_new_city_adds_its_page_and_links_its_name_everywhere() {
    let (_, e) = edit_once(|s| {
        replace(
            s,
            "content/case-studies/busan-port.md",
            "city: Busan",
            "city: Udon Thani\ncountry: Thailand",
        )
    });
    assert!(e
        .change
        .render
        .iter()
        .any(|r| matches!(r, casebook::routes::Route::City(_))));
}

#[test]
fn changing_topics_and_country() {
    edit_once(|s| {
        replace(
            s,
            "content/case-studies/kk-bus.md",
            "topics: [Mobility]",
            "topics: [Transport, Mobility, mobility]",
        )
    });
    edit_once(|s| {
        replace(
            s,
            "content/case-studies/udon-growth/index.md",
            "country: Thailand",
            "country: Laos",
        )
    });
}

#[test]
fn a_new_study_and_a_deleted_one() {
    edit_once(|s| {
        s.write(
            "content/case-studies/phuket-new.md",
            "---\ntitle: New Study\ndate: 2023-01-01\ncity: Phuket\ntopics: [Data]\n---\nNew text about Busan.\n",
        );
        vec!["content/case-studies/phuket-new.md"]
    });
    let (_, e) = edit_once(|s| {
        std::fs::remove_file(s.root().join("content/case-studies/kk-bus.md")).expect("delete");
        vec!["content/case-studies/kk-bus.md"]
    });
    assert!(
        e.change
            .remove
            .contains(&"case-studies/kk-bus/index.html".to_string()),
        "{:?}",
        e.change.remove
    );
}

#[test]
fn deleting_a_study_the_home_page_does_not_list_changes_its_count() {
    let s = site_with_archive(8);
    let old = checked(&s);
    apply(&s, old, |s| {
        std::fs::remove_file(s.root().join("content/case-studies/old-1.md")).expect("delete");
        vec!["content/case-studies/old-1.md"]
    });
}

#[test]
fn a_new_alias_of_another_city_moves_the_first_mention_that_a_backlink_quotes() {
    // "Busan Metro" becomes Phuket's: Busan's first mention in kk-bus moves to the next sentence,
    // and Busan's page must quote that one, although neither Busan nor kk-bus changed.
    edit_once(|s| {
        replace(
            s,
            "content/cities/phuket.md",
            "country: Thailand",
            "country: Thailand\naliases: [Busan Metro]",
        )
    });
}

#[test]
fn a_renamed_study_file() {
    edit_once(|s| {
        std::fs::rename(
            s.root().join("content/case-studies/kk-bus.md"),
            s.root().join("content/case-studies/kk-brt.md"),
        )
        .expect("rename");
        vec![
            "content/case-studies/kk-bus.md",
            "content/case-studies/kk-brt.md",
        ]
    });
}

#[test]
fn old_addresses_added_moved_and_removed() {
    let s = common::site(SITE);
    let site = checked(&s);
    // A study renamed, keeping its old address.
    let (site, e) = apply(&s, site, |s| {
        std::fs::rename(
            s.root().join("content/case-studies/kk-bus.md"),
            s.root().join("content/case-studies/kk-brt.md"),
        )
        .expect("rename");
        replace(
            s,
            "content/case-studies/kk-brt.md",
            "title:",
            "redirect_from: [/case-studies/kk-bus/]\ntitle:",
        );
        vec![
            "content/case-studies/kk-bus.md",
            "content/case-studies/kk-brt.md",
        ]
    });
    assert!(rendered_pages(&site, &e).contains(&"case-studies/kk-bus/index.html".to_string()));
    // The old address now leads to another study.
    let (site, _) = apply(&s, site, |s| {
        let mut touched = replace(
            s,
            "content/case-studies/kk-brt.md",
            "redirect_from: [/case-studies/kk-bus/]\n",
            "",
        );
        touched.extend(replace(
            s,
            "content/case-studies/kk-awareness.md",
            "title:",
            "redirect_from: [/case-studies/kk-bus/, /old.html]\ntitle:",
        ));
        touched
    });
    // And is dropped.
    let (_, e) = apply(&s, site, |s| {
        replace(
            s,
            "content/case-studies/kk-awareness.md",
            "/case-studies/kk-bus/, ",
            "",
        )
    });
    assert!(e
        .change
        .remove
        .contains(&"case-studies/kk-bus/index.html".to_string()));
}

#[test]
fn city_profile_edits() {
    edit_once(|s| {
        replace(
            s,
            "content/cities/phuket.md",
            "An island province.",
            "An island province near Busan.",
        )
    });
    edit_once(|s| {
        replace(
            s,
            "content/cities/phuket.md",
            "name: Phuket",
            "name: Phuket City\naliases: [Phuket]",
        )
    });
    edit_once(|s| {
        replace(
            s,
            "content/cities/busan.md",
            "country: South Korea",
            "country: South Korea\naliases: [Pusan, Udon]",
        )
    });
    edit_once(|s| {
        replace(
            s,
            "content/cities/busan.md",
            "country: South Korea",
            "country: South Korea\npartners: [Phuket]",
        )
    });
}

#[test]
fn a_new_and_a_deleted_city_profile() {
    edit_once(|s| {
        s.write(
            "content/cities/udon.md",
            "---\nname: Udon\ncountry: Thailand\nsummary: A city.\n---\nUdon text.\n",
        );
        vec!["content/cities/udon.md"]
    });
    edit_once(|s| {
        std::fs::remove_file(s.root().join("content/cities/phuket.md")).expect("delete");
        vec!["content/cities/phuket.md"]
    });
}

#[test]
fn free_page_edits_reach_the_navigation_of_every_page() {
    edit_once(|s| {
        replace(
            s,
            "content/pages/about.md",
            "About these studies",
            "All about these studies",
        )
    });
    let (site, e) = edit_once(|s| {
        replace(
            s,
            "content/pages/about.md",
            "title: About",
            "title: About us",
        )
    });
    assert_eq!(
        rendered_pages(&site, &e).len(),
        e.before.keys().filter(|p| p.ends_with(".html")).count()
    );
    edit_once(|s| {
        s.write(
            "content/pages/team.md",
            "---\ntitle: Team\n---\nWe work in Phuket.\n",
        );
        vec!["content/pages/team.md"]
    });
}

#[test]
fn a_changed_bundle_file_is_copied_again() {
    let (site, e) = edit_once(|s| {
        s.write(
            "content/case-studies/udon-growth/map.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>",
        );
        vec!["content/case-studies/udon-growth/map.svg"]
    });
    let routes = site.routes();
    assert!(e
        .change
        .render
        .iter()
        .any(|&r| routes.output_path(r) == "case-studies/udon-growth/map.svg"));
    assert!(
        rendered_pages(&site, &e).is_empty(),
        "{:?}",
        rendered_pages(&site, &e)
    );
}

#[test]
fn a_configuration_change_renders_everything() {
    let (_, e) = edit_once(|s| replace(s, "site.yaml", "page_size: 2", "page_size: 3"));
    assert!(e.change.everything);
}

#[test]
fn a_sequence_of_edits_of_every_kind_stays_equal_to_full_builds() {
    let s = common::site(SITE);
    let mut site = checked(&s);
    type Edit = Box<dyn FnOnce(&common::Site) -> Vec<&'static str>>;
    let edits: Vec<Edit> = vec![
        Box::new(|s| replace(s, "content/case-studies/busan-port.md", "opened", "shared")),
        Box::new(|s| {
            replace(
                s,
                "content/case-studies/kk-bus.md",
                "date: 2019-09-09",
                "date: 2023-08-01",
            )
        }),
        Box::new(|s| {
            s.write(
                "content/case-studies/new-one.md",
                "---\ntitle: New One\ndate: 2022-06-01\ncity: Chiang Mai\ncountry: Thailand\ntopics: [Data]\n---\nChiang Mai and Busan.\n",
            );
            vec!["content/case-studies/new-one.md"]
        }),
        Box::new(|s| {
            replace(
                s,
                "content/cities/busan.md",
                "name: Busan",
                "name: Busan\naliases: [Chiang]",
            )
        }),
        Box::new(|s| {
            replace(
                s,
                "content/case-studies/kk-awareness.md",
                "city: Khon Kaen",
                "cities: [Phuket, Khon Kaen]",
            )
        }),
        Box::new(|s| {
            std::fs::remove_file(s.root().join("content/case-studies/phuket-partners.md"))
                .expect("delete");
            vec!["content/case-studies/phuket-partners.md"]
        }),
        Box::new(|s| {
            replace(
                s,
                "content/pages/about.md",
                "title: About",
                "title: About the site",
            )
        }),
        Box::new(|s| {
            replace(
                s,
                "content/case-studies/new-one.md",
                "title: New One",
                "title: Renamed",
            )
        }),
    ];
    for edit in edits {
        site = apply(&s, site, edit).0;
    }
}

#[test]
fn a_build_can_keep_its_graph_and_find_items_by_source_file() {
    let s = common::site(SITE);
    let mut options = s.options();
    options.keep_graph = true;
    let report = casebook::build(&options).expect("build");
    let graph = report.graph.expect("the graph is kept when asked");
    let Some(casebook::graph::DocRef::Study(id)) =
        graph.find_source(Path::new("content/case-studies/kk-bus.md"))
    else {
        panic!("kk-bus.md is a study of the graph");
    };
    assert_eq!(graph.studies[id].study.title, "Bus Rapid Transit");
    assert!(matches!(
        graph.find_source(Path::new("content/cities/busan.md")),
        Some(casebook::graph::DocRef::City(_))
    ));
    assert_eq!(
        graph.find_source(Path::new("content/cities/nowhere.md")),
        None
    );
    // Without asking, the build lets it go.
    assert!(casebook::build(&s.options())
        .expect("build")
        .graph
        .is_none());
}

/// Asserts that the files `session` holds are a fresh full build of `s`, byte for byte.
fn session_equals_full_build(s: &common::Site, session: &casebook::session::Session, what: &str) {
    let full = built(&checked(s));
    let files = session.files();
    let differing: Vec<&String> = full
        .keys()
        .chain(files.keys())
        .filter(|p| full.get(*p).map(Vec::as_slice) != files.get(*p).map(|b| &b[..]))
        .collect();
    assert!(differing.is_empty(), "after {what}: {differing:?}");
}

/// `casebook serve`'s session: after each edit of a sequence, the files it holds equal a fresh
/// full build of the edited site, byte for byte, and each edit took the method expected of it.
#[test]
fn a_session_stays_equal_to_full_builds_through_edits_of_every_kind() {
    use casebook::session::{Method, Session};
    let s = common::site(SITE);
    let mut session = Session::new(s.options());
    assert_eq!(session.build().expect("first build").method, Method::Full);
    let same_as_full = |session: &Session, what: &str| session_equals_full_build(&s, session, what);
    type Edit = Box<dyn Fn(&common::Site) -> Vec<&'static str>>;
    let steps: Vec<(&str, Method, Edit)> = vec![
        (
            "a body edit",
            Method::Text,
            Box::new(|s| replace(s, "content/case-studies/busan-port.md", "opened", "shared")),
        ),
        (
            "a body edit that mentions a city",
            Method::Text,
            Box::new(|s| {
                replace(
                    s,
                    "content/case-studies/busan-port.md",
                    "port data.",
                    "port data, as Phuket and Khon Kaen did.",
                )
            }),
        ),
        (
            // The cities it now mentions quote the sentence: their pages show the new one.
            "a body edit of the sentence that mentions them",
            Method::Text,
            Box::new(|s| {
                replace(
                    s,
                    "content/case-studies/busan-port.md",
                    "as Phuket and Khon Kaen did.",
                    "as Phuket and Khon Kaen did first.",
                )
            }),
        ),
        (
            "a body edit that stops mentioning a city and changes headings",
            Method::Text,
            Box::new(|s| {
                replace(
                    s,
                    "content/case-studies/kk-bus.md",
                    "Buses in Khon Kaen, like the Busan Metro. Busan has them too.",
                    "## Buses\n\nBuses in Khon Kaen.",
                )
            }),
        ),
        (
            "a title edit",
            Method::Text,
            Box::new(|s| {
                replace(
                    s,
                    "content/case-studies/kk-bus.md",
                    "title: Bus Rapid Transit",
                    "title: Bus Lanes",
                )
            }),
        ),
        (
            "a new summary line (the lines below it move)",
            Method::Incremental,
            Box::new(|s| {
                replace(
                    s,
                    "content/case-studies/kk-bus.md",
                    "title: Bus Lanes",
                    "title: Bus Lanes\nsummary: Lanes for buses.",
                )
            }),
        ),
        (
            "a summary edit",
            Method::Text,
            Box::new(|s| {
                replace(
                    s,
                    "content/case-studies/kk-bus.md",
                    "summary: Lanes for buses.",
                    "summary: Lanes for buses only.",
                )
            }),
        ),
        (
            "a date edit",
            Method::Incremental,
            Box::new(|s| {
                replace(
                    s,
                    "content/case-studies/kk-bus.md",
                    "date: 2019-09-09",
                    "date: 2024-01-01",
                )
            }),
        ),
        (
            "a change of city",
            Method::Incremental,
            Box::new(|s| {
                replace(
                    s,
                    "content/case-studies/busan-port.md",
                    "city: Busan",
                    "city: Udon Thani\ncountry: Thailand",
                )
            }),
        ),
        (
            "a new study",
            Method::Incremental,
            Box::new(|s| {
                s.write(
                    "content/case-studies/phuket-new.md",
                    "---\ntitle: New Study\ndate: 2023-01-01\ncity: Phuket\ntopics: [Data]\n---\nNew text about Busan.\n",
                );
                vec!["content/case-studies/phuket-new.md"]
            }),
        ),
        (
            "a deleted study",
            Method::Incremental,
            Box::new(|s| {
                std::fs::remove_file(s.root().join("content/case-studies/kk-bus.md"))
                    .expect("delete");
                vec!["content/case-studies/kk-bus.md"]
            }),
        ),
        (
            "a bundle file",
            Method::Incremental,
            Box::new(|s| {
                s.write(
                    "content/case-studies/udon-growth/map.svg",
                    "<svg xmlns=\"http://www.w3.org/2000/svg\"><g/></svg>",
                );
                vec!["content/case-studies/udon-growth/map.svg"]
            }),
        ),
        (
            "site.yaml",
            Method::Full,
            Box::new(|s| replace(s, "site.yaml", "page_size: 2", "page_size: 3")),
        ),
    ];
    for (what, method, edit) in &steps {
        let changed: Vec<PathBuf> = edit(&s).into_iter().map(PathBuf::from).collect();
        let mut ready = 0;
        let rebuilt = session
            .apply(&changed, &mut |_| ready += 1)
            .unwrap_or_else(|f| panic!("{what}: {:?}", f.diagnostics));
        assert_eq!(ready, 1, "{what}: pages handed over once");
        assert_eq!(rebuilt.method, *method, "{what}");
        same_as_full(&session, what);
    }

    // A body edit with a link written as a site address is checked by the route layer.
    let study = "content/case-studies/kk-awareness.md";
    replace(
        &s,
        study,
        "It worked.",
        "It worked, see [Phuket](/sub/cities/phuket/).",
    );
    let rebuilt = session
        .apply(&[PathBuf::from(study)], &mut |_| {})
        .expect("a good site address");
    assert_eq!(rebuilt.method, Method::Text);
    same_as_full(&session, "a site address");
    replace(&s, study, "/sub/cities/phuket/", "/sub/cities/nowhere/");
    let failed = session
        .apply(&[PathBuf::from(study)], &mut |_| {})
        .expect_err("a site address that names no page");
    common::find(&failed.diagnostics, "/sub/cities/nowhere/");
    replace(&s, study, "/sub/cities/nowhere/", "/sub/cities/phuket/");
    session.apply(&[], &mut |_| {}).expect("fixed");
    same_as_full(&session, "the fixed site address");
    // Removing a heading another study links to is that study's error.
    replace(&s, study, "## Background", "## Context");
    let failed = session
        .apply(&[PathBuf::from(study)], &mut |_| {})
        .expect_err("a link to the removed heading");
    let d = common::find(&failed.diagnostics, "#background");
    assert_eq!(d.file, Path::new("content/case-studies/phuket-partners.md"));
    replace(&s, study, "## Context", "## Background");
    session
        .apply(&[PathBuf::from(study)], &mut |_| {})
        .expect("fixed");
    same_as_full(&session, "the restored heading");

    // A broken edit keeps the last good files; fixing it brings the site up to date.
    let good = session.files();
    replace(
        &s,
        "content/case-studies/busan-port.md",
        "shared",
        "see [x](missing.md)",
    );
    let failed = session
        .apply(
            &[PathBuf::from("content/case-studies/busan-port.md")],
            &mut |_| {},
        )
        .expect_err("a broken link fails the rebuild");
    let d = common::find(&failed.diagnostics, "missing");
    assert_eq!(d.file, Path::new("content/case-studies/busan-port.md"));
    assert!(std::sync::Arc::ptr_eq(&good, &session.files()));
    // The fix comes with another file's edit: both are read.
    replace(
        &s,
        "content/case-studies/busan-port.md",
        "see [x](missing.md)",
        "shared",
    );
    replace(
        &s,
        "content/pages/about.md",
        "About these",
        "About all these",
    );
    session
        .apply(&[PathBuf::from("content/pages/about.md")], &mut |_| {})
        .expect("fixed");
    same_as_full(&session, "the fix");
}

/// The fixture in three languages: a study translated into Thai, a city profile translated
/// (its Thai name), a Thai free page, and a study that exists only in Indonesian.
fn multilingual_site(untranslated: &str) -> common::Site {
    let site = SITE.replace(
        "page_size: 2\n",
        &format!("page_size: 2\nlanguage: en\nuntranslated: {untranslated}\nlanguages:\n  en: {{name: English}}\n  th: {{name: ไทย}}\n  id: {{name: Bahasa Indonesia}}\n"),
    );
    common::site(&format!(
        "{site}-- content/case-studies/kk-awareness.th.md --
---
title: การรับรู้ของประชาชน
---
## ความเป็นมา

ชาวขอนแก่นและนักท่องเที่ยวภูเก็ต

## การแก้ปัญหา

รถไฟฟ้ารางเบา[^1]

[^1]: แหล่งที่มา
-- content/cities/khon-kaen.th.md --
---
name: ขอนแก่น
---
เมืองในภาคตะวันออกเฉียงเหนือ
-- content/pages/about.th.md --
---
title: เกี่ยวกับ
---
เกี่ยวกับกรณีศึกษาของขอนแก่น
-- content/case-studies/banjir.id.md --
---
title: Peta Banjir
date: 2024-02-02
city: Phuket
---
Peta banjir untuk Phuket.
"
    ))
}

/// On a site in several languages, `serve`'s session rebuilds an edited translation (or a source
/// its translations show) incrementally, each language's view compared with its view before,
/// and its files stay equal to a full build in every language; a change of `languages:` is a
/// full rebuild.
#[test]
fn a_session_in_several_languages_stays_equal_to_full_builds() {
    session_in_several_languages("show");
}

/// The same, when a language's lists leave out what is not written in it.
#[test]
fn a_session_hiding_untranslated_studies_stays_equal_to_full_builds() {
    session_in_several_languages("hide");
}

fn session_in_several_languages(untranslated: &str) {
    use casebook::session::{Method, Session};
    let s = multilingual_site(untranslated);
    let mut session = Session::new(s.options());
    assert_eq!(session.build().expect("first build").method, Method::Full);
    let full = built(&checked(&s));
    assert!(full.contains_key("th/case-studies/kk-awareness/index.html"));
    assert!(full.contains_key("id/case-studies/banjir/index.html"));
    type Edit = Box<dyn Fn(&common::Site) -> Vec<&'static str>>;
    let thai = "content/case-studies/kk-awareness.th.md";
    let steps: Vec<(&str, Method, Edit)> = vec![
        (
            "a translation's body",
            Method::Incremental,
            Box::new(move |s| replace(s, thai, "รถไฟฟ้ารางเบา", "รถโดยสารด่วนพิเศษ")),
        ),
        (
            "a translation's title",
            Method::Incremental,
            Box::new(move |s| replace(s, thai, "title: การรับรู้ของประชาชน", "title: ประชาชน")),
        ),
        (
            "a source's body (the translation's pages show its status)",
            Method::Incremental,
            Box::new(|s| {
                replace(
                    s,
                    "content/case-studies/kk-awareness.md",
                    "It worked.",
                    "It worked well.",
                )
            }),
        ),
        (
            "a source's title (its card in every language)",
            Method::Incremental,
            Box::new(|s| {
                replace(
                    s,
                    "content/case-studies/busan-port.md",
                    "title: Port Data",
                    "title: Open Port Data",
                )
            }),
        ),
        (
            "a city's Thai name",
            Method::Incremental,
            Box::new(|s| {
                replace(
                    s,
                    "content/cities/khon-kaen.th.md",
                    "name: ขอนแก่น",
                    "name: เมืองขอนแก่น",
                )
            }),
        ),
        (
            "a Thai page",
            Method::Incremental,
            Box::new(|s| {
                replace(
                    s,
                    "content/pages/about.th.md",
                    "title: เกี่ยวกับ",
                    "title: เกี่ยวกับเรา",
                )
            }),
        ),
        (
            "a new translation",
            Method::Incremental,
            Box::new(|s| {
                s.write(
                    "content/case-studies/busan-port.id.md",
                    "---\ntitle: Data Pelabuhan\n---\nBusan membuka data pelabuhannya.\n",
                );
                vec!["content/case-studies/busan-port.id.md"]
            }),
        ),
        (
            "a study only in Indonesian, edited",
            Method::Incremental,
            Box::new(|s| {
                replace(
                    s,
                    "content/case-studies/banjir.id.md",
                    "date: 2024-02-02",
                    "date: 2018-02-02",
                )
            }),
        ),
        (
            "its source in English, added",
            Method::Incremental,
            Box::new(|s| {
                s.write(
                    "content/case-studies/banjir.md",
                    "---\ntitle: Flood Maps\ndate: 2018-02-02\ncity: Phuket\n---\nFlood maps for Phuket.\n",
                );
                // The Indonesian file is a translation of it now: text only.
                s.write(
                    "content/case-studies/banjir.id.md",
                    "---\ntitle: Peta Banjir\n---\nPeta banjir untuk Phuket.\n",
                );
                vec![
                    "content/case-studies/banjir.md",
                    "content/case-studies/banjir.id.md",
                ]
            }),
        ),
        (
            "a deleted translation",
            Method::Incremental,
            Box::new(move |s| {
                std::fs::remove_file(s.root().join(thai)).expect("delete");
                vec![thai]
            }),
        ),
        (
            "a deleted source whose translation becomes the source",
            Method::Incremental,
            Box::new(|s| {
                std::fs::remove_file(s.root().join("content/case-studies/banjir.md"))
                    .expect("delete");
                s.write(
                    "content/case-studies/banjir.id.md",
                    "---\ntitle: Peta Banjir\ndate: 2018-02-02\ncity: Phuket\n---\nPeta banjir.\n",
                );
                vec!["content/case-studies/banjir.md"]
            }),
        ),
        (
            "languages: in site.yaml",
            Method::Full,
            Box::new(|s| {
                replace(
                    s,
                    "site.yaml",
                    "{name: Bahasa Indonesia}",
                    "{name: Indonesia}",
                )
            }),
        ),
    ];
    let mut rendered_thai_study = false;
    for (what, method, edit) in &steps {
        let changed: Vec<PathBuf> = edit(&s).into_iter().map(PathBuf::from).collect();
        let rebuilt = session
            .apply(&changed, &mut |_| {})
            .unwrap_or_else(|f| panic!("{what}: {:?}", f.diagnostics));
        assert_eq!(rebuilt.method, *method, "{what}");
        if *what == "a translation's body" {
            // Only what shows the Thai study: not the English pages of other items.
            assert!(rebuilt
                .rendered
                .contains(&"th/case-studies/kk-awareness/index.html".to_string()));
            assert!(!rebuilt
                .rendered
                .contains(&"case-studies/busan-port/index.html".to_string()));
            rendered_thai_study = true;
        }
        session_equals_full_build(&s, &session, what);
    }
    assert!(rendered_thai_study);
    let files = session.files();
    assert!(!files.contains_key("th/case-studies/kk-awareness/index.html"));
    assert!(files.contains_key("id/case-studies/banjir/index.html"));
    assert!(!files.contains_key("case-studies/banjir/index.html"));
}
