//! Extraction scored against the hand-annotated gold in `../shared/gold`, with F1 floors.
//! The floors sit a little under today's figures so a regression fails loudly.

use newsgraph::eval::{Scores, parse_gold, score_article};
use newsgraph::export::json::article_to_json;
use newsgraph::extract::Extractor;
use newsgraph::ingest::Article;
use std::path::Path;

fn shared() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../shared"))
}

fn score(gold_file: &str) -> Scores {
    let text = std::fs::read_to_string(shared().join(gold_file))
        .expect("gold file (../shared beside the repo)");
    let gold = parse_gold(&text).unwrap();
    let ex = Extractor::builtin();
    let mut scores = Scores::new();
    for g in &gold {
        let article = std::fs::read_to_string(shared().join(&g.article)).unwrap();
        let pred = article_to_json(&ex.extract(&Article::new(&g.article, article)));
        score_article(g, &pred, &mut scores);
    }
    scores
}

#[test]
fn seed_gold_is_found_without_extra_relations() {
    let scores = score("gold/seed.jsonl");
    let (_, _, entity_f1) = scores.total("entity").prf();
    let relations = scores.total("relation");
    assert!(
        entity_f1 >= 0.90,
        "entity F1 {entity_f1}\n{}",
        scores.report()
    );
    assert_eq!(
        (relations.tp, relations.fp, relations.fn_),
        (2, 0, 0),
        "\n{}",
        scores.report()
    );
}

#[test]
fn dev_gold_f1_floors() {
    let scores = score("gold/dev.jsonl");
    let (_, _, entity_f1) = scores.total("entity").prf();
    let (_, _, relation_f1) = scores.total("relation").prf();
    assert!(
        entity_f1 >= 0.90,
        "entity F1 {entity_f1}\n{}",
        scores.report()
    );
    assert!(
        relation_f1 >= 0.72,
        "relation F1 {relation_f1}\n{}",
        scores.report()
    );
}
