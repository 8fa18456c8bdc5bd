//! Provenance: which article added what, so reloading adds nothing and a changed article is replaced.
//!
//! Each merged article keeps a record: its content hash, its metadata, the nodes it mentioned (with
//! counts) and the edges it gave evidence to. Removing an article walks that record, takes back its
//! mentions and evidence, and drops edges and nodes nothing else supports. Knows nothing of text.

use super::{ArticleGraph, EdgeKey, Fact, KnowledgeGraph, NodeKey, type_slot};
use crate::ingest::{Article, ArticleMeta};
use std::collections::BTreeMap;

/// What the graph remembers of one merged article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleRecord {
    /// The content hash of the text (see [`crate::ingest::content_hash`]); `None` for articles
    /// merged through [`KnowledgeGraph::merge`], which sees no text.
    pub hash: Option<u64>,
    /// Title, date, URL and source.
    pub meta: ArticleMeta,
    /// Nodes the article mentioned, with how many times.
    pub(super) nodes: Vec<(NodeKey, u32)>,
    /// Edges it gave evidence to.
    pub(super) edges: Vec<EdgeKey>,
}

/// How an article stands against the graph, or what merging it did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleStatus {
    /// Not merged before: added.
    New,
    /// Merged before with the same text: nothing added (metadata refreshed).
    Unchanged,
    /// Merged before with other text: the old evidence was replaced.
    Changed,
    /// The same text is already merged under another id: nothing added.
    Duplicate {
        /// The id it is merged under.
        of: String,
    },
}

impl KnowledgeGraph {
    /// The record of one merged article.
    pub fn article_record(&self, id: &str) -> Option<&ArticleRecord> {
        self.sources.get(id)
    }

    /// An article's metadata, when it was merged with some.
    pub fn article_meta(&self, id: &str) -> Option<&ArticleMeta> {
        self.sources.get(id).map(|r| &r.meta)
    }

