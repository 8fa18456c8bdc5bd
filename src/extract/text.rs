//! Text: paragraphs, sentences and word tokens with byte offsets into the article.
//!
//! Sentence splitting knows abbreviations (U.S., Mr., Gen., Jan., a.m.) and initials, so a
//! full stop inside a name never ends a sentence. Knows nothing of entities.

mod lower;
mod scan;

pub use lower::LowerWords;
use scan::ascii_alnum_end;
pub(crate) use scan::{LANE_HIGH, lanes_within};
use std::ops::Range;

/// One sentence: its byte range in the article and its tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence<'t> {
    /// Byte range in the article.
    pub span: Range<usize>,
    /// Tokens, in order.
    pub tokens: &'t [Token],
    /// True for the first sentence of a paragraph.
    pub starts_paragraph: bool,
}

/// An article's sentences, over one token list: a sentence borrows its slice of it.
#[derive(Debug, Clone, Default)]
pub struct Sentences {
    tokens: Vec<Token>,
    list: Vec<Bounds>,
}

/// Where a sentence stands: bytes in the article, and its tokens in `Sentences::tokens`.
#[derive(Debug, Clone)]
struct Bounds {
    span: Range<usize>,
    tokens: Range<usize>,
    starts_paragraph: bool,
}

impl Sentences {
    /// The sentences, in order.
    pub fn iter(&self) -> impl ExactSizeIterator<Item = Sentence<'_>> {
        self.list.iter().map(|b| Sentence {
            span: b.span.clone(),
            tokens: &self.tokens[b.tokens.clone()],
            starts_paragraph: b.starts_paragraph,
        })
    }

    /// How many sentences.
    pub fn len(&self) -> usize {
        self.list.len()
    }

    /// No sentences at all (an empty or blank article).
    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }
}

/// A word, number or punctuation mark.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset past the last byte.
    pub end: usize,
    /// What kind of token.
    pub kind: TokenKind,
    /// The first character is uppercase.
    pub upper: bool,
    /// A word with an inner hyphen ("al-Assad", "co-operation").
    pub hyphen: bool,
}

/// Token classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters (with inner `'`, `’`, `-`, `.` for abbreviations like `U.S.`).
    Word,
    /// Digits, with inner `.` and `,`.
    Number,
    /// A possessive ending, `'s` or `’s` (or a bare `'` after a plural).
    Possessive,
    /// Anything else, one character.
    Punct,
}

impl Token {
    /// The token's text.
    pub fn text<'a>(&self, article: &'a str) -> &'a str {
        &article[self.start..self.end]
    }
}

/// Bytes in the longest of `ABBREVIATIONS`: longer words, most words before a full stop, are none.
const LONGEST_ABBREVIATION: usize = 6;

/// Abbreviations whose full stop does not end a sentence, lowercase.
const ABBREVIATIONS: &[&str] = &[
    "a.m", "adm", "amb", "approx", "apr", "aug", "capt", "cmdr", "co", "col", "corp", "d", "d.c",
    "dec", "dept", "dr", "e.u", "est", "etc", "feb", "fig", "gen", "gov", "govt", "hon", "i",
    "inc", "jan", "jr", "jul", "jun", "lt", "ltd", "maj", "mar", "mr", "mrs", "ms", "no", "nov",
    "oct", "p.m", "pres", "prof", "r", "rep", "rev", "sec", "sen", "sep", "sept", "sgt", "sr",
    "st", "u.k", "u.n", "u.s", "u.s.a", "vs",
];

/// `ABBREVIATIONS` as integers (bytes little-endian, zero-padded), sorted: a lookup is a binary
/// search over `u64`s, with no string comparisons.
const ABBREVIATION_KEYS: [u64; ABBREVIATIONS.len()] = {
    let mut keys = [0; ABBREVIATIONS.len()];
    let mut i = 0;
    while i < keys.len() {
        keys[i] = pack(ABBREVIATIONS[i].as_bytes());
        // Insertion sort: `const` code has no `sort`.
        let mut j = i;
        while j > 0 && keys[j - 1] > keys[j] {
            let t = keys[j - 1];
            keys[j - 1] = keys[j];
            keys[j] = t;
            j -= 1;
        }
        i += 1;
    }
    keys
};

