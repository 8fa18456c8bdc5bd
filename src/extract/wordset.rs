//! Word sets looked up lowercased. Capitalised words are asked about all the time ("is
//! Obama an English word?"), so the set also holds each entry with a capital first letter:
//! such a word is found as it stands, with no lowercase copy. Knows nothing of the lexicon's files.

use super::lexicon::with_lowercase;
use rustc_hash::FxHashSet as HashSet;

/// A set of lowercase words (or phrases), queried case-insensitively.
#[derive(Debug, Clone, Default)]
pub(crate) struct LowerSet {
    /// The entries as given.
    words: HashSet<String>,
    /// The entries that are lowercase ASCII, and each with its first letter capitalised.
    forms: HashSet<String>,
}

impl LowerSet {
    /// Is `word`, lowercased, an entry?
    pub(crate) fn contains_lowercase(&self, word: &str) -> bool {
        // An ASCII word with no capital past its first byte is its lowercase form, or that
        // form with a capital first letter: `forms` holds both, for every entry it can equal.
        let bytes = word.as_bytes();
        if bytes.is_ascii() && !bytes.iter().skip(1).any(u8::is_ascii_uppercase) {
            return self.forms.contains(word);
        }
        with_lowercase(&[word], |lower| self.words.contains(lower))
    }
}

impl FromIterator<String> for LowerSet {
    fn from_iter<I: IntoIterator<Item = String>>(entries: I) -> LowerSet {
        let words: HashSet<String> = entries.into_iter().collect();
        let mut forms = HashSet::default();
        for w in &words {
            // Only a lowercase ASCII entry can equal an ASCII word lowercased.
            if !w.is_ascii() || w.bytes().any(|b| b.is_ascii_uppercase()) {
                continue;
            }
            let mut title = w.clone();
            if let Some(first) = title.get_mut(..1) {
                first.make_ascii_uppercase();
            }
            forms.insert(title);
            forms.insert(w.clone());
        }
        LowerSet { words, forms }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_lowercasing_the_word() {
        let set: LowerSet = ["obama", "prime minister", "Mixed", "été", "3d"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let words = [
            "obama",
            "Obama",
            "OBAMA",
            "oBama",
            "Prime minister",
            "prime Minister",
            "mixed",
            "Mixed",
            "été",
            "Été",
            "3d",
            "3D",
            "",
            "o",
            "O",
        ];
        for w in words {
            assert_eq!(
                set.contains_lowercase(w),
                set.words.contains(&w.to_lowercase()),
                "{w}"
            );
        }
    }
}
