//! Entities: mentions merged into one record per actor ("Kerry" = "Secretary of State John
//! Kerry"), then relations read sentence by sentence over those entities.

use super::lexicon::{FormKind, Lexicon};
use super::mentions::{Mention, Referent, SentenceReader, hits_by_token, lexicon_hits};
use super::relations::{Actor, RelationReader, Triggers};
use super::text::{LowerWords, Sentence, split_sentences};
use crate::graph::{ArticleGraph, EdgeRecord, EntityRecord};
use crate::ingest::Article;
use crate::model::{EntityType, Evidence, Relation};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::collections::BTreeSet;

/// One entity being assembled.
#[derive(Debug, Clone)]
struct Cluster {
    name: String,
    entity_type: EntityType,
    forms: BTreeSet<String>,
    title: Option<String>,
    mentions: u32,
    /// Words of a person's full name, for surname matching.
    name_words: Vec<String>,
}

/// Mentions of one sentence, each resolved to a cluster (or none).
struct SentenceMentions {
    mentions: Vec<Mention>,
    clusters: Vec<Option<usize>>,
}

/// What makes two mentions one entity: the lexicon actor, or a normalised name.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum ClusterKey {
    Actor(usize),
    Person(String),
    Org(String),
}

#[derive(Default)]
struct Clusters {
    list: Vec<Cluster>,
    by_key: HashMap<ClusterKey, usize>,
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
}

/// Extracts the graph of one article.
pub fn extract_graph(lex: &Lexicon, triggers: &Triggers, article: &Article) -> ArticleGraph {
    let text = article.text.as_str();
    let sentences = split_sentences(text);
    let hits = lexicon_hits(lex, text);
    let mut cursor = 0;
    let mut defined: HashMap<String, (String, EntityType)> = HashMap::default();
    let mut read: Vec<Vec<Mention>> = Vec::with_capacity(sentences.len());
    let mut token_hits = Vec::new();
    for sentence in &sentences {
        hits_by_token(sentence, &hits, &mut cursor, &mut token_hits);
        let reader = SentenceReader {
            lex,
            text,
            sentence,
            token_hits: &token_hits,
            defined: &defined,
        };
        let mentions = reader.read();
        learn_acronyms(text, sentence, &mentions, &mut defined);
        read.push(mentions);
    }
    drop_unsupported(&mut read);
    trim_headline_verbs(lex, text, &sentences, &mut read);
    let mut clusters = Clusters::default();
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
    let edges = read_relations(lex, triggers, article, &sentences, &resolved, &clusters);
    build_graph(article, clusters, edges)
}

/// "Turkey" or "Republicans" opening a sentence is the actor only when the article names that
/// actor somewhere else too; otherwise it is the English word.
fn drop_unsupported(read: &mut [Vec<Mention>]) {
    if !read.iter().flatten().any(|m| m.doubtful) {
        return;
    }
    let named: HashSet<usize> = read
        .iter()
        .flatten()
        .filter(|m| !m.doubtful)
        .filter_map(|m| match m.referent {
            Referent::Known(a) => Some(a),
            _ => None,
        })
        .collect();
    for mentions in read {
        mentions.retain(|m| {
            !m.doubtful || matches!(m.referent, Referent::Known(a) if named.contains(&a))
        });
    }
}

