//! `handbook serve`: the handbook built in memory, served on this computer,
//! rebuilt on every save and reloaded in the browser.
//!
//! The pieces: [`watch`] turns editors' saves into lists of changed paths; a
//! build loop (here) hands them to the incremental [`Builder`] and publishes
//! each result to the [`server`], which serves the last good build from
//! memory; [`live`] tells open pages about every build over Server-Sent
//! Events; [`overlay`] draws a failed build's problems into every page.
//! Nothing is written to disk.

mod live;
mod overlay;
mod served;
mod server;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender};
use std::time::{Duration, Instant, SystemTime};

use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::error::Error;
use crate::pipeline::{BuildOptions, Builder, Outcome};
use served::Served;
use watch::{Message, Watcher};

/// How long open connections may take to finish once the server is stopping.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(2);

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub source: PathBuf,
    pub bind: IpAddr,
    /// 0 lets the system choose a free port (reported in [`Notice::Listening`]).
    pub port: u16,
    /// Poll the folders instead of relying on the system's file events.
    pub poll: bool,
    pub build: BuildOptions,
}

/// What the server has to say, for the command line to print.
#[derive(Debug)]
pub enum Notice {
    /// Serving at `url`, watching `folders`; polling, and why, if not using native events.
    Listening {
        url: String,
        folders: Vec<PathBuf>,
        polling: Option<String>,
    },
    /// A build succeeded.
    Built { outcome: Outcome, took: Duration },
    /// A build failed: the last good build is still served.
    Failed { problems: Error, took: Duration },
    /// Native file events stopped working; the folders are polled from now on.
    Polling { reason: String },
    /// The server stopped (Ctrl-C).
    Stopped,
}

/// Serves the handbook until Ctrl-C, reporting through `report`.
pub fn serve(
    options: ServeOptions,
    report: impl Fn(Notice) + Send + Sync + 'static,
) -> Result<(), Error> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|error| Error::Tool(format!("cannot start the server: {error}")))?;
    runtime.block_on(run(options, Arc::new(report)))
}

type Report = Arc<dyn Fn(Notice) + Send + Sync>;

async fn run(options: ServeOptions, report: Report) -> Result<(), Error> {
    if !options.source.is_dir() {
        return Err(Error::Usage(format!(
            "there is no handbook folder at `{}`: give the folder that holds handbook.yaml with --source",
            options.source.display()
        )));
    }
    let (listener, address) = listen(SocketAddr::new(options.bind, options.port)).await?;
    let (stopping_tx, stopping_rx) = tokio::sync::watch::channel(false);
    let served = Arc::new(Served::new(first_version(), stopping_rx.clone()));
    let mut builder = Builder::new(&options.source, options.build.clone());
    if let Some(theme) = repository_default_theme(&options.source) {
        builder = builder.with_default_theme_dir(&theme);
    }
    let started = Instant::now();
    let result = builder.full();
    let failing = result.is_err();
    report(publish(&served, &builder, result, &[], &[], started));

    let (messages_tx, messages_rx) = std::sync::mpsc::channel();
    let folders = builder.watched_folders();
    let (watcher, fallback) =
        Watcher::start(&folders, options.poll, messages_tx.clone()).map_err(|reason| {
            Error::Tool(format!("cannot watch the handbook for changes: {reason}"))
        })?;
    let polling = watcher
        .is_polling()
        .then(|| fallback.unwrap_or_else(|| "asked for with --poll".to_string()));
    let stop = stop_signal();
    report(Notice::Listening {
        url: format!("http://{address}/"),
        folders,
        polling,
    });

    let build_loop = {
        let served = served.clone();
        let report = report.clone();
        let messages_tx = messages_tx.clone();
        std::thread::Builder::new()
            .name("handbook rebuild".into())
            .spawn(move || {
                rebuild_loop(
                    builder,
                    watcher,
                    messages_rx,
                    messages_tx,
                    &served,
                    &report,
                    failing,
                )
            })
            .map_err(|error| Error::Tool(format!("cannot start the build loop: {error}")))?
    };

    let result = serve_until_stopped(listener, served, stop, (stopping_tx, stopping_rx)).await;
    let _ = messages_tx.send(Message::Stop);
    let _ = build_loop.join();
    result?;
    report(Notice::Stopped);
    Ok(())
}

/// A listener on `wanted`, and the address it listens on (its port chosen
/// by the system when `wanted` asks for port 0).
async fn listen(wanted: SocketAddr) -> Result<(tokio::net::TcpListener, SocketAddr), Error> {
    let listener = tokio::net::TcpListener::bind(wanted)
        .await
        .map_err(|error| {
            Error::Usage(format!(
                "cannot listen on {wanted}: {error}; if another server uses that port, stop it or choose another with --port"
            ))
        })?;
    let address = listener
        .local_addr()
        .map_err(|error| Error::Tool(format!("cannot listen on {wanted}: {error}")))?;
    Ok((listener, address))
}

