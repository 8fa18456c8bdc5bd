//! The knowledge graph: entities and facts merged across articles, petgraph inside.
//!
//! Callers see [`NodeKey`], [`EdgeKey`] and [`Entity`], never petgraph's indices. Symmetric
//! relations are stored once, ends ordered by node id. The graph is a `StableGraph`: replacing a
//! changed article ([`articles`]) removes edges and nodes, and every other key stays valid.
//! Evidence is a [`Citation`]: an article id and byte offsets into the text its record keeps.
//! This module knows nothing of queries or file formats.

mod articles;
mod columns;
mod evidence;
mod names;
mod order;
mod provenance;
mod snapshot;
mod text;

pub use articles::{ArticleRecord, ArticleStatus};
use columns::NameColumn;
pub use columns::Names;
pub use evidence::{ArticleId, Citation, EvidenceView};
pub use order::Adjacent;
use order::{Adjacency, IdOrder};
use provenance::{FormTable, NodeSources};
pub use snapshot::{ArticleSnapshot, GraphSnapshot, ShareSnapshot, SnapshotError};

use crate::model::{EntityType, Evidence, Relation, slug};
use petgraph::Direction;
use petgraph::stable_graph::{EdgeIndex, NodeIndex, StableDiGraph};
use petgraph::visit::{EdgeRef as _, IntoEdgeReferences as _};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::OnceLock;

/// An actor in the graph.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable id, the slug of the first full name seen (`john-kerry`).
    pub id: String,
    /// The fullest name seen.
    pub name: String,
    /// Person, state or organization.
    pub entity_type: EntityType,
    /// Every other surface form the entity was found under.
    pub aliases: BTreeSet<String>,
    /// A person's title or office, when an article gave one ("President").
    pub title: Option<String>,
    /// How many times the entity was mentioned, over all articles.
    pub mentions: u32,
    /// The articles it appears in.
    pub articles: BTreeSet<String>,
}

/// A relation between two entities with the sentences that support it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fact {
    /// Which relation.
    pub relation: Relation,
    /// One entry per supporting sentence; [`KnowledgeGraph::evidence_of`] resolves them.
    pub evidence: Vec<Citation>,
}

/// One entity as an extractor reports it, before merging.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityRecord {
    /// The fullest name in the article.
    pub name: String,
    /// Person, state or organization.
    pub entity_type: EntityType,
    /// Other surface forms in the article.
    pub aliases: BTreeSet<String>,
    /// Title or office, for persons.
    pub title: Option<String>,
    /// Mentions in the article.
    pub mentions: u32,
}

/// One relation as an extractor reports it: ends index [`ArticleGraph::entities`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EdgeRecord {
    /// Index of the source entity.
    pub source: usize,
    /// Index of the target entity.
    pub target: usize,
    /// Which relation.
    pub relation: Relation,
    /// Supporting sentences.
    pub evidence: Vec<Evidence>,
}

/// What the extractor read from one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleGraph {
    /// The article's path or id.
    pub article: String,
    /// Entities found.
    pub entities: Vec<EntityRecord>,
    /// Relations found.
    pub edges: Vec<EdgeRecord>,
}

/// Opaque handle to a node.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct NodeKey(NodeIndex<u32>);

impl NodeKey {
    /// A dense number for the node, usable as an index into per-node arrays.
    pub fn index(self) -> usize {
        self.0.index()
    }
}

/// Opaque handle to an edge. It carries the edge's relation, which never changes, so reading
/// an edge's type takes no look-up in the graph (a cache miss on a large graph).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EdgeKey(EdgeIndex<u32>, Relation);

impl EdgeKey {
    /// A dense number for the edge.
    pub fn index(self) -> usize {
        self.0.index()
    }

    /// The edge's relation.
    pub fn relation(self) -> Relation {
        self.1
    }
}

