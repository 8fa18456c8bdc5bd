//! Modality around a trigger: negation, plans, requests and passives, which make it no fact.

use super::*;

impl RelationReader<'_> {
    /// "Corsi plans to reject a deal with Mueller": a refusal still ahead. (A refusal's own "to",
    /// "decided to cut ties", is no plan, nor a stated one: "would continue to refuse".)
    pub(super) fn planned(&self, ts: usize) -> bool {
        (ts.saturating_sub(3)..ts)
            .rev()
            .take_while(|&k| self.actor_at(k).is_none() && !self.is_break(k))
            .any(|k| {
                matches!(
                    self.words[k],
                    "plans"
                        | "planned"
                        | "plan"
                        | "may"
                        | "might"
                        | "could"
                        | "should"
                        | "considering"
                        | "threatened"
                        | "threatening"
                        | "threatens"
                )
            })
    }

    /// "When Trump meets Kim in Singapore next month": a present-tense verb with a time ahead
    /// is a plan. (A headline's "Trump meets Kim" is a report.)
    pub(super) fn future_present(&self, ts: usize) -> bool {
        let w = self.words[ts];
        if !(w.ends_with('s') && matches!(w, "meets" | "visits" | "hosts" | "receives" | "holds")) {
            return false;
        }
        self.words.windows(2).any(|pair| {
            matches!(
                pair,
                [
                    "next",
                    "week"
                        | "month"
                        | "year"
                        | "weekend"
                        | "spring"
                        | "summer"
                        | "autumn"
                        | "fall"
                        | "winter"
                ] | ["later", "this" | "today"]
            )
        })
    }

    /// Negated or hypothetical: a negation or modal among the few words before the trigger.
    pub(super) fn blocked(&self, ts: usize, relation: Relation) -> bool {
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
            if k > 0 && self.capitalised(k).unwrap_or(false) {
                continue;
            }
            let promise =
                relation == Relation::PledgedAidTo && self.triggers.promise_ok.contains(w);
            let real_to = w == "to" && k > 0 && self.triggers.to_ok.contains(self.words[k - 1]);
            if !promise && !real_to && self.triggers.hypothetical.contains(w) {
                return true;
            }
        }
        self.denied_clause(ts)
    }

    /// "Russian officials denied that it was sending military support": the clause a denial
    /// governs states no fact.
    fn denied_clause(&self, ts: usize) -> bool {
        let Some(that) = (ts.saturating_sub(12)..ts)
            .rev()
            .find(|&k| self.words[k] == "that")
        else {
            return false;
        };
        (that.saturating_sub(3)..that).any(|k| {
            matches!(
                self.words[k],
                "denied" | "denies" | "deny" | "denying" | "dismissed" | "rejected" | "disputed"
            )
        })
    }

    /// "urging member countries to financially cut ties with Pyongyang": the trigger's "to"
    /// clause belongs to a verb asking someone else to act.
    pub(super) fn requested(&self, ts: usize) -> bool {
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
    pub(super) fn coordinated_modal(&self, ts: usize) -> bool {
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
    pub(super) fn passive(&self, ts: usize) -> bool {
        // "was meeting Putin" is progressive, not passive.
        if self.words[ts].ends_with("ing") {
            return false;
        }
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
    pub(super) fn negated(&self, ts: usize) -> bool {
        (ts.saturating_sub(3)..ts)
            .rev()
            .take_while(|&k| self.actor_at(k).is_none() && !self.is_break(k))
            .any(|k| {
                let w = self.words[k];
                matches!(w, "not" | "n't" | "never" | "no") || w.ends_with("n't")
            })
    }
}
