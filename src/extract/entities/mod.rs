//! Entities: mentions merged into one record per actor ("Kerry" = "Secretary of State John
//! Kerry"), then relations read sentence by sentence over those entities.

use super::lexicon::Lexicon;
use super::mentions::{Mention, Referent, SentenceReader, hits_by_token, lexicon_hits};
use super::relations::{Actor, RelationReader, Triggers};
use super::text::{LowerWords, Sentence, split_sentences};
use crate::graph::{ArticleGraph, EdgeRecord, EntityRecord};
use crate::ingest::Article;
use crate::model::{EntityType, Evidence, Relation};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

mod article;
mod lone;

use article::{drop_unsupported, learn_acronyms, trim_headline_verbs};
use lone::{affiliations, is_courtesy, merge_titled_namesakes, resolve_singles};

/// One entity being assembled.
#[derive(Debug, Clone)]
struct Cluster {
    name: String,
    entity_type: EntityType,
    /// Every form seen, each once (few per entity: a scan beats a tree).
    forms: Vec<String>,
    title: Option<String>,
    mentions: u32,
    /// How many words `name` has (see `name_words`), kept to compare with each new form.
    n_words: usize,
    /// A lone name ("Kerry") is one word as written, never split.
    lone: bool,
}

impl Cluster {
    fn new(name: String, entity_type: EntityType, title: Option<String>) -> Cluster {
        Cluster {
            n_words: count_words(&name),
            name,
            entity_type,
            forms: Vec::new(),
            title,
            mentions: 0,
            lone: false,
        }
    }

    /// Words of a person's full name, for surname matching.
    fn name_words(&self) -> impl DoubleEndedIterator<Item = &str> {
        let (whole, split) = match self.lone {
            true => (Some(self.name.as_str()), "".split_whitespace()),
            false => (None, self.name.split_whitespace()),
        };
        whole.into_iter().chain(split)
    }

    /// Adds a form unless it is known: most mentions repeat one, so look before allocating.
    /// A mention's text and titled form among the forms, and its title if none is known yet.
    fn note_forms(&mut self, m: &Mention, surface: &str) {
        self.add_form(surface);
        if let Some(titled) = m.titled.as_deref() {
            self.add_form(titled);
        }
        if self.title.is_none() {
            self.title = m.title.clone().filter(|t| !is_courtesy(t));
        }
    }

    fn add_form(&mut self, form: &str) {
        if !self.forms.iter().any(|f| f == form) {
            self.forms.push(form.to_string());
        }
    }

    /// The name's one word, when it has just one.
    fn only_word(&self) -> Option<&str> {
        (self.n_words == 1)
            .then(|| self.name_words().next())
            .flatten()
    }
}

/// Mentions of one sentence, each resolved to a cluster (or none).
struct SentenceMentions {
    mentions: Vec<Mention>,
    clusters: Vec<Option<usize>>,
}

/// What makes two mentions of a lexicon actor one entity (names have their own tables in
/// `Clusters`, looked up by `&str`).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ClusterKey {
    Actor(usize),
}

#[derive(Default)]
struct Clusters {
    list: Vec<Cluster>,
    by_key: HashMap<ClusterKey, usize>,
    /// Persons by `person_key` (lone names by their lowercased word).
    persons: HashMap<String, usize>,
    /// Organizations by lowercased name.
    orgs: HashMap<String, usize>,
    /// The name key being looked up, reused so a repeated name allocates nothing.
    key: String,
}

impl Clusters {
    fn get_or_add(&mut self, key: ClusterKey, make: impl FnOnce() -> Cluster) -> usize {
        if let Some(&i) = self.by_key.get(&key) {
            return i;
        }
        self.list.push(make());
        self.by_key.insert(key, self.list.len() - 1);
        self.list.len() - 1
    }

    /// Like `get_or_add`, for the name key now in `self.key`.
    fn get_or_add_name(&mut self, person: bool, make: impl FnOnce() -> Cluster) -> usize {
        let names = match person {
            true => &mut self.persons,
            false => &mut self.orgs,
        };
        if let Some(&i) = names.get(self.key.as_str()) {
            return i;
        }
        self.list.push(make());
        names.insert(self.key.clone(), self.list.len() - 1);
        self.list.len() - 1
    }
}

