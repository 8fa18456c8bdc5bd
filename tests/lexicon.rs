//! `--lexicon FILE`: a user's own actors and trigger words, without recompiling.
//!
//! The fixture `tests/fixtures/middle-earth.toml` describes a made-up world (derived from
//! PETRARCH2's validation dictionaries, `shared/sentences/petrarch-actors.json`), and
//! `tests/fixtures/middle-earth/` holds sentences from `shared/sentences/petrarch.jsonl`, one per
//! file. None of these actors is built in, so every hit below comes from the user's file.

mod common;
use common::newsgraph;

use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// The nodes as `(id, type)` and the edges as `source -[relation]-> target`, extracted from one
/// fixture sentence with the user lexicon, or without it.
fn extract(sentence: &str, with_lexicon: bool) -> (Vec<(String, String)>, Vec<String>) {
    let file = fixture(&format!("middle-earth/{sentence}.txt"));
    let lexicon = fixture("middle-earth.toml");
    let mut args = vec!["extract", file.to_str().unwrap()];
    if with_lexicon {
        args.extend(["--lexicon", lexicon.to_str().unwrap()]);
    }
    let out = newsgraph(&args, Path::new(env!("CARGO_MANIFEST_DIR")));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let nodes = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            (
                n["id"].as_str().unwrap().into(),
                n["type"].as_str().unwrap().into(),
            )
        })
        .collect();
    let edges = doc["edges"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            format!(
                "{} -[{}]-> {}",
                e["source"].as_str().unwrap(),
                e["relation"].as_str().unwrap(),
                e["target"].as_str().unwrap()
            )
        })
        .collect();
    (nodes, edges)
}

fn has_node(nodes: &[(String, String)], id: &str, entity_type: &str) -> bool {
    nodes.iter().any(|(i, t)| i == id && t == entity_type)
}

#[test]
fn a_made_up_country_and_its_leader_are_found_and_related() {
    // "Bree President Romendacil arrived in Gondor on Monday on his first official foreign visit ..."
    let (nodes, edges) = extract("demo-17", true);
    assert!(has_node(&nodes, "bree", "state"), "{nodes:?}");
    assert!(has_node(&nodes, "gondor", "state"), "{nodes:?}");
    assert!(has_node(&nodes, "romendacil", "person"), "{nodes:?}");
    assert!(
        edges.contains(&"romendacil -[affiliated-with]-> bree".to_string()),
        "{edges:?}"
    );
    assert!(
        edges.contains(&"gondor -[met-with]-> romendacil".to_string())
            || edges.contains(&"romendacil -[met-with]-> gondor".to_string()),
        "{edges:?}"
    );
}

#[test]
fn without_the_user_lexicon_the_made_up_states_are_unknown() {
    let (nodes, edges) = extract("demo-17", false);
    assert!(!has_node(&nodes, "bree", "state"), "{nodes:?}");
    assert!(!has_node(&nodes, "gondor", "state"), "{nodes:?}");
    assert!(edges.is_empty(), "{edges:?}");
}

#[test]
fn user_actors_of_every_type_take_part_in_relations() {
    let cases = [
        // "Sam Gamgee met a bunch of Morgul Orcs."
        ("date-09", "morgul-orcs -[met-with]-> sam-gamgee"),
        // "The Calenardhon government condemned an attack by Osgiliath soldiers ..."
        ("demo-06", "calenardhon -[condemned]-> osgiliath"),
        // "Gondor's Prime Minister Falastur noted that ... Calenardhon leader Calimehtar."
        ("demo-10", "falastur -[affiliated-with]-> gondor"),
        ("demo-10", "calimehtar -[affiliated-with]-> calenardhon"),
        // "Dagolath's first Deputy Prime Minister Telemar left for Minas Tirith ..."
        ("demo-02", "telemar -[affiliated-with]-> dagolath"),
    ];
    for (sentence, edge) in cases {
        let (_, edges) = extract(sentence, true);
        assert!(edges.contains(&edge.to_string()), "{sentence}: {edges:?}");
    }
}

#[test]
fn user_trigger_words_extend_the_built_in_ones() {
    // `tut-tutted` (condemned) and `contribute` + `rupees` (pledged-aid-to) are only in the
    // fixture's trigger sections.
    let (_, edges) = extract("tut-tut", true);
    assert_eq!(edges, ["gondor -[condemned]-> arnor"]);
    // "Arnor will contribute a million rupees to Gondor almost five years after ..."
    let (_, edges) = extract("synset-07a", true);
    assert_eq!(edges, ["arnor -[pledged-aid-to]-> gondor"]);
}