    /// The first and last date of the articles that support a fact (dates compare as text, so
    /// ISO `YYYY-MM-DD` orders correctly); `None` when no supporting article has a date.
    pub fn fact_dates(&self, fact: &Fact) -> Option<(&str, &str)> {
        let mut dates = fact
            .evidence
            .iter()
            .filter_map(|e| self.article_meta(&e.article)?.date.as_deref());
        let first = dates.next()?;
        Some(dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
    }

    /// How an article with this id and content hash stands against the graph.
    pub fn article_status(&self, id: &str, hash: u64) -> ArticleStatus {
        if let Some(record) = self.sources.get(id) {
            return if record.hash == Some(hash) {
                ArticleStatus::Unchanged
            } else {
                ArticleStatus::Changed
            };
        }
        match self.by_hash.get(&hash) {
            Some(other) => ArticleStatus::Duplicate { of: other.clone() },
            None => ArticleStatus::New,
        }
    }

    /// Merges an article's extraction, keyed by its content hash: the same text again adds
    /// nothing, new text under a known id replaces that article's old evidence. Returns what
    /// happened. `extracted` must come from `article`.
    pub fn merge_article(&mut self, article: &Article, extracted: &ArticleGraph) -> ArticleStatus {
        let hash = article.content_hash();
        let status = self.article_status(&article.id, hash);
        match &status {
            ArticleStatus::Unchanged => {
                if let Some(record) = self.sources.get_mut(&article.id) {
                    record.meta = article.meta.clone();
                }
                return status;
            }
            ArticleStatus::Duplicate { .. } => return status,
            ArticleStatus::Changed => {
                self.remove_article(&article.id);
            }
            ArticleStatus::New => {}
        }
        self.merge(extracted);
        let record = self.sources.entry(article.id.clone()).or_default();
        record.hash = Some(hash);
        record.meta = article.meta.clone();
        self.by_hash.insert(hash, article.id.clone());
        status
    }

    /// Takes back everything one article added: its mentions, its place in entities' article
    /// lists and its evidence. Edges left without evidence and nodes left without articles go.
    /// Names and aliases it added stay. Returns false when the article is not in the graph.
    pub fn remove_article(&mut self, id: &str) -> bool {
        let Some(record) = self.sources.remove(id) else {
            return false;
        };
        if let Some(hash) = record.hash
            && self.by_hash.get(&hash).is_some_and(|other| other == id)
        {
            self.by_hash.remove(&hash);
        }
        self.articles.remove(id);
        for edge in record.edges {
            self.take_evidence(edge, id);
        }
        let mut mentions: BTreeMap<NodeKey, u32> = BTreeMap::new();
        for (node, count) in record.nodes {
            *mentions.entry(node).or_default() += count;
        }
        for (node, count) in mentions {
            self.take_mentions(node, id, count);
        }
        true
    }

    /// Notes what merging one article's extraction added (called by `merge`).
    pub(super) fn record_contribution(
        &mut self,
        article: &str,
        nodes: Vec<(NodeKey, u32)>,
        edges: Vec<EdgeKey>,
    ) {
        let record = self.sources.entry(article.to_string()).or_default();
        record.nodes.extend(nodes);
        for edge in edges {
            if !record.edges.contains(&edge) {
                record.edges.push(edge);
            }
        }
    }

    fn take_evidence(&mut self, edge: EdgeKey, article: &str) {
        let Some(fact) = self.graph.edge_weight_mut(edge.0) else {
            return;
        };
        let before = fact.evidence.len();
        fact.evidence.retain(|e| e.article != article);
        if fact.evidence.is_empty() && before > 0 {
            self.graph.remove_edge(edge.0);
            self.forget_orders();
        }
    }

    fn take_mentions(&mut self, node: NodeKey, article: &str, count: u32) {
        let Some(entity) = self.graph.node_weight_mut(node.0) else {
            return;
        };
        if !entity.articles.remove(article) {
            return;
        }
        entity.mentions = entity.mentions.saturating_sub(count);
        if entity.articles.is_empty() {
            self.remove_node(node);
        }
    }

    /// Removes a node, its edges and its index entries.
    fn remove_node(&mut self, node: NodeKey) {
        let Some(entity) = self.graph.remove_node(node.0) else {
            return;
        };
        self.forget_orders();
        if self.by_id.get(&entity.id) == Some(&node) {
            self.by_id.remove(&entity.id);
        }
        self.by_type[type_slot(entity.entity_type)].retain(|n| *n != node);
        for form in std::iter::once(&entity.name).chain(&entity.aliases) {
            self.unindex_surname(node, form);
            let key = form.to_lowercase();
            if let Some(list) = self.by_form.get_mut(&key) {
                list.retain(|n| *n != node);
                if list.is_empty() {
                    self.by_form.remove(&key);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{EdgeRecord, EntityRecord, GraphSnapshot};
    use crate::model::{EntityType, Evidence, Relation};

    fn person(name: &str, mentions: u32) -> EntityRecord {
        EntityRecord {
            name: name.into(),
            entity_type: EntityType::Person,
            aliases: Default::default(),
            title: None,
            mentions,
        }
    }

    /// An article whose text stands for its extraction: `a` met `b`.
    fn meeting(id: &str, text: &str, a: &str, b: &str) -> (Article, ArticleGraph) {
        let evidence = Evidence {
            article: id.into(),
            sentence: text.into(),
            sentence_start: 0,
            trigger: (0, 3),
        };
        let graph = ArticleGraph {
            article: id.into(),
            entities: vec![person(a, 2), person(b, 1)],
            edges: vec![EdgeRecord {
                source: 0,
                target: 1,
                relation: Relation::MetWith,
                evidence: vec![evidence],
            }],
        };
        let mut article = Article::new(id, text);
        article.meta.date = Some(format!("2014-09-{:02}", text.len()));
        (article, graph)
    }

    fn merged(items: &[(Article, ArticleGraph)]) -> KnowledgeGraph {
        let mut g = KnowledgeGraph::new();
        for (article, extracted) in items {
            g.merge_article(article, extracted);
        }
        g
    }

    #[test]
    fn the_same_text_twice_adds_nothing() {
        let (a, ga) = meeting("a", "Kerry met Abadi.", "John Kerry", "Haider al-Abadi");
        let mut g = merged(&[(a.clone(), ga.clone())]);
        let before = g.snapshot();
        assert_eq!(g.merge_article(&a, &ga), ArticleStatus::Unchanged);
        let mut copy = a.clone();
        copy.id = "copy-of-a".into();
        assert_eq!(
            g.merge_article(&copy, &ga),
            ArticleStatus::Duplicate { of: "a".into() }
        );
        assert_eq!(g.snapshot(), before);
    }

    #[test]
    fn a_changed_article_replaces_its_evidence() {
        let (a, ga) = meeting("a", "Kerry met Abadi.", "John Kerry", "Haider al-Abadi");
        let (b, gb) = meeting(
            "b",
            "Kerry met Fabius there.",
            "John Kerry",
            "Laurent Fabius",
        );
        let mut g = merged(&[(a, ga), (b, gb)]);
        assert_eq!(g.node_count(), 3);
        let (a2, ga2) = meeting("a", "Kerry met Zarif today.", "John Kerry", "Javad Zarif");
        assert_eq!(g.merge_article(&a2, &ga2), ArticleStatus::Changed);
        // Abadi was only in the old text: gone, from the graph and from the name index.
        assert!(g.find("haider al-abadi").is_none());
        assert_eq!(g.node_count(), 3);
        assert_eq!(g.edge_count(), 2);
        let kerry = g.entity(g.find("John Kerry").unwrap());
        assert_eq!(kerry.mentions, 4);
        assert_eq!(kerry.articles.len(), 2);
        assert_eq!(g.nodes_of_type(EntityType::Person).len(), 3);
        // The same graph as loading the new text in the first place.
        let (b, gb) = meeting(
            "b",
            "Kerry met Fabius there.",
            "John Kerry",
            "Laurent Fabius",
        );
        let fresh = merged(&[(b, gb), (a2, ga2)]);
        assert_eq!(fresh.edge_count(), g.edge_count());
        assert_eq!(fresh.node_count(), g.node_count());
    }

    #[test]
    fn records_and_dates_survive_a_snapshot() {
        let (a, ga) = meeting("a", "Kerry met Abadi.", "John Kerry", "Haider al-Abadi");
        let (b, gb) = meeting(
            "b",
            "Kerry met Abadi again.",
            "John Kerry",
            "Haider al-Abadi",
        );
        let g = merged(&[(a, ga), (b, gb)]);
        let fact = g.edges().next().unwrap().fact;
        assert_eq!(g.fact_dates(fact), Some(("2014-09-16", "2014-09-22")));
        let snapshot: GraphSnapshot = g.snapshot();
        let mut back = KnowledgeGraph::from_snapshot(snapshot.clone()).unwrap();
        assert_eq!(back.snapshot(), snapshot);
        // Replacing still works on the reloaded graph.
        assert!(back.remove_article("b"));
        let fact = back.edges().next().unwrap().fact;
        assert_eq!(fact.evidence.len(), 1);
        assert_eq!(back.fact_dates(fact), Some(("2014-09-16", "2014-09-16")));
        assert!(back.remove_article("a"));
        assert_eq!((back.node_count(), back.edge_count()), (0, 0));
    }
}
