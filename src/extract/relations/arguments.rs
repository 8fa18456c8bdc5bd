//! Arguments of a trigger: the subjects before it, the objects after it, and the mentions
//! joined to them by coordination, relative clauses and pronouns.

use super::{
    Actor, CONDEMN_BLOCKERS, DATE_LEADS, DETERMINERS, GERUND_LEADS, GOVERNING, MET_BLOCKERS,
    OTHERS, PASSIVE_AUX, RelationReader,
};
use crate::model::Relation;

/// Words before an "-ing" verb that are no noun heading it: "and condemning", "kept meeting".
const NOT_NOUNS: &[&str] = &[
    "am",
    "and",
    "or",
    "but",
    "also",
    "still",
    "now",
    "then",
    "not",
    "while",
    "when",
    "after",
    "before",
    "by",
    "of",
    "for",
    "in",
    "on",
    "at",
    "from",
    "with",
    "without",
    "since",
    "upon",
    "during",
    "following",
    "keep",
    "keeps",
    "kept",
    "started",
    "start",
    "began",
    "begin",
    "stop",
    "stopped",
    "continued",
    "continue",
    "continues",
    "avoid",
    "avoided",
    "all",
    "both",
    "each",
    "who",
    "which",
    "that",
    "he",
    "she",
    "they",
    "we",
    "i",
    "you",
    "it",
    "even",
    "just",
    "again",
    "today",
    "yesterday",
    "has",
    "have",
    "had",
];
/// Relatives, who stand in for the person they belong to: "spoke with the parents of X".
const KIN: &[&str] = &[
    "parents",
    "family",
    "families",
    "wife",
    "husband",
    "son",
    "sons",
    "daughter",
    "daughters",
    "relatives",
    "mother",
    "father",
    "widow",
    "brother",
    "sister",
    "children",
    "friends",
    "friend",
];
/// Things that speak for their author: "a statement condemning Iran" is the author's act.
/// What is done to a person: the person named before it is its victim.
const VICTIM_NOUNS: &[&str] = &[
    "killing",
    "killings",
    "murder",
    "death",
    "assassination",
    "beheading",
    "execution",
    "kidnapping",
    "abduction",
    "arrest",
    "detention",
    "imprisonment",
    "jailing",
    "poisoning",
    "shooting",
    "torture",
];
const REPORT_NOUNS: &[&str] = &[
    "statement",
    "statements",
    "resolution",
    "resolutions",
    "letter",
    "communique",
    "declaration",
    "speech",
    "tweet",
    "tweets",
    "remarks",
    "comments",
    "message",
    "video",
    "interview",
    "address",
    "post",
    "note",
    "editorial",
    "memo",
    "report",
    "motion",
    "bill",
    "decree",
    "op-ed",
    "legislation",
    "measure",
    "amendment",
    "petition",
    "campaign",
    "ad",
];

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
    fn quote_speaker(&self, k: usize) -> Option<usize> {
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
    fn in_subject_position(&self, first: usize) -> bool {
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
            || self.capitalised.get(j - 1).copied().unwrap_or(false)
            || self.actor_at(j - 1).is_some()
    }

    /// Is the word before `ts` an ordinary noun, the head of a reduced relative clause?
    pub(super) fn after_plain_noun(&self, ts: usize) -> bool {
        let prev = self.words[ts - 1];
        self.actor_at(ts - 1).is_none()
            && !self.capitalised.get(ts - 1).copied().unwrap_or(false)
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
    fn apposition_start(&self, close: usize) -> Option<usize> {
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

    /// Is the word at `k` a lowercase noun that the name before it modifies ("Iran nuclear
    /// deal"), rather than a verb or function word?
    fn modifies_noun(&self, k: usize) -> bool {
        let w = self.word(k);
        !w.is_empty()
            && w.bytes().all(|b| b.is_ascii_lowercase())
            && !self.capitalised.get(k).copied().unwrap_or(false)
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

    /// "Britain, France and Germany, meeting in a Security Council briefing, condemned": the
    /// comma opening a participle phrase closed by the comma at `close`, after an actor.
    fn participle_phrase_start(&self, close: usize) -> Option<usize> {
        let from = close.saturating_sub(20);
        let open = (from..close).rev().find(|&j| self.words[j] == ",")?;
        let participle = self.word(open + 1).ends_with("ing");
        let after_actor = open > 0
            && self
                .actor_at(open - 1)
                .is_some_and(|a| a.acts && a.end_token == open);
        (participle && after_actor).then_some(open)
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
            if self.is_break(j) {
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
                && !self.capitalised.get(k).copied().unwrap_or(false)
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
        self.capitalised.get(k).copied().unwrap_or(false) && self.actor_at(k).is_none()
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