/// Extracts the graph of one article.
pub fn extract_graph(lex: &Lexicon, triggers: &Triggers, article: &Article) -> ArticleGraph {
    let text = article.text.as_str();
    let split = split_sentences(text);
    let sentences: Vec<Sentence> = split.iter().collect();
    let hits = lexicon_hits(lex, text);
    let mut cursor = 0;
    let mut defined: HashMap<String, (String, EntityType)> = HashMap::default();
    let mut read: Vec<Vec<Mention>> = Vec::with_capacity(sentences.len());
    let mut token_hits = Vec::new();
    let mut mentions = Vec::new();
    for sentence in &sentences {
        hits_by_token(sentence, &hits, &mut cursor, &mut token_hits);
        let reader = SentenceReader {
            lex,
            text,
            sentence,
            token_hits: &token_hits,
            defined: &defined,
        };
        reader.read(&mut mentions);
        learn_acronyms(text, sentence, &mentions, &mut defined);
        // One allocation of the right size for the sentence's mentions, moved in one copy.
        let mut kept = Vec::with_capacity(mentions.len());
        kept.append(&mut mentions);
        read.push(kept);
    }
    drop_unsupported(&mut read);
    trim_headline_verbs(lex, text, &sentences, &mut read);
    // Sized for every mention naming an entity of its own, so the table never grows.
    let n_mentions = read.iter().map(Vec::len).sum();
    let mut clusters = Clusters {
        list: Vec::with_capacity(n_mentions),
        by_key: HashMap::with_capacity_and_hasher(n_mentions, Default::default()),
        persons: HashMap::with_capacity_and_hasher(n_mentions, Default::default()),
        orgs: HashMap::with_capacity_and_hasher(n_mentions, Default::default()),
        key: String::new(),
    };
    let mut resolved: Vec<SentenceMentions> = read
        .into_iter()
        .map(|mentions| {
            let ids = mentions
                .iter()
                .map(|m| assign_named(lex, text, m, &mut clusters))
                .collect();
            SentenceMentions {
                mentions,
                clusters: ids,
            }
        })
        .collect();
    resolve_singles(lex, text, &sentences, &mut resolved, &mut clusters);
    merge_titled_namesakes(&mut resolved, &mut clusters);
    let edges = read_relations(lex, triggers, article, &sentences, &resolved, &clusters);
    build_graph(article, clusters, edges)
}

/// Cluster for a mention that names its actor fully (lexicon actors and shaped names).
fn assign_named(lex: &Lexicon, text: &str, m: &Mention, clusters: &mut Clusters) -> Option<usize> {
    let surface = &text[m.start..m.end];
    let id = match &m.referent {
        Referent::Known(actor) => {
            let a = &lex.actors[*actor];
            clusters.get_or_add(ClusterKey::Actor(*actor), || {
                Cluster::new(a.name.clone(), a.entity_type, a.title.clone())
            })
        }
        Referent::Shaped { name, entity_type } => {
            let person = *entity_type == EntityType::Person;
            match person {
                true => person_key(name, &mut clusters.key),
                false => lowercase_into(name, &mut clusters.key),
            }
            clusters.get_or_add_name(person, || Cluster::new(name.clone(), *entity_type, None))
        }
        Referent::Single(_) | Referent::Role(_) => return None,
    };
    note_mention(&mut clusters.list[id], m, surface);
    Some(id)
}

fn note_mention(c: &mut Cluster, m: &Mention, surface: &str) {
    c.mentions += 1;
    // The name itself, the usual mention, has no more words than the name.
    if c.entity_type == EntityType::Person && surface != c.name {
        let n_words = count_words(surface);
        if n_words > c.n_words {
            let old = std::mem::replace(&mut c.name, surface.to_string());
            if !c.forms.contains(&old) {
                c.forms.push(old);
            }
            c.n_words = n_words;
        }
    }
    c.note_forms(m, surface);
}

/// `s.split_whitespace().count()`, on bytes for the usual ASCII name.
fn count_words(s: &str) -> usize {
    if !s.is_ascii() {
        return s.split_whitespace().count();
    }
    // A word starts at each non-space byte after a space (or at the start).
    let mut n_words = 0;
    let mut in_word = false;
    for &b in s.as_bytes() {
        let space = matches!(b, b'\t'..=b'\r' | b' ');
        n_words += usize::from(!space && !in_word);
        in_word = !space;
    }
    n_words
}

/// Writes `s.to_lowercase()` into `key`, with no copies for an ASCII name.
fn lowercase_into(s: &str, key: &mut String) {
    key.clear();
    match s.is_ascii() {
        true => {
            key.push_str(s);
            key.make_ascii_lowercase();
        }
        false => key.push_str(&s.to_lowercase()),
    }
}

