//! Lowercased words of a sentence, for the relation reader.

use super::{Sentence, TokenKind};
use std::ops::Range;

/// A sentence's tokens lowercased for matching words: curly apostrophes made straight, a
/// possessive as `'s`. The buffers are kept from sentence to sentence.
#[derive(Debug, Default)]
pub struct LowerWords {
    buf: String,
    /// Each token's bytes in `buf`.
    ranges: Vec<Range<usize>>,
}

impl LowerWords {
    /// Lowercases the tokens of `sentence`, for `bytes` and `words` to read.
    pub fn lower(&mut self, text: &str, sentence: &Sentence) {
        let span = sentence.span.clone();
        // The whole sentence is copied and lowercased in one pass; a token with a non-ASCII
        // byte (rare) is lowercased the Unicode way after it.
        self.buf.clear();
        self.buf.push_str(&text[span.clone()]);
        self.buf.make_ascii_lowercase();
        self.ranges.clear();
        if self.buf.is_ascii() {
            // Nearly every sentence: each word is its slice of the buffer.
            let offset = |t: &super::Token| t.start - span.start..t.end - span.start;
            self.ranges.extend(sentence.tokens.iter().map(offset));
            return;
        }
        for t in sentence.tokens {
            let word = t.text(text);
            if t.kind != TokenKind::Possessive && word.is_ascii() {
                self.ranges.push(t.start - span.start..t.end - span.start);
                continue;
            }
            let start = self.buf.len();
            if t.kind == TokenKind::Possessive {
                self.buf.push_str("'s");
            } else {
                for c in word.chars() {
                    match c {
                        '\u{2019}' => self.buf.push('\''),
                        c if c.is_ascii() => self.buf.push(c.to_ascii_lowercase()),
                        c => self.buf.extend(c.to_lowercase()),
                    }
                }
            }
            self.ranges.push(start..self.buf.len());
        }
    }

    /// The bytes of each word of the sentence last lowercased: enough to rule most words out
    /// without making a `&str` of each.
    pub fn bytes(&self) -> impl Iterator<Item = &[u8]> {
        let buf = self.buf.as_bytes();
        self.ranges
            .iter()
            .map(|r| buf.get(r.clone()).unwrap_or_default())
    }

    /// The lowercased text of each token of the sentence last lowercased.
    pub fn words(&self) -> Vec<&str> {
        let buf = self.buf.as_str();
        let word = |r: &Range<usize>| buf.get(r.clone()).unwrap_or_default();
        self.ranges.iter().map(word).collect()
    }
}
