//! GRAPH-JSON read back into a graph: the inverse of `json.rs`, so a document exported by
//! `newsgraph export --format json` loads into a store and exports again to the same bytes.
//!
//! The whole document is checked (unique ids, every edge end present) before the graph is touched,
//! so a bad document changes nothing. Knows the GRAPH-JSON structs and the graph's public API only.

use super::error::GraphJsonError;
use super::json::{EdgeJson, EvidenceJson, GraphJson, NodeJson};
use crate::graph::{Entity, KnowledgeGraph, NodeKey};
use crate::model::Evidence;
use std::collections::HashMap;

/// What [`merge_graph_json`] added.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ImportReport {
    /// Nodes in the document.
    pub nodes: usize,
    /// Edges in the document.
    pub edges: usize,
}

/// Parses GRAPH-JSON text. Fields beyond the contract's are read when ours (title, mentions,
/// articles, trigger) and ignored otherwise.
pub fn read_graph_json(text: &str) -> Result<GraphJson, GraphJsonError> {
    Ok(serde_json::from_str(text)?)
}

/// A new graph holding exactly the document.
pub fn graph_from_json(doc: &GraphJson) -> Result<KnowledgeGraph, GraphJsonError> {
    let mut graph = KnowledgeGraph::new();
    merge_graph_json(&mut graph, doc)?;
    Ok(graph)
}

/// Merges a document into `graph`: a node whose id is already there merges into that node (names
/// become aliases, mentions add up), and an edge already there gains the new evidence.
///
/// A symmetric edge given with its ends out of id order is stored once, ends in id order, as the
/// graph always stores it. The graph keeps each cited sentence once, at its `offset` in its
/// article; a sentence without one (GRAPH-JSON does not require it) goes after everything kept
/// for its article, so the article's text is its cited sentences one after another. Articles
/// named by nodes or evidence are noted as merged.
pub fn merge_graph_json(
    graph: &mut KnowledgeGraph,
    doc: &GraphJson,
) -> Result<ImportReport, GraphJsonError> {
    check(doc)?;
    let mut keys: HashMap<&str, NodeKey> = HashMap::with_capacity(doc.nodes.len());
    for node in &doc.nodes {
        for article in &node.articles {
            graph.note_article(article);
        }
        keys.insert(&node.id, graph.upsert_entity(entity(node)));
    }
    let mut placer = Placer::default();
    for edge in &doc.edges {
        let evidence: Vec<Evidence> = edge
            .evidence
            .iter()
            .map(|ev| placer.evidence(graph, ev))
            .collect();
        graph.add_fact(
            keys[edge.source.as_str()],
            keys[edge.target.as_str()],
            edge.relation,
            evidence,
        );
    }
    Ok(ImportReport {
        nodes: doc.nodes.len(),
        edges: doc.edges.len(),
    })
}

/// Unique node ids, edges whose ends exist, and offsets the graph can keep (32 bits).
fn check(doc: &GraphJson) -> Result<(), GraphJsonError> {
    let mut seen: HashMap<&str, usize> = HashMap::with_capacity(doc.nodes.len());
    for (index, node) in doc.nodes.iter().enumerate() {
        if seen.insert(&node.id, index).is_some() {
            return Err(GraphJsonError::DuplicateId {
                index,
                id: node.id.clone(),
            });
        }
    }
    for (index, edge) in doc.edges.iter().enumerate() {
        for (end, id) in ends(edge) {
            if !seen.contains_key(id) {
                return Err(GraphJsonError::UnknownEnd {
                    index,
                    end,
                    id: id.to_string(),
                });
            }
        }
        for (evidence, ev) in edge.evidence.iter().enumerate() {
            let end = ev.offset.and_then(|o| o.checked_add(ev.sentence.len()));
            let largest = [end, ev.trigger.map(|t| t[0].max(t[1]))]
                .into_iter()
                .flatten()
                .max();
            if ev.offset.is_some() && end.is_none() || largest.is_some_and(|o| o > MAX_OFFSET) {
                return Err(GraphJsonError::OffsetTooLarge { index, evidence });
            }
        }
    }
    Ok(())
}

/// Offsets are kept in 32 bits: articles up to 4 GiB.
const MAX_OFFSET: usize = u32::MAX as usize;

/// Chooses where each sentence goes in its article's kept text.
#[derive(Default)]
struct Placer<'d> {
    /// Sentences without an offset already placed, by article.
    placed: HashMap<(&'d str, &'d str), usize>,
    /// One past the last byte placed so far, by article.
    ends: HashMap<&'d str, usize>,
}

