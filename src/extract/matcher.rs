//! Matcher: where the lexicon's patterns (forms, titles, places) occur in a text.
//!
//! Only matches that do not cut a word count ("Iraq" in "Iraq's", not in "Iraqi"), and at each
//! place the longest of those: "BBC" in "BBC Newsnight" though the lexicon also has "BBC News".
//! Nearly every pattern opens with a capital letter, a digit or a non-ASCII letter, so those are
//! tried (anchored) only where such a byte stands, and the few that open with a lowercase
//! letter ("al-Qaeda") get an automaton of their own. Knows nothing of what the patterns mean.

use super::text::{LANE_HIGH, lanes_within};
use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous;
use aho_corasick::{
    AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, Anchored, Input, MatchKind, StartKind,
};

/// One match: byte range and pattern index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PatternMatch {
    pub start: usize,
    pub end: usize,
    pub pattern: usize,
}

/// Compiled patterns.
#[derive(Debug, Clone)]
pub(crate) struct Matcher {
    /// Patterns opening with anything but a lowercase ASCII letter, for anchored walks. The
    /// bare automaton: a walk is a few bytes long, and `AhoCorasick::try_find`'s set-up cost
    /// more than the walk itself.
    anchored: contiguous::NFA,
    /// Their indexes among all patterns.
    anchored_ids: Vec<usize>,
    /// The bytes those patterns open with.
    opens: [bool; 256],
    /// Their first three bytes, hashed into a bitset: most capitals in a text open no
    /// pattern, and this rules them out before an automaton search (about 250 instructions).
    prefixes: Vec<u64>,
    /// First bytes of patterns shorter than three bytes, which the bitset cannot rule out.
    short: [bool; 256],
    /// Which bytes the scan for opening bytes may skip eight at a time.
    skip: Skip,
    /// Patterns opening with a lowercase ASCII letter, for ordinary searches.
    lower: AhoCorasick,
    /// Their indexes among all patterns.
    lower_ids: Vec<usize>,
}

impl Matcher {
    /// Compiles `patterns`; an empty pattern (it would match everywhere) is left out.
    pub(crate) fn new(patterns: &[String]) -> Matcher {
        let mut anchored = (Vec::new(), Vec::new());
        let mut lower = (Vec::new(), Vec::new());
        let mut opens = [false; 256];
        let mut prefixes = vec![0u64; PREFIX_BITS / 64];
        let mut short = [false; 256];
        for (i, pattern) in patterns.iter().enumerate() {
            let Some(&first) = pattern.as_bytes().first() else {
                continue;
            };
            let part = if first.is_ascii_lowercase() {
                &mut lower
            } else {
                opens[usize::from(first)] = true;
                match prefix_slot(pattern.as_bytes()) {
                    Some(slot) => prefixes[slot / 64] |= 1 << (slot % 64),
                    None => short[usize::from(first)] = true,
                }
                &mut anchored
            };
            part.0.push(pattern.as_str());
            part.1.push(i);
        }
        Matcher {
            anchored: contiguous::Builder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .prefilter(false)
                .build(&anchored.0)
                .expect("lexicon patterns compile"),
            anchored_ids: anchored.1,
            opens,
            prefixes,
            short,
            skip: Skip::new(&opens),
            lower: build(&lower.0, StartKind::Both),
            lower_ids: lower.1,
        }
    }

    /// Every match that stands at word boundaries, left to right: at each place the longest
    /// such match, then on past its end.
    pub(crate) fn find_all(&self, text: &str, mut found: impl FnMut(PatternMatch)) {
        let mut at = 0;
        // The next lowercase match at or after `at`, kept until a match passes its start.
        let mut lower = self.find_lower(text, 0);
        while at < text.len() {
            if lower.is_some_and(|m| m.start < at) {
                lower = self.find_lower(text, at);
            }
            // The two sets never match at the same place (their first bytes differ), so the
            // leftmost of the two is the leftmost of all.
            let limit = lower.map_or(text.len(), |m| m.start);
            let Some(m) = self.find_anchored(text, at, limit).or(lower) else {
                break;
            };
            found(m);
            at = m.end;
        }
    }

    /// The leftmost lowercase match at word boundaries starting at or after `from`.
    fn find_lower(&self, text: &str, mut from: usize) -> Option<PatternMatch> {
        loop {
            let m = self.lower.try_find(Input::new(text).range(from..)).ok()??;
            if let Some(m) = longest_within_words(&self.lower, text, m) {
                return Some(PatternMatch {
                    pattern: self.lower_ids[m.pattern().as_usize()],
                    start: m.start(),
                    end: m.end(),
                });
            }
            from = m.start() + 1;
        }
    }

