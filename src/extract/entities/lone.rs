//! Lone names ("Kerry", "President Trump") and offices ("the president", "the Russian leader")
//! resolved to the persons, or states, they stand for.

use super::super::lexicon::Lexicon;
use super::super::mentions::{Mention, Referent};
use super::super::text::Sentence;
use super::{Cluster, ClusterKey, Clusters, SentenceMentions, lowercase_into};
use crate::model::EntityType;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// A lone name ("Kerry", "Mr. Brunson") joins the person whose name ends (or begins) with it,
/// the most mentioned (then most recent) when several do. A lone name with a cue (a title, "Mr.",
/// a verb of saying) and no such person is a person of its own, and then every bare use of that
/// name anywhere in the article joins it. An office ("the president") joins the person who holds it.
pub(super) fn resolve_singles(
    lex: &Lexicon,
    text: &str,
    sentence_list: &[Sentence],
    sentences: &mut [SentenceMentions],
    clusters: &mut Clusters,
) {
    let words = lone_words(lex, text, sentence_list, sentences);
    let mut persons = PersonIndex::new(clusters, &words);
    let first_seen = add_lone_name_persons(lex, sentences, clusters, &words, &mut persons);
    // A lone-name person ("Trump" from "President Trump") is as salient as the bare uses of its
    // name, counted over the whole article: a headline's "Trump meets Kim" is about him, not
    // about "Ivanka Trump" named once further down.
    let expected: Vec<u32> = clusters
        .list
        .iter()
        .map(|c| {
            c.only_word()
                .and_then(|w| words.get(w))
                .map_or(0, |l| l.bare_uses)
        })
        .collect();
    // Offices of a state ("the Russian leader") go last, once every lone name ("Putin of
    // Russia") has its person and so its state.
    for state_offices in [false, true] {
        assign_pass(
            text,
            sentences,
            clusters,
            &persons,
            &first_seen,
            &expected,
            state_offices,
        );
    }
}

/// What the article does with one lone name word, over all its lone mentions.
#[derive(Default)]
struct LoneWord {
    /// Mentions of it not resolved to any entity yet.
    bare_uses: u32,
    /// Some mention stands inside a sentence, not at its start.
    inside: bool,
    /// Uses inside sentences, or `None` once one is a place.
    recurring: Option<u32>,
    /// It recurs as a surname: see `lone_words`.
    surname: bool,
}

/// The article's lone name words. A capitalised word that is no English word and recurs inside
/// sentences ("criticized Obama", "the Obama administration") is a surname even with no title
/// in sight. Places ("in Sinjar", "from Irbil") are never counted: one such use rules the word out.
fn lone_words<'a>(
    lex: &Lexicon,
    text: &str,
    sentence_list: &[Sentence],
    sentences: &'a [SentenceMentions],
) -> HashMap<&'a str, LoneWord> {
    // Sized for a typical article, so the table rarely grows.
    let mut words: HashMap<&str, LoneWord> =
        HashMap::with_capacity_and_hasher(64, Default::default());
    for (s, sentence) in sentences.iter().zip(sentence_list) {
        for (m, slot) in s.mentions.iter().zip(&s.clusters) {
            let Referent::Single(word) = &m.referent else {
                continue;
            };
            let lone = words.entry(word.as_str()).or_insert(LoneWord {
                recurring: Some(0),
                ..LoneWord::default()
            });
            lone.inside |= m.first_token > 0;
            if slot.is_some() {
                continue;
            }
            lone.bare_uses += 1;
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
            if place {
                lone.recurring = None;
            } else if let Some(n) = lone.recurring.as_mut()
                && m.first_token > 0
            {
                *n += 1;
            }
        }
    }
    for (word, lone) in words.iter_mut() {
        lone.surname = lone.recurring.unwrap_or(0) >= 2
                && !word.ends_with('s')
                && !lex.is_english(word)
                && !lex.is_common(word)
                && word.chars().any(char::is_lowercase)
                // "(R-Texas)": a party and state tag, not a name.
                && word.split_once('-').is_none_or(|(head, _)| head.chars().count() != 1);
    }
    words
}