/// Up to eight bytes as one integer, the first byte lowest.
const fn pack(bytes: &[u8]) -> u64 {
    let mut key = 0;
    let mut i = 0;
    while i < bytes.len() && i < 8 {
        key |= (bytes[i] as u64) << (8 * i);
        i += 1;
    }
    key
}

/// Is `word` one of `ABBREVIATIONS`, in any case ("Mr", "U.S", "a.m")?
fn is_abbreviation(word: &str) -> bool {
    if word.len() > LONGEST_ABBREVIATION {
        return false;
    }
    let key = pack(word.as_bytes());
    ABBREVIATION_KEYS
        .binary_search(&scan::lowercase_lanes(key))
        .is_ok()
}

/// A run of more tokens than this with no sentence end is cut into pieces of this length. Real
/// sentences are far shorter (the longest in shared/corpus has about 240 tokens), and reading
/// relations costs actors x words per sentence, so an unbounded sentence (a 10 MB line with no
/// full stop) would make extraction quadratic.
pub const MAX_SENTENCE_TOKENS: usize = 500;

/// Splits an article into sentences. Paragraph breaks (blank lines) always end a sentence.
pub fn split_sentences(text: &str) -> Sentences {
    // About one token per five bytes and one sentence per 130 bytes of news text.
    let mut tokens = Vec::with_capacity(text.len() / 5 + 16);
    let mut list = Vec::with_capacity(text.len() / 128 + 1);
    let mut marks = Vec::new();
    for para in paragraphs(text) {
        marks.clear();
        let mut begin = tokens.len();
        tokenize_into(text, para, &mut tokens, &mut marks);
        // A sentence end is judged within its paragraph, by the tokens around it.
        let para_start = begin;
        let mut ends = marks
            .iter()
            .copied()
            .filter(|&i| is_sentence_end(text, &tokens[para_start..], i - para_start))
            .peekable();
        let mut first = true;
        loop {
            // A sentence ends at its end mark, or is cut after `MAX_SENTENCE_TOKENS` tokens.
            let cut = begin + MAX_SENTENCE_TOKENS - 1;
            let end = match ends.peek() {
                Some(&end) if end <= cut => {
                    ends.next();
                    end
                }
                _ if cut < tokens.len() => cut,
                _ => break,
            };
            push_sentence(&mut list, &tokens, begin..end + 1, first);
            first = false;
            begin = end + 1;
        }
        if begin < tokens.len() {
            push_sentence(&mut list, &tokens, begin..tokens.len(), first);
        }
    }
    Sentences { tokens, list }
}

fn push_sentence(
    out: &mut Vec<Bounds>,
    tokens: &[Token],
    range: Range<usize>,
    starts_paragraph: bool,
) {
    let (Some(first), Some(last)) = (tokens.get(range.start), tokens.get(range.end - 1)) else {
        return;
    };
    out.push(Bounds {
        span: first.start..last.end,
        tokens: range,
        starts_paragraph,
    });
}

