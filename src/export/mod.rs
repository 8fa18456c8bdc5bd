//! Export: the graph as GRAPH-JSON, DOT, GraphML, bulk-import CSV and explanations. Deterministic, never mutates the graph.
//!
//! Every writer walks the graph through its public API in one order (nodes by id, edges by
//! (source id, relation, target id)) and streams to a `Write`; only keys are collected and sorted.

pub mod csv;
pub mod dot;
pub mod error;
pub mod explain;
pub mod graphml;
pub mod import;
pub mod json;
pub mod render;
pub mod select;

pub use dot::{DotOptions, ego_network, to_dot, write_dot};
pub use error::{ExportError, GraphJsonError};
pub use explain::explain;
pub use render::render;

use crate::graph::{EdgeRef, KnowledgeGraph, NodeKey};
use crate::model::Relation;

/// Every node, sorted by id.
pub(crate) fn nodes_by_id(graph: &KnowledgeGraph) -> Vec<NodeKey> {
    let mut nodes: Vec<NodeKey> = graph.nodes().collect();
    nodes.sort_by(|a, b| graph.entity(*a).id.cmp(&graph.entity(*b).id));
    nodes
}

/// Every edge, sorted by (source id, relation, target id) as GRAPH-JSON orders them.
pub(crate) fn edges_in_order(graph: &KnowledgeGraph) -> Vec<EdgeRef<'_>> {
    let mut edges: Vec<EdgeRef<'_>> = graph.edges().collect();
    edges.sort_by(|a, b| edge_order(graph, a).cmp(&edge_order(graph, b)));
    edges
}

fn edge_order<'g>(graph: &'g KnowledgeGraph, edge: &EdgeRef<'_>) -> (&'g str, Relation, &'g str) {
    (
        graph.entity(edge.source).id.as_str(),
        edge.fact.relation,
        graph.entity(edge.target).id.as_str(),
    )
}

#[cfg(test)]
mod fixture;