    /// The first place in `from..limit` where an anchored pattern matches at word boundaries,
    /// with its longest such match.
    fn find_anchored(&self, text: &str, from: usize, limit: usize) -> Option<PatternMatch> {
        let bytes = text.as_bytes();
        let mut at = from;
        while at < limit {
            at = self.next_open(bytes, at, limit)?;
            if self.may_open(bytes, at)
                && !inside_word(text, at)
                && let Some(m) = self.longest_anchored(text, at)
            {
                return Some(m);
            }
            at += 1;
        }
        None
    }

    /// The longest anchored pattern at `at` that does not cut a word at its end. One walk of
    /// the trie: the matches along it come shortest first, so the last that fits wins.
    fn longest_anchored(&self, text: &str, at: usize) -> Option<PatternMatch> {
        let nfa = &self.anchored;
        let mut sid = nfa.start_state(Anchored::Yes).ok()?;
        let mut best = None;
        for (end, &b) in text.as_bytes().iter().enumerate().skip(at) {
            sid = nfa.next_state(Anchored::Yes, sid, b);
            if !nfa.is_special(sid) {
                continue;
            }
            if nfa.is_dead(sid) {
                break;
            }
            if nfa.is_match(sid) {
                let id = nfa.match_pattern(sid, 0);
                // A match state may also carry a pattern that starts later (a suffix): only
                // patterns that start at `at` count, as in an anchored `try_find`.
                if end + 1 - nfa.pattern_len(id) == at && !cuts_word_end(text, end + 1) {
                    best = Some(PatternMatch {
                        pattern: self.anchored_ids[id.as_usize()],
                        start: at,
                        end: end + 1,
                    });
                }
            }
        }
        best
    }

    /// The first byte at or after `at` (before `limit`) that opens an anchored pattern.
    fn next_open(&self, bytes: &[u8], mut at: usize, limit: usize) -> Option<usize> {
        if self.skip != Skip::None {
            // Lowercase letters and spaces, most of any text, eight at a time (and punctuation
            // too, when no pattern opens with it).
            while let Some(chunk) = bytes.get(at..at + 8).filter(|_| at + 8 <= limit) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                let stop = match self.skip {
                    Skip::AllButCapitalsDigitsWide => capital_digit_wide_lanes(word),
                    _ => not_lower_or_space_lanes(word),
                };
                if stop == 0 {
                    at += 8;
                    continue;
                }
                let lane = at + (stop.trailing_zeros() / 8) as usize;
                if self.opens[usize::from(bytes[lane])] {
                    return Some(lane);
                }
                at = lane + 1;
            }
        }
        bytes[at..limit]
            .iter()
            .position(|&b| self.opens[usize::from(b)])
            .map(|n| at + n)
    }

    /// Can an anchored pattern match at `at`, judging by the next three bytes?
    fn may_open(&self, bytes: &[u8], at: usize) -> bool {
        if self.short[usize::from(bytes[at])] {
            return true;
        }
        match prefix_slot(&bytes[at..]) {
            Some(slot) => self.prefixes[slot / 64] & (1 << (slot % 64)) != 0,
            // Fewer than three bytes left: only a short pattern could match, and none opens here.
            None => false,
        }
    }
}

/// `m`, or the longest shorter match at its start, that does not cut a word: "Iraq" in
/// "Iraq's" but not in "Iraqi", "U.S." but not in "U.S.A".
fn longest_within_words(
    automaton: &AhoCorasick,
    text: &str,
    mut m: aho_corasick::Match,
) -> Option<aho_corasick::Match> {
    loop {
        if !inside_word(text, m.start()) && !cuts_word_end(text, m.end()) {
            return Some(m);
        }
        let shorter = Input::new(text)
            .range(m.start()..m.end() - 1)
            .anchored(Anchored::Yes);
        m = automaton.try_find(shorter).ok()??;
    }
}

/// Does `at` stand inside a word: a letter or digit right after another? Decided on two bytes
/// when both are ASCII, nearly always: that part is inlined into the scans.
#[inline(always)]
fn inside_word(text: &str, at: usize) -> bool {
    let bytes = text.as_bytes();
    match (at.checked_sub(1).and_then(|p| bytes.get(p)), bytes.get(at)) {
        (Some(&prev), Some(&b)) if prev.is_ascii() && b.is_ascii() => {
            prev.is_ascii_alphanumeric() && b.is_ascii_alphanumeric()
        }
        (Some(_), Some(_)) => joins_chars(text, at, |prev| prev.is_alphanumeric()),
        _ => false,
    }
}

