//! Trigger patterns matched at the tokens that start them, reading the words one at a time:
//! most sentences with a start match no pattern, and then their words are never all made
//! `&str`s for the relation reader.

use super::super::text::LowerWords;
use super::{Pattern, TriggerStart, Triggers};
use std::ops::Range;

/// At most this many filler words may stand between two words of a trigger phrase.
const MAX_FILLERS: usize = 4;

/// A trigger pattern matched in a sentence.
#[derive(Debug, Clone, Copy)]
pub struct Match<'t> {
    /// The token of its first word.
    pub(super) start: usize,
    /// The token past its last word.
    pub(super) end: usize,
    pub(super) pattern: &'t Pattern,
}

impl Triggers {
    /// The patterns matched at `starts` (from `find_starts`), in order: at each start outside
    /// an actor's mention (`token_actor`, as the reader's), its patterns longest first. Words
    /// are read from `lower`, which `starts` were found in.
    pub fn match_starts<'t>(
        &'t self,
        starts: &[TriggerStart<'t>],
        lower: &LowerWords,
        token_actor: &[Option<usize>],
        out: &mut Vec<Match<'t>>,
    ) {
        out.clear();
        let (text, spans) = lower.spans();
        let scan = Scan {
            triggers: self,
            lower,
            text,
            spans,
            token_actor,
        };
        for &TriggerStart { token: i, patterns } in starts {
            if scan.in_actor(i) {
                continue;
            }
            // The fillers after `i`, counted once for all the patterns starting here.
            let mut lead = None;
            for pattern in patterns {
                if let Some(end) = scan.match_pattern(pattern, i, &mut lead) {
                    out.push(Match {
                        start: i,
                        end,
                        pattern,
                    });
                }
            }
        }
    }
}

/// A sentence's words and actors, as matching reads them.
struct Scan<'a> {
    triggers: &'a Triggers,
    lower: &'a LowerWords,
    /// `lower.spans()`: a word compared as bytes needs no `&str` made (and checked) first.
    text: &'a [u8],
    spans: &'a [Range<usize>],
    token_actor: &'a [Option<usize>],
}

impl Scan<'_> {
    fn bytes(&self, k: usize) -> Option<&[u8]> {
        self.spans.get(k).and_then(|r| self.text.get(r.clone()))
    }

    fn is_filler_at(&self, k: usize) -> bool {
        self.lower.word(k).is_some_and(|w| self.is_filler(w))
    }

    fn in_actor(&self, k: usize) -> bool {
        self.token_actor.get(k).is_some_and(Option::is_some)
    }

    /// A word that may stand inside a trigger phrase: a filler (a listed one, a duration word
    /// or a quotation mark), a number ("held 30 minute private talks") or a duration ("held
    /// 30-minute talks").
    fn is_filler(&self, w: &str) -> bool {
        self.triggers.fillers.contains(w)
            || w.bytes().all(|b| b.is_ascii_digit())
            || w.ends_with("-minute")
            || w.ends_with("-hour")
    }

    /// Matches a pattern at `i`, allowing a few filler words between its words ("held a joint
    /// call with"). The caller found its first word at `i`, outside any actor; `lead` caches
    /// how many fillers follow it. Returns the token index past the match.
    fn match_pattern(
        &self,
        pattern: &Pattern,
        i: usize,
        lead: &mut Option<usize>,
    ) -> Option<usize> {
        let Some((second, rest)) = pattern.words[1..].split_first() else {
            return Some(i + 1);
        };
        let is_second = |k: usize| self.bytes(k) == Some(second.as_bytes());
        let mut k = if is_second(i + 1) {
            i + 1
        } else {
            // Every pattern starting at `i` skips the same fillers before its second word.
            let run = *lead.get_or_insert_with(|| {
                (i + 1..)
                    .take(MAX_FILLERS)
                    .take_while(|&k| self.is_filler_at(k))
                    .count()
            });
            (i + 2..=i + 1 + run).find(|&k| is_second(k))?
        };
        if self.in_actor(k) {
            return None;
        }
        for word in rest {
            k = self.find_word(word, k + 1)?;
            if self.in_actor(k) {
                return None;
            }
        }
        Some(k + 1)
    }

    /// The first `word` from `k` on with only fillers before it.
    fn find_word(&self, word: &str, mut k: usize) -> Option<usize> {
        let mut skipped = 0;
        loop {
            match self.bytes(k) {
                Some(w) if w == word.as_bytes() => return Some(k),
                Some(_) if skipped < MAX_FILLERS && self.is_filler_at(k) => {
                    k += 1;
                    skipped += 1;
                }
                _ => return None,
            }
        }
    }
}
