//! Arguments of a trigger after it: the objects, offices and their holders, and the mentions
//! joined to them by coordination. (Subjects are in `subjects.rs`.)

use super::*;

impl RelationReader<'_> {
    /// The actor mention covering token `k`.
    pub(super) fn actor_at(&self, k: usize) -> Option<&Actor> {
        self.token_actor
            .get(k)
            .copied()
            .flatten()
            .map(|i| &self.actors[i])
    }

    pub(super) fn is_break(&self, k: usize) -> bool {
        self.triggers.clause_breaks.contains(self.words[k])
    }

    /// Is the word at `k` a lowercase noun that the name before it modifies ("Iran nuclear
    /// deal"), rather than a verb or function word?
    fn modifies_noun(&self, k: usize) -> bool {
        let w = self.word(k);
        !w.is_empty()
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && !self.capitalised(k).unwrap_or(false)
            && self.lex.is_english(w)
            && !w.ends_with("ed")
            && !PASSIVE_AUX.contains(&w)
            && !NOT_NOUNS.contains(&w)
            && !self.is_break(k)
            && !matches!(
                w,
                "and"
                    | "or"
                    | "has"
                    | "had"
                    | "have"
                    | "will"
                    | "would"
                    | "could"
                    | "to"
                    | "in"
                    | "on"
                    | "at"
                    | "for"
                    | "with"
                    | "of"
                    | "by"
                    | "from"
                    | "as"
                    | "over"
            )
    }

    /// The person an object "him"/"her" at `k` stands for: the nearest person named before,
    /// never the verb's own subject ("Sturgeon accused him").
    pub(super) fn object_pronoun(&self, k: usize, subjects: &[usize]) -> Option<usize> {
        if !matches!(self.word(k), "him" | "her") || self.word(k + 1) == "'s" {
            return None;
        }
        // "her" before a noun is a possessive determiner ("her visit"), not an object.
        if self.word(k) == "her"
            && self.words.get(k + 1).is_some_and(|w| {
                w.chars().all(|c| c.is_ascii_lowercase())
                    && self.lex.is_english(w)
                    && !NOT_NOUNS.contains(w)
            })
        {
            return None;
        }
        // Not a possessor: "a member of Trump's team, they blasted him" means the member.
        self.actors
            .iter()
            .rev()
            .find(|a| {
                a.person
                    && a.end_token <= k
                    && !self.quoted(a.first_token)
                    && self.word(a.end_token) != "'s"
                    && !subjects.contains(&a.entity)
            })
            .map(|a| a.entity)
            .or(self.last_person.filter(|p| !subjects.contains(p)))
    }

    /// Is this mention a possessive before an ordinary noun ("Ukraine's demands"), rather than
    /// before a government noun ("Iran's government") or nothing?
    pub(super) fn possessive_of_thing(&self, a: &Actor) -> bool {
        if self.word(a.end_token) != "'s" {
            return false;
        }
        let after = a.end_token + 1;
        // A modifier of a person ("Jordan's visiting King Abdullah II") is passed over anyway.
        if !a.acts || self.word(after).is_empty() || self.actor_at(after).is_some() {
            return false;
        }
        // A person's possessions are never the person acting: "Trump's government"; but his
        // office and spokesman speak for him.
        if a.person {
            return !matches!(
                self.word(after),
                "office" | "spokesman" | "spokeswoman" | "spokesperson"
            );
        }
        // "Iran's government", "Romania's new government": the state acting through its organs.
        let gov = &self.lex.shapes.government_nouns;
        let governs = (after..after + 3).any(|k| {
            let two = format!("{} {}", self.word(k), self.word(k + 1));
            gov.iter().any(|g| g == self.word(k) || *g == two)
        });
        !governs
    }

    /// Capitalised or connecting words inside a long title ("Chairman of the Joint Chiefs of Staff").
    pub(super) fn is_title_word(&self, k: usize) -> bool {
        matches!(self.words[k], "of" | "the" | "for" | "gen" | ".")
    }

    pub(super) fn skip_determiners(&self, mut k: usize) -> usize {
        while k < self.words.len()
            && DETERMINERS.contains(&self.words[k])
            && self.actor_at(k).is_none()
        {
            k += 1;
        }
        k
    }

    /// Objects after a trigger: the first acting mention (within a few words, before any
    /// preposition that leads elsewhere) and those coordinated with it.
    pub(super) fn objects(&self, te: usize, relation: Relation) -> Vec<usize> {
        self.objects_from(te, relation, false)
    }

    /// As [`Self::objects`]; with `modifiers`, a state named as an adjective also counts
    /// ("condemned the Russian invasion": an act of Russia's).
    pub(super) fn objects_from(
        &self,
        te: usize,
        relation: Relation,
        modifiers: bool,
    ) -> Vec<usize> {
        let mut budget = 8;
        let blockers: &[&str] = match relation {
            Relation::Condemned => CONDEMN_BLOCKERS,
            Relation::MetWith | Relation::RefusedToCoordinateWith => MET_BLOCKERS,
            _ => &[],
        };
        // "describing him as a tyrant": the person named last before the pronoun.
        if let Some(person) = self.object_pronoun(te, &[]) {
            return vec![person];
        }
        let mut k = te;
        // After an office ("met the Russian ambassador to the United States"), the object is
        // its holder: a state after "to" is where the office is held, not the object.
        let mut office = false;
        while k < self.words.len() && budget > 0 {
            if self.is_break(k) {
                return Vec::new();
            }
            // "the chancellor and the Tories": a new list item ends the office's phrase.
            if office && matches!(self.words[k], "and" | "or") {
                office = false;
            }
            if let Some(a) = self.actor_at(k).filter(|_| office) {
                // "Libyan dictator Muammar Gaddafi's son": the possessor is not the object.
                if self.word(a.end_token) == "'s" {
                    return Vec::new();
                }
                let prev = self.word(k.saturating_sub(1));
                let of_state = (prev == "of"
                    || (prev == "the" && self.word(k.saturating_sub(2)) == "of"))
                    && !a.person;
                // "the parents of Otto Warmbier": the person after "of" holds no office here.
                let holder = a.person && prev != "of";
                if holder || of_state {
                    return self.coordinated(a.first_token);
                }
                if !a.person && matches!(prev, "to" | "the") {
                    k = a.end_token;
                    continue;
                }
                return Vec::new();
            }
            if self.actor_at(k).is_none()
                && !self.capitalised(k).unwrap_or(false)
                && (self.lex.role_nouns.contains(self.words[k]) || KIN.contains(&self.words[k]))
            {
                office = true;
            }
            // "blamed the government of President Bashar al-Assad": who governs is the object.
            if GOVERNING.contains(&self.words[k])
                && self.word(k + 1) == "of"
                && let Some(a) = self.actor_at(k + 2).filter(|a| a.acts)
            {
                return self.coordinated(a.first_token);
            }
            if office
                && self.words[k] == ","
                && self.actor_at(k + 1).is_some_and(|a| a.person && a.acts)
            {
                return self.coordinated(k + 1);
            }
            if let Some(a) = self.actor_at(k) {
                // "would not meet Ukraine's demands": a meeting is with actors, not their things.
                // "condemned Russia's allies": others, named by their relation to the actor.
                let others =
                    self.word(a.end_token) == "'s" && OTHERS.contains(&self.word(a.end_token + 1));
                // "traveled to the G-20 summit": a body naming an event is its venue.
                let venue = relation == Relation::MetWith
                    && a.organization
                    && matches!(
                        self.word(a.end_token),
                        "summit" | "summits" | "conference" | "session" | "gathering" | "forum"
                    );
                let thing = others
                    || venue
                    || relation != Relation::Condemned && self.possessive_of_thing(a);
                if thing {
                    return Vec::new();
                }
                // "travelled to Idi Amin's Uganda": the possessor qualifies the state named next.
                // ("Obama's Iran nuclear deal": a state modifying a noun is no object.)
                if self.word(a.end_token) == "'s"
                    && self
                        .actor_at(a.end_token + 1)
                        .is_some_and(|b| !b.person && !self.modifies_noun(b.end_token))
                {
                    k = a.end_token + 1;
                    continue;
                }
                // "condemned the Gourdel killing": a person before what was done to him is the
                // victim, not the one condemned.
                if relation == Relation::Condemned
                    && a.person
                    && VICTIM_NOUNS.contains(&self.word(a.end_token))
                {
                    return Vec::new();
                }
                if a.acts {
                    return self.coordinated(a.first_token);
                }
                // "the Russian invasion" is Russia's act; "his American predecessors" are
                // persons, not the state.
                let owned = a.first_token > 0
                    && matches!(
                        self.words[a.first_token - 1],
                        "his" | "her" | "their" | "my" | "our"
                    );
                if modifiers
                    && relation == Relation::Condemned
                    && !owned
                    && !self.actor_at(a.end_token).is_some_and(|b| b.person)
                {
                    return vec![a.entity];
                }
                k = a.end_token;
                continue;
            }
            let w = self.words[k];
            // A comma, quote or dash before any object ends the phrase the trigger governs.
            if matches!(w, "," | "\"" | "”" | "“" | "—" | "–" | "(") {
                return Vec::new();
            }
            // "condemn in the strongest terms Iran's attack": a manner phrase, not a place.
            if w == "in"
                && let Some(t) =
                    (k + 1..(k + 5).min(self.words.len())).find(|&j| self.words[j] == "terms")
            {
                k = t + 1;
                continue;
            }
            if DATE_LEADS.contains(&w) && self.words.get(k + 1).is_some_and(|n| is_date_word(n)) {
                k += 2;
                continue;
            }
            // "the ambassador to the United States": the office's complement, read above.
            if blockers.contains(&w) && !(modifiers && w == "on") && !(office && w == "to") {
                return Vec::new();
            }
            k += 1;
            budget -= 1;
        }
        Vec::new()
    }

    /// The mention at `first` and those joined to it by commas and "and", rightwards; list
    /// items may carry long titles and modifiers before their person.
    pub(super) fn coordinated(&self, first: usize) -> Vec<usize> {
        let Some(a) = self.actor_at(first) else {
            return Vec::new();
        };
        let mut out = vec![a.entity];
        let mut k = a.end_token;
        let mut saw_and = false;
        loop {
            let mut j = k;
            let mut saw_separator = false;
            while j < self.words.len() && matches!(self.words[j], "and" | "," | "as" | "well") {
                saw_separator = true;
                saw_and |= self.words[j] == "and";
                j += 1;
            }
            if !saw_separator {
                break;
            }
            // Skip titles, connectors and modifiers to the item's head, a few words at most.
            let mut steps = 0;
            let mut next: Option<&Actor> = None;
            while j < self.words.len() && steps < 12 {
                match self.actor_at(j) {
                    Some(b) if b.acts => {
                        next = Some(b);
                        break;
                    }
                    Some(b) => j = b.end_token,
                    // "Trump and North Korean leader Kim": a lowercase office too.
                    None if self.is_title_word(j)
                        || DETERMINERS.contains(&self.words[j])
                        || self.lex.role_nouns.contains(self.words[j])
                        || self.is_capitalised_gap(j) =>
                    {
                        j += 1
                    }
                    None => break,
                }
                steps += 1;
            }
            match next {
                Some(b) => {
                    out.push(b.entity);
                    k = b.end_token;
                }
                None => break,
            }
        }
        // A list ends in "and": commas alone join an apposition or a new clause, not items.
        if !saw_and {
            out.truncate(1);
        }
        out
    }

    /// A word that is neither an actor nor lowercase prose: part of a title ("Commander-in-Chief").
    pub(super) fn is_capitalised_gap(&self, k: usize) -> bool {
        self.capitalised(k).unwrap_or(false) && self.actor_at(k).is_none()
    }
}

fn is_date_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "week"
            | "month"
            | "year"
            | "night"
            | "morning"
            | "evening"
            | "afternoon"
            | "weekend"
            | "today"
            | "yesterday"
            | "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
    )
}