/// Persons merge on first and last name, ignoring middle initials and suffixes. Writes the
/// key into `key`.
fn person_key(name: &str, key: &mut String) {
    let mut words = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| {
            !w.is_empty() && !w.ends_with('.') && !matches!(*w, "Jr" | "Sr" | "II" | "III")
        });
    let first = words.next();
    key.clear();
    match (first, words.next_back().or(first)) {
        // Lowercased in place for the usual ASCII name.
        (Some(f), Some(l)) if f.is_ascii() && l.is_ascii() => {
            key.push_str(f);
            key.push(' ');
            key.push_str(l);
            key.make_ascii_lowercase();
        }
        (Some(f), Some(l)) => {
            key.push_str(&f.to_lowercase());
            key.push(' ');
            key.push_str(&l.to_lowercase());
        }
        _ => lowercase_into(name, key),
    }
}

type EdgeMap = HashMap<(usize, Relation, usize), Vec<Evidence>>;

fn read_relations(
    lex: &Lexicon,
    triggers: &Triggers,
    article: &Article,
    sentences: &[Sentence],
    resolved: &[SentenceMentions],
    clusters: &Clusters,
) -> EdgeMap {
    let text = article.text.as_str();
    let mut edges: EdgeMap = HashMap::default();
    // The first person of the latest sentence that had one: what "he"/"she" most likely means.
    let mut salient: Option<usize> = None;
    let mut group: Vec<usize> = Vec::new();
    let mut lower = LowerWords::default();
    let media: HashSet<usize> = clusters
        .by_key
        .iter()
        .filter_map(|(key, &id)| match key {
            ClusterKey::Actor(a) if lex.actors[*a].media => Some(id),
            _ => None,
        })
        .collect();
    // Needed only for "the Obama administration": built on first use.
    let affiliated = std::cell::OnceCell::new();
    // Buffers kept from sentence to sentence.
    let mut actors = Vec::new();
    let mut persons = Vec::new();
    let mut token_actor: Vec<Option<usize>> = Vec::new();
    let mut starts = Vec::new();
    let mut matches = Vec::new();
    let mut spare_words = Vec::new();
    for (sentence, sm) in sentences.iter().zip(resolved) {
        let affiliated = || affiliated.get_or_init(|| affiliations(resolved));
        sentence_actors(text, sentence, sm, clusters, affiliated, &mut actors);
        if super::tracing() {
            let shown: Vec<String> = actors
                .iter()
                .map(|a| {
                    let toks = &sentence.tokens;
                    format!(
                        "[{}{}={} {}..{}]",
                        if a.acts { "" } else { "~" },
                        &text[toks[a.first_token].start..toks[a.end_token - 1].end],
                        clusters.list[a.entity].name,
                        a.first_token,
                        a.end_token
                    )
                })
                .collect();
            eprintln!("{}\n    {}", &text[sentence.span.clone()], shown.join(" "));
        }
        // Most sentences with fewer than two entities to relate, or no trigger, stop here.
        let possible = two_entities(&actors, salient, &group) || super::tracing();
        matches.clear();
        if possible {
            lower.lower(text, sentence);
            triggers.find_starts(lower.spans(), &mut starts);
        }
        if possible && !starts.is_empty() {
            token_actor.clear();
            token_actor.resize(sentence.tokens.len(), None);
            for (i, a) in actors.iter().enumerate() {
                for slot in &mut token_actor[a.first_token..a.end_token.min(sentence.tokens.len())]
                {
                    slot.get_or_insert(i);
                }
            }
            triggers.match_starts(&starts, &lower, &token_actor, &mut matches);
        }
        if !matches.is_empty() {
            let words = lower.words(std::mem::take(&mut spare_words));
            let reader = RelationReader {
                words: &words,
                matches: &matches,
                token_actor: &token_actor,
                tokens: sentence.tokens,
                actors: &actors,
                last_person: salient,
                last_group: &group,
                lex,
                triggers,
            };
            for found in reader.read() {
                // "spoke to Reuters", "told CNN": an interview is no meeting.
                if found.relation == Relation::MetWith
                    && (media.contains(&found.source) || media.contains(&found.target))
                {
                    continue;
                }
                let (ts, te) = found.trigger;
                let evidence = Evidence {
                    article: article.id.clone(),
                    sentence: text[sentence.span.clone()].to_string(),
                    sentence_start: sentence.span.start,
                    trigger: (sentence.tokens[ts].start, sentence.tokens[te - 1].end),
                };
                let list = edges
                    .entry((found.source, found.relation, found.target))
                    .or_default();
                // Sentences come in order, so a duplicate can only be the last entry: checking it
                // alone keeps this O(1) (scanning the list was quadratic in repeated sentences).
                if list
                    .last()
                    .is_none_or(|e| e.sentence_start != evidence.sentence_start)
                {
                    list.push(evidence);
                }
            }
            spare_words = LowerWords::recycle(words);
        }
        // Affiliations: "French President Francois Hollande".
        for (m, c) in sm.mentions.iter().zip(&sm.clusters) {
            if let (Some(person), Some(state_actor)) = (c, m.affiliation)
                && let Some(&state) = clusters.by_key.get(&ClusterKey::Actor(state_actor))
                && *person != state
            {
                let list = edges
                    .entry((*person, Relation::AffiliatedWith, state))
                    .or_default();
                if list.is_empty() {
                    list.push(Evidence {
                        article: article.id.clone(),
                        sentence: text[sentence.span.clone()].to_string(),
                        sentence_start: sentence.span.start,
                        trigger: (m.start, m.end),
                    });
                }
            }
        }
        if let Some(p) = actors.iter().find(|a| a.person && a.acts) {
            salient = Some(p.entity);
        }
        persons.clear();
        let acting = actors.iter().filter(|a| a.person && a.acts);
        persons.extend(acting.map(|a| a.entity));
        persons.dedup();
        if persons.len() >= 2 {
            group.clone_from(&persons);
        }
    }
    edges
}

