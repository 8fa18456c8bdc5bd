//! Article-wide checks on mentions before they are merged: ambiguous sentence openers, headline
//! verbs glued to names, and acronyms an article defines.

use super::super::lexicon::Lexicon;
use super::super::mentions::{Mention, Referent};
use super::super::text::Sentence;
use crate::model::EntityType;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

/// "Turkey" or "Republicans" opening a sentence is the actor only when the article names that
/// actor somewhere else too; otherwise it is the English word.
pub(super) fn drop_unsupported(read: &mut [Vec<Mention>]) {
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
pub(super) fn trim_headline_verbs(
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
pub(super) fn learn_acronyms(
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
