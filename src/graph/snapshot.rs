//! The graph as plain data for the store: nodes, edges and article records by position.
//!
//! Knows nothing of the file format around it (that is `store.rs`); rebuilding checks every
//! position and every cited byte range, so a decoded but inconsistent snapshot is an error,
//! never a panic. Evidence stays compact here too: citations by article position and offsets,
//! each article's cited sentences once in `text`.

use super::provenance::{FormId, NodeShare};
use super::text::ArticleText;
use super::{ArticleId, ArticleRecord, Citation, EdgeKey, Entity, Fact, KnowledgeGraph, NodeKey};
use crate::ingest::ArticleMeta;
use petgraph::visit::EdgeIndexable as _;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap};

/// The graph as plain data, for the store.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GraphSnapshot {
    /// Entities in key order.
    pub nodes: Vec<Entity>,
    /// `(source position, target position, fact)`; citations name articles by position.
    pub edges: Vec<(u32, u32, Fact)>,
    /// Article records in id order.
    pub articles: Vec<ArticleSnapshot>,
    /// Names, aliases and titles that shares refer to by position.
    pub forms: Vec<String>,
    /// Every article's kept text, one after another in article order, each in piece order.
    pub text: String,
}

/// One article's record by position.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleSnapshot {
    /// The article's path or id.
    pub id: String,
    /// The content hash of its text, when known.
    pub hash: Option<u64>,
    /// Title, date, URL, source.
    pub meta: ArticleMeta,
    /// True when an extraction of it was merged (so a new text replaces it).
    pub extracted: bool,
    /// What it gave each node.
    pub shares: Vec<ShareSnapshot>,
    /// The aliases of all shares, as form positions, each share's `aliases` in turn.
    pub share_forms: Vec<u32>,
    /// Positions of the edges citing it.
    pub edges: Vec<u32>,
    /// `(byte offset in the article, length)` of each kept sentence, in article order.
    pub pieces: Vec<(u32, u32)>,
}

/// What one article gave one node.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ShareSnapshot {
    /// Node position.
    pub node: u32,
    /// Mentions in the article.
    pub mentions: u32,
    /// Form position of the name it used.
    pub name: u32,
    /// How many of the record's `share_forms` are this share's aliases.
    pub aliases: u32,
    /// Form position of the title it gave.
    pub title: Option<u32>,
}

/// A snapshot that does not hold together.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SnapshotError {
    /// A position past the end of what it indexes.
    #[error("{what} {at} points to {kind} {position}, but there are only {count} {kind}s")]
    Dangling {
        /// `edge` or `article record`.
        what: &'static str,
        /// Position of the bad item.
        at: usize,
        /// `node`, `edge`, `article` or `form`.
        kind: &'static str,
        /// The missing position.
        position: u32,
        /// How many there are.
        count: usize,
    },
    /// A citation whose sentence is not in its article's kept text.
    #[error("edge {edge} cites bytes {start}..{end} of article {article}, which hold no kept text")]
    NoText {
        /// Position of the edge.
        edge: usize,
        /// Position of the article.
        article: u32,
        /// Start of the sentence.
        start: u32,
        /// End of the sentence.
        end: u32,
    },
    /// An article's pieces overlap, are out of order, split a character or run past `text`.
    #[error("article record {at} has unordered or overlapping pieces of text")]
    BadText {
        /// Position of the article.
        at: usize,
    },
}

impl KnowledgeGraph {
    /// The graph as plain data. Removed articles' empty slots are left out and citations
    /// renumbered, so the same graph always gives the same snapshot.
    pub fn snapshot(&self) -> GraphSnapshot {
        let node_position = Positions::new(self.node_bound(), self.nodes().map(|n| n.index()));
        let edge_position =
            Positions::new(self.graph.edge_bound(), self.edges().map(|e| e.key.index()));
        let live: Vec<ArticleId> = self.live_articles().collect();
        let mut article_position = vec![None; self.records.len()];
        for (position, article) in live.iter().enumerate() {
            article_position[article.index()] = Some(ArticleId(position as u32));
        }
        let mut out = GraphSnapshot {
            nodes: self.nodes().map(|n| self.entity(n).clone()).collect(),
            edges: self
                .edges()
                .map(|e| {
                    let evidence = e
                        .fact
                        .evidence
                        .iter()
                        .filter_map(|c| {
                            let article = article_position.get(c.article.index()).copied()??;
                            Some(Citation { article, ..*c })
                        })
                        .collect();
                    let fact = Fact {
                        relation: e.fact.relation,
                        evidence,
                    };
                    let (source, target) = (e.source.index(), e.target.index());
                    (node_position.of(source), node_position.of(target), fact)
                })
                .collect(),
            ..GraphSnapshot::default()
        };
        let mut forms = FormPositions::default();
        for article in live {
            let record = &self.records[article.index()];
            let snapshot =
                self.article_snapshot(record, &node_position, &edge_position, &mut forms);
            out.text
                .extend(record.text.pieces(&self.cited_text).map(|(_, t)| t));
            out.articles.push(snapshot);
        }
        out.forms = forms.texts;
        out
    }

