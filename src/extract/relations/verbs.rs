//! Verb triggers: who did it to whom, active or passive, with weak verbs, branding and pronoun objects.

use super::*;

impl RelationReader<'_> {
    /// How many words of an office start at `k` ("prime minister", "envoy"), or 0.
    pub(super) fn office_len(&self, k: usize) -> usize {
        let (one, two) = (self.word(k), self.word(k + 1));
        if self.capitalised(k).unwrap_or(false) {
            0
        } else if self.lex.is_role_noun_pair(one, two) {
            2
        } else {
            usize::from(self.lex.is_role_noun(one))
        }
    }

    /// A noun phrase that is no actor right after a verb: "met supporters' representatives",
    /// "met the press" (not "met the next day", "met hours later", "met privately").
    pub(super) fn plain_object(&self, k: usize) -> bool {
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
        if self.actor_at(k).is_some() || self.capitalised(k).unwrap_or(true) {
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

    pub(super) fn verb_arguments(&self, p: &Pattern, ts: usize, te: usize) -> Vec<(usize, usize)> {
        let form = p.form.as_str();
        // "meeting" is a verb only after a progressive or a lead: "was meeting Putin", "after
        // meeting Blair"; "at a meeting Trump said" is the noun.
        if form == "meeting" {
            // Past adverbs: "is currently meeting with".
            let before = (0..ts).rev().find(|&k| !self.words[k].ends_with("ly"));
            let verb = before.is_some_and(|k| {
                GERUND_LEADS.contains(&self.words[k])
                    || matches!(self.words[k], "was" | "is" | "were" | "are" | "been")
            });
            if !verb {
                return Vec::new();
            }
        }
        let blame = self.triggers.blame.contains(form);
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
        // "The United States and Russia accused each other": both ways, when both are named
        // here (not "both sides", whoever "they" were).
        let named_here = subjects.iter().all(|s| {
            self.actors
                .iter()
                .any(|a| a.entity == *s && a.end_token <= ts)
        });
        if p.relation == Relation::Condemned
            && subjects.len() >= 2
            && named_here
            && self.each_other(te)
        {
            return pairs(&subjects)
                .into_iter()
                .flat_map(|(a, b)| [(a, b), (b, a)])
                .collect();
        }
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
                self.refusal_targets(form, te)
            }
            _ if self.triggers.weak.contains(form) => {
                // The object must stand right after the verb; a modifier ("Japanese Prime
                // Minister ...") leads to its head.
                // "meeting with Salman": the object after "with".
                let with = usize::from(form == "meeting" && self.word(te) == "with");
                let mut k = self.skip_determiners(te + with);
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
                            // "after meeting Blair he had been left ...": a new clause.
                            && !matches!(next, "he" | "she" | "they" | "we" | "i" | "it" | "who")
                            && !self.capitalised(a.end_token).unwrap_or(false)
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
                if !objects.is_empty() {
                    objects
                } else if p.relation == Relation::Condemned {
                    let included = self.included_objects(te, p.relation);
                    if included.is_empty() {
                        self.owned_object(te, &subjects)
                    } else {
                        included
                    }
                } else if p.relation == Relation::MetWith {
                    self.included_objects(te, p.relation)
                } else {
                    objects
                }
            }
        };
        cross(&subjects, &objects)
    }

    /// The subject of the main clause after a fronted phrase: the first acting actor right
    /// after a comma that is not itself followed by a comma (an apposition's list).
    pub(super) fn fronted_target(&self, from: usize) -> Vec<usize> {
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
    pub(super) fn owned_object(&self, te: usize, subjects: &[usize]) -> Vec<usize> {
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
    pub(super) fn included_objects(&self, te: usize, relation: Relation) -> Vec<usize> {
        let limit = (te + 14).min(self.words.len());
        let Some(comma) = (te..limit)
            .take_while(|&k| self.actor_at(k).is_none() && !self.is_break(k))
            .find(|&k| self.words[k] == ",")
        else {
            return Vec::new();
        };
        match self.word(comma + 1) {
            "including" | "especially" | "notably" | "particularly" => {
                self.objects(comma + 2, relation)
            }
            "such" if self.word(comma + 2) == "as" => self.objects(comma + 3, relation),
            _ => Vec::new(),
        }
    }

    /// "Maduro has called Donald Trump's government a gang of extremists": the first actor
    /// after the verb, when a negative word follows it closely.
    pub(super) fn branding_arguments(&self, ts: usize, te: usize) -> Vec<(usize, usize)> {
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
}
