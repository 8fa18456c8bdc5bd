//! GRAPH-JSON: the graph's JSON form, field for field as `shared/GRAPH-JSON.md` says.
//!
//! The serde structs here mirror the contract and are separate from the in-memory types, so the
//! contract cannot drift by accident. Output is byte-stable: nodes sorted by id, edges by
//! (source, relation, target).
//!
//! A whole graph is written by [`write_graph_json`], which streams borrowed views of the graph's
//! entities and facts through serde: no second copy of the graph is built, and the bytes are the
//! same as [`to_string`] of [`graph_to_json`] (a test holds the two together). Reading a document
//! back into a graph is `import.rs`.

use super::{edges_in_order, nodes_by_id};
use crate::graph::{ArticleGraph, Citation, EvidenceView, KnowledgeGraph};
use crate::model::{EntityType, Relation, slug};
use serde::ser::SerializeStruct;
use serde::{Deserialize, Serialize, Serializer};
use std::collections::BTreeSet;
use std::io::{self, Write};

/// A whole graph document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GraphJson {
    /// Entities, sorted by id.
    pub nodes: Vec<NodeJson>,
    /// Relations, sorted by (source, relation, target).
    pub edges: Vec<EdgeJson>,
}

/// One entity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeJson {
    /// Unique within the document.
    pub id: String,
    /// Fullest name.
    pub name: String,
    /// `person` | `state` | `organization`.
    #[serde(rename = "type")]
    pub entity_type: EntityType,
    /// Other surface forms.
    pub aliases: Vec<String>,
    /// Title or office, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Mentions over all articles.
    #[serde(default)]
    pub mentions: u32,
    /// Articles the entity appears in.
    #[serde(default)]
    pub articles: Vec<String>,
}

/// One relation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EdgeJson {
    /// Source node id.
    pub source: String,
    /// Target node id.
    pub target: String,
    /// The relation's GRAPH-JSON name.
    pub relation: Relation,
    /// One entry per supporting sentence.
    pub evidence: Vec<EvidenceJson>,
}

/// Where an edge was read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EvidenceJson {
    /// The article's path or id.
    pub article: String,
    /// The sentence.
    pub sentence: String,
    /// Byte offset of the sentence in the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub offset: Option<usize>,
    /// Byte range of the trigger words in the article.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trigger: Option<[usize; 2]>,
}

/// The document for a merged graph.
pub fn graph_to_json(graph: &KnowledgeGraph) -> GraphJson {
    let nodes = graph
        .nodes()
        .map(|n| {
            let e = graph.entity(n);
            NodeJson {
                id: e.id.clone(),
                name: e.name.clone(),
                entity_type: e.entity_type,
                aliases: e.aliases.iter().cloned().collect(),
                title: e.title.clone(),
                mentions: e.mentions,
                articles: e.articles.iter().cloned().collect(),
            }
        })
        .collect();
    let edges = graph
        .edges()
        .map(|e| EdgeJson {
            source: graph.entity(e.source).id.clone(),
            target: graph.entity(e.target).id.clone(),
            relation: e.fact.relation,
            evidence: graph.evidence_of(e.fact).map(evidence_json).collect(),
        })
        .collect();
    sorted(GraphJson { nodes, edges })
}

/// The document for one article's extraction.
pub fn article_to_json(article: &ArticleGraph) -> GraphJson {
    let mut ids: Vec<String> = Vec::with_capacity(article.entities.len());
    let mut seen = BTreeSet::new();
    for rec in &article.entities {
        let mut id = slug(&rec.name);
        if !seen.insert(id.clone()) {
            id = format!("{id}-{}", rec.entity_type.as_str());
            seen.insert(id.clone());
        }
        ids.push(id);
    }
    let nodes = article
        .entities
        .iter()
        .zip(&ids)
        .map(|(rec, id)| NodeJson {
            id: id.clone(),
            name: rec.name.clone(),
            entity_type: rec.entity_type,
            aliases: rec.aliases.iter().cloned().collect(),
            title: rec.title.clone(),
            mentions: rec.mentions,
            articles: vec![article.article.clone()],
        })
        .collect();
    let edges = article
        .edges
        .iter()
        .map(|e| {
            let (mut source, mut target) = (ids[e.source].clone(), ids[e.target].clone());
            if e.relation.is_symmetric() && target < source {
                std::mem::swap(&mut source, &mut target);
            }
            EdgeJson {
                source,
                target,
                relation: e.relation,
                evidence: e
                    .evidence
                    .iter()
                    .map(|ev| EvidenceView {
                        article: &ev.article,
                        sentence: &ev.sentence,
                        sentence_start: ev.sentence_start,
                        trigger: ev.trigger,
                    })
                    .map(evidence_json)
                    .collect(),
            }
        })
        .collect();
    sorted(GraphJson { nodes, edges })
}