/// "Kerry Urges China", "Obama Defends Deal": in a title-case headline a verb after a name
/// looks like part of it. A person-shaped name that is a name the article uses elsewhere plus
/// one English word loses that word.
fn trim_headline_verbs(
    lex: &Lexicon,
    text: &str,
    sentences: &[Sentence],
    read: &mut [Vec<Mention>],
) {
    fn person_name(m: &Mention) -> Option<&str> {
        match &m.referent {
            Referent::Shaped {
                name,
                entity_type: EntityType::Person,
            } => Some(name),
            _ => None,
        }
    }
    // Candidates first: most articles have none, and then nothing is built.
    let mut candidates = Vec::new();
    for (s, mentions) in read.iter().enumerate() {
        for (i, m) in mentions.iter().enumerate() {
            let Some((_, last)) = person_name(m)
                .filter(|_| m.titled.is_none() && m.end_token >= m.first_token + 2)
                .and_then(|n| n.rsplit_once(' '))
            else {
                continue;
            };
            // Headline words follow capitalised: "Kerry Urges China", "Panetta Sees 30-Year".
            let headline = sentences[s].tokens.get(m.end_token).is_none_or(|t| {
                t.text(text)
                    .starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit())
            });
            if headline && lex.is_english(last) {
                candidates.push((s, i));
            }
        }
    }
    if candidates.is_empty() {
        return;
    }
    let names: HashSet<&str> = read.iter().flatten().filter_map(person_name).collect();
    let surnames: HashSet<&str> = names
        .iter()
        .filter_map(|n| n.rsplit_once(' ').map(|(_, last)| last))
        .collect();
    // "Sanders said": a word that stands alone as a name is no verb.
    let singles: HashSet<&str> = read
        .iter()
        .flatten()
        .filter_map(|m| match &m.referent {
            Referent::Single(w) => Some(w.as_str()),
            _ => None,
        })
        .collect();
    let trims: Vec<(usize, usize, String)> = candidates
        .into_iter()
        .filter_map(|(s, i)| {
            let (prefix, last) = person_name(&read[s][i])?.rsplit_once(' ')?;
            let known =
                names.contains(prefix) || !prefix.contains(' ') && surnames.contains(prefix);
            (known && !singles.contains(last)).then(|| (s, i, prefix.to_string()))
        })
        .collect();
    for (s, i, prefix) in trims {
        let m = &mut read[s][i];
        m.end_token -= 1;
        m.end = sentences[s].tokens[m.end_token - 1].end;
        m.referent = if prefix.contains(' ') {
            Referent::Shaped {
                name: prefix,
                entity_type: EntityType::Person,
            }
        } else {
            Referent::Single(prefix)
        };
    }
}

/// "Organization for Security and Co-operation in Europe (OSCE)": the acronym names the organization.
fn learn_acronyms(
    text: &str,
    sentence: &Sentence,
    mentions: &[Mention],
    defined: &mut HashMap<String, (String, EntityType)>,
) {
    let toks = &sentence.tokens;
    for m in mentions {
        let Referent::Shaped {
            name,
            entity_type: EntityType::Organization,
        } = &m.referent
        else {
            continue;
        };
        let k = m.end_token;
        if k + 2 < toks.len() && toks[k].text(text) == "(" && toks[k + 2].text(text) == ")" {
            let acronym = toks[k + 1].text(text);
            let is_acronym = acronym.len() >= 2
                && acronym
                    .chars()
                    .all(|c| c.is_ascii_uppercase() || c == '.' || c == '&');
            if is_acronym {
                defined
                    .entry(acronym.to_string())
                    .or_insert((name.clone(), EntityType::Organization));
            }
        }
    }
}

/// Cluster for a mention that names its actor fully (lexicon actors and shaped names).
fn assign_named(lex: &Lexicon, text: &str, m: &Mention, clusters: &mut Clusters) -> Option<usize> {
    let surface = &text[m.start..m.end];
    let id = match &m.referent {
        Referent::Known(actor) => {
            let a = &lex.actors[*actor];
            clusters.get_or_add(ClusterKey::Actor(*actor), || Cluster {
                name: a.name.clone(),
                entity_type: a.entity_type,
                forms: BTreeSet::new(),
                title: a.title.clone(),
                mentions: 0,
                name_words: a.name.split_whitespace().map(String::from).collect(),
            })
        }
        Referent::Shaped { name, entity_type } => {
            let key = match entity_type {
                EntityType::Person => ClusterKey::Person(person_key(name)),
                _ => ClusterKey::Org(name.to_lowercase()),
            };
            clusters.get_or_add(key, || Cluster {
                name: name.clone(),
                entity_type: *entity_type,
                forms: BTreeSet::new(),
                title: None,
                mentions: 0,
                name_words: name.split_whitespace().map(String::from).collect(),
            })
        }
        Referent::Single(_) | Referent::Role(_) => return None,
    };
    note_mention(&mut clusters.list[id], m, surface);
    Some(id)
}

