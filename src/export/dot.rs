//! DOT export: the graph (or a chosen part of it) as Graphviz text, deterministic and escaped.
//!
//! This module only writes text; running Graphviz lives in `render.rs`. It sees the graph through
//! [`KnowledgeGraph`]'s public API and never mutates it.

use super::{edges_in_order, nodes_by_id};
use crate::graph::{EdgeKey, EdgeRef, KnowledgeGraph, NodeKey};
use crate::model::{EntityType, Relation};
use std::collections::{BTreeSet, VecDeque};
use std::io::{self, Write};

/// What to draw. The default draws the whole graph with a legend.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DotOptions {
    /// Only these nodes, when set. Edges are drawn only when both ends are drawn.
    pub nodes: Option<BTreeSet<NodeKey>>,
    /// Only these edges, when set.
    pub edges: Option<BTreeSet<EdgeKey>>,
    /// Draw a cluster that explains shapes and colours.
    pub legend: bool,
}

impl Default for DotOptions {
    fn default() -> Self {
        DotOptions {
            nodes: None,
            edges: None,
            legend: true,
        }
    }
}

impl DotOptions {
    /// Options that draw only the given nodes and edges, as [`ego_network`] returns them.
    pub fn subset(nodes: BTreeSet<NodeKey>, edges: BTreeSet<EdgeKey>) -> Self {
        DotOptions {
            nodes: Some(nodes),
            edges: Some(edges),
            legend: true,
        }
    }
}

/// The graph as DOT text.
pub fn to_dot(graph: &KnowledgeGraph, opts: &DotOptions) -> String {
    let mut out = Vec::new();
    write_dot(graph, opts, &mut out).expect("writing to a Vec never fails");
    String::from_utf8(out).expect("DOT output is built from UTF-8 strings")
}

/// Writes the graph as DOT: nodes sorted by id, edges by (source, relation, target).
pub fn write_dot<W: Write>(
    graph: &KnowledgeGraph,
    opts: &DotOptions,
    mut out: W,
) -> io::Result<()> {
    writeln!(out, "digraph newsgraph {{")?;
    writeln!(out, "  graph [rankdir=LR, fontname=\"Helvetica\"];")?;
    writeln!(out, "  node [style=filled, fontname=\"Helvetica\"];")?;
    writeln!(out, "  edge [fontname=\"Helvetica\", fontsize=10];")?;
    if opts.legend {
        write_legend(&mut out)?;
    }
    for node in sorted_nodes(graph, opts) {
        let entity = graph.entity(node);
        let style = NodeStyle::of(entity.entity_type);
        let label = match &entity.title {
            Some(title) => format!("{}\\n{}", escape(title), escape(&entity.name)),
            None => escape(&entity.name),
        };
        writeln!(
            out,
            "  \"{}\" [label=\"{label}\", shape={}, fillcolor=\"{}\"];",
            escape(&entity.id),
            style.shape,
            style.fill
        )?;
    }
    for edge in sorted_edges(graph, opts) {
        write_edge(graph, &edge, &mut out)?;
    }
    writeln!(out, "}}")?;
    out.flush()
}

/// The nodes within `hops` edges of `center` and every edge between two of them.
///
/// Breadth-first over [`KnowledgeGraph::edges_of`], so direction is ignored: an ego network is
/// about who is connected, not who acted on whom.
pub fn ego_network(
    graph: &KnowledgeGraph,
    center: NodeKey,
    hops: usize,
) -> (BTreeSet<NodeKey>, BTreeSet<EdgeKey>) {
    let mut nodes = BTreeSet::from([center]);
    let mut queue = VecDeque::from([(center, 0usize)]);
    while let Some((node, depth)) = queue.pop_front() {
        if depth == hops {
            continue;
        }
        for edge in graph.edges_of(node) {
            let next = edge.other(node);
            if nodes.insert(next) {
                queue.push_back((next, depth + 1));
            }
        }
    }
    // Induced edges: also those between two nodes on the outer ring, so the picture is complete.
    let edges = nodes
        .iter()
        .flat_map(|&node| graph.edges_of(node))
        .filter(|edge| nodes.contains(&edge.source) && nodes.contains(&edge.target))
        .map(|edge| edge.key)
        .collect();
    (nodes, edges)
}