/// Does a match ending at `end` cut a word: a letter or digit on both sides, or a dotted
/// abbreviation going on ("U.S." in "U.S.A")? Inlined like `inside_word`.
#[inline(always)]
fn cuts_word_end(text: &str, end: usize) -> bool {
    let bytes = text.as_bytes();
    match (
        end.checked_sub(1).and_then(|p| bytes.get(p)),
        bytes.get(end),
    ) {
        (Some(&last), Some(&after)) if last.is_ascii() && after.is_ascii() => {
            after.is_ascii_alphanumeric() && (last.is_ascii_alphanumeric() || last == b'.')
        }
        (Some(_), Some(_)) => joins_chars(text, end, |last| last.is_alphanumeric() || last == '.'),
        _ => false,
    }
}

/// The character at `at` is a letter or digit and the one before it passes `before`: the
/// Unicode case of the two tests above, out of line.
#[inline(never)]
fn joins_chars(text: &str, at: usize, before: fn(char) -> bool) -> bool {
    text[at..].chars().next().is_some_and(char::is_alphanumeric)
        && text[..at].chars().next_back().is_some_and(before)
}

/// Bits in `Matcher::prefixes` (8 KB).
const PREFIX_BITS: usize = 1 << 16;

/// The bit for the first three bytes of `bytes`, if it has three.
fn prefix_slot(bytes: &[u8]) -> Option<usize> {
    let [a, b, c, ..] = *bytes else {
        return None;
    };
    let key = u32::from(a) | u32::from(b) << 8 | u32::from(c) << 16;
    Some((key.wrapping_mul(0x9E37_79B1) >> 16) as usize % PREFIX_BITS)
}

/// What the scan for opening bytes may skip, judging by the bytes patterns open with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Skip {
    /// Nothing: some pattern opens with a space.
    None,
    /// Lowercase ASCII letters and spaces (no pattern opens with them, by construction).
    LowerAndSpace,
    /// Every byte but ASCII capitals and digits and non-ASCII bytes: the usual lexicon, whose
    /// patterns all open with a capital, a digit or a non-ASCII letter ("Édouard").
    AllButCapitalsDigitsWide,
}

impl Skip {
    fn new(opens: &[bool; 256]) -> Skip {
        let usual =
            |b: usize| b >= 0x80 || (b as u8).is_ascii_uppercase() || (b as u8).is_ascii_digit();
        if (0..256).all(|b| !opens[b] || usual(b)) {
            Skip::AllButCapitalsDigitsWide
        } else if !opens[usize::from(b' ')] {
            Skip::LowerAndSpace
        } else {
            Skip::None
        }
    }
}

/// The high bit of each byte of `word` that is an ASCII capital or digit, or not ASCII.
fn capital_digit_wide_lanes(word: u64) -> u64 {
    let low = word & !LANE_HIGH;
    (lanes_within(low, b'A', b'Z') | lanes_within(low, b'0', b'9') | word) & LANE_HIGH
}

/// The high bit of each byte of `word` that is neither a lowercase ASCII letter nor a space
/// (bytes below 0x80 are tested alone: adding at most 0x80 never carries into the next byte).
fn not_lower_or_space_lanes(word: u64) -> u64 {
    let low = word & !LANE_HIGH;
    let lower = lanes_within(low, b'a', b'z');
    let space = lanes_within(low, b' ', b' ');
    !((lower | space) & !word) & LANE_HIGH
}

