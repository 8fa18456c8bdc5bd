//! Mentions: where each actor is named in a sentence, before names are merged into entities.
//!
//! One pass of the lexicon matcher over the article finds known forms and titles; the
//! capitalised runs around them are read by shape (titles before names, organization heads,
//! given names). Knows nothing of relations or graphs.

mod hits;
mod modifiers;
mod shapes;
mod words;

pub(crate) use hits::{LexHit, TokenInfo, hits_by_token, lexicon_hits};

use super::lexicon::{FormKind, Lexicon};
use super::text::{Sentence, Token, TokenKind};
use crate::model::EntityType;
use rustc_hash::FxHashMap as HashMap;

/// What a mention names, before merging.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Referent {
    /// A lexicon actor, by index.
    Known(usize),
    /// A name read by shape: its words and type.
    Shaped {
        /// The name as written (without title).
        name: String,
        /// Person or organization.
        entity_type: EntityType,
    },
    /// A lone capitalised word that may be a known person's surname.
    Single(String),
    /// An office standing for its holder: "the president", "The Prime Minister".
    Role(String),
}

/// One mention in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// Byte range of the name (without title).
    pub start: usize,
    /// End of the name.
    pub end: usize,
    /// First token index in the sentence (including a title).
    pub first_token: usize,
    /// Token index past the name.
    pub end_token: usize,
    /// What it names.
    pub referent: Referent,
    /// How a lexicon form named it.
    pub form: FormKind,
    /// The surface form including a title ("Secretary of State John Kerry"), when there was one.
    pub titled: Option<String>,
    /// The title itself.
    pub title: Option<String>,
    /// True when the mention can act: not an adjective modifier ("French aircraft"), not a place.
    pub acts: bool,
    /// A state named just before the title: "French President Francois Hollande".
    pub affiliation: Option<usize>,
    /// A single name had a cue that it is a person (a title, "Mr.", a verb of saying).
    pub person_cue: bool,
    /// An ambiguous word opening a sentence ("Turkey", "Republicans"): an actor only if the
    /// article also names that actor elsewhere.
    pub doubtful: bool,
}

/// Reads the mentions of one sentence.
pub(crate) struct SentenceReader<'a> {
    pub lex: &'a Lexicon,
    pub text: &'a str,
    pub sentence: &'a Sentence<'a>,
    /// For each token, the lexicon hit starting there (and the token index past it), and
    /// whether it is a capitalised word.
    pub token_hits: &'a [TokenInfo],
    /// Acronyms and names the article defined, e.g. "(USCIRF)".
    pub defined: &'a HashMap<String, (String, EntityType)>,
}

