//! Which article gave a node which names: so replacing an article takes back the names, aliases
//! and title only it gave, as well as its mentions.
//!
//! Each article record keeps one [`NodeShare`] per entity the article reported (its mentions,
//! name, aliases and title, as interned [`FormId`]s). Each node keeps counts of how many shares
//! give each form ([`NodeSources`]), rebuilt from the records when a store is opened. A node whose
//! names all came through shares is *tracked*: when an article goes, its names are rebuilt from
//! the counts left. Nodes that also took names from elsewhere (a GRAPH-JSON import) keep them.
//!
//! A live record's shares always name live nodes that list the article: a node goes only when
//! its last article goes, and that article's record is emptied at the same time.

use super::{ArticleId, EntityRecord, KnowledgeGraph, NodeKey};
use rustc_hash::FxHashMap;
use std::collections::BTreeSet;

/// A name, alias or title, interned: the graph keeps each distinct string once.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct FormId(pub(super) u32);

/// Interned strings for [`FormId`]s.
#[derive(Debug, Clone, Default)]
pub(super) struct FormTable {
    texts: Vec<Box<str>>,
    ids: FxHashMap<Box<str>, FormId>,
}

impl FormTable {
    pub(super) fn intern(&mut self, text: &str) -> FormId {
        if let Some(id) = self.ids.get(text) {
            return *id;
        }
        let id = FormId(u32::try_from(self.texts.len()).unwrap_or(u32::MAX));
        self.texts.push(text.into());
        self.ids.insert(text.into(), id);
        id
    }

    pub(super) fn get(&self, text: &str) -> Option<FormId> {
        self.ids.get(text).copied()
    }

    pub(super) fn text(&self, id: FormId) -> &str {
        self.texts.get(id.0 as usize).map_or("", |t| t)
    }
}

/// What one article gave one node: mentions, and the name, aliases and title it used.
/// `aliases` is a range of the record's `share_forms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct NodeShare {
    pub(super) node: NodeKey,
    pub(super) mentions: u32,
    pub(super) name: FormId,
    pub(super) aliases: (u32, u32),
    pub(super) title: Option<FormId>,
}

/// For one node: how many articles have shares in it, and how many shares give each form.
#[derive(Debug, Clone, Default)]
pub(super) struct NodeSources {
    articles: u32,
    names: Counts,
    forms: Counts,
    titles: Counts,
}

/// Counts in first-seen order, so the first title seen is the one kept, as when merging.
#[derive(Debug, Clone, Default)]
struct Counts(Vec<(FormId, u32)>);

impl Counts {
    fn add(&mut self, id: FormId) {
        match self.0.iter_mut().find(|(f, _)| *f == id) {
            Some((_, n)) => *n += 1,
            None => self.0.push((id, 1)),
        }
    }

    fn take(&mut self, id: FormId) {
        if let Some(i) = self.0.iter().position(|(f, _)| *f == id) {
            self.0[i].1 -= 1;
            if self.0[i].1 == 0 {
                self.0.remove(i);
            }
        }
    }

    fn has(&self, id: Option<FormId>) -> bool {
        id.is_some_and(|id| self.0.iter().any(|(f, _)| *f == id))
    }
}

impl KnowledgeGraph {
    /// Notes what an article's entities gave the nodes they merged into (`keys[i]` is
    /// `entities[i]`'s node).
    pub(super) fn record_shares(
        &mut self,
        article: ArticleId,
        keys: &[NodeKey],
        entities: &[EntityRecord],
    ) {
        let record = &mut self.records[article.index()];
        let first = record.shares.len();
        for (&node, entity) in keys.iter().zip(entities) {
            let start = record.share_forms.len() as u32;
            let aliases = entity.aliases.iter().map(|a| self.forms.intern(a));
            record.share_forms.extend(aliases);
            record.shares.push(NodeShare {
                node,
                mentions: entity.mentions,
                name: self.forms.intern(&entity.name),
                aliases: (start, record.share_forms.len() as u32),
                title: entity.title.as_deref().map(|t| self.forms.intern(t)),
            });
        }
        self.count_shares(article, first, true);
    }

