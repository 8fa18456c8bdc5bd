//! The small graph the query tests run on, built with `KnowledgeGraph::merge`, and `check`.
#![allow(dead_code)]

use newsgraph::graph::{ArticleGraph, EdgeRecord, EntityRecord, KnowledgeGraph};
use newsgraph::model::{EntityType, Evidence, Relation};

fn entity(
    name: &str,
    entity_type: EntityType,
    aliases: &[&str],
    title: Option<&str>,
) -> EntityRecord {
    EntityRecord {
        name: name.into(),
        entity_type,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        title: title.map(str::to_string),
        mentions: 1,
    }
}

fn edge(
    article: &str,
    source: usize,
    target: usize,
    relation: Relation,
    sentence: &str,
) -> EdgeRecord {
    EdgeRecord {
        source,
        target,
        relation,
        evidence: vec![Evidence {
            article: article.into(),
            sentence: sentence.into(),
            sentence_start: 0,
            trigger: (0, 1),
        }],
    }
}

/// Kerry met Zarif in both articles; Iran and Russia condemned the U.S.; Russia refused to
/// coordinate with Ukraine; the U.S. pledged aid to Ukraine; two affiliations.
pub fn graph() -> KnowledgeGraph {
    use EntityType::*;
    use Relation::*;
    let mut g = KnowledgeGraph::new();
    g.merge(&ArticleGraph {
        article: "a1".into(),
        entities: vec![
            entity("John Kerry", Person, &["Kerry"], Some("Secretary of State")),
            entity("Iran", State, &[], None),
            entity("Mohammad Javad Zarif", Person, &["Zarif"], None),
            entity("United States", State, &["U.S."], None),
        ],
        edges: vec![
            edge("a1", 0, 2, MetWith, "Kerry met Zarif in Vienna."),
            edge("a1", 1, 3, Condemned, "Iran condemned the U.S."),
            edge("a1", 0, 3, AffiliatedWith, "Secretary of State John Kerry"),
            edge("a1", 2, 1, AffiliatedWith, "Iranian Foreign Minister Zarif"),
        ],
    });
    g.merge(&ArticleGraph {
        article: "a2".into(),
        entities: vec![
            entity("Zarif", Person, &[], None),
            entity("John Kerry", Person, &[], None),
            entity("United States", State, &[], None),
            entity("Ukraine", State, &[], None),
            entity("Russia", State, &[], None),
            entity("Hamas", Organization, &[], None),
        ],
        edges: vec![
            edge("a2", 0, 1, MetWith, "Zarif and Kerry met again."),
            edge("a2", 2, 3, PledgedAidTo, "The U.S. pledged aid to Ukraine."),
            edge(
                "a2",
                4,
                3,
                RefusedToCoordinateWith,
                "Russia refused to coordinate with Ukraine.",
            ),
            edge("a2", 4, 2, Condemned, "Russia condemned the United States."),
        ],
    });
    g
}

/// Runs `query` on the fixture graph and returns the rendered table, or the rendered error.
pub fn output(query: &str, params: &newsgraph::query::Params) -> String {
    let graph = graph();
    match newsgraph::query::run(&graph, query, params) {
        Ok(table) => table.to_text(&graph),
        Err(e) => e.render(query),
    }
}

/// Asserts the rendered output of `query`, surrounding blank lines ignored.
#[track_caller]
pub fn check(query: &str, expected: &str) {
    check_with(query, &newsgraph::query::Params::new(), expected);
}

/// [`check`] with parameters.
#[track_caller]
pub fn check_with(query: &str, params: &newsgraph::query::Params, expected: &str) {
    let got = output(query, params);
    assert_eq!(
        got.trim_end(),
        expected.trim(),
        "\n--- query: {query}\n--- got:\n{got}"
    );
}
