//! Lowercased words of a sentence, for the relation reader.

use super::scan::lowercase_lanes;
use super::{Sentence, TokenKind};
use std::ops::Range;

/// A sentence's tokens lowercased for matching words: curly apostrophes made straight, a
/// possessive as `'s`. The buffers are kept from sentence to sentence.
#[derive(Debug, Default)]
pub struct LowerWords {
    /// UTF-8 (the text with ASCII letters lowercased, then whole lowercased tokens), kept as
    /// bytes so that it is lowercased eight bytes at a time.
    buf: Vec<u8>,
    /// Each token's bytes in `buf`.
    ranges: Vec<Range<usize>>,
    /// Where the sentence's non-ASCII bytes are in `buf`, in order.
    wide: Vec<usize>,
}

impl LowerWords {
    /// Lowercases the tokens of `sentence`, for `bytes` and `words` to read.
    pub fn lower(&mut self, text: &str, sentence: &Sentence) {
        let span = sentence.span.clone();
        // The whole sentence is copied and lowercased in one pass; a token with a non-ASCII
        // byte (rare) is lowercased the Unicode way after it.
        self.buf.clear();
        self.buf.extend_from_slice(&text.as_bytes()[span.clone()]);
        let all_ascii = lower_ascii(&mut self.buf);
        self.ranges.clear();
        let offset = |t: &super::Token| t.start - span.start..t.end - span.start;
        if all_ascii {
            // Three sentences in four: each word is its slice of the buffer.
            self.ranges.extend(sentence.tokens.iter().map(offset));
            return;
        }
        self.wide.clear();
        find_wide(&self.buf, &mut self.wide);
        // Tokens come in order, so the non-ASCII bytes are passed once.
        let mut wide = self.wide.iter().peekable();
        for t in sentence.tokens {
            let range = offset(t);
            while wide.next_if(|&&w| w < range.start).is_some() {}
            let ascii = wide.peek().is_none_or(|&&w| w >= range.end);
            if t.kind != TokenKind::Possessive && ascii {
                self.ranges.push(range);
                continue;
            }
            let word = t.text(text);
            let start = self.buf.len();
            if t.kind == TokenKind::Possessive {
                self.buf.extend_from_slice(b"'s");
            } else {
                for c in word.chars() {
                    match c {
                        '\u{2019}' => self.buf.push(b'\''),
                        c if c.is_ascii() => push_char(&mut self.buf, c.to_ascii_lowercase()),
                        c => c.to_lowercase().for_each(|l| push_char(&mut self.buf, l)),
                    }
                }
            }
            self.ranges.push(start..self.buf.len());
        }
    }

    /// The sentence last lowercased as bytes, and each token's range in them: enough to rule
    /// most words out without making a `&str` of each.
    pub fn spans(&self) -> (&[u8], &[Range<usize>]) {
        (&self.buf, &self.ranges)
    }

    /// The lowercased text of each token of the sentence last lowercased.
    pub fn words(&self) -> Vec<&str> {
        // Valid: the text's UTF-8 with only ASCII bytes changed, then whole characters.
        let buf = std::str::from_utf8(&self.buf).unwrap_or_default();
        let word = |r: &Range<usize>| buf.get(r.clone()).unwrap_or_default();
        self.ranges.iter().map(word).collect()
    }
}

fn push_char(buf: &mut Vec<u8>, c: char) {
    buf.extend_from_slice(c.encode_utf8(&mut [0; 4]).as_bytes());
}

const HIGH: u64 = 0x8080_8080_8080_8080;

/// `make_ascii_lowercase` eight bytes at a time (a byte loop cost three instructions a byte).
/// Returns whether every byte is ASCII.
fn lower_ascii(bytes: &mut [u8]) -> bool {
    let mut seen = 0;
    let mut chunks = bytes.chunks_exact_mut(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes((&*chunk).try_into().unwrap_or_default());
        seen |= word;
        chunk.copy_from_slice(&lowercase_lanes(word).to_le_bytes());
    }
    for b in chunks.into_remainder() {
        seen |= u64::from(*b);
        b.make_ascii_lowercase();
    }
    seen & HIGH == 0
}

/// Adds the positions of the non-ASCII bytes of `bytes` to `wide`, eight bytes at a time.
fn find_wide(bytes: &[u8], wide: &mut Vec<usize>) {
    let mut chunks = bytes.chunks_exact(8);
    for (i, chunk) in (&mut chunks).enumerate() {
        let mut high = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) & HIGH;
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
    fn lowercases_like_a_byte_loop() {
        let text =
            "Kerry MET al-Assad@[`{ÉCOLE Ünd ÀZ az AZ 09 \u{212A}elvin. ABCDEFGHIJKLMNOPQRSTUVWXYZ";
        for start in 0..text.len() {
            let mut bytes = text.as_bytes()[start..].to_vec();
            let all_ascii = lower_ascii(&mut bytes);
            let mut expected = text.as_bytes()[start..].to_vec();
            expected.make_ascii_lowercase();
            assert_eq!(bytes, expected);
            assert_eq!(all_ascii, expected.is_ascii());
            let mut wide = Vec::new();
            find_wide(&bytes, &mut wide);
            let expected_wide: Vec<usize> = (0..expected.len())
                .filter(|&i| !expected[i].is_ascii())
                .collect();
            assert_eq!(wide, expected_wide);
        }
    }
}
