//! Relations: trigger words in a sentence, then the actors around them.
//!
//! Each trigger (from `triggers.toml`) is read as a verb (subject before, object after, or a
//! passive with "by"), a noun ("X's meeting with Y", "talks between X and Y") or a reciprocal
//! ("X and Y met"). Negated and hypothetical triggers give nothing. Knows nothing of graphs.

use super::lexicon::{Lexicon, TriggerSet};
use crate::model::Relation;
use std::collections::HashMap;

/// How a trigger form is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Verb,
    Noun,
    Reciprocal,
}

#[derive(Debug, Clone)]
struct Pattern {
    words: Vec<String>,
    relation: Relation,
    kind: Kind,
}

/// Trigger patterns indexed by their first word, longest first.
#[derive(Debug, Clone)]
pub struct Triggers {
    by_first: HashMap<String, Vec<Pattern>>,
    aid_nouns: Vec<Vec<String>>,
    cooperation: Vec<String>,
    refusal_direct: Vec<String>,
    condemn_weak: Vec<String>,
    negation: Vec<String>,
    hypothetical: Vec<String>,
    promise_ok: Vec<String>,
}

impl Triggers {
    /// Compiles the lexicon's trigger sets.
    pub fn new(lex: &Lexicon) -> Triggers {
        let mut by_first: HashMap<String, Vec<Pattern>> = HashMap::new();
        let mut aid_nouns = Vec::new();
        let mut cooperation = Vec::new();
        let mut refusal_direct = Vec::new();
        let mut condemn_weak = Vec::new();
        for (relation, set) in &lex.triggers {
            add_patterns(&mut by_first, *relation, set);
            aid_nouns.extend(set.aid_nouns.iter().map(|a| words(a)));
            cooperation.extend(set.cooperation_nouns.iter().cloned());
            refusal_direct.extend(set.direct.iter().cloned());
            condemn_weak.extend(set.weak.iter().cloned());
        }
        for list in by_first.values_mut() {
            list.sort_by(|a, b| b.words.len().cmp(&a.words.len()));
        }
        Triggers {
            by_first,
            aid_nouns,
            cooperation,
            refusal_direct,
            condemn_weak,
            negation: lex.modality.negation.clone(),
            hypothetical: lex.modality.hypothetical.clone(),
            promise_ok: lex.modality.promise_ok.clone(),
        }
    }
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

fn add_patterns(map: &mut HashMap<String, Vec<Pattern>>, relation: Relation, set: &TriggerSet) {
    let lists: [(&Vec<String>, Kind); 5] = [
        (&set.verbs, Kind::Verb),
        (&set.visit_verbs, Kind::Verb),
        (&set.direct, Kind::Verb),
        (&set.nouns, Kind::Noun),
        (&set.reciprocal, Kind::Reciprocal),
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
    pub words: &'a [String],
    /// Actors, sorted by position.
    pub actors: &'a [Actor],
    /// The entity a pronoun "he"/"she" at the start of this sentence refers to.
    pub last_person: Option<usize>,
    /// Word classes.
    pub lex: &'a Lexicon,
    /// Compiled triggers.
    pub triggers: &'a Triggers,
}

const AUX: &[&str] = &[
    "has",
    "had",
    "have",
    "also",
    "then",
    "later",
    "again",
    "reportedly",
    "privately",
    "publicly",
    "separately",
    "briefly",
    "repeatedly",
    "sharply",
    "strongly",
    "firmly",
    "swiftly",
    "quickly",
    "already",
    "jointly",
    "recently",
    "personally",
    "formally",
    "officially",
    "openly",
    "once",
    "first",
    "both",
    "all",
    "immediately",
    "is",
    "was",
    "were",
    "are",
    "been",
    "today",
    "yesterday",
    "subsequently",
    "earlier",
    "previously",
    "herself",
    "himself",
];
const OBJECT_SKIP: &[&str] = &[
    "with",
    "to",
    "the",
    "a",
    "an",
    "his",
    "her",
    "their",
    "its",
    "privately",
    "separately",
    "briefly",
    "by",
    "of",
    "phone",
    "telephone",
    "for",
    "from",
    "on",
    "in",
    "both",
    "top",
    "senior",
    "new",
    "visiting",
    "counterpart",
];

impl RelationReader<'_> {
    /// Every relation the sentence states.
    pub fn read(&self) -> Vec<Found> {
        let mut found = Vec::new();
        let mut i = 0;
        while i < self.words.len() {
            if self.inside_actor(i) {
                i += 1;
                continue;
            }
            let Some(list) = self.triggers.by_first.get(&self.words[i]) else {
                i += 1;
                continue;
            };
            let mut consumed = 1;
            let mut seen: Vec<Relation> = Vec::new();
            for pattern in list {
                let end = i + pattern.words.len();
                if end > self.words.len()
                    || self.words[i..end] != pattern.words[..]
                    || seen.contains(&pattern.relation)
                {
                    continue;
                }
                let before = found.len();
                self.read_trigger(pattern, i, end, &mut found);
                if found.len() > before {
                    seen.push(pattern.relation);
                    consumed = consumed.max(pattern.words.len());
                }
            }
            i += consumed;
        }
        found.retain(|f| f.source != f.target);
        found.dedup();
        found
    }

    fn inside_actor(&self, i: usize) -> bool {
        self.actors
            .iter()
            .any(|a| a.first_token <= i && i < a.end_token)
    }

    fn read_trigger(&self, p: &Pattern, ts: usize, te: usize, out: &mut Vec<Found>) {
        let refusal = p.relation == Relation::RefusedToCoordinateWith;
        if !refusal && self.blocked(ts, p.relation) {
            return;
        }
        let trigger = (ts, te);
        let push = |out: &mut Vec<Found>, source: usize, target: usize| {
            out.push(Found {
                source,
                target,
                relation: p.relation,
                trigger,
            });
        };
        match p.kind {
            Kind::Reciprocal => {
                let subjects = self.subjects(ts);
                if subjects.len() >= 2 && self.object_start(te).is_none() {
                    for (a, b) in pairs(&subjects) {
                        push(out, a, b);
                    }
                }
            }
            Kind::Noun => {
                for (s, t) in self.noun_arguments(p, ts, te) {
                    push(out, s, t);
                }
            }
            Kind::Verb => {
                for (s, t) in self.verb_arguments(p, ts, te) {
                    push(out, s, t);
                }
            }
        }
    }

    /// Negated or hypothetical: a negation or modal among the few words before the trigger.
    fn blocked(&self, ts: usize, relation: Relation) -> bool {
        let from = ts.saturating_sub(3);
        for k in (from..ts).rev() {
            if self.actor_at(k).is_some() || self.is_break(k) {
                break;
            }
            let w = self.words[k].as_str();
            if self.triggers.negation.iter().any(|n| n == w) {
                return true;
            }
            let promise = relation == Relation::PledgedAidTo
                && self.triggers.promise_ok.iter().any(|n| n == w);
            if !promise && self.triggers.hypothetical.iter().any(|n| n == w) {
                return true;
            }
        }
        false
    }

    fn verb_arguments(&self, p: &Pattern, ts: usize, te: usize) -> Vec<(usize, usize)> {
        // Passive: "was condemned by X".
        let passive = ts > 0
            && matches!(
                self.words[ts - 1].as_str(),
                "was" | "were" | "been" | "being" | "is" | "are" | "be" | "got"
            );
        if passive && self.words.get(te).is_some_and(|w| w == "by") {
            return cross(&self.objects(te + 1, p.relation), &self.subjects(ts));
        }
        let subjects = self.subjects(ts);
        let objects = match p.relation {
            Relation::PledgedAidTo => self.aid_targets(te).unwrap_or_default(),
            Relation::RefusedToCoordinateWith => {
                if self
                    .cooperation_at(te)
                    .is_some_and(|coop| self.each_other(coop))
                {
                    return pairs(&subjects);
                }
                self.refusal_targets(p, te).unwrap_or_default()
            }
            Relation::Condemned if self.triggers.condemn_weak.contains(&p.words.join(" ")) => {
                let k = self.skip_to_object(te);
                self.actor_at(k)
                    .filter(|a| a.acts)
                    .map(|a| a.entity)
                    .into_iter()
                    .collect()
            }
            _ => {
                let objects = self.objects(te, p.relation);
                if objects.is_empty() && self.each_other(te) {
                    return pairs(&subjects);
                }
                objects
            }
        };
        cross(&subjects, &objects)
    }

    fn cooperation_at(&self, te: usize) -> Option<usize> {
        let limit = (te + 5).min(self.words.len());
        (te..limit).find(|&k| {
            self.triggers
                .cooperation
                .iter()
                .any(|c| *c == self.words[k])
        })
    }

    fn each_other(&self, te: usize) -> bool {
        (te..(te + 4).min(self.words.len().saturating_sub(1)))
            .any(|k| self.words[k] == "each" && self.words[k + 1] == "other")
    }

    /// Pledge targets: after "to"/"for" once an aid word appeared, or right after the verb.
    fn aid_targets(&self, te: usize) -> Option<Vec<usize>> {
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
            if let Some(a) = self.actor_at(k) {
                if a.first_token != k {
                    continue;
                }
                let prev = if k > 0 {
                    self.words[k - 1].as_str()
                } else {
                    ""
                };
                if k == te || (k == te + 1 && prev == "the") {
                    if a.acts {
                        direct = self.coordinated(k);
                    }
                } else if aid_seen && matches!(prev, "to" | "for" | "the") && a.acts {
                    return Some(self.coordinated(k));
                }
            }
        }
        (aid_seen && !direct.is_empty()).then_some(direct)
    }

