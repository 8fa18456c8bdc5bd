//! Word sets. Nearly every token is asked about several of them and most are in none, so a
//! [`WordSet`] rules most words out on a few of their bytes before hashing them. A
//! [`LowerSet`] is looked up lowercased: capitalised words are asked about all the time ("is
//! Obama an English word?"), so it also holds each entry with a capital first letter, and such
//! a word is found as it stands, with no lowercase copy. Knows nothing of the lexicon's files.

use rustc_hash::FxHashSet as HashSet;

/// A set of words (or phrases), queried exactly.
#[derive(Debug, Clone, Default)]
pub struct WordSet {
    words: HashSet<String>,
    filter: Filter,
}

impl WordSet {
    /// Is `word` an entry?
    #[inline]
    pub fn contains(&self, word: &str) -> bool {
        self.filter.may_hold(filter_hash(word, 0)) && self.words.contains(word)
    }

    /// The entries, in no order.
    pub fn iter(&self) -> impl Iterator<Item = &String> {
        self.words.iter()
    }
}

/// One bit per hash of an entry's length and first, second and last bytes; a word whose bit
/// is clear is not in the set. About 16 bits per entry, so most absent words find a clear bit.
#[derive(Debug, Clone, Default)]
struct Filter {
    /// Empty when the set is.
    bits: Vec<u64>,
    /// Shift that turns the 64-bit hash into a bit index of `bits`.
    shift: u32,
}

impl Filter {
    fn new(hashes: &[u64]) -> Filter {
        if hashes.is_empty() {
            return Filter::default();
        }
        let len = (hashes.len() * 16).next_power_of_two().clamp(512, 1 << 20);
        let mut filter = Filter {
            bits: vec![0; len / 64],
            shift: 64 - len.trailing_zeros(),
        };
        for hash in hashes {
            let bit = hash >> filter.shift;
            filter.bits[(bit / 64) as usize] |= 1 << (bit % 64);
        }
        filter
    }

    #[inline]
    fn may_hold(&self, hash: u64) -> bool {
        let bit = hash >> self.shift;
        self.bits
            .get((bit / 64) as usize)
            .is_some_and(|bits| bits & (1 << (bit % 64)) != 0)
    }
}

/// A hash of a word's length and first, second and last bytes (each or-ed with `fold`), good
/// in its high bits.
#[inline]
fn filter_hash(word: &str, fold: u8) -> u64 {
    let bytes = word.as_bytes();
    let byte = |i: Option<&u8>| u64::from(i.copied().unwrap_or(0) | fold);
    let key = (bytes.len() as u64)
        | byte(bytes.first()) << 32
        | byte(bytes.get(1)) << 40
        | byte(bytes.last()) << 48;
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// Or-ing 0x20 into an ASCII byte maps a capital and its lowercase letter to one byte, and
/// any byte the same way in a word and in its ASCII lowercase form.
const ASCII_FOLD: u8 = 0x20;

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
        let hashes: Vec<u64> = self.words.iter().map(|w| filter_hash(w, 0)).collect();
        self.filter = Filter::new(&hashes);
    }
}

/// A set of lowercase words (or phrases), queried case-insensitively.
#[derive(Debug, Clone, Default)]
pub(crate) struct LowerSet {
    /// The entries as given.
    words: WordSet,
    /// The entries that are lowercase ASCII, and each with its first letter capitalised.
    forms: WordSet,
    /// A filter of the ASCII entries' hashes with ASCII case folded: an ASCII word whose
    /// folded bit is clear has no entry as its lowercase, whatever its capitals.
    folded: Filter,
}

impl LowerSet {
    /// Is `word`, lowercased, an entry?
    pub(crate) fn contains_lowercase(&self, word: &str) -> bool {
        // An ASCII word with no capital past its first byte is its lowercase form, or that
        // form with a capital first letter: `forms` holds both, for every entry it can equal.
        let bytes = word.as_bytes();
        if bytes.is_ascii() {
            // Most words are in no set: the folded filter rules them out before any scan.
            if !self.folded.may_hold(filter_hash(word, ASCII_FOLD)) {
                return false;
            }
            if !bytes.iter().skip(1).any(u8::is_ascii_uppercase) {
                return self.forms.contains(word);
            }
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
        let folded: Vec<u64> = words
            .iter()
            .filter(|w| w.is_ascii())
            .map(|w| filter_hash(w, ASCII_FOLD))
            .collect();
        LowerSet {
            words,
            forms: forms.into_iter().collect(),
            folded: Filter::new(&folded),
        }
    }
}

/// Looks a word up lowercased; short ASCII words are lowercased on the stack, since this runs
/// for every capitalised word.
pub(crate) fn contains_lowercase(set: &WordSet, word: &str) -> bool {
    with_lowercase(&[word], |lower| set.contains(lower))
}

/// Calls `f` with `words` lowercased and joined by single spaces. Short ASCII text (nearly all
/// of it) is lowercased in a stack buffer: this runs for many tokens of every sentence.
pub(crate) fn with_lowercase<R>(words: &[&str], f: impl FnOnce(&str) -> R) -> R {
    // A word with no capital (most words after "the", most connectors) is its own lowercase.
    if let [word] = words
        && word
            .bytes()
            .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        return f(word);
    }
    let mut buf = [0u8; 64];
    let len = words
        .iter()
        .map(|w| w.len() + 1)
        .sum::<usize>()
        .saturating_sub(1);
    if len <= buf.len() && words.iter().all(|w| w.is_ascii()) {
        let mut at = 0;
        for (n, word) in words.iter().enumerate() {
            if n > 0 {
                buf[at] = b' ';
                at += 1;
            }
            buf[at..at + word.len()].copy_from_slice(word.as_bytes());
            at += word.len();
        }
        let lower = &mut buf[..len];
        lower.make_ascii_lowercase();
        if let Ok(lower) = std::str::from_utf8(lower) {
            return f(lower);
        }
    }
    let lowered: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    f(&lowered.join(" "))
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
