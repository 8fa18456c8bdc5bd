//! Hidden commands for performance work: `gen-graph` writes a generated graph to a store and
//! `bench-query` times the standard queries on generated graphs of several sizes.
//!
//! Timing is parse + plan + execute of `query::run`, as `query --timing` reports it; the
//! graph is built in memory first and not timed, and neither are its lazy orders and name
//! column, whose builds (what the first query after loading a store pays) are printed on
//! their own.

use anyhow::Result;
use clap::Args;
use newsgraph::bench_graph::{GenSpec, generate, hub_name};
use newsgraph::graph::KnowledgeGraph;
use newsgraph::query::{self, Params, Value};
use newsgraph::store;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Args)]
pub struct GenGraphArgs {
    /// Number of nodes.
    #[arg(long, default_value_t = 1_000_000)]
    nodes: usize,
    /// Number of edges.
    #[arg(long, default_value_t = 5_000_000)]
    edges: usize,
    /// Random seed: the same seed gives the same graph.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The store to write.
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
}

#[derive(Args)]
pub struct BenchQueryArgs {
    /// Graph sizes in nodes, comma-separated; each graph has `edges-per-node` times as many edges.
    #[arg(long, value_delimiter = ',', default_value = "10000,100000,1000000")]
    nodes: Vec<usize>,
    /// Edges per node.
    #[arg(long, default_value_t = 5)]
    edges_per_node: usize,
    /// Random seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Runs per query; the median is reported.
    #[arg(long, default_value_t = 11)]
    runs: usize,
    /// Only the queries whose name contains this.
    #[arg(long)]
    only: Option<String>,
}

/// The benchmark queries: `(name, text)`. Parameters: `$name` a mid node, `$hub` the busiest
/// node, `$from` and `$to` two ordinary nodes.
pub const QUERIES: [(&str, &str); 6] = [
    ("lookup", "MATCH (n {name: $name}) RETURN n.name, labels(n)"),
    (
        "one_hop",
        "MATCH (a {name: $hub})-[r]-(b) RETURN b.name, type(r)",
    ),
    (
        "two_hop_filtered",
        "MATCH (a {name: $hub})-[:MET_WITH]-(b)-[:AFFILIATED_WITH]->(s:State) \
         RETURN s.name AS state, count(*) AS n ORDER BY n DESC, state LIMIT 10",
    ),
    (
        "count_by_type",
        "MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY n DESC",
    ),
    (
        "top10_degree",
        "MATCH (a)-[r]-() WITH a, count(r) AS degree ORDER BY degree DESC LIMIT 10 \
         RETURN a.name, degree",
    ),
    (
        "shortest_path",
        "MATCH p = shortestPath((a {name: $from})-[*]-(b {name: $to})) RETURN length(p)",
    ),
];

pub fn run_gen_graph(args: GenGraphArgs) -> Result<()> {
    let spec = GenSpec {
        nodes: args.nodes,
        edges: args.edges,
        seed: args.seed,
    };
    let started = Instant::now();
    let graph = generate(&spec);
    eprintln!(
        "generated {} nodes, {} edges in {:.1} s; busiest node: {}",
        graph.node_count(),
        graph.edge_count(),
        started.elapsed().as_secs_f64(),
        hub_name(&spec)
    );
    store::save(&graph, &args.db)?;
    Ok(())
}

pub fn run_bench_query(args: BenchQueryArgs) -> Result<()> {
    println!("| nodes | edges | query | median | min | rows |");
    println!("|---:|---:|---|---:|---:|---:|");
    for &nodes in &args.nodes {
        let spec = GenSpec {
            nodes,
            edges: nodes * args.edges_per_node,
            seed: args.seed,
        };
        let started = Instant::now();
        let graph = generate(&spec);
        eprintln!(
            "generated {} nodes, {} edges in {:.1} s",
            graph.node_count(),
            graph.edge_count(),
            started.elapsed().as_secs_f64()
        );
        let started = Instant::now();
        let first = graph.nodes_by_id().first().copied();
        let id_order = started.elapsed();
        if let Some(node) = first {
            graph.sorted_adjacency(node);
        }
        eprintln!(
            "lazy orders built in {} (id order {}, adjacency {})",
            show(started.elapsed()),
            show(id_order),
            show(started.elapsed() - id_order)
        );
        // Built by the first query returning names for many rows; timed on its own likewise.
        let started = Instant::now();
        graph.names(true);
        eprintln!("name column built in {}", show(started.elapsed()));
        let params = params(&graph, &spec);
        for (name, text) in QUERIES {
            if args
                .only
                .as_ref()
                .is_some_and(|o| !name.contains(o.as_str()))
            {
                continue;
            }
            let (times, rows) = time_query(&graph, text, &params, args.runs)?;
            println!(
                "| {} | {} | {name} | {} | {} | {rows} |",
                graph.node_count(),
                graph.edge_count(),
                show(times[times.len() / 2]),
                show(times[0]),
            );
        }
    }
    Ok(())
}

fn params(graph: &KnowledgeGraph, spec: &GenSpec) -> Params {
    let nodes: Vec<_> = graph.nodes().collect();
    let name_at = |at: usize| Value::String(graph.entity(nodes[at]).name.as_str().into());
    let n = nodes.len();
    Params::from([
        ("name".to_string(), name_at(n / 2)),
        ("hub".to_string(), Value::String(hub_name(spec).into())),
        ("from".to_string(), name_at(n / 3)),
        ("to".to_string(), name_at(2 * n / 3)),
    ])
}

/// Sorted run times and the row count.
fn time_query(
    graph: &KnowledgeGraph,
    text: &str,
    params: &Params,
    runs: usize,
) -> Result<(Vec<Duration>, usize)> {
    let mut times = Vec::with_capacity(runs.max(1));
    let mut rows = 0;
    for _ in 0..runs.max(1) {
        let started = Instant::now();
        let table = query::run(graph, text, params).map_err(|e| anyhow::anyhow!("{e}"))?;
        times.push(started.elapsed());
        rows = table.len();
    }
    times.sort();
    Ok((times, rows))
}

fn show(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    match us {
        us if us < 1000.0 => format!("{us:.1} us"),
        us if us < 1e6 => format!("{:.2} ms", us / 1e3),
        us => format!("{:.2} s", us / 1e6),
    }
}
