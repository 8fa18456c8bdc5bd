//! Token text as the mention reader asks for it many times per sentence: compared on bytes,
//! and borrowed from the article rather than copied.

use super::SentenceReader;
use std::borrow::Cow;

impl SentenceReader<'_> {
    /// Is token `i` "the", in any case? Asked of every token: worked out once per sentence.
    pub(super) fn is_the(&self, i: usize) -> bool {
        self.token_hits.get(i).is_some_and(|t| t.the)
    }

    /// The words of tokens `from..to`, joined by single spaces, borrowed from the text when
    /// they stand so there.
    pub(super) fn span_str(&self, from: usize, to: usize) -> Cow<'_, str> {
        let start = self.sentence.tokens[from].start;
        let end = self.sentence.tokens[to - 1].end;
        let span = &self.text[start..end];
        // Names are almost always on one line with single spaces: take them as they are.
        // Tokens hold no whitespace, so only the gaps between them are checked (for a line
        // break, a tab or two spaces), and a gap of one space or none needs no reading.
        let bytes = self.text.as_bytes();
        let tokens = self.sentence.tokens.get(from..to).unwrap_or_default();
        let plain = tokens.windows(2).all(|pair| {
            let gap = bytes.get(pair[0].end..pair[1].start).unwrap_or_default();
            gap.is_empty()
                || gap == b" "
                || (!gap.iter().any(|b| matches!(b, b'\n' | b'\r' | b'\t'))
                    && !gap.windows(2).any(|w| w == b"  "))
        });
        if plain {
            return span.into();
        }
        span.split_whitespace().collect::<Vec<_>>().join(" ").into()
    }
}
