//! `gen-graph`: a synthetic store of many nodes and edges, built without extraction, for
//! measuring export time and memory on graphs far larger than a corpus gives. Deterministic.

use anyhow::Result;
use clap::Args;
use newsgraph::graph::{Entity, KnowledgeGraph};
use newsgraph::model::{EntityType, Evidence, Relation};
use newsgraph::store;
use std::collections::BTreeSet;
use std::path::PathBuf;

#[derive(Args)]
pub struct GenGraphArgs {
    /// How many nodes.
    #[arg(long, default_value_t = 1_000_000)]
    nodes: usize,
    /// Edges per node (each with one evidence sentence).
    #[arg(long, default_value_t = 2)]
    edges_per_node: usize,
    /// Seed of the generator.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The store to write (replaced if present).
    #[arg(long, value_name = "FILE")]
    db: PathBuf,
}

pub fn run(args: GenGraphArgs) -> Result<()> {
    let graph = generate(args.nodes, args.edges_per_node, args.seed);
    store::save(&graph, &args.db)?;
    eprintln!(
        "wrote {} nodes and {} edges to {}",
        graph.node_count(),
        graph.edge_count(),
        args.db.display()
    );
    Ok(())
}

/// `n_nodes` actors in rotating types; each node gets `per_node` edges to pseudo-random others.
pub fn generate(n_nodes: usize, per_node: usize, seed: u64) -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    let keys: Vec<_> = (0..n_nodes)
        .map(|i| {
            let article = format!("gen/article-{}.txt", i / 10);
            graph.upsert_entity(Entity {
                id: format!("actor-{i:07}"),
                name: format!("Actor {i:07}"),
                entity_type: EntityType::ALL[i % 3],
                aliases: BTreeSet::from([format!("A{i}")]),
                title: (i % 5 == 0).then(|| "Minister".to_string()),
                mentions: 1 + (i % 7) as u32,
                articles: BTreeSet::from([article]),
            })
        })
        .collect();
    let mut state = seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1;
    for (i, &source) in keys.iter().enumerate() {
        for k in 0..per_node {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let target = keys[(state % n_nodes as u64) as usize];
            let relation = Relation::ALL[(i + k) % Relation::ALL.len()];
            let evidence = Evidence {
                article: format!("gen/article-{}.txt", i / 10),
                sentence: format!("Actor {i:07} and a counterpart, sentence {k}."),
                sentence_start: 0,
                trigger: (10, 13),
            };
            graph.add_fact(source, target, relation, vec![evidence]);
        }
        graph.note_article(&format!("gen/article-{}.txt", i / 10));
    }
    graph
}