/// Escapes text for a double-quoted DOT string.
///
/// DOT is UTF-8, so non-ASCII stays as is. `\` is doubled because Graphviz reads `\n`, `\l`
/// and `\N` inside labels as escapes; a raw line break becomes `\n` so labels stay on one line.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            _ => out.push(c),
        }
    }
    out
}

/// Shape and fill for one entity type.
struct NodeStyle {
    shape: &'static str,
    fill: &'static str,
}

impl NodeStyle {
    fn of(entity_type: EntityType) -> Self {
        let (shape, fill) = match entity_type {
            EntityType::Person => ("ellipse", "#a6cee3"),
            EntityType::State => ("box", "#b2df8a"),
            EntityType::Organization => ("hexagon", "#fdbf6f"),
        };
        NodeStyle { shape, fill }
    }
}

fn write_legend<W: Write>(out: &mut W) -> io::Result<()> {
    writeln!(out, "  subgraph cluster_legend {{")?;
    writeln!(out, "    label=\"legend\";")?;
    writeln!(out, "    style=dashed;")?;
    // A colon cannot occur in a slug, so legend ids never clash with entity ids.
    for entity_type in EntityType::ALL {
        let style = NodeStyle::of(entity_type);
        writeln!(
            out,
            "    \"legend:{0}\" [label=\"{0}\", shape={1}, fillcolor=\"{2}\"];",
            entity_type.as_str(),
            style.shape,
            style.fill
        )?;
    }
    writeln!(out, "  }}")
}

fn write_edge<W: Write>(graph: &KnowledgeGraph, edge: &EdgeRef<'_>, out: &mut W) -> io::Result<()> {
    let relation = edge.fact.relation;
    let mut attrs = format!(
        "label=\"{}\", penwidth={}",
        relation.as_str(),
        pen_width(edge.fact.evidence.len())
    );
    if relation.is_symmetric() {
        attrs.push_str(", dir=none");
    }
    match relation {
        Relation::AffiliatedWith => attrs.push_str(", style=dashed, color=\"grey50\""),
        other => attrs.push_str(&format!(", color=\"{}\"", edge_colour(other))),
    }
    writeln!(
        out,
        "  \"{}\" -> \"{}\" [{attrs}];",
        escape(&graph.entity(edge.source).id),
        escape(&graph.entity(edge.target).id)
    )
}

/// One point per edge, half a point per extra sentence, capped so hubs stay readable.
fn pen_width(evidence: usize) -> String {
    let extra = evidence.saturating_sub(1).min(10) as f64;
    format!("{:.1}", 1.0 + 0.5 * extra)
}

fn edge_colour(relation: Relation) -> &'static str {
    match relation {
        Relation::MetWith => "#1f78b4",
        Relation::Condemned => "#e31a1c",
        Relation::PledgedAidTo => "#33a02c",
        Relation::RefusedToCoordinateWith => "#ff7f00",
        Relation::AffiliatedWith => "grey50",
    }
}

fn node_selected(opts: &DotOptions, node: NodeKey) -> bool {
    opts.nodes.as_ref().is_none_or(|set| set.contains(&node))
}

fn sorted_nodes(graph: &KnowledgeGraph, opts: &DotOptions) -> Vec<NodeKey> {
    let mut nodes = nodes_by_id(graph);
    nodes.retain(|&n| node_selected(opts, n));
    nodes
}

