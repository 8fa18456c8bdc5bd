//! Relations: trigger words in a sentence, then the actors around them.
//!
//! Each trigger (from `triggers.toml`) is read as a verb (subject before, object after, or a
//! passive with "by"), a noun ("X's meeting with Y", "talks between X and Y") or a reciprocal
//! ("X and Y met"). Negated and hypothetical triggers give nothing. Knows nothing of graphs.

mod arguments;
mod modality;
mod nominal;
mod patterns;
mod phrases;
mod pledges;
mod subjects;
mod verbs;
mod words;

use super::lexicon::{Lexicon, TriggerSet};
use super::text::Token;
use super::wordset::WordSet;
use crate::model::Relation;
use phrases::Phrases;
use rustc_hash::FxHashMap as HashMap;
use std::ops::Range;
use words::*;

pub use patterns::Match;

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
    /// The words joined by single spaces, as the word classes list them.
    form: String,
    relation: Relation,
    kind: Kind,
}

/// A trigger's first word, as bytes, and the patterns it starts, longest first.
type FirstWord = (Box<[u8]>, Vec<Pattern>);

/// Bits of `Triggers::first_shapes` (as a power of two) and buckets of `Triggers::by_shape`.
const SHAPE_BITS: u32 = 14;
const BUCKET_BITS: u32 = 8;

/// Trigger patterns indexed by their first word, longest first, and the word classes that
/// steer their reading.
#[derive(Debug, Clone)]
pub struct Triggers {
    /// One bit per `shape_hash` of a first word: nine words in ten of a sentence find theirs
    /// clear, one test in place of a length test and a bucket search that the CPU mispredicted.
    first_shapes: [u64; 1 << (SHAPE_BITS - 6)],
    /// Each first word (as bytes, looked up before a word is made a `&str`) with its patterns,
    /// in buckets by the top bits of its shape hash: a word or two each.
    by_shape: Vec<Vec<FirstWord>>,
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
            first_shapes: [0; 1 << (SHAPE_BITS - 6)],
            by_shape: vec![Vec::new(); 1 << BUCKET_BITS],
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
        let mut by_first = HashMap::default();
        for (relation, set) in &lex.triggers {
            add_patterns(&mut by_first, *relation, set);
            t.aid_nouns.extend(set.aid_nouns.iter().map(|a| words(a)));
            t.cooperation.extend(set.cooperation_nouns.iter().cloned());
            t.refusal_direct.extend(set.direct.iter().cloned());
            t.weak.extend(set.weak.iter().cloned());
            t.blame.extend(set.blame.iter().cloned());
            t.negative_words.extend(set.negative_words.iter().cloned());
        }
        for (first, mut list) in by_first {
            list.sort_by_key(|p| std::cmp::Reverse(p.words.len()));
            let hash = shape_hash(first.as_bytes());
            let bit = hash >> (64 - SHAPE_BITS);
            t.first_shapes[(bit / 64) as usize] |= 1 << (bit % 64);
            t.by_shape[(hash >> (64 - BUCKET_BITS)) as usize]
                .push((first.into_bytes().into(), list));
        }
        t
    }

    /// The tokens of a sentence that start a pattern, in order, given the lowercased sentence
    /// and each token's bytes in it (`LowerWords::spans`).
    pub fn find_starts<'t>(
        &'t self,
        (text, spans): (&[u8], &[Range<usize>]),
        out: &mut Vec<TriggerStart<'t>>,
    ) {
        out.clear();
        for (token, span) in spans.iter().enumerate() {
            let word = text.get(span.clone()).unwrap_or_default();
            let hash = shape_hash(word);
            let bit = hash >> (64 - SHAPE_BITS);
            if self.first_shapes[(bit / 64) as usize] & (1 << (bit % 64)) == 0 {
                continue;
            }
            let bucket = &self.by_shape[(hash >> (64 - BUCKET_BITS)) as usize];
            if let Some((_, patterns)) = bucket.iter().find(|(w, _)| **w == *word) {
                out.push(TriggerStart { token, patterns });
            }
        }
    }
}

/// A token that starts trigger patterns.
#[derive(Debug, Clone, Copy)]
pub struct TriggerStart<'t> {
    token: usize,
    /// The patterns whose first word it is, longest first.
    patterns: &'t [Pattern],
}

/// A hash of a word's length and first, middle and last bytes, good in its high bits: few
/// words of a sentence share a trigger first word's.
fn shape_hash(word: &[u8]) -> u64 {
    let byte = |b: Option<&u8>| u64::from(b.copied().unwrap_or(0));
    let key = word.len() as u64
        | byte(word.first()) << 16
        | byte(word.get(word.len() / 2)) << 24
        | byte(word.last()) << 32;
    key.wrapping_mul(0x9E37_79B9_7F4A_7C15)
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
                    form: w.join(" "),
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
    /// The trigger patterns matched in the sentence (`Triggers::match_starts`).
    pub matches: &'a [Match<'a>],
    /// The sentence's tokens, for whether each was capitalised in the text.
    pub tokens: &'a [Token],
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

impl RelationReader<'_> {
    /// Every relation the sentence states.
    pub fn read(&self) -> Vec<Found> {
        let mut found = Vec::new();
        // The relations found at the latest start: a shorter pattern there adds no other.
        let mut seen: Vec<Relation> = Vec::new();
        let mut seen_at = None;
        for &Match {
            start,
            end,
            pattern,
        } in self.matches
        {
            if seen_at != Some(start) {
                seen.clear();
                seen_at = Some(start);
            }
            if seen.contains(&pattern.relation) {
                continue;
            }
            let before = found.len();
            self.read_trigger(pattern, start, end, &mut found);
            if found.len() > before {
                seen.push(pattern.relation);
            }
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

    fn read_trigger(&self, p: &Pattern, ts: usize, te: usize, out: &mut Vec<Found>) {
        // A refusal carries its own negation; a negated refusal ("can't cut ties") is none.
        let blocked = if p.relation == Relation::RefusedToCoordinateWith {
            self.negated(ts) || self.planned(ts)
        } else {
            self.blocked(ts, p.relation)
        };
        // "its most criticised incidents": an adjective, not a verb.
        let adjective = ts > 0 && matches!(self.words[ts - 1], "most" | "least" | "less" | "more");
        if blocked
            || adjective
            || self.requested(ts)
            || self.coordinated_modal(ts)
            || self.future_present(ts)
        {
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

    /// Was token `k` capitalised in the text ("In May" is a month, not a modal)?
    fn capitalised(&self, k: usize) -> Option<bool> {
        self.tokens.get(k).map(|t| t.upper)
    }

    fn word(&self, k: usize) -> &str {
        self.words.get(k).copied().unwrap_or("")
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
