//! Orders the query stage reads, built lazily for the whole graph: every node's rank in id
//! order, and every node's edges in one array sorted by the other end's id. Any change to the
//! graph that could move them forgets them ([`KnowledgeGraph::forget_orders`]).
//!
//! Both are cheap to build: ids are sorted by their first 16 bytes as a number (strings are
//! compared only within runs of equal prefixes), and the adjacency is a radix sort of the edges.

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

/// Every node's [`Adjacent`] entries, contiguous and in id order: the node of id rank `r` has
/// `entries[start[r]..start[r + 1]]`.
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

    /// Sorts a few nodes by id: by rank when the id order is built, else by comparing ids,
    /// so that a short list never pays for ordering the whole graph.
    pub fn sort_by_id(&self, nodes: &mut [NodeKey]) {
        match self.id_order.get() {
            Some(order) => nodes.sort_unstable_by_key(|n| order.rank.get(n.index()).copied()),
            None if nodes.len() < 4096 => {
                nodes.sort_unstable_by(|a, b| self.entity(*a).id.cmp(&self.entity(*b).id));
            }
            None => nodes.sort_unstable_by_key(|n| self.id_rank(*n)),
        }
    }

    /// Drops the lazily built id order and adjacency, after the graph changed.
    pub(super) fn forget_orders(&mut self) {
        self.id_order = OnceLock::new();
        self.adjacency = OnceLock::new();
        self.forget_names();
    }

    fn id_order(&self) -> &IdOrder {
        self.id_order.get_or_init(|| self.build_id_order())
    }

    fn build_id_order(&self) -> IdOrder {
        let mut keyed: Vec<(u128, NodeKey)> = self
            .nodes()
            .map(|n| (id_prefix(&self.entity(n).id), n))
            .collect();
        keyed.sort_unstable_by_key(|(prefix, _)| *prefix);
        // Equal prefixes are rare (ids sharing their first 16 bytes): only those read the ids.
        for run in keyed.chunk_by_mut(|a, b| a.0 == b.0) {
            if run.len() > 1 {
                run.sort_unstable_by(|a, b| self.entity(a.1).id.cmp(&self.entity(b.1).id));
            }
        }
        let sorted: Vec<NodeKey> = keyed.into_iter().map(|(_, n)| n).collect();
        let mut rank = vec![u32::MAX; self.graph.node_bound()];
        for (position, node) in sorted.iter().enumerate() {
            rank[node.index()] = u32::try_from(position).unwrap_or(u32::MAX);
        }
        IdOrder { sorted, rank }
    }

    /// The edges touching `node` (a self-loop once), sorted by the other end's id, then edge.
    /// Built for the whole graph on first use, so iterating is a slice walk.
    pub fn sorted_adjacency(&self, node: NodeKey) -> &[Adjacent] {
        let adjacency = self.adjacency.get_or_init(|| self.build_adjacency());
        let Some(&rank) = self.id_order().rank.get(node.index()) else {
            return &[];
        };
        let n = rank as usize;
        match (adjacency.start.get(n), adjacency.start.get(n + 1)) {
            (Some(from), Some(to)) => &adjacency.entries[*from..*to],
            _ => &[],
        }
    }

    /// Every edge twice (once from each end) as a record keyed by the id ranks of (its end,
    /// the other end), made in edge order and radix-sorted, which is stable: ties stay in edge
    /// order. A radix sort writes to a few hundred places at a time, where filling a million
    /// per-node lists directly misses the cache and the TLB on nearly every edge.
    fn build_adjacency(&self) -> Adjacency {
        let order = self.id_order();
        let n_nodes = order.sorted.len();
        let bits = usize::BITS - n_nodes.leading_zeros();
        let mut records: Vec<HalfEdge> = Vec::with_capacity(2 * self.graph.edge_count());
        for e in self.graph.edge_references() {
            let rank = |node: NodeIndex| u64::from(order.rank[node.index()]);
            let (source, target) = (rank(e.source()), rank(e.target()));
            let code = relation_code(e.weight().relation);
            let edge = u32::try_from(e.id().index()).unwrap_or(u32::MAX);
            records.push(((source << bits) | target, edge, code | 1));
            if source != target {
                records.push(((target << bits) | source, edge, code));
            }
        }
        radix_sort(&mut records, 2 * bits);
        let mut start = vec![0usize; n_nodes + 1];
        for (key, _, _) in &records {
            start[(key >> bits) as usize + 1] += 1;
        }
        for n in 0..n_nodes {
            start[n + 1] += start[n];
        }
        let rank_mask = (1u64 << bits) - 1;
        let entries = records
            .into_iter()
            .map(|(key, edge, code)| {
                let relation = Relation::ALL[(code >> 1) as usize];
                Adjacent {
                    edge: EdgeKey(EdgeIndex::new(edge as usize), relation),
                    other: order.sorted[(key & rank_mask) as usize],
                    relation,
                    outgoing: code & 1 == 1,
                }
            })
            .collect();
        Adjacency { start, entries }
    }
}

/// One edge seen from one end: `(end's rank << bits | other end's rank, edge index,
/// relation << 1 | outgoing)`.
type HalfEdge = (u64, u32, u32);

