//! Lexicon: the data files in `data/lexicon/` (actors, titles, triggers, name shapes), compiled
//! into lookup tables. The code holds no list of names: users add actors and trigger words by
//! editing these files or passing `--lexicon FILE`.

use super::matcher::Matcher;
use super::wordset::{LowerSet, WordSet, contains_lowercase, with_lowercase};
use crate::model::{EntityType, Relation};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Deserialize;
use std::path::Path;

/// How a surface form names its actor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormKind {
    /// The actor's name or an alias ("United States", "U.S.").
    Name,
    /// An adjective or people noun ("French", "Iraqis"): a state mention when it acts.
    Demonym,
    /// A capital standing for its government ("Baghdad"): a state only when it acts.
    Capital,
}

/// One actor the lexicon knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// Canonical name.
    pub name: String,
    /// Its type.
    pub entity_type: EntityType,
    /// For a person: the office ("President").
    pub title: Option<String>,
    /// The state or organization an actor belongs to (a government body's state, a leader's country).
    pub affiliation: Option<String>,
    /// A news organization (`kind = "media"`): speaking to it is no meeting.
    pub media: bool,
}

/// A form's meaning: which actor, how named, and whether the form is often something else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Form {
    /// Index into [`Lexicon::actors`].
    pub actor: usize,
    /// How the form names the actor.
    pub kind: FormKind,
    /// The form is often an ordinary word or another thing ("Jordan", "Turkey").
    pub ambiguous: bool,
}

/// Trigger words of one relation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct TriggerSet {
    /// Active verb forms.
    pub verbs: Vec<String>,
    /// Nominal forms.
    pub nouns: Vec<String>,
    /// Forms that relate coordinated subjects with no object.
    pub reciprocal: Vec<String>,
    /// Nouns that relate a group through "their": "Trump and Kim arrived for their summit".
    pub group_nouns: Vec<String>,
    /// Visit words (met-with).
    pub visit_verbs: Vec<String>,
    /// Verbs that need an actor right after them (condemned).
    pub weak: Vec<String>,
    /// Aid words that make a giving verb a pledge (pledged-aid-to).
    pub aid_nouns: Vec<String>,
    /// Cooperation words a refusal must govern (refused-to-coordinate-with).
    pub cooperation_nouns: Vec<String>,
    /// Verbs that refuse by themselves (refused-to-coordinate-with).
    pub direct: Vec<String>,
    /// Verbs whose target follows "on" (condemned: "blamed the attack on Iran").
    pub blame: Vec<String>,
    /// Verbs of naming that condemn when a negative word follows ("called X a mistake").
    pub branding: Vec<String>,
    /// Negative words for branding verbs.
    pub negative_words: Vec<String>,
}

