//! Read-only views of the graph for commands: the `:schema` text. (The subgraph a query's result
//! rows name, for `:export` and `:render`, is `export::select`, shared with the CLI.) Never
//! mutates the session's graph.

use crate::graph::KnowledgeGraph;
use crate::model::{EntityType, Relation};
use crate::query;

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
