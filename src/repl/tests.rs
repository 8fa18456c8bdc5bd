//! Session tests: commands and statements run on the built-in sample with in-memory writers.

use super::error::ShellError;
use super::session::{Flow, Settings, Shell};
use crate::extract::Extractor;
use crate::graph::KnowledgeGraph;
use crate::ingest;
use std::path::Path;

fn sample() -> KnowledgeGraph {
    let ex = Extractor::builtin();
    let mut graph = KnowledgeGraph::new();
    for article in ingest::builtin_sample() {
        graph.merge(&ex.extract(&article));
    }
    graph
}

fn shell(db: &Path) -> Shell<Vec<u8>, Vec<u8>> {
    let settings = Settings {
        db: db.to_path_buf(),
        autosave: false,
        interactive: false,
        keep_going: false,
    };
    Shell::new(
        sample(),
        Extractor::builtin(),
        settings,
        Vec::new(),
        Vec::new(),
    )
}

/// Runs entries in order, failing the test on any error; returns what went to `out`.
fn run(shell: &mut Shell<Vec<u8>, Vec<u8>>, entries: &[&str]) -> String {
    for entry in entries {
        if let Err(e) = shell.execute(entry) {
            panic!("{entry}: {e}");
        }
    }
    String::from_utf8(std::mem::take(shell.out_mut())).unwrap()
}

#[test]
fn params_are_expressions_and_queries_use_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shell(&dir.path().join("g.db"));
    let out = run(
        &mut s,
        &[
            ":param who => 'John ' + 'Kerry'",
            ":format csv",
            "MATCH (n {name: $who}) RETURN n.name;",
            ":params",
        ],
    );
    assert_eq!(out, "n.name\nJohn Kerry\n$who => \"John Kerry\"\n");
}

#[test]
fn several_statements_on_one_line_run_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shell(&dir.path().join("g.db"));
    let out = run(
        &mut s,
        &[":format json", "RETURN 1 AS a; RETURN 'x;y' AS b;"],
    );
    assert_eq!(out, "{\"a\":1}\n{\"b\":\"x;y\"}\n");
}

#[test]
fn export_of_a_query_holds_only_its_nodes_and_edges() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shell(&dir.path().join("g.db"));
    let json = dir.path().join("met.json");
    let dot = dir.path().join("met.dot");
    let csv = dir.path().join("csv");
    let query = "MATCH p=(:Person)-[:MET_WITH]->(:Person) RETURN p";
    run(
        &mut s,
        &[
            &format!(":export json {} {query};", json.display()),
            &format!(":export dot {} {query}", dot.display()),
            &format!(":export csv {} {query}", csv.display()),
        ],
    );
    let doc: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let names: Vec<&str> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["Fouad Massoum", "John Kerry"]);
    assert_eq!(doc["edges"].as_array().unwrap().len(), 1);
    let dot_text = std::fs::read_to_string(&dot).unwrap();
    assert!(dot_text.contains("john-kerry") && !dot_text.contains("\"iran\""));
    assert!(std::fs::read_dir(&csv).unwrap().count() > 0);
}

#[test]
fn export_of_a_query_without_graph_values_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shell(&dir.path().join("g.db"));
    let path = dir.path().join("x.json");
    let err = s
        .execute(&format!(":export json {} RETURN 1", path.display()))
        .unwrap_err();
    assert!(matches!(err, ShellError::NothingToExport));
    assert!(!path.exists());
}

#[test]
fn save_then_open_round_trips_and_open_guards_unsaved_loads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("g.db");
    let article = dir.path().join("a.txt");
    std::fs::write(
        &article,
        "German Chancellor Angela Merkel met with Polish Prime Minister Donald Tusk in Warsaw.\n",
    )
    .unwrap();
    let mut s = shell(&db);
    run(&mut s, &[&format!(":load {}", article.display())]);
    assert_eq!(s.unsaved, 1);
    let err = s.execute(&format!(":open {}", db.display())).unwrap_err();
    assert_eq!(
        err.to_string(),
        "1 loaded article(s) are not saved; `:save` them first (or `:save FILE`)"
    );
    run(&mut s, &[":save"]);
    assert_eq!(s.unsaved, 0);
    let mut fresh = shell(&dir.path().join("other.db"));
    let out = run(
        &mut fresh,
        &[
            &format!(":open {}", db.display()),
            ":format csv",
            "MATCH (n {name: 'Donald Tusk'}) RETURN n.name;",
        ],
    );
    assert_eq!(out, "n.name\nDonald Tusk\n");
}

#[test]
fn source_runs_a_file_and_names_the_failing_line() {
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("q.cypher");
    std::fs::write(
        &script,
        ":format csv\nRETURN 1 AS one;\n\nRETURN nope;\nRETURN 2;\n",
    )
    .unwrap();
    let mut s = shell(&dir.path().join("g.db"));
    let err = s
        .execute(&format!(":source {}", script.display()))
        .unwrap_err();
    let message = err.to_string();
    assert!(
        message.starts_with(&format!("{}:4: error", script.display())),
        "{message}"
    );
    let out = String::from_utf8(std::mem::take(s.out_mut())).unwrap();
    assert_eq!(out, "one\n1\n");
}

#[test]
fn quit_render_and_history() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shell(&dir.path().join("g.db"));
    assert_eq!(s.execute(":exit").unwrap(), Flow::Quit);
    let err = s.execute(":render graph.txt").unwrap_err();
    assert_eq!(
        err.to_string(),
        "graph.txt: expected a file ending in .svg or .png"
    );
    s.history = vec!["RETURN 1;".into(), "MATCH (n)\nRETURN n;".into()];
    let out = run(&mut s, &[":history"]);
    assert_eq!(out, "    1 RETURN 1;\n    2 MATCH (n)\n      RETURN n;\n");
}

#[test]
fn schema_and_stats_describe_the_graph() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = shell(&dir.path().join("g.db"));
    let out = run(&mut s, &[":schema", ":stats"]);
    assert!(out.contains("  :Person "), "{out}");
    assert!(out.contains(":MET_WITH (symmetric)"), "{out}");
    assert!(out.contains("node properties: id, name"), "{out}");
    assert!(out.contains("articles:   1\n"), "{out}");
}
