//! Evidence as the graph keeps it: an article id and byte offsets, never a copied sentence.
//!
//! A [`Citation`] names an article record and the byte ranges of the sentence and the trigger in
//! that article. The sentence's text is kept once per article ([`super::text`]) and sliced out on
//! demand as an [`EvidenceView`]. Knows nothing of file formats.

use super::{ArticleRecord, EdgeKey, Fact, KnowledgeGraph, NodeKey};
use crate::model::{Evidence, Relation};
use petgraph::visit::EdgeRef as _;
use rustc_hash::FxHashSet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// An article record's number: its index in the graph's article table (in a
/// [`super::GraphSnapshot`], its position in `articles`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub u32);

impl ArticleId {
    /// The index, for per-article arrays.
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// One supporting sentence of a fact, by reference.
///
/// Invariant: `sentence` slices a text the article's record keeps, and every edge that cites an
/// article is in that article's record, so removing the article finds all its citations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Citation {
    /// The article.
    pub article: ArticleId,
    /// Byte range of the sentence in the article.
    pub sentence: (u32, u32),
    /// Byte range of the trigger words in the article.
    pub trigger: (u32, u32),
}

/// A citation resolved against the graph: the article's name and the sentence's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EvidenceView<'g> {
    /// The article's path or id.
    pub article: &'g str,
    /// The sentence text.
    pub sentence: &'g str,
    /// Byte offset of the sentence in the article.
    pub sentence_start: usize,
    /// Byte range of the trigger words in the article.
    pub trigger: (usize, usize),
}

