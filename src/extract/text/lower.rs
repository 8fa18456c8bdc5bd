//! Lowercased words of a sentence, for the relation reader.

use super::{Sentence, TokenKind};
use std::ops::Range;

/// A sentence's tokens lowercased for matching words: curly apostrophes made straight, a
/// possessive as `'s`. The buffers are kept from sentence to sentence.
#[derive(Debug, Default)]
pub struct LowerWords {
    buf: String,
    ranges: Vec<Range<usize>>,
}

impl LowerWords {
    /// The lowercased text of each token of `sentence`.
    pub fn words<'s>(&'s mut self, text: &str, sentence: &Sentence) -> Vec<&'s str> {
        let span = sentence.span.clone();
        // The whole sentence is copied and lowercased in one pass; a token with a non-ASCII
        // byte (rare) is lowercased the Unicode way after it.
        self.buf.clear();
        self.buf.push_str(&text[span.clone()]);
        self.buf.make_ascii_lowercase();
        let all_ascii = self.buf.is_ascii();
        if all_ascii {
            // Nearly every sentence: each word is its slice of the buffer, in one pass.
            let buf = self.buf.as_str();
            return sentence
                .tokens
                .iter()
                .map(|t| {
                    buf.get(t.start - span.start..t.end - span.start)
                        .unwrap_or("")
                })
                .collect();
        }
        self.ranges.clear();
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
        let buf = self.buf.as_str();
        self.ranges.iter().map(|r| &buf[r.clone()]).collect()
    }
}