    fn aid_word_at(&self, k: usize) -> bool {
        self.triggers
            .aid_nouns
            .iter()
            .any(|n| self.words[k..].starts_with(n))
    }

    fn refusal_targets(&self, p: &Pattern, te: usize) -> Option<Vec<usize>> {
        let form = p.words.join(" ");
        if self.triggers.refusal_direct.contains(&form) {
            let k = self.skip_to_object(te);
            return self
                .actor_at(k)
                .filter(|a| a.acts)
                .map(|a| self.coordinated(a.first_token));
        }
        let coop = self.cooperation_at(te)?;
        let objects = self.objects(coop + 1, p.relation);
        (!objects.is_empty()).then_some(objects)
    }

    fn noun_arguments(&self, p: &Pattern, ts: usize, te: usize) -> Vec<(usize, usize)> {
        let last = p.words.last().map(String::as_str).unwrap_or("");
        if last == "between" {
            let both = self.objects(te, p.relation);
            return if both.len() == 2 {
                pairs(&both)
            } else {
                Vec::new()
            };
        }
        let objects = self.objects(te, p.relation);
        if objects.is_empty() {
            return Vec::new();
        }
        // "X's meeting with Y", "U.S. aid to Ukraine", "held talks with".
        let reversed = last == "from";
        let mut k = ts;
        while k > 0 && k + 3 > ts && !self.is_break(k - 1) {
            k -= 1;
            if let Some(a) = self.actor_at(k) {
                let sources = vec![a.entity];
                return if reversed {
                    cross(&objects, &sources)
                } else {
                    cross(&sources, &objects)
                };
            }
            if matches!(
                self.words[k].as_str(),
                "held"
                    | "had"
                    | "hold"
                    | "holds"
                    | "holding"
                    | "have"
                    | "has"
                    | "conducted"
                    | "made"
                    | "paid"
            ) {
                let sources = self.subjects(k);
                return if reversed {
                    cross(&objects, &sources)
                } else {
                    cross(&sources, &objects)
                };
            }
        }
        Vec::new()
    }

