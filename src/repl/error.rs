//! The shell's one error type: everything a statement or command can fail with. None of them
//! ends the session; the caller prints it and the prompt comes back.

use super::command::CommandError;
use crate::export::ExportError;
use crate::ingest::IngestError;
use crate::query::QueryError;
use crate::store::StoreError;
use std::io;
use std::path::PathBuf;

/// `:source` nesting limit, so a file sourcing itself stops.
pub const MAX_SOURCE_DEPTH: usize = 16;

/// Anything that can go wrong in one statement or command. None of them ends the session.
#[derive(Debug, thiserror::Error)]
pub enum ShellError {
    /// A `:command` that does not parse.
    #[error("{0}")]
    Command(#[from] CommandError),
    /// A query failed; shown with its position in the query text.
    #[error("{}", .error.render(.text))]
    Query {
        /// The error.
        error: QueryError,
        /// The query it points into.
        text: String,
    },
    /// Opening or saving a store failed.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// An article path could not be read.
    #[error("{0}")]
    Ingest(#[from] IngestError),
    /// Writing an export or a picture failed.
    #[error("{0}")]
    Export(#[from] ExportError),
    /// A file the shell reads or writes itself.
    #[error("{path}: {reason}")]
    File {
        /// The file.
        path: PathBuf,
        /// The OS's reason.
        reason: String,
    },
    /// An export query returned no nodes or relationships.
    #[error(
        "the query returned no nodes, relationships or paths to export; return them, e.g. `RETURN p`"
    )]
    NothingToExport,
    /// `:render` to a file that is neither `.svg` nor `.png`.
    #[error("{}: expected a file ending in .svg or .png", .path.display())]
    RenderExtension {
        /// The file asked for.
        path: PathBuf,
    },
    /// `:open` while loads are unsaved.
    #[error("{unsaved} loaded article(s) are not saved; `:save` them first (or `:save FILE`)")]
    Unsaved {
        /// Articles loaded since the last save.
        unsaved: usize,
    },
    /// `:explain` of a name no entity has.
    #[error("no entity named `{name}` in the graph")]
    UnknownEntity {
        /// The name asked for.
        name: String,
    },
    /// `:help` on an unknown topic.
    #[error("{0}")]
    Help(String),
    /// `:source` nested too deep.
    #[error("{}: `:source` nested more than {MAX_SOURCE_DEPTH} deep", .path.display())]
    SourceTooDeep {
        /// The file.
        path: PathBuf,
    },
    /// A statement inside a script failed.
    #[error("{source_name}:{line}: {error}")]
    Script {
        /// The script's name.
        source_name: String,
        /// Its line.
        line: usize,
        /// What went wrong.
        error: Box<ShellError>,
    },
    /// The query worker stopped without an answer (a bug; the session goes on).
    #[error("internal error: the query stopped without a result")]
    WorkerLost,
    /// Writing output failed (a closed pipe, a full disk).
    #[error("output: {0}")]
    Output(#[from] io::Error),
}
