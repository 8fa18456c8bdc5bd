//! Lexicon hits: where the lexicon's forms, titles and places stand in an article, as whole
//! words, and for each token of a sentence the hit starting there. Knows nothing of what
//! makes a mention.

use crate::extract::lexicon::Lexicon;
use crate::extract::text::{Sentence, Token};
use std::marker::PhantomData;

/// A lexicon hit in the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LexHit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// The lexicon hits of one article, sorted by start.
pub(crate) struct ArticleHits<'a> {
    hits: Vec<LexHit>,
    /// The text the hits index.
    text: PhantomData<&'a str>,
}

/// The lexicon hit starting at a token, if any. Small: one is written for every token.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokenInfo {
    /// The hit's pattern.
    pattern: u32,
    /// The hit's length in bytes.
    hit_len: u32,
    /// How many tokens the hit covers; 0 when no hit starts at the token.
    hit_tokens: u32,
}

impl TokenInfo {
    /// The hit starting at this token, which starts at byte `start` and has index `index`,
    /// and the token index past the hit.
    #[inline]
    pub fn hit(&self, start: usize, index: usize) -> Option<(LexHit, usize)> {
        (self.hit_tokens > 0).then(|| {
            let hit = LexHit {
                start,
                end: start + self.hit_len as usize,
                pattern: self.pattern as usize,
            };
            (hit, index + self.hit_tokens as usize)
        })
    }

    /// Does a hit start at this token?
    #[inline]
    pub fn has_hit(&self) -> bool {
        self.hit_tokens > 0
    }
}

/// For each token of a sentence, the hit that starts at it and ends on a token boundary (with
/// the token index past it). `cursor` walks the hits across sentences; `out` is a buffer kept
/// from sentence to sentence. Out of line, so that profiles show it.
#[inline(never)]
pub(crate) fn hits_by_token(
    sentence: &Sentence,
    article: &ArticleHits,
    cursor: &mut usize,
    out: &mut Vec<TokenInfo>,
) {
    let tokens = &sentence.tokens;
    let hits = &article.hits;
    out.clear();
    out.resize(tokens.len(), TokenInfo::default());
    while *cursor < hits.len() && hits[*cursor].start < sentence.span.start {
        *cursor += 1;
    }
    let mut i = 0;
    let mut h = *cursor;
    while h < hits.len() && hits[h].start < sentence.span.end {
        let hit = hits[h];
        // Hits are few: a search rather than a walk over every token.
        i += tokens[i..].partition_point(|t| t.start < hit.start);
        if i < tokens.len() && tokens[i].start == hit.start {
            let mut j = i;
            while j < tokens.len() && tokens[j].end <= hit.end {
                j += 1;
            }
            if j > i && tokens[j - 1].end == hit.end {
                set_hit(&mut out[i], hit, j - i);
            } else if j < tokens.len()
                && tokens[j].start < hit.end
                && ends_inside(tokens, j, hit.end)
            {
                // "US-led", "Iran-backed": a known name opening a hyphenated word.
                set_hit(&mut out[i], hit, j + 1 - i);
            }
        }
        h += 1;
    }
    *cursor = h;
}

fn set_hit(info: &mut TokenInfo, hit: LexHit, n_tokens: usize) {
    // Patterns, hits and sentences are far shorter than 4 GB.
    let small = |n: usize| u32::try_from(n).expect("a lexicon hit fits in 32 bits");
    info.pattern = small(hit.pattern);
    info.hit_len = small(hit.end - hit.start);
    info.hit_tokens = small(n_tokens);
}

/// Does the hit end inside token `j`, at a hyphen (whole-word hits end at a non-letter)?
fn ends_inside(tokens: &[Token], j: usize, hit_end: usize) -> bool {
    tokens[j].end > hit_end
}

/// All lexicon hits in the text, leftmost-longest, whole words only.
pub(crate) fn lexicon_hits<'a>(lex: &'a Lexicon, text: &'a str) -> ArticleHits<'a> {
    let mut hits = Vec::new();
    // The matcher keeps only matches that do not cut a word.
    lex.matcher.find_all(text, |m| {
        hits.push(LexHit {
            start: m.start,
            end: m.end,
            pattern: m.pattern,
        });
    });
    ArticleHits {
        hits,
        text: PhantomData,
    }
}
