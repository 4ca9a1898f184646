//! `casebook serve`, end to end: the binary is started on a free loopback port (`--port 0`) and
//! stopped by each test. Requests are written by hand on a TCP stream, so paths reach the server
//! exactly as written (a client library would tidy `..` away); the reload stream is read with a
//! WebSocket client, as a browser tab would.

mod common;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

const SITE: &str = r#"-- site.yaml --
title: Serve Test
base_url: https://example.org/sub/
-- content/cities/phuket.md --
---
name: Phuket
country: Thailand
---
An island province.
-- content/case-studies/kk-bus.md --
---
title: Bus Rapid Transit
date: 2019-09-09
city: Khon Kaen
country: Thailand
topics: [Mobility]
---
## Background

Buses in Khon Kaen, like those of Phuket.
-- content/case-studies/phuket-data/index.md --
---
title: Port Data
date: 2020-01-10
city: Phuket
---
Phuket opened its port data. ![A map](map.svg)
-- content/case-studies/phuket-data/map.svg --
<svg xmlns="http://www.w3.org/2000/svg"/>
-- secret.txt --
TOP-SECRET-CONTENT
"#;

/// A running `casebook serve`, killed when dropped.
struct Server {
    child: Child,
    /// `127.0.0.1:port`
    host: String,
    lines: mpsc::Receiver<String>,
    site: common::Site,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(spec: &str) -> Server {
    let site = common::site(spec);
    let mut child = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["serve", "--port", "0", "--root"])
        .arg(site.root())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start casebook serve");
    let (tx, lines) = mpsc::channel();
    for out in [
        Box::new(child.stdout.take().expect("stdout")) as Box<dyn Read + Send>,
        Box::new(child.stderr.take().expect("stderr")),
    ] {
        let tx = tx.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
    }
    let host = loop {
        let line = lines
            .recv_timeout(Duration::from_secs(30))
            .expect("serve prints its address");
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().expect("host").to_string();
        }
    };
    Server {
        child,
        host,
        lines,
        site,
    }
}

/// A response: status, headers (lowercase names) and body.
struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

impl Server {
    fn request(&self, method: &str, path: &str) -> Response {
        request(&self.host, method, path)
    }

    fn get(&self, path: &str) -> Response {
        self.request("GET", path)
    }
}

/// One request on its own connection.
fn request(host: &str, method: &str, path: &str) -> Response {
    {
        let mut stream = TcpStream::connect(host).expect("connect");
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .expect("timeout");
        write!(
            stream,
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        )
        .expect("send");
        let mut raw = Vec::new();
        stream.read_to_end(&mut raw).expect("read");
        let split = raw
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .expect("end of headers");
        let head = String::from_utf8_lossy(&raw[..split]).into_owned();
        let mut lines = head.lines();
        let status = lines
            .next()
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|s| s.parse().ok())
            .expect("status");
        let headers = lines
            .filter_map(|l| l.split_once(':'))
            .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
            .collect();
        Response {
            status,
            headers,
            body: raw[split + 4..].to_vec(),
        }
    }
}

impl Server {
    fn live(&self) -> Live {
        let (ws, _) = tungstenite::connect(format!("ws://{}/__casebook/live", self.host))
            .expect("reload stream");
        Live(ws)
    }

    /// Waits for the server to print a line containing `needle`.
    fn wait_for_line(&self, needle: &str) -> String {
        loop {
            let line = self
                .lines
                .recv_timeout(Duration::from_secs(30))
                .unwrap_or_else(|_| panic!("no line with {needle:?}"));
            if line.contains(needle) {
                return line;
            }
        }
    }

    fn replace(&self, path: &str, from: &str, to: &str) {
        let file = self.site.root().join(path);
        let text = std::fs::read_to_string(&file).expect("read");
        assert!(text.contains(from), "{path} has no {from:?}");
        std::fs::write(file, text.replacen(from, to, 1)).expect("write");
    }
}

/// A browser tab's reload stream.
struct Live(tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>);

/// One message of the reload stream.
#[derive(Debug)]
struct Message {
    version: u64,
    problems: Option<String>,
}

impl Live {
    fn next(&mut self) -> Message {
        loop {
            if let tungstenite::Message::Text(t) = self.0.read().expect("message") {
                let v: serde_json::Value = serde_json::from_str(&t).expect("JSON");
                return Message {
                    version: v["version"].as_u64().expect("version"),
                    problems: v["problems"].as_str().map(str::to_string),
                };
            }
        }
    }