fn evidence_json(ev: EvidenceView<'_>) -> EvidenceJson {
    EvidenceJson {
        article: ev.article.to_string(),
        sentence: ev.sentence.to_string(),
        offset: Some(ev.sentence_start),
        trigger: Some([ev.trigger.0, ev.trigger.1]),
    }
}

fn sorted(mut doc: GraphJson) -> GraphJson {
    doc.nodes.sort_by(|a, b| a.id.cmp(&b.id));
    doc.edges.sort_by(|a, b| {
        (&a.source, a.relation, &a.target).cmp(&(&b.source, b.relation, &b.target))
    });
    doc
}

/// Pretty JSON text with a trailing newline.
pub fn to_string(doc: &GraphJson) -> String {
    let mut text = serde_json::to_string_pretty(doc).unwrap_or_default();
    text.push('\n');
    text
}

/// Writes the whole graph as pretty GRAPH-JSON with a trailing newline, streaming.
///
/// Only the node and edge keys are collected and sorted; each entity and fact is serialised from
/// the graph as it stands. Wrap `out` in a `BufWriter` for files and pipes.
pub fn write_graph_json<W: Write>(graph: &KnowledgeGraph, mut out: W) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::pretty(&mut out);
    GraphOut { graph }
        .serialize(&mut serializer)
        .map_err(io::Error::from)?;
    out.write_all(b"\n")?;
    out.flush()
}

/// The whole document, serialised field for field as [`GraphJson`].
struct GraphOut<'g> {
    graph: &'g KnowledgeGraph,
}

impl Serialize for GraphOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut doc = serializer.serialize_struct("GraphJson", 2)?;
        doc.serialize_field("nodes", &NodesOut(self.graph))?;
        doc.serialize_field("edges", &EdgesOut(self.graph))?;
        doc.end()
    }
}

struct NodesOut<'g>(&'g KnowledgeGraph);

impl Serialize for NodesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let graph = self.0;
        serializer.collect_seq(nodes_by_id(graph).into_iter().map(|node| {
            let entity = graph.entity(node);
            NodeOut {
                id: &entity.id,
                name: &entity.name,
                entity_type: entity.entity_type,
                aliases: &entity.aliases,
                title: entity.title.as_deref(),
                mentions: entity.mentions,
                articles: &entity.articles,
            }
        }))
    }
}

struct EdgesOut<'g>(&'g KnowledgeGraph);

impl Serialize for EdgesOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let graph = self.0;
        serializer.collect_seq(edges_in_order(graph).into_iter().map(|edge| EdgeOut {
            source: &graph.entity(edge.source).id,
            target: &graph.entity(edge.target).id,
            relation: edge.fact.relation,
            evidence: EvidenceOut(graph, &edge.fact.evidence),
        }))
    }
}

/// [`NodeJson`] borrowed from the graph: same fields, same order.
#[derive(Serialize)]
struct NodeOut<'a> {
    id: &'a str,
    name: &'a str,
    #[serde(rename = "type")]
    entity_type: EntityType,
    aliases: &'a BTreeSet<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    mentions: u32,
    articles: &'a BTreeSet<String>,
}

/// [`EdgeJson`] borrowed from the graph: same fields, same order.
#[derive(Serialize)]
struct EdgeOut<'a> {
    source: &'a str,
    target: &'a str,
    relation: Relation,
    evidence: EvidenceOut<'a>,
}

/// Citations, each resolved to its article's name and sentence text as it is written.
struct EvidenceOut<'a>(&'a KnowledgeGraph, &'a [Citation]);

impl Serialize for EvidenceOut<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.1.iter().map(|c| {
            let ev = self.0.evidence(c);
            EvidenceJsonOut {
                article: ev.article,
                sentence: ev.sentence,
                offset: ev.sentence_start,
                trigger: [ev.trigger.0, ev.trigger.1],
            }
        }))
    }
}

/// [`EvidenceJson`] borrowed from the graph; offset and trigger are always known here.
#[derive(Serialize)]
struct EvidenceJsonOut<'a> {
    article: &'a str,
    sentence: &'a str,
    offset: usize,
    trigger: [usize; 2],
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::fixture::tiny_graph;

    fn streamed(graph: &KnowledgeGraph) -> String {
        let mut out = Vec::new();
        write_graph_json(graph, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn streamed_json_equals_the_document_form() {
        let graph = tiny_graph();
        assert_eq!(streamed(&graph), to_string(&graph_to_json(&graph)));
        let empty = KnowledgeGraph::new();
        assert_eq!(streamed(&empty), to_string(&graph_to_json(&empty)));
        assert_eq!(
            streamed(&empty),
            "{\n  \"nodes\": [],\n  \"edges\": []\n}\n"
        );
    }
}