impl KnowledgeGraph {
    /// The article and sentence a citation points to. A citation that points nowhere (never made
    /// by the graph itself) resolves to empty strings rather than failing.
    pub fn evidence(&self, citation: &Citation) -> EvidenceView<'_> {
        let record = self.records.get(citation.article.index());
        EvidenceView {
            article: record.map_or("", |r| r.id.as_str()),
            sentence: record
                .and_then(|r| r.text.slice(&self.cited_text, citation.sentence))
                .unwrap_or(""),
            sentence_start: citation.sentence.0 as usize,
            trigger: (citation.trigger.0 as usize, citation.trigger.1 as usize),
        }
    }

    /// A fact's evidence, resolved, in stored order.
    pub fn evidence_of<'g>(&'g self, fact: &'g Fact) -> impl Iterator<Item = EvidenceView<'g>> {
        fact.evidence.iter().map(|c| self.evidence(c))
    }

    /// Adds a fact between two nodes, or adds its evidence to the same fact already there.
    ///
    /// Each sentence is kept once in its article's text and the fact cites it by offsets.
    pub fn add_fact(
        &mut self,
        source: NodeKey,
        target: NodeKey,
        relation: Relation,
        evidence: Vec<Evidence>,
    ) -> EdgeKey {
        self.add_evidence(source, target, relation, &evidence)
    }

    pub(super) fn add_evidence(
        &mut self,
        source: NodeKey,
        target: NodeKey,
        relation: Relation,
        evidence: &[Evidence],
    ) -> EdgeKey {
        let citations: Vec<Citation> = evidence.iter().filter_map(|e| self.cite(e)).collect();
        let edge = self.add_citations(source, target, relation, &citations);
        let mut articles: Vec<ArticleId> = citations.iter().map(|c| c.article).collect();
        articles.dedup();
        for article in articles {
            self.note_citing_edge(article, edge);
        }
        edge
    }

    fn add_citations(
        &mut self,
        source: NodeKey,
        target: NodeKey,
        relation: Relation,
        evidence: &[Citation],
    ) -> EdgeKey {
        let (source, target) =
            if relation.is_symmetric() && self.entity(target).id < self.entity(source).id {
                (target, source)
            } else {
                (source, target)
            };
        let existing = self
            .graph
            .edges_connecting(source.0, target.0)
            .find(|e| e.weight().relation == relation)
            .map(|e| e.id());
        match existing {
            Some(edge) => {
                let fact = &mut self.graph[edge];
                if fact.evidence.len().saturating_mul(evidence.len()) <= 4096 {
                    for citation in evidence {
                        if !fact.evidence.contains(citation) {
                            fact.evidence.push(*citation);
                        }
                    }
                } else {
                    // Many against many (one article citing a fact thousands of times): a set
                    // keeps this linear.
                    let mut seen: FxHashSet<Citation> = fact.evidence.iter().copied().collect();
                    fact.evidence
                        .extend(evidence.iter().filter(|c| seen.insert(**c)).copied());
                }
                EdgeKey(edge, relation)
            }
            None => {
                // Only a new edge moves the orders; more evidence on an edge does not.
                self.forget_orders();
                let fact = Fact {
                    relation,
                    evidence: evidence.to_vec(),
                };
                EdgeKey(self.graph.add_edge(source.0, target.0, fact), relation)
            }
        }
    }

    /// The distinct articles that support a fact, sorted.
    pub fn fact_articles<'g>(&'g self, fact: &'g Fact) -> Vec<&'g str> {
        let set: BTreeSet<&str> = self.evidence_of(fact).map(|e| e.article).collect();
        set.into_iter().collect()
    }

    /// The id of a live article (one in [`KnowledgeGraph::articles`]).
    pub fn article_id(&self, id: &str) -> Option<ArticleId> {
        self.article_index.get(id).copied()
    }

    /// The path or id of an article record.
    pub fn article_name(&self, article: ArticleId) -> &str {
        self.records
            .get(article.index())
            .map_or("", |r| r.id.as_str())
    }

    /// One past the last byte of an article's kept text (0 for an unknown article): where a
    /// sentence of unknown offset can go without meeting any other.
    pub fn article_text_end(&self, id: &str) -> usize {
        self.article_id(id)
            .map_or(0, |a| self.records[a.index()].text.end() as usize)
    }

    /// The record of a live article, creating an empty one for a new id.
    pub(super) fn intern_article(&mut self, id: &str) -> ArticleId {
        if let Some(article) = self.article_id(id) {
            return article;
        }
        let article = ArticleId(u32::try_from(self.records.len()).unwrap_or(u32::MAX));
        self.records.push(ArticleRecord {
            id: id.to_string(),
            ..ArticleRecord::default()
        });
        self.article_index.insert(id.to_string(), article);
        article
    }

    /// Keeps an evidence's sentence in its article's text and returns the citation for it;
    /// `None` when its offsets do not fit (an article over 4 GiB).
    pub(super) fn cite(&mut self, evidence: &Evidence) -> Option<Citation> {
        let article = self.intern_article(&evidence.article);
        let record = &mut self.records[article.index()];
        let sentence = record.text.insert(
            &mut self.cited_text,
            evidence.sentence_start,
            &evidence.sentence,
        )?;
        let trigger = (
            u32::try_from(evidence.trigger.0).ok()?,
            u32::try_from(evidence.trigger.1).ok()?,
        );
        Some(Citation {
            article,
            sentence,
            trigger,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Entity;
    use crate::model::EntityType;

    fn node(g: &mut KnowledgeGraph, name: &str) -> NodeKey {
        g.upsert_entity(Entity {
            id: crate::model::slug(name),
            name: name.into(),
            entity_type: EntityType::Person,
            aliases: Default::default(),
            title: None,
            mentions: 1,
            articles: ["a.txt".to_string()].into(),
        })
    }

    fn sentence(n: usize) -> Evidence {
        let text = "John Kerry met Sergei Lavrov. ";
        Evidence {
            article: "a.txt".into(),
            sentence: text.trim_end().into(),
            sentence_start: n * text.len(),
            trigger: (n * text.len() + 11, n * text.len() + 14),
        }
    }

    #[test]
    fn the_same_sentence_many_times_is_kept_once_per_place() {
        let mut g = KnowledgeGraph::new();
        let (kerry, lavrov) = (node(&mut g, "John Kerry"), node(&mut g, "Sergei Lavrov"));
        let many: Vec<Evidence> = (0..5000).map(sentence).collect();
        let edge = g.add_fact(kerry, lavrov, Relation::MetWith, many.clone());
        // Again, in one call and one by one: nothing new.
        g.add_fact(kerry, lavrov, Relation::MetWith, many);
        g.add_fact(kerry, lavrov, Relation::MetWith, vec![sentence(7)]);
        let fact = g.fact(edge);
        assert_eq!(fact.evidence.len(), 5000);
        let last = g.evidence(&fact.evidence[4999]);
        assert_eq!(last.sentence, "John Kerry met Sergei Lavrov.");
        assert_eq!(
            (last.sentence_start, last.trigger),
            (4999 * 30, (4999 * 30 + 11, 4999 * 30 + 14))
        );
        assert_eq!(g.fact_articles(fact), ["a.txt"]);
        assert_eq!(g.article_text_end("a.txt"), 4999 * 30 + 29);
    }
}
