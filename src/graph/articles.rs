//! Provenance: which article added what, so reloading adds nothing and a changed article is replaced.
//!
//! Each article has a record, numbered by [`ArticleId`]: its id, content hash, metadata, the text
//! of the sentences its evidence cites, the edges it gave evidence to and what it gave each node
//! (mentions and names, see `provenance.rs`). Removing an article walks that record, takes back
//! its evidence, mentions and names, and drops edges and nodes nothing else supports. A removed
//! record stays as an empty slot until the graph is saved, so other ids stay valid.

use super::provenance::{FormId, NodeShare};
use super::text::ArticleText;
use super::{ArticleGraph, ArticleId, EdgeKey, Fact, KnowledgeGraph, NodeKey, type_slot};
use crate::ingest::{Article, ArticleMeta};
use std::collections::BTreeMap;

/// What the graph remembers of one article.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleRecord {
    /// The article's path or id.
    pub(super) id: String,
    /// The content hash of the text (see [`crate::ingest::content_hash`]); `None` for articles
    /// merged through [`KnowledgeGraph::merge`], which sees no text.
    pub hash: Option<u64>,
    /// Title, date, URL and source.
    pub meta: ArticleMeta,
    /// True when an extraction of the article was merged, so a new text replaces it (articles
    /// only named by a GRAPH-JSON import are not).
    pub(super) extracted: bool,
    /// What the article gave each node it reported.
    pub(super) shares: Vec<NodeShare>,
    /// The aliases of `shares`, by range.
    pub(super) share_forms: Vec<FormId>,
    /// Edges citing the article.
    pub(super) edges: Vec<EdgeKey>,
    /// The sentences its citations slice.
    pub(super) text: ArticleText,
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
    /// The record of a live article.
    pub fn article_record(&self, id: &str) -> Option<&ArticleRecord> {
        self.article_id(id).map(|a| &self.records[a.index()])
    }

    /// An article's metadata, when it was merged with some.
    pub fn article_meta(&self, id: &str) -> Option<&ArticleMeta> {
        self.article_record(id).map(|r| &r.meta)
    }

    /// The first and last date of the articles that support a fact (dates compare as text, so
    /// ISO `YYYY-MM-DD` orders correctly); `None` when no supporting article has a date.
    pub fn fact_dates(&self, fact: &Fact) -> Option<(&str, &str)> {
        let mut dates = fact.evidence.iter().filter_map(|c| {
            let record = self.records.get(c.article.index())?;
            record.meta.date.as_deref()
        });
        let first = dates.next()?;
        Some(dates.fold((first, first), |(lo, hi), d| (lo.min(d), hi.max(d))))
    }

    /// How an article with this id and content hash stands against the graph.
    pub fn article_status(&self, id: &str, hash: u64) -> ArticleStatus {
        if let Some(record) = self.article_record(id)
            && record.extracted
        {
            return if record.hash == Some(hash) {
                ArticleStatus::Unchanged
            } else {
                ArticleStatus::Changed
            };
        }
        match self.by_hash.get(&hash) {
            Some(other) => ArticleStatus::Duplicate {
                of: self.article_name(*other).to_string(),
            },
            None => ArticleStatus::New,
        }
    }

    /// Merges an article's extraction, keyed by its content hash: the same text again adds
    /// nothing, new text under a known id replaces that article's old evidence, mentions and
    /// names. Returns what happened. `extracted` must come from `article`.
    pub fn merge_article(&mut self, article: &Article, extracted: &ArticleGraph) -> ArticleStatus {
        let hash = article.content_hash();
        let status = self.article_status(&article.id, hash);
        match &status {
            ArticleStatus::Unchanged => {
                if let Some(a) = self.article_id(&article.id) {
                    self.records[a.index()].meta = article.meta.clone();
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
        let id = self.intern_article(&article.id);
        let record = &mut self.records[id.index()];
        record.hash = Some(hash);
        record.meta = article.meta.clone();
        record.extracted = true;
        self.by_hash.insert(hash, id);
        status
    }

    /// Takes back everything one merged article added: its evidence, mentions, place in
    /// entities' article lists, and the names, aliases and titles only it gave. Edges left
    /// without evidence and nodes left without articles go. Returns false when no extraction of
    /// the article is in the graph.
    pub fn remove_article(&mut self, id: &str) -> bool {
        let Some(article) = self.article_id(id) else {
            return false;
        };
        if !self.records[article.index()].extracted {
            return false;
        }
        let nodes = self.shared_nodes(article);
        if let Some(hash) = self.records[article.index()].hash
            && self.by_hash.get(&hash) == Some(&article)
        {
            self.by_hash.remove(&hash);
        }
        self.article_index.remove(id);
        for edge in std::mem::take(&mut self.records[article.index()].edges) {
            self.take_evidence(edge, article);
        }
        self.count_shares(article, 0, false);
        let mut mentions: BTreeMap<NodeKey, u32> = BTreeMap::new();
        for share in &self.records[article.index()].shares {
            *mentions.entry(share.node).or_default() += share.mentions;
        }
        for (node, count) in mentions {
            self.take_mentions(node, id, count);
        }
        for (node, tracked) in nodes {
            if tracked && self.graph.contains_node(node.0) {
                self.rebuild_names(node);
            }
        }
        // An empty slot: nothing cites it any more, and other ids stay valid.
        let record = &mut self.records[article.index()];
        *record = ArticleRecord {
            id: std::mem::take(&mut record.id),
            ..ArticleRecord::default()
        };
        true
    }

    /// Notes that `edge` cites `article` (called by `add_fact`).
    pub(super) fn note_citing_edge(&mut self, article: ArticleId, edge: EdgeKey) {
        let Some(record) = self.records.get_mut(article.index()) else {
            return;
        };
        if record.edges.last() != Some(&edge) && !record.edges.contains(&edge) {
            record.edges.push(edge);
        }
    }

    fn take_evidence(&mut self, edge: EdgeKey, article: ArticleId) {
        let Some(fact) = self.graph.edge_weight_mut(edge.0) else {
            return;
        };
        let before = fact.evidence.len();
        fact.evidence.retain(|c| c.article != article);
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
        self.forget_sources(node);
        self.given_names.remove(&node);
        if self.by_id.get(&entity.id) == Some(&node) {
            self.by_id.remove(&entity.id);
        }
        self.by_type[type_slot(entity.entity_type)].retain(|n| *n != node);
        for form in std::iter::once(&entity.name).chain(&entity.aliases) {
            self.unindex_surname(node, form);
            self.unindex_form(&form.to_lowercase(), node);
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

    /// An article where `name` (with `aliases` and `title`) condemned Iran.
    fn condemnation(
        id: &str,
        text: &str,
        name: &str,
        aliases: &[&str],
        title: Option<&str>,
    ) -> (Article, ArticleGraph) {
        let mut kerry = person(name, 1);
        kerry.aliases = aliases.iter().map(|a| a.to_string()).collect();
        kerry.title = title.map(str::to_string);
        let iran = EntityRecord {
            entity_type: EntityType::State,
            ..person("Iran", 1)
        };
        let start = text.len() - 1;
        let graph = ArticleGraph {
            article: id.into(),
            entities: vec![kerry, iran],
            edges: vec![EdgeRecord {
                source: 0,
                target: 1,
                relation: Relation::Condemned,
                evidence: vec![Evidence {
                    article: id.into(),
                    sentence: text.into(),
                    sentence_start: 0,
                    trigger: (start.min(6), start.min(15)),
                }],
            }],
        };
        (Article::new(id, text), graph)
    }

    fn names(g: &KnowledgeGraph, form: &str) -> (String, Vec<String>, Option<String>) {
        let entity = g.entity(g.find(form).unwrap());
        let aliases = entity.aliases.iter().cloned().collect();
        (entity.name.clone(), aliases, entity.title.clone())
    }

    #[test]
    fn a_changed_article_takes_back_the_names_only_it_gave() {
        let (a, ga) = condemnation(
            "a",
            "Secretary Kerry condemned Iran.",
            "John Kerry",
            &["Kerry", "Secretary Kerry"],
            Some("Secretary"),
        );
        let (b, gb) = condemnation(
            "b",
            "Kerry condemned Iran again.",
            "John Kerry",
            &["Kerry"],
            None,
        );
        let mut g = merged(&[(a, ga), (b.clone(), gb.clone())]);
        assert!(g.find("Secretary Kerry").is_some());
        let (a2, ga2) = condemnation(
            "a",
            "Mr. Kerry condemned Iran.",
            "John Kerry",
            &["Mr. Kerry"],
            None,
        );
        assert_eq!(g.merge_article(&a2, &ga2), ArticleStatus::Changed);
        assert!(
            g.find("Secretary Kerry").is_none(),
            "an alias only the old text gave"
        );
        let expected = (
            "John Kerry".to_string(),
            vec!["Kerry".to_string(), "Mr. Kerry".to_string()],
            None,
        );
        assert_eq!(names(&g, "Kerry"), expected);
        // As if the new text had been loaded in the first place, and the same after a reload.
        assert_eq!(names(&merged(&[(b, gb), (a2, ga2)]), "Kerry"), expected);
        let mut back = KnowledgeGraph::from_snapshot(g.snapshot()).unwrap();
        assert_eq!(back.snapshot(), g.snapshot());
        let (a3, ga3) = condemnation("a", "Kerry, again, condemned Iran.", "Kerry", &[], None);
        back.merge_article(&a3, &ga3);
        assert_eq!(names(&back, "Kerry").1, ["Kerry"]);
        assert!(back.find("Mr. Kerry").is_none());
    }

    #[test]
    fn a_full_name_only_the_old_text_gave_goes_back_to_what_is_left() {
        let (a, ga) = condemnation(
            "a",
            "Secretary John Kerry condemned Iran.",
            "John Kerry",
            &[],
            Some("Secretary"),
        );
        let (b, gb) = condemnation("b", "Kerry condemned Iran.", "Kerry", &[], None);
        let mut g = merged(&[(a, ga), (b, gb)]);
        assert_eq!(g.node_count(), 2, "Kerry joined John Kerry");
        let (a2, ga2) = meeting("a", "Zarif met Abadi.", "Javad Zarif", "Haider al-Abadi");
        g.merge_article(&a2, &ga2);
        assert_eq!(names(&g, "Kerry"), ("Kerry".to_string(), vec![], None));
        assert!(g.find("John Kerry").is_none());
        assert_eq!(g.node_count(), 4);
    }

    #[test]
    fn names_from_elsewhere_are_kept() {
        let (a, ga) = condemnation(
            "a",
            "Secretary Kerry condemned Iran.",
            "John Kerry",
            &["Secretary Kerry"],
            None,
        );
        let mut g = merged(&[(a, ga)]);
        // A name the graph got outside any article record (as a GRAPH-JSON import gives it).
        g.upsert_entity(crate::graph::Entity {
            id: "john-kerry".into(),
            name: "John Kerry".into(),
            entity_type: EntityType::Person,
            aliases: ["JFK".to_string()].into(),
            title: None,
            mentions: 1,
            articles: ["a".to_string(), "x.json".to_string()].into(),
        });
        let (a2, ga2) = condemnation("a", "Kerry condemned Iran.", "John Kerry", &["Kerry"], None);
        g.merge_article(&a2, &ga2);
        let (_, aliases, _) = names(&g, "John Kerry");
        assert!(
            aliases.contains(&"JFK".to_string())
                && aliases.contains(&"Secretary Kerry".to_string()),
            "{aliases:?}"
        );
    }

    #[test]
    fn evidence_points_into_the_new_text() {
        let (a, ga) = condemnation(
            "a",
            "Secretary Kerry condemned Iran.",
            "John Kerry",
            &[],
            None,
        );
        let mut g = merged(&[(a, ga)]);
        let (a2, ga2) = condemnation("a", "Kerry condemned Iran.", "John Kerry", &[], None);
        g.merge_article(&a2, &ga2);
        let fact = g.edges().next().unwrap().fact;
        let views: Vec<_> = g.evidence_of(fact).collect();
        assert_eq!(views.len(), 1);
        assert_eq!(
            (views[0].article, views[0].sentence),
            ("a", "Kerry condemned Iran.")
        );
        assert_eq!(
            g.records.iter().filter(|r| r.text.len() > 0).count(),
            1,
            "the old text is gone"
        );
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