/// Makes a person of a lone name with a cue ("President Trump", "Mr. Brunson", "Putin said")
/// or a recurring surname, when no person with that name was introduced before it: a bare name
/// used before any full name is someone the reader knows, not a later namesake. Returns when
/// each entity was first mentioned, by mention order (`usize::MAX` for never).
fn add_lone_name_persons(
    lex: &Lexicon,
    sentences: &[SentenceMentions],
    clusters: &mut Clusters,
    words: &HashMap<&str, LoneWord>,
    persons: &mut PersonIndex,
) -> Vec<usize> {
    // The sentence where each named entity first appears: a headline's "Blair says" is
    // followed within a few sentences by "Tony Blair".
    let mut first_sentence = vec![usize::MAX; clusters.list.len()];
    for (n, s) in sentences.iter().enumerate() {
        for &id in s.clusters.iter().flatten() {
            first_sentence[id] = first_sentence[id].min(n);
        }
    }
    let mut first_seen = vec![usize::MAX; clusters.list.len()];
    let mut order = 0usize;
    for (n, s) in sentences.iter().enumerate() {
        for (m, slot) in s.mentions.iter().zip(&s.clusters) {
            order += 1;
            if let Some(id) = slot {
                first_seen[*id] = first_seen[*id].min(order);
                continue;
            }
            let Referent::Single(word) = &m.referent else {
                continue;
            };
            let lone = &words[word.as_str()];
            if !(m.person_cue || lone.surname) {
                continue;
            }
            // "Officials said", "Opposition says": an English word is a name only after a
            // title or when it also stands capitalised inside a sentence ("said Trump").
            if m.title.is_none() && lex.is_english(word) && !lone.inside {
                continue;
            }
            // A candidate soon after counts only if the offices agree: "President Trump" is not
            // "First Lady Melania Trump".
            let title = m.title.as_deref().filter(|t| !is_courtesy(t));
            let agrees = |c: usize| match (title, clusters.list[c].title.as_deref()) {
                (Some(a), Some(b)) => a.eq_ignore_ascii_case(b),
                _ => true,
            };
            let introduced = persons.get(word).iter().any(|&c| {
                first_seen.get(c).is_some_and(|&at| at < order)
                    || (first_sentence.get(c).is_some_and(|&at| at <= n + 3) && agrees(c))
            });
            if introduced {
                continue;
            }
            let n_clusters = clusters.list.len();
            lowercase_into(word, &mut clusters.key);
            let id = clusters.get_or_add_name(true, || Cluster {
                lone: true,
                ..Cluster::new(word.clone(), EntityType::Person, None)
            });
            if id == n_clusters {
                persons.add(id, &clusters.list[id], words);
                first_seen.push(usize::MAX);
            }
            first_seen[id] = first_seen[id].min(order);
        }
    }
    first_seen
}

/// "President Obama" in the opening lines, "President Barack Obama" further down: one person
/// when the offices agree and only one full name fits. (A lone name met before its namesake
/// stays its own person otherwise: "Trump" is not "First Lady Melania Trump".)
pub(super) fn merge_titled_namesakes(sentences: &mut [SentenceMentions], clusters: &mut Clusters) {
    let person = |c: &Cluster| c.entity_type == EntityType::Person && c.mentions > 0;
    // Titled lone names first: most articles have none, and then nothing is built.
    let titled: Vec<(usize, &str, &str)> = clusters
        .list
        .iter()
        .enumerate()
        .filter_map(|(i, c)| Some((i, c.only_word()?, c.title.as_deref()?)))
        .filter(|&(i, _, title)| person(&clusters.list[i]) && !is_courtesy(title))
        .collect();
    if titled.is_empty() {
        return;
    }
    let mut full_by_last: HashMap<&str, Vec<usize>> = HashMap::default();
    for (j, c) in clusters.list.iter().enumerate() {
        if person(c)
            && c.n_words >= 2
            && let Some(last) = c.name_words().next_back()
        {
            full_by_last.entry(last).or_default().push(j);
        }
    }
    let mut into: HashMap<usize, usize> = HashMap::default();
    for (i, word, title) in titled {
        let agrees = |j: &&usize| {
            clusters.list[**j]
                .title
                .as_deref()
                .is_some_and(|t| t.eq_ignore_ascii_case(title))
        };
        let fits: Vec<usize> = full_by_last
            .get(word)
            .map(|js| js.iter().filter(agrees).copied().collect())
            .unwrap_or_default();
        if let [j] = fits[..] {
            into.insert(i, j);
        }
    }
    if into.is_empty() {
        return;
    }
    for s in sentences.iter_mut() {
        for slot in s.clusters.iter_mut().flatten() {
            if let Some(&j) = into.get(slot) {
                *slot = j;
            }
        }
    }
    for (&i, &j) in &into {
        let forms = std::mem::take(&mut clusters.list[i].forms);
        let mentions = std::mem::replace(&mut clusters.list[i].mentions, 0);
        let target = &mut clusters.list[j];
        for form in forms {
            if !target.forms.contains(&form) {
                target.forms.push(form);
            }
        }
        target.mentions += mentions;
    }
}

