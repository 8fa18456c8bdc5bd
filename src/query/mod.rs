//! Query stage: an openCypher subset over the [`KnowledgeGraph`](crate::graph::KnowledgeGraph).
//!
//! Text goes through three steps: [`parse`] (syntax -> [`ast::Query`]), [`resolve`] (names,
//! labels, types -> a checked plan) and [`eval`] (the plan over the graph -> [`Table`]).
//! The evaluator never mutates the graph and does no I/O.

pub mod ast;
pub mod error;
pub mod parse;

pub use error::{ParseError, QueryError};

/// Parses query text into its syntax tree.
pub fn parse(text: &str) -> Result<ast::Query, ParseError> {
    parse::parse(text)
}
