//! Shapes of names: which capitalised words make a person, an organization or a place, and
//! when a known form (a capital, an ambiguous word) stands for an actor.

use super::{Mention, Referent, SentenceReader};
use crate::extract::text::TokenKind;
use crate::extract::wordset::with_lowercase;
use crate::model::EntityType;
use std::cell::OnceCell;

impl SentenceReader<'_> {
    /// Skips leading words that cannot start a person's name: common words, "then-"/"ex-"
    /// prefixes, and ordinary English words when a given name follows or the run ends in one
    /// too ("Climate Change"). The last word always stays, for a lone name to resolve.
    pub(super) fn strip_leading_words(&self, mut ws: usize, end: usize) -> usize {
        // Looked up once, and only when there are words to strip.
        let last_is_english = OnceCell::new();
        while ws + 1 < end {
            let w = self.word(ws);
            // Compared on bytes, no lowercase copy: no other character lowercases to these letters.
            let prefix = || {
                ["then-", "ex-", "former-"].iter().any(|p| {
                    w.as_bytes()
                        .get(..p.len())
                        .is_some_and(|head| head.eq_ignore_ascii_case(p.as_bytes()))
                })
            };
            // "Presidents Barack Obama and ...": a plural title.
            let plural_title = || {
                w.strip_suffix('s')
                    .is_some_and(|t| self.lex.titles.contains(t))
            };
            // Not "Xi Jinping": a surname before a given name that ends the name.
            let english = || {
                self.lex.is_english(w)
                    && !self.is_initial(ws)
                    && ((ws + 2 < end && self.lex.given_names.contains(self.word(ws + 1)))
                        || *last_is_english.get_or_init(|| self.lex.is_english(self.word(end - 1))))
            };
            let strippable = self.lex.is_common(w) || prefix() || english() || plural_title();
            // "Bill Browder", "Mark Rutte": a given name that is also a common word.
            if !strippable || given_name_then_surname(self, ws, end) {
                break;
            }
            ws += 1;
        }
        ws
    }

    #[inline]
    fn is_weekday(&self, i: usize) -> bool {
        // Most words are ruled out by their length and ending, before the text is sliced.
        self.tok(i).is_some_and(|t| {
            (6..=9).contains(&(t.end - t.start))
                && self.text.as_bytes()[t.end - 3..t.end] == *b"day"
                && matches!(
                    t.text(self.text),
                    "Monday"
                        | "Tuesday"
                        | "Wednesday"
                        | "Thursday"
                        | "Friday"
                        | "Saturday"
                        | "Sunday"
                )
        })
    }

    /// "I've", "We'll", "I’m": a pronoun with a verb, never a name.
    #[inline]
    fn is_contraction(&self, i: usize) -> bool {
        // Nearly every word is ruled out by its first byte, before the text is sliced.
        self.tok(i).is_some_and(|t| {
            matches!(
                self.text.as_bytes()[t.start],
                b'I' | b'W' | b'Y' | b'T' | b'H' | b'S'
            ) && is_contraction(t.text(self.text))
        })
    }

    /// A capitalised word that only leads a name: a month, a weekday, a count or an adverb.
    pub(super) fn is_name_lead(&self, i: usize) -> bool {
        let w = self.word(i);
        // "Family Planning Association", "Three Seas Initiative": counts and "-ly" words lead
        // only a known name or a lone word; "June Lee": months that are given names likewise.
        // Both looked up only when the word asks: most leading words are neither.
        let short = || self.hit_at(i + 1).is_some() || !self.is_cap_word(i + 2);
        (is_month(w) && (!self.lex.given_names.contains(w) || self.hit_at(i + 1).is_some()))
            || self.is_weekday(i)
            || (short()
                && (matches!(
                    w,
                    "Two"
                        | "Three"
                        | "Four"
                        | "Five"
                        | "Six"
                        | "Seven"
                        | "Eight"
                        | "Nine"
                        | "Ten"
                        | "Several"
                        | "Many"
                        | "Some"
                        | "Most"
                        | "All"
                        | "Both"
                        | "Only"
                ) || (w.ends_with("ly")
                    && self.lex.is_english(w)
                    && !matches!(w, "Daily" | "Weekly" | "Family" | "Holy" | "Early"))))
    }

    pub(super) fn word_count(&self, from: usize, to: usize) -> usize {
        (from..to)
            .filter(|&k| self.tok(k).is_some_and(|t| t.kind == TokenKind::Word))
            .count()
    }

    /// Is the token before `i` a capitalised word that is not a title (so `i` continues a name)?
    pub(super) fn prev_is_name_word(&self, i: usize) -> bool {
        // "Leading Republicans": an English word opening the sentence is capitalised as such.
        let opening_word = || i == 1 && self.lex.is_english(self.word(0));
        i > 0
            && self.is_cap_word(i - 1)
            && !opening_word()
            && !self.lex.is_opener(self.word(i - 1))
            && !self.is_title_end(i - 1)
    }

    pub(super) fn is_title_end(&self, k: usize) -> bool {
        (0..=k).rev().take(4).any(|s| {
            self.hit_at(s)
                .is_some_and(|(h, next)| next == k + 1 && self.lex.pattern_info[h.pattern].title)
        })
    }

    /// A capital stands for its government when it acts: a possessive, a verb, or a coordination
    /// right after it ("Baghdad's government", "Washington blamed", "Moscow and Beijing").
    pub(super) fn capital_acts(&self, i: usize, next: usize) -> bool {
        if self.after_visit(i) {
            return true;
        }
        if self.after_locative(i) {
            return false;
        }
        let Some(tok) = self.tok(next) else {
            return true;
        };
        if tok.kind == TokenKind::Possessive || tok.kind == TokenKind::Punct {
            return true;
        }
        let w = self.word(next);
        if w.chars().next().is_some_and(char::is_uppercase) {
            return false;
        }
        // "accused Beijing of", "blamed Moscow for", "urged Tehran to": the object of a verb
        // with a complement is the government.
        let prev = if i > 0 { self.word(i - 1) } else { "" };
        if prev.ends_with("ed")
            && prev.bytes().all(|b| b.is_ascii_lowercase())
            && matches!(w, "of" | "for" | "over" | "to" | "against")
        {
            return true;
        }
        matches!(
            w,
            "and"
                | "has"
                | "have"
                | "had"
                | "is"
                | "was"
                | "will"
                | "would"
                | "could"
                | "said"
                | "says"
                | "wants"
                | "also"
        ) || w.ends_with("ed")
            || (w.ends_with('s') && !self.lex.is_english(w)
                || self.lex.is_english(w.trim_end_matches('s'))
                    && w.ends_with('s')
                    && !w.ends_with("ss"))
    }

    /// "North and South Korea": a word sharing the head of the known name after "and" names
    /// the actor whose form it completes ("North Korea").
    pub(super) fn read_elided(&self, i: usize, out: &mut Vec<Mention>) -> Option<usize> {
        if !self.is_cap_word(i) || self.hit_at(i).is_some() || !self.word_is(i + 1, "and") {
            return None;
        }
        let (_, end) = self.hit_at(i + 2)?;
        if end < i + 4 {
            return None;
        }
        let whole = format!("{} {}", self.word(i), self.span_text(i + 3, end));
        let form = self.lex.forms.get(&whole)?;
        out.push(self.known(i, i + 1, form.actor, form.kind));
        Some(i + 1)
    }

    /// "China's defence ministry", "the Russian foreign ministry": the state's ministry is an
    /// organization of its own, named after the state. It acts only where the state does not
    /// ("the Chinese defence ministry said"); "Russia's foreign ministry said" stays Russia's.
    pub(super) fn add_ministries(&self, out: &mut Vec<Mention>) {
        let mut found = Vec::new();
        for m in out.iter() {
            let Referent::Known(actor) = m.referent else {
                continue;
            };
            let state = &self.lex.actors[actor];
            if state.entity_type != EntityType::State {
                continue;
            }
            let possessive = self
                .tok(m.end_token)
                .is_some_and(|t| t.kind == TokenKind::Possessive);
            let k = m.end_token + usize::from(possessive);
            // Most states are followed by no ministry: look before allocating.
            if !self.word_is(k + 1, "ministry") && !self.word_is(k + 2, "ministry") {
                continue;
            }
            let portfolio = |n: usize| {
                if !self.word_is(k + n, "ministry") {
                    return None;
                }
                let words: Vec<&str> = (k..k + n).map(|j| self.word(j)).collect();
                self.lex
                    .shapes
                    .ministry_portfolios
                    .contains(&words.join(" "))
                    .then_some(k + n + 1)
            };
            let Some(end) = portfolio(1).or_else(|| portfolio(2)) else {
                continue;
            };
            let phrase = self.span_text(k, end);
            let name = format!("{}'s {}", state.name, phrase.to_lowercase());
            let mut ministry = self.shaped(k, k, end, name, EntityType::Organization, None);
            ministry.acts = !m.acts;
            found.push(ministry);
        }
        if !found.is_empty() {
            out.extend(found);
            out.sort_by_key(|m| m.first_token);
        }
    }

    /// An ambiguous single word ("Turkey", "Jordan") is an actor unless it opens the sentence
    /// as an ordinary English word.
    pub(super) fn ambiguous_acts(&self, i: usize) -> bool {
        let opening = i == 0 || matches!(self.word(i - 1), "\"" | "“" | "‘" | "'" | "(");
        let w = self.word(i);
        !(opening && !is_all_caps(w) && self.lex.is_english(w))
    }

    /// Capitalised words from `i`: name words, particles, initials, suffixes. Returns the range.
    pub(super) fn name_words(&self, i: usize) -> Option<(usize, usize)> {
        if !self.is_cap_word(i) || self.is_contraction(i) {
            return None;
        }
        let mut j = i;
        loop {
            // "Trump Sunday", "I've": a weekday or a contraction ends a name. Both are
            // capitalised words: the flag rules out the word after the run.
            if j > i && self.is_cap_word(j) && (self.is_weekday(j) || self.is_contraction(j)) {
                break;
            }
            // A title or ambiguous word inside a name ("Tom King has", "Michael Jordan") is a
            // name word; any other known form ends the name.
            if j > i && self.hit_at(j).is_some() && !self.hit_is_name_word(j) {
                break;
            }
            if self.is_initial(j) {
                j += 2;
            } else if self.is_cap_word(j)
                || (j > i && self.is_cap_word(j + 1) && self.is_particle(j))
            {
                j += 1;
            } else if j > i && self.word_is(j, ",") && self.lex.suffixes.contains(self.word(j + 1))
            {
                // "Joseph R. Biden, Jr." : a suffix ends the name.
                j += if self.word_is(j + 2, ".") { 3 } else { 2 };
                break;
            } else if j > i && self.lex.suffixes.contains(self.word(j)) {
                j += 1;
                break;
            } else {
                break;
            }
        }
        Some((i, j))
    }

    /// A hit at `j` that reads as part of a name: a title with no name after it, or an
    /// ambiguous single word.
    pub(super) fn hit_is_name_word(&self, j: usize) -> bool {
        let Some((hit, next)) = self.hit_at(j) else {
            return false;
        };
        let info = self.lex.pattern_info[hit.pattern];
        let lone_title = info.title && !self.is_cap_word(next) && next == j + 1;
        let ambiguous = info.form.is_some_and(|f| f.ambiguous) && self.prev_is_name_word(j);
        lone_title || ambiguous
    }

    pub(super) fn is_particle(&self, i: usize) -> bool {
        self.lex.particles.contains(self.word(i))
    }

    /// If an organization name starts at or continues from `i` ("Commission on International
    /// Religious Freedom"), the index past it.
    pub(super) fn org_tail(&self, i: usize) -> Option<usize> {
        // Most known names are followed by no capitalised word, and then no name goes on.
        if !self.is_cap_word(i) {
            return None;
        }
        let mut j = i;
        let mut last_head: Option<usize> = None;
        let mut first = true;
        loop {
            if self.is_cap_word(j) && !(self.hit_at(j).is_some() && !first && self.is_title_hit(j))
            {
                if self.lex.is_org_head(self.word(j)) {
                    last_head = Some(j + 1);
                }
                j += 1;
            } else if !first && self.connects_name(j) {
                j += 1;
            } else {
                break;
            }
            first = false;
        }
        // Extend over "of Foreign Affairs" after a head.
        let end = last_head?;
        let mut k = end;
        while self.connects_name(k) {
            k += 1;
            while self.is_cap_word(k) && !self.lex.is_opener(self.word(k)) {
                k += 1;
            }
        }
        Some(k)
    }

    /// An English word, "of" and a known name that ends the capitalised run: "Members of
    /// Congress" (not "Friends of the Earth", whose end is no known name).
    pub(super) fn of_known(&self, ws: usize) -> bool {
        if !self.word_is(ws + 1, "of") || !self.lex.is_english(self.word(ws)) {
            return false;
        }
        let k = if self.word_is(ws + 2, "the") {
            ws + 3
        } else {
            ws + 2
        };
        self.hit_at(k)
            .is_some_and(|(_, end)| !self.is_cap_word(end) && !self.word_is(end, "of"))
    }

    /// A connector at `j` that continues an organization name: "of Foreign Affairs", not
    /// "on Monday" or "and BBC News".
    pub(super) fn connects_name(&self, j: usize) -> bool {
        // The capital after it first (a flag), then the connector: they rule out nearly every word.
        if !self.is_cap_word(j + 1) || !self.is_connector(j) {
            return false;
        }
        let next = self.word(j + 1);
        let time_word = self.lex.is_opener(next) || is_month(next);
        !time_word && !self.joins_two_names(j)
    }

    pub(super) fn is_title_hit(&self, i: usize) -> bool {
        self.hit_at(i)
            .is_some_and(|(h, _)| self.lex.pattern_info[h.pattern].title)
    }

    /// "BBC One and BBC News", "Boris Johnson and Brexit Party": an "and" before a known name
    /// joins two names, not the words of one.
    pub(super) fn joins_two_names(&self, j: usize) -> bool {
        self.word_is(j, "and") && self.hit_at(j + 1).is_some()
    }

    pub(super) fn is_connector(&self, i: usize) -> bool {
        self.lex.connectors.contains(self.word(i))
    }

    #[inline]
    pub(super) fn is_all_caps_run(&self, from: usize, to: usize) -> bool {
        (from..to).all(|k| is_all_caps(self.word(k)))
    }

    /// With `office` (a title or office right before), a name word may also be an English
    /// word ("leader Xi Jinping"), as long as not every word is one.
    pub(super) fn looks_like_person(
        &self,
        from: usize,
        to: usize,
        cue: bool,
        office: bool,
    ) -> bool {
        // Initials ("A.") and suffixes ("Jr.") say nothing about the shape. More than four
        // words are no person: no more are kept.
        let mut kept = [""; 4];
        let mut n_kept = 0;
        for k in from..to {
            let w = self.word(k);
            let shaped = !self.is_initial(k) && is_longer_word(w) && !self.lex.suffixes.contains(w);
            if !shaped {
                continue;
            }
            if n_kept == kept.len() {
                return false;
            }
            kept[n_kept] = w;
            n_kept += 1;
        }
        let words = &kept[..n_kept];
        let (Some(&first), Some(&last)) = (words.first(), words.last()) else {
            return false;
        };
        // "HMS Chatham", "R-Texas", "TrumpGOP" (but initials such as "H.R." are no acronym):
        // shapes of the text first, then the word lists.
        let all_caps = !first.contains('.') && is_all_caps(first);
        let party_tag = words.iter().any(|w| is_party_tag(w));
        let glued_acronym = words.iter().any(|w| is_glued_acronym(w));
        if all_caps || party_tag || glued_acronym {
            return false;
        }
        // After a given name, a surname may be a common word too: "Theresa May", "Mark Hill".
        let given_first = self.lex.given_names.contains(first);
        let common = |i: usize, w: &str| {
            self.lex.is_common(w)
                && !(given_first && i > 0)
                && !office
                && !(i == 0
                    && given_first
                    && words.len() >= 2
                    && words[1..]
                        .iter()
                        .all(|x| !self.lex.is_common(x) && !self.lex.is_english(x)))
        };
        if words
            .iter()
            .enumerate()
            .any(|(i, w)| common(i, w) || self.lex.is_org_head(w))
        {
            return false;
        }
        // "Shandong Province", "Pastor Arrives Back".
        // A given name is no English word: its lookup is made.
        let ordinary = !given_first && self.lex.is_english(first) && self.lex.is_english(last);
        if self.lex.is_place_head(last) || ordinary {
            return false;
        }
        cue || given_first || words.len() <= 3
    }

    pub(super) fn name_follows(&self, i: usize) -> bool {
        self.is_cap_word(i)
    }

    pub(super) fn title_or_name_follows(&self, i: usize) -> bool {
        if self.is_title_hit(i) {
            return true;
        }
        // "the Saudi journalist Jamal Khashoggi" is not a title; only capitalised titles count.
        false
    }

    pub(super) fn speech_follows(&self, i: usize) -> bool {
        let w = self.word(i);
        let w = if w == "," { self.word(i + 1) } else { w };
        self.lex.speech_verbs.contains(w)
    }

    /// "the Iranian government", "Iraqis": a demonym is the state acting when it is a plural
    /// people noun or modifies a government noun.
    pub(super) fn demonym_acts(&self, next: usize) -> bool {
        // "Palestinians blamed Israel": a plural people noun is the people acting.
        let form = if next > 0 { self.word(next - 1) } else { "" };
        if form.ends_with('s') && form.chars().next().is_some_and(char::is_uppercase) {
            return true;
        }
        let (first, second) = (self.word(next), self.word(next + 1));
        let gov = &self.lex.government_nouns;
        with_lowercase(&[first], |one| gov.contains(one))
            || with_lowercase(&[first, second], |two| gov.contains(two))
    }

    /// "visited Pyongyang", "a visit to Beijing": a state visit is a visit to the state.
    pub(super) fn after_visit(&self, i: usize) -> bool {
        i > 0
            && (matches!(
                self.word(i - 1),
                "visited" | "visits" | "visit" | "visiting"
            ) || i > 1
                && self.word_is(i - 1, "to")
                && matches!(self.word(i - 2), "visit" | "visits" | "trip" | "trips"))
    }

    pub(super) fn after_locative(&self, i: usize) -> bool {
        if i == 0 {
            // A dateline ("WASHINGTON —") or sentence subject.
            return false;
        }
        if self.after_visit(i) {
            return false;
        }
        // "economic aid to Kiev": the recipient of aid is the government, not a place.
        let aid_recipient = i >= 2
            && matches!(self.word(i - 1), "to" | "for")
            && with_lowercase(&[self.word(i - 2)], |w| {
                matches!(
                    w,
                    "aid" | "assistance" | "support" | "weapons" | "arms" | "loans" | "funding"
                )
            });
        !aid_recipient
            && with_lowercase(&[self.word(i - 1)], |prev| {
                self.lex.locatives.contains(prev)
            })
    }
}

