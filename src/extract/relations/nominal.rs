//! Nominal triggers: "X's meeting with Y", "aid to Y", "their summit".

use super::*;

impl RelationReader<'_> {
    /// "Trump and Kim arrived in Singapore for their historic summit": the clause's
    /// coordinated subjects, when "their" owns the noun.
    pub(super) fn group_arguments(&self, ts: usize) -> Vec<(usize, usize)> {
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

    pub(super) fn noun_arguments(&self, p: &Pattern, ts: usize, te: usize) -> Vec<(usize, usize)> {
        let last = p.words.last().map(String::as_str).unwrap_or("");
        // "whether there could be a precedent-shattering meeting between": a modal earlier in
        // the clause makes the meeting hypothetical.
        let modal = (ts.saturating_sub(8)..ts)
            .rev()
            .take_while(|&k| !self.is_break(k) && self.actor_at(k).is_none())
            .any(|k| {
                // (Not the month: "May 2022 trip".)
                !self.capitalised(k).unwrap_or(false)
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
                    // "his meeting with Modi", not "his administration to provide arms to";
                    // "his sudden and unsparing criticism" joins two adjectives.
                    let adjectives = |j: usize| {
                        self.words[j] == "and"
                            && [j - 1, j + 1].iter().all(|&n| {
                                self.actor_at(n).is_none()
                                    && self.word(n).bytes().all(|b| b.is_ascii_lowercase())
                            })
                    };
                    let joined = (k + 1..ts)
                        .all(|j| !NOUN_PHRASE_BREAKS.contains(&self.words[j]) || adjectives(j));
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
