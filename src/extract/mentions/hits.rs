//! Lexicon hits: where the lexicon's forms, titles and places stand in an article, as whole
//! words, and for each token of a sentence the hit starting there and whether it is a
//! capitalised word. Knows nothing of what makes a mention.

use crate::extract::lexicon::Lexicon;
use crate::extract::text::{Sentence, Token, TokenKind};

/// A lexicon hit in the article text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LexHit {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// The lexicon hits of one article, sorted by start, with the text and lexicon they came from.
pub(crate) struct ArticleHits<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    hits: Vec<LexHit>,
}

/// What the mention reader asks of every token, worked out once per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct TokenInfo {
    /// The lexicon hit starting at the token, and the token index past it.
    pub hit: Option<(LexHit, usize)>,
    /// A capitalised word (or a particle joined to one, "al-Assad").
    pub cap: bool,
    /// "the", in any case: it may open an office ("the president").
    pub the: bool,
}

/// For each token of a sentence, the hit that starts at it and ends on a token boundary (with
/// the token index past it), and whether it is a capitalised word. `cursor` walks the hits
/// across sentences; `out` is a buffer kept from sentence to sentence. Out of line, so that
/// profiles show it.
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
    out.extend(tokens.iter().map(|t| TokenInfo {
        hit: None,
        cap: is_cap_word(article.lex, article.text, t),
        the: is_the(article.text, t),
    }));
    while *cursor < hits.len() && hits[*cursor].start < sentence.span.start {
        *cursor += 1;
    }
    let mut i = 0;
    let mut h = *cursor;
    while h < hits.len() && hits[h].start < sentence.span.end {
        let hit = hits[h];
        while i < tokens.len() && tokens[i].start < hit.start {
            i += 1;
        }
        if i < tokens.len() && tokens[i].start == hit.start {
            let mut j = i;
            while j < tokens.len() && tokens[j].end <= hit.end {
                j += 1;
            }
            if j > i && tokens[j - 1].end == hit.end {
                out[i].hit = Some((hit, j));
            } else if j < tokens.len()
                && tokens[j].start < hit.end
                && ends_inside(tokens, j, hit.end)
            {
                // "US-led", "Iran-backed": a known name opening a hyphenated word.
                out[i].hit = Some((hit, j + 1));
            }
        }
        h += 1;
    }
    *cursor = h;
}

/// A capitalised word, or a lowercase particle joined to one ("al-Assad", "bin-Laden").
/// Inlined: it runs for every token, and the flags decide nearly all of them.
#[inline]
fn is_cap_word(lex: &Lexicon, text: &str, tok: &Token) -> bool {
    if tok.kind != TokenKind::Word || !(tok.upper || tok.hyphen) {
        return false;
    }
    if tok.upper {
        return true;
    }
    is_particle_joined(lex, text, tok)
}

/// Compared on bytes, with no slicing of the text.
#[inline]
fn is_the(text: &str, tok: &Token) -> bool {
    tok.end - tok.start == 3
        && text
            .as_bytes()
            .get(tok.start..tok.end)
            .is_some_and(|w| w.eq_ignore_ascii_case(b"the"))
}

/// Out of line: a lowercase word with a hyphen is rare.
#[inline(never)]
fn is_particle_joined(lex: &Lexicon, text: &str, tok: &Token) -> bool {
    tok.text(text)
        .split_once(['-', '‑'])
        .is_some_and(|(head, rest)| {
            lex.particles.contains(head) && rest.chars().next().is_some_and(char::is_uppercase)
        })
}

/// Does the hit end inside token `j`, at a hyphen (whole-word hits end at a non-letter)?
fn ends_inside(tokens: &[Token], j: usize, hit_end: usize) -> bool {
    tokens[j].end > hit_end
}

/// All lexicon hits in the text, leftmost-longest, whole words only.
pub(crate) fn lexicon_hits<'a>(lex: &'a Lexicon, text: &'a str) -> ArticleHits<'a> {
    let mut hits = Vec::new();
    lex.matcher.find_all(text, |m| {
        if is_word_boundary(text, m.start, m.end) {
            hits.push(LexHit {
                start: m.start,
                end: m.end,
                pattern: m.pattern,
            });
        }
    });
    ArticleHits { lex, text, hits }
}

fn is_word_boundary(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    let first = text[start..].chars().next();
    let last = text[..end].chars().next_back();
    let alnum_before =
        before.is_some_and(|c| c.is_alphanumeric()) && first.is_some_and(char::is_alphanumeric);
    let alnum_after =
        after.is_some_and(|c| c.is_alphanumeric()) && last.is_some_and(char::is_alphanumeric);
    // "U.S." followed by a letter is inside another abbreviation.
    let dotted_after = last == Some('.') && after.is_some_and(char::is_alphanumeric);
    !alnum_before && !alnum_after && !dotted_after
}
