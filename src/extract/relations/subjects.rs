//! Who acts: the subject before a trigger, across appositions, relative and participle clauses, quotations and pronouns.

use super::*;

impl RelationReader<'_> {
    /// The person "he"/"she" at `k` stands for: the first acting person earlier in the
    /// sentence, else the salient person of the previous sentences.
    pub(super) fn pronoun(&self, k: usize) -> Option<usize> {
        // "“Bernie is winning,” Trump said during his visit": not a person quoted.
        self.actors
            .iter()
            .find(|a| a.person && a.acts && a.end_token <= k && !self.quoted(a.first_token))
            .map(|a| a.entity)
            .or(self.last_person)
    }

    /// The named speaker of the quotation around token `k`: "“...,” X said", "“...,” said X"
    /// or "X said: “...”".
    pub(super) fn quote_speaker(&self, k: usize) -> Option<usize> {
        // "‘I won't talk to them,’" inside a quotation is someone else's words.
        let nested = self.words[..k]
            .iter()
            .rev()
            .take_while(|w| !matches!(**w, "“" | "\""))
            .fold(0i32, |depth, w| match *w {
                "‘" => depth + 1,
                "’" => depth - 1,
                _ => depth,
            })
            > 0;
        if !self.quoted(k) || nested {
            return None;
        }
        let is_quote = |j: usize| matches!(self.words[j], "”" | "\"" | "“");
        let speech = |j: usize| {
            self.lex
                .shapes
                .speech_verbs
                .iter()
                .any(|v| v == self.word(j))
        };
        let acting = |j: usize| self.actor_at(j).filter(|a| a.acts && a.first_token == j);
        if let Some(close) = (k + 1..self.words.len()).find(|&j| is_quote(j)) {
            let mut j = close + 1;
            if self.word(j) == "," {
                j += 1;
            }
            if let Some(a) = acting(j).filter(|a| speech(a.end_token)) {
                return Some(a.entity);
            }
            if speech(j)
                && let Some(a) = acting(self.skip_determiners(j + 1))
            {
                return Some(a.entity);
            }
        }
        let open = (0..k).rev().find(|&j| is_quote(j))?;
        let mut j = open;
        while j > 0 && matches!(self.words[j - 1], ":" | ",") {
            j -= 1;
        }
        if j > 0 && speech(j - 1) {
            return self
                .actors
                .iter()
                .rev()
                .find(|a| a.acts && a.end_token == j - 1)
                .map(|a| a.entity);
        }
        None
    }

    /// The person a possessive "his"/"her" at `k` stands for: the nearest person named before
    /// it ("commended the Prime Minister for his visits"); in a phrase opening the sentence, the
    /// subject after its comma ("Concluding his trip to Israel, President Obama said"); else
    /// the salient person.
    pub(super) fn owner_pronoun(&self, k: usize) -> Option<usize> {
        let named_before = self
            .actors
            .iter()
            .rev()
            .find(|a| a.person && a.end_token <= k && !self.quoted(a.first_token));
        let subject_after = || {
            let comma = (k + 1..self.words.len().min(k + 20)).find(|&j| self.words[j] == ",")?;
            self.actors
                .iter()
                .find(|a| a.person && a.first_token > comma && a.first_token <= comma + 2)
        };
        named_before
            .or_else(subject_after)
            .map(|a| a.entity)
            .or(self.last_person)
    }

    /// Is token `k` inside a quotation?
    pub(super) fn quoted(&self, k: usize) -> bool {
        let mut open = false;
        for w in &self.words[..k.min(self.words.len())] {
            match *w {
                "“" => open = true,
                "”" => open = false,
                "\"" => open = !open,
                _ => {}
            }
        }
        open
    }

    /// Subjects before token `ts`: the nearest acting mention in the clause and those
    /// coordinated with it; through a relative "who"/"which" to the noun it refers to; or the
    /// person a "he"/"she" stands for.
    pub(super) fn subjects(&self, ts: usize) -> Vec<usize> {
        let ing = self.words[ts].ends_with("ing");
        // "said after meeting", "said in a statement accusing": the speaker's participle.
        let gerund = ing
            && ts > 0
            && (GERUND_LEADS.contains(&self.words[ts - 1])
                || REPORT_NOUNS.contains(&self.words[ts - 1]));
        // "He went through the motions of a visit, greeting staff at the U.S. embassy, holding
        // talks with X": a chain of participles after commas shares the main clause's subject.
        if ing && !gerund && ts > 0 && self.words[ts - 1] == "," {
            let mut start = ts - 1;
            while let Some(c) = (start.saturating_sub(15)..start)
                .rev()
                .take_while(|&j| !self.is_break(j))
                .find(|&j| self.words[j] == ",")
                .filter(|&c| self.word(c + 1).ends_with("ing"))
            {
                start = c;
            }
            if start < ts - 1 {
                return self.subjects_from(start, false, ing);
            }
        }
        self.subjects_from(if gerund { ts - 1 } else { ts }, gerund, ing)
    }

    /// The subject leftwards of token `k`. `lead`: `k` is a word like "after" that leads a
    /// phrase whose subject is the main clause's ("said after meeting", "after talks with").
    /// `ing`: the trigger is a participle.
    pub(super) fn subjects_from(&self, mut k: usize, lead: bool, ing: bool) -> Vec<usize> {
        let gerund = lead;
        // "Sen. Godoy, who chairs the Argentine Congress' committee, accused Obama": the
        // subject stands before the relative clause that the comma closes.
        if k > 0 && self.words[k - 1] == "," {
            let from = k.saturating_sub(25);
            if let Some(open) = (from..k - 1)
                .rev()
                .find(|&j| self.words[j] == "," && matches!(self.word(j + 1), "who" | "which"))
            {
                k = open;
            } else if let Some(open) = self.apposition_start(k - 1) {
                k = open;
            } else if let Some(open) = self.participle_phrase_start(k - 1) {
                k = open;
            }
        }
        let mut crossed_speech = false;
        // "Merkel met May and later criticized her": after a coordinating "and", the actor
        // before it may be the first verb's object; the subject is the first verb's.
        let second_verb = (k.saturating_sub(3)..k)
            .rev()
            .take_while(|&j| {
                self.words[j].ends_with("ly")
                    || matches!(self.words[j], "and" | "later" | "then" | "also")
            })
            .any(|j| self.words[j] == "and");
        while k > 0 {
            k -= 1;
            let w = self.words[k];
            // "Putin accused Canada of playing games and derided Browder": with a second verb,
            // names after a verb or preposition are the first verb's objects.
            if second_verb
                && let Some(a) = self.actor_at(k)
                && !self.in_subject_position(a.first_token)
            {
                k = a.first_token;
                continue;
            }
            if matches!(w, "who" | "which") {
                return self.relative_antecedent(k);
            }
            // "... sanctions against Venezuelan officials as it accused Mr. Maduro": a
            // subordinate "as" starts a new clause.
            // "blasted the inquiry as a witch hunt" is a complement, not a clause.
            let complement = matches!(self.word(k + 1), "a" | "an" | "the" | "its" | "his" | "her")
                && k > 0
                && self.words[k - 1] != ",";
            if w == "as" && !complement {
                break;
            }
            // "isolated, with the other 14 members all condemning Mr Trump's declaration": the
            // gerund's subject follows "with".
            if w == "with" && ing {
                break;
            }
            if self.is_break(k) {
                // "Pence said after meeting with ...": the gerund's subject is the speaker.
                if gerund && !crossed_speech && self.lex.shapes.speech_verbs.iter().any(|s| s == w)
                {
                    crossed_speech = true;
                    continue;
                }
                break;
            }
            if let Some(a) = self.actor_at(k) {
                // "called Donald Trump's government a gang": a possessive before an ordinary
                // noun belongs to that noun phrase, not the subject slot.
                if !a.acts || self.possessive_of_thing(a) {
                    continue;
                }
                // Inside parentheses, or an object of a preposition: not a subject.
                let before = if a.first_token > 0 {
                    self.words[a.first_token - 1]
                } else {
                    ""
                };
                // "Members of Congress accused": the body its members act for.
                let members = before == "of"
                    && matches!(
                        self.word(a.first_token.wrapping_sub(2)),
                        "members" | "member" | "lawmakers" | "senators" | "leaders" | "officials"
                    );
                if !members
                    && matches!(
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
                            | "with"
                            | "to"
                            | "for"
                            | "by"
                            | "toward"
                            | "towards"
                            | "than"
                            | "under"
                    )
                {
                    k = a.first_token;
                    continue;
                }
                return self.coordinated_left(a.first_token);
            }
            if matches!(w, "he" | "she") {
                return self.pronoun(k).into_iter().collect();
            }
            // "The United States has made clear that it blames Assad": the state or body named
            // last before "it" as a subject (not "in Syria", not "with South Korea").
            if w == "it" {
                return self
                    .actors
                    .iter()
                    .rev()
                    .find(|a| {
                        !a.person
                            && a.acts
                            && a.end_token <= k
                            && !self.quoted(a.first_token)
                            && self.in_subject_position(a.first_token)
                            && self.word(a.first_token.wrapping_sub(1)) != "("
                    })
                    .map(|a| a.entity)
                    .into_iter()
                    .collect();
            }
            // "“I strongly condemn this decision,” Nadler said": the speaker of the quote.
            if matches!(w, "i" | "we") {
                return self.quote_speaker(k).into_iter().collect();
            }
            // "the two leaders", "both sides"; not "the officials", who are anyone.
            let group_noun = k > 0
                && match w {
                    "leaders" | "presidents" | "ministers" | "sides" => {
                        matches!(self.words[k - 1], "two" | "both" | "the")
                    }
                    "officials" => matches!(self.words[k - 1], "two" | "both"),
                    _ => false,
                };
            let leading_they = w == "they" && k == 0;
            if leading_they || group_noun {
                return self.last_group.to_vec();
            }
        }
        Vec::new()
    }

    /// Can a name starting at `first` be a clause's subject: at the start, after a comma,
    /// "and", an office or a capitalised word (perhaps across a determiner)?
    pub(super) fn in_subject_position(&self, first: usize) -> bool {
        let mut j = first;
        while j > 0 && matches!(self.words[j - 1], "the" | "a" | "an") {
            j -= 1;
        }
        if j == 0 {
            return true;
        }
        let before = self.words[j - 1];
        // "We, the Leaders of the G7, ... condemn": the body an office belongs to.
        let office_of = before == "of"
            && j >= 2
            && (self.lex.role_nouns.contains(self.words[j - 2])
                || self.words[j - 2]
                    .strip_suffix('s')
                    .is_some_and(|r| self.lex.role_nouns.contains(r)));
        office_of
            || matches!(before, "," | "and" | ";" | "\"" | "“" | "(" | ")")
            || self.lex.role_nouns.contains(before)
            || self.capitalised(j - 1).unwrap_or(false)
            || self.actor_at(j - 1).is_some()
    }

    /// Is the word before `ts` an ordinary noun, the head of a reduced relative clause?
    pub(super) fn after_plain_noun(&self, ts: usize) -> bool {
        let prev = self.words[ts - 1];
        self.actor_at(ts - 1).is_none()
            && !self.capitalised(ts - 1).unwrap_or(false)
            && prev.chars().all(|c| c.is_ascii_lowercase())
            && !prev.ends_with("ly")
            // "was recorded disparaging Netanyahu": a participle before, not a noun.
            && !prev.ends_with("ed")
            && !PASSIVE_AUX.contains(&prev)
            && !NOT_NOUNS.contains(&prev)
            && !REPORT_NOUNS.contains(&prev)
            // "spent hours lambasting the United States": time spent doing, not a noun acting.
            && !matches!(
                prev,
                "minutes" | "hours" | "days" | "weeks" | "months" | "years" | "time"
            )
            && (self.lex.is_english(prev)
                || prev
                    .strip_suffix('s')
                    .is_some_and(|singular| self.lex.is_english(singular)))
    }

    /// "Lakhdar Brahimi, the United Nations and Arab League peace envoy in Syria, met": the
    /// comma after a person's name that opens the apposition closed by the comma at `close`.
    pub(super) fn apposition_start(&self, close: usize) -> Option<usize> {
        let from = close.saturating_sub(20);
        let open = (from..close).rev().find(|&j| self.words[j] == ",")?;
        let opens_description = matches!(self.word(open + 1), "the" | "a" | "an")
            || self.lex.role_nouns.contains(self.word(open + 1));
        let named = open > 0
            && self
                .actor_at(open - 1)
                .is_some_and(|a| a.person && a.acts && a.end_token == open);
        (opens_description && named).then_some(open)
    }

    /// "Britain, France and Germany, meeting in a Security Council briefing, condemned": the
    /// comma opening a participle phrase closed by the comma at `close`, after an actor.
    pub(super) fn participle_phrase_start(&self, close: usize) -> Option<usize> {
        let from = close.saturating_sub(20);
        let open = (from..close).rev().find(|&j| self.words[j] == ",")?;
        let participle = self.word(open + 1).ends_with("ing");
        let after_actor = open > 0
            && self
                .actor_at(open - 1)
                .is_some_and(|a| a.acts && a.end_token == open);
        (participle && after_actor).then_some(open)
    }

    /// "Sadiq Khan, the London mayor who castigated ...": the acting mention the relative
    /// pronoun at `k` refers to, within a short apposition.
    pub(super) fn relative_antecedent(&self, k: usize) -> Vec<usize> {
        let from = k.saturating_sub(8);
        let mut j = k;
        while j > from {
            j -= 1;
            if let Some(a) = self.actor_at(j) {
                // "the United States and Russia, which accused each other": the whole list,
                // unless the verb is singular ("Juncker and Tusk, who is holding talks").
                if a.acts {
                    if matches!(self.word(k + 1), "is" | "was" | "has") {
                        return vec![a.entity];
                    }
                    return self.coordinated_left(a.first_token);
                }
                j = a.first_token;
                continue;
            }
            // "Pompeo – who is meeting Salman –": a dash may open the relative clause.
            let dash = j + 1 == k && matches!(self.words[j], "—" | "–");
            if self.is_break(j) && !dash {
                break;
            }
        }
        Vec::new()
    }

    /// Mentions joined to the one at `first` by "and" or commas, leftwards, plus it.
    pub(super) fn coordinated_left(&self, first: usize) -> Vec<usize> {
        let mut out = vec![self.actor_at(first).map(|a| a.entity).unwrap_or(0)];
        let mut k = first;
        while k > 0 {
            let mut j = k;
            let mut saw_separator = false;
            let mut saw_and = false;
            let mut steps = 0;
            // Walk back over separators and the capitalised title words of a list item.
            while j > 0 && steps < 12 {
                let w = self.words[j - 1];
                if matches!(w, "and" | ",") {
                    saw_separator = true;
                    saw_and |= w == "and";
                } else if !saw_separator
                    && (DETERMINERS.contains(&w)
                        || self.lex.role_nouns.contains(w)
                        || self.actor_at(j - 1).is_some_and(|a| !a.acts))
                {
                    // "Iran and the United States", "Trump and North Korean leader Kim": a
                    // determiner, an office or a modifier belongs to this item.
                } else if !(saw_separator
                    && self.actor_at(j - 1).is_none()
                    && self.is_title_word(j - 1))
                {
                    break;
                }
                j -= 1;
                steps += 1;
            }
            // The last item of a list follows "and"; a bare comma there ends an apposition.
            if !saw_separator || j == 0 || (out.len() == 1 && !saw_and) {
                break;
            }
            match self.actor_at(j - 1) {
                Some(a) if a.acts => {
                    out.push(a.entity);
                    k = a.first_token;
                }
                _ => break,
            }
        }
        out
    }
}