/// Writes into `actors` the sentence's mentions that name an entity, as the relation reader
/// sees them.
fn sentence_actors<'r>(
    text: &str,
    sentence: &Sentence,
    sm: &SentenceMentions,
    clusters: &Clusters,
    affiliated: impl Fn() -> &'r HashMap<usize, HashSet<usize>>,
    actors: &mut Vec<Actor>,
) {
    actors.clear();
    let named = sm.mentions.iter().zip(&sm.clusters).filter_map(|(m, c)| {
        let entity = (*c)?;
        // "the Obama administration" is the government of the state he leads. (No
        // non-ASCII letter lowercases to one of this word's, so ASCII case is enough.)
        if sentence
            .tokens
            .get(m.end_token)
            .is_some_and(|t| t.text(text).eq_ignore_ascii_case("administration"))
            && let Some(state) = affiliated()
                .get(&entity)
                .filter(|s| s.len() == 1)
                .and_then(|s| s.iter().next())
                .and_then(|&a| clusters.by_key.get(&ClusterKey::Actor(a)))
        {
            return Some(Actor {
                entity: *state,
                first_token: m.first_token,
                end_token: m.end_token + 1,
                acts: true,
                person: false,
                organization: false,
            });
        }
        let entity_type = clusters.list[entity].entity_type;
        Some(Actor {
            entity,
            first_token: m.first_token,
            end_token: m.end_token,
            acts: m.acts,
            person: entity_type == EntityType::Person,
            organization: entity_type == EntityType::Organization,
        })
    });
    actors.extend(named);
}

/// Can the sentence state a relation at all? Each joins two distinct entities, and the
/// reader takes them only from the sentence's actors and the pronouns' referents.
fn two_entities(actors: &[Actor], last_person: Option<usize>, last_group: &[usize]) -> bool {
    let mut entities = (actors.iter().map(|a| a.entity))
        .chain(last_person)
        .chain(last_group.iter().copied());
    let Some(first) = entities.next() else {
        return false;
    };
    entities.any(|e| e != first)
}

fn build_graph(article: &Article, clusters: Clusters, edges: EdgeMap) -> ArticleGraph {
    let mut keep: Vec<Option<usize>> = vec![None; clusters.list.len()];
    let mut entities = Vec::new();
    for (i, c) in clusters.list.into_iter().enumerate() {
        if c.mentions == 0 {
            continue;
        }
        keep[i] = Some(entities.len());
        let aliases = c.forms.into_iter().filter(|f| *f != c.name).collect();
        entities.push(EntityRecord {
            name: c.name,
            entity_type: c.entity_type,
            aliases,
            title: c.title,
            mentions: c.mentions,
        });
    }
    let mut edge_list: Vec<EdgeRecord> = edges
        .into_iter()
        .filter_map(|((s, relation, t), mut evidence)| {
            evidence.sort_by_key(|e| e.sentence_start);
            Some(EdgeRecord {
                source: keep[s]?,
                target: keep[t]?,
                relation,
                evidence,
            })
        })
        .collect();
    edge_list.sort_by_key(|e| (e.source, e.relation, e.target));
    ArticleGraph {
        article: article.id.clone(),
        entities,
        edges: edge_list,
    }
}

#[cfg(test)]
mod tests {
    use super::count_words;

    proptest::proptest! {
        #[test]
        fn count_words_agrees_with_split_whitespace(s in "[ a\t\n.\u{a0}\u{e9}\u{2003}]{0,24}") {
            proptest::prop_assert_eq!(count_words(&s), s.split_whitespace().count());
        }
    }
}