#[test]
fn a_user_lexicon_loads_into_the_graph_and_answers_queries() {
    let dir = tempfile::tempdir().unwrap();
    let folder = fixture("middle-earth");
    let lexicon = fixture("middle-earth.toml");
    let out = newsgraph(
        &[
            "load",
            folder.to_str().unwrap(),
            "--lexicon",
            lexicon.to_str().unwrap(),
            "--db",
            "me.db",
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let q = "MATCH (p:Person)-[:AFFILIATED_WITH]->(s:State) RETURN p.name, s.name ORDER BY p.name";
    let out = newsgraph(
        &["query", q, "--db", "me.db", "--format", "csv"],
        dir.path(),
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "p.name,s.name\nCalimehtar,Calenardhon\nFalastur,Gondor\nRomendacil,Bree\nTelemar,Dagolath\n"
    );
}

// Harder sentences from the made-up world: plans, fronted passives, money that is no meeting.

#[test]
fn demo_11_a_planned_meeting_relates_no_one() {
    // "Bree Prime Minister Romendacil will meet Eriadori and Calenardhon leaders during a brief
    // private visit to Eriador starting on Sunday." A plan ("will meet") is no relation
    // (shared/EVAL.md: hypothetical statements), and the coordinated objects are never related
    // to each other.
    let (_, edges) = extract("demo-11", true);
    assert!(!edges.iter().any(|e| e.contains("met-with")), "{edges:?}");
}

#[test]
fn passive_05_a_fronted_passive_names_the_target_after_the_clause() {
    // "Rebuked by Eriador, the state's fiercest foe, Osgiliath is being drawn into the peace
    // process by its resumption of diplomatic ties with Gondor."
    let (_, edges) = extract("passive-05", true);
    assert_eq!(edges, ["eriador -[condemned]-> osgiliath"]);
}

#[test]
fn passive_03_received_money_is_not_a_meeting() {
    // "Eriador has received by courier money from Osgiliath, the state's fiercest foe, to be
    // drawn into the peace process by its resumption of diplomatic ties with Gondor."
    let (_, edges) = extract("passive-03", true);
    assert!(!edges.iter().any(|e| e.contains("met-with")), "{edges:?}");
}

#[test]
fn a_petrarch_dictionary_converts_to_a_lexicon_the_extractor_uses() {
    let dir = tempfile::tempdir().unwrap();
    let json = fixture("petrarch-actors.json");
    let out = newsgraph(
        &[
            "lexicon",
            "import-petrarch",
            json.to_str().unwrap(),
            "-o",
            "pe.toml",
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let toml = std::fs::read_to_string(dir.path().join("pe.toml")).unwrap();
    assert!(
        toml.contains("[[state]]\nname = \"Gondor\"\naliases = [\"Anorien\", \"Minas Tirith\"]\n"),
        "{toml}"
    );
    assert!(
        toml.contains("[[person]]\nname = \"Sam Gamgee\"\n"),
        "{toml}"
    );
    assert!(
        toml.contains(
            "name = \"Mordor military\"\naliases = [\"Cirith Ungol\"]\nstate = \"Mordor\"\n"
        ),
        "{toml}"
    );
    // The converted file works as a user lexicon straight away.
    let sentence = fixture("middle-earth/demo-06.txt");
    let out = newsgraph(
        &[
            "extract",
            sentence.to_str().unwrap(),
            "--lexicon",
            "pe.toml",
            "--format",
            "text",
        ],
        dir.path(),
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("Calenardhon -[condemned]-> Osgiliath"),
        "{text}"
    );
}

#[test]
fn a_user_lexicon_affiliation_becomes_an_affiliated_with_edge() {
    // "Falastur met Romendacil on Tuesday to discuss the border between Gondor and Bree.": no
    // modifier says whose leader each is; the lexicon does.
    let (_, edges) = extract("lexicon-affiliation", true);
    for edge in [
        "falastur -[affiliated-with]-> gondor",
        "romendacil -[affiliated-with]-> bree",
    ] {
        assert!(edges.contains(&edge.to_string()), "{edges:?}");
    }
}
