//! The HTTP side of `serve` (axum on tokio): files from the latest [`Snapshot`], the reload
//! stream, and nothing else.
//!
//! GET and HEAD only (405 otherwise); content types from the file name; `404.html` with status
//! 404 for a missing file; no directory listings (a folder is served by its `index.html`, or is
//! missing); no caching, so a reload always shows the latest build.

use super::live;
use super::locate::{locate, Located};
use super::Snapshot;
use axum::body::Body;
use axum::extract::ws::{Message, WebSocket, WebSocketUpgrade};
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::watch::Receiver;

type Latest = Receiver<Arc<Snapshot>>;

/// How long a reload message may take to reach a browser before its stream is closed (a tab
/// that never reads its stream must not hold anything up).
const SEND_TIMEOUT: Duration = Duration::from_secs(10);

/// How long a request for a file being rendered waits for it before giving up.
const PENDING_WAIT: Duration = Duration::from_secs(30);

/// Serves until the task is aborted.
pub(super) async fn serve(listener: std::net::TcpListener, latest: Latest) {
    let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
        return;
    };
    let app = Router::new()
        .route(live::LIVE_PATH, get(reload_stream))
        .fallback(file)
        .with_state(latest);
    let _ = axum::serve(listener, app).await;
}

/// Any request but the reload stream.
async fn file(State(mut latest): State<Latest>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
            "only GET and HEAD are served\n",
        )
            .into_response();
    }
    let deadline = tokio::time::Instant::now() + PENDING_WAIT;
    loop {
        let snapshot = latest.borrow_and_update().clone();
        let path = match locate(&snapshot.base_path, uri.path()) {
            Located::File(path) => path,
            Located::Redirect(to) => return redirect(&to, uri.query()),
            Located::BadRequest => {
                return (StatusCode::BAD_REQUEST, "bad path\n").into_response();
            }
            Located::NotFound => return not_found(&snapshot),
        };
        if snapshot.pending.contains(&path) {
            // Being rendered: wait for the snapshot that has it.
            if tokio::time::timeout_at(deadline, latest.changed())
                .await
                .is_ok_and(|r| r.is_ok())
            {
                continue;
            }
            return (StatusCode::SERVICE_UNAVAILABLE, "still building\n").into_response();
        }
        if snapshot.version == 0 {
            return no_site_yet(&snapshot);
        }
        return match snapshot.files.get(&path) {
            Some(bytes) => respond(&snapshot, StatusCode::OK, &path, bytes),
            None if snapshot.files.contains_key(&format!("{path}/index.html")) => {
                redirect(&format!("{}/", uri.path()), uri.query())
            }
            None => not_found(&snapshot),
        };
    }
}

fn respond(snapshot: &Snapshot, status: StatusCode, path: &str, bytes: &Arc<[u8]>) -> Response {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let essence = mime.essence_str();
    let is_html = essence == "text/html";
    // Everything casebook writes as text is UTF-8 (XML, JSON and SVG included).
    let textual = mime.type_() == mime_guess::mime::TEXT
        || essence.ends_with("json")
        || essence.ends_with("xml");
    let content_type = if textual {
        format!("{essence}; charset=utf-8")
    } else {
        essence.to_string()
    };
    let body = if is_html {
        Body::from(live::inject(
            bytes,
            &live::tags(snapshot.version, snapshot.problems.as_deref()),
        ))
    } else {
        Body::from(bytes::Bytes::from_owner(bytes.clone()))
    };
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&content_type) {
        headers.insert(header::CONTENT_TYPE, v);
    }
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    response
}

fn not_found(snapshot: &Snapshot) -> Response {
    if snapshot.version == 0 {
        return no_site_yet(snapshot);
    }
    match snapshot.files.get("404.html") {
        Some(bytes) => respond(snapshot, StatusCode::NOT_FOUND, "404.html", bytes),
        None => (StatusCode::NOT_FOUND, "not found\n").into_response(),
    }
}

/// No build has succeeded yet: every page is the overlay (which reloads once one does).
fn no_site_yet(snapshot: &Snapshot) -> Response {
    let page = live::no_site_yet(&live::tags(0, snapshot.problems.as_deref()));
    (
        StatusCode::SERVICE_UNAVAILABLE,
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        page,
    )
        .into_response()
}

fn redirect(to: &str, query: Option<&str>) -> Response {
    let location = match query {
        Some(q) => format!("{to}?{q}"),
        None => to.to_string(),
    };
    match HeaderValue::from_str(&location) {
        Ok(v) => (StatusCode::FOUND, [(header::LOCATION, v)]).into_response(),
        Err(_) => (StatusCode::BAD_REQUEST, "bad path\n").into_response(),
    }
}

/// `/__casebook/live`: a WebSocket that sends the state after every build.
async fn reload_stream(ws: WebSocketUpgrade, State(latest): State<Latest>) -> Response {
    ws.on_upgrade(move |socket| stream(socket, latest))
}

async fn stream(mut socket: WebSocket, mut latest: Latest) {
    loop {
        let message = {
            let s = latest.borrow_and_update();
            // While data files render, the pages are already new: tell browsers now.
            serde_json::to_string(&live::Message {
                version: s.version,
                css_only: s.css_only,
                problems: s.problems.as_deref(),
            })
        };
        let Ok(message) = message else { return };
        let sent =
            tokio::time::timeout(SEND_TIMEOUT, socket.send(Message::Text(message.into()))).await;
        if !matches!(sent, Ok(Ok(()))) {
            return;
        }
        // Wait for the next build, or for the browser to go away.
        loop {
            tokio::select! {
                changed = latest.changed() => {
                    if changed.is_err() {
                        return;
                    }
                    break;
                }
                incoming = socket.recv() => match incoming {
                    Some(Ok(Message::Close(_))) | Some(Err(_)) | None => return,
                    Some(Ok(_)) => {}
                },
            }
        }
    }
}
