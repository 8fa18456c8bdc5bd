//! A seeded generator of large synthetic graphs, for query benchmarks.
//!
//! The same `(nodes, edges, seed)` always gives the same graph. The mix imitates a news corpus:
//! mostly persons, some organizations, a few states; names with aliases (surname, titled form);
//! a thousandth of the nodes are hubs that take a tenth of the edge ends, most of them the first
//! few (a "John Kerry" with thousands of relations). Knows nothing of queries or files.

use crate::graph::{
    ArticleId, ArticleSnapshot, Citation, Entity, Fact, GraphSnapshot, KnowledgeGraph,
};
use crate::model::{EntityType, Relation, slug};
use std::collections::{BTreeSet, HashSet};

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GenSpec {
    /// Number of nodes.
    pub nodes: usize,
    /// Number of edges (self-loops are skipped, so a few less may be made).
    pub edges: usize,
    /// Random seed.
    pub seed: u64,
}

/// How many distinct articles the edges cite.
const ARTICLES: usize = 200_000;

/// The name of the busiest hub, node 0: benchmarks start there.
pub fn hub_name(spec: &GenSpec) -> String {
    let mut rng = Rng::new(spec.seed);
    names(&mut rng, 1, spec.seed).remove(0).0
}

/// Builds the graph `spec` describes.
pub fn generate(spec: &GenSpec) -> KnowledgeGraph {
    let mut rng = Rng::new(spec.seed);
    let nodes: Vec<Entity> = names(&mut rng, spec.nodes, spec.seed)
        .into_iter()
        .map(|(name, entity_type)| entity(name, entity_type))
        .collect();
    let n = nodes.len();
    let hubs = (n / 1000).max(10).min(n.max(1));
    let mut edges = Vec::with_capacity(spec.edges);
    for position in 0..spec.edges {
        let source = endpoint(&mut rng, n, hubs);
        let target = endpoint(&mut rng, n, hubs);
        if source == target {
            continue;
        }
        let relation = relation(
            &mut rng,
            nodes[source].entity_type,
            nodes[target].entity_type,
        );
        let (source, target) = if relation.is_symmetric() && nodes[target].id < nodes[source].id {
            (target, source)
        } else {
            (source, target)
        };
        // Positions cycle through the articles made below; sentences are empty.
        let evidence = Citation {
            article: ArticleId((position % ARTICLES) as u32),
            sentence: (0, 0),
            trigger: (0, 0),
        };
        let fact = Fact {
            relation,
            evidence: vec![evidence],
        };
        edges.push((source as u32, target as u32, fact));
    }
    let snapshot = GraphSnapshot {
        nodes,
        edges,
        articles: (0..spec.edges.min(ARTICLES))
            .map(|a| ArticleSnapshot {
                id: format!("gen/{a:06}.txt"),
                ..ArticleSnapshot::default()
            })
            .collect(),
        ..Default::default()
    };
    KnowledgeGraph::from_snapshot(snapshot).expect("generated edges point at generated nodes")
}

/// A node position: a tenth of the ends go to hubs (the first ones most), the rest anywhere.
fn endpoint(rng: &mut Rng, n: usize, hubs: usize) -> usize {
    if rng.unit() < 0.1 {
        ((hubs as f64) * rng.unit().powf(1.5)) as usize % hubs
    } else {
        rng.below(n)
    }
}

/// A relation that fits the ends' types.
fn relation(rng: &mut Rng, source: EntityType, target: EntityType) -> Relation {
    use EntityType::*;
    let roll = rng.below(10);
    match (source, target) {
        (Person, State | Organization) if roll < 6 => Relation::AffiliatedWith,
        (Person, Person) if roll < 7 => Relation::MetWith,
        (State, State) if roll < 4 => Relation::PledgedAidTo,
        (State, State) if roll < 6 => Relation::RefusedToCoordinateWith,
        _ => match roll {
            0..=4 => Relation::Condemned,
            5..=6 => Relation::MetWith,
            7..=8 => Relation::PledgedAidTo,
            _ => Relation::RefusedToCoordinateWith,
        },
    }
}

fn entity(name: String, entity_type: EntityType) -> Entity {
    let mut aliases = BTreeSet::new();
    if entity_type == EntityType::Person {
        let surname = name.rsplit(' ').next().unwrap_or(&name).to_string();
        aliases.insert(format!("Minister {name}"));
        aliases.insert(surname);
    } else if let Some(initials) = initials(&name) {
        aliases.insert(initials);
    }
    Entity {
        id: slug(&name),
        name,
        entity_type,
        aliases,
        title: (entity_type == EntityType::Person).then(|| "Minister".to_string()),
        mentions: 1,
        articles: BTreeSet::new(),
    }
}

fn initials(name: &str) -> Option<String> {
    let letters: String = name
        .split(' ')
        .filter_map(|w| w.chars().next())
        .filter(char::is_ascii_uppercase)
        .collect();
    (letters.len() > 1).then_some(letters)
}

const SYLLABLES: [&str; 32] = [
    "ka", "lo", "mi", "ra", "sen", "tor", "vel", "ban", "dri", "fa", "gor", "hel", "is", "jun",
    "kel", "lan", "mor", "nes", "ol", "pet", "qua", "ros", "sul", "tan", "ur", "vin", "wes", "xan",
    "yor", "zel", "ber", "cas",
];

/// `n` distinct names with their types: 70% persons, 25% organizations, 5% states.
fn names(rng: &mut Rng, n: usize, seed: u64) -> Vec<(String, EntityType)> {
    let mut seen = HashSet::with_capacity(n);
    let mut out = Vec::with_capacity(n);
    let word = |rng: &mut Rng, syllables: usize| {
        let mut w: String = (0..syllables)
            .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
            .collect();
        w[..1].make_ascii_uppercase();
        w
    };
    while out.len() < n {
        let roll = rng.below(100);
        let (mut name, entity_type) = match roll {
            0..=69 => {
                let given = word(rng, 2);
                let surname = word(rng, 3);
                (format!("{given} {surname}"), EntityType::Person)
            }
            70..=94 => {
                let kind = ["Front", "Council", "Party", "Agency", "Brigade"][rng.below(5)];
                (format!("{} {kind}", word(rng, 3)), EntityType::Organization)
            }
            _ => (format!("Republic of {}", word(rng, 3)), EntityType::State),
        };
        if !seen.insert(slug(&name)) {
            name = format!("{name} {}", out.len() as u64 ^ seed);
            if !seen.insert(slug(&name)) {
                continue;
            }
        }
        out.push((name, entity_type));
    }
    out
}

/// SplitMix64: small, fast and the same on every platform.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_graph() {
        let spec = GenSpec {
            nodes: 2000,
            edges: 10_000,
            seed: 7,
        };
        let (a, b) = (generate(&spec), generate(&spec));
        assert_eq!(a.snapshot(), b.snapshot());
        assert_eq!(a.node_count(), 2000);
        assert!(a.edge_count() > 9_900);
        let hub = a.find(&hub_name(&spec)).expect("the hub exists");
        let busiest = a.nodes().map(|n| a.degree(n)).max().unwrap_or(0);
        assert_eq!(a.degree(hub), busiest);
    }
}
