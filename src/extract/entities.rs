//! Entities: mentions merged into one record per actor ("Kerry" = "Secretary of State John
//! Kerry"), then relations read sentence by sentence over those entities.

use super::lexicon::{FormKind, Lexicon};
use super::mentions::{Mention, Referent, SentenceReader, hits_by_token, lexicon_hits};
use super::relations::{Actor, RelationReader, Triggers};
use super::text::{Sentence, TokenKind, split_sentences};
use crate::graph::{ArticleGraph, EdgeRecord, EntityRecord};
use crate::ingest::Article;
use crate::model::{EntityType, Evidence, Relation};
use rustc_hash::FxHashMap as HashMap;
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
    affiliation: Option<usize>,
}

/// Mentions of one sentence, each resolved to a cluster (or none).
struct SentenceMentions {
    mentions: Vec<Mention>,
    clusters: Vec<Option<usize>>,
}

#[derive(Default)]
struct Clusters {
    list: Vec<Cluster>,
    by_key: HashMap<String, usize>,
}

impl Clusters {
    fn get_or_add(&mut self, key: String, make: impl FnOnce() -> Cluster) -> usize {
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
    for sentence in &sentences {
        let reader = SentenceReader {
            lex,
            text,
            sentence,
            token_hits: &hits_by_token(sentence, &hits, &mut cursor),
            defined: &defined,
        };
        let mentions = reader.read();
        learn_acronyms(text, sentence, &mentions, &mut defined);
        read.push(mentions);
    }
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
    resolve_singles(text, &mut resolved, &mut clusters);
    let edges = read_relations(lex, triggers, article, &sentences, &resolved, &clusters);
    build_graph(article, clusters, edges)
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
    let surface = text[m.start..m.end].to_string();
    let id = match &m.referent {
        Referent::Known(actor) => {
            let a = &lex.actors[*actor];
            clusters.get_or_add(format!("actor:{actor}"), || Cluster {
                name: a.name.clone(),
                entity_type: a.entity_type,
                forms: BTreeSet::new(),
                title: a.title.clone(),
                mentions: 0,
                name_words: a.name.split_whitespace().map(String::from).collect(),
                affiliation: None,
            })
        }
        Referent::Shaped { name, entity_type } => {
            let key = match entity_type {
                EntityType::Person => person_key(name),
                _ => format!("org:{}", name.to_lowercase()),
            };
            clusters.get_or_add(key, || Cluster {
                name: name.clone(),
                entity_type: *entity_type,
                forms: BTreeSet::new(),
                title: None,
                mentions: 0,
                name_words: name.split_whitespace().map(String::from).collect(),
                affiliation: None,
            })
        }
        Referent::Single(_) | Referent::Role(_) => return None,
    };
    note_mention(&mut clusters.list[id], m, surface);
    Some(id)
}

fn note_mention(c: &mut Cluster, m: &Mention, surface: String) {
    c.mentions += 1;
    if c.entity_type == EntityType::Person
        && surface.split_whitespace().count() > c.name.split_whitespace().count()
    {
        c.forms
            .insert(std::mem::replace(&mut c.name, surface.clone()));
        c.name_words = surface.split_whitespace().map(String::from).collect();
    }
    c.forms.insert(surface);
    if let Some(titled) = &m.titled {
        c.forms.insert(titled.clone());
    }
    if c.title.is_none() {
        c.title = m.title.clone().filter(|t| {
            !matches!(
                t.as_str(),
                "Mr." | "Mrs." | "Ms." | "Mr" | "Mrs" | "Ms" | "Dr."
            )
        });
    }
    if c.affiliation.is_none() {
        c.affiliation = m.affiliation;
    }
}

/// Persons merge on first and last name, ignoring middle initials and suffixes.
fn person_key(name: &str) -> String {
    let words: Vec<&str> = name
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty() && !w.ends_with('.') && !matches!(*w, "Jr" | "Sr" | "II" | "III"))
        .collect();
    match (words.first(), words.last()) {
        (Some(f), Some(l)) => format!("person:{} {}", f.to_lowercase(), l.to_lowercase()),
        _ => format!("person:{}", name.to_lowercase()),
    }
}

