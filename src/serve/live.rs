//! Live reload: pages learn of every build through Server-Sent Events.
//!
//! Each HTML response gets a small script (served only by `serve`, never
//! written by `build`) that carries the version of the site it was served at.
//! The script listens on [`EVENTS`]; every build sends one `build` event with
//! the new version. A page at an older version reloads, keeping its scroll
//! position; when only stylesheets changed it swaps them in place instead; a
//! failed build sends the overlay listing its problems.

use std::convert::Infallible;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::response::sse::{Event, KeepAlive, Sse};
use futures_util::Stream;

use tokio::sync::broadcast::error::RecvError;

use super::served::{Served, Update};
use crate::html::tokens::{Token, tokens};

pub(super) const EVENTS: &str = "/__handbook/events";
pub(super) const SCRIPT: &str = "/__handbook/live.js";
pub(super) const STYLESHEET: &str = "/__handbook/live.css";

/// One build as pages learn of it: a `build` event.
fn event(update: &Update) -> Event {
    let data = serde_json::json!({
        "version": update.version.to_string(),
        "previous": update.previous.to_string(),
        "stylesheets": update.stylesheets,
        "problems": update.problems.as_deref(),
    });
    Event::default().event("build").data(data.to_string())
}

/// When every changed source file is a stylesheet and the pages link as many
/// stylesheets as before, the pairs of old and new stylesheet paths that
/// differ: pages can swap them without reloading.
pub(super) fn stylesheet_swap(
    changed: &[PathBuf],
    before: &[String],
    after: &[String],
) -> Option<Vec<(String, String)>> {
    let only_css = !changed.is_empty()
        && changed.iter().all(|path| {
            path.extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("css"))
        });
    if !only_css || before.len() != after.len() {
        return None;
    }
    let swaps: Vec<(String, String)> = before
        .iter()
        .zip(after)
        .filter(|(old, new)| old != new)
        .map(|(old, new)| (old.clone(), new.clone()))
        .collect();
    (!swaps.is_empty()).then_some(swaps)
}

/// The event stream: the current state first, then one event per build,
/// until the server stops.
pub(super) async fn events(
    State(served): State<Arc<Served>>,
) -> Sse<impl Stream<Item = Result<Event, Infallible>>> {
    let updates = served.updates.subscribe();
    let first = event(&served.current()).retry(Duration::from_millis(500));
    let stopping = served.stopping.clone();
    let stream = futures_util::stream::unfold(
        (Some(first), updates, stopping, served),
        |(first, mut updates, mut stopping, served)| async move {
            if let Some(event) = first {
                return Some((Ok(event), (None, updates, stopping, served)));
            }
            loop {
                if *stopping.borrow() {
                    return None;
                }
                tokio::select! {
                    update = updates.recv() => {
                        let event = match update {
                            Ok(update) => event(&update),
                            // missed some builds: the current state says all that matters
                            Err(RecvError::Lagged(_)) => event(&served.current()),
                            Err(RecvError::Closed) => return None,
                        };
                        return Some((Ok(event), (None, updates, stopping, served)));
                    }
                    changed = stopping.changed() => {
                        if changed.is_err() {
                            return None;
                        }
                    }
                }
            }
        },
    );
    Sse::new(stream).keep_alive(KeepAlive::default())
}

pub(super) async fn script() -> impl IntoResponse {
    own_file("text/javascript; charset=utf-8", include_str!("live.js"))
}

pub(super) async fn stylesheet() -> impl IntoResponse {
    own_file("text/css; charset=utf-8", include_str!("live.css"))
}

fn own_file(content_type: &'static str, text: &'static str) -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        text,
    )
}

/// `page` with the live script (and its stylesheet) at the end of its head,
/// and `overlay` first in its body.
pub(super) fn inject(page: &[u8], version: u64, overlay: Option<&str>) -> Vec<u8> {
    let head = format!(
        "<link rel=\"stylesheet\" href=\"{STYLESHEET}\">\n<script src=\"{SCRIPT}\" data-version=\"{version}\" defer></script>\n"
    );
    let html = String::from_utf8_lossy(page);
    let (head_end, body_start) = insertion_points(&html);
    let overlay = overlay.unwrap_or("");
    let mut out = String::with_capacity(html.len() + head.len() + overlay.len() + 1);
    out.push_str(&html[..head_end]);
    out.push_str(&head);
    out.push_str(&html[head_end..body_start]);
    if !overlay.is_empty() {
        out.push('\n');
        out.push_str(overlay);
    }
    out.push_str(&html[body_start..]);
    out.into_bytes()
}

/// Where the head ends (before `</head>`) and the body starts (after the
/// `<body>` tag) in `html`; both at the start when the page has neither.
fn insertion_points(html: &str) -> (usize, usize) {
    let mut reading = tokens(html);
    let mut head_end = None;
    while let Some(token) = reading.next() {
        let read = html.len() - reading.rest().len();
        match token {
            Token::End {
                name: "head",
                source,
            } => head_end = Some(read - source.len()),
            Token::Start { name: "body", .. } => {
                return (head_end.unwrap_or(0), read);
            }
            _ => {}
        }
    }
    let head_end = head_end.unwrap_or(0);
    (head_end, head_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_in_the_head_and_the_overlay_first_in_the_body() {
        let page =
            b"<html><head><title>T</title></head><body class=\"x\"><main>M</main></body></html>";
        let out = String::from_utf8(inject(page, 7, Some("<dialog>P</dialog>"))).unwrap();
        assert_eq!(
            out,
            "<html><head><title>T</title><link rel=\"stylesheet\" href=\"/__handbook/live.css\">\n\
             <script src=\"/__handbook/live.js\" data-version=\"7\" defer></script>\n\
             </head><body class=\"x\">\n<dialog>P</dialog><main>M</main></body></html>"
        );
        let without = String::from_utf8(inject(page, 7, None)).unwrap();
        assert!(
            without.contains("</head><body class=\"x\"><main>"),
            "{without}"
        );
    }

    #[test]
    fn stylesheets_are_swapped_only_when_only_stylesheets_changed() {
        let before = [
            "assets/palette.1.css".to_string(),
            "assets/style.1.css".to_string(),
        ];
        let after = [
            "assets/palette.1.css".to_string(),
            "assets/style.2.css".to_string(),
        ];
        let css = [PathBuf::from("/t/static/style.css")];
        assert_eq!(
            stylesheet_swap(&css, &before, &after),
            Some(vec![(
                "assets/style.1.css".into(),
                "assets/style.2.css".into()
            )])
        );
        let template = [
            PathBuf::from("/t/static/style.css"),
            PathBuf::from("/t/templates/base.html"),
        ];
        assert_eq!(stylesheet_swap(&template, &before, &after), None);
        assert_eq!(stylesheet_swap(&css, &before, &after[..1]), None);
        assert_eq!(stylesheet_swap(&css, &before, &before), None);
    }
}
