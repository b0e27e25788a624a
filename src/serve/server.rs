//! The HTTP side of `serve`: the last good build, served from memory.
//!
//! Requests are answered only from the built files, looked up by their output
//! path, so no request can reach anything else on disk; paths that try to
//! climb (`..`, also percent-encoded) are refused outright. HTML responses get
//! the live-reload script and, while the latest save is broken, the overlay
//! listing its problems. The built files themselves never contain either.

use std::sync::Arc;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderValue, Method, StatusCode, Uri, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::live;
use super::served::Served;

pub(super) fn router(served: Arc<Served>) -> Router {
    Router::new()
        .route(live::EVENTS, get(live::events))
        .route(live::SCRIPT, get(live::script))
        .route(live::STYLESHEET, get(live::stylesheet))
        .fallback(file)
        .with_state(served)
}

/// Where a request path leads.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Target {
    /// The built file at this output path.
    File(String),
    /// A folder asked for without its final slash (its `index.html` exists):
    /// redirect to this path.
    AddSlash(String),
    NotFound,
    /// A path that tries to climb out of the site, or is not text.
    Refused,
}

/// Maps a request path (percent-encoded, as sent) to a built file.
pub(super) fn resolve(raw_path: &str, exists: impl Fn(&str) -> bool) -> Target {
    let Ok(path) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Target::Refused;
    };
    if path.contains(['\0', '\\']) {
        return Target::Refused;
    }
    let parts: Vec<&str> = path.split('/').filter(|part| !part.is_empty()).collect();
    if parts.iter().any(|part| *part == "." || *part == "..") {
        return Target::Refused;
    }
    let joined = parts.join("/");
    let index = if joined.is_empty() {
        "index.html".to_string()
    } else {
        format!("{joined}/index.html")
    };
    if path.ends_with('/') || joined.is_empty() {
        return if exists(&index) {
            Target::File(index)
        } else {
            Target::NotFound
        };
    }
    if exists(&joined) {
        Target::File(joined)
    } else if exists(&index) {
        Target::AddSlash(format!("/{joined}/"))
    } else {
        Target::NotFound
    }
}

async fn file(State(served): State<Arc<Served>>, method: Method, uri: Uri) -> Response {
    if method != Method::GET && method != Method::HEAD {
        return (
            StatusCode::METHOD_NOT_ALLOWED,
            [(header::ALLOW, "GET, HEAD")],
        )
            .into_response();
    }
    let snapshot = served.read();
    let target = resolve(uri.path(), |path| snapshot.files.contains_key(path));
    let (status, path) = match target {
        Target::File(path) => (StatusCode::OK, path),
        Target::AddSlash(location) => {
            return (
                StatusCode::PERMANENT_REDIRECT,
                [(header::LOCATION, location)],
            )
                .into_response();
        }
        Target::NotFound => (StatusCode::NOT_FOUND, "404.html".to_string()),
        Target::Refused => return (StatusCode::BAD_REQUEST, "Bad request\n").into_response(),
    };
    let Some(bytes) = snapshot.files.get(&path).cloned() else {
        // no good build yet
        let page = not_built_page(snapshot.version, snapshot.problems.as_deref());
        return html_response(StatusCode::SERVICE_UNAVAILABLE, page.into());
    };
    let content_type = content_type(&path);
    if content_type.starts_with("text/html") {
        let page = live::inject(&bytes, snapshot.version, snapshot.problems.as_deref());
        return html_response(status, page.into());
    }
    drop(snapshot);
    let mut response = (status, bytes).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    add_common_headers(headers);
    response
}

fn html_response(status: StatusCode, body: Body) -> Response {
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    add_common_headers(headers);
    response
}

fn add_common_headers(headers: &mut axum::http::HeaderMap) {
    // a preview: always ask again, and never guess a type
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
}

/// The page served while the handbook has never built.
fn not_built_page(version: u64, problems: Option<&str>) -> Vec<u8> {
    let page = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
        <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
        <title>The handbook could not be built</title>\n</head>\n<body>\n<main>\n\
        <h1>The handbook could not be built</h1>\n\
        <p>Fix the problems listed and save: this page updates by itself.</p>\n</main>\n</body>\n</html>\n";
    live::inject(page.as_bytes(), version, problems)
}

/// The media type of a built file, by its extension.
pub(super) fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, ext)| ext);
    match extension.to_ascii_lowercase().as_str() {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "avif" => "image/avif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "mp4" => "video/mp4",
        "webm" => "video/webm",
        "vtt" => "text/vtt; charset=utf-8",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> bool {
        ["index.html", "welcome/index.html", "assets/style.1.css"].contains(&path)
    }

    #[test]
    fn paths_map_to_built_files_and_folders_to_their_index() {
        assert_eq!(resolve("/", site), Target::File("index.html".into()));
        assert_eq!(
            resolve("/welcome/", site),
            Target::File("welcome/index.html".into())
        );
        assert_eq!(
            resolve("/welcome", site),
            Target::AddSlash("/welcome/".into())
        );
        // never a protocol-relative address to another host
        assert_eq!(
            resolve("//welcome", site),
            Target::AddSlash("/welcome/".into())
        );
        assert_eq!(
            resolve("/assets/style.1.css", site),
            Target::File("assets/style.1.css".into())
        );
        assert_eq!(
            resolve("/%61ssets/style.1.css", site),
            Target::File("assets/style.1.css".into())
        );
        assert_eq!(resolve("/nothing", site), Target::NotFound);
    }

    #[test]
    fn climbing_paths_are_refused_however_they_are_written() {
        for path in [
            "/../etc/passwd",
            "/welcome/../../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/..%2f..%2fetc/passwd",
            "/.%2e/x",
            "/welcome/..",
            "/..\\..\\etc\\passwd",
            "/%5c..%5cetc",
            "/a%00.html",
            "/%ff",
        ] {
            assert_eq!(resolve(path, |_| true), Target::Refused, "{path}");
        }
        // absolute paths are looked up inside the site, where nothing has that name
        assert_eq!(resolve("//etc/passwd", site), Target::NotFound);
        assert_eq!(resolve("/etc/passwd", site), Target::NotFound);
    }

    #[test]
    fn media_types_follow_the_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(
            content_type("assets/style.1.css"),
            "text/css; charset=utf-8"
        );
        assert_eq!(content_type("assets/logo.1.SVG"), "image/svg+xml");
        assert_eq!(content_type("sitemap.xml"), "application/xml");
        assert_eq!(content_type("assets/data"), "application/octet-stream");
    }
}
