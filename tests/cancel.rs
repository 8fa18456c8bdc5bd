//! Long searches stop soon after the cancel flag is raised from another thread, and unbounded
//! ones say the depth they were limited to.

use newsgraph::bench_graph::{GenSpec, generate};
use newsgraph::query::error::EvalError;
use newsgraph::query::{Params, QueryError, run, run_with_cancel};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

/// Runs `query` on `graph`, raises the flag after `after`, and returns the result and the time
/// from raising the flag to the query's return.
fn cancel_after(
    graph: &newsgraph::graph::KnowledgeGraph,
    query: &str,
    after: Duration,
) -> (Result<newsgraph::query::Table, QueryError>, Duration) {
    let cancel = AtomicBool::new(false);
    let raised: Mutex<Option<Instant>> = Mutex::new(None);
    let result = std::thread::scope(|scope| {
        scope.spawn(|| {
            std::thread::sleep(after);
            *raised.lock().expect("not poisoned") = Some(Instant::now());
            cancel.store(true, Ordering::Relaxed);
        });
        run_with_cancel(graph, query, &Params::new(), &cancel)
    });
    let returned = Instant::now();
    let raised = raised.lock().expect("not poisoned").unwrap_or(returned);
    (result, returned.saturating_duration_since(raised))
}

#[test]
fn unbounded_paths_on_a_100k_graph_cancel_quickly() {
    let graph = generate(&GenSpec {
        nodes: 100_000,
        edges: 500_000,
        seed: 1,
    });
    // Build the lazy indexes first: cancelling is about the search, not the first-use build.
    let first = graph.nodes_by_id()[0];
    assert!(!graph.sorted_adjacency(first).is_empty() || graph.degree(first) == 0);
    for query in [
        "MATCH p = (a)-[*]-(b) RETURN count(p)",
        "MATCH p = shortestPath((a)-[*]-(b)) RETURN count(p)",
    ] {
        let (result, latency) = cancel_after(&graph, query, Duration::from_millis(20));
        assert_eq!(
            result.map(|t| t.into_rows()),
            Err(QueryError::Eval(EvalError::Cancelled)),
            "{query}"
        );
        assert!(
            latency < Duration::from_millis(250),
            "{query}: stopped {latency:?} after the flag was raised"
        );
    }
}

#[test]
fn unbounded_var_length_warns_of_its_limit() {
    let graph = generate(&GenSpec {
        nodes: 50,
        edges: 60,
        seed: 3,
    });
    let table = run(
        &graph,
        "MATCH p = (a)-[*]-(b) RETURN count(p) AS paths",
        &Params::new(),
    )
    .expect("query runs");
    assert_eq!(
        table.warnings,
        ["unbounded variable-length relationship * limited to 10 hops"]
    );
}

/// The two-sided search (one end candidate) finds the same shortest paths as the one-sided
/// search (every node a candidate end, filtered by WHERE afterwards).
#[test]
fn two_sided_shortest_paths_equal_one_sided() {
    let graph = generate(&GenSpec {
        nodes: 300,
        edges: 700,
        seed: 11,
    });
    let names: Vec<String> = graph
        .nodes_by_id()
        .iter()
        .step_by(37)
        .map(|n| graph.entity(*n).name.clone())
        .collect();
    let mut compared = 0;
    for from in &names {
        for to in &names {
            for rel in [
                "-[*]-",
                "-[:CONDEMNED|PLEDGED_AID_TO*]->",
                "-[:MET_WITH*..3]-",
            ] {
                let params = Params::from([
                    (
                        "from".to_string(),
                        newsgraph::query::Value::String(from.as_str().into()),
                    ),
                    (
                        "to".to_string(),
                        newsgraph::query::Value::String(to.as_str().into()),
                    ),
                ]);
                let two_sided = format!(
                    "MATCH p = allShortestPaths((a {{name: $from}}){rel}(b {{name: $to}})) RETURN p ORDER BY p"
                );
                let one_sided = format!(
                    "MATCH p = allShortestPaths((a {{name: $from}}){rel}(b)) WHERE b.name IN [$to] RETURN p ORDER BY p"
                );
                let rows = |q: &str| run(&graph, q, &params).expect("query runs").into_rows();
                let expected = rows(&one_sided);
                assert_eq!(rows(&two_sided), expected, "{from} {rel} {to}");
                compared += expected.len();
            }
        }
    }
    assert!(compared > 20, "only {compared} paths compared");
}
