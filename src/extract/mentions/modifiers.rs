//! Mentions that modify a person rather than act: "French President Hollande", "Obama's
//! Republican rival Mitt Romney", "Putin of Russia", "the Russian leader".

use super::*;
use std::cell::OnceCell;

impl SentenceReader<'_> {
    /// A mention right before a person ("French President Hollande", "Labour Party leader
    /// Jeremy Corbyn", "Obama's Republican rival Mitt Romney") modifies that person: it does not
    /// act, and a state becomes the person's affiliation.
    pub(super) fn mark_modifiers(&self, mentions: &mut [Mention]) {
        if mentions.len() >= 2 {
            self.mark_person_modifiers(mentions);
        }
        // "the Russian leader", "Venezuela's president": a state before an office is a person's modifier.
        for m in mentions.iter_mut() {
            if matches!(m.referent, Referent::Known(_)) && self.role_follows(m.end_token) {
                m.acts = false;
            }
        }
    }

    /// The rules between neighbouring mentions: a modifier right before a person, a state
    /// after a person ("Putin of Russia").
    fn mark_person_modifiers(&self, mentions: &mut [Mention]) {
        // Not "Biden's Meeting with ...": a lone English word is no person, but may stand
        // between the modifier and its person ("Obama's Republican rival Mitt Romney").
        // Looked up at most once per mention, and only where the cheaper tests leave it open.
        // On the stack for all but the longest sentences: most have a few mentions.
        let stack_cache = [const { OnceCell::new() }; 32];
        let mut heap_cache = Vec::new();
        let english_cache: &[OnceCell<bool>] = match stack_cache.get(..mentions.len()) {
            Some(cache) => cache,
            None => {
                heap_cache.resize(mentions.len(), OnceCell::new());
                &heap_cache
            }
        };
        let english = |k: usize, mentions: &[Mention]| {
            *english_cache[k].get_or_init(
                || matches!(&mentions[k].referent, Referent::Single(w) if self.lex.is_english(w)),
            )
        };
        for k in 0..mentions.len() - 1 {
            let skip = matches!(mentions[k + 1].referent, Referent::Single(_))
                && k + 2 < mentions.len()
                && english(k + 1, mentions);
            let next = if skip { k + 2 } else { k + 1 };
            let next_is_person = self.names_person(&mentions[next].referent)
                && near(mentions[k].end_token, mentions[next].first_token)
                && !english(next, mentions);
            if !next_is_person
                || !self.only_role_words_between(mentions[k].end_token, mentions[next].first_token)
            {
                continue;
            }
            mentions[k].acts = false;
            if let Referent::Known(actor) = mentions[k].referent
                && self.lex.actors[actor].entity_type == EntityType::State
                && mentions[next].affiliation.is_none()
            {
                mentions[next].affiliation = Some(actor);
            }
        }
        // "Prime Minister Narendra Modi of India", "Putin of Russia": the state is the person's.
        for k in 0..mentions.len() - 1 {
            let (end, next) = (mentions[k].end_token, mentions[k + 1].first_token);
            let of = self.word_is(end, "of")
                && (next == end + 1
                    || (next == end + 2 && self.word(end + 1).eq_ignore_ascii_case("the")));
            let Referent::Known(state) = mentions[k + 1].referent else {
                continue;
            };
            if !of || self.lex.actors[state].entity_type != EntityType::State {
                continue;
            }
            // Not "the Government of Egypt": a lone English word is no person.
            let person = match &mentions[k].referent {
                Referent::Single(_) => !english(k, mentions),
                r => self.names_person(r),
            };
            if person {
                mentions[k + 1].acts = false;
                if mentions[k].affiliation.is_none() {
                    mentions[k].affiliation = Some(state);
                }
            }
        }
    }

    /// Does the mention name a person: a person's shape or lexicon entry, or a lone name?
    pub(super) fn names_person(&self, referent: &Referent) -> bool {
        match referent {
            Referent::Single(_) => true,
            Referent::Shaped { entity_type, .. } => *entity_type == EntityType::Person,
            Referent::Known(a) => self.lex.actors[*a].entity_type == EntityType::Person,
            Referent::Role(_) => false,
        }
    }

    pub(super) fn only_role_words_between(&self, from: usize, to: usize) -> bool {
        if !near(from, to) {
            return false;
        }
        let possessive =
            (from..to).any(|k| self.tok(k).is_some_and(|t| t.kind == TokenKind::Possessive));
        // "Obama's Republican rival Mitt Romney", but not "Kerry's meeting with Lavrov".
        (from..to).all(|k| {
            let w = self.word(k);
            let function_word = matches!(
                w,
                "with" | "of" | "to" | "for" | "in" | "on" | "at" | "by" | "from" | "and" | "or"
            );
            self.tok(k).is_some_and(|t| t.kind == TokenKind::Possessive)
                || self.lex.is_role_noun(w)
                || (possessive && !function_word && w.chars().all(char::is_alphabetic))
        })
    }

    pub(super) fn role_follows(&self, k: usize) -> bool {
        let k = if self.tok(k).is_some_and(|t| t.kind == TokenKind::Possessive) {
            k + 1
        } else {
            k
        };
        let (first, second) = (self.word(k), self.word(k + 1));
        // Every office starts with a role start: one lookup rules out most words (and no
        // office is empty). The capital flags next, before the offices are looked up.
        if first.is_empty()
            || !self.lex.is_role_start(first)
            || self.is_cap_word(k + 1)
            || self.is_cap_word(k + 2)
        {
            return false;
        }
        self.lex.is_role_noun(first) || self.lex.completes_role_noun_pair(first, second)
    }
}

/// At most four tokens from `from` on to `to`: close enough for a modifier and its person.
fn near(from: usize, to: usize) -> bool {
    to >= from && to - from <= 4
}