/// Is the word at `ws` a given name followed by a surname-shaped word that is no English
/// word ("Bill Browder", not "Bill Would")?
fn given_name_then_surname(r: &SentenceReader<'_>, ws: usize, end: usize) -> bool {
    ws + 1 < end
        && r.lex.given_names.contains(r.word(ws))
        && !r.lex.is_common(r.word(ws + 1))
        && !r.lex.is_english(r.word(ws + 1))
}

fn is_month(word: &str) -> bool {
    matches!(
        word,
        "January"
            | "February"
            | "March"
            | "April"
            | "June"
            | "July"
            | "August"
            | "September"
            | "October"
            | "November"
            | "December"
    )
}

/// Are all the letters of `word` capitals ("NATO", "U.S.", and "1990", which has none)?
#[inline]
pub(super) fn is_all_caps(word: &str) -> bool {
    // ASCII on bytes: a lowercase letter answers at once, and no letter needs a `char`.
    for b in word.bytes() {
        if b.is_ascii_lowercase() {
            return false;
        }
        if !b.is_ascii() {
            return word
                .chars()
                .filter(|c| c.is_alphabetic())
                .all(char::is_uppercase);
        }
    }
    true
}

/// Two characters or more, one of them a letter (not "&", "A").
fn is_longer_word(w: &str) -> bool {
    // ASCII on bytes: nearly every name is ASCII.
    if w.is_ascii() {
        return w.len() > 1 && w.bytes().any(|b| b.is_ascii_alphabetic());
    }
    w.chars().count() > 1 && w.chars().any(char::is_alphabetic)
}

