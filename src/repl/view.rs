//! Read-only views of the graph for commands: the `:schema` text and the subgraph a query's
//! result rows name (for `:export` and `:render`). Never mutates the session's graph.

use crate::graph::{EdgeKey, GraphSnapshot, KnowledgeGraph, NodeKey};
use crate::model::{EntityType, Relation};
use crate::query::{self, Value};
use std::collections::BTreeSet;

/// Labels and relationship types with their counts, then the property keys.
pub fn schema_text(graph: &KnowledgeGraph) -> String {
    let mut out = String::from("labels:\n");
    for t in EntityType::ALL {
        out += &format!("  :{:<40} {:>6}\n", t.label(), graph.nodes_of_type(t).len());
    }
    out += "relationship types:\n";
    for r in Relation::ALL {
        let count = graph.edges().filter(|e| e.fact.relation == r).count();
        let name = format!(
            "{}{}",
            r.query_name(),
            if r.is_symmetric() { " (symmetric)" } else { "" }
        );
        out += &format!("  :{name:<40} {count:>6}\n");
    }
    out += &format!(
        "node properties: {}\nrelationship properties: {}\n",
        query::value::NODE_PROPERTIES.join(", "),
        query::value::REL_PROPERTIES.join(", ")
    );
    out
}

/// Gathers graph handles from a value, recursing into lists, maps and paths.
pub fn collect(
    graph: &KnowledgeGraph,
    value: &Value,
    nodes: &mut BTreeSet<NodeKey>,
    edges: &mut BTreeSet<EdgeKey>,
) {
    match value {
        Value::Node(n) => {
            nodes.insert(*n);
        }
        Value::Edge(e) => {
            let edge = graph.edge(*e);
            edges.insert(*e);
            nodes.extend([edge.source, edge.target]);
        }
        Value::Path(p) => {
            nodes.extend(p.nodes.iter().copied());
            edges.extend(p.edges.iter().copied());
        }
        Value::List(items) => items.iter().for_each(|v| collect(graph, v, nodes, edges)),
        Value::Map(map) => map.values().for_each(|v| collect(graph, v, nodes, edges)),
        _ => {}
    }
}

/// A new graph holding only `nodes` and the `edges` between them, so every exporter works on it.
pub fn subgraph(
    graph: &KnowledgeGraph,
    nodes: &BTreeSet<NodeKey>,
    edges: &BTreeSet<EdgeKey>,
) -> KnowledgeGraph {
    let order: Vec<NodeKey> = nodes.iter().copied().collect();
    let position = |key: NodeKey| order.binary_search(&key).ok().map(|i| i as u32);
    let mut articles = BTreeSet::new();
    for node in &order {
        articles.extend(graph.entity(*node).articles.iter().cloned());
    }
    let snapshot = GraphSnapshot {
        nodes: order.iter().map(|n| graph.entity(*n).clone()).collect(),
        edges: edges
            .iter()
            .filter_map(|e| {
                let edge = graph.edge(*e);
                Some((
                    position(edge.source)?,
                    position(edge.target)?,
                    edge.fact.clone(),
                ))
            })
            .collect(),
        articles: articles.into_iter().collect(),
        sources: Vec::new(),
    };
    KnowledgeGraph::from_snapshot(snapshot).unwrap_or_default()
}