    /// Adds (or takes back) the counts of an article's shares from `first` on. Shares are
    /// added right after their nodes took the article (or from a snapshot, which keeps only
    /// those); taking back, a share counts only while its node still lists the article, as a
    /// removed node's key may have been reused.
    pub(super) fn count_shares(&mut self, article: ArticleId, first: usize, add: bool) {
        let record = &self.records[article.index()];
        let shares = record.shares.get(first..).unwrap_or_default();
        let mut seen: Vec<NodeKey> = Vec::with_capacity(shares.len());
        for share in shares {
            let Some(entity) = self.graph.node_weight(share.node.0) else {
                continue;
            };
            if !add && !entity.articles.contains(&record.id) {
                continue;
            }
            let sources = self.node_sources.entry(share.node).or_default();
            let aliases = record
                .share_forms
                .get(share.aliases.0 as usize..share.aliases.1 as usize)
                .unwrap_or_default();
            let forms = std::iter::once(share.name).chain(aliases.iter().copied());
            if add {
                sources.names.add(share.name);
                forms.for_each(|f| sources.forms.add(f));
                share.title.into_iter().for_each(|t| sources.titles.add(t));
            } else {
                sources.names.take(share.name);
                forms.for_each(|f| sources.forms.take(f));
                share.title.into_iter().for_each(|t| sources.titles.take(t));
            }
            if !seen.contains(&share.node) {
                seen.push(share.node);
                // Saturating: an article merged twice through `merge` counts twice, untracked.
                sources.articles = if add {
                    sources.articles.saturating_add(1)
                } else {
                    sources.articles.saturating_sub(1)
                };
            }
        }
    }

    /// The distinct nodes an article has shares in, each with whether all its names came
    /// through shares (checked before anything is taken back).
    pub(super) fn shared_nodes(&self, article: ArticleId) -> Vec<(NodeKey, bool)> {
        let mut nodes: Vec<NodeKey> = self.records[article.index()]
            .shares
            .iter()
            .map(|s| s.node)
            .collect();
        nodes.sort_unstable();
        nodes.dedup();
        nodes.into_iter().map(|n| (n, self.is_tracked(n))).collect()
    }

    fn is_tracked(&self, node: NodeKey) -> bool {
        let (Some(sources), Some(entity)) =
            (self.node_sources.get(&node), self.graph.node_weight(node.0))
        else {
            return false;
        };
        let has_form = |form: &String| sources.forms.has(self.forms.get(form));
        sources.articles as usize == entity.articles.len()
            && has_form(&entity.name)
            && entity.aliases.iter().all(has_form)
            && entity
                .title
                .as_ref()
                .is_none_or(|t| sources.titles.has(self.forms.get(t)))
    }

    /// Sets a tracked node's name, aliases and title to what its remaining shares give: the
    /// current name while some share still gives it, else the longest name left (first seen on
    /// a tie); the current title while given, else the first title left. The id stays: ids
    /// are stable, so a query or export that named the node still finds it.
    pub(super) fn rebuild_names(&mut self, node: NodeKey) {
        let Some(sources) = self.node_sources.get(&node) else {
            return;
        };
        let Some(entity) = self.graph.node_weight(node.0) else {
            return;
        };
        let text = |id: FormId| self.forms.text(id).to_string();
        let mut longest: Option<FormId> = None;
        for &(id, _) in &sources.names.0 {
            if longest.is_none_or(|l| self.forms.text(id).len() > self.forms.text(l).len()) {
                longest = Some(id);
            }
        }
        let name = match longest {
            _ if sources.names.has(self.forms.get(&entity.name)) => entity.name.clone(),
            Some(id) => text(id),
            None => return,
        };
        let title = match &entity.title {
            Some(t) if sources.titles.has(self.forms.get(t)) => Some(t.clone()),
            _ => sources.titles.0.first().map(|&(id, _)| text(id)),
        };
        let mut aliases: BTreeSet<String> =
            sources.forms.0.iter().map(|&(id, _)| text(id)).collect();
        aliases.remove(&name);
        let old_name = entity.name.clone();
        let old_forms: Vec<String> = std::iter::once(entity.name.clone())
            .chain(entity.aliases.iter().cloned())
            .collect();
        let entity = &mut self.graph[node.0];
        entity.name = name;
        entity.aliases = aliases;
        entity.title = title;
        let kept: BTreeSet<String> = std::iter::once(entity.name.to_lowercase())
            .chain(entity.aliases.iter().map(|a| a.to_lowercase()))
            .collect();
        for form in old_forms {
            let key = form.to_lowercase();
            if !kept.contains(&key) {
                self.unindex_form(&key, node);
            }
        }
        if self.graph[node.0].name != old_name {
            self.forget_names();
            self.unindex_surname(node, &old_name);
            self.index_surname(node);
        }
    }

    /// Forgets a removed node's counts.
    pub(super) fn forget_sources(&mut self, node: NodeKey) {
        self.node_sources.remove(&node);
    }
}
