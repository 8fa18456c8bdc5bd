//! Relations: trigger words in a sentence, then the actors around them.
//!
//! Each trigger (from `triggers.toml`) is read as a verb (subject before, object after, or a
//! passive with "by"), a noun ("X's meeting with Y", "talks between X and Y") or a reciprocal
//! ("X and Y met"). Negated and hypothetical triggers give nothing. Knows nothing of graphs.

mod arguments;
mod phrases;

use super::lexicon::{Lexicon, TriggerSet};
use super::wordset::WordSet;
use crate::model::Relation;
use phrases::Phrases;
use rustc_hash::FxHashMap as HashMap;

/// How a trigger form is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Verb,
    Noun,
    Reciprocal,
    /// A noun a group owns: "their summit".
    GroupNoun,
    /// A verb of naming: "called X a grave mistake".
    Branding,
}

#[derive(Debug, Clone)]
struct Pattern {
    words: Vec<String>,
    relation: Relation,
    kind: Kind,
}

/// Trigger patterns indexed by their first word, longest first, and the word classes that
/// steer their reading.
#[derive(Debug, Clone)]
pub struct Triggers {
    by_first: HashMap<String, Vec<Pattern>>,
    /// For each first and last byte (letters a-z, any other byte as a 27th), the lengths (bit
    /// n: n bytes, 63 and up share bit 63) of the first words: four words in five of a
    /// sentence are ruled out without hashing (first byte and length alone ruled out half).
    first_lengths: [[u64; 27]; 27],
    aid_nouns: Phrases,
    cooperation: WordSet,
    refusal_direct: WordSet,
    weak: WordSet,
    blame: WordSet,
    negative_words: WordSet,
    negation: WordSet,
    hypothetical: WordSet,
    promise_ok: WordSet,
    to_ok: WordSet,
    requests: Phrases,
    fillers: WordSet,
    clause_breaks: WordSet,
}

impl Triggers {
    /// Compiles the lexicon's trigger sets.
    pub fn new(lex: &Lexicon) -> Triggers {
        let mut t = Triggers {
            by_first: HashMap::default(),
            first_lengths: [[0; 27]; 27],
            aid_nouns: Phrases::default(),
            cooperation: WordSet::default(),
            refusal_direct: WordSet::default(),
            weak: WordSet::default(),
            blame: WordSet::default(),
            negative_words: WordSet::default(),
            negation: lex.modality.negation.iter().cloned().collect(),
            hypothetical: lex.modality.hypothetical.iter().cloned().collect(),
            promise_ok: lex.modality.promise_ok.iter().cloned().collect(),
            to_ok: lex.modality.to_ok.iter().cloned().collect(),
            requests: lex.modality.requests.iter().map(|r| words(r)).collect(),
            fillers: lex.modality.fillers.iter().cloned().collect(),
            clause_breaks: lex.shapes.clause_breaks.iter().cloned().collect(),
        };
        for (relation, set) in &lex.triggers {
            add_patterns(&mut t.by_first, *relation, set);
            t.aid_nouns.extend(set.aid_nouns.iter().map(|a| words(a)));
            t.cooperation.extend(set.cooperation_nouns.iter().cloned());
            t.refusal_direct.extend(set.direct.iter().cloned());
            t.weak.extend(set.weak.iter().cloned());
            t.blame.extend(set.blame.iter().cloned());
            t.negative_words.extend(set.negative_words.iter().cloned());
        }
        for (first, list) in t.by_first.iter_mut() {
            list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
            if let (Some(&b), Some(&e)) = (first.as_bytes().first(), first.as_bytes().last()) {
                t.first_lengths[letter_slot(b)][letter_slot(e)] |= 1 << first.len().min(63);
            }
        }
        t
    }

    /// The patterns whose first word is `word`, longest first.
    fn starting_with(&self, word: &str) -> Option<&Vec<Pattern>> {
        let (&b, &e) = (word.as_bytes().first()?, word.as_bytes().last()?);
        if self.first_lengths[letter_slot(b)][letter_slot(e)] & (1 << word.len().min(63)) == 0 {
            return None;
        }
        self.by_first.get(word)
    }
}

/// A byte's row in `Triggers::first_lengths`: a lowercase letter, or 26 for any other byte.
fn letter_slot(b: u8) -> usize {
    if b.is_ascii_lowercase() {
        usize::from(b - b'a')
    } else {
        26
    }
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

fn add_patterns(map: &mut HashMap<String, Vec<Pattern>>, relation: Relation, set: &TriggerSet) {
    let lists: [(&Vec<String>, Kind); 7] = [
        (&set.verbs, Kind::Verb),
        (&set.visit_verbs, Kind::Verb),
        (&set.direct, Kind::Verb),
        (&set.nouns, Kind::Noun),
        (&set.reciprocal, Kind::Reciprocal),
        (&set.group_nouns, Kind::GroupNoun),
        (&set.branding, Kind::Branding),
    ];
    for (list, kind) in lists {
        for form in list {
            let w = words(form);
            if let Some(first) = w.first() {
                map.entry(first.clone()).or_default().push(Pattern {
                    words: w,
                    relation,
                    kind,
                });
            }
        }
    }
}

/// A resolved mention as the relation reader sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Actor {
    /// The entity (cluster) index.
    pub entity: usize,
    /// First token (including title).
    pub first_token: usize,
    /// Token past the mention.
    pub end_token: usize,
    /// Can this mention act?
    pub acts: bool,
    /// Is it a person?
    pub person: bool,
    /// Is it an organization?
    pub organization: bool,
}