/// Words that make a trigger negated or hypothetical.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Modality {
    /// "may", "could", "plans to".
    pub hypothetical: Vec<String>,
    /// "not", "never".
    pub negation: Vec<String>,
    /// Words that keep a pledge a pledge even though they look hypothetical ("will").
    pub promise_ok: Vec<String>,
    /// Verbs after which "to" keeps a fact real ("continues to hold talks").
    pub to_ok: Vec<String>,
    /// Verbs that ask someone else to act: "urging member countries to cut ties".
    pub requests: Vec<String>,
    /// Words allowed inside a trigger phrase ("held a joint call with").
    pub fillers: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TriggersFile {
    #[serde(rename = "met-with")]
    met_with: TriggerSet,
    condemned: TriggerSet,
    #[serde(rename = "pledged-aid-to")]
    pledged_aid_to: TriggerSet,
    #[serde(rename = "refused-to-coordinate-with")]
    refused: TriggerSet,
    modality: Modality,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct ActorsFile {
    state: Vec<StateEntry>,
    organization: Vec<OrgEntry>,
    person: Vec<PersonEntry>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct StateEntry {
    name: String,
    aliases: Vec<String>,
    demonyms: Vec<String>,
    capitals: Vec<String>,
    ambiguous_aliases: Vec<String>,
    /// Longer names that contain a form but are not the state ("New Mexico", "American Samoa").
    not_within: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct OrgEntry {
    name: String,
    aliases: Vec<String>,
    state: Option<String>,
    ambiguous_aliases: Vec<String>,
    kind: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct PersonEntry {
    name: String,
    aliases: Vec<String>,
    title: Option<String>,
    affiliation: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
struct TitlesFile {
    before_name: Vec<String>,
    role_nouns: Vec<String>,
    suffixes: Vec<String>,
}

/// Name shapes and closed word classes (`shapes.toml`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct Shapes {
    /// Last or first words that make a capitalised run an organization ("Ministry", "Party").
    pub org_heads: Vec<String>,
    /// Lowercase words allowed inside an organization name ("of", "for", "and").
    pub org_connectors: Vec<String>,
    /// Lowercase particles inside person names ("al", "bin", "de", "van").
    pub name_particles: Vec<String>,
    /// Capitalised words that are never names by themselves (sentence openers, days, months).
    pub common_words: Vec<String>,
    /// Places that are not actors (US states, regions, cities): never entities.
    pub places: Vec<String>,
    /// Capitalised phrases that are not actors ("Meet the Press", "Oval Office").
    pub non_entities: Vec<String>,
    /// Nouns after a demonym that make it the state acting ("Iranian government").
    pub government_nouns: Vec<String>,
    /// Words that end the search for a subject or object.
    pub clause_breaks: Vec<String>,
    /// Verbs of saying: "X said" makes X a person when unknown.
    pub speech_verbs: Vec<String>,
    /// Prepositions that make a capital a place ("in Paris").
    pub locative_prepositions: Vec<String>,
    /// Last words that make a capitalised run a place ("Shandong Province").
    pub place_heads: Vec<String>,
    /// Function words that open sentences and headlines, never part of a name.
    pub openers: Vec<String>,
    /// Lowercase portfolios of a state's ministry: "China's defence ministry".
    pub ministry_portfolios: Vec<String>,
}

/// Everything the extractor knows, compiled for matching.
#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Known actors.
    pub actors: Vec<Actor>,
    /// Surface form -> meaning (case-sensitive).
    pub forms: HashMap<String, Form>,
    /// Titles written before names, longest first when matched.
    pub titles: HashSet<String>,
    /// Role nouns, lowercase.
    pub role_nouns: WordSet,
    /// Name suffixes ("Jr.").
    pub suffixes: WordSet,
    /// Given names, for person shapes.
    pub given_names: WordSet,
    /// Word classes.
    pub shapes: Shapes,
    /// Trigger sets by relation.
    pub triggers: Vec<(Relation, TriggerSet)>,
    /// Modality words.
    pub modality: Modality,
    /// All forms, titles and places, for one pass over the text.
    pub(crate) matcher: Matcher,
    /// Pattern index -> the form or title it matches.
    pub(crate) patterns: Vec<String>,
    /// Pattern index -> what the pattern is, so hits need no string lookups.
    pub(crate) pattern_info: Vec<PatternInfo>,
    /// Closed word classes of `shapes`, as sets: asked of many words per sentence.
    pub(crate) particles: WordSet,
    pub(crate) connectors: WordSet,
    pub(crate) speech_verbs: WordSet,
    pub(crate) government_nouns: WordSet,
    pub(crate) locatives: WordSet,
    org_heads: WordSet,
    common: WordSet,
    places: WordSet,
    place_heads: WordSet,
    openers: WordSet,
    english: LowerSet,
    /// First words of role nouns, lowercase.
    role_starts: LowerSet,
}

/// What a pattern of the matcher is: a title, a place, a form (or several of these).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PatternInfo {
    /// A title written before names.
    pub title: bool,
    /// A place or phrase that is never an actor.
    pub place: bool,
    /// The form's meaning.
    pub form: Option<Form>,
}

/// A lexicon file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}: {message}")]
pub struct LexiconError {
    /// The file.
    pub path: String,
    /// What is wrong, with line and column when the parser gave them.
    pub message: String,
}

const STATES: &str = include_str!("../../data/lexicon/states.toml");
const ORGANIZATIONS: &str = include_str!("../../data/lexicon/organizations.toml");
const TITLES: &str = include_str!("../../data/lexicon/titles.toml");
const TRIGGERS: &str = include_str!("../../data/lexicon/triggers.toml");
const SHAPES: &str = include_str!("../../data/lexicon/shapes.toml");
const GIVEN_NAMES: &str = include_str!("../../data/lexicon/given-names.txt");
const ENGLISH_WORDS: &str = include_str!("../../data/lexicon/english-words.txt");

fn word_list(text: &str) -> impl Iterator<Item = String> + '_ {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
}

impl Lexicon {
    /// The lexicon built into the binary (the files in `data/lexicon/`).
    pub fn builtin() -> Lexicon {
        Self::build(&[]).expect("the built-in lexicon is valid (checked by tests)")
    }

    /// The built-in lexicon plus the user's files (TOML or JSON, the same schema as
    /// `states.toml`/`organizations.toml`, with `[[person]]` entries too, and trigger sections).
    pub fn with_files(paths: &[&Path]) -> Result<Lexicon, LexiconError> {
        let mut texts = Vec::new();
        for path in paths {
            let text = std::fs::read_to_string(path).map_err(|e| LexiconError {
                path: path.display().to_string(),
                message: e.to_string(),
            })?;
            texts.push((path.display().to_string(), text));
        }
        Self::build(&texts)
    }

    fn build(user: &[(String, String)]) -> Result<Lexicon, LexiconError> {
        let mut actors_files = vec![
            parse::<ActorsFile>("states.toml", STATES)?,
            parse::<ActorsFile>("organizations.toml", ORGANIZATIONS)?,
        ];
        let titles: TitlesFile = parse("titles.toml", TITLES)?;
        let mut triggers: TriggersFile = parse("triggers.toml", TRIGGERS)?;
        let shapes: Shapes = parse("shapes.toml", SHAPES)?;
        for (path, text) in user {
            actors_files.push(parse(path, text)?);
            let extra: TriggersFile = parse(path, text)?;
            extend_triggers(&mut triggers, extra);
        }
        let mut lex = Lexicon {
            actors: Vec::new(),
            forms: HashMap::default(),
            titles: titles.before_name.into_iter().collect(),
            role_nouns: titles.role_nouns.iter().map(|r| r.to_lowercase()).collect(),
            suffixes: titles.suffixes.into_iter().collect(),
            given_names: word_list(GIVEN_NAMES).collect(),
            particles: shapes.name_particles.iter().cloned().collect(),
            connectors: shapes.org_connectors.iter().cloned().collect(),
            speech_verbs: shapes.speech_verbs.iter().cloned().collect(),
            government_nouns: shapes.government_nouns.iter().cloned().collect(),
            locatives: shapes.locative_prepositions.iter().cloned().collect(),
            org_heads: shapes.org_heads.iter().cloned().collect(),
            common: shapes.common_words.iter().cloned().collect(),
            places: shapes
                .places
                .iter()
                .chain(&shapes.non_entities)
                .cloned()
                .collect(),
            place_heads: shapes.place_heads.iter().cloned().collect(),
            openers: shapes.openers.iter().cloned().collect(),
            english: word_list(ENGLISH_WORDS).collect(),
            role_starts: titles
                .role_nouns
                .iter()
                .filter_map(|r| r.split_whitespace().next())
                .map(str::to_lowercase)
                .collect(),
            shapes,
            triggers: vec![
                (Relation::MetWith, triggers.met_with),
                (Relation::Condemned, triggers.condemned),
                (Relation::PledgedAidTo, triggers.pledged_aid_to),
                (Relation::RefusedToCoordinateWith, triggers.refused),
            ],
            modality: triggers.modality,
            matcher: Matcher::new(&[]),
            patterns: Vec::new(),
            pattern_info: Vec::new(),
        };
        for file in actors_files {
            lex.add_actors(file);
        }
        lex.compile();
        Ok(lex)
    }

    fn add_actors(&mut self, file: ActorsFile) {
        let not_within = file.state.iter().flat_map(|s| s.not_within.iter().cloned());
        self.places.extend(not_within);
        for s in file.state {
            let actor = self.add_actor(&s.name, EntityType::State, None, None);
            let ambiguous: HashSet<&String> = s.ambiguous_aliases.iter().collect();
            self.add_form(&s.name, actor, FormKind::Name, ambiguous.contains(&s.name));
            for (list, kind) in [
                (&s.aliases, FormKind::Name),
                (&s.demonyms, FormKind::Demonym),
                (&s.capitals, FormKind::Capital),
            ] {
                for form in list {
                    self.add_form(form, actor, kind, ambiguous.contains(form));
                }
            }
        }
        for o in file.organization {
            let actor = self.add_actor(&o.name, EntityType::Organization, None, o.state.clone());
            self.actors[actor].media |= o.kind.as_deref() == Some("media");
            let ambiguous: HashSet<&String> = o.ambiguous_aliases.iter().collect();
            for form in std::iter::once(&o.name).chain(&o.aliases) {
                self.add_form(form, actor, FormKind::Name, ambiguous.contains(form));
            }
        }
        for p in file.person {
            let actor = self.add_actor(
                &p.name,
                EntityType::Person,
                p.title.clone(),
                p.affiliation.clone(),
            );
            for form in std::iter::once(&p.name).chain(&p.aliases) {
                self.add_form(form, actor, FormKind::Name, false);
            }
        }
    }

    fn add_actor(
        &mut self,
        name: &str,
        entity_type: EntityType,
        title: Option<String>,
        affiliation: Option<String>,
    ) -> usize {
        // A user entry with a known name extends that actor rather than making a second one.
        if let Some(i) = self
            .actors
            .iter()
            .position(|a| a.name == name && a.entity_type == entity_type)
        {
            return i;
        }
        self.actors.push(Actor {
            name: name.to_string(),
            entity_type,
            title,
            affiliation,
            media: false,
        });
        self.actors.len() - 1
    }

    fn add_form(&mut self, form: &str, actor: usize, kind: FormKind, ambiguous: bool) {
        let form = form.trim();
        if form.is_empty() {
            return;
        }
        // Only a single word can be mistaken for something else; a longer name is distinctive.
        let ambiguous = ambiguous && !form.contains(' ');
        // The first meaning of a form wins: states before organizations, built-in before user.
        for variant in with_curly_apostrophe(form) {
            self.forms.entry(variant).or_insert(Form {
                actor,
                kind,
                ambiguous,
            });
        }
    }

    fn compile(&mut self) {
        self.titles = self
            .titles
            .iter()
            .flat_map(|t| with_curly_apostrophe(t))
            .collect();
        self.places = self
            .places
            .iter()
            .flat_map(|p| with_curly_apostrophe(p))
            .collect();
        let mut patterns: Vec<String> = self.forms.keys().cloned().collect();
        patterns.extend(self.titles.iter().cloned());
        patterns.extend(self.places.iter().cloned());
        patterns.sort();
        patterns.dedup();
        self.matcher = Matcher::new(&patterns);
        self.pattern_info = patterns
            .iter()
            .map(|p| PatternInfo {
                title: self.titles.contains(p),
                place: self.places.contains(p),
                form: self.forms.get(p).copied(),
            })
            .collect();
        self.patterns = patterns;
    }

    /// Is this word an organization head ("Ministry", "Party")?
    pub fn is_org_head(&self, word: &str) -> bool {
        self.org_heads.contains(word)
    }

    /// Is this capitalised word an ordinary word (never a name alone)?
    pub fn is_common(&self, word: &str) -> bool {
        self.common.contains(word)
    }

    /// Is this a common lowercase English word ("sanctions", "climate")?
    pub fn is_english(&self, word: &str) -> bool {
        self.english.contains_lowercase(word) && !self.given_names.contains(word)
    }

    /// Is this word, lowercased, an office ("president")?
    pub fn is_role_noun(&self, word: &str) -> bool {
        contains_lowercase(&self.role_nouns, word)
    }

    /// Are these two words, lowercased, an office ("prime minister")?
    pub fn is_role_noun_pair(&self, first: &str, second: &str) -> bool {
        // Every office starts with a role start: one lookup rules out most pairs.
        self.is_role_start(first) && self.completes_role_noun_pair(first, second)
    }

    /// `is_role_noun_pair` for a `first` already known to be a role start: the pair lookup
    /// alone, for callers that made the role-start test themselves.
    pub fn completes_role_noun_pair(&self, first: &str, second: &str) -> bool {
        with_lowercase(&[first, second], |pair| self.role_nouns.contains(pair))
    }

    /// Can an office start with this word ("president", "prime", "foreign")?
    pub fn is_role_start(&self, word: &str) -> bool {
        self.role_starts.contains_lowercase(word)
    }

    /// Is this a function word that opens sentences ("The", "However")?
    pub fn is_opener(&self, word: &str) -> bool {
        self.openers.contains(word)
    }

    /// Is this the last word of a place name ("Province", "Sea")?
    pub fn is_place_head(&self, word: &str) -> bool {
        self.place_heads.contains(word)
    }

    /// Is this a place or phrase that is never an actor?
    pub fn is_place(&self, phrase: &str) -> bool {
        self.places.contains(phrase)
    }

    /// The state a lexicon person belongs to (`affiliation = "France"`), as an actor index.
    pub fn person_state(&self, actor: usize) -> Option<usize> {
        let a = self.actors.get(actor)?;
        if a.entity_type != EntityType::Person {
            return None;
        }
        let name = a.affiliation.as_deref()?;
        self.forms
            .get(name)
            .map(|f| f.actor)
            .or_else(|| self.actors.iter().position(|b| b.name == name))
            .filter(|&i| self.actors[i].entity_type == EntityType::State)
    }

    /// The actor a form names.
    pub fn actor(&self, form: &Form) -> &Actor {
        &self.actors[form.actor]
    }
}

/// A form and, when it has a straight apostrophe, the same with a curly one ("People’s").
fn with_curly_apostrophe(form: &str) -> Vec<String> {
    let mut out = vec![form.to_string()];
    if form.contains('\'') {
        out.push(form.replace('\'', "\u{2019}"));
    }
    out
}

fn extend_triggers(base: &mut TriggersFile, extra: TriggersFile) {
    let pairs = [
        (&mut base.met_with, extra.met_with),
        (&mut base.condemned, extra.condemned),
        (&mut base.pledged_aid_to, extra.pledged_aid_to),
        (&mut base.refused, extra.refused),
    ];
    for (set, more) in pairs {
        set.verbs.extend(more.verbs);
        set.nouns.extend(more.nouns);
        set.reciprocal.extend(more.reciprocal);
        set.visit_verbs.extend(more.visit_verbs);
        set.weak.extend(more.weak);
        set.aid_nouns.extend(more.aid_nouns);
        set.cooperation_nouns.extend(more.cooperation_nouns);
        set.direct.extend(more.direct);
        set.blame.extend(more.blame);
        set.branding.extend(more.branding);
        set.negative_words.extend(more.negative_words);
    }
}

fn parse<T: for<'de> Deserialize<'de>>(path: &str, text: &str) -> Result<T, LexiconError> {
    let result = if path.ends_with(".json") {
        serde_json::from_str(text).map_err(|e| e.to_string())
    } else {
        toml::from_str(text).map_err(|e| e.to_string())
    };
    result.map_err(|message| LexiconError {
        path: path.to_string(),
        message: message.trim().to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_lexicon_loads_and_knows_the_basics() {
        let lex = Lexicon::builtin();
        let us = lex.forms["U.S."];
        assert_eq!(lex.actor(&us).name, "United States");
        assert_eq!(lex.forms["French"].kind, FormKind::Demonym);
        assert_eq!(lex.forms["Baghdad"].kind, FormKind::Capital);
        assert!(lex.titles.contains("Secretary of State"));
        assert!(
            lex.actors
                .iter()
                .filter(|a| a.entity_type == EntityType::State)
                .count()
                >= 193
        );
    }

    #[test]
    fn a_bad_user_file_names_itself() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("mine.toml");
        std::fs::write(&path, "[[state]]\nname = 3\n").unwrap();
        let err = Lexicon::with_files(&[&path]).unwrap_err();
        assert!(
            err.to_string().starts_with(&path.display().to_string()),
            "{err}"
        );
    }
}
