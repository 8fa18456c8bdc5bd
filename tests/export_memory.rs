//! Exports stream: writing the whole graph as GRAPH-JSON allocates a small fraction of what the
//! graph holds (sorted key lists and a buffer), where building the document first copies it all.
//!
//! A counting global allocator measures the peak of live heap bytes during each export; this file
//! holds one test so nothing else allocates meanwhile. The 1M-node figures are in BENCHMARKS.md.

use newsgraph::export::json::{graph_to_json, to_string, write_graph_json};
use newsgraph::graph::{Entity, KnowledgeGraph};
use newsgraph::model::{EntityType, Evidence, Relation};
use std::alloc::{GlobalAlloc, Layout, System};
use std::collections::BTreeSet;
use std::io::Write;
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is passed to the system allocator unchanged; only counters are added.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(live, Ordering::Relaxed);
        // SAFETY: the caller's layout is passed on as it came.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// Bytes allocated beyond those live when `f` started, at the highest point while it ran.
fn extra_peak(f: impl FnOnce()) -> usize {
    let base = LIVE.load(Ordering::Relaxed);
    PEAK.store(base, Ordering::Relaxed);
    f();
    PEAK.load(Ordering::Relaxed) - base
}

/// A writer that counts bytes and keeps none, like a pipe to another program.
struct Discard(usize);

impl Write for Discard {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn generated(n_nodes: usize) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    let keys: Vec<_> = (0..n_nodes)
        .map(|i| {
            graph.upsert_entity(Entity {
                id: format!("actor-{i:07}"),
                name: format!("Actor {i:07}"),
                entity_type: EntityType::ALL[i % 3],
                aliases: BTreeSet::from([format!("A{i}")]),
                title: None,
                mentions: 1,
                articles: BTreeSet::from([format!("gen/article-{}.txt", i / 10)]),
            })
        })
        .collect();
    for (i, &source) in keys.iter().enumerate() {
        for k in 1..=2 {
            let target = keys[(i * 7919 + k * 104_729) % n_nodes];
            let evidence = Evidence {
                article: format!("gen/article-{}.txt", i / 10),
                sentence: format!("Actor {i:07} and a counterpart, sentence {k}."),
                sentence_start: 0,
                trigger: (10, 13),
            };
            graph.add_fact(source, target, Relation::ALL[(i + k) % 5], vec![evidence]);
        }
    }
    graph
}

#[test]
fn whole_graph_json_streams_without_a_second_copy() {
    let n_nodes = 20_000;
    let before = LIVE.load(Ordering::Relaxed);
    let graph = generated(n_nodes);
    let graph_bytes = LIVE.load(Ordering::Relaxed) - before;
    let mut streamed = Discard(0);
    let streaming = extra_peak(|| write_graph_json(&graph, &mut streamed).unwrap());
    let mut built_len = 0;
    let building = extra_peak(|| built_len = to_string(&graph_to_json(&graph)).len());
    assert_eq!(streamed.0, built_len, "same document either way");
    eprintln!(
        "{n_nodes} nodes: graph {} KiB on the heap; export peak extra: streamed {} KiB, \
         built {} KiB; document {} KiB",
        graph_bytes / 1024,
        streaming / 1024,
        building / 1024,
        built_len / 1024
    );
    // Keys (4 bytes a node, 32 an edge) and serde's buffers: far under a tenth of the graph.
    assert!(
        streaming * 10 < graph_bytes,
        "streaming export allocated {streaming} bytes for a graph of {graph_bytes}"
    );
    assert!(
        building > graph_bytes / 2,
        "the document form copies the graph"
    );
}