fn sorted_edges<'g>(graph: &'g KnowledgeGraph, opts: &DotOptions) -> Vec<EdgeRef<'g>> {
    let mut edges = edges_in_order(graph);
    edges.retain(|e| {
        opts.edges.as_ref().is_none_or(|set| set.contains(&e.key))
            && node_selected(opts, e.source)
            && node_selected(opts, e.target)
    });
    edges
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture::{entity, tiny_graph};
    use crate::graph::ArticleGraph;

    /// Relations sort in declaration order (as in GRAPH-JSON), so met-with precedes affiliated-with.
    #[test]
    fn tiny_graph_exact_dot() {
        let expected = r##"digraph newsgraph {
  graph [rankdir=LR, fontname="Helvetica"];
  node [style=filled, fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
  subgraph cluster_legend {
    label="legend";
    style=dashed;
    "legend:person" [label="person", shape=ellipse, fillcolor="#a6cee3"];
    "legend:state" [label="state", shape=box, fillcolor="#b2df8a"];
    "legend:organization" [label="organization", shape=hexagon, fillcolor="#fdbf6f"];
  }
  "france" [label="France", shape=box, fillcolor="#b2df8a"];
  "francois-hollande" [label="President\nFrancois Hollande", shape=ellipse, fillcolor="#a6cee3"];
  "isis" [label="ISIS", shape=hexagon, fillcolor="#fdbf6f"];
  "john-kerry" [label="John Kerry", shape=ellipse, fillcolor="#a6cee3"];
  "france" -> "isis" [label="condemned", penwidth=1.0, color="#e31a1c"];
  "francois-hollande" -> "john-kerry" [label="met-with", penwidth=1.5, dir=none, color="#1f78b4"];
  "francois-hollande" -> "france" [label="affiliated-with", penwidth=1.0, style=dashed, color="grey50"];
}
"##;
        assert_eq!(to_dot(&tiny_graph(), &DotOptions::default()), expected);
    }

    #[test]
    fn quotes_backslashes_and_newlines_are_escaped_non_ascii_kept() {
        assert_eq!(escape(r#"Say "hi""#), r#"Say \"hi\""#);
        assert_eq!(escape(r"C:\dir"), r"C:\\dir");
        assert_eq!(escape("two\r\nlines"), r"two\nlines");
        assert_eq!(escape("Élysée"), "Élysée");
    }

    #[test]
    fn awkward_names_reach_the_labels_escaped() {
        let mut graph = KnowledgeGraph::new();
        graph.merge(&ArticleGraph {
            article: "a".into(),
            entities: vec![entity(
                r#"Jean "Le Chef" \ Lévêque"#,
                crate::model::EntityType::Person,
                Some("Ministre d'État"),
            )],
            edges: vec![],
        });
        let dot = to_dot(
            &graph,
            &DotOptions {
                legend: false,
                ..DotOptions::default()
            },
        );
        assert!(
            dot.contains(r#"[label="Ministre d'État\nJean \"Le Chef\" \\ Lévêque", shape=ellipse"#),
            "{dot}"
        );
        assert!(!dot.contains("cluster_legend"));
    }

    #[test]
    fn pen_width_grows_with_evidence_and_is_capped() {
        assert_eq!(pen_width(0), "1.0");
        assert_eq!(pen_width(1), "1.0");
        assert_eq!(pen_width(3), "2.0");
        assert_eq!(pen_width(500), "6.0");
    }

    #[test]
    fn ego_network_follows_edges_either_way() {
        let graph = tiny_graph();
        let kerry = graph.by_id("john-kerry").unwrap();
        let ids = |hops| {
            let (nodes, edges) = ego_network(&graph, kerry, hops);
            let ids: Vec<String> = nodes.iter().map(|&n| graph.entity(n).id.clone()).collect();
            (ids, edges.len())
        };
        assert_eq!(ids(0), (vec!["john-kerry".to_string()], 0));
        // Hollande is the stored source of the met-with edge, so this walks it backwards.
        assert_eq!(ids(1).1, 1);
        assert_eq!(ids(1).0.len(), 2);
        assert_eq!(ids(2).0.len(), 3);
        assert_eq!(ids(3), (ids(9).0, 3));
    }

    #[test]
    fn subset_options_draw_only_the_chosen_part() {
        let graph = tiny_graph();
        let kerry = graph.by_id("john-kerry").unwrap();
        let (nodes, edges) = ego_network(&graph, kerry, 1);
        let dot = to_dot(&graph, &DotOptions::subset(nodes, edges));
        assert!(dot.contains("\"john-kerry\" ["));
        assert!(dot.contains("\"francois-hollande\" -> \"john-kerry\""));
        assert!(!dot.contains("\"france\""));
        assert!(!dot.contains("affiliated-with"));
        // An edge subset alone still hides edges outside it.
        let none = DotOptions {
            edges: Some(BTreeSet::new()),
            ..DotOptions::default()
        };
        assert!(!to_dot(&graph, &none).contains("->"));
    }
}
