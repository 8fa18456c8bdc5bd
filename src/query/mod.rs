//! Query stage: an openCypher subset over the [`KnowledgeGraph`].
//!
//! Text goes through three steps: [`parse()`] (syntax -> [`ast::Query`]), [`resolve`] (names,
//! labels, types -> a checked [`resolve::Plan`]) and [`eval`] (the plan over the graph ->
//! [`Table`]). The evaluator never mutates the graph and does no I/O; see `docs/QUERY.md`.

pub mod ast;
pub mod error;
pub mod eval;
pub mod parse;
pub mod resolve;
pub mod table;
pub mod text;
pub mod value;

pub use error::{ParseError, QueryError};
pub use table::Table;
pub use text::Text;
pub use value::{Path, Value};

use crate::graph::KnowledgeGraph;
use std::sync::atomic::AtomicBool;

/// Query parameters, read as `$name`.
pub type Params = std::collections::BTreeMap<String, Value>;

/// Parses query text into its syntax tree.
pub fn parse(text: &str) -> Result<ast::Query, ParseError> {
    parse::parse(text)
}

/// Parses, resolves and runs a query.
pub fn run(graph: &KnowledgeGraph, text: &str, params: &Params) -> Result<Table, QueryError> {
    run_with_cancel(graph, text, params, &AtomicBool::new(false))
}

/// Like [`run`], stopping with [`error::EvalError::Cancelled`] once `cancel` is set.
pub fn run_with_cancel(
    graph: &KnowledgeGraph,
    text: &str,
    params: &Params,
    cancel: &AtomicBool,
) -> Result<Table, QueryError> {
    let query = parse::parse(text)?;
    let plan = resolve::resolve(query, params)?;
    Ok(eval::execute(graph, &plan, params, cancel)?)
}
