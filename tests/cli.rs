//! End-to-end tests of the built binary: extract, load, query, export, render, eval, and the
//! errors a user meets with bad input.

mod common;
use common::newsgraph;

use std::path::Path;
use std::process::{Command, Output};

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn sample() -> String {
    format!(
        "{}/data/articles/isis-crisis-meeting.txt",
        env!("CARGO_MANIFEST_DIR")
    )
}

#[test]
fn extract_load_query_export_end_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();

    let out = newsgraph(&["extract", &sample()], d);
    assert!(out.status.success(), "{}", stderr(&out));
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let ids: Vec<&str> = doc["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["id"].as_str().unwrap())
        .collect();
    assert!(
        ids.contains(&"john-kerry") && ids.contains(&"fouad-massoum"),
        "{ids:?}"
    );
    assert!(
        doc["edges"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["relation"] == "met-with")
    );

    let out = newsgraph(&["load", &sample(), "--db", "g.db"], d);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(d.join("g.db").exists());

    let q = "MATCH (a:Person)-[:MET_WITH]-(b:Person) WHERE a.name = \"John Kerry\" RETURN b.name";
    let out = newsgraph(&["query", q, "--db", "g.db", "--format", "json"], d);
    assert!(out.status.success(), "{}", stderr(&out));
    let table: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(table["columns"], serde_json::json!(["b.name"]));
    assert_eq!(table["rows"], serde_json::json!([["Fouad Massoum"]]));

    let out = newsgraph(
        &["export", "--format", "json", "--db", "g.db", "-o", "g.json"],
        d,
    );
    assert!(out.status.success(), "{}", stderr(&out));
    let exported: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(d.join("g.json")).unwrap()).unwrap();
    assert_eq!(
        exported["nodes"].as_array().unwrap().len(),
        doc["nodes"].as_array().unwrap().len()
    );

    let out = newsgraph(&["export", "--format", "dot", "--db", "g.db"], d);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("digraph"), "{}", stdout(&out));
}

#[test]
fn dot_export_renders_with_real_graphviz() {
    let dir = tempfile::tempdir().unwrap();
    let out = newsgraph(&["render", "--format", "svg", "-o", "g.svg"], dir.path());
    assert!(
        out.status.success(),
        "graphviz must be installed (CI installs it): {}",
        stderr(&out)
    );
    let svg = std::fs::read_to_string(dir.path().join("g.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("John Kerry"), "{svg}");
}

#[test]
fn loading_twice_is_idempotent_for_counts() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let first = newsgraph(&["load", &sample(), "--db", "g.db"], d);
    let second = newsgraph(&["load", &sample(), "--db", "g.db"], d);
    assert!(first.status.success() && second.status.success());
    let count = |d: &Path| {
        let out = newsgraph(
            &[
                "query",
                "MATCH (n) RETURN count(*) AS n",
                "--db",
                "g.db",
                "--format",
                "json",
            ],
            d,
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()["rows"][0][0].clone()
    };
    let n = count(d);
    assert!(n.as_i64().unwrap() > 10, "{n}");
}

#[test]
fn bad_input_gets_one_clear_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("empty")).unwrap();
    std::fs::write(d.join("bin.txt"), [0u8, 159, 146, 150]).unwrap();
    std::fs::write(d.join("latin1.txt"), [b'a', 0xe9, b'b']).unwrap();

    let out = newsgraph(&["extract", "missing.txt"], d);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("missing.txt: no such file or folder"),
        "{}",
        stderr(&out)
    );

    let out = newsgraph(&["load", "empty", "--db", "g.db"], d);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("empty: folder holds no articles"),
        "{}",
        stderr(&out)
    );

    let out = newsgraph(&["extract", "bin.txt", "latin1.txt"], d);
    assert_eq!(
        out.status.code(),
        Some(1),
        "a bad article is skipped with a warning"
    );
    assert!(
        stderr(&out).contains("bin.txt: binary file"),
        "{}",
        stderr(&out)
    );
    assert!(
        stderr(&out).contains("latin1.txt: not UTF-8 text (invalid byte at offset 1)"),
        "{}",
        stderr(&out)
    );

    for (query, expected) in [
        ("", "syntax error at 1:1"),
        ("MATCH (a:Person", "expected ')'"),
        (
            "MATCH (a:Persn) RETURN a",
            "unknown label :Persn (did you mean :Person?)",
        ),
        (
            "MATCH (a)-[:MET]->(b) RETURN a",
            "unknown relationship type",
        ),
    ] {
        let out = newsgraph(&["query", query], d);
        assert_eq!(out.status.code(), Some(2), "{query}");
        assert!(stderr(&out).contains(expected), "{query}: {}", stderr(&out));
    }

    let out = newsgraph(&["query", "MATCH (n) RETURN n", "--db", "nope.db"], d);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("nope.db: no such store"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn a_corrupt_store_is_reported_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(
        newsgraph(&["load", &sample(), "--db", "g.db"], d)
            .status
            .success()
    );
    let mut bytes = std::fs::read(d.join("g.db")).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    std::fs::write(d.join("g.db"), &bytes).unwrap();
    let out = newsgraph(&["load", &sample(), "--db", "g.db"], d);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("g.db: store is corrupt"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read(d.join("g.db")).unwrap(),
        bytes,
        "the corrupt file is never overwritten"
    );
}

#[test]
fn eval_prints_the_reference_scorer_figures() {
    let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared");
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let gold = shared.join("gold/dev.jsonl");
    let ours = newsgraph(
        &[
            "eval",
            "--gold",
            gold.to_str().unwrap(),
            "--root",
            shared.to_str().unwrap(),
        ],
        d,
    );
    assert!(ours.status.success(), "{}", stderr(&ours));

    let gold_text = std::fs::read_to_string(&gold).unwrap();
    let articles: Vec<String> = gold_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).unwrap();
            shared
                .join(v["article"].as_str().unwrap())
                .display()
                .to_string()
        })
        .collect();
    let mut args = vec!["extract".to_string()];
    args.extend(articles);
    args.extend(["--out-dir".to_string(), "pred".to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    assert!(newsgraph(&args, d).status.success());
    let reference = Command::new("python3")
        .arg(shared.join("tools/score.py"))
        .args([
            "--gold",
            gold.to_str().unwrap(),
            "--pred",
            d.join("pred").to_str().unwrap(),
        ])
        .output()
        .expect("python3 runs the reference scorer");
    assert!(reference.status.success(), "{}", stderr(&reference));
    assert_eq!(stdout(&ours), stdout(&reference));
}
