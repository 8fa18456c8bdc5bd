//! A MATCH of one single-hop pattern runs through its own loop (`eval/expand.rs`) and `n.name`
//! columns through the name column: both must give exactly the rows of the general matcher.
//! Naming the path (`p = ...`) sends the same pattern through the general matcher.

mod support;

use newsgraph::bench_graph::{GenSpec, generate, hub_name};
use newsgraph::graph::KnowledgeGraph;
use newsgraph::query::{Params, Value, run};

const QUERIES: [&str; 14] = [
    "MATCH P(a)-[r]-(b) RETURN a.id, type(r), b.name",
    "MATCH P(a)-[r]->(b) RETURN a, r, b",
    "MATCH P(a)<-[r:MET_WITH|CONDEMNED]-(b:Person) RETURN a.name, b.name, labels(b)",
    "MATCH P(a {name: $hub})-[r]-(b) RETURN b.name, type(r)",
    "MATCH P(a)-[r]-(b {name: $hub}) RETURN a.name, r.type",
    "MATCH P(a)-[r]-(b) WHERE a.name < b.name RETURN a.name, b.name",
    "MATCH P(a:State)--(b) RETURN b.name LIMIT 7",
    "MATCH P(a)-[r]-(b {name: a.name}) RETURN a, b",
    "MATCH P(a:Person)-[r {count: 1}]->(b:State) RETURN a.name, b.name",
    "MATCH P()-[r]->() RETURN type(r), count(*) ORDER BY count(*) DESC",
    "MATCH P(a)--(b) RETURN count(*)",
    "OPTIONAL MATCH P(a {name: 'nobody'})-[r]-(b) RETURN a, r, b",
    "UNWIND [1, 2] AS i MATCH P(a:State)-[r]-(b) RETURN i, a.name, b.name SKIP 3 LIMIT 40",
    "MATCH (x:State) WITH x LIMIT 3 MATCH P(x)-[r]-(b) RETURN x.name, b.name",
];

fn same_rows(graph: &KnowledgeGraph, params: &Params) {
    for query in QUERIES {
        let fast = query.replace("P(", "(");
        let general = query.replace("P(", "p = (");
        let fast_table = run(graph, &fast, params).unwrap_or_else(|e| panic!("{fast}: {e}"));
        let general_table =
            run(graph, &general, params).unwrap_or_else(|e| panic!("{general}: {e}"));
        assert_eq!(fast_table, general_table, "{fast}");
    }
}

fn hub_params(name: &str) -> Params {
    Params::from([("hub".to_string(), Value::String(name.into()))])
}

#[test]
fn single_hop_loop_gives_the_general_matchers_rows() {
    let graph = support::graph();
    same_rows(&graph, &hub_params("Iran"));
    let spec = GenSpec {
        nodes: 3000,
        edges: 15000,
        seed: 3,
    };
    let graph = generate(&spec);
    same_rows(&graph, &hub_params(&hub_name(&spec)));
}

#[test]
fn names_from_the_name_column_are_the_entities_names() {
    let spec = GenSpec {
        nodes: 3000,
        edges: 15000,
        seed: 5,
    };
    let graph = generate(&spec);
    let params = hub_params(&hub_name(&spec));
    for _ in 0..2 {
        // The first run builds the column (the result has more than one batch of rows).
        let table = run(&graph, "MATCH (a)-[r]-(b) RETURN b, b.name", &params).unwrap();
        assert!(table.len() > 1000);
        for row in table.rows() {
            let (Value::Node(node), Value::String(name)) = (&row[0], &row[1]) else {
                panic!("unexpected row {row:?}");
            };
            assert_eq!(name.as_str(), graph.entity(*node).name);
        }
    }
}
