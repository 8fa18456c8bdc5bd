//! GRAPH-JSON both ways: the export holds exactly the contract's fields (`shared/GRAPH-JSON.md`),
//! and export -> load -> export gives the same bytes, through the binary and on random graphs.

use newsgraph::export::import::{graph_from_json, read_graph_json};
use newsgraph::export::json::{graph_to_json, to_string, write_graph_json};
use newsgraph::graph::{ArticleGraph, EdgeRecord, EntityRecord, KnowledgeGraph};
use newsgraph::model::{EntityType, Evidence, Relation};
use proptest::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

fn newsgraph(args: &[&str], dir: &Path) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("binary runs");
    assert!(
        out.status.success(),
        "newsgraph {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn exported(graph: &KnowledgeGraph) -> String {
    let mut out = Vec::new();
    write_graph_json(graph, &mut out).unwrap();
    String::from_utf8(out).unwrap()
}

/// The contract's fields, then ours (allowed: "add fields freely"). A new field must be added here.
const NODE_FIELDS: [&str; 4] = ["id", "name", "type", "aliases"];
const NODE_EXTRA: [&str; 3] = ["title", "mentions", "articles"];
const EDGE_FIELDS: [&str; 4] = ["source", "target", "relation", "evidence"];
const EVIDENCE_FIELDS: [&str; 2] = ["article", "sentence"];
const EVIDENCE_EXTRA: [&str; 2] = ["offset", "trigger"];

fn keys(object: &Value) -> BTreeSet<&str> {
    object
        .as_object()
        .expect("an object")
        .keys()
        .map(String::as_str)
        .collect()
}

fn check_fields(object: &Value, required: &[&str], extra: &[&str], what: &str) {
    let found = keys(object);
    for field in required {
        assert!(found.contains(field), "{what} lacks `{field}`: {object}");
    }
    for field in &found {
        assert!(
            required.contains(field) || extra.contains(field),
            "{what} has an unknown field `{field}`: {object}"
        );
    }
}

#[test]
fn json_export_has_exactly_the_graph_json_fields() {
    let dir = tempfile::tempdir().unwrap();
    let articles = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/articles");
    newsgraph(
        &["load", articles.to_str().unwrap(), "--db", "g.db"],
        dir.path(),
    );
    let text = newsgraph(&["export", "--format", "json", "--db", "g.db"], dir.path()).stdout;
    let doc: Value = serde_json::from_slice(&text).unwrap();
    assert_eq!(keys(&doc), BTreeSet::from(["nodes", "edges"]));
    let nodes = doc["nodes"].as_array().unwrap();
    let edges = doc["edges"].as_array().unwrap();
    assert!(!nodes.is_empty() && !edges.is_empty());
    let mut ids = BTreeSet::new();
    for node in nodes {
        check_fields(node, &NODE_FIELDS, &NODE_EXTRA, "node");
        assert!(ids.insert(node["id"].as_str().unwrap()), "duplicate id");
        assert!(node["name"].is_string());
        let kind = node["type"].as_str().unwrap();
        assert!(
            ["person", "state", "organization"].contains(&kind),
            "{kind}"
        );
        assert!(
            node["aliases"]
                .as_array()
                .unwrap()
                .iter()
                .all(Value::is_string)
        );
    }
    let relations = [
        "met-with",
        "condemned",
        "pledged-aid-to",
        "refused-to-coordinate-with",
        "affiliated-with",
    ];
    for edge in edges {
        check_fields(edge, &EDGE_FIELDS, &[], "edge");
        assert!(ids.contains(edge["source"].as_str().unwrap()));
        assert!(ids.contains(edge["target"].as_str().unwrap()));
        let relation = edge["relation"].as_str().unwrap();
        assert!(relations.contains(&relation), "{relation}");
        let evidence = edge["evidence"].as_array().unwrap();
        assert!(!evidence.is_empty());
        for ev in evidence {
            check_fields(ev, &EVIDENCE_FIELDS, &EVIDENCE_EXTRA, "evidence");
            assert!(ev["article"].is_string() && ev["sentence"].is_string());
            // The trigger lies inside the sentence, both as bytes of the article.
            let offset = ev["offset"].as_u64().unwrap();
            let end = offset + ev["sentence"].as_str().unwrap().len() as u64;
            let trigger = &ev["trigger"];
            let (from, to) = (trigger[0].as_u64().unwrap(), trigger[1].as_u64().unwrap());
            assert!(offset <= from && from < to && to <= end, "{ev}");
        }
    }
}

