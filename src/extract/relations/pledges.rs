//! Pledges of aid (who receives what from whom) and refusals to cooperate.

use super::*;

impl RelationReader<'_> {
    pub(super) fn cooperation_at(&self, te: usize) -> Option<usize> {
        let limit = (te + 5).min(self.words.len());
        (te..limit).find(|&k| self.triggers.cooperation.contains(self.words[k]))
    }

    pub(super) fn each_other(&self, te: usize) -> bool {
        (te..(te + 4).min(self.words.len().saturating_sub(1)))
            .any(|k| self.words[k] == "each" && self.words[k + 1] == "other")
    }

    /// Pledge targets: after "to"/"for" once an aid word appeared, or right after the verb
    /// ("provide Baghdad with aid").
    pub(super) fn aid_targets(&self, te: usize) -> Vec<usize> {
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
        // "gave Iran billions of dollars in sanctions relief": money that is no aid.
        let eased =
            (te..limit).any(|k| self.words[k] == "relief" && self.words[k - 1] == "sanctions");
        if aid_seen && !eased {
            direct
        } else {
            Vec::new()
        }
    }

    /// "pledged to help Ukraine", "committed to helping the people of Iraq": the one helped.
    pub(super) fn helped(&self, te: usize) -> Vec<usize> {
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
    pub(super) fn recipient_at(&self, te: usize) -> Vec<usize> {
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

    pub(super) fn aid_word_at(&self, k: usize) -> bool {
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
    pub(super) fn phrase_at(&self, phrases: &Phrases, k: usize) -> bool {
        let rest = self.words.get(k..).unwrap_or_default();
        phrases.starts(rest)
    }

    pub(super) fn refusal_targets(&self, form: &str, te: usize) -> Vec<usize> {
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
}
