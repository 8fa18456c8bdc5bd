//! Choosing part of the graph to export: the nodes and edges a query's result rows name, and a
//! new graph holding only a chosen part, so every exporter can write it.
//!
//! This is the one place export reads query results (`query::Value`); the query engine never
//! imports export. Never mutates the graph it selects from.

use crate::graph::{EdgeKey, KnowledgeGraph, NodeKey};
use crate::query::{Table, Value};
use std::collections::BTreeSet;

/// A chosen part of a graph: nodes, and edges (whose ends are always among the nodes).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Selection {
    /// The chosen nodes.
    pub nodes: BTreeSet<NodeKey>,
    /// The chosen edges.
    pub edges: BTreeSet<EdgeKey>,
}

impl Selection {
    /// True when nothing was chosen.
    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Adds every node, edge and path in `value`, looking inside lists and maps; an edge brings
    /// its two ends.
    pub fn add_value(&mut self, graph: &KnowledgeGraph, value: &Value) {
        match value {
            Value::Node(node) => {
                self.nodes.insert(*node);
            }
            Value::Edge(key) => {
                let edge = graph.edge(*key);
                self.edges.insert(*key);
                self.nodes.extend([edge.source, edge.target]);
            }
            Value::Path(path) => {
                self.nodes.extend(path.nodes.iter().copied());
                self.edges.extend(path.edges.iter().copied());
            }
            Value::List(items) => items.iter().for_each(|v| self.add_value(graph, v)),
            Value::Map(map) => map.values().for_each(|v| self.add_value(graph, v)),
            Value::Null | Value::Bool(_) | Value::Int(_) | Value::Float(_) | Value::String(_) => {}
        }
    }
}

/// The nodes and edges appearing anywhere in a query's result rows.
pub fn result_selection(graph: &KnowledgeGraph, table: &Table) -> Selection {
    let mut selection = Selection::default();
    for value in table.rows().flatten() {
        selection.add_value(graph, value);
    }
    selection
}

/// A new graph holding only the selected nodes and the selected edges between them.
///
/// Entities and facts are copied whole (aliases, articles, evidence), so a part exports exactly
/// as it appears in the whole. The copy is as large as the part, never the whole graph.
pub fn subgraph(graph: &KnowledgeGraph, selection: &Selection) -> KnowledgeGraph {
    let nodes: Vec<NodeKey> = selection.nodes.iter().copied().collect();
    let edges: Vec<EdgeKey> = selection.edges.iter().copied().collect();
    graph.part(&nodes, &edges)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture::tiny_graph;
    use crate::query::{Params, run};

    fn ids(graph: &KnowledgeGraph) -> Vec<String> {
        let mut ids: Vec<String> = graph.nodes().map(|n| graph.entity(n).id.clone()).collect();
        ids.sort();
        ids
    }

    #[test]
    fn a_path_brings_its_nodes_and_edges() {
        let graph = tiny_graph();
        let table = run(
            &graph,
            "MATCH p = (a:Person {name: 'John Kerry'})-[:MET_WITH]-(b) RETURN p",
            &Params::new(),
        )
        .unwrap();
        let part = subgraph(&graph, &result_selection(&graph, &table));
        assert_eq!(ids(&part), ["francois-hollande", "john-kerry"]);
        assert_eq!(part.edge_count(), 1);
        let fact = part.edges().next().unwrap().fact;
        assert_eq!(fact.evidence.len(), 2);
    }

    #[test]
    fn nodes_alone_bring_no_edges_and_scalars_nothing() {
        let graph = tiny_graph();
        let table = run(
            &graph,
            "MATCH (a)-[r]->(b) RETURN a, b.name, [b] AS l, {x: a} AS m",
            &Params::new(),
        )
        .unwrap();
        let selection = result_selection(&graph, &table);
        assert_eq!(selection.edges.len(), 0);
        assert_eq!(subgraph(&graph, &selection).node_count(), 4);
        let empty = run(&graph, "RETURN 1 AS one", &Params::new()).unwrap();
        assert!(result_selection(&graph, &empty).is_empty());
    }
}