    /// Rebuilds a graph from a snapshot, checking that every position and cited range exists.
    pub fn from_snapshot(snapshot: GraphSnapshot) -> Result<KnowledgeGraph, SnapshotError> {
        let mut graph = KnowledgeGraph::new();
        let keys: Vec<NodeKey> = snapshot
            .nodes
            .into_iter()
            .map(|e| graph.upsert_entity(e))
            .collect();
        let forms: Vec<FormId> = snapshot
            .forms
            .iter()
            .map(|f| graph.forms.intern(f))
            .collect();
        // The saved text becomes the arena as it is: each article's pieces follow the last's.
        graph.cited_text = snapshot.text;
        let mut text_at = 0usize;
        let mut articles = Vec::with_capacity(snapshot.articles.len());
        for (at, mut article) in snapshot.articles.into_iter().enumerate() {
            let text = ArticleText::from_parts(&article.pieces, &graph.cited_text, text_at)
                .ok_or(SnapshotError::BadText { at })?;
            text_at += article.pieces.iter().map(|p| p.1 as usize).sum::<usize>();
            let id = ArticleId(at as u32);
            if let Some(hash) = article.hash {
                graph.by_hash.insert(hash, id);
            }
            graph.article_index.insert(article.id.clone(), id);
            graph.records.push(ArticleRecord {
                id: std::mem::take(&mut article.id),
                hash: article.hash,
                meta: std::mem::take(&mut article.meta),
                extracted: article.extracted,
                text,
                ..ArticleRecord::default()
            });
            articles.push(article);
        }
        let mut edge_keys = Vec::with_capacity(snapshot.edges.len());
        for (i, (s, t, fact)) in snapshot.edges.into_iter().enumerate() {
            let source = lookup(&keys, s, "edge", i, "node")?;
            let target = lookup(&keys, t, "edge", i, "node")?;
            for c in &fact.evidence {
                graph.check_citation(i, c)?;
            }
            let relation = fact.relation;
            let edge = graph.graph.add_edge(source.0, target.0, fact);
            edge_keys.push(EdgeKey(edge, relation));
        }
        for (at, article) in articles.into_iter().enumerate() {
            graph.restore_contributions(at, article, &keys, &edge_keys, &forms)?;
        }
        Ok(graph)
    }

