//! Export errors: what can go wrong turning a graph into files, with the data to say why.

use std::io;
use std::path::PathBuf;

/// An export failure. Messages are lowercase and name what was expected and what was found.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    /// Graphviz is not installed, so DOT cannot be rendered.
    #[error(
        "graphviz `dot` not found on PATH; install graphviz (e.g. apt-get install graphviz) or use --format dot"
    )]
    GraphvizMissing,
    /// `dot` ran but did not succeed.
    #[error("graphviz `dot` failed ({status}): {stderr}")]
    GraphvizFailed {
        /// The exit status as the OS reported it.
        status: String,
        /// What `dot` wrote to stderr, trimmed.
        stderr: String,
    },
    /// A render format other than the supported ones.
    #[error("unknown render format `{found}`, expected svg or png")]
    UnknownFormat {
        /// The format that was asked for.
        found: String,
    },
    /// Reading, writing or renaming a file failed.
    #[error("cannot write `{}`: {kind}", path.display())]
    Io {
        /// The file involved.
        path: PathBuf,
        /// What the OS said, as a comparable kind.
        kind: io::ErrorKind,
    },
}

impl ExportError {
    /// Wraps an I/O error with the path it happened on.
    pub fn io(path: impl Into<PathBuf>, err: &io::Error) -> Self {
        ExportError::Io {
            path: path.into(),
            kind: err.kind(),
        }
    }
}
