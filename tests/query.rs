//! Query evaluation tests: each runs one query on the fixture graph and compares the text table.

mod query_fixture;

use newsgraph::query::{Params, Value, run};

/// Runs `query` and returns the rendered table, or the rendered error.
fn output(query: &str, params: &Params) -> String {
    let graph = query_fixture::graph();
    match run(&graph, query, params) {
        Ok(table) => table.to_text(&graph),
        Err(e) => e.render(query),
    }
}

#[track_caller]
fn check(query: &str, expected: &str) {
    check_with(query, &Params::new(), expected);
}

#[track_caller]
fn check_with(query: &str, params: &Params, expected: &str) {
    let got = output(query, params);
    assert_eq!(
        got.trim_end(),
        expected.trim(),
        "\n--- query: {query}\n--- got:\n{got}"
    );
}

#[test]
fn dump() {
    for q in std::env::var("Q")
        .unwrap_or_default()
        .split(";;")
        .filter(|q| !q.trim().is_empty())
    {
        println!("{q}\n{}", output(q, &Params::new()));
    }
}