/// The states each resolved person is affiliated with ("Russian President Vladimir Putin").
pub(super) fn affiliations(sentences: &[SentenceMentions]) -> HashMap<usize, HashSet<usize>> {
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
    persons: &PersonIndex,
    first_seen: &[usize],
    expected: &[u32],
    state_offices: bool,
) {
    let pending = |m: &Mention, slot: &Option<usize>| {
        let state_office = || matches!(m.referent, Referent::Role(_)) && m.affiliation.is_some();
        slot.is_none() && state_office() == state_offices
    };
    let mut all = sentences
        .iter()
        .flat_map(|s| s.mentions.iter().zip(&s.clusters));
    // Only offices of a state ask whom a person serves: that is built only when one is pending
    // (the pass over the mentions is nothing to save in the other pass).
    let affiliated = match state_offices {
        true if all.any(|(m, slot)| pending(m, slot)) => affiliations(sentences),
        true => return,
        false => HashMap::default(),
    };
    let mut order = 0usize;
    // Kept from mention to mention, as most are lone names.
    let mut candidates: Vec<usize> = Vec::new();
    for s in sentences.iter_mut() {
        for (m, slot) in s.mentions.iter().zip(s.clusters.iter_mut()) {
            order += 1;
            if !pending(m, slot) {
                continue;
            }
            match &m.referent {
                Referent::Single(word) => {
                    candidates.clear();
                    candidates.extend_from_slice(persons.get(word));
                }
                Referent::Role(role) => {
                    candidates = match m.affiliation {
                        // "the Russian leader": the office holder of that state, or its leader.
                        Some(state) => {
                            // Only a holder known to serve that state: "the Russian president"
                            // is not President Obama.
                            let of_state = |i: &usize| {
                                affiliated.get(i).is_some_and(|set| set.contains(&state))
                            };
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
                    }
                }
                _ => continue,
            };
            let introduced = |i: &usize| first_seen.get(*i).is_some_and(|&at| at <= order);
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
                    clusters.list[*i].mentions.max(expected[*i]),
                    std::cmp::Reverse(first_seen.get(*i).copied().unwrap_or(usize::MAX)),
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
                c.note_forms(m, &text[m.start..m.end]);
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

pub(super) fn is_courtesy(title: &str) -> bool {
    matches!(
        title,
        "Mr." | "Mrs." | "Ms." | "Mr" | "Mrs" | "Ms" | "Dr." | "Dr" | "Miss"
    )
}

/// Persons a lone name can stand for, by word: full names containing it (trailing commas
/// dropped), or a lone-name person. Each list is in cluster order. Only the article's lone
/// name words are kept, as only they are looked up.
struct PersonIndex(HashMap<String, Vec<usize>>);

impl PersonIndex {
    fn new(clusters: &Clusters, lone: &HashMap<&str, LoneWord>) -> PersonIndex {
        let mut index = PersonIndex(HashMap::with_capacity_and_hasher(
            lone.len(),
            Default::default(),
        ));
        for (id, c) in clusters.list.iter().enumerate() {
            index.add(id, c, lone);
        }
        index
    }

    /// Adds a cluster, which must come after every cluster added before.
    fn add(&mut self, id: usize, c: &Cluster, lone: &HashMap<&str, LoneWord>) {
        if c.entity_type != EntityType::Person || lone.is_empty() {
            return;
        }
        for w in c.name_words() {
            let w = w.trim_end_matches(',');
            if !lone.contains_key(w) {
                continue;
            }
            let list = match self.0.get_mut(w) {
                Some(list) => list,
                None => self.0.entry(w.to_string()).or_default(),
            };
            if list.last() != Some(&id) {
                list.push(id);
            }
        }
    }

    fn get(&self, word: &str) -> &[usize] {
        self.0.get(word).map_or(&[], Vec::as_slice)
    }
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