fn relation_code(relation: Relation) -> u32 {
    let position = Relation::ALL.iter().position(|r| *r == relation);
    (position.unwrap_or(0) as u32) << 1
}

/// Sorts by the low `bits` bits of the key, stably, 8 bits per pass (least significant first):
/// 256 places written at a time stay within the cache and the TLB.
fn radix_sort(records: &mut Vec<HalfEdge>, bits: u32) {
    const DIGIT: u32 = 8;
    let mut scratch = records.clone();
    for shift in (0..bits).step_by(DIGIT as usize) {
        let digit = |r: &HalfEdge| ((r.0 >> shift) & ((1 << DIGIT) - 1)) as usize;
        let mut next = vec![0usize; 1 << DIGIT];
        for r in records.iter() {
            next[digit(r)] += 1;
        }
        if next.contains(&records.len()) {
            continue; // Every key has this digit: the pass would not move anything.
        }
        let mut sum = 0;
        for n in next.iter_mut() {
            (*n, sum) = (sum, sum + *n);
        }
        for r in records.iter() {
            let at = &mut next[digit(r)];
            scratch[*at] = *r;
            *at += 1;
        }
        std::mem::swap(records, &mut scratch);
    }
}

/// The first 16 bytes of `id` as a big-endian number, zero-padded: a smaller prefix means a
/// smaller id, and equal prefixes need the whole ids compared.
fn id_prefix(id: &str) -> u128 {
    let mut bytes = [0u8; 16];
    let n = id.len().min(16);
    bytes[..n].copy_from_slice(&id.as_bytes()[..n]);
    u128::from_be_bytes(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{Entity, Fact, GraphSnapshot};
    use crate::model::{EntityType, Relation};
    use std::collections::BTreeSet;

    fn graph(ids: &[&str], edges: &[(u32, u32, Relation)]) -> KnowledgeGraph {
        let entity = |id: &&str| Entity {
            id: id.to_string(),
            name: id.to_string(),
            entity_type: EntityType::Person,
            aliases: BTreeSet::new(),
            title: None,
            mentions: 1,
            articles: BTreeSet::new(),
        };
        let fact = |relation| Fact {
            relation,
            evidence: Vec::new(),
        };
        let snapshot = GraphSnapshot {
            nodes: ids.iter().map(entity).collect(),
            edges: edges.iter().map(|&(s, t, r)| (s, t, fact(r))).collect(),
            ..Default::default()
        };
        KnowledgeGraph::from_snapshot(snapshot).expect("valid snapshot")
    }

    /// What the orders must equal: ids compared as strings, edges sorted one node at a time.
    fn slow_adjacency(g: &KnowledgeGraph, node: NodeKey) -> Vec<(EdgeKey, NodeKey, bool)> {
        let mut edges: Vec<(EdgeKey, NodeKey, bool)> = g
            .edges_of(node)
            .map(|e| (e.key, e.other(node), e.source == node))
            .collect();
        edges.sort_by(|a, b| {
            let id = |n: NodeKey| g.entity(n).id.clone();
            (id(a.1), a.0).cmp(&(id(b.1), b.0))
        });
        edges
    }

    #[test]
    fn radix_sort_is_a_stable_sort() {
        let mut state = 7u64;
        let mut records: Vec<HalfEdge> = (0..5000)
            .map(|i| {
                state = state
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                (state >> 30, i, 0)
            })
            .collect();
        let mut expected = records.clone();
        expected.sort_by_key(|r| r.0);
        radix_sort(&mut records, 34);
        assert_eq!(records, expected);
    }

    #[test]
    fn orders_match_string_comparison() {
        // Long shared prefixes, a prefix of another id, a NUL byte, non-ASCII, the empty id.
        let ids = [
            "republic-of-kalo-2",
            "republic-of-kalo",
            "republic-of-kalo-10",
            "a",
            "a\0",
            "",
            "zoë",
            "zoe",
            "republic-of-kalorasen",
            "b",
        ];
        let edges = [
            (0, 1, Relation::MetWith),
            (1, 0, Relation::Condemned),
            (3, 3, Relation::Condemned),
            (3, 9, Relation::PledgedAidTo),
            (9, 3, Relation::PledgedAidTo),
            (2, 3, Relation::MetWith),
            (4, 3, Relation::Condemned),
            (5, 3, Relation::Condemned),
            (3, 6, Relation::Condemned),
        ];
        let g = graph(&ids, &edges);
        let mut expected: Vec<NodeKey> = g.nodes().collect();
        expected.sort_by(|a, b| g.entity(*a).id.cmp(&g.entity(*b).id));
        assert_eq!(g.nodes_by_id(), expected.as_slice());
        for node in g.nodes() {
            let fast: Vec<(EdgeKey, NodeKey, bool)> = g
                .sorted_adjacency(node)
                .iter()
                .map(|a| (a.edge, a.other, a.outgoing))
                .collect();
            assert_eq!(fast, slow_adjacency(&g, node), "{}", g.entity(node).id);
        }
        let mut few = vec![expected[7], expected[2], expected[5]];
        g.sort_by_id(&mut few);
        assert_eq!(few, vec![expected[2], expected[5], expected[7]]);
    }
}
