//! Word sets. Nearly every token is asked about several of them and most are in none, so a
//! [`WordSet`] rules most words out on a few of their bytes before hashing them. A
//! [`LowerSet`] is looked up lowercased: capitalised words are asked about all the time ("is
//! Obama an English word?"), so it also holds each entry with a capital first letter, and such
//! a word is found as it stands, with no lowercase copy. Knows nothing of the lexicon's files.

use super::lexicon::with_lowercase;
use rustc_hash::FxHashSet as HashSet;

/// A set of words (or phrases), queried exactly.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: HashSet<String>,
    /// One bit per hash of an entry's length and first, second and last bytes; a word whose
    /// bit is clear is not in the set. Empty when the set is.
    filter: Vec<u64>,
    /// Shift that turns the 64-bit hash into a bit index of `filter`.
    shift: u32,
}

impl WordSet {
    /// Is `word` an entry?
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        let bit = filter_hash(word) >> self.shift;
        let Some(bits) = self.filter.get((bit / 64) as usize) else {
            return false;
        };
        bits & (1 << (bit % 64)) != 0 && self.words.contains(word)
    }

    /// The entries, in no order.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }

    /// Rebuilds the filter: about 16 bits per entry, so most absent words find a clear bit.
    fn build_filter(&mut self) {
        if self.words.is_empty() {
            self.filter.clear();
            return;
        }
        let bits = (self.words.len() * 16)
            .next_power_of_two()
            .clamp(512, 1 << 20);
        self.shift = 64 - bits.trailing_zeros();
        self.filter = vec![0; bits / 64];
        for w in &self.words {
            let bit = filter_hash(w) >> self.shift;
            self.filter[(bit / 64) as usize] |= 1 << (bit % 64);
        }
    }
}

/// A hash of a word's length and first, second and last bytes, good in its high bits.
#[inline]
fn filter_hash(word: &str) -> u64 {
    let bytes = word.as_bytes();
    let byte = |i: Option<&u8>| u64::from(i.copied().unwrap_or(0));
    let key = (bytes.len() as u64)
        | byte(bytes.first()) << 32
        | byte(bytes.get(1)) << 40
        | byte(bytes.last()) << 48;
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

impl FromIterator<String> for WordSet {
    fn from_iter<I: IntoIterator<Item = String>>(entries: I) -> WordSet {
        let mut set = WordSet::default();
        set.extend(entries);
        set
    }
}

impl Extend<String> for WordSet {
    fn extend<I: IntoIterator<Item = String>>(&mut self, entries: I) {
        self.words.extend(entries);
        self.build_filter();
    }
}

/// A set of lowercase words (or phrases), queried case-insensitively.
#[derive(Debug, Clone, Default)]
pub(crate) struct LowerSet {
    /// The entries as given.
    words: WordSet,
    /// The entries that are lowercase ASCII, and each with its first letter capitalised.
    forms: WordSet,
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
        let words: WordSet = entries.into_iter().collect();
        let mut forms = HashSet::default();
        for w in words.iter() {
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
        LowerSet {
            words,
            forms: forms.into_iter().collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_set_agrees_with_a_hash_set() {
        let entries = [
            "obama",
            "Obama",
            "a",
            "",
            "prime minister",
            "été",
            "ab",
            "ba",
        ];
        let set: WordSet = entries.iter().map(|s| s.to_string()).collect();
        let plain: HashSet<&str> = entries.into_iter().collect();
        for w in [
            "obama", "Obama", "OBAMA", "a", "", "b", "ab", "aab", "été", "ét", "prime",
        ] {
            assert_eq!(set.contains(w), plain.contains(w), "{w:?}");
        }
        let empty = WordSet::default();
        assert!(!empty.contains("") && !empty.contains("a"));
    }

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
                set.words.words.contains(&w.to_lowercase()),
                "{w}"
            );
        }
    }
}
