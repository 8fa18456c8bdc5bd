//! GRAPH-JSON: the graph's JSON form, field for field as `shared/GRAPH-JSON.md` says.
//!
//! The serde structs here mirror the contract and are separate from the in-memory types, so the
//! contract cannot drift by accident. Output is byte-stable: nodes sorted by id, edges by
//! (source, relation, target).

use crate::graph::{ArticleGraph, KnowledgeGraph};
use crate::model::{EntityType, Relation, slug};
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

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
            evidence: e.fact.evidence.iter().map(evidence_json).collect(),
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
                evidence: e.evidence.iter().map(evidence_json).collect(),
            }
        })
        .collect();
    sorted(GraphJson { nodes, edges })
}

fn evidence_json(ev: &crate::model::Evidence) -> EvidenceJson {
    EvidenceJson {
        article: ev.article.clone(),
        sentence: ev.sentence.clone(),
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
