//! `bench-ingest`: load inputs into a fresh store and report speed, memory, store size and open time.
//!
//! One run per process, so the peak-memory figure (VmHWM from /proc/self/status) belongs to it.
//! Prints one Markdown table row; BENCHMARKS.md collects them.

use super::load::load_inputs;
use anyhow::{Context, Result};
use newsgraph::extract::Extractor;
use newsgraph::graph::KnowledgeGraph;
use newsgraph::ingest::{IngestOptions, Input};
use newsgraph::store;
use std::path::Path;
use std::time::Instant;

/// Loads `inputs` into a new store at `db` (replacing it) and prints the figures.
pub fn run(label: &str, inputs: &[Input], extractor: &Extractor, db: &Path) -> Result<bool> {
    if db.exists() {
        std::fs::remove_file(db).with_context(|| format!("{}: cannot remove", db.display()))?;
    }
    let mut warned = false;
    let started = Instant::now();
    let mut graph = KnowledgeGraph::new();
    let report = load_inputs(
        &mut graph,
        extractor,
        inputs,
        &IngestOptions::default(),
        &mut warned,
    );
    let ingest_secs = started.elapsed().as_secs_f64();
    let saved = Instant::now();
    store::save(&graph, db)?;
    let save_secs = saved.elapsed().as_secs_f64();
    let total_secs = started.elapsed().as_secs_f64();
    let peak_load = peak_memory_kib();
    let (n_nodes, n_edges) = (graph.node_count(), graph.edge_count());
    let probe = graph
        .nodes()
        .max_by_key(|n| {
            (
                graph.degree(*n),
                std::cmp::Reverse(graph.entity(*n).id.clone()),
            )
        })
        .map(|n| graph.entity(n).name.clone())
        .unwrap_or_default();
    drop(graph);
    let store_bytes = std::fs::metadata(db)?.len();
    let opened = Instant::now();
    let graph = store::open(db)?;
    let open_secs = opened.elapsed().as_secs_f64();
    let looked = Instant::now();
    let degree = graph.find(&probe).map_or(0, |n| graph.degree(n));
    let lookup_secs = looked.elapsed().as_secs_f64();
    let mib = report.bytes as f64 / (1024.0 * 1024.0);
    println!(
        "| {label} | {} | {:.1} | {n_nodes} | {n_edges} | {ingest_secs:.2} | {:.0} | {:.2} | {save_secs:.2} | {total_secs:.2} | {:.0} | {:.1} | {open_secs:.3} | {:.3} ms ({probe}: {degree} edges) |",
        report.read,
        mib,
        report.read as f64 / ingest_secs,
        mib / ingest_secs,
        peak_load as f64 / 1024.0,
        store_bytes as f64 / (1024.0 * 1024.0),
        lookup_secs * 1000.0,
    );
    Ok(warned)
}

/// The table header matching [`run`]'s rows.
pub fn header() -> &'static str {
    "| corpus | articles | MiB text | nodes | edges | ingest s | articles/s | MiB/s | save s | total s | peak RSS MiB | store MiB | open s | first lookup |\n\
     |---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
}

/// Peak resident memory of this process so far, in KiB (0 where /proc is missing).
fn peak_memory_kib() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