    /// A new graph holding `nodes` and those of `edges` whose ends are among them, with the
    /// records (metadata and kept text) of the articles they name. Entities and facts are copied
    /// whole, so a part exports exactly as it appears in the whole.
    pub fn part(&self, nodes: &[NodeKey], edges: &[EdgeKey]) -> KnowledgeGraph {
        let position: HashMap<NodeKey, u32> = nodes
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, i as u32))
            .collect();
        let mut cited: BTreeSet<ArticleId> = BTreeSet::new();
        let mut kept_edges = Vec::new();
        for key in edges {
            let edge = self.edge(*key);
            if let (Some(&s), Some(&t)) = (position.get(&edge.source), position.get(&edge.target)) {
                cited.extend(edge.fact.evidence.iter().map(|c| c.article));
                kept_edges.push((s, t, edge.fact));
            }
        }
        for node in nodes {
            let named = self.entity(*node).articles.iter();
            cited.extend(named.filter_map(|a| self.article_id(a)));
        }
        let renumber: HashMap<ArticleId, ArticleId> = cited
            .iter()
            .enumerate()
            .map(|(i, a)| (*a, ArticleId(i as u32)))
            .collect();
        let mut snapshot = GraphSnapshot {
            nodes: nodes.iter().map(|n| self.entity(*n).clone()).collect(),
            ..GraphSnapshot::default()
        };
        for (s, t, fact) in kept_edges {
            let evidence = fact
                .evidence
                .iter()
                .map(|c| Citation {
                    article: renumber[&c.article],
                    ..*c
                })
                .collect();
            let relation = fact.relation;
            snapshot.edges.push((s, t, Fact { relation, evidence }));
        }
        for article in cited {
            let Some(record) = self.records.get(article.index()) else {
                continue;
            };
            let texts = record.text.pieces(&self.cited_text).map(|(_, t)| t);
            snapshot.text.extend(texts);
            snapshot.articles.push(ArticleSnapshot {
                id: record.id.clone(),
                meta: record.meta.clone(),
                pieces: self.piece_lengths(&record.text),
                ..ArticleSnapshot::default()
            });
        }
        // Positions come from `nodes` and `cited` themselves: consistent by construction.
        KnowledgeGraph::from_snapshot(snapshot).unwrap_or_default()
    }

    /// Live article ids in order.
    fn live_articles(&self) -> impl Iterator<Item = ArticleId> + '_ {
        let mut live: Vec<ArticleId> = self.article_index.values().copied().collect();
        live.sort_unstable();
        live.into_iter()
    }

    fn article_snapshot(
        &self,
        record: &ArticleRecord,
        node_position: &Positions,
        edge_position: &Positions,
        forms: &mut FormPositions,
    ) -> ArticleSnapshot {
        let mut shares = Vec::with_capacity(record.shares.len());
        let mut share_forms = Vec::new();
        for share in &record.shares {
            // A live record's shares name live nodes (see `provenance.rs`); checked all the same.
            let Some(node) = node_position.get(share.node.index()) else {
                continue;
            };
            let aliases = record
                .share_forms
                .get(share.aliases.0 as usize..share.aliases.1 as usize)
                .unwrap_or_default();
            share_forms.extend(aliases.iter().map(|f| forms.position(self, *f)));
            shares.push(ShareSnapshot {
                node,
                mentions: share.mentions,
                name: forms.position(self, share.name),
                aliases: aliases.len() as u32,
                title: share.title.map(|t| forms.position(self, t)),
            });
        }
        ArticleSnapshot {
            id: record.id.clone(),
            hash: record.hash,
            meta: record.meta.clone(),
            extracted: record.extracted,
            shares,
            share_forms,
            edges: record
                .edges
                .iter()
                .filter_map(|e| edge_position.get(e.index()))
                .collect(),
            pieces: self.piece_lengths(&record.text),
        }
    }

    fn piece_lengths(&self, text: &ArticleText) -> Vec<(u32, u32)> {
        let pieces = text.pieces(&self.cited_text);
        pieces.map(|(s, t)| (s, t.len() as u32)).collect()
    }

    fn check_citation(&self, edge: usize, citation: &Citation) -> Result<(), SnapshotError> {
        let count = self.records.len();
        let record = self
            .records
            .get(citation.article.index())
            .ok_or(SnapshotError::Dangling {
                what: "edge",
                at: edge,
                kind: "article",
                position: citation.article.0,
                count,
            })?;
        match record.text.slice(&self.cited_text, citation.sentence) {
            Some(_) => Ok(()),
            None => Err(SnapshotError::NoText {
                edge,
                article: citation.article.0,
                start: citation.sentence.0,
                end: citation.sentence.1,
            }),
        }
    }

    /// An article record's edges and shares from its snapshot, with the counts they imply.
    fn restore_contributions(
        &mut self,
        at: usize,
        article: ArticleSnapshot,
        keys: &[NodeKey],
        edge_keys: &[EdgeKey],
        forms: &[FormId],
    ) -> Result<(), SnapshotError> {
        let edges = article
            .edges
            .iter()
            .map(|&p| lookup(edge_keys, p, "article record", at, "edge"))
            .collect::<Result<Vec<_>, _>>()?;
        let form = |p: u32| lookup(forms, p, "article record", at, "form");
        let mut share_forms = Vec::with_capacity(article.share_forms.len());
        for &p in &article.share_forms {
            share_forms.push(form(p)?);
        }
        let mut shares = Vec::with_capacity(article.shares.len());
        let mut alias_at = 0u32;
        for share in &article.shares {
            let end = alias_at.saturating_add(share.aliases);
            if end as usize > share_forms.len() {
                return Err(SnapshotError::Dangling {
                    what: "article record",
                    at,
                    kind: "form",
                    position: end,
                    count: share_forms.len(),
                });
            }
            shares.push(NodeShare {
                node: lookup(keys, share.node, "article record", at, "node")?,
                mentions: share.mentions,
                name: form(share.name)?,
                aliases: (alias_at, end),
                title: share.title.map(form).transpose()?,
            });
            alias_at = end;
        }
        let record = &mut self.records[at];
        record.edges = edges;
        record.shares = shares;
        record.share_forms = share_forms;
        self.count_shares(ArticleId(at as u32), 0, true);
        Ok(())
    }
}

/// Positions of nodes or edges in a snapshot, by key index.
struct Positions(Vec<u32>);

impl Positions {
    const NONE: u32 = u32::MAX;

