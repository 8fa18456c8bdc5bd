//! Test fixture: a tiny hand-made graph shared by the export unit tests.

use crate::graph::{ArticleGraph, EdgeRecord, EntityRecord, KnowledgeGraph};
use crate::model::{EntityType, Evidence, Relation};

/// An entity record with one mention.
pub fn entity(name: &str, entity_type: EntityType, title: Option<&str>) -> EntityRecord {
    EntityRecord {
        name: name.into(),
        entity_type,
        aliases: Default::default(),
        title: title.map(str::to_string),
        mentions: 1,
    }
}

/// An edge record with one evidence sentence per entry of `sentences`.
pub fn edge(source: usize, target: usize, relation: Relation, sentences: &[&str]) -> EdgeRecord {
    EdgeRecord {
        source,
        target,
        relation,
        evidence: sentences
            .iter()
            .enumerate()
            .map(|(n, s)| Evidence {
                article: "a.txt".into(),
                sentence: s.to_string(),
                sentence_start: n * 100,
                trigger: (n * 100, n * 100 + 3),
            })
            .collect(),
    }
}

/// Kerry met Hollande (twice), Hollande is affiliated with France, France condemned ISIS.
pub fn tiny_graph() -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    graph.merge(&ArticleGraph {
        article: "a.txt".into(),
        entities: vec![
            entity("John Kerry", EntityType::Person, None),
            entity("Francois Hollande", EntityType::Person, Some("President")),
            entity("France", EntityType::State, None),
            entity("ISIS", EntityType::Organization, None),
        ],
        edges: vec![
            edge(
                0,
                1,
                Relation::MetWith,
                &["Kerry met Hollande.", "They met again."],
            ),
            edge(
                1,
                2,
                Relation::AffiliatedWith,
                &["President Hollande of France"],
            ),
            edge(2, 3, Relation::Condemned, &["France condemned ISIS."]),
        ],
    });
    graph
}
