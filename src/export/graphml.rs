//! GraphML export: the graph as well-formed GraphML XML for Gephi, yEd, Cytoscape or NetworkX.
//!
//! Hand-written with careful escaping, streamed to a `Write`, nodes by id and edges in
//! GRAPH-JSON order. Symmetric relations carry `symmetric=true` rather than `directed="false"`:
//! NetworkX refuses undirected edges inside a directed graph.

use super::{edges_in_order, nodes_by_id};
use crate::graph::KnowledgeGraph;
use std::io::{self, Write};

/// `(id, for, attr.type)` of every GraphML key; the id doubles as the attribute name.
const KEYS: [(&str, &str, &str); 8] = [
    ("name", "node", "string"),
    ("type", "node", "string"),
    ("aliases", "node", "string"),
    ("title", "node", "string"),
    ("mentions", "node", "int"),
    ("relation", "edge", "string"),
    ("count", "edge", "int"),
    ("symmetric", "edge", "boolean"),
];

/// The graph as GraphML text.
pub fn to_graphml(graph: &KnowledgeGraph) -> String {
    let mut out = Vec::new();
    write_graphml(graph, &mut out).expect("writing to a Vec never fails");
    String::from_utf8(out).expect("GraphML output is built from UTF-8 strings")
}

/// Writes the graph as GraphML. Aliases are one string joined by `; ` since GraphML has no lists.
pub fn write_graphml<W: Write>(graph: &KnowledgeGraph, mut out: W) -> io::Result<()> {
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">"#
    )?;
    for (id, domain, kind) in KEYS {
        writeln!(
            out,
            r#"  <key id="{id}" for="{domain}" attr.name="{id}" attr.type="{kind}"/>"#
        )?;
    }
    writeln!(out, r#"  <graph id="newsgraph" edgedefault="directed">"#)?;
    for node in nodes_by_id(graph) {
        let entity = graph.entity(node);
        writeln!(out, r#"    <node id="{}">"#, escape(&entity.id))?;
        write_data(&mut out, "name", &entity.name)?;
        write_data(&mut out, "type", entity.entity_type.as_str())?;
        if !entity.aliases.is_empty() {
            let aliases: Vec<&str> = entity.aliases.iter().map(String::as_str).collect();
            write_data(&mut out, "aliases", &aliases.join("; "))?;
        }
        if let Some(title) = &entity.title {
            write_data(&mut out, "title", title)?;
        }
        write_data(&mut out, "mentions", &entity.mentions.to_string())?;
        writeln!(out, "    </node>")?;
    }
    for (n, edge) in edges_in_order(graph).into_iter().enumerate() {
        let relation = edge.fact.relation;
        writeln!(
            out,
            r#"    <edge id="e{n}" source="{}" target="{}">"#,
            escape(&graph.entity(edge.source).id),
            escape(&graph.entity(edge.target).id)
        )?;
        write_data(&mut out, "relation", relation.as_str())?;
        write_data(&mut out, "count", &edge.fact.evidence.len().to_string())?;
        write_data(&mut out, "symmetric", &relation.is_symmetric().to_string())?;
        writeln!(out, "    </edge>")?;
    }
    writeln!(out, "  </graph>")?;
    writeln!(out, "</graphml>")?;
    out.flush()
}

/// Escapes text for XML content and double-quoted attributes.
///
/// Control characters that XML 1.0 forbids are dropped: no escape can represent them.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

fn write_data<W: Write>(out: &mut W, key: &str, value: &str) -> io::Result<()> {
    writeln!(out, r#"      <data key="{key}">{}</data>"#, escape(value))
}
