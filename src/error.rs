//! The library's error type: what went wrong, and which exit status it means.

use std::path::PathBuf;

use crate::diagnostics::Diagnostics;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The handbook's content or theme has problems; every one is listed.
    #[error("{0}")]
    Content(Diagnostics),
    /// The command was asked for something that cannot be done as asked.
    #[error("{0}")]
    Usage(String),
    /// Reading or writing a file failed.
    #[error("{action} {}: {source}", path.display())]
    Io {
        action: &'static str,
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// An outside tool (Chromium) failed or is missing.
    #[error("{0}")]
    Tool(String),
}

impl Error {
    /// 1 for content and environment problems, 2 for wrong usage.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

impl From<Diagnostics> for Error {
    fn from(diagnostics: Diagnostics) -> Self {
        Error::Content(diagnostics)
    }
}