impl<'d> Placer<'d> {
    fn evidence(&mut self, graph: &KnowledgeGraph, ev: &'d EvidenceJson) -> Evidence {
        let trigger = ev.trigger.map(|[s, e]| (s, e)).unwrap_or((0, 0));
        let sentence_start = match ev.offset {
            Some(offset) => offset,
            None => self.place(graph, &ev.article, &ev.sentence),
        };
        Evidence {
            article: ev.article.clone(),
            sentence: ev.sentence.clone(),
            sentence_start,
            trigger,
        }
    }

    /// After everything kept or placed for the article, one byte apart; the same sentence
    /// again goes where it went before.
    fn place(&mut self, graph: &KnowledgeGraph, article: &'d str, sentence: &'d str) -> usize {
        if let Some(start) = self.placed.get(&(article, sentence)) {
            return *start;
        }
        let end = graph
            .article_text_end(article)
            .max(self.ends.get(article).copied().unwrap_or(0));
        let start = if end == 0 { 0 } else { end + 1 };
        self.ends.insert(article, start + sentence.len());
        self.placed.insert((article, sentence), start);
        start
    }
}

fn ends(edge: &EdgeJson) -> [(&'static str, &str); 2] {
    [("source", &edge.source), ("target", &edge.target)]
}

fn entity(node: &NodeJson) -> Entity {
    Entity {
        id: node.id.clone(),
        name: node.name.clone(),
        entity_type: node.entity_type,
        aliases: node.aliases.iter().cloned().collect(),
        title: node.title.clone(),
        mentions: node.mentions,
        articles: node.articles.iter().cloned().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture::tiny_graph;
    use crate::export::json::{graph_to_json, to_string};

    #[test]
    fn export_import_export_is_identical() {
        let doc = graph_to_json(&tiny_graph());
        let again = graph_from_json(&doc).unwrap();
        assert_eq!(to_string(&graph_to_json(&again)), to_string(&doc));
    }

    #[test]
    fn a_reversed_symmetric_edge_is_stored_once_in_id_order() {
        let text = r#"{"nodes": [
            {"id": "b", "name": "B", "type": "person", "aliases": []},
            {"id": "a", "name": "A", "type": "person", "aliases": []}],
          "edges": [
            {"source": "b", "target": "a", "relation": "met-with",
             "evidence": [{"article": "x", "sentence": "B met A."}]},
            {"source": "a", "target": "b", "relation": "met-with",
             "evidence": [{"article": "x", "sentence": "A met B."}]}]}"#;
        let graph = graph_from_json(&read_graph_json(text).unwrap()).unwrap();
        assert_eq!(graph.edge_count(), 1);
        let edge = graph.edges().next().unwrap();
        assert_eq!(graph.entity(edge.source).id, "a");
        assert_eq!(edge.fact.evidence.len(), 2);
        assert_eq!(graph.articles().len(), 1);
    }

    #[test]
    fn bad_documents_are_refused_with_the_place_and_change_nothing() {
        let node = r#"{"id": "a", "name": "A", "type": "person", "aliases": []}"#;
        let dup = format!(r#"{{"nodes": [{node}, {node}], "edges": []}}"#);
        assert_eq!(
            read_graph_json(&dup).and_then(|d| graph_from_json(&d).map(|_| ())),
            Err(GraphJsonError::DuplicateId {
                index: 1,
                id: "a".into()
            })
        );
        let dangling = format!(
            r#"{{"nodes": [{node}], "edges": [{{"source": "a", "target": "zz",
              "relation": "condemned", "evidence": []}}]}}"#
        );
        let mut graph = KnowledgeGraph::new();
        let err = merge_graph_json(&mut graph, &read_graph_json(&dangling).unwrap()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "edge 0 has target `zz`, expected the id of a node in the document"
        );
        assert_eq!(graph.node_count(), 0);
        let err = read_graph_json("{\"nodes\": [{\"id\": 1}]}").unwrap_err();
        assert!(
            matches!(&err, GraphJsonError::Syntax { line: 1, message, .. }
                if message.contains("expected a string")),
            "{err}"
        );
        let err = read_graph_json(r#"{"nodes": [], "edges": [{"source": "a", "target": "b", "relation": "likes", "evidence": []}]}"#).unwrap_err();
        assert!(err.to_string().contains("likes"), "{err}");
    }
}