    /// The next message with a version other than `than`, or with problems.
    fn next_change(&mut self, than: u64) -> Message {
        loop {
            let m = self.next();
            if m.version != than || m.problems.is_some() {
                return m;
            }
        }
    }
}

/// The page without what `serve` adds (the overlay and the reload script).
fn without_live_tags(html: &str) -> String {
    let start = html
        .find("<div id=\"casebook-problems\"")
        .or_else(|| html.find("<script data-live="));
    match (start, html.rfind("</script></body>")) {
        (Some(s), Some(e)) => format!("{}{}", &html[..s], &html[e + "</script>".len()..]),
        _ => html.to_string(),
    }
}

#[test]
fn the_site_is_served_under_its_base_path_with_links_to_this_server() {
    let server = serve(SITE);
    let home = server.get("/sub/");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    let page = scraper::Html::parse_document(&home.text());
    let script = scraper::Selector::parse("script[data-live]").expect("selector");
    assert_eq!(page.select(&script).count(), 1, "the reload script");
    // Absolute links (feeds, canonical) point at this server, under the base path.
    let feed = server.get("/sub/atom.xml");
    assert_eq!(feed.status, 200);
    assert!(feed
        .header("content-type")
        .is_some_and(|t| t.starts_with("application/atom+xml") || t.contains("xml")));
    let xml = feed.text();
    let doc = roxmltree::Document::parse(&xml).expect("feed is XML");
    let id = doc
        .descendants()
        .find(|n| n.has_tag_name("id"))
        .and_then(|n| n.text())
        .expect("feed id");
    assert!(
        id.starts_with(&format!("http://{}/sub/", server.host)),
        "{id}"
    );
    // No reload script outside HTML.
    assert!(!xml.contains("__casebook"));

    assert_eq!(server.get("/").status, 302);
    assert_eq!(server.get("/").header("location"), Some("/sub/"));
    let folder = server.get("/sub/cities/phuket");
    assert_eq!(folder.status, 302);
    assert_eq!(folder.header("location"), Some("/sub/cities/phuket/"));
    assert_eq!(server.get("/sub/cities/phuket/").status, 200);
    let css = server.get("/sub/style.css");
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    let svg = server.get("/sub/case-studies/phuket-data/map.svg");
    assert_eq!(svg.status, 200);
    assert!(svg
        .header("content-type")
        .is_some_and(|t| t.starts_with("image/svg+xml")));
    let data = server.get("/sub/data/case-studies.json");
    assert_eq!(data.status, 200);
    serde_json::from_slice::<serde_json::Value>(&data.body).expect("JSON");

    let missing = server.get("/sub/no/such/page/");
    assert_eq!(missing.status, 404);
    assert!(missing.text().contains("<html"), "the site's 404 page");
    assert_eq!(server.get("/elsewhere/").status, 404);

    let head = server.request("HEAD", "/sub/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(server.request("POST", "/sub/").status, 405);
    assert_eq!(server.request("DELETE", "/sub/").status, 405);
    // Nothing was written into the site folder.
    assert!(!server.site.root().join("public").exists());
}

#[test]
fn nothing_outside_the_site_is_served_whatever_the_path() {
    let server = serve(SITE);
    // A link pointing out of the site from inside a bundle.
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        server.site.root().join("secret.txt"),
        server
            .site
            .root()
            .join("content/case-studies/phuket-data/leak.txt"),
    )
    .expect("symlink");
    for path in [
        "/sub/../secret.txt",
        "/sub/../../../../etc/passwd",
        "/sub/%2e%2e/secret.txt",
        "/sub/%2E%2E%2Fsecret.txt",
        "/sub/..%2fsecret.txt",
        "/sub/..%5csecret.txt",
        "/sub/..\\secret.txt",
        "/sub//etc/passwd",
        "/sub/%2fetc%2fpasswd",
        "//etc/passwd",
        "/etc/passwd",
        "/sub/case-studies/phuket-data/leak.txt",
        "/sub/./secret.txt",
        "/sub/secret.txt",
        "/sub/site.yaml",
        "/sub/content/cities/phuket.md",
        "/sub/%00",
        "/sub/case-studies/",
    ] {
        let r = server.get(path);
        assert!([400, 404, 200].contains(&r.status), "{path}: {}", r.status);
        let text = r.text();
        assert!(!text.contains("TOP-SECRET"), "{path} served the secret");
        assert!(!text.contains("root:x:0"), "{path} served /etc/passwd");
        if r.status == 200 {
            // Only a page of the site (a folder is its index page, never a listing).
            assert_eq!(path, "/sub/case-studies/", "{path}");
            assert!(text.contains("Bus Rapid Transit"));
        }
    }
}

