//! Every node's name in one string laid out for many reads: what a query returning `b.name`
//! for thousands of rows reads.
//!
//! Read from the entities, a name costs two cache misses at random places in hundreds of
//! megabytes (the entity record, then the name's bytes in the heap), one after the other. Here
//! a node's name is one 32-byte slot, read in one miss; a name too long for a slot is read from
//! its entity. The column is one allocation of 32 bytes a node (32 MB at a million nodes); where
//! the allocator backs it with 2 MiB pages (mimalloc did on the benchmark box), its reads rarely
//! miss the TLB either. Built lazily and dropped whenever a name or the node set changes.

use super::{KnowledgeGraph, NodeKey};
use petgraph::stable_graph::NodeIndex;

/// Bytes per node: a length byte and up to 31 bytes of name, half a cache line.
const SLOT: usize = 32;

/// The length byte of a slot whose name is on its entity (too long, or no node). Every byte
/// of the column is valid UTF-8 (lengths, this marker and the padding are ASCII), so a name is
/// cut out of it without checking its bytes again.
const ELSEWHERE: u8 = 0x7f;

/// The names of all nodes, by [`NodeKey::index`], a slot each.
#[derive(Debug, Clone, Default)]
pub(super) struct NameColumn {
    slots: String,
}

/// Node names read through the name column when it is built, from the entities otherwise.
#[derive(Clone, Copy)]
pub struct Names<'g> {
    graph: &'g KnowledgeGraph,
    column: Option<&'g NameColumn>,
}

impl<'g> Names<'g> {
    /// The node's name.
    pub fn get(&self, node: NodeKey) -> &'g str {
        self.column
            .and_then(|column| column.get(node.index()))
            .unwrap_or_else(|| &self.graph.entity(node).name)
    }

    /// The names of `nodes` (`None` stays `None`), in order, into `out`. Every slot is touched
    /// first in a loop whose iterations do not wait for each other, so the cache misses of
    /// many rows overlap; the names are then read from the cache.
    pub fn get_many(
        &self,
        nodes: impl Iterator<Item = Option<NodeKey>> + Clone,
        out: &mut Vec<Option<&'g str>>,
    ) {
        if let Some(column) = self.column {
            let bytes = column.slots.as_bytes();
            let length = |node: Option<NodeKey>| {
                let at = node.map_or(usize::MAX, |n| n.index().saturating_mul(SLOT));
                bytes.get(at).copied().unwrap_or(0)
            };
            std::hint::black_box(nodes.clone().map(length).fold(0u8, u8::wrapping_add));
        }
        out.extend(nodes.map(|node| node.map(|n| self.get(n))));
    }
}

impl NameColumn {
    fn get(&self, index: usize) -> Option<&str> {
        let at = index.checked_mul(SLOT)?;
        let len = *self.slots.as_bytes().get(at)?;
        if len == ELSEWHERE {
            return None;
        }
        self.slots.get(at + 1..at + 1 + usize::from(len))
    }
}

impl KnowledgeGraph {
    /// Node names for many reads: `build` makes the name column if it is not there yet (worth
    /// it only for many rows: it reads every entity); without it, names come from the entities
    /// until something builds it.
    pub fn names(&self, build: bool) -> Names<'_> {
        let column = match build {
            true => Some(self.name_column.get_or_init(|| self.build_name_column())),
            false => self.name_column.get(),
        };
        Names {
            graph: self,
            column,
        }
    }

    /// Drops the name column, after a node's name changed.
    pub(super) fn forget_names(&mut self) {
        self.name_column = std::sync::OnceLock::new();
    }

    fn build_name_column(&self) -> NameColumn {
        let n_nodes = self.node_bound();
        let mut slots = String::with_capacity(n_nodes * SLOT);
        for index in 0..n_nodes {
            let end = slots.len() + SLOT;
            match self.graph.node_weight(NodeIndex::new(index)) {
                Some(entity) if entity.name.len() < SLOT => {
                    slots.push(char::from(entity.name.len() as u8));
                    slots.push_str(&entity.name);
                }
                _ => slots.push(char::from(ELSEWHERE)),
            }
            while slots.len() < end {
                slots.push('\0');
            }
        }
        NameColumn { slots }
    }
}

#[cfg(test)]
mod tests {
    use crate::graph::{ArticleGraph, Entity, EntityRecord, GraphSnapshot, KnowledgeGraph};
    use crate::model::EntityType;
    use std::collections::BTreeSet;

    #[test]
    fn names_match_the_entities_before_and_after_the_column_is_built() {
        let entity = |(id, name): (&str, &str)| Entity {
            id: id.to_string(),
            name: name.to_string(),
            entity_type: EntityType::Person,
            aliases: BTreeSet::new(),
            title: None,
            mentions: 1,
            articles: BTreeSet::new(),
        };
        let nodes = [
            ("zed", "Zed Ö"),
            ("amy", "Amy"),
            ("", ""),
            ("long", "A Name Longer Than A Slot Of 32 Bytes"),
            ("bo", "Bo Bo"),
        ];
        let snapshot = GraphSnapshot {
            nodes: nodes.into_iter().map(entity).collect(),
            ..Default::default()
        };
        let g = KnowledgeGraph::from_snapshot(snapshot).expect("valid snapshot");
        for build in [false, true, false] {
            let names = g.names(build);
            for node in g.nodes() {
                assert_eq!(names.get(node), g.entity(node).name);
            }
        }
    }

    #[test]
    fn a_renamed_node_is_read_under_its_new_name() {
        let article = |id: &str, name: &str| ArticleGraph {
            article: id.into(),
            entities: vec![EntityRecord {
                name: name.into(),
                entity_type: EntityType::Person,
                aliases: BTreeSet::new(),
                title: None,
                mentions: 1,
            }],
            edges: vec![],
        };
        let mut g = KnowledgeGraph::new();
        g.merge(&article("a", "Kerry"));
        let node = g.find("Kerry").expect("merged");
        assert_eq!(g.names(true).get(node), "Kerry");
        g.merge(&article("b", "John Kerry"));
        assert_eq!(g.names(false).get(node), "John Kerry");
        assert_eq!(g.names(true).get(node), "John Kerry");
    }
}
