//! Golden tests: every `queries/NAME.cypher` runs on two graphs and is diffed against its table.
//!
//! - `tests/golden/NAME.out`: the built-in sample article through the built-in extractor, the
//!   graph `newsgraph query` uses without a store. These change when extraction changes.
//! - `tests/golden/fixture/NAME.out`: the hand-written GRAPH-JSON graph in
//!   `tests/fixtures/graph.json`, which pins query semantics independently of extraction.
//!
//! `UPDATE_GOLDEN=1 cargo test --test golden` rewrites the expected files; review the diff.

use newsgraph::export::import::{graph_from_json, read_graph_json};
use newsgraph::extract::Extractor;
use newsgraph::graph::KnowledgeGraph;
use newsgraph::query::{self, Params};
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The graph `newsgraph query` falls back to: the built-in sample, extracted.
fn sample_graph() -> KnowledgeGraph {
    let extractor = Extractor::builtin();
    let mut graph = KnowledgeGraph::new();
    for article in newsgraph::ingest::builtin_sample() {
        graph.merge(&extractor.extract(&article));
    }
    graph
}

/// The hand-written fixture, read from GRAPH-JSON as `newsgraph load` reads it.
fn fixture_graph() -> KnowledgeGraph {
    let path = Path::new(ROOT).join("tests/fixtures/graph.json");
    let text = std::fs::read_to_string(&path).expect("the fixture graph is readable");
    let doc = read_graph_json(&text).expect("the fixture graph is GRAPH-JSON");
    graph_from_json(&doc).expect("the fixture graph is consistent")
}

/// `queries/*.cypher`, sorted by name.
fn query_files() -> Vec<PathBuf> {
    let dir = Path::new(ROOT).join("queries");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("queries/ exists")
        .map(|entry| entry.expect("queries/ is readable").path())
        .filter(|path| path.extension().is_some_and(|e| e == "cypher"))
        .collect();
    files.sort();
    files
}

/// The rendered table, or the rendered error.
fn run(graph: &KnowledgeGraph, text: &str) -> String {
    match query::run(graph, text, &Params::new()) {
        Ok(table) => table.to_text(graph),
        Err(e) => format!("{}\n", e.render(text)),
    }
}

/// Compares `got` with the file at `expected_path`, or rewrites it under `UPDATE_GOLDEN`.
/// Returns a failure report.
fn compare(query_file: &Path, expected_path: &Path, got: &str, graph: &str) -> Option<String> {
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(
            expected_path
                .parent()
                .expect("golden files sit in a folder"),
        )
        .expect("golden folder can be created");
        std::fs::write(expected_path, got).expect("golden file can be written");
        return None;
    }
    let expected = std::fs::read_to_string(expected_path).unwrap_or_default();
    if expected == got {
        return None;
    }
    let relative = |p: &Path| p.strip_prefix(ROOT).unwrap_or(p).display().to_string();
    Some(format!(
        "{} on the {graph} differs from {}\n{}",
        relative(query_file),
        relative(expected_path),
        line_diff(&expected, got)
    ))
}

/// The lines of `expected` and `got` that differ, position by position (`-` expected, `+` got).
fn line_diff(expected: &str, got: &str) -> String {
    let (old, new): (Vec<&str>, Vec<&str>) = (expected.lines().collect(), got.lines().collect());
    let mut out = String::new();
    for n in 0..old.len().max(new.len()) {
        let (a, b) = (old.get(n), new.get(n));
        if a == b {
            continue;
        }
        if let Some(a) = a {
            out += &format!("  {:>3} - {a}\n", n + 1);
        }
        if let Some(b) = b {
            out += &format!("  {:>3} + {b}\n", n + 1);
        }
    }
    out
}

#[test]
fn queries_match_their_golden_tables() {
    let files = query_files();
    assert!(files.len() >= 15, "queries/ holds {} files", files.len());
    let graphs = [
        ("built-in sample graph", sample_graph(), "tests/golden"),
        ("fixture graph", fixture_graph(), "tests/golden/fixture"),
    ];
    let mut failures = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).expect("query file is readable");
        let name = file.file_stem().expect("a file name").to_string_lossy();
        if !text.starts_with("//") {
            failures.push(format!(
                "{}: must begin with a `//` comment saying the question",
                file.display()
            ));
        }
        for (label, graph, folder) in &graphs {
            let expected_path = Path::new(ROOT).join(folder).join(format!("{name}.out"));
            let got = run(graph, &text);
            failures.extend(compare(file, &expected_path, &got, label));
        }
    }
    assert!(
        failures.is_empty(),
        "\n{}\nIf the change is intended (the extractor or the query engine changed), re-bless with\n    \
         UPDATE_GOLDEN=1 cargo test --test golden\nand review `git diff tests/golden` before committing.\n",
        failures.join("\n")
    );
}

#[test]
fn every_golden_file_has_a_query() {
    let names: Vec<String> = query_files()
        .iter()
        .map(|f| {
            f.file_stem()
                .unwrap_or_default()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    for folder in ["tests/golden", "tests/golden/fixture"] {
        let dir = Path::new(ROOT).join(folder);
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.extension().is_none_or(|e| e != "out") {
                continue;
            }
            let stem = path.file_stem().unwrap_or_default().to_string_lossy();
            assert!(
                names.iter().any(|n| *n == stem),
                "{} has no queries/{stem}.cypher: delete it",
                path.display()
            );
        }
    }
}