#[test]
fn edits_reload_tabs_and_a_broken_edit_shows_the_overlay_until_fixed() {
    let server = serve(SITE);
    let mut tab = server.live();
    let first = tab.next();
    assert_eq!(first.problems, None);

    server.replace(
        "content/case-studies/kk-bus.md",
        "like those of Phuket",
        "like the new ones of Phuket",
    );
    let edited = tab.next_change(first.version);
    assert_eq!(edited.version, first.version + 1);
    assert_eq!(edited.problems, None);
    let page = server.get("/sub/case-studies/kk-bus/");
    assert!(page.text().contains("like the new ones of"), "the new text");
    server.wait_for_line("text only rebuild");

    // A new title: tabs reload once the study's own page is in; the other pages that show it
    // (its city's, the home page) follow, and a request for one waits until it is in.
    server.replace(
        "content/case-studies/kk-bus.md",
        "title: Bus Rapid Transit",
        "title: Rapid Buses",
    );
    let retitled = tab.next_change(edited.version);
    for page in [
        "/sub/cities/khon-kaen/",
        "/sub/",
        "/sub/case-studies/kk-bus/",
    ] {
        let text = server.get(page).text();
        assert!(text.contains("Rapid Buses"), "{page} shows the new title");
        assert!(
            !text.contains("Bus Rapid Transit"),
            "{page}: not the old one"
        );
    }
    server.wait_for_line("text only rebuild");
    let edited = retitled;

    // A broken edit: the overlay, and the last good page.
    server.replace(
        "content/case-studies/kk-bus.md",
        "date: 2019-09-09",
        "date: 2019-13-45",
    );
    let broken = tab.next_change(edited.version);
    assert_eq!(broken.version, edited.version, "the last good build stays");
    let overlay = broken.problems.expect("the problems");
    assert!(
        overlay.contains("content/case-studies/kk-bus.md:3:7"),
        "{overlay}"
    );
    server.wait_for_line("still serving the last good site");
    let page = server.get("/sub/case-studies/kk-bus/").text();
    assert!(page.contains("like the new ones of"), "the last good page");
    let html = scraper::Html::parse_document(&page);
    let shown = scraper::Selector::parse("#casebook-problems pre").expect("selector");
    let shown: Vec<String> = html
        .select(&shown)
        .map(|e| e.text().collect::<String>())
        .collect();
    assert_eq!(shown.len(), 1, "{shown:?}");
    assert!(
        shown[0].contains("content/case-studies/kk-bus.md:3:7"),
        "{shown:?}"
    );
    assert!(
        shown[0].contains("date: 2019-13-45"),
        "the quoted line: {shown:?}"
    );
    // Every page shows it.
    assert!(server
        .get("/sub/")
        .text()
        .contains("<div id=\"casebook-problems\""));

    server.replace(
        "content/case-studies/kk-bus.md",
        "date: 2019-13-45",
        "date: 2019-09-09",
    );
    let fixed = tab.next_change(edited.version);
    assert_eq!(fixed.version, edited.version + 1);
    assert_eq!(fixed.problems, None);
    assert!(!server
        .get("/sub/")
        .text()
        .contains("<div id=\"casebook-problems\""));
}