/// Two capitals or more glued to the end of a longer word: "TrumpGOP".
fn is_glued_acronym(w: &str) -> bool {
    if w.is_ascii() {
        let upper_tail = w.bytes().rev().take_while(u8::is_ascii_uppercase).count();
        return upper_tail >= 2 && w.len() > upper_tail;
    }
    let upper_tail = w.chars().rev().take_while(|c| c.is_uppercase()).count();
    upper_tail >= 2 && w.chars().count() > upper_tail
}

/// "R-Texas", "D-N.Y.": one letter before the first hyphen, a party and state tag.
pub(super) fn is_party_tag(word: &str) -> bool {
    word.bytes()
        .position(|b| b == b'-')
        .is_some_and(|at| word[..at].chars().count() == 1)
}

/// "I've", "We'll", "I’m": a pronoun with a verb.
fn is_contraction(w: &str) -> bool {
    // The apostrophe follows a pronoun of one to four letters: most words have none there,
    // and are ruled out before the `char` split.
    let head = w.as_bytes().get(1..w.len().min(5)).unwrap_or_default();
    if !head.iter().any(|&b| b == b'\'' || b == 0xE2) {
        return false;
    }
    w.split_once(['\'', '’']).is_some_and(|(head, tail)| {
        matches!(head, "I" | "We" | "You" | "They" | "He" | "She" | "It")
            && matches!(tail, "ve" | "ll" | "m" | "re" | "d")
    })
}