/// Byte ranges of paragraphs: runs of text separated by blank lines. Single line breaks inside
/// a paragraph are kept as spaces would be, except that a line with no final punctuation
/// (a headline, a byline) is its own paragraph.
fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut line_start = 0;
    while line_start < text.len() {
        // Each line with its line feed (SIMD search: articles are mostly long lines).
        let offset = memchr::memchr(b'\n', &text.as_bytes()[line_start..])
            .map_or(text.len(), |n| line_start + n + 1);
        let trimmed = text[line_start..offset].trim();
        if trimmed.is_empty() {
            if let Some(s) = start.take() {
                out.push(s..line_start);
            }
        } else {
            if start.is_none() {
                start = Some(line_start);
            }
            let ends_sentence = trimmed.ends_with(['.', '!', '?', '"', '”', '’', ':']);
            if !ends_sentence {
                out.push(start.take().unwrap_or(line_start)..offset);
            }
        }
        line_start = offset;
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Tokens of `text[range]`, offsets relative to the whole text.
pub fn tokenize(text: &str, range: Range<usize>) -> Vec<Token> {
    let mut tokens = Vec::new();
    tokenize_into(text, range, &mut tokens, &mut Vec::new());
    tokens
}

/// Appends the tokens of `text[range]` to `tokens`, and to `marks` the index of each that may end
/// a sentence (a full stop, `!` or `?`, or a word ending in a full stop, "U.S."), so the
/// sentence splitter looks only at those.
fn tokenize_into(text: &str, range: Range<usize>, tokens: &mut Vec<Token>, marks: &mut Vec<usize>) {
    // The paragraph's bytes end where the slice does: one bound for every check below.
    let bytes = &text.as_bytes()[..range.end];
    let mut i = range.start;
    while let Some(&b) = bytes.get(i) {
        let mut upper = b.is_ascii_uppercase();
        let mut hyphen = false;
        let (kind, end) = match ASCII_CLASS[usize::from(b)] {
            SPACE => {
                i += 1;
                continue;
            }
            LETTER => {
                let letters = ascii_alnum_end(bytes, i);
                // Most tokens: a plain ASCII word before a space or ASCII punctuation that
                // joins nothing. It never ends in a full stop, so marks nothing.
                if bytes.get(letters).is_some_and(|&n| ends_plain_word(n)) {
                    tokens.push(Token {
                        start: i,
                        end: letters,
                        kind: TokenKind::Word,
                        upper,
                        hyphen: false,
                    });
                    i = letters + usize::from(bytes[letters] == b' ');
                    continue;
                }
                let end;
                (end, hyphen) = word_end(text, bytes, i, letters);
                (TokenKind::Word, end)
            }
            DIGIT => (TokenKind::Number, number_end(bytes, i)),
            PUNCT if b == b'\'' => match possessive_len(text, i, range.end) {
                Some(len) => (TokenKind::Possessive, i + len),
                None => (TokenKind::Punct, i + 1),
            },
            PUNCT => (TokenKind::Punct, i + 1),
            _ => {
                let c = char_at(text, i);
                let len = c.len_utf8();
                // Dashes and curly quotes, most of the non-ASCII in news, are neither space nor
                // letter: no Unicode table lookups for them.
                let punct = matches!(c, '\u{2010}'..='\u{2027}');
                if !punct && c.is_whitespace() {
                    i += len;
                    continue;
                }
                upper = !punct && c.is_uppercase();
                // Only a curly quote (0xE2 ...) can open a possessive here.
                if b == 0xE2
                    && let Some(len) = possessive_len(text, i, range.end)
                {
                    (TokenKind::Possessive, i + len)
                } else if !punct && c.is_alphabetic() {
                    let end;
                    (end, hyphen) = word_end(text, bytes, i, i);
                    (TokenKind::Word, end)
                } else {
                    (TokenKind::Punct, i + len)
                }
            }
        };
        let mark = match kind {
            TokenKind::Punct => end == i + 1 && matches!(b, b'.' | b'!' | b'?'),
            TokenKind::Word => bytes[end - 1] == b'.',
            _ => false,
        };
        if mark {
            marks.push(tokens.len());
        }
        tokens.push(Token {
            start: i,
            end,
            kind,
            upper,
            hyphen,
        });
        // Most tokens are followed by one space: step over it here rather than by a turn of
        // the loop through the class table.
        i = end + usize::from(bytes.get(end) == Some(&b' '));
    }
}

/// End of a number starting at `start`: digits, with inner `.` and `,` between digits.
fn number_end(bytes: &[u8], start: usize) -> usize {
    let mut end = start + 1;
    while let Some(&b) = bytes.get(end) {
        let inner = (b == b'.' || b == b',') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
        if b.is_ascii_digit() || inner {
            end += 1;
        } else {
            break;
        }
    }
    end
}

/// Classes of ASCII bytes for the tokenizer (non-ASCII bytes are 0 and read as chars).
const SPACE: u8 = 1;
const LETTER: u8 = 2;
const DIGIT: u8 = 3;
const PUNCT: u8 = 4;
const ASCII_CLASS: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        // The whitespace of `char::is_whitespace`: tab, line feed, vertical tab, form feed, CR, space.
        table[b] = if matches!(c, 0x09..=0x0d | b' ') {
            SPACE
        } else if c.is_ascii_alphabetic() {
            LETTER
        } else if c.is_ascii_digit() {
            DIGIT
        } else {
            PUNCT
        };
        b += 1;
    }
    table
};