fn note_mention(c: &mut Cluster, m: &Mention, surface: &str) {
    c.mentions += 1;
    if c.entity_type == EntityType::Person
        // `name_words` are the name's words (kept together with it): no need to split it again.
        && surface.split_whitespace().count() > c.name_words.len()
    {
        c.forms
            .insert(std::mem::replace(&mut c.name, surface.to_string()));
        c.name_words = surface.split_whitespace().map(String::from).collect();
    }
    // Most mentions repeat a known form: look before allocating.
    if !c.forms.contains(surface) {
        c.forms.insert(surface.to_string());
    }
    if let Some(titled) = m.titled.as_deref().filter(|t| !c.forms.contains(*t)) {
        c.forms.insert(titled.to_string());
    }
    if c.title.is_none() {
        c.title = m.title.clone().filter(|t| !is_courtesy(t));
    }
}

/// Persons merge on first and last name, ignoring middle initials and suffixes.
fn person_key(name: &str) -> String {
    let mut words = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| {
            !w.is_empty() && !w.ends_with('.') && !matches!(*w, "Jr" | "Sr" | "II" | "III")
        });
    let first = words.next();
    match (first, words.next_back().or(first)) {
        // One buffer, lowercased in place, for the usual ASCII name.
        (Some(f), Some(l)) if f.is_ascii() && l.is_ascii() => {
            let mut key = String::with_capacity(f.len() + 1 + l.len());
            key.push_str(f);
            key.push(' ');
            key.push_str(l);
            key.make_ascii_lowercase();
            key
        }
        (Some(f), Some(l)) => format!("{} {}", f.to_lowercase(), l.to_lowercase()),
        _ => name.to_lowercase(),
    }
}

/// A lone name ("Kerry", "Mr. Brunson") joins the person whose name ends (or begins) with it,
/// the most mentioned (then most recent) when several do. A lone name with a cue (a title, "Mr.",
/// a verb of saying) and no such person is a person of its own, and then every bare use of that
/// name anywhere in the article joins it. An office ("the president") joins the person who holds it.
fn resolve_singles(
    lex: &Lexicon,
    text: &str,
    sentence_list: &[Sentence],
    sentences: &mut [SentenceMentions],
    clusters: &mut Clusters,
) {
    let surnames = recurring_surnames(lex, text, sentence_list, sentences);
    let first_seen = add_lone_name_persons(lex, sentences, clusters, &surnames);
    assign_lone_names(text, sentences, clusters, &first_seen);
}

/// A capitalised word that is no English word and recurs inside sentences ("criticized
/// Obama", "the Obama administration") is a surname even with no title in sight. Places ("in
/// Sinjar", "from Irbil") are never counted: one such use rules the word out.
fn recurring_surnames(
    lex: &Lexicon,
    text: &str,
    sentence_list: &[Sentence],
    sentences: &[SentenceMentions],
) -> HashSet<String> {
    let mut recurring: HashMap<&str, Option<u32>> = HashMap::default();
    for (s, sentence) in sentences.iter().zip(sentence_list) {
        for (m, slot) in s.mentions.iter().zip(&s.clusters) {
            let (Referent::Single(word), None) = (&m.referent, slot) else {
                continue;
            };
            let prev = m
                .first_token
                .checked_sub(1)
                .map(|k| sentence.tokens[k].text(text))
                .unwrap_or("");
            let place = matches!(
                prev,
                "in" | "at"
                    | "from"
                    | "near"
                    | "into"
                    | "across"
                    | "around"
                    | "outside"
                    | "inside"
                    | "via"
                    | "through"
                    | "("
            );
            let count = recurring.entry(word.as_str()).or_insert(Some(0));
            if place {
                *count = None;
            } else if let Some(n) = count.as_mut()
                && m.first_token > 0
            {
                *n += 1;
            }
        }
    }
    recurring
        .into_iter()
        .filter(|(word, n)| {
            n.unwrap_or(0) >= 2
                && !word.ends_with('s')
                && !lex.is_english(word)
                && !lex.is_common(word)
                && word.chars().any(char::is_lowercase)
                // "(R-Texas)": a party and state tag, not a name.
                && word.split_once('-').is_none_or(|(head, _)| head.chars().count() != 1)
        })
        .map(|(word, _)| word.to_string())
        .collect()
}