/// A borrowed view of one stored edge.
#[derive(Debug, Clone, Copy)]
pub struct EdgeRef<'a> {
    /// The edge's handle.
    pub key: EdgeKey,
    /// Stored source (for symmetric relations, the end with the smaller id).
    pub source: NodeKey,
    /// Stored target.
    pub target: NodeKey,
    /// The relation and its evidence.
    pub fact: &'a Fact,
}

impl EdgeRef<'_> {
    /// The end that is not `node` (or `node` itself for a self-loop).
    pub fn other(&self, node: NodeKey) -> NodeKey {
        if self.source == node {
            self.target
        } else {
            self.source
        }
    }
}

/// The merged graph of many articles.
#[derive(Debug, Clone, Default)]
pub struct KnowledgeGraph {
    graph: StableDiGraph<Entity, Fact, u32>,
    by_id: HashMap<String, NodeKey>,
    /// Lowercased name and aliases -> nodes.
    by_form: HashMap<String, Vec<NodeKey>>,
    by_type: [Vec<NodeKey>; 3],
    /// Every article's record, by [`ArticleId`]; removed articles leave empty slots.
    records: Vec<ArticleRecord>,
    /// Live articles by path or id.
    article_index: BTreeMap<String, ArticleId>,
    /// Content hash -> the article merged with it.
    by_hash: HashMap<u64, ArticleId>,
    /// The bytes of every article's kept text (see `text.rs`); removed articles' bytes stay
    /// until the graph is saved and opened again.
    cited_text: String,
    /// Names, aliases and titles the article records refer to.
    forms: FormTable,
    /// Per node, how many articles gave each of its names (see `provenance.rs`).
    node_sources: FxHashMap<NodeKey, NodeSources>,
    /// Person nodes by the slug of their name's last word.
    by_surname: HashMap<String, Vec<NodeKey>>,
    /// Person nodes' given names as slugs (see `names.rs`).
    given_names: FxHashMap<NodeKey, Option<String>>,
    /// Nodes in id order, built on first use and dropped when a node is added.
    id_order: OnceLock<IdOrder>,
    /// Each node's edges in one array, built on first use and dropped when the graph changes.
    adjacency: OnceLock<Adjacency>,
    /// Every node's name in a slot (see `columns.rs`), built on first use and dropped when a
    /// name or the node set changes.
    name_column: OnceLock<NameColumn>,
}

impl KnowledgeGraph {
    /// An empty graph.
    pub fn new() -> Self {
        Self::default()
    }

    /// Number of entities.
    pub fn node_count(&self) -> usize {
        self.graph.node_count()
    }

    /// Number of stored edges (a symmetric relation counts once).
    pub fn edge_count(&self) -> usize {
        self.graph.edge_count()
    }

