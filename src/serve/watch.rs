//! Watching the handbook and its theme for saves.
//!
//! Editors save in many ways: writing in place, writing a temporary file and
//! renaming it over the original, keeping swap and backup files beside it.
//! `notify-debouncer-full` stitches renames together and turns a burst of
//! events into one batch per file; the batch is then cleared of editors'
//! side files and handed on as the paths that changed. Where native events do
//! not work (some network and container file systems, or when the system's
//! limit of watches is reached), the folders are polled instead.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer_opt};

/// How long a file must be quiet before its events are handed on. Editors'
/// saves (write, rename, remove backup) take a millisecond or two; a longer
/// wait would be felt on every save.
const QUIET: Duration = Duration::from_millis(10);

/// How often folders are scanned when polling.
const POLL_EVERY: Duration = Duration::from_millis(300);

/// What the watcher tells the build loop.
pub(super) enum Message {
    /// These paths changed (editors' side files left out).
    Changed(Vec<PathBuf>),
    /// Events were lost (the system's queue overflowed): anything may have changed.
    Rescan,
    /// Native watching failed after it started; the message says why.
    Failed(String),
    /// The server stopped.
    Stop,
}

/// A running watcher; dropping it stops watching.
pub(super) struct Watcher {
    debouncer: Active,
    folders: Vec<PathBuf>,
}

enum Active {
    Native(Debouncer<RecommendedWatcher, RecommendedCache>),
    Polling(Debouncer<PollWatcher, RecommendedCache>),
}

impl Watcher {
    /// Watches `folders` (recursively), natively unless `poll` is set or
    /// native watching cannot start. The reason for polling, when native
    /// watching failed, comes back with the watcher.
    pub fn start(
        folders: &[PathBuf],
        poll: bool,
        messages: Sender<Message>,
    ) -> Result<(Watcher, Option<String>), String> {
        let mut fallback = None;
        if !poll {
            match Watcher::native(folders, messages.clone()) {
                Ok(watcher) => return Ok((watcher, None)),
                Err(reason) => fallback = Some(reason),
            }
        }
        let debouncer = new_debouncer_opt::<_, PollWatcher, _>(
            QUIET,
            None,
            handler(messages),
            RecommendedCache::new(),
            notify::Config::default().with_poll_interval(POLL_EVERY),
        )
        .map_err(|error| error.to_string())?;
        let mut watcher = Watcher {
            debouncer: Active::Polling(debouncer),
            folders: Vec::new(),
        };
        watcher.watch_folders(folders)?;
        Ok((watcher, fallback))
    }

    fn native(folders: &[PathBuf], messages: Sender<Message>) -> Result<Watcher, String> {
        let debouncer = new_debouncer_opt::<_, RecommendedWatcher, _>(
            QUIET,
            None,
            handler(messages),
            RecommendedCache::new(),
            notify::Config::default(),
        )
        .map_err(|error| error.to_string())?;
        let mut watcher = Watcher {
            debouncer: Active::Native(debouncer),
            folders: Vec::new(),
        };
        watcher.watch_folders(folders)?;
        Ok(watcher)
    }

    pub fn is_polling(&self) -> bool {
        matches!(self.debouncer, Active::Polling(_))
    }

    /// Watches exactly `folders` from now on.
    pub fn watch_folders(&mut self, folders: &[PathBuf]) -> Result<(), String> {
        for gone in self.folders.iter().filter(|f| !folders.contains(f)) {
            // a folder that was removed is no longer watched anyway
            let _ = match &mut self.debouncer {
                Active::Native(d) => d.unwatch(gone),
                Active::Polling(d) => d.unwatch(gone),
            };
        }
        for new in folders.iter().filter(|f| !self.folders.contains(f)) {
            match &mut self.debouncer {
                Active::Native(d) => d.watch(new, RecursiveMode::Recursive),
                Active::Polling(d) => d.watch(new, RecursiveMode::Recursive),
            }
            .map_err(|error| format!("cannot watch {}: {error}", new.display()))?;
        }
        self.folders = folders.to_vec();
        Ok(())
    }
}

fn handler(messages: Sender<Message>) -> impl FnMut(DebounceEventResult) + Send + 'static {
    move |result: DebounceEventResult| {
        let message = match result {
            Ok(events) if events.iter().any(|event| event.need_rescan()) => Message::Rescan,
            Ok(events) => {
                let mut paths: Vec<PathBuf> = Vec::new();
                for event in events.iter().filter(|event| changes_content(&event.kind)) {
                    paths.extend(
                        event
                            .paths
                            .iter()
                            .filter(|path| !is_editor_side_file(path))
                            .cloned(),
                    );
                }
                paths.sort();
                paths.dedup();
                if paths.is_empty() {
                    return;
                }
                Message::Changed(paths)
            }
            Err(errors) => Message::Failed(
                errors
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        };
        let _ = messages.send(message);
    }
}

/// Whether an event can mean new content: not merely opening or reading a
/// file (which the build itself does).
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// Files editors keep beside the one being edited: swap files, backups,
/// locks, and temporary files that are renamed over the original.
pub(super) fn is_editor_side_file(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    name.starts_with('.') // vim .x.swp, emacs .#x lock, macOS ._x, .DS_Store
        || name.ends_with('~') // vim, emacs, gedit backups
        || (name.starts_with('#') && name.ends_with('#')) // emacs auto-save
        || name.bytes().all(|b| b.is_ascii_digit()) // vim's 4913 write test
        || [".swp", ".swo", ".swx", ".tmp", ".crswap", "___jb_tmp___", "___jb_old___"]
            .iter()
            .any(|suffix| name.ends_with(suffix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editors_side_files_are_recognised_and_chapters_are_not() {
        for side in [
            "chapters/.02-basics.md.swp",
            "chapters/02-basics.md~",
            "chapters/.#02-basics.md",
            "chapters/#02-basics.md#",
            "chapters/4913",
            "chapters/02-basics.md.tmp",
            "chapters/02-basics.md___jb_tmp___",
            "assets/.DS_Store",
        ] {
            assert!(is_editor_side_file(Path::new(side)), "{side}");
        }
        for real in ["chapters/02-basics.md", "handbook.yaml", "assets/logo.svg"] {
            assert!(!is_editor_side_file(Path::new(real)), "{real}");
        }
    }
}
