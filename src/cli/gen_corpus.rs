//! `gen-corpus`: deterministic synthetic articles for benchmarks, built from the lexicon.
//!
//! Sentences put lexicon states and made-up persons around the lexicon's own trigger words, so
//! the extractor finds relations in them. The same seed always gives the same files. Used only
//! for measuring ingest; the text is not meant to be realistic news.

use newsgraph::extract::Lexicon;
use newsgraph::model::{EntityType, Relation};
use std::path::Path;

/// Surnames for made-up persons (given names come from the lexicon).
const SURNAMES: [&str; 40] = [
    "Abernathy",
    "Baranov",
    "Castellano",
    "Dubois",
    "Eriksen",
    "Fontaine",
    "Gallagher",
    "Hartmann",
    "Ivanova",
    "Jaramillo",
    "Kowalczyk",
    "Lindqvist",
    "Moreau",
    "Nakamura",
    "Okonkwo",
    "Petrov",
    "Quintero",
    "Rahimi",
    "Santoro",
    "Takahashi",
    "Underwood",
    "Varga",
    "Whitfield",
    "Yilmaz",
    "Zielinski",
    "Achterberg",
    "Bellamy",
    "Cardenas",
    "Delacroix",
    "Esposito",
    "Fitzgerald",
    "Grimaldi",
    "Halvorsen",
    "Iglesias",
    "Janssen",
    "Kaminski",
    "Lombardi",
    "Marchetti",
    "Novak",
    "Ostrowski",
];

/// Sentences with no actor and no trigger word, to give articles a realistic length.
const FILLERS: [&str; 8] = [
    "Markets were calm on the day.",
    "Observers expect further statements next week.",
    "The weather in the region remained mild.",
    "Details of the agenda were not published.",
    "Analysts said the situation remained fluid.",
    "Local newspapers carried the story on their front pages.",
    "The situation on the ground was described as tense but stable.",
    "Reporters gathered outside the building throughout the afternoon.",
];

const WEEKDAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// Writes `n_articles` files under `dir` (1,000 per subfolder) and returns the bytes written.
pub fn generate(
    lexicon: &Lexicon,
    n_articles: usize,
    seed: u64,
    dir: &Path,
) -> std::io::Result<u64> {
    let vocabulary = Vocabulary::new(lexicon);
    if vocabulary.states.is_empty() || vocabulary.given.is_empty() || vocabulary.verbs.is_empty() {
        return Err(std::io::Error::other(
            "the lexicon has no states, given names or past-tense trigger verbs to build sentences from",
        ));
    }
    let mut rng = SplitMix64(seed);
    let mut bytes = 0;
    for i in 0..n_articles {
        let folder = dir.join(format!("{:04}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&folder)?;
        }
        let text = vocabulary.article(&mut rng);
        bytes += text.len() as u64;
        std::fs::write(folder.join(format!("{i:07}.txt")), text)?;
    }
    Ok(bytes)
}

struct Vocabulary {
    states: Vec<String>,
    given: Vec<String>,
    verbs: Vec<(Relation, Vec<String>)>,
}

impl Vocabulary {
    fn new(lexicon: &Lexicon) -> Vocabulary {
        let mut states: Vec<String> = lexicon
            .actors
            .iter()
            .filter(|a| a.entity_type == EntityType::State)
            .map(|a| a.name.clone())
            .collect();
        states.sort();
        let mut given: Vec<String> = lexicon
            .given_names
            .iter()
            .filter(|g| g.len() > 3 && g.chars().next().is_some_and(char::is_uppercase))
            .cloned()
            .collect();
        given.sort();
        given.truncate(400);
        // Simple past forms only, so every template stays grammatical.
        let verbs = lexicon
            .triggers
            .iter()
            .filter(|(r, _)| *r != Relation::AffiliatedWith)
            .map(|(r, set)| {
                let past: Vec<String> = set
                    .verbs
                    .iter()
                    .filter(|v| !v.contains(' ') && (v.ends_with("ed") || v.as_str() == "met"))
                    .take(8)
                    .cloned()
                    .collect();
                (*r, past)
            })
            .filter(|(_, v)| !v.is_empty())
            .collect();
        Vocabulary {
            states,
            given,
            verbs,
        }
    }

    fn article(&self, rng: &mut SplitMix64) -> String {
        let persons: Vec<String> = (0..3)
            .map(|_| format!("{} {}", rng.pick(&self.given), rng.pick(&SURNAMES)))
            .collect();
        let states: Vec<&String> = (0..3).map(|_| rng.pick(&self.states)).collect();
        let mut actors: Vec<String> = persons.clone();
        actors.extend(states.iter().map(|s| s.to_string()));
        let mut sentences = vec![format!(
            "{} held talks with {} in the capital of {} on {}.",
            persons[0],
            persons[1],
            states[0],
            rng.pick(&WEEKDAYS)
        )];
        let n_sentences = 8 + rng.below(8);
        for _ in 0..n_sentences {
            if rng.below(3) == 0 {
                sentences.push(rng.pick(&FILLERS).to_string());
                continue;
            }
            let a = rng.pick(&actors).clone();
            let b = rng.pick(&actors).clone();
            if a == b {
                continue;
            }
            sentences.push(self.relation_sentence(rng, &a, &b));
        }
        let mut text = format!("{} and {} in focus\n\n", persons[0], states[0]);
        for chunk in sentences.chunks(4) {
            text.push_str(&chunk.join(" "));
            text.push_str("\n\n");
        }
        text
    }

    fn relation_sentence(&self, rng: &mut SplitMix64, a: &str, b: &str) -> String {
        let (relation, verbs) = rng.pick(&self.verbs);
        let verb = rng.pick(verbs);
        let day = rng.pick(&WEEKDAYS);
        match relation {
            Relation::PledgedAidTo => {
                format!(
                    "{a} {verb} {} million dollars in aid to {b} on {day}.",
                    1 + rng.below(900)
                )
            }
            Relation::RefusedToCoordinateWith => {
                format!("{a} {verb} to coordinate with {b} on the matter.")
            }
            Relation::Condemned => format!("{a} {verb} {b} on {day} for the violence."),
            _ => format!("{a} {verb} {b} on {day}."),
        }
    }
}

/// A small, fast, seedable generator (SplitMix64), so corpora are the same on every machine.
struct SplitMix64(u64);

impl SplitMix64 {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}
