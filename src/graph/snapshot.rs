//! The graph as plain data for the store: nodes and edges by position, and each article's record.
//!
//! Knows nothing of the file format around it (that is `store.rs`); rebuilding checks every
//! position so a decoded but inconsistent snapshot is an error, never a panic.

use super::{ArticleRecord, EdgeKey, Entity, Fact, KnowledgeGraph, NodeKey};
use crate::ingest::ArticleMeta;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The graph as plain data, for the store: nodes in key order, edges by node position.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphSnapshot {
    /// Entities in key order.
    pub nodes: Vec<Entity>,
    /// `(source position, target position, fact)`.
    pub edges: Vec<(u32, u32, Fact)>,
    /// Articles merged.
    pub articles: Vec<String>,
    /// What each article contributed, so a changed article can be replaced.
    pub sources: Vec<SourceSnapshot>,
}

/// One article's record by position: its hash, metadata and contributions.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct SourceSnapshot {
    /// The article id.
    pub id: String,
    /// The content hash of its text, when known.
    pub hash: Option<u64>,
    /// Title, date, URL, source.
    pub meta: ArticleMeta,
    /// `(node position, mentions)` the article added.
    pub nodes: Vec<(u32, u32)>,
    /// Positions of the edges it gave evidence to.
    pub edges: Vec<u32>,
}

/// A snapshot whose edges or records point past its nodes or edges.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{what} {at} points to {kind} {position}, but there are only {count} {kind}s")]
pub struct SnapshotError {
    /// `edge` or `article record`.
    pub what: &'static str,
    /// Position of the bad item.
    pub at: usize,
    /// `node` or `edge`.
    pub kind: &'static str,
    /// The missing position.
    pub position: u32,
    /// How many there are.
    pub count: usize,
}

impl KnowledgeGraph {
    /// The graph as plain data.
    pub fn snapshot(&self) -> GraphSnapshot {
        let node_position: HashMap<NodeKey, u32> = self
            .nodes()
            .enumerate()
            .map(|(i, n)| (n, i as u32))
            .collect();
        let edge_position: HashMap<EdgeKey, u32> = self
            .edges()
            .enumerate()
            .map(|(i, e)| (e.key, i as u32))
            .collect();
        let mut sources: Vec<SourceSnapshot> = self
            .sources
            .iter()
            .map(|(id, record)| SourceSnapshot {
                id: id.clone(),
                hash: record.hash,
                meta: record.meta.clone(),
                nodes: record
                    .nodes
                    .iter()
                    .filter_map(|(n, m)| node_position.get(n).map(|p| (*p, *m)))
                    .collect(),
                edges: record
                    .edges
                    .iter()
                    .filter_map(|e| edge_position.get(e).copied())
                    .collect(),
            })
            .collect();
        sources.sort_by(|a, b| a.id.cmp(&b.id));
        GraphSnapshot {
            nodes: self.nodes().map(|n| self.entity(n).clone()).collect(),
            edges: self
                .edges()
                .map(|e| {
                    (
                        node_position[&e.source],
                        node_position[&e.target],
                        e.fact.clone(),
                    )
                })
                .collect(),
            articles: self.articles.iter().cloned().collect(),
            sources,
        }
    }

    /// Rebuilds a graph from a snapshot, checking that every position exists.
    pub fn from_snapshot(snapshot: GraphSnapshot) -> Result<KnowledgeGraph, SnapshotError> {
        let mut graph = KnowledgeGraph::new();
        let n_nodes = snapshot.nodes.len();
        let keys: Vec<NodeKey> = snapshot
            .nodes
            .into_iter()
            .map(|e| graph.upsert_entity(e))
            .collect();
        let mut edge_keys = Vec::with_capacity(snapshot.edges.len());
        for (i, (s, t, fact)) in snapshot.edges.into_iter().enumerate() {
            let source = lookup(&keys, s, "edge", i, "node")?;
            let target = lookup(&keys, t, "edge", i, "node")?;
            let relation = fact.relation;
            let edge = graph.graph.add_edge(source.0, target.0, fact);
            edge_keys.push(EdgeKey(edge, relation));
        }
        debug_assert_eq!(keys.len(), n_nodes);
        graph.articles = snapshot.articles.into_iter().collect();
        for (i, source) in snapshot.sources.into_iter().enumerate() {
            let nodes = source
                .nodes
                .iter()
                .map(|&(p, m)| Ok((lookup(&keys, p, "article record", i, "node")?, m)))
                .collect::<Result<_, SnapshotError>>()?;
            let edges = source
                .edges
                .iter()
                .map(|&p| lookup(&edge_keys, p, "article record", i, "edge"))
                .collect::<Result<_, SnapshotError>>()?;
            if let Some(hash) = source.hash {
                graph.by_hash.insert(hash, source.id.clone());
            }
            let record = ArticleRecord {
                hash: source.hash,
                meta: source.meta,
                nodes,
                edges,
            };
            graph.sources.insert(source.id, record);
        }
        Ok(graph)
    }
}

fn lookup<K: Copy>(
    keys: &[K],
    position: u32,
    what: &'static str,
    at: usize,
    kind: &'static str,
) -> Result<K, SnapshotError> {
    keys.get(position as usize).copied().ok_or(SnapshotError {
        what,
        at,
        kind,
        position,
        count: keys.len(),
    })
}