impl SentenceReader<'_> {
    fn tok(&self, i: usize) -> Option<&Token> {
        self.sentence.tokens.get(i)
    }

    #[inline]
    fn word(&self, i: usize) -> &str {
        self.tok(i).map(|t| t.text(self.text)).unwrap_or("")
    }

    /// The lexicon hit starting at token `i`, and the token index past it.
    fn hit_at(&self, i: usize) -> Option<(LexHit, usize)> {
        let start = self.tok(i)?.start;
        self.token_hits.get(i)?.hit(start, i)
    }

    /// An initial: one capital letter glued to a full stop ("R.").
    #[inline]
    fn is_initial(&self, i: usize) -> bool {
        let (Some(t), Some(dot)) = (self.tok(i), self.tok(i + 1)) else {
            return false;
        };
        // The token's capital flag and the glued dot first: they rule out nearly every token
        // without reading the word. (A one-letter word's flag is its letter's case.)
        if !t.upper
            || dot.start != t.end
            || dot.end - dot.start != 1
            || self.text.as_bytes()[dot.start] != b'.'
        {
            return false;
        }
        let w = t.text(self.text);
        w.chars().count() == 1 && w.chars().all(char::is_uppercase)
    }

    /// All mentions in the sentence, left to right, into `out` (which must be empty: a buffer
    /// kept from sentence to sentence, so it does not grow mention by mention in each).
    /// Out of line, so that profiles show the stage.
    #[inline(never)]
    pub fn read(&self, out: &mut Vec<Mention>) {
        debug_assert!(out.is_empty());
        let n = self.sentence.tokens.len();
        let mut i = 0;
        loop {
            // Most tokens start nothing: no lexicon hit, not capitalised, not "the".
            i = self.next_start(i);
            if i >= n {
                break;
            }
            if let Some(next) = self.read_role(i, out) {
                i = next;
                // "the president and prime minister": the article covers both offices.
                while self.word_is(i, "and") {
                    match self.read_bare_role(i + 1, out) {
                        Some(after) => i = after,
                        None => break,
                    }
                }
                continue;
            }
            // "the" with no office after it, no known form and no capital: nothing more to read
            // here (six starts in ten).
            if !self.is_cap_word(i) && self.hit_at(i).is_none() {
                i += 1;
                continue;
            }
            if let Some(next) = self.read_elided(i, out) {
                i = next;
                continue;
            }
            match self.read_run(i, out) {
                Some(next) => i = next.max(i + 1),
                None => i += 1,
            }
        }
        self.mark_modifiers(out);
        self.add_ministries(out);
    }

    /// Does a name follow in apposition, a few words after an office: "the Russian ambassador
    /// to the United States, Sergey Kislyak"?
    fn name_in_apposition(&self, end: usize) -> bool {
        (end..end + 6)
            .take_while(|&k| self.tok(k).is_some())
            .find(|&k| self.word_is(k, ","))
            .is_some_and(|k| self.is_cap_word(k + 1) && self.hit_at(k + 1).is_none())
    }

    /// "the president", "The Prime Minister" (with no name after): the office's holder.
    fn read_role(&self, i: usize, out: &mut Vec<Mention>) -> Option<usize> {
        if !self.is_the(i) {
            return None;
        }
        let end = self.read_bare_role(i + 1, out)?;
        if let Some(m) = out.last_mut() {
            m.first_token = i;
        }
        Some(end)
    }

    /// An office at `at` with no name after it.
    fn read_bare_role(&self, at: usize, out: &mut Vec<Mention>) -> Option<usize> {
        let i = at.checked_sub(1)?;
        let (role, end) = if let Some((hit, next)) = self.hit_at(i + 1) {
            let pattern = &self.lex.patterns[hit.pattern];
            (
                self.lex.pattern_info[hit.pattern]
                    .title
                    .then(|| pattern.to_lowercase())?,
                next,
            )
        } else {
            // Most words after "the" are no office: look before allocating.
            if !self.lex.is_role_start(self.word(i + 1)) {
                return None;
            }
            let (first, second) = (self.word(i + 1), self.word(i + 2));
            if self.lex.completes_role_noun_pair(first, second) {
                (format!("{first} {second}").to_lowercase(), i + 3)
            } else {
                (
                    self.lex.is_role_noun(first).then(|| first.to_lowercase())?,
                    i + 2,
                )
            }
        };
        // "the president of France", "the President Joe Biden": not a bare office; "accused
        // the president of lying" is.
        let of_something = self.word_is(end, "of")
            && (self.is_cap_word(end + 1) || matches!(self.word(end + 1), "the" | "a" | "an"));
        if self.is_cap_word(end) || of_something {
            return None;
        }
        let start = self.tok(i + 1)?.start;
        let stop = self.tok(end - 1)?.end;
        out.push(Mention {
            start,
            end: stop,
            first_token: i + 1,
            end_token: end,
            referent: Referent::Role(role),
            form: FormKind::Name,
            titled: None,
            title: None,
            acts: true,
            affiliation: None,
            person_cue: false,
            doubtful: false,
        });
        Some(end)
    }

    /// Reads a capitalised run starting at `i`; returns the index past it.
    fn read_run(&self, start: usize, out: &mut Vec<Mention>) -> Option<usize> {
        let mut i = start;
        let mut title: Option<(String, usize)> = None;
        let mut modifier_state: Option<usize> = None;
        while let Some((hit, next)) = self.hit_at(i) {
            let pattern = &self.lex.patterns[hit.pattern];
            let info = self.lex.pattern_info[hit.pattern];
            if info.title && self.name_follows(next) {
                title = Some(match title {
                    Some((t, s)) => (format!("{t} {pattern}"), s),
                    None => (pattern.clone(), i),
                });
                i = next;
                continue;
            }
            if info.place {
                return Some(next);
            }
            let Some(form) = info.form else {
                return Some(next);
            };
            // "Michael Jordan", "Chad Smith": an ambiguous word inside a longer name is a name word.
            let name_follows = self.is_cap_word(next) && !self.lex.is_common(self.word(next));
            if form.ambiguous && (name_follows || self.prev_is_name_word(i)) {
                break;
            }
            return self.read_known(i, next, form, title, &mut modifier_state, out);
        }
        self.read_words(i, title, modifier_state, out)
    }

    /// A lexicon actor at `i..next`, possibly after a title, possibly modifying what follows.
    fn read_known(
        &self,
        i: usize,
        next: usize,
        form: super::lexicon::Form,
        title: Option<(String, usize)>,
        modifier_state: &mut Option<usize>,
        out: &mut Vec<Mention>,
    ) -> Option<usize> {
        let is_state = self.lex.actor(&form).entity_type == EntityType::State;
        // "Sea of Oman", "Gulf of Aden": a place named after a state.
        if is_state
            && i >= 2
            && self.word_is(i - 1, "of")
            && self.lex.is_place_head(self.word(i - 2))
        {
            return Some(next);
        }
        if title.is_none() {
            // "US Commission on International Religious Freedom": a state inside an organization name.
            if let Some(end) = self.org_tail(next) {
                self.push_state_modifier(out, i, next, form.actor);
                let name = self.span_text(i, end);
                out.push(self.shaped(i, i, end, name, EntityType::Organization, None));
                return Some(end);
            }
        }
        let possessive = self
            .tok(next)
            .is_some_and(|t| t.kind == TokenKind::Possessive);
        let after = if possessive { next + 1 } else { next };
        let mut m = self.known(i, next, form.actor, form.kind);
        // "the US-led coalition": the state is named, as a modifier; the surface form is "US".
        // "U.S.-based media": the same when the form ends in a dot before the hyphen.
        let hyphen_modifier = |end: usize| {
            let rest = &self.text[end..];
            rest.strip_prefix(['-', '‑'])
                .is_some_and(|r| r.starts_with(|c: char| c.is_lowercase()))
        };
        if let Some((hit, _)) = self.hit_at(i)
            && (self.tok(next - 1).is_some_and(|t| t.end > hit.end) || hyphen_modifier(hit.end))
        {
            m.acts = false;
            m.end = hit.end;
            out.push(m);
            return Some(next);
        }
        if let Some((t, s)) = title {
            // "President Obama" where the lexicon knows the person; a title before a state is dropped.
            if self.lex.actor(&form).entity_type == EntityType::Person {
                m.titled = Some(self.span_text(s, next));
                m.title = Some(t);
                m.first_token = s;
            }
        }
        // "the Nepali prime minister", "Venezuela's president": an office of the state, whose
        // holder the article may name elsewhere.
        // Not in apposition to a name: "Zarif, the Iranian foreign minister," or "Japan's
        // foreign minister, Fumio Kishida".
        let the = i > 0 && self.word(i - 1).eq_ignore_ascii_case("the");
        let after_comma = the && i > 1 && self.word_is(i - 2, ",");
        if is_state && (possessive || the) && !after_comma && !self.title_or_name_follows(after) {
            let before = out.len();
            if let Some(end) = self.read_bare_role(after, out)
                && !self.name_in_apposition(end)
            {
                let role = out.remove(before);
                m.acts = false;
                out.push(m);
                out.push(Mention {
                    first_token: if possessive { i } else { i - 1 },
                    affiliation: Some(form.actor),
                    ..role
                });
                return Some(end);
            }
            out.truncate(before);
        }
        if is_state && self.title_or_name_follows(after) {
            m.acts = false;
            *modifier_state = Some(form.actor);
            out.push(m);
            return self.read_run_continuing(after, *modifier_state, out);
        }
        // "in Paris", "the Paris climate accord": a capital as a place names no actor.
        if form.kind == FormKind::Capital && !self.capital_acts(i, next) {
            return Some(next);
        }
        m.doubtful = form.ambiguous && !self.ambiguous_acts(i);
        out.push(m);
        Some(next)
    }

    /// Continues a run after a state modifier ("French | President Francois Hollande").
    fn read_run_continuing(
        &self,
        i: usize,
        modifier_state: Option<usize>,
        out: &mut Vec<Mention>,
    ) -> Option<usize> {
        let before = out.len();
        let next = self.read_run(i, out);
        if let Some(state) = modifier_state {
            for m in &mut out[before..] {
                if m.affiliation.is_none()
                    && !matches!(m.referent, Referent::Known(a) if self.lex.actors[a].entity_type != EntityType::Person)
                {
                    m.affiliation = Some(state);
                }
            }
        }
        next.or(Some(i))
    }

    /// Plain capitalised words (with particles, initials and suffixes): an organization by its
    /// head word, a person by shape, or a lone name to resolve later.
    fn read_words(
        &self,
        i: usize,
        title: Option<(String, usize)>,
        modifier_state: Option<usize>,
        out: &mut Vec<Mention>,
    ) -> Option<usize> {
        let (words_start, words_end) = self.name_words(i)?;
        let mut ws = words_start;
        // Sentence openers ("However", "The") are never part of a name.
        // Nor are dates, counts and adverbs: "September United Nations General Assembly",
        // "Two Navy ships", "Eventually Congress".
        while ws < words_end
            && (self.lex.is_opener(self.word(ws)) || (ws + 1 < words_end && self.is_name_lead(ws)))
        {
            ws += 1;
        }
        if ws >= words_end {
            return Some(words_end.max(i + 1));
        }
        // "Eventually Congress": past the lead, a known name reads as it would alone.
        if ws > words_start && self.hit_at(ws).is_some() {
            return self.read_run(ws, out).or(Some(ws + 1));
        }
        let first_token = title.as_ref().map(|(_, s)| *s).unwrap_or(ws);
        // Most articles define no acronym: then no name is built for the lookup.
        let defined = (!self.defined.is_empty()).then(|| self.span_text(ws, words_end));
        if let Some(name) = defined
            && let Some((org_name, ty)) = self.defined.get(&name)
        {
            let mut m = self.shaped(first_token, ws, words_end, org_name.clone(), *ty, None);
            m.titled = (org_name != &name).then(|| name.clone());
            out.push(m);
            return Some(words_end);
        }
        // "Members of Congress", "Leaders of Hamas": a common noun of a known body is no name.
        if title.is_none() && self.of_known(ws) {
            return Some(ws + 1);
        }
        // An organization of two words or more goes on past `ws`: with a capitalised word or a
        // connector before one. Most runs are one word, and need no look for a head.
        if title.is_none()
            && (self.is_cap_word(ws + 1) || self.connects_name(ws + 1))
            && let Some(end) = self
                .org_tail(ws)
                .filter(|&end| self.word_count(ws, end) >= 2)
        {
            out.push(self.shaped(
                first_token,
                ws,
                end,
                self.span_text(ws, end),
                EntityType::Organization,
                None,
            ));
            return Some(end);
        }
        // Ordinary words before a name are not part of it: "Presidents Barack Obama",
        // "Then-Prime Minister David Cameron", "Sanctions Will Target".
        // "Chinese leader Xi Jinping", "the group's founder Abu Bakr": a lowercase office
        // before the run names a person, whose first name may look like a word.
        let after_office = title.is_none() && ws >= 1 && {
            let one = self.word(ws - 1);
            let before = self.word(ws.saturating_sub(2));
            one.starts_with(|c: char| c.is_lowercase())
                && (self.lex.role_nouns.contains(one) || self.lex.is_role_noun_pair(before, one))
        };
        if title.is_none() && !after_office {
            ws = self.strip_leading_words(ws, words_end);
        }
        // Borrowed while it is only looked up; owned once it names a mention.
        let name = self.span_str(ws, words_end);
        if self.lex.is_place(&name) {
            return Some(words_end);
        }
        let all_caps = self.is_all_caps_run(ws, words_end);
        if all_caps && words_end - ws > 1 {
            return Some(words_end);
        }
        let n_words = self.word_count(ws, words_end);
        // "Japan's incoming emperor, Naruhito": a name in apposition to an office.
        let apposed =
            ws >= 2 && self.word_is(ws - 1, ",") && self.lex.is_role_noun(self.word(ws - 2));
        let cue = title.is_some() || self.speech_follows(words_end) || apposed || after_office;
        let office = title.is_some() || after_office;
        let referent = if n_words >= 2 && self.looks_like_person(ws, words_end, cue, office) {
            Referent::Shaped {
                name: name.into_owned(),
                entity_type: EntityType::Person,
            }
        } else if n_words == 1
            && !all_caps
            // "R-Texas", "D-N.Y.": a party and state tag, not a name.
            && !shapes::is_party_tag(&name)
        {
            Referent::Single(name.into_owned())
        } else {
            return Some(words_end);
        };
        let first_token = title.as_ref().map(|(_, s)| *s).unwrap_or(ws);
        let mut m = self.named(first_token, ws, words_end, referent, modifier_state);
        m.person_cue = cue;
        if let Some((t, s)) = title {
            m.titled = Some(self.span_text(s, words_end));
            m.title = Some(t);
        } else if after_office {
            // "first lady Melania Trump": a spouse's or relative's role is her title, so that
            // "President Trump" is not her. (Other lowercase offices vary with the writer:
            // "chief diplomat Tillerson" is Secretary of State Rex Tillerson.)
            let (before, one) = (self.word(ws.saturating_sub(2)), self.word(ws - 1));
            let role = if self.lex.is_role_noun_pair(before, one) {
                format!("{before} {one}")
            } else {
                one.to_string()
            };
            if matches!(
                role.as_str(),
                "first lady"
                    | "wife"
                    | "husband"
                    | "son"
                    | "daughter"
                    | "brother"
                    | "sister"
                    | "mother"
                    | "father"
                    | "widow"
            ) {
                m.title = Some(role);
            }
        }
        out.push(m);
        Some(words_end)
    }

    fn known(&self, i: usize, next: usize, actor: usize, kind: FormKind) -> Mention {
        let tok_start = self.sentence.tokens[i].start;
        let tok_end = self.sentence.tokens[next - 1].end;
        let acts = match kind {
            FormKind::Name => true,
            FormKind::Demonym => self.demonym_acts(next),
            FormKind::Capital => !self.after_locative(i),
        };
        Mention {
            start: tok_start,
            end: tok_end,
            first_token: i,
            end_token: next,
            referent: Referent::Known(actor),
            form: kind,
            titled: None,
            title: None,
            acts,
            // A user lexicon's leader carries their state: `affiliation = "Gondor"`. (Most
            // known actors are states and organizations: no call for them.)
            affiliation: (self.lex.actors[actor].entity_type == EntityType::Person)
                .then(|| self.lex.person_state(actor))
                .flatten(),
            person_cue: false,
            doubtful: false,
        }
    }

    fn shaped(
        &self,
        first: usize,
        ws: usize,
        end: usize,
        name: String,
        ty: EntityType,
        affiliation: Option<usize>,
    ) -> Mention {
        let referent = Referent::Shaped {
            name,
            entity_type: ty,
        };
        self.named(first, ws, end, referent, affiliation)
    }

    /// A mention of tokens `ws..end` (from `first` with a title) read by shape.
    fn named(
        &self,
        first: usize,
        ws: usize,
        end: usize,
        referent: Referent,
        affiliation: Option<usize>,
    ) -> Mention {
        Mention {
            start: self.sentence.tokens[ws].start,
            end: self.sentence.tokens[end - 1].end,
            first_token: first,
            end_token: end,
            referent,
            form: FormKind::Name,
            titled: None,
            title: None,
            acts: true,
            affiliation,
            person_cue: false,
            doubtful: false,
        }
    }

    fn push_state_modifier(&self, out: &mut Vec<Mention>, i: usize, next: usize, actor: usize) {
        let mut m = self.known(i, next, actor, FormKind::Demonym);
        m.acts = false;
        out.push(m);
    }

    fn span_text(&self, from: usize, to: usize) -> String {
        self.span_str(from, to).into_owned()
    }
}