/// Makes a person of a lone name with a cue ("President Trump", "Mr. Brunson", "Putin said")
/// or a recurring surname, when no person with that name was introduced before it: a bare name
/// used before any full name is someone the reader knows, not a later namesake. Returns when
/// each entity was first mentioned, by mention order.
fn add_lone_name_persons(
    lex: &Lexicon,
    sentences: &[SentenceMentions],
    clusters: &mut Clusters,
    surnames: &HashSet<String>,
) -> HashMap<usize, usize> {
    // The sentence where each named entity first appears: a headline's "Blair says" is
    // followed within a few sentences by "Tony Blair".
    let mut first_sentence: HashMap<usize, usize> = HashMap::default();
    for (n, s) in sentences.iter().enumerate() {
        for id in s.clusters.iter().flatten() {
            first_sentence.entry(*id).or_insert(n);
        }
    }
    let inside: HashSet<&str> = sentences
        .iter()
        .flat_map(|s| &s.mentions)
        .filter(|m| m.first_token > 0)
        .filter_map(|m| match &m.referent {
            Referent::Single(word) => Some(word.as_str()),
            _ => None,
        })
        .collect();
    let mut first_seen: HashMap<usize, usize> = HashMap::default();
    let mut order = 0usize;
    for (n, s) in sentences.iter().enumerate() {
        for (m, slot) in s.mentions.iter().zip(&s.clusters) {
            order += 1;
            if let Some(id) = slot {
                first_seen.entry(*id).or_insert(order);
                continue;
            }
            let Referent::Single(word) = &m.referent else {
                continue;
            };
            if !(m.person_cue || surnames.contains(word)) {
                continue;
            }
            // "Officials said", "Opposition says": an English word is a name only after a
            // title or when it also stands capitalised inside a sentence ("said Trump").
            if m.title.is_none() && lex.is_english(word) && !inside.contains(word.as_str()) {
                continue;
            }
            // A candidate soon after counts only if the offices agree: "President Trump" is not
            // "First Lady Melania Trump".
            let title = m.title.as_deref().filter(|t| !is_courtesy(t));
            let agrees = |c: &usize| match (title, clusters.list[*c].title.as_deref()) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => true,
            };
            let introduced = person_candidates(clusters, word).iter().any(|c| {
                first_seen.get(c).is_some_and(|&at| at < order)
                    || (first_sentence.get(c).is_some_and(|&at| at <= n + 3) && agrees(c))
            });
            if introduced {
                continue;
            }
            let id = clusters.get_or_add(ClusterKey::Person(word.to_lowercase()), || Cluster {
                name: word.clone(),
                entity_type: EntityType::Person,
                forms: BTreeSet::new(),
                title: None,
                mentions: 0,
                name_words: vec![word.clone()],
            });
            first_seen.entry(id).or_insert(order);
        }
    }
    first_seen
}