/// Length of a possessive ending at `i`: `'s`/`’s` not followed by a letter.
fn possessive_len(text: &str, i: usize, limit: usize) -> Option<usize> {
    let rest = &text[i..limit];
    let quote = if rest.starts_with('\'') {
        1
    } else if rest.starts_with('’') {
        3
    } else {
        return None;
    };
    if i == 0
        || !text[..i]
            .chars()
            .next_back()
            .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let after = &rest[quote..];
    if after.starts_with('s') && !after[1..].chars().next().is_some_and(char::is_alphanumeric) {
        return Some(quote + 1);
    }
    None
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

/// End of a word starting at `start`, whose ASCII letters and digits end at `letters`: with
/// inner apostrophes and hyphens, and dotted abbreviations (`U.S.`, `a.m.`) that keep their
/// final dot. Also says whether the word took in a hyphen. `bytes` ends where the paragraph
/// does.
#[inline(always)]
fn word_end(text: &str, bytes: &[u8], start: usize, mut letters: usize) -> (usize, bool) {
    // "al-Assad", "pro-government": an ASCII hyphen between ASCII letters or digits, read on
    // bytes (hyphenated words were most of what the char by char path below read).
    let mut hyphen = false;
    while bytes.get(letters) == Some(&b'-')
        && bytes
            .get(letters + 1)
            .is_some_and(u8::is_ascii_alphanumeric)
    {
        hyphen = true;
        letters = ascii_alnum_end(bytes, letters + 1);
    }
    let Some(&next) = bytes.get(letters) else {
        return (letters, hyphen);
    };
    // A full stop (or apostrophe, hyphen) before a space or other ASCII non-letter, as at
    // every sentence end, joins nothing either: only a letter or digit after it could.
    if ends_plain_word(next)
        || (next.is_ascii()
            && bytes
                .get(letters + 1)
                .is_none_or(|&b| b.is_ascii() && !b.is_ascii_alphanumeric()))
    {
        return (letters, hyphen);
    }
    let (end, more) = word_end_slow(text, start, letters, bytes.len());
    (end, hyphen | more)
}

/// Does this byte, right after ASCII letters and digits, end the word whatever follows: ASCII,
/// and not a joiner (an apostrophe, hyphen or dot, which may go on into more letters)?
#[inline]
fn ends_plain_word(next: u8) -> bool {
    next.is_ascii() && !matches!(next, b'\'' | b'-' | b'.')
}

/// The rest of a word whose ASCII letters and digits end at `fast`: apostrophes, hyphens,
/// dots and non-ASCII letters, read char by char. Out of line, so the common case pays
/// nothing for it.
#[inline(never)]
fn word_end_slow(text: &str, start: usize, fast: usize, limit: usize) -> (usize, bool) {
    // The ASCII letters before `fast` are all word: go on from there, char by char.
    let mut end = fast;
    let mut dotted = false;
    let mut hyphen = false;
    let mut chars = text[fast..limit].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        let at = fast + off;
        let next = chars.peek().map(|&(_, n)| n);
        // The joiners first: a Unicode table lookup would only say they are no letters.
        if !matches!(c, '’' | '‑') && c.is_alphanumeric() {
            end = at + c.len_utf8();
        } else if matches!(c, '\'' | '’' | '-' | '‑') && next.is_some_and(char::is_alphanumeric)
        {
            // "O'Brien", "al-Assad", "co-operation"; a possessive "'s" is a token of its own.
            let dash = c == '-' || c == '‑';
            if !dash && possessive_len(text, at, limit).is_some() {
                break;
            }
            hyphen |= dash;
            end = at + c.len_utf8();
        } else if c == '.'
            && next.is_some_and(|n| n.is_alphabetic())
            && is_single_letter_run(text, start, at)
        {
            // "U.S", "a.m": a run of single letters joined by dots.
            dotted = true;
            end = at + 1;
        } else {
            break;
        }
    }
    if dotted && text[end..limit].starts_with('.') {
        end += 1;
    }
    (end, hyphen)
}

