//! Rebuild latency of `casebook serve`: from a saved file to the reload message, as a browser
//! receives it.
//!
//! ```sh
//! cargo run --release --example serve-latency -- CORPUS_SITE [RUNS]
//! ```
//!
//! Copies the site (a corpus from `bench/run.sh`) to a scratch folder, starts the release
//! `casebook serve` on a free port, connects to its reload stream like a browser tab, then for
//! each kind of edit (a study's body, its title, its city) saves the file RUNS times and measures
//! the time from the end of the write to the reload message. Prints the median and range per
//! kind, and the server's own figure (pages ready after the change was seen). The time includes
//! the watcher's delivery and its 10 ms wait for the burst of saves to end.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tungstenite::{Message, WebSocket};

type Socket = WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>;

struct Server(Child);
impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let Some(corpus) = args.get(1) else {
        eprintln!("usage: serve-latency CORPUS_SITE [RUNS]");
        std::process::exit(2);
    };
    let runs: usize = args.get(2).and_then(|r| r.parse().ok()).unwrap_or(7);
    let scratch = PathBuf::from("/dev/shm/casebook-serve-latency");
    let _ = std::fs::remove_dir_all(&scratch);
    let status = Command::new("cp")
        .args(["-r", corpus])
        .arg(&scratch)
        .status()
        .expect("cp");
    assert!(status.success(), "copying the corpus failed");
    let exe = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/casebook");
    let mut child = Command::new(&exe)
        .args(["serve", "--port", "0", "--root"])
        .arg(&scratch)
        .stdout(Stdio::piped())
        .spawn()
        .expect("start casebook serve (build it with cargo build --release)");
    let stdout = child.stdout.take().expect("stdout");
    let _server = Server(child);
    let (lines_tx, lines) = mpsc::channel::<String>();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = lines_tx.send(line);
        }
    });
    let started = Instant::now();
    let url = loop {
        let line = lines.recv().expect("serve stopped");
        if let Some(at) = line.find("http://") {
            break line[at..]
                .split_whitespace()
                .next()
                .unwrap_or("")
                .to_string();
        }
    };
    println!(
        "first build and serve: {:.2} s",
        started.elapsed().as_secs_f64()
    );
    let host = url
        .trim_start_matches("http://")
        .split('/')
        .next()
        .unwrap_or("")
        .to_string();
    let (mut ws, _) =
        tungstenite::connect(format!("ws://{host}/__casebook/live")).expect("reload stream");
    let mut version = read_version(&mut ws);

    let studies = scratch.join("content/case-studies");
    let file = |i: usize| studies.join(format!("study-{i:06}.md"));
    let city_of = |p: &Path| -> String {
        let text = std::fs::read_to_string(p).expect("read");
        text.lines()
            .find_map(|l| l.strip_prefix("city: "))
            .unwrap_or("")
            .to_string()
    };
    let other_city = (0..100)
        .map(|i| city_of(&file(i)))
        .find(|c| !c.is_empty())
        .expect("a study with a `city:` line");

    type Edit = Box<dyn Fn(&str, usize) -> String>;
    let kinds: Vec<(&str, Edit)> = vec![
        (
            "body edit",
            Box::new(|text: &str, n: usize| format!("{text}\nAn added sentence, number {n}.\n")),
        ),
        (
            "title edit",
            Box::new(|text: &str, n: usize| {
                text.replacen("title: \"", &format!("title: \"{n} "), 1)
            }),
        ),
        (
            "change of city",
            Box::new(move |text: &str, _| {
                let city = text
                    .lines()
                    .find_map(|l| l.strip_prefix("city: "))
                    .unwrap_or("")
                    .to_string();
                text.replacen(&format!("city: {city}"), &format!("city: {other_city}"), 1)
            }),
        ),
    ];
    for (name, edit) in &kinds {
        let mut times = Vec::new();
        let mut server_times = Vec::new();
        for run in 0..runs {
            // A different study each time, from the middle of the corpus.
            let path = file(5000 + run * 7);
            let text = std::fs::read_to_string(&path).expect("read study");
            std::fs::write(&path, edit(&text, run)).expect("write");
            let t0 = Instant::now();
            let new = loop {
                let v = read_version(&mut ws);
                if v > version {
                    break v;
                }
            };
            times.push(t0.elapsed());
            version = new;
            // Let the rebuild finish (its line is printed after the data files) and read the
            // server's own figure.
            loop {
                let line = lines
                    .recv_timeout(Duration::from_secs(60))
                    .expect("the rebuild's line");
                if let Some(ms) = line
                    .split("pages ready ")
                    .nth(1)
                    .and_then(|r| r.split(" ms").next())
                    .and_then(|n| n.parse::<f64>().ok())
                {
                    server_times.push(ms);
                    break;
                }
            }
            drain(&mut ws);
        }
        times.sort();
        server_times.sort_by(f64::total_cmp);
        let ms = |d: Duration| d.as_secs_f64() * 1000.0;
        println!(
            "{name:<15} save -> reload message: median {:.1} ms (min {:.1}, max {:.1}, {} runs); server: pages ready {:.1} ms after the change was seen (median)",
            ms(times[times.len() / 2]),
            ms(times[0]),
            ms(times[times.len() - 1]),
            times.len(),
            server_times.get(server_times.len() / 2).copied().unwrap_or(f64::NAN),
        );
    }
    let _ = std::fs::remove_dir_all(&scratch);
}

/// The version of the next message of the reload stream.
fn read_version(ws: &mut Socket) -> u64 {
    loop {
        match ws.read().expect("reload stream") {
            Message::Text(t) => {
                let v: serde_json::Value = serde_json::from_str(&t).expect("json");
                if let Some(p) = v.get("problems").and_then(|p| p.as_str()) {
                    panic!("the rebuild failed: {p}");
                }
                return v["version"].as_u64().expect("version");
            }
            _ => continue,
        }
    }
}

/// Reads what the stream sent since (the message after the data files).
fn drain(ws: &mut Socket) {
    if let tungstenite::stream::MaybeTlsStream::Plain(s) = ws.get_ref() {
        let _ = s.set_nonblocking(true);
    }
    while let Ok(_m) = ws.read() {}
    if let tungstenite::stream::MaybeTlsStream::Plain(s) = ws.get_ref() {
        let _ = s.set_nonblocking(false);
    }
}