/// Resolves lone names and offices to persons: among candidates already introduced (else all),
/// the most mentioned, and between equals the one introduced first.
fn assign_lone_names(
    text: &str,
    sentences: &mut [SentenceMentions],
    clusters: &mut Clusters,
    first_seen: &HashMap<usize, usize>,
) {
    // A lone-name person ("Trump" from "President Trump") is as salient as the bare uses of its
    // name, counted over the whole article: a headline's "Trump meets Kim" is about him, not
    // about "Ivanka Trump" named once further down.
    let mut bare_uses: HashMap<String, u32> = HashMap::default();
    for s in sentences.iter() {
        for (m, slot) in s.mentions.iter().zip(&s.clusters) {
            if let (Referent::Single(word), None) = (&m.referent, slot) {
                *bare_uses.entry(word.clone()).or_default() += 1;
            }
        }
    }
    let expected = |c: &Cluster| match c.name_words.as_slice() {
        [only] => bare_uses.get(only).copied().unwrap_or(0),
        _ => 0,
    };
    // Offices of a state ("the Russian leader") go last, once every lone name ("Putin of
    // Russia") has its person and so its state.
    for state_offices in [false, true] {
        assign_pass(
            text,
            sentences,
            clusters,
            first_seen,
            &expected,
            state_offices,
        );
    }
}

/// The states each resolved person is affiliated with ("Russian President Vladimir Putin").
fn affiliations(sentences: &[SentenceMentions]) -> HashMap<usize, HashSet<usize>> {
    let mut affiliated: HashMap<usize, HashSet<usize>> = HashMap::default();
    for s in sentences {
        for (m, slot) in s.mentions.iter().zip(&s.clusters) {
            if let (Some(id), Some(state)) = (slot, m.affiliation) {
                affiliated.entry(*id).or_default().insert(state);
            }
        }
    }
    affiliated
}

fn assign_pass(
    text: &str,
    sentences: &mut [SentenceMentions],
    clusters: &mut Clusters,
    first_seen: &HashMap<usize, usize>,
    expected: &dyn Fn(&Cluster) -> u32,
    state_offices: bool,
) {
    let affiliated = affiliations(sentences);
    // Built on the first lone name: this pass changes no cluster's name words.
    let mut persons_by_word: Option<HashMap<String, Vec<usize>>> = None;
    let mut order = 0usize;
    for s in sentences.iter_mut() {
        for (m, slot) in s.mentions.iter().zip(s.clusters.iter_mut()) {
            order += 1;
            let state_office = matches!(m.referent, Referent::Role(_)) && m.affiliation.is_some();
            if slot.is_some() || state_office != state_offices {
                continue;
            }
            let mut candidates = match &m.referent {
                Referent::Single(word) => persons_by_word
                    .get_or_insert_with(|| person_index(clusters))
                    .get(word.as_str())
                    .cloned()
                    .unwrap_or_default(),
                Referent::Role(role) => match m.affiliation {
                    // "the Russian leader": the office holder of that state, or its leader.
                    Some(state) => {
                        // Only a holder known to serve that state: "the Russian president"
                        // is not President Obama.
                        let of_state =
                            |i: &usize| affiliated.get(i).is_some_and(|set| set.contains(&state));
                        let mut holders = role_holders(clusters, role);
                        holders.retain(of_state);
                        // A leader is the state's titled head, else its one untitled person.
                        if holders.is_empty() && is_leader_role(role) {
                            let of_state: Vec<usize> = (0..clusters.list.len())
                                .filter(|i| {
                                    affiliated.get(i).is_some_and(|set| set.contains(&state))
                                })
                                .collect();
                            let title = |i: &usize| clusters.list[*i].title.clone();
                            holders = of_state
                                .iter()
                                .copied()
                                .filter(|i| title(i).as_deref().is_some_and(is_head_title))
                                .collect();
                            let untitled: Vec<usize> = of_state
                                .iter()
                                .copied()
                                .filter(|i| title(i).is_none())
                                .collect();
                            if holders.is_empty() && untitled.len() == 1 {
                                holders = untitled;
                            }
                        }
                        holders
                    }
                    None => role_holders(clusters, role),
                },
                _ => continue,
            };
            let introduced = |i: &usize| first_seen.get(i).is_some_and(|&at| at <= order);
            if candidates.iter().any(introduced) {
                candidates.retain(introduced);
            }
            // "President Trump" beside "first lady Melania Trump": a person whose office
            // differs is someone else, when another candidate fits.
            if let Some(title) = m.title.as_deref().filter(|t| !is_courtesy(t)) {
                let fits = |i: &usize| {
                    clusters.list[*i]
                        .title
                        .as_deref()
                        .is_none_or(|t| t.eq_ignore_ascii_case(title))
                };
                if candidates.iter().any(fits) {
                    candidates.retain(fits);
                }
            }
            let salience = |i: &usize| {
                (
                    clusters.list[*i].mentions.max(expected(&clusters.list[*i])),
                    std::cmp::Reverse(first_seen.get(i).copied().unwrap_or(usize::MAX)),
                )
            };
            let Some(id) = candidates.iter().copied().max_by_key(salience) else {
                // "The Nepali prime minister accused India", with no holder named: the state
                // its leader or a minister speaks for (not "Russia's ambassador" or lawyer).
                // A holder of that office the article names without a state ("the Cuban
                // leader" beside "President Castro") may be meant: then nothing is safe.
                let unplaced = |role: &str| {
                    !role_holders(clusters, role).is_empty()
                        || (is_leader_role(role)
                            && clusters.list.iter().any(|c| {
                                c.entity_type == EntityType::Person
                                    && c.title.as_deref().is_some_and(is_head_title)
                            }))
                };
                if let (Referent::Role(role), Some(state)) = (&m.referent, m.affiliation)
                    && speaks_for_state(role)
                    && !unplaced(role)
                    && let Some(&id) = clusters.by_key.get(&ClusterKey::Actor(state))
                {
                    clusters.list[id].mentions += 1;
                    *slot = Some(id);
                }
                continue;
            };
            let c = &mut clusters.list[id];
            c.mentions += 1;
            if matches!(m.referent, Referent::Single(_)) {
                let surface = &text[m.start..m.end];
                if !c.forms.contains(surface) {
                    c.forms.insert(surface.to_string());
                }
                if let Some(t) = &m.titled {
                    c.forms.insert(t.clone());
                }
                if c.title.is_none() {
                    c.title = m.title.clone().filter(|t| !is_courtesy(t));
                }
            }
            *slot = Some(id);
        }
    }
}

