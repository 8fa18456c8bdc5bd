//! `lexicon import-petrarch`: a PETRARCH actor dictionary (as JSON) -> a user lexicon in our TOML.
//!
//! Input: `{"actors": {"Surface form": {"code": "GON", "name": "Gondor"}, ...},
//! "agents_suffix": {...}}`. PETRARCH gives every surface form the actor it codes to, with no
//! type. The rules here guess one, and the output says so at the top for the user to check:
//! - An actor whose name starts with a known given name ("Sam Gamgee") is a `[[person]]`.
//! - Otherwise an actor with a three-letter code is a `[[state]]`, and a longer code an
//!   `[[organization]]`, belonging to the state whose code starts it (`MORMIL` -> `MOR`).
//! - A state's other forms are demonyms when they extend its name by a demonym ending
//!   ("Arnorian", "Eriadori"), else aliases. PETRARCH codes leaders and cities as their state, so
//!   those become aliases too: move leaders to `[[person]]` and capitals to `capitals` by hand.
//! - Agents (role words such as "president") are listed in a comment, not imported.

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Deserialize)]
struct PetrarchFile {
    actors: BTreeMap<String, PetrarchActor>,
    #[serde(default)]
    agents_suffix: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct PetrarchActor {
    code: String,
    name: String,
}

#[derive(Serialize, Default)]
struct LexiconOut {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    state: Vec<StateOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    organization: Vec<OrgOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    person: Vec<PersonOut>,
}

#[derive(Serialize)]
struct StateOut {
    name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    demonyms: Vec<String>,
}

#[derive(Serialize)]
struct OrgOut {
    name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    state: Option<String>,
}

#[derive(Serialize)]
struct PersonOut {
    name: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    aliases: Vec<String>,
}

/// Endings that make a form a demonym of the name it extends.
const DEMONYM_ENDINGS: [&str; 8] = ["ians", "ian", "ans", "an", "ese", "ish", "is", "i"];

/// Converts PETRARCH JSON to our lexicon TOML; `is_given_name` tells persons from states.
pub fn convert(json: &str, source: &str, is_given_name: &dyn Fn(&str) -> bool) -> Result<String> {
    let file: PetrarchFile =
        serde_json::from_str(json).context("expected a PETRARCH actor dictionary as JSON")?;
    // Canonical name -> (code, other forms), sorted by name.
    let mut actors: BTreeMap<&str, (&str, Vec<&str>)> = BTreeMap::new();
    for (form, actor) in &file.actors {
        let entry = actors
            .entry(actor.name.as_str())
            .or_insert((actor.code.as_str(), Vec::new()));
        if form != &actor.name {
            entry.1.push(form.as_str());
        }
    }
    let state_codes: BTreeMap<&str, &str> = actors
        .iter()
        .filter(|(_, (code, _))| code.len() == 3)
        .map(|(name, (code, _))| (*code, *name))
        .collect();
    let mut out = LexiconOut::default();
    for (name, (code, forms)) in &actors {
        let aliases = |pred: &dyn Fn(&str) -> bool| -> Vec<String> {
            forms
                .iter()
                .filter(|f| pred(f))
                .map(|f| f.to_string())
                .collect()
        };
        let first_word = name.split_whitespace().next().unwrap_or("");
        if name.contains(' ') && is_given_name(first_word) {
            out.person.push(PersonOut {
                name: name.to_string(),
                aliases: aliases(&|_| true),
            });
        } else if code.len() == 3 {
            out.state.push(StateOut {
                name: name.to_string(),
                aliases: aliases(&|f| !is_demonym(f, name)),
                demonyms: aliases(&|f| is_demonym(f, name)),
            });
        } else {
            let state = code
                .get(..3)
                .and_then(|prefix| state_codes.get(prefix))
                .map(|s| s.to_string());
            out.organization.push(OrgOut {
                name: name.to_string(),
                aliases: aliases(&|_| true),
                state,
            });
        }
    }
    let body = toml::to_string(&out).context("cannot write TOML")?;
    Ok(format!("{}{body}", header(source, &file.agents_suffix)))
}

fn is_demonym(form: &str, name: &str) -> bool {
    let stem = name.trim_end_matches(['a', 'e', 'o', 'y']);
    DEMONYM_ENDINGS.iter().any(|ending| {
        form.strip_suffix(ending)
            .is_some_and(|base| base == name || (base.len() >= 4 && base == stem))
    })
}

fn header(source: &str, agents: &BTreeMap<String, String>) -> String {
    let mut text = format!(
        "# Converted from the PETRARCH actor dictionary {source} by `newsgraph lexicon import-petrarch`.\n\
         # Types are guessed (see `newsgraph lexicon import-petrarch --help`). PETRARCH codes leaders\n\
         # and cities as their state, so they are aliases below: move leaders to [[person]] entries\n\
         # (name, title, affiliation) and capitals to `capitals`.\n"
    );
    if !agents.is_empty() {
        let names: Vec<&str> = agents.keys().map(String::as_str).collect();
        text += &format!(
            "# Agents not imported (the built-in titles and role nouns cover most): {}.\n",
            names.join(", ")
        );
    }
    text + "\n"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn states_demonyms_persons_and_organizations_are_told_apart() {
        let json = r#"{"actors": {
            "Arnor": {"code": "ARN", "name": "Arnor"},
            "Arnorian": {"code": "ARN", "name": "Arnor"},
            "Eriador": {"code": "ERI", "name": "Eriador"},
            "Eriadori": {"code": "ERI", "name": "Eriador"},
            "Romendacil": {"code": "ERI", "name": "Eriador"},
            "Mordor": {"code": "MOR", "name": "Mordor"},
            "Cirith Ungol": {"code": "MORMIL", "name": "Mordor military"},
            "Sam Gamgee": {"code": "HOB", "name": "Sam Gamgee"}
        }, "agents_suffix": {"president": "GOV"}}"#;
        let toml = convert(json, "x.json", &|w| w == "Sam").unwrap();
        let body = toml.split_once("\n\n").unwrap().1;
        assert_eq!(
            body,
            "[[state]]\nname = \"Arnor\"\ndemonyms = [\"Arnorian\"]\n\n\
             [[state]]\nname = \"Eriador\"\naliases = [\"Romendacil\"]\ndemonyms = [\"Eriadori\"]\n\n\
             [[state]]\nname = \"Mordor\"\n\n\
             [[organization]]\nname = \"Mordor military\"\naliases = [\"Cirith Ungol\"]\nstate = \"Mordor\"\n\n\
             [[person]]\nname = \"Sam Gamgee\"\n"
        );
        assert!(toml.contains(
            "# Agents not imported (the built-in titles and role nouns cover most): president.\n"
        ));
    }

    #[test]
    fn a_file_that_is_not_a_petrarch_dictionary_says_what_was_expected() {
        let err = convert("{\"nodes\": []}", "x.json", &|_| false).unwrap_err();
        assert!(
            format!("{err:#}").starts_with("expected a PETRARCH actor dictionary as JSON: "),
            "{err:#}"
        );
    }
}