    /// The articles merged so far, sorted.
    pub fn articles(&self) -> impl ExactSizeIterator<Item = &str> + '_ {
        self.article_index.keys().map(String::as_str)
    }

    /// All nodes, in insertion order.
    pub fn nodes(&self) -> impl Iterator<Item = NodeKey> + '_ {
        self.graph.node_indices().map(NodeKey)
    }

    /// Nodes of one type, in insertion order.
    pub fn nodes_of_type(&self, entity_type: EntityType) -> &[NodeKey] {
        &self.by_type[type_slot(entity_type)]
    }

    /// The entity behind a key.
    pub fn entity(&self, node: NodeKey) -> &Entity {
        &self.graph[node.0]
    }

    /// The node with this id.
    pub fn by_id(&self, id: &str) -> Option<NodeKey> {
        self.by_id.get(id).copied()
    }

    /// Nodes whose name or an alias equals `form`, ignoring case.
    pub fn find_all(&self, form: &str) -> &[NodeKey] {
        self.by_form
            .get(&form.to_lowercase())
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The best node for a name: exact id, exact name, then name or alias ignoring case.
    pub fn find(&self, form: &str) -> Option<NodeKey> {
        if let Some(node) = self.by_id(form) {
            return Some(node);
        }
        let candidates = self.find_all(form);
        candidates
            .iter()
            .copied()
            .find(|n| self.entity(*n).name == form)
            .or_else(|| candidates.first().copied())
    }

    /// Every stored edge, in insertion order.
    pub fn edges(&self) -> impl Iterator<Item = EdgeRef<'_>> + '_ {
        self.graph
            .edge_references()
            .map(|e| self.edge(EdgeKey(e.id(), e.weight().relation)))
    }

    /// One edge.
    pub fn edge(&self, key: EdgeKey) -> EdgeRef<'_> {
        let (source, target) = self
            .graph
            .edge_endpoints(key.0)
            .expect("edge key of a removed edge");
        EdgeRef {
            key,
            source: NodeKey(source),
            target: NodeKey(target),
            fact: &self.graph[key.0],
        }
    }

    /// The relation and evidence of one edge, without looking up its ends.
    pub fn fact(&self, key: EdgeKey) -> &Fact {
        &self.graph[key.0]
    }

    /// Edges leaving `node` as stored.
    pub fn outgoing(&self, node: NodeKey) -> impl Iterator<Item = EdgeRef<'_>> + '_ {
        self.adjacent(node, Direction::Outgoing)
    }

    /// Edges entering `node` as stored.
    pub fn incoming(&self, node: NodeKey) -> impl Iterator<Item = EdgeRef<'_>> + '_ {
        self.adjacent(node, Direction::Incoming)
    }

    /// Edges touching `node` either way (a self-loop once).
    pub fn edges_of(&self, node: NodeKey) -> impl Iterator<Item = EdgeRef<'_>> + '_ {
        self.outgoing(node)
            .chain(self.incoming(node).filter(|e| e.source != e.target))
    }

    /// Number of edges touching `node`.
    pub fn degree(&self, node: NodeKey) -> usize {
        self.edges_of(node).count()
    }

    fn adjacent(&self, node: NodeKey, dir: Direction) -> impl Iterator<Item = EdgeRef<'_>> + '_ {
        self.graph.edges_directed(node.0, dir).map(|e| EdgeRef {
            key: EdgeKey(e.id(), e.weight().relation),
            source: NodeKey(e.source()),
            target: NodeKey(e.target()),
            fact: e.weight(),
        })
    }

    /// Adds an entity as is, or merges it into the node with the same id. Returns its key.
    pub fn upsert_entity(&mut self, entity: Entity) -> NodeKey {
        if let Some(node) = self.by_id(&entity.id) {
            self.absorb(node, &entity);
            return node;
        }
        let id = entity.id.clone();
        let forms: Vec<String> = entity_forms(&entity);
        let slot = type_slot(entity.entity_type);
        let node = NodeKey(self.graph.add_node(entity));
        self.forget_orders();
        self.by_id.insert(id, node);
        self.by_type[slot].push(node);
        for form in forms {
            self.index_form(&form, node);
        }
        self.index_surname(node);
        node
    }

    /// Records that an article was merged (or is named by an imported document).
    pub fn note_article(&mut self, article: &str) {
        self.intern_article(article);
    }

    /// Merges one article's extraction: one actor is one node across articles.
    ///
    /// This adds even when the article was merged before; [`KnowledgeGraph::merge_article`]
    /// checks the content hash first.
    pub fn merge(&mut self, article: &ArticleGraph) {
        let article_id = self.intern_article(&article.article);
        let keys: Vec<NodeKey> = article
            .entities
            .iter()
            .map(|rec| self.merge_entity(rec, &article.article))
            .collect();
        for edge in &article.edges {
            let (Some(&source), Some(&target)) = (keys.get(edge.source), keys.get(edge.target))
            else {
                continue;
            };
            self.add_evidence(source, target, edge.relation, &edge.evidence);
        }
        self.records[article_id.index()].extracted = true;
        self.record_shares(article_id, &keys, &article.entities);
    }

    fn merge_entity(&mut self, rec: &EntityRecord, article: &str) -> NodeKey {
        let entity = Entity {
            id: slug(&rec.name),
            name: rec.name.clone(),
            entity_type: rec.entity_type,
            aliases: rec.aliases.clone(),
            title: rec.title.clone(),
            mentions: rec.mentions,
            articles: BTreeSet::from([article.to_string()]),
        };
        match self.same_actor(&entity) {
            Some(node) => {
                self.absorb(node, &entity);
                node
            }
            None => {
                let mut entity = entity;
                if self.by_id.contains_key(&entity.id) {
                    // Same slug, different type: keep both, told apart by type.
                    entity.id = format!("{}-{}", entity.id, entity.entity_type.as_str());
                }
                self.upsert_entity(entity)
            }
        }
    }

    /// The node that is the same actor as `entity`: same id and type, else one unambiguous
    /// node of the same type that shares a full name with it.
    fn same_actor(&self, entity: &Entity) -> Option<NodeKey> {
        if let Some(node) = self.by_id(&entity.id)
            && self.entity(node).entity_type == entity.entity_type
        {
            return Some(node);
        }
        let typed_id = format!("{}-{}", entity.id, entity.entity_type.as_str());
        if let Some(node) = self.by_id(&typed_id) {
            return Some(node);
        }
        // A surname alone ("Kerry") merges only when one node of the type carries it.
        let mut found: Option<NodeKey> = None;
        for form in entity_forms(entity) {
            let candidates: Vec<NodeKey> = self
                .find_all(&form)
                .iter()
                .copied()
                .filter(|n| self.entity(*n).entity_type == entity.entity_type)
                .collect();
            let names_match = |n: &NodeKey| {
                let other = self.entity(*n);
                form.eq_ignore_ascii_case(&other.name) || form.eq_ignore_ascii_case(&entity.name)
            };
            match candidates.as_slice() {
                [one] if names_match(one) => match found {
                    Some(prev) if prev != *one => return None,
                    _ => found = Some(*one),
                },
                [] => {}
                _ => {}
            }
        }
        found.or_else(|| self.same_person(entity))
    }

    fn absorb(&mut self, node: NodeKey, entity: &Entity) {
        let existing = &mut self.graph[node.0];
        let mut new_forms = Vec::new();
        let mut renamed = false;
        // The fuller name wins; the other becomes an alias.
        if entity.name.len() > existing.name.len() && entity.name != existing.name {
            let old = std::mem::replace(&mut existing.name, entity.name.clone());
            existing.aliases.insert(old);
            existing.aliases.remove(&entity.name);
            new_forms.push(entity.name.clone());
            renamed = true;
        } else if entity.name != existing.name && existing.aliases.insert(entity.name.clone()) {
            new_forms.push(entity.name.clone());
        }
        for alias in &entity.aliases {
            if *alias != existing.name && existing.aliases.insert(alias.clone()) {
                new_forms.push(alias.clone());
            }
        }
        if existing.title.is_none() {
            existing.title = entity.title.clone();
        }
        existing.mentions += entity.mentions;
        existing.articles.extend(entity.articles.iter().cloned());
        for form in new_forms {
            self.index_form(&form, node);
        }
        if renamed {
            self.forget_names();
            self.index_surname(node);
            self.rekey_surname_node(node, &entity.id);
        }
    }

    /// A node first seen as a bare surname ("kerry") takes the id of the first full name it
    /// absorbs ("john-kerry"), when that id is free.
    fn rekey_surname_node(&mut self, node: NodeKey, new_id: &str) {
        let entity = &self.graph[node.0];
        if entity.id.contains('-') || !new_id.contains('-') || self.by_id.contains_key(new_id) {
            return;
        }
        let old_id = std::mem::replace(&mut self.graph[node.0].id, new_id.to_string());
        // A new id moves the node in id order.
        self.forget_orders();
        self.by_id.remove(&old_id);
        self.by_id.insert(new_id.to_string(), node);
    }

    fn index_form(&mut self, form: &str, node: NodeKey) {
        let list = self.by_form.entry(form.to_lowercase()).or_default();
        if !list.contains(&node) {
            list.push(node);
        }
    }

    /// Takes `node` off a lowercased form's index entry.
    fn unindex_form(&mut self, key: &str, node: NodeKey) {
        if let Some(list) = self.by_form.get_mut(key) {
            list.retain(|n| *n != node);
            if list.is_empty() {
                self.by_form.remove(key);
            }
        }
    }
}