/// One relation found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// Source entity.
    pub source: usize,
    /// Target entity.
    pub target: usize,
    /// The relation.
    pub relation: Relation,
    /// Token range of the trigger.
    pub trigger: (usize, usize),
}

/// Reads relations from one sentence.
pub struct RelationReader<'a> {
    /// Lowercased token texts.
    pub words: &'a [&'a str],
    /// Whether each token was capitalised in the text ("In May" is a month, not a modal).
    pub capitalised: &'a [bool],
    /// Actors, sorted by position.
    pub actors: &'a [Actor],
    /// For each token, the index in `actors` of the mention covering it.
    pub token_actor: &'a [Option<usize>],
    /// The person "he"/"she" most likely means when the sentence names none before it.
    pub last_person: Option<usize>,
    /// The persons "they" or "the two leaders" most likely means.
    pub last_group: &'a [usize],
    /// Word classes.
    pub lex: &'a Lexicon,
    /// Compiled triggers.
    pub triggers: &'a Triggers,
}

/// Words a gerund trigger may follow while its subject is the main clause's: "said after meeting".
const GERUND_LEADS: &[&str] = &[
    "after",
    "before",
    "while",
    "when",
    "since",
    "upon",
    "following",
    "during",
    "by",
];
/// Prepositions that end the search for an object, by relation.
/// Words after a name that do not make it a modifier of a noun: "hosted Churchill there".
const FUNCTION_WORDS: &[&str] = &[
    "and",
    "or",
    "on",
    "in",
    "at",
    "to",
    "for",
    "with",
    "during",
    "after",
    "before",
    "today",
    "yesterday",
    "last",
    "this",
    "as",
    "of",
    "there",
    "here",
    "back",
    "again",
    "when",
    "while",
    "since",
    "into",
    "from",
    "by",
    "who",
    "which",
    "that",
    "but",
    "until",
    "amid",
    "over",
];
/// Auxiliaries of a passive: "was condemned by".
/// What a person does or says, condemned as standing for them: "criticized his comments".
const ACT_NOUNS: &[&str] = &[
    "comments",
    "comment",
    "remarks",
    "remark",
    "words",
    "statement",
    "statements",
    "decision",
    "decisions",
    "move",
    "moves",
    "action",
    "actions",
    "conduct",
    "behavior",
    "behaviour",
    "policy",
    "policies",
    "handling",
    "response",
    "tweet",
    "tweets",
    "rhetoric",
    "warning",
    "threats",
    "stance",
    "position",
    "leadership",
    "actions",
    "claims",
    "attacks",
    "attack",
];
const PASSIVE_AUX: &[&str] = &["was", "were", "been", "being", "is", "are", "be", "got"];
const MET_BLOCKERS: &[&str] = &[
    "in", "at", "on", "for", "from", "about", "over", "during", "after", "before", "against",
    "into", "under", "since", "until", "through", "via", "across", "among", "ahead", "behind",
    "near", "outside", "to",
];
const CONDEMN_BLOCKERS: &[&str] = &[
    "on", "against", "in", "at", "to", "into", "over", "with", "about", "during", "after",
    "before", "amid", "under", "since", "until", "through", "via", "across", "among",
    // "condemned the invasion of Ukraine": after "of" stands the victim, not the condemned.
    "of",
];
/// Others defined by their relation to an actor: "Russia's adversaries".
const OTHERS: &[&str] = &[
    "adversaries",
    "adversary",
    "enemies",
    "enemy",
    "rivals",
    "rival",
    "opponents",
    "opponent",
    "foes",
    "foe",
    "critics",
    "neighbours",
    "neighbors",
    "allies",
    "ally",
    "partners",
    "victims",
];
/// Nouns for those who govern: "the government of X" acts for X.
const GOVERNING: &[&str] = &[
    "government",
    "regime",
    "administration",
    "leadership",
    "authorities",
    "forces",
    "army",
    "military",
    "troops",
    "office",
    "cabinet",
];
const DATE_LEADS: &[&str] = &[
    "on", "last", "this", "next", "late", "early", "earlier", "later",
];
/// Adjectives that may stand between "aid to" and its recipient.
const RECIPIENT_ADJECTIVES: &[&str] = &[
    "new",
    "embattled",
    "struggling",
    "besieged",
    "neighboring",
    "neighbouring",
    "fellow",
    "allied",
    "democratic",
];
/// Words that separate a noun phrase from a mention before it.
const NOUN_PHRASE_BREAKS: &[&str] = &[
    "of", "to", "with", "for", "in", "on", "at", "by", "from", "ahead", "after", "before",
    "during", "and", ",",
];
/// Words before a meeting noun that make it an occasion of the clause's subject.
const OCCASIONS: &[&str] = &["during", "at", "after", "following", "in", "into", "before"];
const DETERMINERS: &[&str] = &[
    "the", "a", "an", "his", "her", "their", "its", "both", "top", "senior",
];

