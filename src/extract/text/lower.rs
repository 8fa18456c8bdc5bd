//! Lowercased words of a sentence, for the relation reader.

use super::{LANE_HIGH, Sentence, TokenKind};
use std::ops::Range;

/// A sentence's tokens lowercased for matching words: curly apostrophes made straight, a
/// possessive as `'s`. The buffers are kept from sentence to sentence.
#[derive(Debug, Default)]
pub struct LowerWords {
    /// The text with ASCII letters lowercased, then whole lowercased tokens. A `String`, so
    /// that its words need no UTF-8 check.
    buf: String,
    /// Each token's bytes in `buf`.
    ranges: Vec<Range<usize>>,
    /// Where the sentence's non-ASCII bytes are in `buf`, in order.
    wide: Vec<usize>,
}

impl LowerWords {
    /// Lowercases the tokens of `sentence`, for `spans`, `word` and `words` to read.
    pub fn lower(&mut self, text: &str, sentence: &Sentence) {
        let span = sentence.span.clone();
        // The whole sentence is copied and lowercased in one pass; a token with a non-ASCII
        // byte (rare) is lowercased the Unicode way after it.
        self.buf.clear();
        self.buf
            .push_str(text.get(span.clone()).unwrap_or_default());
        self.buf.make_ascii_lowercase();
        let all_ascii = is_ascii(self.buf.as_bytes());
        self.ranges.clear();
        let offset = |t: &super::Token| t.start - span.start..t.end - span.start;
        let tokens = sentence.tokens;
        self.ranges.extend(tokens.iter().map(offset));
        if all_ascii {
            // Three sentences in four: each word is its slice of the buffer.
            return;
        }
        // Here a possessive is written "'s" and a token with a non-ASCII byte is lowercased
        // again, the Unicode way. Such tokens are few: each is found from its non-ASCII bytes,
        // not by testing every token for them.
        self.wide.clear();
        find_wide(self.buf.as_bytes(), &mut self.wide);
        for (t, range) in tokens.iter().zip(&mut self.ranges) {
            if t.kind == TokenKind::Possessive {
                let start = self.buf.len();
                self.buf.push_str("'s");
                *range = start..self.buf.len();
            }
        }
        let mut last = None;
        for &w in &self.wide {
            let k = tokens.partition_point(|t| t.end - span.start <= w);
            let Some(t) = tokens.get(k) else {
                break;
            };
            if t.start - span.start > w || last == Some(k) || t.kind == TokenKind::Possessive {
                continue;
            }
            last = Some(k);
            let start = self.buf.len();
            for c in t.text(text).chars() {
                match c {
                    '\u{2019}' => self.buf.push('\''),
                    c => self.buf.extend(c.to_lowercase()),
                }
            }
            self.ranges[k] = start..self.buf.len();
        }
    }

    /// The sentence last lowercased as bytes, and each token's range in them: enough to rule
    /// most words out without making a `&str` of each.
    pub fn spans(&self) -> (&[u8], &[Range<usize>]) {
        (self.buf.as_bytes(), &self.ranges)
    }

    /// The lowercased text of token `k` of the sentence last lowercased.
    pub fn word(&self, k: usize) -> Option<&str> {
        self.ranges.get(k).and_then(|r| self.buf.get(r.clone()))
    }

    /// The lowercased text of each token of the sentence last lowercased, in the allocation of
    /// `spare` (an earlier sentence's words, handed back for reuse).
    pub fn words<'s>(&'s self, spare: Vec<&str>) -> Vec<&'s str> {
        let mut words = LowerWords::recycle(spare);
        let word = |r: &Range<usize>| self.buf.get(r.clone()).unwrap_or_default();
        words.extend(self.ranges.iter().map(word));
        words
    }

    /// An empty vector in `words`' allocation, free of its borrow: std collects a vector
    /// into itself in place when the items have one size, so no allocation is made per sentence.
    pub fn recycle<'a>(mut words: Vec<&str>) -> Vec<&'a str> {
        words.clear();
        // No word is left to map: only the allocation passes.
        words.into_iter().map(|_| "").collect()
    }
}

/// `<[u8]>::is_ascii` with no branch per byte: eight bytes at a time, the last eight
/// overlapping the rest (std's version ends in a byte loop, a mispredicted exit a sentence).
fn is_ascii(bytes: &[u8]) -> bool {
    let Some(last) = bytes.len().checked_sub(8) else {
        return bytes.is_ascii();
    };
    let lanes = |chunk: &[u8]| u64::from_le_bytes(chunk.try_into().unwrap_or_default());
    let seen = (bytes.chunks_exact(8)).fold(lanes(&bytes[last..]), |seen, c| seen | lanes(c));
    seen & LANE_HIGH == 0
}

/// Adds the positions of the non-ASCII bytes of `bytes` to `wide`, eight bytes at a time.
fn find_wide(bytes: &[u8], wide: &mut Vec<usize>) {
    let mut chunks = bytes.chunks_exact(8);
    for (i, chunk) in (&mut chunks).enumerate() {
        let mut high = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) & LANE_HIGH;
        while high != 0 {
            wide.push(i * 8 + high.trailing_zeros() as usize / 8);
            high &= high - 1;
        }
    }
    let tail = bytes.len() - chunks.remainder().len();
    let rest = chunks.remainder().iter().enumerate();
    wide.extend(rest.filter(|(_, b)| !b.is_ascii()).map(|(i, _)| tail + i));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tells_ascii_like_std() {
        let text =
            "Kerry MET al-Assad@[`{ÉCOLE Ünd ÀZ az AZ 09 \u{212A}elvin. ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let bytes = &text.as_bytes()[start..end];
                assert_eq!(is_ascii(bytes), bytes.is_ascii());
            }
        }
    }

    #[test]
    fn finds_the_wide_bytes() {
        let text =
            "Kerry MET al-Assad@[`{ÉCOLE Ünd ÀZ az AZ 09 \u{212A}elvin. ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for start in 0..text.len() {
            let bytes = &text.as_bytes()[start..];
            let mut wide = Vec::new();
            find_wide(bytes, &mut wide);
            let expected: Vec<usize> = (0..bytes.len()).filter(|&i| !bytes[i].is_ascii()).collect();
            assert_eq!(wide, expected);
        }
    }

    #[test]
    fn recycling_keeps_the_allocation() {
        let text = String::from("one two three");
        let words: Vec<&str> = text.split(' ').collect();
        let capacity = words.capacity();
        let spare: Vec<&str> = LowerWords::recycle(words);
        assert!(spare.is_empty());
        assert_eq!(spare.capacity(), capacity);
    }
}