    /// The actor mention covering token `k`.
    fn actor_at(&self, k: usize) -> Option<&Actor> {
        self.actors
            .iter()
            .find(|a| a.first_token <= k && k < a.end_token)
    }

    fn is_break(&self, k: usize) -> bool {
        let w = self.words[k].as_str();
        self.lex.shapes.clause_breaks.iter().any(|b| b == w)
    }

    /// Subjects before token `ts`: the nearest acting mention in the clause and those
    /// coordinated with it; or the person a leading "he"/"she" refers to.
    fn subjects(&self, ts: usize) -> Vec<usize> {
        let mut k = ts;
        while k > 0 {
            k -= 1;
            if self.is_break(k) {
                break;
            }
            if let Some(a) = self.actor_at(k) {
                if !a.acts {
                    continue;
                }
                // Inside parentheses, or an object of a preposition: not a subject.
                let before = if a.first_token > 0 {
                    self.words[a.first_token - 1].as_str()
                } else {
                    ""
                };
                if matches!(
                    before,
                    "(" | "in"
                        | "at"
                        | "from"
                        | "on"
                        | "into"
                        | "of"
                        | "against"
                        | "about"
                        | "over"
                ) {
                    k = a.first_token;
                    continue;
                }
                return self.coordinated_left(a.first_token);
            }
            let w = self.words[k].as_str();
            if matches!(w, "he" | "she") {
                return self.last_person.into_iter().collect();
            }
        }
        Vec::new()
    }

