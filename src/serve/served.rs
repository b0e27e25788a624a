//! What the server serves: the files of the last good build, its version,
//! and the problems of a broken save, shared between the build loop, which
//! updates them, and the web server and event streams, which read them.

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, RwLock};

use axum::body::Bytes;
use tokio::sync::{broadcast, watch};

use crate::pipeline::Outcome;

/// One build, as pages learn of it.
#[derive(Debug, Clone)]
pub(super) struct Update {
    /// The site's version after the build.
    pub version: u64,
    /// The version before it: a page there may swap stylesheets instead of reloading.
    pub previous: u64,
    /// Old and new paths of the stylesheets, when nothing else changed.
    pub stylesheets: Option<Vec<(String, String)>>,
    /// The overlay, when the build failed.
    pub problems: Option<Arc<str>>,
}

/// What the server serves, shared with the build loop.
pub(super) struct Served {
    snapshot: RwLock<Snapshot>,
    pub updates: broadcast::Sender<Arc<Update>>,
    /// Becomes `true` when the server is stopping, so open event streams end.
    pub stopping: watch::Receiver<bool>,
}

pub(super) struct Snapshot {
    pub files: HashMap<String, Bytes>,
    /// Changes whenever the files do; pages carry the version they were served at.
    pub version: u64,
    /// The overlay, while the latest save is broken.
    pub problems: Option<Arc<str>>,
}

impl Served {
    pub fn new(first_version: u64, stopping: watch::Receiver<bool>) -> Served {
        Served {
            snapshot: RwLock::new(Snapshot {
                files: HashMap::new(),
                version: first_version,
                problems: None,
            }),
            updates: broadcast::channel(16).0,
            stopping,
        }
    }

    /// Takes in a successful build: the files `outcome` lists as changed or
    /// removed, and the end of any errors. `stylesheets` are the stylesheets
    /// that were swapped, when nothing else changed; `warnings` the overlay
    /// listing the build's warnings, if it has any.
    pub fn built(
        &self,
        files: &BTreeMap<String, Vec<u8>>,
        outcome: &Outcome,
        stylesheets: Option<Vec<(String, String)>>,
        warnings: Option<String>,
    ) {
        let warnings: Option<Arc<str>> = warnings.map(Into::into);
        let update = {
            let mut snapshot = self.write();
            let files_changed = !outcome.changed.is_empty() || !outcome.removed.is_empty();
            if !files_changed && snapshot.problems == warnings {
                return;
            }
            for path in &outcome.changed {
                if let Some(bytes) = files.get(path) {
                    snapshot
                        .files
                        .insert(path.clone(), Bytes::copy_from_slice(bytes));
                }
            }
            for path in &outcome.removed {
                snapshot.files.remove(path);
            }
            let previous = snapshot.version;
            if files_changed {
                snapshot.version += 1;
            }
            snapshot.problems = warnings.clone();
            Update {
                version: snapshot.version,
                previous,
                stylesheets: stylesheets.filter(|_| files_changed),
                problems: warnings,
            }
        };
        let _ = self.updates.send(Arc::new(update));
    }

    /// Keeps the last good build and shows `overlay` on every page.
    pub fn failed(&self, overlay: String) {
        let update = {
            let mut snapshot = self.write();
            let overlay: Arc<str> = overlay.into();
            snapshot.problems = Some(overlay.clone());
            Update {
                version: snapshot.version,
                previous: snapshot.version,
                stylesheets: None,
                problems: Some(overlay),
            }
        };
        let _ = self.updates.send(Arc::new(update));
    }

    /// The state as an update, for a page that has just connected.
    pub fn current(&self) -> Update {
        let snapshot = self.read();
        Update {
            version: snapshot.version,
            previous: snapshot.version,
            stylesheets: None,
            problems: snapshot.problems.clone(),
        }
    }

    pub fn read(&self) -> std::sync::RwLockReadGuard<'_, Snapshot> {
        self.snapshot
            .read()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Snapshot> {
        self.snapshot
            .write()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}