/// A lone name ("Kerry", "Mr. Brunson") joins the person whose name ends (or begins) with it,
/// the most mentioned (then most recent) when several do. A lone name with a cue (a title, "Mr.",
/// a verb of saying) and no such person is a person of its own, and then every bare use of that
/// name anywhere in the article joins it. An office ("the president") joins the person who holds it.
fn resolve_singles(text: &str, sentences: &mut [SentenceMentions], clusters: &mut Clusters) {
    for s in sentences.iter() {
        for (m, slot) in s.mentions.iter().zip(&s.clusters) {
            if let (Referent::Single(word), None, true) = (&m.referent, slot, m.person_cue)
                && person_candidates(clusters, word).is_empty()
            {
                clusters.get_or_add(format!("person:{}", word.to_lowercase()), || Cluster {
                    name: word.clone(),
                    entity_type: EntityType::Person,
                    forms: BTreeSet::new(),
                    title: None,
                    mentions: 0,
                    name_words: vec![word.clone()],
                    affiliation: None,
                });
            }
        }
    }
    let mut last_seen: HashMap<usize, usize> = HashMap::default();
    let mut order = 0usize;
    for s in sentences.iter_mut() {
        for (m, slot) in s.mentions.iter().zip(s.clusters.iter_mut()) {
            order += 1;
            if let Some(id) = slot {
                last_seen.insert(*id, order);
                continue;
            }
            let candidates = match &m.referent {
                Referent::Single(word) => person_candidates(clusters, word),
                Referent::Role(role) => role_holders(clusters, role),
                _ => continue,
            };
            // The most mentioned; between equals, a lone name means the latest, an office the first introduced.
            let role = matches!(m.referent, Referent::Role(_));
            let salience = |i: &usize| {
                let recency = last_seen.get(i).copied().unwrap_or(0);
                (
                    clusters.list[*i].mentions,
                    if role { usize::MAX - *i } else { recency },
                )
            };
            let Some(id) = candidates.iter().copied().max_by_key(salience) else {
                continue;
            };
            let c = &mut clusters.list[id];
            c.mentions += 1;
            if matches!(m.referent, Referent::Single(_)) {
                c.forms.insert(text[m.start..m.end].to_string());
                if let Some(t) = &m.titled {
                    c.forms.insert(t.clone());
                }
                if c.title.is_none() {
                    c.title = m.title.clone().filter(|t| !is_courtesy(t));
                }
            }
            *slot = Some(id);
            last_seen.insert(id, order);
        }
    }
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
                && c.name_words.iter().any(|w| w.trim_end_matches(',') == word)
        })
        .collect()
}

/// Persons whose title is this office.
fn role_holders(clusters: &Clusters, role: &str) -> Vec<usize> {
    (0..clusters.list.len())
        .filter(|&i| {
            let c = &clusters.list[i];
            c.entity_type == EntityType::Person
                && c.title.as_deref().is_some_and(|t| {
                    t.eq_ignore_ascii_case(role) || t.to_lowercase().ends_with(&format!(" {role}"))
                })
        })
        .collect()
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
    for (sentence, sm) in sentences.iter().zip(resolved) {
        let lowered = lowercase_words(text, sentence);
        let words: Vec<&str> = lowered.1.iter().map(|r| &lowered.0[r.clone()]).collect();
        let actors: Vec<Actor> = sm
            .mentions
            .iter()
            .zip(&sm.clusters)
            .filter_map(|(m, c)| {
                let entity = (*c)?;
                let person = clusters.list[entity].entity_type == EntityType::Person;
                Some(Actor {
                    entity,
                    first_token: m.first_token,
                    end_token: m.end_token,
                    acts: m.acts,
                    person,
                })
            })
            .collect();
        if std::env::var_os("NEWSGRAPH_DEBUG").is_some() {
            let shown: Vec<String> = actors
                .iter()
                .map(|a| {
                    let toks = &sentence.tokens;
                    format!(
                        "[{}{}={}]",
                        if a.acts { "" } else { "~" },
                        &text[toks[a.first_token].start..toks[a.end_token - 1].end],
                        clusters.list[a.entity].name
                    )
                })
                .collect();
            eprintln!("{}\n    {}", &text[sentence.span.clone()], shown.join(" "));
        }
        let reader = RelationReader {
            words: &words,
            actors: &actors,
            last_person: salient,
            last_group: &group,
            lex,
            triggers,
        };
        for found in reader.read() {
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
            if let (Some(person), Some(state_actor)) = (c, m.affiliation) {
                let key = format!("actor:{state_actor}");
                if let Some(&state) = clusters.by_key.get(&key) {
                    let evidence = Evidence {
                        article: article.id.clone(),
                        sentence: text[sentence.span.clone()].to_string(),
                        sentence_start: sentence.span.start,
                        trigger: (m.start, m.end),
                    };
                    let list = edges
                        .entry((*person, Relation::AffiliatedWith, state))
                        .or_default();
                    if list.is_empty() {
                        list.push(evidence);
                    }
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

/// The sentence's tokens lowercased into one buffer (curly apostrophes made straight, a
/// possessive as `'s`), with each token's range in it: one allocation per sentence.
fn lowercase_words(text: &str, sentence: &Sentence) -> (String, Vec<std::ops::Range<usize>>) {
    let mut buf = String::with_capacity(sentence.span.len() + 8);
    let mut ranges = Vec::with_capacity(sentence.tokens.len());
    for t in &sentence.tokens {
        let start = buf.len();
        if t.kind == TokenKind::Possessive {
            buf.push_str("'s");
        } else {
            for c in t.text(text).chars() {
                match c {
                    '\u{2019}' => buf.push('\''),
                    c if c.is_ascii() => buf.push(c.to_ascii_lowercase()),
                    c => buf.extend(c.to_lowercase()),
                }
            }
        }
        ranges.push(start..buf.len());
    }
    (buf, ranges)
}
