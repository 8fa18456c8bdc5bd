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

/// A GRAPH-JSON document that cannot be read back into a graph.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GraphJsonError {
    /// Not JSON, or not shaped as GRAPH-JSON (a field missing or of the wrong type).
    #[error("invalid GRAPH-JSON at line {line} column {column}: {message}")]
    Syntax {
        /// 1-based line.
        line: usize,
        /// 1-based column.
        column: usize,
        /// What serde expected and found.
        message: String,
    },
    /// Two nodes share an id, so edges could not say which one they mean.
    #[error("node {index} repeats the id `{id}`; ids must be unique")]
    DuplicateId {
        /// Position of the second node with the id.
        index: usize,
        /// The repeated id.
        id: String,
    },
    /// An edge names an end that no node has.
    #[error("edge {index} has {end} `{id}`, expected the id of a node in the document")]
    UnknownEnd {
        /// Position of the edge.
        index: usize,
        /// `source` or `target`.
        end: &'static str,
        /// The id it names.
        id: String,
    },
    /// An evidence offset past 4 GiB, more than the graph keeps.
    #[error(
        "edge {index} evidence {evidence} has an offset past 4 GiB, expected an article under 4 GiB"
    )]
    OffsetTooLarge {
        /// Position of the edge.
        index: usize,
        /// Position of the evidence in the edge.
        evidence: usize,
    },
}

impl From<serde_json::Error> for GraphJsonError {
    fn from(err: serde_json::Error) -> Self {
        let message = err.to_string();
        // serde_json appends " at line L column C"; the variant holds those apart.
        let message = match message.rfind(" at line ") {
            Some(at) => message[..at].to_string(),
            None => message,
        };
        GraphJsonError::Syntax {
            line: err.line(),
            column: err.column(),
            message,
        }
    }
}