    /// Mentions joined to the one at `first` by "and" or commas, leftwards, plus it.
    fn coordinated_left(&self, first: usize) -> Vec<usize> {
        let mut out = vec![self.actor_at(first).map(|a| a.entity).unwrap_or(0)];
        let mut k = first;
        loop {
            let mut j = k;
            while j > 0 && matches!(self.words[j - 1].as_str(), "and" | "," | "the" | "both") {
                j -= 1;
            }
            if j == k || j == 0 {
                break;
            }
            match self.actor_at(j - 1) {
                Some(a) if a.acts && a.end_token == j => {
                    out.push(a.entity);
                    k = a.first_token;
                }
                _ => break,
            }
        }
        out
    }

    /// Skips connecting words after a trigger to where an object may start.
    fn skip_to_object(&self, mut k: usize) -> usize {
        while k < self.words.len()
            && OBJECT_SKIP.contains(&self.words[k].as_str())
            && self.actor_at(k).is_none()
        {
            k += 1;
        }
        k
    }

    fn object_start(&self, te: usize) -> Option<usize> {
        let k = self.skip_to_object(te);
        self.actor_at(k).filter(|a| a.acts).map(|a| a.first_token)
    }

    /// Objects after a trigger: the first acting mention (within a few words) and those
    /// coordinated with it. For condemned, actors after "on"/"against" are victims, not targets.
    fn objects(&self, te: usize, relation: Relation) -> Vec<usize> {
        let limit = (te + 8).min(self.words.len());
        let mut k = te;
        while k < limit {
            if self.is_break(k) {
                return Vec::new();
            }
            if let Some(a) = self.actor_at(k) {
                let prev = if a.first_token > 0 {
                    self.words[a.first_token - 1].as_str()
                } else {
                    ""
                };
                let victim = relation == Relation::Condemned
                    && matches!(prev, "on" | "against" | "in" | "at" | "to");
                if a.acts && !victim {
                    return self.coordinated(a.first_token);
                }
                k = a.end_token;
                continue;
            }
            k += 1;
        }
        Vec::new()
    }

    /// The mention at `first` and those joined to it by commas and "and", rightwards.
    fn coordinated(&self, first: usize) -> Vec<usize> {
        let Some(a) = self.actor_at(first) else {
            return Vec::new();
        };
        let mut out = vec![a.entity];
        let mut k = a.end_token;
        loop {
            let mut j = k;
            while j < self.words.len()
                && matches!(self.words[j].as_str(), "and" | "," | "the" | "as" | "well")
            {
                j += 1;
            }
            if j == k {
                break;
            }
            match self.actor_at(j) {
                Some(b) if b.acts && b.first_token == j => {
                    out.push(b.entity);
                    k = b.end_token;
                }
                Some(b) if !b.acts && b.first_token == j => {
                    // "Turkish President Erdogan": skip the modifier to its head.
                    match self.actor_at(b.end_token) {
                        Some(c) if c.acts => {
                            out.push(c.entity);
                            k = c.end_token;
                        }
                        _ => break,
                    }
                }
                _ => break,
            }
        }
        out
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