fn build(patterns: &[&str], start: StartKind) -> AhoCorasick {
    // The contiguous NFA: about 0.6 MB for the built-in lexicon against 13 MB for a DFA, so
    // the few states a search walks stay in cache.
    AhoCorasickBuilder::new()
        .match_kind(MatchKind::LeftmostLongest)
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .start_kind(start)
        .build(patterns)
        .expect("lexicon patterns compile")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `find_all` must equal, by brute force: from left to right, the longest pattern at
    /// each place that does not cut a word, then on past its end.
    fn reference(patterns: &[String], text: &str) -> Vec<PatternMatch> {
        let mut found = Vec::new();
        let mut at = 0;
        while at < text.len() {
            let longest = patterns
                .iter()
                .enumerate()
                .filter(|(_, p)| !p.is_empty() && text.is_char_boundary(at))
                .filter(|(_, p)| text[at..].starts_with(p.as_str()))
                .filter(|(_, p)| !inside_word(text, at) && !cuts_word_end(text, at + p.len()))
                .max_by_key(|(_, p)| p.len());
            match longest {
                Some((pattern, p)) => {
                    found.push(PatternMatch {
                        start: at,
                        end: at + p.len(),
                        pattern,
                    });
                    at += p.len();
                }
                None => at += 1,
            }
        }
        found
    }

    fn check(patterns: &[&str], text: &str) {
        let patterns: Vec<String> = patterns.iter().map(|p| p.to_string()).collect();
        let mut got = Vec::new();
        Matcher::new(&patterns).find_all(text, |m| got.push(m));
        assert_eq!(got, reference(&patterns, text), "{text:?}");
    }

    #[test]
    fn same_matches_as_one_automaton() {
        let patterns = [
            "al-Qaeda",
            "al Qaeda in Iraq",
            "Qaeda",
            "Iraq",
            "US",
            "U.S.",
            "USA",
            "New York",
            "York",
            "Élysée",
            "10 Downing Street",
            "dpa",
            "ada",
        ];
        for text in [
            "",
            "al-Qaeda in Iraq and al Qaeda in Iraq",
            "the USA, the US and the U.S. of New York",
            "Qaedal-Qaeda Yorkal Qaeda in IraqUS",
            "Canada's dpa Élysée 10 Downing Street",
            "xal-Qaedax NewYork New Yor New York",
            "\u{2019}US\u{2019} née Élysé Élysée",
        ] {
            check(&patterns, text);
        }
    }

    proptest::proptest! {
        /// Small alphabets make overlaps, nested patterns and matches that cut words common.
        #[test]
        fn same_matches_as_one_automaton_on_any_text(
            patterns in proptest::collection::vec("[aAbB. é]{1,4}", 0..12),
            text in "[aAbB. éx]{0,40}",
        ) {
            check_set(patterns, &text);
        }
    }

    proptest::proptest! {
        /// No pattern opens with a space, so the scan skips eight bytes at a time; longer
        /// patterns exercise the three-byte prefixes.
        #[test]
        fn same_matches_with_the_eight_byte_scan(
            patterns in proptest::collection::vec("[aAbB.é][aAbB. é]{0,6}", 0..12),
            text in "[aAbB. éxy]{0,80}",
        ) {
            check_set(patterns, &text);
        }
    }

    /// Checks `find_all` on the set of `patterns` (sorted, each once), and returns the set.
    fn check_set(mut patterns: Vec<String>, text: &str) -> Vec<String> {
        patterns.sort();
        patterns.dedup();
        check(
            &patterns.iter().map(String::as_str).collect::<Vec<_>>(),
            text,
        );
        patterns
    }

    /// `lanes` marks exactly the bytes `stops` holds, in every lane of a chunk of `background`.
    fn lanes_agree(background: [u8; 8], lanes: fn(u64) -> u64, stops: fn(u8) -> bool) {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut chunk = background;
                chunk[lane] = b;
                let stop = lanes(u64::from_le_bytes(chunk));
                assert_eq!(
                    stop,
                    if stops(b) { 0x80 << (8 * lane) } else { 0 },
                    "{b:#x}"
                );
            }
        }
    }

    #[test]
    fn lower_or_space_lanes_agree_with_bytes() {
        lanes_agree(*b"ab yz cd", not_lower_or_space_lanes, |b| {
            !(b.is_ascii_lowercase() || b == b' ')
        });
    }

    proptest::proptest! {
        /// Patterns that open only with capitals, digits and non-ASCII letters, like the
        /// built-in lexicon's: the scan skips punctuation too.
        #[test]
        fn same_matches_when_patterns_open_with_capitals_digits_or_wide_letters(
            patterns in proptest::collection::vec("[AB1é][aAbB1.,' é]{0,6}", 0..12),
            text in "[aAbB1.,' éxy]{0,80}",
        ) {
            let patterns = check_set(patterns, &text);
            proptest::prop_assert_eq!(Matcher::new(&patterns).skip, Skip::AllButCapitalsDigitsWide);
        }
    }

    #[test]
    fn capital_digit_wide_lanes_agree_with_bytes() {
        lanes_agree(*b"ab ,z.cd", capital_digit_wide_lanes, |b| {
            b.is_ascii_uppercase() || b.is_ascii_digit() || !b.is_ascii()
        });
    }

    #[test]
    fn a_shorter_match_stands_in_for_one_that_cuts_a_word() {
        let patterns: Vec<String> = ["BBC", "BBC News", "U.S.", "U.S. Congress", "al-Qaeda"]
            .map(String::from)
            .to_vec();
        let text = "BBC Newsnight; U.S. Congresswoman; BBC News; Iraqi al-Qaedas";
        let mut got = Vec::new();
        Matcher::new(&patterns).find_all(text, |m| got.push(&text[m.start..m.end]));
        assert_eq!(got, ["BBC", "U.S.", "BBC News"]);
    }

    #[test]
    fn lowercase_and_capital_sets_alone() {
        check(&["al-Qaeda", "al"], "al al-Qaeda al-Qa");
        check(&["Iraq", "Ira"], "Ira Iraq Iraqi");
        check(&[], "anything");
    }
}