/// Export, load the JSON into a new store, export again: the same bytes. Sample and 100 articles
/// of the shared corpus.
#[test]
fn export_load_export_is_byte_identical_through_the_binary() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let corpus = root.join("../shared/corpus");
    let mut inputs = vec![root.join("data/articles")];
    inputs.extend((1..=100).map(|n| corpus.join(format!("{n:04}.txt"))));
    for (name, paths) in [("sample", &inputs[..1]), ("corpus", &inputs[1..])] {
        let dir = tempfile::tempdir().unwrap();
        let mut args = vec!["load".to_string()];
        args.extend(paths.iter().map(|p| p.to_string_lossy().into_owned()));
        args.extend(["--db".into(), "a.db".into()]);
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        newsgraph(&args, dir.path());
        let export = |db: &str, out: &str| {
            newsgraph(
                &["export", "--format", "json", "--db", db, "-o", out],
                dir.path(),
            );
            std::fs::read_to_string(dir.path().join(out)).unwrap()
        };
        let first = export("a.db", "a.json");
        // Auto-detected by the .json extension, and forced for a name without one.
        newsgraph(&["load", "a.json", "--db", "b.db"], dir.path());
        std::fs::copy(dir.path().join("a.json"), dir.path().join("a.graph")).unwrap();
        newsgraph(
            &[
                "load",
                "--input-format",
                "graph-json",
                "a.graph",
                "--db",
                "c.db",
            ],
            dir.path(),
        );
        assert!(first.lines().count() > 50, "{name}: {first}");
        assert_eq!(export("b.db", "b.json"), first, "{name}: auto-detected");
        assert_eq!(export("c.db", "c.json"), first, "{name}: --input-format");
        // `--format` is an alias of `--input-format`; `-` reads the document from stdin.
        let status = Command::new(env!("CARGO_BIN_EXE_newsgraph"))
            .args(["load", "--format", "graph-json", "-", "--db", "d.db"])
            .current_dir(dir.path())
            .stdin(std::fs::File::open(dir.path().join("a.json")).unwrap())
            .status()
            .unwrap();
        assert!(status.success(), "{name}: load from stdin");
        assert_eq!(export("d.db", "d.json"), first, "{name}: stdin");
    }
}

const NAMES: [&str; 8] = [
    "John Kerry",
    "Kerry",
    "François Hollande",
    "Joe \"Uncle Joe\" Biden, Jr.",
    r"Back\slash <Co> & Sons",
    "Iran",
    "Iran",
    "Москва",
];

fn entity_record() -> impl Strategy<Value = EntityRecord> {
    (
        0..NAMES.len(),
        0..3usize,
        proptest::collection::btree_set("[A-Za-zé \"]{1,8}", 0..3),
        proptest::option::of("[A-Z][a-z]{2,8}"),
        1..5u32,
    )
        .prop_map(|(name, kind, aliases, title, mentions)| EntityRecord {
            name: NAMES[name].to_string(),
            entity_type: EntityType::ALL[kind],
            aliases,
            title,
            mentions,
        })
}

fn article_graph(article: usize) -> impl Strategy<Value = ArticleGraph> {
    proptest::collection::vec(entity_record(), 1..6).prop_flat_map(move |entities| {
        let n = entities.len();
        let edge = (0..n, 0..n, 0..Relation::ALL.len(), 1..4usize, 0..50usize).prop_map(
            move |(source, target, relation, n_evidence, at)| EdgeRecord {
                source,
                target,
                relation: Relation::ALL[relation],
                evidence: (0..n_evidence)
                    .map(|k| Evidence {
                        article: format!("art-{article}.txt"),
                        sentence: format!("Sentence {} with \"quotes\" and ü.", at + k),
                        sentence_start: 0,
                        trigger: (at + k, at + k + 3),
                    })
                    .collect(),
            },
        );
        proptest::collection::vec(edge, 0..8).prop_map(move |edges| ArticleGraph {
            article: format!("art-{article}.txt"),
            entities: entities.clone(),
            edges,
        })
    })
}

fn random_graph() -> impl Strategy<Value = KnowledgeGraph> {
    (article_graph(0), article_graph(1), article_graph(2)).prop_map(|(a, b, c)| {
        let mut graph = KnowledgeGraph::new();
        for article in [a, b, c] {
            graph.merge(&article);
        }
        graph
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn json_export_import_export_is_identical(graph in random_graph()) {
        let first = exported(&graph);
        prop_assert_eq!(&first, &to_string(&graph_to_json(&graph)));
        let again = graph_from_json(&read_graph_json(&first).unwrap()).unwrap();
        prop_assert_eq!(again.node_count(), graph.node_count());
        prop_assert_eq!(again.edge_count(), graph.edge_count());
        prop_assert_eq!(exported(&again), first);
    }

    #[test]
    fn every_edge_end_exists_and_symmetric_edges_are_stored_once(graph in random_graph()) {
        let again = graph_from_json(&graph_to_json(&graph)).unwrap();
        for g in [&graph, &again] {
            let ids: BTreeSet<&str> = g.nodes().map(|n| g.entity(n).id.as_str()).collect();
            let mut seen = BTreeSet::new();
            for edge in g.edges() {
                let (source, target) = (g.entity(edge.source).id.as_str(), g.entity(edge.target).id.as_str());
                prop_assert!(ids.contains(source) && ids.contains(target));
                let relation = edge.fact.relation;
                let key = if relation.is_symmetric() {
                    prop_assert!(source <= target, "{} stored as {} -> {}", relation, source, target);
                    (relation, source.min(target), source.max(target))
                } else {
                    (relation, source, target)
                };
                prop_assert!(seen.insert(key), "{:?} stored twice", key);
            }
        }
    }
}