/// Offices that name whoever leads a state: "the Russian leader".
fn is_leader_role(role: &str) -> bool {
    matches!(
        role,
        "leader" | "head of state" | "ruler" | "strongman" | "head of government" | "dictator"
    )
}

/// Offices whose holder speaks for the state when the article does not name them.
fn speaks_for_state(role: &str) -> bool {
    is_leader_role(role)
        || is_head_title(role)
        || role.ends_with("minister")
        || role == "government"
}

/// Titles of a state's leader.
fn is_head_title(title: &str) -> bool {
    let t = title.to_lowercase();
    [
        "president",
        "prime minister",
        "premier",
        "chancellor",
        "king",
        "queen",
        "emir",
        "sultan",
        "supreme leader",
        "leader",
        "taoiseach",
    ]
    .iter()
    .any(|h| t == *h || t.ends_with(&format!(" {h}")))
        && !t.contains("vice")
        && !t.contains("deputy")
}

fn is_courtesy(title: &str) -> bool {
    matches!(
        title,
        "Mr." | "Mrs." | "Ms." | "Mr" | "Mrs" | "Ms" | "Dr." | "Dr" | "Miss"
    )
}

/// Persons a lone name can stand for: full names containing it, or a lone-name person.
fn person_candidates(clusters: &Clusters, word: &str) -> Vec<usize> {
    (0..clusters.list.len())
        .filter(|&i| {
            let c = &clusters.list[i];
            c.entity_type == EntityType::Person
                && c.name_words.iter().any(|w| is_word_then_commas(w, word))
        })
        .collect()
}