fn entity_forms(entity: &Entity) -> Vec<String> {
    std::iter::once(entity.name.clone())
        .chain(entity.aliases.iter().cloned())
        .collect()
}

fn type_slot(entity_type: EntityType) -> usize {
    match entity_type {
        EntityType::Person => 0,
        EntityType::State => 1,
        EntityType::Organization => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(name: &str, entity_type: EntityType, aliases: &[&str]) -> EntityRecord {
        EntityRecord {
            name: name.into(),
            entity_type,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            title: None,
            mentions: 1,
        }
    }

    fn evidence(article: &str) -> Evidence {
        Evidence {
            article: article.into(),
            sentence: "s".into(),
            sentence_start: 0,
            trigger: (0, 1),
        }
    }

    #[test]
    fn symmetric_edges_are_stored_once_in_id_order() {
        let mut g = KnowledgeGraph::new();
        let a = ArticleGraph {
            article: "a".into(),
            entities: vec![
                record("Zed", EntityType::Person, &[]),
                record("Amy", EntityType::Person, &[]),
            ],
            edges: vec![
                EdgeRecord {
                    source: 0,
                    target: 1,
                    relation: Relation::MetWith,
                    evidence: vec![evidence("a")],
                },
                EdgeRecord {
                    source: 1,
                    target: 0,
                    relation: Relation::MetWith,
                    evidence: vec![evidence("a")],
                },
            ],
        };
        g.merge(&a);
        assert_eq!(g.edge_count(), 1);
        let e = g.edges().next().unwrap();
        assert_eq!(g.entity(e.source).name, "Amy");
        assert_eq!(e.fact.evidence.len(), 1);
    }

    #[test]
    fn one_actor_is_one_node_across_articles() {
        let mut g = KnowledgeGraph::new();
        for (article, name, aliases) in [
            ("a", "John Kerry", &["Kerry"][..]),
            ("b", "Kerry", &[][..]),
            ("c", "John Kerry", &["Secretary of State John Kerry"][..]),
        ] {
            g.merge(&ArticleGraph {
                article: article.into(),
                entities: vec![record(name, EntityType::Person, aliases)],
                edges: vec![],
            });
        }
        assert_eq!(g.node_count(), 1);
        let kerry = g.find("kerry").unwrap();
        assert_eq!(g.entity(kerry).articles.len(), 3);
        assert_eq!(g.entity(kerry).mentions, 3);
    }

    #[test]
    fn a_rekeyed_node_moves_in_id_order() {
        let mut g = KnowledgeGraph::new();
        let article = |name: &str, entities| ArticleGraph {
            article: name.into(),
            entities,
            edges: vec![],
        };
        g.merge(&article(
            "a",
            vec![
                record("Kerry", EntityType::Person, &[]),
                record("Jones", EntityType::Person, &[]),
            ],
        ));
        let ids = |g: &KnowledgeGraph| -> Vec<String> {
            g.nodes_by_id()
                .iter()
                .map(|n| g.entity(*n).id.clone())
                .collect()
        };
        assert_eq!(ids(&g), ["jones", "kerry"]);
        // No edge is added, so only the new id can tell the order to go.
        g.merge(&article(
            "b",
            vec![record("John Kerry", EntityType::Person, &[])],
        ));
        assert_eq!(ids(&g), ["john-kerry", "jones"]);
    }

    #[test]
    fn namesakes_of_different_types_stay_apart() {
        let mut g = KnowledgeGraph::new();
        g.merge(&ArticleGraph {
            article: "a".into(),
            entities: vec![
                record("Georgia", EntityType::State, &[]),
                record("Georgia", EntityType::Person, &[]),
            ],
            edges: vec![],
        });
        assert_eq!(g.node_count(), 2);
    }
}