fn is_single_letter_run(text: &str, start: usize, dot: usize) -> bool {
    text[start..dot]
        .split('.')
        .all(|part| part.chars().count() == 1)
}

/// Does token `i` end a sentence?
fn is_sentence_end(text: &str, tokens: &[Token], i: usize) -> bool {
    let tok = tokens[i];
    // Most tokens are words without a final dot: decide those on bytes, before slicing.
    let last = text.as_bytes()[tok.end - 1];
    let candidate = match tok.kind {
        TokenKind::Word => last == b'.',
        TokenKind::Punct => tok.end - tok.start == 1 && matches!(last, b'.' | b'!' | b'?'),
        _ => false,
    };
    if !candidate {
        return false;
    }
    let t = tok.text(text);
    let Some(next) = tokens.get(i + 1) else {
        return false;
    };
    let next_text = next.text(text);
    // A dotted abbreviation ("U.S.") ends a sentence only before a clear sentence opener.
    if tok.kind == TokenKind::Word {
        return next.start > tok.end && next.upper && is_sentence_opener(next_text);
    }
    if t == "." && i > 0 {
        let prev = tokens[i - 1];
        let word = prev.text(text);
        let glued = prev.end == tok.start;
        if glued && prev.kind == TokenKind::Word && is_abbreviation(word) {
            return false;
        }
        // An initial: "Joseph R. Biden".
        if glued
            && prev.kind == TokenKind::Word
            && prev.text(text).chars().count() == 1
            && prev.upper
        {
            return false;
        }
    }
    // Closing quotes and brackets belong to the sentence they close.
    if is_closer(next_text) {
        return false;
    }
    next.upper || is_opener(next_text) || next.kind == TokenKind::Number
}

/// Closing quotes after an end mark also end the sentence.
pub fn is_closer(t: &str) -> bool {
    matches!(t, "”" | "’" | ")" | "]")
}

fn is_opener(t: &str) -> bool {
    matches!(t, "“" | "‘" | "\"" | "(" | "[" | "'")
}

