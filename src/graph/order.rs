//! Orders the query stage reads, built lazily for the whole graph: every node's rank in id
//! order, and every node's edges in one array sorted by the other end's id. Any change to the
//! graph forgets them ([`KnowledgeGraph::forget_orders`]).

use super::{EdgeKey, KnowledgeGraph, NodeKey};
use crate::model::Relation;
use petgraph::stable_graph::{EdgeIndex, NodeIndex};
use petgraph::visit::{EdgeRef as _, IntoEdgeReferences as _, NodeIndexable as _};
use std::sync::OnceLock;

/// One edge as seen from one of its ends, in [`KnowledgeGraph::sorted_adjacency`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Adjacent {
    /// The edge.
    pub edge: EdgeKey,
    /// The other end (the node itself for a self-loop).
    pub other: NodeKey,
    /// The edge's relation.
    pub relation: Relation,
    /// True when the node is the edge's stored source.
    pub outgoing: bool,
}

/// Every node's [`Adjacent`] entries, contiguous: node `n`'s are `entries[start[n]..start[n + 1]]`.
#[derive(Debug, Clone, Default)]
pub(super) struct Adjacency {
    pub(super) start: Vec<usize>,
    pub(super) entries: Vec<Adjacent>,
}

/// Every node in id order, and each node's position in that order (by [`NodeKey::index`]).
#[derive(Debug, Clone, Default)]
pub(super) struct IdOrder {
    pub(super) sorted: Vec<NodeKey>,
    pub(super) rank: Vec<u32>,
}

impl KnowledgeGraph {
    /// One more than the largest [`NodeKey::index`]: the length for per-node arrays.
    pub fn node_bound(&self) -> usize {
        self.graph.node_bound()
    }

    /// All nodes, sorted by id (cached until a node is added).
    pub fn nodes_by_id(&self) -> &[NodeKey] {
        &self.id_order().sorted
    }

    /// The node's position among all nodes sorted by id: comparing ranks compares ids.
    pub fn id_rank(&self, node: NodeKey) -> u32 {
        self.id_order()
            .rank
            .get(node.index())
            .copied()
            .unwrap_or(u32::MAX)
    }

    /// Drops the lazily built id order and adjacency, after the graph changed.
    pub(super) fn forget_orders(&mut self) {
        self.id_order = OnceLock::new();
        self.adjacency = OnceLock::new();
    }

    fn id_order(&self) -> &IdOrder {
        self.id_order.get_or_init(|| {
            let mut sorted: Vec<NodeKey> = self.nodes().collect();
            sorted.sort_unstable_by(|a, b| self.entity(*a).id.cmp(&self.entity(*b).id));
            let mut rank = vec![u32::MAX; self.graph.node_bound()];
            for (position, node) in sorted.iter().enumerate() {
                rank[node.index()] = u32::try_from(position).unwrap_or(u32::MAX);
            }
            IdOrder { sorted, rank }
        })
    }

    /// The edges touching `node` (a self-loop once), sorted by the other end's id, then edge.
    /// Built for the whole graph on first use, so iterating is a slice walk.
    pub fn sorted_adjacency(&self, node: NodeKey) -> &[Adjacent] {
        let adjacency = self.adjacency.get_or_init(|| self.build_adjacency());
        let n = node.index();
        match (adjacency.start.get(n), adjacency.start.get(n + 1)) {
            (Some(from), Some(to)) => &adjacency.entries[*from..*to],
            _ => &[],
        }
    }

    fn build_adjacency(&self) -> Adjacency {
        let bound = self.node_bound();
        let mut start = vec![0usize; bound + 1];
        for e in self.graph.edge_references() {
            start[e.source().index() + 1] += 1;
            if e.source() != e.target() {
                start[e.target().index() + 1] += 1;
            }
        }
        for n in 0..bound {
            start[n + 1] += start[n];
        }
        let mut next = start.clone();
        let placeholder = Adjacent {
            edge: EdgeKey(EdgeIndex::new(0)),
            other: NodeKey(NodeIndex::new(0)),
            relation: Relation::MetWith,
            outgoing: false,
        };
        let mut entries = vec![placeholder; start[bound]];
        for e in self.graph.edge_references() {
            let (source, target) = (NodeKey(e.source()), NodeKey(e.target()));
            let relation = e.weight().relation;
            let mut put = |node: NodeKey, other: NodeKey, outgoing: bool| {
                let at = &mut next[node.index()];
                entries[*at] = Adjacent {
                    edge: EdgeKey(e.id()),
                    other,
                    relation,
                    outgoing,
                };
                *at += 1;
            };
            put(source, target, true);
            if source != target {
                put(target, source, false);
            }
        }
        let rank = &self.id_order().rank;
        for n in 0..bound {
            entries[start[n]..start[n + 1]]
                .sort_unstable_by_key(|a| (rank.get(a.other.index()).copied(), a.edge));
        }
        Adjacency { start, entries }
    }
}
