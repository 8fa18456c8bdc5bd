//! Phrase lists (request verbs, aid words) matched at a token: indexed by first word, since
//! they are tried at many positions of every sentence with a trigger.

use super::WordSet;

/// Phrases of lowercase words, with their first words in a set: most words start none, and
/// are ruled out by one lookup instead of a comparison with every phrase.
#[derive(Debug, Clone, Default)]
pub(super) struct Phrases {
    list: Vec<Vec<String>>,
    firsts: WordSet,
    /// An empty phrase (from a blank entry) matches anywhere.
    has_empty: bool,
}

impl Phrases {
    /// Does one of the phrases start `words`?
    pub(super) fn starts(&self, words: &[&str]) -> bool {
        if self.has_empty {
            return true;
        }
        if !words.first().is_some_and(|w| self.firsts.contains(w)) {
            return false;
        }
        self.list
            .iter()
            .any(|p| p.len() <= words.len() && p.iter().zip(words).all(|(a, b)| a == b))
    }
}

impl Extend<Vec<String>> for Phrases {
    fn extend<I: IntoIterator<Item = Vec<String>>>(&mut self, phrases: I) {
        let mut firsts = Vec::new();
        for p in phrases {
            match p.first() {
                Some(first) => firsts.push(first.clone()),
                None => self.has_empty = true,
            }
            self.list.push(p);
        }
        self.firsts.extend(firsts);
    }
}

impl FromIterator<Vec<String>> for Phrases {
    fn from_iter<I: IntoIterator<Item = Vec<String>>>(phrases: I) -> Phrases {
        let mut out = Phrases::default();
        out.extend(phrases);
        out
    }
}
