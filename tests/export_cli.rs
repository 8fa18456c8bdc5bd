//! `export` and `render` through the binary: a query's result as DOT and as a picture, the
//! warning over 300 nodes, and the message when Graphviz is missing.

use std::path::Path;
use std::process::{Command, Output};

fn newsgraph_with_path(args: &[&str], dir: &Path, path_var: Option<&Path>) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_newsgraph"));
    command.args(args).current_dir(dir);
    if let Some(path_var) = path_var {
        command.env("PATH", path_var);
    }
    command.output().expect("binary runs")
}

fn newsgraph(args: &[&str], dir: &Path) -> Output {
    newsgraph_with_path(args, dir, None)
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const KERRY_MEETINGS: &str = "MATCH p = (:Person {name: 'John Kerry'})-[:MET_WITH]-() RETURN p";

/// A store made from GRAPH-JSON, so the picture does not move with the extractor: Kerry met
/// Massoum twice and "Le \"Chef\"" once; Massoum condemned ISIS.
fn fixture_store(dir: &Path) {
    let ev = |n: usize| -> Vec<serde_json::Value> {
        (0..n)
            .map(|i| serde_json::json!({"article": "a.txt", "sentence": format!("s{i}")}))
            .collect()
    };
    let doc = serde_json::json!({
        "nodes": [
            {"id": "john-kerry", "name": "John Kerry", "type": "person", "aliases": ["Kerry"],
             "title": "Secretary of State"},
            {"id": "fouad-massoum", "name": "Fouad Massoum", "type": "person", "aliases": [],
             "title": "President"},
            {"id": "le-chef", "name": "Jean \"Le Chef\" Lévêque", "type": "person", "aliases": []},
            {"id": "isis", "name": "ISIS", "type": "organization", "aliases": []}
        ],
        "edges": [
            {"source": "fouad-massoum", "target": "john-kerry", "relation": "met-with",
             "evidence": ev(2)},
            {"source": "john-kerry", "target": "le-chef", "relation": "met-with",
             "evidence": ev(1)},
            {"source": "fouad-massoum", "target": "isis", "relation": "condemned",
             "evidence": ev(1)}
        ]
    });
    std::fs::write(dir.join("fixture.json"), doc.to_string()).unwrap();
    let out = newsgraph(&["load", "fixture.json", "--db", "f.db"], dir);
    assert!(out.status.success(), "{}", stderr(&out));
}

/// Kerry's meetings as paths: their nodes and edges only, with legend, titles, pen width by
/// evidence, no arrowheads on the symmetric relation, and escaped quotes.
#[test]
fn dot_of_a_query_result_draws_exactly_its_paths() {
    let dir = tempfile::tempdir().unwrap();
    fixture_store(dir.path());
    let out = newsgraph(
        &[
            "export",
            "--format",
            "dot",
            "--db",
            "f.db",
            "--query",
            KERRY_MEETINGS,
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let expected = r##"digraph newsgraph {
  graph [rankdir=LR, fontname="Helvetica"];
  node [style=filled, fontname="Helvetica"];
  edge [fontname="Helvetica", fontsize=10];
  subgraph cluster_legend {
    label="legend";
    style=dashed;
    "legend:person" [label="person", shape=ellipse, fillcolor="#a6cee3"];
    "legend:state" [label="state", shape=box, fillcolor="#b2df8a"];
    "legend:organization" [label="organization", shape=hexagon, fillcolor="#fdbf6f"];
  }
  "fouad-massoum" [label="President\nFouad Massoum", shape=ellipse, fillcolor="#a6cee3"];
  "john-kerry" [label="Secretary of State\nJohn Kerry", shape=ellipse, fillcolor="#a6cee3"];
  "le-chef" [label="Jean \"Le Chef\" Lévêque", shape=ellipse, fillcolor="#a6cee3"];
  "fouad-massoum" -> "john-kerry" [label="met-with", penwidth=1.5, dir=none, color="#1f78b4"];
  "john-kerry" -> "le-chef" [label="met-with", penwidth=1.0, dir=none, color="#1f78b4"];
}
"##;
    assert_eq!(stdout(&out), expected);
}

#[test]
fn other_formats_write_the_query_result_too() {
    let dir = tempfile::tempdir().unwrap();
    fixture_store(dir.path());
    let out = newsgraph(
        &[
            "export",
            "--format",
            "json",
            "--db",
            "f.db",
            "--query",
            KERRY_MEETINGS,
            "-o",
            "part.json",
        ],
        dir.path(),
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("part.json")).unwrap())
            .unwrap();
    let ids: Vec<&str> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["fouad-massoum", "john-kerry", "le-chef"]);
    assert_eq!(doc["edges"].as_array().unwrap().len(), 2);
}

#[test]
fn a_query_without_graph_values_is_refused_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let out = newsgraph(
        &[
            "export",
            "--format",
            "dot",
            "--query",
            "MATCH (n) RETURN n.name",
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the query returned no nodes, relationships or paths to export"),
        "{}",
        stderr(&out)
    );
    let out = newsgraph(
        &["export", "--format", "dot", "--query", "MATCH (n RETURN n"],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("1:10"), "{}", stderr(&out));
}

#[test]
fn render_of_a_query_result_through_real_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    fixture_store(dir.path());
    let out = newsgraph(
        &[
            "render",
            "--format",
            "svg",
            "-o",
            "q.svg",
            "--db",
            "f.db",
            "--query",
            KERRY_MEETINGS,
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "graphviz must be installed (CI installs it): {}",
        stderr(&out)
    );
    let svg = std::fs::read_to_string(dir.path().join("q.svg")).unwrap();
    assert!(svg.contains("<svg"), "{svg}");
    assert!(svg.contains("John Kerry") && svg.contains("Fouad Massoum"));
    assert!(
        svg.contains("Lévêque"),
        "non-ASCII survives Graphviz: {svg}"
    );
    assert!(!svg.contains("ISIS"), "only the result is drawn");
}

/// 301 actors loaded from GRAPH-JSON; with no `dot` on PATH the warning still comes first.
#[test]
fn render_warns_over_300_nodes_and_says_when_graphviz_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let nodes: Vec<serde_json::Value> = (0..301)
        .map(|i| {
            serde_json::json!({"id": format!("n{i:03}"), "name": format!("Actor {i}"),
                               "type": "state", "aliases": []})
        })
        .collect();
    let doc = serde_json::json!({"nodes": nodes, "edges": []});
    std::fs::write(dir.path().join("big.json"), doc.to_string()).unwrap();
    let out = newsgraph(&["load", "big.json", "--db", "big.db"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let empty = tempfile::tempdir().unwrap();
    let out = newsgraph_with_path(
        &["render", "--db", "big.db", "-o", "big.svg"],
        dir.path(),
        Some(empty.path()),
    );
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("301 nodes make an unreadable drawing (over 300)"),
        "{err}"
    );
    assert!(err.contains("--around NAME --hops 1"), "{err}");
    assert!(
        err.contains("graphviz `dot` not found on PATH; install graphviz"),
        "{err}"
    );
    assert!(!dir.path().join("big.svg").exists());
}
