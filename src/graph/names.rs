//! Person names across articles: "Kerry" joins the one John Kerry, John Smith and Mary Smith stay two.
//!
//! Person nodes are indexed by surname. A surname alone merges into the one person who carries it;
//! a full name merges into the one person whose given name agrees (equal, or an initial of it);
//! anything ambiguous stays a node of its own. Knows nothing of text beyond splitting names.

use super::{Entity, KnowledgeGraph, NodeKey};
use crate::model::{EntityType, slug};
use std::borrow::Cow;

/// Name parts that are not surnames: "John Kerry Jr." has the surname Kerry.
const SUFFIXES: [&str; 6] = ["jr", "sr", "ii", "iii", "iv", "phd"];

impl KnowledgeGraph {
    /// The one person node that is the same person as `entity`, judged by surname and given name.
    pub(super) fn same_person(&self, entity: &Entity) -> Option<NodeKey> {
        if entity.entity_type != EntityType::Person {
            return None;
        }
        let key = surname_key(&entity.name)?;
        let candidates: Vec<NodeKey> = self
            .by_surname
            .get(&key)?
            .iter()
            .copied()
            .filter(|n| self.entity(*n).entity_type == EntityType::Person)
            .collect();
        let (full, short): (Vec<NodeKey>, Vec<NodeKey>) = candidates
            .iter()
            .partition(|n| self.given_name_of(**n).is_some());
        let Some(given) = given_name(&entity.name) else {
            // A surname alone: the one full name that carries it, else the one surname node.
            return match (full.as_slice(), short.as_slice()) {
                ([one], _) => Some(*one),
                ([], [one]) => Some(*one),
                _ => None,
            };
        };
        let agreeing: Vec<NodeKey> = full
            .iter()
            .copied()
            .filter(|n| {
                let other = self.given_name_of(*n);
                given_names_agree(&given, other.as_deref().unwrap_or_default())
            })
            .collect();
        match (agreeing.as_slice(), full.as_slice(), short.as_slice()) {
            ([one], _, _) => Some(*one),
            ([], [], [one]) => Some(*one),
            _ => None,
        }
    }

    /// A person node's given name as a slug, from the cache `index_surname` keeps.
    fn given_name_of(&self, node: NodeKey) -> Option<Cow<'_, str>> {
        match self.given_names.get(&node) {
            Some(given) => given.as_deref().map(Cow::Borrowed),
            None => given_name(&self.entity(node).name).map(Cow::Owned),
        }
    }

    /// Adds a person node's name to the surname index, and caches its given name: every
    /// person of a surname is compared with each new one, and slugging names is not cheap.
    /// Called again whenever the node's name changes.
    pub(super) fn index_surname(&mut self, node: NodeKey) {
        let entity = self.entity(node);
        if entity.entity_type != EntityType::Person {
            return;
        }
        let given = given_name(&entity.name);
        self.given_names.insert(node, given);
        let entity = self.entity(node);
        let Some(key) = surname_key(&entity.name) else {
            return;
        };
        let list = self.by_surname.entry(key).or_default();
        if !list.contains(&node) {
            list.push(node);
        }
    }

    /// Takes a node out of the surname index under `name`'s surname.
    pub(super) fn unindex_surname(&mut self, node: NodeKey, name: &str) {
        let Some(key) = surname_key(name) else {
            return;
        };
        if let Some(list) = self.by_surname.get_mut(&key) {
            list.retain(|n| *n != node);
            if list.is_empty() {
                self.by_surname.remove(&key);
            }
        }
    }
}

/// The words of a name, without suffixes ("Jr.").
fn name_words(name: &str) -> Vec<String> {
    name.split_whitespace()
        .map(slug)
        .filter(|w| !w.is_empty() && !SUFFIXES.contains(&w.as_str()))
        .collect()
}

/// The last word of a name, as a slug.
fn surname_key(name: &str) -> Option<String> {
    name_words(name).pop()
}

/// The first word of a name with two or more words.
fn given_name(name: &str) -> Option<String> {
    let words = name_words(name);
    (words.len() >= 2).then(|| words[0].clone())
}

/// Equal, or one is the other's initial ("j" and "john").
fn given_names_agree(a: &str, b: &str) -> bool {
    a == b || (a.len() == 1 && b.starts_with(a)) || (b.len() == 1 && a.starts_with(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_parts() {
        assert_eq!(surname_key("John Kerry Jr."), Some("kerry".into()));
        assert_eq!(given_name("John F. Kerry"), Some("john".into()));
        assert_eq!(given_name("Kerry"), None);
        assert!(given_names_agree("j", "john"));
        assert!(!given_names_agree("john", "mary"));
    }
}
