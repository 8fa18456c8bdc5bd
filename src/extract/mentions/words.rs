//! Token text as the mention reader asks for it many times per sentence: compared on bytes,
//! and borrowed from the article rather than copied.

use super::SentenceReader;
use crate::extract::text::{Token, TokenKind};
use std::borrow::Cow;

impl SentenceReader<'_> {
    /// Is token `i`'s text `w` (not empty)? Compared on bytes: no slicing of the text.
    #[inline]
    pub(super) fn word_is(&self, i: usize, w: &str) -> bool {
        self.tok(i).is_some_and(|t| {
            t.end - t.start == w.len() && self.text.as_bytes()[t.start..t.end] == *w.as_bytes()
        })
    }

    /// Is token `i` "the", in any case?
    #[inline]
    pub(super) fn is_the(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| self.is_the_token(t))
    }

    /// A capitalised word, or a lowercase particle joined to one ("al-Assad", "bin-Laden").
    #[inline]
    pub(super) fn is_cap_word(&self, i: usize) -> bool {
        self.tok(i).is_some_and(|t| self.is_cap_token(t))
    }

    /// The first token from `from` on that may start a mention: a lexicon hit, a capitalised
    /// word or "the" (or the sentence's end). Most tokens start nothing: a tight scan.
    pub(super) fn next_start(&self, from: usize) -> usize {
        let tokens = self.sentence.tokens.get(from..).unwrap_or_default();
        let hits = self.token_hits.get(from..).unwrap_or_default();
        let found = tokens
            .iter()
            .zip(hits)
            .position(|(t, hit)| hit.has_hit() || self.is_cap_token(t) || self.is_the_token(t));
        from + found.unwrap_or(tokens.len())
    }

    /// Compared on bytes, with no slicing of the text: asked of nearly every token.
    #[inline]
    fn is_the_token(&self, t: &Token) -> bool {
        // The first letter rules out most three-letter words ("and", "for") before the rest.
        let bytes = self.text.as_bytes();
        t.end - t.start == 3
            && bytes[t.start] | 0x20 == b't'
            && bytes[t.start..t.end].eq_ignore_ascii_case(b"the")
    }

    /// The token's flags decide nearly every token.
    #[inline]
    fn is_cap_token(&self, t: &Token) -> bool {
        t.kind == TokenKind::Word && (t.upper || (t.hyphen && self.is_particle_joined(t)))
    }

    /// Out of line: a lowercase word with a hyphen is rare.
    #[inline(never)]
    fn is_particle_joined(&self, tok: &Token) -> bool {
        tok.text(self.text)
            .split_once(['-', '‑'])
            .is_some_and(|(head, rest)| {
                self.lex.particles.contains(head)
                    && rest.chars().next().is_some_and(char::is_uppercase)
            })
    }

    /// The words of tokens `from..to`, joined by single spaces, borrowed from the text when
    /// they stand so there.
    pub(super) fn span_str(&self, from: usize, to: usize) -> Cow<'_, str> {
        let start = self.sentence.tokens[from].start;
        let end = self.sentence.tokens[to - 1].end;
        let span = &self.text[start..end];
        if to == from + 1 {
            return span.into();
        }
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