impl RelationReader<'_> {
    /// Every relation the sentence states.
    pub fn read(&self) -> Vec<Found> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            if self.actor_at(i).is_some() {
                i += 1;
                continue;
            }
            let Some(list) = self.triggers.starting_with(self.words[i]) else {
                i += 1;
                continue;
            };
            let mut seen: Vec<Relation> = Vec::new();
            for pattern in list {
                if seen.contains(&pattern.relation) {
                    continue;
                }
                let Some(end) = self.match_pattern(pattern, i) else {
                    continue;
                };
                let before = found.len();
                self.read_trigger(pattern, i, end, &mut found);
                if found.len() > before {
                    seen.push(pattern.relation);
                }
            }
            i += 1;
        }
        found.retain(|f| f.source != f.target);
        let mut unique = Vec::with_capacity(found.len());
        for f in found {
            if !unique.iter().any(|u: &Found| {
                (u.source, u.relation, u.target) == (f.source, f.relation, f.target)
            }) {
                unique.push(f);
            }
        }
        unique
    }

    /// A word that may stand inside a trigger phrase: a listed filler or a duration ("held
    /// 30-minute talks", "held 30 minute private talks").
    fn is_filler(&self, w: &str) -> bool {
        self.triggers.fillers.contains(w)
            || w.bytes().all(|b| b.is_ascii_digit())
            || matches!(w, "minute" | "hour" | "day" | "-")
            || w.ends_with("-minute")
            || w.ends_with("-hour")
    }

    /// Matches a pattern at `i`, allowing a few filler words between its words ("held a joint
    /// call with"). Returns the token index past the match.
    fn match_pattern(&self, pattern: &Pattern, i: usize) -> Option<usize> {
        let mut k = i;
        for (n, word) in pattern.words.iter().enumerate() {
            if n > 0 {
                let mut skipped = 0;
                while skipped < 4
                    && self
                        .words
                        .get(k)
                        .is_some_and(|w| *w != word && self.is_filler(w))
                {
                    k += 1;
                    skipped += 1;
                }
            }
            if self.words.get(k).copied() != Some(word.as_str()) || self.actor_at(k).is_some() {
                return None;
            }
            k += 1;
        }
        Some(k)
    }

    fn read_trigger(&self, p: &Pattern, ts: usize, te: usize, out: &mut Vec<Found>) {
        // A refusal carries its own negation; a negated refusal ("can't cut ties") is none.
        let blocked = if p.relation == Relation::RefusedToCoordinateWith {
            self.negated(ts)
        } else {
            self.blocked(ts, p.relation)
        };
        // "its most criticised incidents": an adjective, not a verb.
        let adjective = ts > 0 && matches!(self.words[ts - 1], "most" | "least" | "less" | "more");
        if blocked || adjective || self.requested(ts) || self.coordinated_modal(ts) {
            if super::tracing() {
                eprintln!("    trigger {:?} at {ts}..{te} blocked", p.words);
            }
            return;
        }
        let pairs = match p.kind {
            // "They were then met by reporters": a passive, not a meeting of the subjects.
            Kind::Reciprocal if self.passive(ts) => Vec::new(),
            Kind::Reciprocal => {
                let subjects = self.subjects(ts);
                let has_object = self.word(te) == "with"
                    || self.plain_object(te)
                    || !self.objects(te, p.relation).is_empty();
                if subjects.len() >= 2 && !has_object {
                    pairs(&subjects)
                } else {
                    Vec::new()
                }
            }
            Kind::Noun => self.noun_arguments(p, ts, te),
            Kind::GroupNoun => self.group_arguments(ts),
            Kind::Branding => self.branding_arguments(ts, te),
            Kind::Verb => self.verb_arguments(p, ts, te),
        };
        if super::tracing() {
            eprintln!(
                "    trigger {:?} {:?} at {ts}..{te} -> {pairs:?}",
                p.words, p.kind
            );
        }
        for (source, target) in pairs {
            out.push(Found {
                source,
                target,
                relation: p.relation,
                trigger: (ts, te),
            });
        }
    }

    /// How many words of an office start at `k` ("prime minister", "envoy"), or 0.
    fn office_len(&self, k: usize) -> usize {
        let (one, two) = (self.word(k), self.word(k + 1));
        if self.capitalised.get(k).copied().unwrap_or(false) {
            0
        } else if self.lex.is_role_noun_pair(one, two) {
            2
        } else {
            usize::from(self.lex.is_role_noun(one))
        }
    }

    /// A noun phrase that is no actor right after a verb: "met supporters' representatives",
    /// "met the press" (not "met the next day", "met hours later", "met privately").
    fn plain_object(&self, k: usize) -> bool {
        const TIME: &[&str] = &[
            "next",
            "following",
            "same",
            "previous",
            "day",
            "week",
            "month",
            "year",
            "morning",
            "evening",
            "afternoon",
            "night",
            "hours",
            "days",
            "weeks",
            "months",
            "years",
            "minutes",
            "times",
            "twice",
        ];
        let w = self.word(k);
        if self.actor_at(k).is_some() || self.capitalised.get(k).copied().unwrap_or(true) {
            return false;
        }
        if matches!(w, "the" | "a" | "an" | "his" | "her" | "their" | "its") {
            return !TIME.contains(&self.word(k + 1)) && self.actor_at(k + 1).is_none();
        }
        w.len() > 3
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !TIME.contains(&w)
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && self.lex.is_english(w)
    }

    /// Negated or hypothetical: a negation or modal among the few words before the trigger.
    fn blocked(&self, ts: usize, relation: Relation) -> bool {
        // Adverbs do not count: "steered away from publicly blaming".
        let adverbs = (ts.saturating_sub(2)..ts)
            .filter(|&k| self.words[k].ends_with("ly"))
            .count();
        let from = ts.saturating_sub(3 + adverbs);
        for k in (from..ts).rev() {
            // "Russia denied involvement and accused the US": "and" starts another verb.
            if self.actor_at(k).is_some() || self.is_break(k) || self.words[k] == "and" {
                break;
            }
            let w = self.words[k];
            if self.triggers.negation.contains(w) || w.ends_with("n't") {
                return true;
            }
            if k > 0 && self.capitalised.get(k).copied().unwrap_or(false) {
                continue;
            }
            let promise =
                relation == Relation::PledgedAidTo && self.triggers.promise_ok.contains(w);
            let real_to = w == "to" && k > 0 && self.triggers.to_ok.contains(self.words[k - 1]);
            if !promise && !real_to && self.triggers.hypothetical.contains(w) {
                return true;
            }
        }
        false
    }

    /// "urging member countries to financially cut ties with Pyongyang": the trigger's "to"
    /// clause belongs to a verb asking someone else to act.
    fn requested(&self, ts: usize) -> bool {
        let Some(to) = (ts.saturating_sub(2)..ts)
            .rev()
            .find(|&k| self.words[k] == "to")
        else {
            return false;
        };
        (to.saturating_sub(7)..to)
            .rev()
            .take_while(|&k| !self.is_break(k))
            .any(|k| self.phrase_at(&self.triggers.requests, k))
    }

    /// "Obama will visit Ramallah and meet with Abbas": a modal before the first of two
    /// coordinated verbs governs the second too.
    fn coordinated_modal(&self, ts: usize) -> bool {
        if ts == 0 || self.words[ts - 1] != "and" {
            return false;
        }
        // "did not meet and condemn Iran": a bare verb shares the first one's negation too.
        let bare = !self.words[ts].ends_with("ed") && !self.words[ts].ends_with('s');
        (ts.saturating_sub(10)..ts - 1)
            .rev()
            .take_while(|&k| !self.is_break(k) && self.words[k] != ",")
            .any(|k| {
                let w = self.words[k];
                let modal = matches!(
                    w,
                    "will" | "would" | "may" | "might" | "could" | "should" | "to" | "must" | "can"
                ) && !(k > 0 && self.triggers.to_ok.contains(self.words[k - 1]));
                modal || (bare && (matches!(w, "not" | "never") || w.ends_with("n't")))
            })
    }

    /// A passive auxiliary before `ts`, perhaps across an adverb: "were then met by".
    fn passive(&self, ts: usize) -> bool {
        let mut k = ts;
        for _ in 0..2 {
            if k == 0 {
                return false;
            }
            k -= 1;
            let w = self.words[k];
            if PASSIVE_AUX.contains(&w) {
                return true;
            }
            if !(w.ends_with("ly") || matches!(w, "then" | "also" | "later" | "again" | "since")) {
                return false;
            }
        }
        false
    }

    /// A negation among the few words before `ts`.
    fn negated(&self, ts: usize) -> bool {
        (ts.saturating_sub(3)..ts)
            .rev()
            .take_while(|&k| self.actor_at(k).is_none() && !self.is_break(k))
            .any(|k| {
                let w = self.words[k];
                matches!(w, "not" | "n't" | "never" | "no") || w.ends_with("n't")
            })
    }

    fn verb_arguments(&self, p: &Pattern, ts: usize, te: usize) -> Vec<(usize, usize)> {
        let form = p.words.join(" ");
        let blame = self.triggers.blame.contains(&form);
        // Passive: "was condemned by X"; "an attack blamed on Iran by the United States".
        // "was critical of NATO" is a copula and an adjective, not a passive.
        let passive = self.passive(ts) && p.words[0] != "critical";
        // "was provided by Israel" is a pledge only when aid was provided.
        let aid_before = p.relation != Relation::PledgedAidTo
            || (ts.saturating_sub(8)..ts).any(|k| self.aid_word_at(k));
        // "Rebuked by Eriador, the state's fiercest foe, Osgiliath is ...": a fronted passive
        // participle; its target is the main clause's subject.
        if ts == 0 && self.word(te) == "by" && self.words[ts].ends_with("ed") && aid_before {
            let agents = self.objects(te + 1, p.relation);
            return cross(&agents, &self.fronted_target(te + 1));
        }
        if passive && self.word(te) == "by" && aid_before {
            return cross(&self.objects(te + 1, p.relation), &self.subjects(ts));
        }
        // "was criticized for not mentioning Afghanistan": a passive with no agent names no source.
        // "is committed to helping Iraq" is a promise in the passive's shape.
        let promise = p.relation == Relation::PledgedAidTo && p.words.len() > 1;
        if passive && !blame && !promise {
            return Vec::new();
        }
        if passive && self.word(te) == "by" {
            return Vec::new();
        }
        if blame && self.word(te) == "on" {
            let targets = self.objects_from(te + 1, p.relation, true);
            if let Some(by) =
                (te + 1..(te + 8).min(self.words.len())).find(|&k| self.words[k] == "by")
            {
                return cross(&self.objects(by + 1, p.relation), &targets);
            }
            return cross(&self.subjects(ts), &targets);
        }
        // "rocket attacks on bases hosting U.S. forces": a participle after a plain noun has
        // that noun for its subject.
        // "briefs critical of Flynn": the adjective's subject is the noun before it too.
        let participle = (self.words[ts].ends_with("ing") || self.words[ts] == "critical")
            && ts > 0
            && !GERUND_LEADS.contains(&self.words[ts - 1])
            && self.after_plain_noun(ts);
        if participle {
            return Vec::new();
        }
        let subjects = self.subjects(ts);
        let objects = match p.relation {
            Relation::PledgedAidTo if self.word(te - 1).starts_with("help") => self.helped(te),
            Relation::PledgedAidTo => self.aid_targets(te),
            Relation::RefusedToCoordinateWith => {
                if self
                    .cooperation_at(te)
                    .is_some_and(|coop| self.each_other(coop))
                {
                    return pairs(&subjects);
                }
                self.refusal_targets(&form, te)
            }
            _ if self.triggers.weak.contains(&form) => {
                // The object must stand right after the verb; a modifier ("Japanese Prime
                // Minister ...") leads to its head.
                let mut k = self.skip_determiners(te);
                let mut modifier_state = None;
                while let Some(a) = self.actor_at(k).filter(|a| !a.acts && a.first_token == k) {
                    modifier_state = (!a.person && !a.organization).then_some(a.entity);
                    k = a.end_token;
                }
                // "welcomed Pyongyang's statement", "welcomed the UAE's leadership": the thing
                // is welcomed, not the actor; "received Jordan's King Abdullah" still counts.
                let thing = p.relation != Relation::Condemned
                    && self.actor_at(k).is_some_and(|a| {
                        self.word(a.end_token) == "'s" && self.actor_at(a.end_token + 1).is_none()
                    });
                // "bases hosting U.S. forces": the state modifies the guest, who is unnamed.
                let modifier = p.relation == Relation::MetWith
                    && self.actor_at(k).is_some_and(|a| {
                        let next = self.word(a.end_token);
                        next.chars().all(|c| c.is_ascii_lowercase())
                            && !next.is_empty()
                            && !next.ends_with("ly")
                            && !FUNCTION_WORDS.contains(&next)
                            && !self.capitalised.get(a.end_token).copied().unwrap_or(false)
                    });
                match self
                    .actor_at(k)
                    .filter(|a| a.acts && (te..=k).contains(&a.first_token) && !thing && !modifier)
                {
                    Some(a) => self.coordinated(a.first_token),
                    // "hosted the Russian prime minister, Dmitry Medvedev": the office's holder
                    // in apposition; "hosted a North Korean envoy": the state he stands for.
                    None if self.office_len(k) > 0 => {
                        let after = k + self.office_len(k);
                        let holder = if self.word(after) == "," {
                            self.actor_at(after + 1)
                        } else {
                            self.actor_at(after)
                        };
                        match holder {
                            Some(b) if b.person && b.acts => vec![b.entity],
                            _ => modifier_state.into_iter().collect(),
                        }
                    }
                    // "responded to Iran's criticism by accusing it of sectarianism": one
                    // accuses someone, so "it" is the state or body named last.
                    None if self.word(k) == "it" && self.word(k + 1) == "of" => self
                        .actors
                        .iter()
                        .rev()
                        .find(|a| {
                            !a.person
                                && a.end_token <= ts
                                && !subjects.contains(&a.entity)
                                && !self.quoted(a.first_token)
                        })
                        .map(|a| a.entity)
                        .into_iter()
                        .collect(),
                    // "accused him of an error of judgement".
                    None if !self.words[ts].ends_with("ing") => {
                        self.object_pronoun(te, &subjects).into_iter().collect()
                    }
                    None => Vec::new(),
                }
            }
            Relation::Condemned if blame => self.objects_from(te, p.relation, true),
            _ => {
                let mut objects = self.objects(te, p.relation);
                // "Sturgeon accused him": not herself. (A participle's subject is less sure:
                // "Trudeau double-crossed Trump by criticizing him".)
                if objects.iter().all(|o| subjects.contains(o))
                    && !self.words[ts].ends_with("ing")
                    && let Some(person) = self.object_pronoun(te, &subjects)
                {
                    objects = vec![person];
                }
                if objects.is_empty() && self.each_other(te) {
                    return pairs(&subjects);
                }
                if objects.is_empty() && p.relation == Relation::Condemned {
                    let included = self.included_objects(te);
                    if included.is_empty() {
                        self.owned_object(te, &subjects)
                    } else {
                        included
                    }
                } else {
                    objects
                }
            }
        };
        cross(&subjects, &objects)
    }

    /// The subject of the main clause after a fronted phrase: the first acting actor right
    /// after a comma that is not itself followed by a comma (an apposition's list).
    fn fronted_target(&self, from: usize) -> Vec<usize> {
        let limit = (from + 30).min(self.words.len());
        for c in from..limit {
            if self.is_break(c) {
                break;
            }
            if self.words[c] != "," {
                continue;
            }
            let k = self.skip_determiners(c + 1);
            if let Some(a) = self.actor_at(k).filter(|a| a.acts && a.first_token == k)
                && self.word(a.end_token) != ","
            {
                return vec![a.entity];
            }
        }
        Vec::new()
    }

    /// "Gingrich criticized his comments": condemning an act of someone's is condemning them;
    /// "his" is the nearest other person before it, else the person the text is about.
    fn owned_object(&self, te: usize, subjects: &[usize]) -> Vec<usize> {
        if !matches!(self.word(te), "his" | "her") || !ACT_NOUNS.contains(&self.word(te + 1)) {
            return Vec::new();
        }
        self.actors
            .iter()
            .rev()
            .filter(|a| a.person && a.end_token <= te && !subjects.contains(&a.entity))
            .map(|a| a.entity)
            .next()
            .or(self.last_person.filter(|p| !subjects.contains(p)))
            .into_iter()
            .collect()
    }

    /// "criticized authoritarian governments across the globe, including Iran": the named
    /// members of a condemned class.
    fn included_objects(&self, te: usize) -> Vec<usize> {
        let limit = (te + 14).min(self.words.len());
        let Some(comma) = (te..limit)
            .take_while(|&k| self.actor_at(k).is_none() && !self.is_break(k))
            .find(|&k| self.words[k] == ",")
        else {
            return Vec::new();
        };
        match self.word(comma + 1) {
            "including" | "especially" | "notably" | "particularly" => {
                self.objects(comma + 2, Relation::Condemned)
            }
            "such" if self.word(comma + 2) == "as" => self.objects(comma + 3, Relation::Condemned),
            _ => Vec::new(),
        }
    }

    fn word(&self, k: usize) -> &str {
        self.words.get(k).copied().unwrap_or("")
    }

    /// "Maduro has called Donald Trump's government a gang of extremists": the first actor
    /// after the verb, when a negative word follows it closely.
    fn branding_arguments(&self, ts: usize, te: usize) -> Vec<(usize, usize)> {
        let k = self.skip_determiners(te);
        let subjects = self.subjects(ts);
        let (target, end_token) = match self.actor_at(k).filter(|a| a.first_token == k) {
            Some(a) => (a.entity, a.end_token),
            // A participle's subject is unsure: "back Assad, describing him as a tyrant".
            None => match self.object_pronoun(te, &subjects) {
                Some(person)
                    if !self.words[ts].ends_with("ing")
                        || self.object_pronoun(te, &[]) == Some(person) =>
                {
                    (person, te + 1)
                }
                _ => return Vec::new(),
            },
        };
        let end = (end_token + 10).min(self.words.len());
        let negative =
            (end_token..end).any(|j| self.triggers.negative_words.contains(self.words[j]));
        if !negative {
            return Vec::new();
        }
        cross(&subjects, &[target])
    }

    fn cooperation_at(&self, te: usize) -> Option<usize> {
        let limit = (te + 5).min(self.words.len());
        (te..limit).find(|&k| self.triggers.cooperation.contains(self.words[k]))
    }

    fn each_other(&self, te: usize) -> bool {
        (te..(te + 4).min(self.words.len().saturating_sub(1)))
            .any(|k| self.words[k] == "each" && self.words[k + 1] == "other")
    }

    /// Pledge targets: after "to"/"for" once an aid word appeared, or right after the verb
    /// ("provide Baghdad with aid").
    fn aid_targets(&self, te: usize) -> Vec<usize> {
        let limit = (te + 14).min(self.words.len());
        let mut aid_seen = false;
        let mut direct: Vec<usize> = Vec::new();
        for k in te..limit {
            if self.is_break(k) {
                break;
            }
            if self.aid_word_at(k) {
                aid_seen = true;
            }
            let Some(a) = self.actor_at(k) else { continue };
            if a.first_token != k {
                continue;
            }
            let prev = if k > 0 { self.words[k - 1] } else { "" };
            // "to war-torn Mozambique", "to the new Iraqi government": only determiners and
            // adjectives between "to" and the recipient, not "to rebels fighting Assad".
            let after_to = (k.saturating_sub(3).max(te)..k)
                .rev()
                .find(|&j| matches!(self.words[j], "to" | "for"))
                .is_some_and(|j| {
                    (j + 1..k).all(|g| {
                        DETERMINERS.contains(&self.words[g])
                            || self.words[g].contains('-')
                            || RECIPIENT_ADJECTIVES.contains(&self.words[g])
                    })
                });
            if k == te || (k == te + 1 && prev == "the") {
                // "provide Baghdad with aid", "gave Ukraine $1bn": the recipient before the gift,
                // not "sending U.S. troops" or "approved France's request".
                let gift_follows = matches!(
                    self.word(a.end_token),
                    "with"
                        | "$"
                        | "£"
                        | "€"
                        | "a"
                        | "an"
                        | "some"
                        | "more"
                        | "additional"
                        | "new"
                        | "emergency"
                        | "military"
                        | "humanitarian"
                        | "financial"
                        | "economic"
                ) || self
                    .words
                    .get(a.end_token)
                    .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
                    // "gave Netanyahu bunker buster bombs", not "sent U.S. troops".
                    || (a.end_token..(a.end_token + 3).min(self.words.len()))
                        .take_while(|&j| self.actor_at(j).is_none() && !self.is_break(j))
                        .any(|j| self.aid_word_at(j))
                        && !self
                            .lex
                            .shapes
                            .government_nouns
                            .iter()
                            .any(|g| g == self.word(a.end_token));
                if a.acts && gift_follows {
                    direct = self.coordinated(k);
                }
            } else if aid_seen && after_to && a.acts {
                return self.coordinated(k);
            }
        }
        if aid_seen { direct } else { Vec::new() }
    }

    /// "pledged to help Ukraine", "committed to helping the people of Iraq": the one helped.
    fn helped(&self, te: usize) -> Vec<usize> {
        let mut k = te;
        while k < te + 4
            && self.actor_at(k).is_none()
            && (DETERMINERS.contains(&self.word(k))
                || matches!(self.word(k), "people" | "government" | "of" | "country"))
        {
            k += 1;
        }
        match self.actor_at(k) {
            // "the people of Iraq": the state is named as a place, yet it is the one helped.
            Some(a) if a.first_token == k && (a.acts || self.word(k - 1) == "of") => {
                vec![a.entity]
            }
            _ => Vec::new(),
        }
    }

    /// The recipient right after "aid to": at most two determiners or adjectives between.
    fn recipient_at(&self, te: usize) -> Vec<usize> {
        let mut k = te;
        while k < te + 2 && k < self.words.len() && self.actor_at(k).is_none() {
            let w = self.words[k];
            if !(DETERMINERS.contains(&w) || w.contains('-') || RECIPIENT_ADJECTIVES.contains(&w)) {
                return Vec::new();
            }
            k += 1;
        }
        match self.actor_at(k) {
            // "assistance to Russia's adversaries" goes to others.
            Some(a)
                if self.word(a.end_token) == "'s"
                    && OTHERS.contains(&self.word(a.end_token + 1)) =>
            {
                Vec::new()
            }
            Some(a) if a.acts && a.first_token == k => self.coordinated(k),
            _ => Vec::new(),
        }
    }

    fn aid_word_at(&self, k: usize) -> bool {
        // "sanctions relief" is no aid.
        let eased = self.word(k) == "relief"
            && k > 0
            && matches!(
                self.words[k - 1],
                "sanctions" | "sanction" | "tax" | "tariff"
            );
        !eased && self.phrase_at(&self.triggers.aid_nouns, k)
    }

    /// Does one of these phrases (lowercase words) start at token `k`?
    fn phrase_at(&self, phrases: &Phrases, k: usize) -> bool {
        let rest = self.words.get(k..).unwrap_or_default();
        phrases.starts(rest)
    }

    fn refusal_targets(&self, form: &str, te: usize) -> Vec<usize> {
        if self.triggers.refusal_direct.contains(form) {
            let k = self.skip_determiners(te);
            return self
                .actor_at(k)
                .filter(|a| a.acts)
                .map(|a| self.coordinated(a.first_token))
                .unwrap_or_default();
        }
        match self.cooperation_at(te) {
            Some(coop) => self.objects(coop + 1, Relation::RefusedToCoordinateWith),
            None => Vec::new(),
        }
    }

    /// "Trump and Kim arrived in Singapore for their historic summit": the clause's
    /// coordinated subjects, when "their" owns the noun.
    fn group_arguments(&self, ts: usize) -> Vec<(usize, usize)> {
        let Some(k) = (ts.saturating_sub(3)..ts)
            .rev()
            .take_while(|&j| {
                self.actor_at(j).is_none() && !NOUN_PHRASE_BREAKS.contains(&self.words[j])
            })
            .find(|&j| self.words[j] == "their")
        else {
            return Vec::new();
        };
        let group = self.subjects(k);
        if group.len() >= 2 {
            return pairs(&group);
        }
        // "Trump congratulated Putin during their phone call": the subject and the one actor
        // named between it and "their".
        // ("their meeting with Kim" names its partner: the noun trigger reads it.)
        let [subject] = group[..] else {
            return Vec::new();
        };
        if matches!(self.word(ts + 1), "with" | "between") {
            return Vec::new();
        }
        let mut between = self.actors.iter().filter(|a| {
            a.acts && a.first_token < k && a.entity != subject && !self.quoted(a.first_token)
        });
        match (between.next(), between.next()) {
            (Some(other), None) => vec![(subject, other.entity)],
            _ => Vec::new(),
        }
    }

    fn noun_arguments(&self, p: &Pattern, ts: usize, te: usize) -> Vec<(usize, usize)> {
        let last = p.words.last().map(String::as_str).unwrap_or("");
        // "whether there could be a precedent-shattering meeting between": a modal earlier in
        // the clause makes the meeting hypothetical.
        let modal = (ts.saturating_sub(8)..ts)
            .rev()
            .take_while(|&k| !self.is_break(k) && self.actor_at(k).is_none())
            .any(|k| {
                // (Not the month: "May 2022 trip".)
                !self.capitalised.get(k).copied().unwrap_or(false)
                    && matches!(
                        self.words[k],
                        "could" | "would" | "might" | "may" | "whether" | "if" | "should"
                    )
            });
        if modal && p.relation == Relation::MetWith {
            return Vec::new();
        }
        if last == "between" {
            let both = self.objects(te, p.relation);
            return if both.len() == 2 {
                pairs(&both)
            } else {
                Vec::new()
            };
        }
        let objects = if p.relation == Relation::PledgedAidTo {
            self.recipient_at(te)
        } else {
            self.objects(te, p.relation)
        };
        if objects.is_empty() {
            return Vec::new();
        }
        // "a $50m aid package for Ukraine from Japan": the giver follows the recipient.
        if p.relation == Relation::PledgedAidTo
            && let Some(end) = self
                .actors
                .iter()
                .filter(|a| objects.contains(&a.entity) && a.first_token >= te)
                .map(|a| a.end_token)
                .max()
            && self.word(end) == "from"
        {
            let givers = self.objects(end + 1, Relation::MetWith);
            if !givers.is_empty() {
                return cross(&givers, &objects);
            }
        }
        let reversed = last == "from";
        let orient = |sources: Vec<usize>| {
            if reversed {
                cross(&objects, &sources)
            } else {
                cross(&sources, &objects)
            }
        };
        // "X's meeting with Y", "U.S. aid to Ukraine", "his call with Y", "held talks with Y".
        let mut k = ts;
        while k > 0 && k + 4 > ts && !self.is_break(k - 1) {
            k -= 1;
            if let Some(a) = self.actor_at(k).filter(|a| a.acts) {
                // Only a possessive or a modifier right before the noun phrase is its source:
                // not "Russia ahead of a meeting with Putin".
                let joined =
                    (a.end_token..ts).all(|j| !NOUN_PHRASE_BREAKS.contains(&self.words[j]));
                // "a White House meeting with Trump", "the NATO summit": an organization naming
                // a meeting is its host or venue, not a participant (a possessive still is).
                let venue = p.relation == Relation::MetWith
                    && a.organization
                    && self.word(a.end_token) != "'s";
                // "a cutoff of U.S. economic assistance to Egypt": negation before the source.
                if joined && !venue && !self.blocked(a.first_token, p.relation) {
                    return orient(vec![a.entity]);
                }
                if joined {
                    return Vec::new();
                }
                break;
            }
            match self.words[k] {
                "his" | "her" => {
                    // "his meeting with Modi", not "his administration to provide arms to".
                    let joined = (k + 1..ts).all(|j| !NOUN_PHRASE_BREAKS.contains(&self.words[j]));
                    return if joined {
                        orient(self.owner_pronoun(k).into_iter().collect())
                    } else {
                        Vec::new()
                    };
                }
                "held" | "had" | "hold" | "holds" | "holding" | "have" | "has" | "conducted"
                | "made" | "paid" | "hosted" | "hosts" | "hosting" | "gave" | "threw" => {
                    // "is due to hold a telephone call with Rouhani": planned, not held; "had
                    // requested a meeting": asked for, not held.
                    let asked = (k + 1..ts).any(|j| {
                        self.triggers.hypothetical.contains(self.words[j])
                            || self.triggers.negation.contains(self.words[j])
                    });
                    if asked || self.blocked(k, p.relation) || self.requested(k) {
                        return Vec::new();
                    }
                    return orient(self.subjects(k));
                }
                _ => {}
            }
        }
        // "Trump took a softer line during a photo op with Merkel": a meeting at an occasion
        // involves the clause's subject.
        let occasion = (ts.saturating_sub(4)..ts).any(|k| OCCASIONS.contains(&self.words[k]));
        if p.relation == Relation::MetWith && occasion {
            // A planned or denied meeting ("will meet X during a visit to Y") is none.
            let hedged = (0..ts).filter(|&k| !self.quoted(k)).any(|k| {
                matches!(
                    self.words[k],
                    "will" | "would" | "may" | "might" | "could" | "should" | "not" | "never"
                ) || self.words[k].ends_with("n't")
            });
            // "Merkel said in the palace after talks with Karzai": "after" leads a phrase whose
            // subject is the main clause's, across a verb of saying.
            let lead = (ts.saturating_sub(4)..ts)
                .rev()
                .find(|&k| GERUND_LEADS.contains(&self.words[k]));
            if hedged {
                return Vec::new();
            }
            let subjects = match lead {
                Some(o) => self.subjects_from(o, true, false),
                None => self.subjects(ts),
            };
            // "After talks with Karzai, Merkel said": a fronted phrase's subject follows it.
            if subjects.is_empty() && lead.is_some_and(|o| o == 0 || self.words[o - 1] == ",") {
                return orient(self.fronted_target(te));
            }
            return orient(subjects);
        }
        Vec::new()
    }
}

/// Every unordered pair of distinct items.
fn pairs(items: &[usize]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for (i, a) in items.iter().enumerate() {
        for b in &items[i + 1..] {
            if a != b {
                out.push((*a, *b));
            }
        }
    }
    out
}

/// Every (source, target) of two lists.
fn cross(sources: &[usize], targets: &[usize]) -> Vec<(usize, usize)> {
    sources
        .iter()
        .flat_map(|s| targets.iter().map(move |t| (*s, *t)))
        .collect()
}