/// Serves `served` until `stop`; then tells open event streams to end
/// (through `stopping`) and gives open connections a grace period.
async fn serve_until_stopped(
    listener: tokio::net::TcpListener,
    served: Arc<Served>,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
    (stopping_tx, mut stopping): (
        tokio::sync::watch::Sender<bool>,
        tokio::sync::watch::Receiver<bool>,
    ),
) -> Result<(), Error> {
    let server = axum::serve(listener, server::router(served)).with_graceful_shutdown(async move {
        stop.await;
        let _ = stopping_tx.send(true);
    });
    let result = tokio::select! {
        result = server => result,
        // connections still open after the grace period are dropped
        _ = async {
            let _ = stopping.wait_for(|stop| *stop).await;
            tokio::time::sleep(SHUTDOWN_GRACE).await;
        } => Ok(()),
    };
    result.map_err(|error| Error::Tool(format!("the server failed: {error}")))
}

/// Rebuilds on every batch of changes until told to stop.
fn rebuild_loop(
    mut builder: Builder,
    mut watcher: Watcher,
    messages: Receiver<Message>,
    messages_tx: Sender<Message>,
    served: &Served,
    report: &Report,
    mut failing: bool,
) {
    while let Ok(first) = messages.recv() {
        // everything that arrived meanwhile makes one rebuild
        let mut changed: Vec<PathBuf> = Vec::new();
        let mut rescan = false;
        for message in std::iter::once(first).chain(messages.try_iter()) {
            match message {
                Message::Changed(paths) => changed.extend(paths),
                Message::Rescan => rescan = true,
                Message::Failed(reason) if !watcher.is_polling() => {
                    let folders = builder.watched_folders();
                    if let Ok((polling, _)) = Watcher::start(&folders, true, messages_tx.clone()) {
                        watcher = polling;
                        report(Notice::Polling { reason });
                    }
                }
                Message::Failed(_) => {}
                Message::Stop => return,
            }
        }
        if changed.is_empty() && !rescan {
            continue;
        }
        let stylesheets = builder.stylesheets();
        let started = Instant::now();
        let result = if rescan {
            builder.full()
        } else {
            builder.update(&changed)
        };
        // a change that touched nothing is not worth a word, unless it repaired the build
        let quiet = matches!(&result, Ok(outcome) if *outcome == Outcome::default()) && !failing;
        failing = result.is_err();
        let notice = publish(served, &builder, result, &changed, &stylesheets, started);
        if !quiet {
            report(notice);
        }
        // the settings may name another theme folder
        let _ = watcher.watch_folders(&builder.watched_folders());
    }
}

/// Hands a build's result to the server and says what happened.
fn publish(
    served: &Served,
    builder: &Builder,
    result: Result<Outcome, Error>,
    changed: &[PathBuf],
    stylesheets_before: &[String],
    started: Instant,
) -> Notice {
    match result {
        Ok(outcome) => {
            let swap = live::stylesheet_swap(changed, stylesheets_before, &builder.stylesheets());
            let warnings =
                (!outcome.warnings.is_empty()).then(|| overlay::overlay(&outcome.warnings));
            served.built(builder.files(), &outcome, swap, warnings);
            Notice::Built {
                outcome,
                took: started.elapsed(),
            }
        }
        Err(error) => {
            let problems = match &error {
                Error::Content(problems) => problems.clone(),
                other => Diagnostics(vec![Diagnostic::new("handbook", other.to_string())]),
            };
            served.failed(overlay::overlay(&problems));
            Notice::Failed {
                problems: error,
                took: started.elapsed(),
            }
        }
    }
}

/// Ctrl-C, or a request to terminate. Listening starts when this is called,
/// not when the future is first awaited, so a Ctrl-C right after the server
/// says it is ready still stops it cleanly.
fn stop_signal() -> impl std::future::Future<Output = ()> {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        let interrupt = signal(SignalKind::interrupt());
        let terminate = signal(SignalKind::terminate());
        async move {
            match (interrupt, terminate) {
                (Ok(mut interrupt), Ok(mut terminate)) => {
                    tokio::select! {
                        _ = interrupt.recv() => {}
                        _ = terminate.recv() => {}
                    }
                }
                _ => {
                    let _ = tokio::signal::ctrl_c().await;
                }
            }
        }
    }
    #[cfg(not(unix))]
    async {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// When the handbook sits in a checkout of this project (beside `themes/` and
/// `Cargo.toml`), the default theme is read from there, so work on the theme
/// shows on save; elsewhere the copy inside the binary is used.
fn repository_default_theme(source: &Path) -> Option<PathBuf> {
    let source = std::fs::canonicalize(source).ok()?;
    let repository = source.parent()?;
    let theme = repository.join("themes").join("default");
    (theme.join("templates").is_dir() && repository.join("Cargo.toml").is_file()).then_some(theme)
}

/// A version no earlier run of the server used, so pages left open from one
/// reload when the next one starts.
fn first_version() -> u64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(1, |since| since.as_millis() as u64)
}