/// Person clusters by name word (trailing commas dropped), each list in cluster order: what
/// `person_candidates` finds by scanning every cluster, for a pass asking about many lone names.
fn person_index(clusters: &Clusters) -> HashMap<String, Vec<usize>> {
    let mut index: HashMap<String, Vec<usize>> = HashMap::default();
    for (i, c) in clusters.list.iter().enumerate() {
        if c.entity_type != EntityType::Person {
            continue;
        }
        for w in &c.name_words {
            let list = index
                .entry(w.trim_end_matches(',').to_string())
                .or_default();
            if list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    index
}

/// `w.trim_end_matches(',') == word`, on bytes: this runs for every cluster and lone name.
fn is_word_then_commas(w: &str, word: &str) -> bool {
    w.strip_prefix(word)
        .is_some_and(|rest| rest.bytes().all(|b| b == b','))
        && !word.ends_with(',')
}

/// Persons whose title is this office.
fn role_holders(clusters: &Clusters, role: &str) -> Vec<usize> {
    (0..clusters.list.len())
        .filter(|&i| {
            let c = &clusters.list[i];
            c.entity_type == EntityType::Person
                && c.title.as_deref().is_some_and(|t| {
                    t.eq_ignore_ascii_case(role) || ends_with_lowercase_word(t, role)
                })
        })
        .collect()
}

/// `title.to_lowercase().ends_with(&format!(" {role}"))`, with no copies for an ASCII title.
fn ends_with_lowercase_word(title: &str, role: &str) -> bool {
    if !title.is_ascii() {
        return title.to_lowercase().ends_with(&format!(" {role}"));
    }
    let (title, role) = (title.as_bytes(), role.as_bytes());
    let Some(space) = title.len().checked_sub(role.len() + 1) else {
        return false;
    };
    title[space] == b' '
        && title[space + 1..]
            .iter()
            .zip(role)
            .all(|(t, r)| t.to_ascii_lowercase() == *r)
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
    // Per-token buffers kept from sentence to sentence.
    let mut capitalised: Vec<bool> = Vec::new();
    let mut token_actor: Vec<Option<usize>> = Vec::new();
    for (sentence, sm) in sentences.iter().zip(resolved) {
        let words = lower.words(text, sentence);
        let actors: Vec<Actor> = sm
            .mentions
            .iter()
            .zip(&sm.clusters)
            .filter_map(|(m, c)| {
                let entity = (*c)?;
                // "the Obama administration" is the government of the state he leads.
                if words.get(m.end_token) == Some(&"administration")
                    && let Some(state) = affiliated
                        .get_or_init(|| affiliations(resolved))
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
            })
            .collect();
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
        capitalised.clear();
        capitalised.extend(sentence.tokens.iter().map(|t| t.upper));
        token_actor.clear();
        token_actor.resize(sentence.tokens.len(), None);
        for (i, a) in actors.iter().enumerate() {
            for slot in &mut token_actor[a.first_token..a.end_token.min(sentence.tokens.len())] {
                slot.get_or_insert(i);
            }
        }
        let reader = RelationReader {
            words: &words,
            token_actor: &token_actor,
            capitalised: &capitalised,
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
        let mut persons: Vec<usize> = actors
            .iter()
            .filter(|a| a.person && a.acts)
            .map(|a| a.entity)
            .collect();
        persons.dedup();
        if persons.len() >= 2 {
            group = persons;
        }
    }
    let _ = FormKind::Name;
    edges
}

fn build_graph(article: &Article, clusters: Clusters, edges: EdgeMap) -> ArticleGraph {
    let mut keep: Vec<Option<usize>> = vec![None; clusters.list.len()];
    let mut entities = Vec::new();
    for (i, c) in clusters.list.into_iter().enumerate() {
        if c.mentions == 0 {
            continue;
        }
        keep[i] = Some(entities.len());
        let mut aliases = c.forms;
        aliases.remove(&c.name);
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
