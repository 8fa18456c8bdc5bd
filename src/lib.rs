//! newsgraph: news articles in, a knowledge graph of who did what to whom out.
//!
//! The pipeline is ingest -> extract -> graph -> query / export; the shell and the CLI sit on top.
//! See `ARCHITECTURE.md` for the stages and the invariants between them.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod bench_graph;
pub mod eval;
pub mod export;
pub mod extract;
pub mod graph;
pub mod ingest;
pub mod model;
pub mod query;
pub mod repl;
pub mod store;