    /// `indices` in the order they are written; `bound` is one past the largest.
    fn new(bound: usize, indices: impl Iterator<Item = usize>) -> Self {
        let mut positions = vec![Self::NONE; bound];
        for (position, index) in indices.enumerate() {
            positions[index] = position as u32;
        }
        Positions(positions)
    }

    fn get(&self, index: usize) -> Option<u32> {
        self.0.get(index).copied().filter(|p| *p != Self::NONE)
    }

    /// The position of a key known to be written.
    fn of(&self, index: usize) -> u32 {
        self.get(index).unwrap_or(Self::NONE)
    }
}

/// Forms renumbered in order of first use, so unused ones are not saved.
#[derive(Default)]
struct FormPositions {
    texts: Vec<String>,
    position: Vec<u32>,
}

impl FormPositions {
    fn position(&mut self, graph: &KnowledgeGraph, form: FormId) -> u32 {
        let index = form.0 as usize;
        if index >= self.position.len() {
            self.position.resize(index + 1, u32::MAX);
        }
        if self.position[index] == u32::MAX {
            self.texts.push(graph.forms.text(form).to_string());
            self.position[index] = self.texts.len() as u32 - 1;
        }
        self.position[index]
    }
}

fn lookup<K: Copy>(
    keys: &[K],
    position: u32,
    what: &'static str,
    at: usize,
    kind: &'static str,
) -> Result<K, SnapshotError> {
    keys.get(position as usize)
        .copied()
        .ok_or(SnapshotError::Dangling {
            what,
            at,
            kind,
            position,
            count: keys.len(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::{ArticleGraph, EdgeRecord, EntityRecord};
    use crate::model::{EntityType, Evidence, Relation};

    fn graph() -> KnowledgeGraph {
        let person = |name: &str| EntityRecord {
            name: name.into(),
            entity_type: EntityType::Person,
            aliases: ["Kerry".to_string()].into(),
            title: Some("Secretary".into()),
            mentions: 1,
        };
        let mut g = KnowledgeGraph::new();
        g.merge(&ArticleGraph {
            article: "a.txt".into(),
            entities: vec![person("John Kerry"), person("Sergei Lavrov")],
            edges: vec![EdgeRecord {
                source: 0,
                target: 1,
                relation: Relation::MetWith,
                evidence: vec![Evidence {
                    article: "a.txt".into(),
                    sentence: "Kerry met Lavrov.".into(),
                    sentence_start: 20,
                    trigger: (26, 29),
                }],
            }],
        });
        g
    }

    #[test]
    fn a_snapshot_round_trips() {
        let g = graph();
        let snapshot = g.snapshot();
        assert_eq!(snapshot.text, "Kerry met Lavrov.");
        assert_eq!(snapshot.articles[0].pieces, [(20, 17)]);
        let back = KnowledgeGraph::from_snapshot(snapshot.clone()).unwrap();
        assert_eq!(back.snapshot(), snapshot);
        let fact = back.edges().next().unwrap().fact;
        assert_eq!(
            back.evidence_of(fact).next().unwrap().sentence,
            "Kerry met Lavrov."
        );
    }

    #[test]
    fn inconsistent_snapshots_are_errors_not_panics() {
        let good = graph().snapshot();
        let mut bad = good.clone();
        bad.edges[0].2.evidence[0].article = ArticleId(7);
        assert!(matches!(
            KnowledgeGraph::from_snapshot(bad),
            Err(SnapshotError::Dangling {
                kind: "article",
                position: 7,
                ..
            })
        ));
        let mut bad = good.clone();
        bad.edges[0].2.evidence[0].sentence = (30, 40);
        let err = KnowledgeGraph::from_snapshot(bad).unwrap_err();
        assert_eq!(
            err.to_string(),
            "edge 0 cites bytes 30..40 of article 0, which hold no kept text"
        );
        let mut bad = good.clone();
        bad.articles[0].pieces = vec![(20, 17), (30, 2)];
        assert_eq!(
            KnowledgeGraph::from_snapshot(bad).unwrap_err(),
            SnapshotError::BadText { at: 0 }
        );
        let mut bad = good.clone();
        bad.text = "Kerry".into();
        assert!(KnowledgeGraph::from_snapshot(bad).is_err());
        let mut bad = good.clone();
        bad.articles[0].shares[0].aliases = u32::MAX;
        assert!(KnowledgeGraph::from_snapshot(bad).is_err());
        let mut bad = good.clone();
        bad.articles[0].shares[0].title = Some(99);
        assert!(KnowledgeGraph::from_snapshot(bad).is_err());
        let mut bad = good;
        bad.articles[0].edges = vec![5];
        assert!(KnowledgeGraph::from_snapshot(bad).is_err());
    }
}