#[test]
fn served_files_equal_a_full_build_after_edits_of_every_kind() {
    let server = serve(SITE);
    let mut tab = server.live();
    let mut version = tab.next().version;
    let root = server.site.root().to_path_buf();
    let mut step = |what: &str, edit: &dyn Fn()| {
        edit();
        let m = tab.next_change(version);
        assert_eq!(m.problems, None, "{what}");
        version = m.version;
        // The data files follow the pages: wait for the rebuild's line.
        server.wait_for_line("changed:");
    };
    step("a body edit", &|| {
        server.replace("content/case-studies/kk-bus.md", "Buses in", "New buses in")
    });
    step("a title edit", &|| {
        server.replace(
            "content/case-studies/kk-bus.md",
            "title: Bus Rapid",
            "title: Rapid",
        )
    });
    step("a new study in a new city", &|| {
        std::fs::write(
            root.join("content/case-studies/udon.md"),
            "---\ntitle: Udon Growth\ndate: 2021-01-01\ncity: Udon Thani\ncountry: Thailand\n---\nUdon Thani and Phuket.\n",
        )
        .expect("write")
    });
    step("a renamed study", &|| {
        std::fs::rename(
            root.join("content/case-studies/udon.md"),
            root.join("content/case-studies/udon-thani.md"),
        )
        .expect("rename")
    });
    step("a deleted study", &|| {
        std::fs::remove_file(root.join("content/case-studies/kk-bus.md")).expect("delete")
    });
    step("a new city profile", &|| {
        std::fs::write(
            root.join("content/cities/udon-thani.md"),
            "---\nname: Udon Thani\ncountry: Thailand\n---\nA city in the north-east.\n",
        )
        .expect("write")
    });
    step("a theme template", &|| {
        let dir = root.join("themes/default/templates");
        std::fs::create_dir_all(&dir).expect("mkdir");
        let footer = include_str!("../themes/default/templates/site_footer.html");
        std::fs::write(
            dir.join("site_footer.html"),
            format!("{footer}<!-- changed -->"),
        )
        .expect("write")
    });
    step("site.yaml", &|| {
        server.replace("site.yaml", "title: Serve Test", "title: Serve Test Two")
    });

    // Until the server has been quiet for a moment (a burst may have given two rebuilds).
    while server
        .lines
        .recv_timeout(Duration::from_millis(500))
        .is_ok()
    {}
    let out = tempfile::tempdir().expect("temp");
    let options = casebook::BuildOptions {
        output: Some(out.path().join("public")),
        base_url: Some(format!("http://{}/sub/", server.host)),
        ..casebook::BuildOptions::new(&root)
    };
    casebook::build(&options).expect("full build");
    let public = out.path().join("public");
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&public) {
        let entry = entry.expect("entry");
        if !entry.file_type().is_file() || entry.file_name() == casebook::write::MARKER {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(&public)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        let served = server.get(&format!("/sub/{rel}"));
        assert_eq!(served.status, 200, "{rel}");
        let built = std::fs::read(entry.path()).expect("read");
        if rel.ends_with(".html") {
            assert_eq!(
                without_live_tags(&served.text()),
                String::from_utf8_lossy(&built),
                "{rel}"
            );
        } else {
            assert_eq!(served.body, built, "{rel}");
        }
        compared += 1;
    }
    assert!(compared > 20, "{compared}");
    assert!(server.get("/sub/footer-check").status == 404);
    assert!(server.get("/sub/").text().contains("<!-- changed -->"));
    // The old study's page is gone.
    assert_eq!(server.get("/sub/case-studies/kk-bus/").status, 404);
    assert_eq!(server.get("/sub/case-studies/udon/").status, 404);
}

#[test]
fn fifty_clients_are_answered_while_a_tab_never_reads_its_stream() {
    let server = serve(SITE);
    // A tab that connects and never reads.
    let _stuck = TcpStream::connect(&server.host).expect("connect");
    let _stuck_live = server.live();
    let mut tab = server.live();
    let version = tab.next().version;
    // Many rebuilds the stuck tab never reads.
    for i in 0..5 {
        server.replace(
            "content/cities/phuket.md",
            "An island",
            &format!("An island {i}"),
        );
        server.wait_for_line("changed:");
        server.replace(
            "content/cities/phuket.md",
            &format!("An island {i}"),
            "An island",
        );
        server.wait_for_line("changed:");
    }
    assert!(tab.next_change(version).version > version);
    let ok = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..50)
            .map(|i| {
                let host = server.host.clone();
                scope.spawn(move || {
                    let path = if i % 2 == 0 {
                        "/sub/"
                    } else {
                        "/sub/cities/phuket/"
                    };
                    (0..4).all(|_| request(&host, "GET", path).status == 200)
                })
            })
            .collect();
        handles.into_iter().all(|h| h.join().unwrap_or(false))
    });
    assert!(ok, "every client got its pages");
}

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = taken.local_addr().expect("addr").port();
    let site = common::site(SITE);
    let out = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["serve", "--port", &port.to_string(), "--root"])
        .arg(site.root())
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "a usage problem");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("127.0.0.1:{port}")), "{err}");
    assert!(err.contains("--port"), "{err}");
    assert!(!Path::new(&site.root().join("public")).exists());
}