fn is_sentence_opener(t: &str) -> bool {
    matches!(
        t,
        "The"
            | "He"
            | "She"
            | "It"
            | "They"
            | "We"
            | "I"
            | "But"
            | "And"
            | "In"
            | "On"
            | "At"
            | "A"
            | "An"
            | "This"
            | "That"
            | "These"
            | "Those"
            | "Its"
            | "His"
            | "Her"
            | "Their"
            | "As"
            | "After"
            | "While"
            | "When"
            | "However"
            | "Meanwhile"
            | "Still"
            | "Yet"
            | "So"
            | "Mr."
            | "Mrs."
            | "Ms."
            | "There"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentences(text: &str) -> Vec<&str> {
        split_sentences(text)
            .iter()
            .map(|s| &text[s.span])
            .collect()
    }

    proptest::proptest! {
        /// Tokens are ordered, disjoint, hold no whitespace and cover every other character;
        /// sentences are their runs, in order, none longer than the cap. Few characters, so
        /// joiners, dots and quotes meet often.
        #[test]
        fn tokens_cover_the_text_and_sentences_their_runs(
            text in "[aZ9 .,'’\\-‑\n\t“”éÉ?!]{0,80}",
        ) {
            let split = split_sentences(&text);
            let mut covered = vec![false; text.len()];
            let mut last_end = 0;
            for s in split.iter() {
                let (first, last) = (s.tokens[0], s.tokens[s.tokens.len() - 1]);
                proptest::prop_assert_eq!(s.span.clone(), first.start..last.end);
                proptest::prop_assert!(s.tokens.len() <= MAX_SENTENCE_TOKENS);
                for t in s.tokens {
                    proptest::prop_assert!(last_end <= t.start && t.start < t.end);
                    let word = t.text(&text);
                    proptest::prop_assert!(!word.contains(char::is_whitespace), "{:?}", word);
                    covered[t.start..t.end].iter_mut().for_each(|c| *c = true);
                    last_end = t.end;
                }
            }
            for (i, c) in text.char_indices() {
                proptest::prop_assert!(covered[i] || c.is_whitespace(), "{:?} at {}", c, i);
            }
        }
    }

    #[test]
    fn abbreviations_in_any_case() {
        assert!(
            ABBREVIATIONS
                .iter()
                .all(|a| a.len() <= LONGEST_ABBREVIATION)
        );
        for a in ABBREVIATIONS {
            assert!(
                is_abbreviation(a) && is_abbreviation(&a.to_uppercase()),
                "{a}"
            );
        }
        assert!(is_abbreviation("Mr") && is_abbreviation("U.s") && is_abbreviation("Approx"));
        assert!(!is_abbreviation("Mé") && !is_abbreviation("m") && !is_abbreviation("u.s.s"));
        assert!(!is_abbreviation("Kerry") && !is_abbreviation("") && !is_abbreviation("approxi"));
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let text = "Mr. Trump met Gen. Mark A. Milley at 9 a.m. in the U.S. capital. He left.";
        assert_eq!(
            sentences(text),
            [
                "Mr. Trump met Gen. Mark A. Milley at 9 a.m. in the U.S. capital.",
                "He left."
            ]
        );
    }

    #[test]
    fn us_ends_a_sentence_before_an_opener() {
        let text = "He flew to the U.S. The talks ended.";
        assert_eq!(sentences(text), ["He flew to the U.S.", "The talks ended."]);
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        let text = "\u{201c}There is no time to lose.\u{201d} he said. Then he left.";
        assert_eq!(sentences(text).len(), 2);
        let glued = "a threat.\"You can't,\" he said.";
        assert_eq!(sentences(glued).len(), 2);
    }

    #[test]
    fn headlines_and_datelines_are_their_own_sentences() {
        let text = "Kerry Meets Massoum\n\nPARIS (Reuters) - Kerry met Massoum on Monday.\n";
        assert_eq!(
            sentences(text),
            [
                "Kerry Meets Massoum",
                "PARIS (Reuters) - Kerry met Massoum on Monday."
            ]
        );
    }

    #[test]
    fn words_keep_inner_apostrophes_and_hyphens() {
        let text = "al-Assad's co-operation O’Brien U.S.";
        let toks: Vec<&str> = tokenize(text, 0..text.len())
            .iter()
            .map(|t| t.text(text))
            .collect();
        assert_eq!(toks, ["al-Assad", "'s", "co-operation", "O’Brien", "U.S."]);
    }

    #[test]
    fn hyphenated_words_are_one_token_flagged_hyphen() {
        let text = "well-to-do pro-Kyiv-led co-op’s x- -y 2-1 al-Jazeera’s non‑stop bin-Laden.";
        let toks: Vec<(&str, bool)> = tokenize(text, 0..text.len())
            .iter()
            .map(|t| (t.text(text), t.hyphen))
            .collect();
        assert_eq!(
            toks,
            [
                ("well-to-do", true),
                ("pro-Kyiv-led", true),
                ("co-op", true),
                ("’s", false),
                ("x", false),
                ("-", false),
                ("-", false),
                ("y", false),
                ("2", false),
                ("-", false),
                ("1", false),
                ("al-Jazeera", true),
                ("’s", false),
                ("non‑stop", true),
                ("bin-Laden", true),
                (".", false),
            ]
        );
    }
}
