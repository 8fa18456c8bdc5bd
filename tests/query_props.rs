//! Property tests: parse and run never panic; printing a parsed query is a fixed point.

mod support;

use newsgraph::query::{Params, Value, parse, run};
use proptest::prelude::*;

const SEEDS: [&str; 12] = [
    r#"MATCH (a:Person)-[r:MET_WITH]->(b) WHERE a.name = "John Kerry" RETURN a.name, b.name LIMIT 10"#,
    r#"MATCH (a)-[r:MET_WITH|CONDEMNED]-(b {name: "Iran"}) RETURN type(r), count(*) ORDER BY count(*) DESC"#,
    "MATCH (a), (b) WHERE (a)-->(b) AND NOT (b)<--(a) OR a.title IS NULL RETURN DISTINCT a SKIP 1",
    "MATCH p = (a)-[*1..3]-(b) RETURN p, length(p), nodes(p), relationships(p)",
    "MATCH p = shortestPath((a {id: 'iran'})-[*]-(b)) RETURN p",
    "OPTIONAL MATCH (a:State) WITH a, count(*) AS n WHERE n > 0 RETURN a.name, n",
    "UNWIND [1, 2.5, 'x', null] AS x RETURN x, x + 1, toString(x) ORDER BY x",
    "MATCH (n) WHERE n.name =~ '(?i)i.*' AND n.name STARTS WITH 'I' RETURN toUpper(n.name), size(n.aliases)",
    "RETURN -1 * (2 + 3) % 4 / 1.5, [1, 2][0], {a: 1}.a, $p, coalesce(null, 1)",
    "MATCH (a) RETURN a.name AS name, collect(DISTINCT a.type), min(a.mentions), avg(a.mentions)",
    "MATCH p = allShortestPaths((a)-[:MET_WITH*..4]->(b)) RETURN p // c\n",
    "/* c */ match (a:Organization {name: $p})<-[r]-(b) return r.count, r.evidence, labels(b);",
];

fn params() -> Params {
    Params::from([("p".to_string(), Value::String("Iran".into()))])
}

fn check_no_panic(text: &str) {
    let graph = support::graph();
    if let Ok(query) = parse(text) {
        let printed = query.to_string();
        let reparsed =
            parse(&printed).unwrap_or_else(|e| panic!("{printed:?} does not reparse: {e}"));
        assert_eq!(
            reparsed, query,
            "printing {text:?} as {printed:?} changed the query"
        );
        assert_eq!(reparsed.to_string(), printed);
    }
    let _ = run(&graph, text, &params());
}

#[test]
fn seeds_round_trip_and_run() {
    for seed in SEEDS {
        check_no_panic(seed);
        let graph = support::graph();
        if let Err(e) = run(&graph, seed, &params()) {
            panic!("{}", e.render(seed));
        }
    }
}

fn mutated() -> impl Strategy<Value = String> {
    let seed = prop::sample::select(SEEDS.to_vec());
    let edits = prop::collection::vec(
        (any::<prop::sample::Index>(), 0..4usize, "[ -~]{0,3}"),
        1..4,
    );
    (seed, edits).prop_map(|(seed, edits)| {
        let mut text = seed.to_string();
        for (at, kind, piece) in edits {
            let mut i = at.index(text.len() + 1);
            while !text.is_char_boundary(i) {
                i -= 1;
            }
            let end = (i + piece.len().max(1)).min(text.len());
            let end = if text.is_char_boundary(end) { end } else { i };
            match kind {
                0 => text.insert_str(i, &piece),
                1 => text.replace_range(i..end, ""),
                2 => text.replace_range(i..end, &piece),
                _ => text.truncate(i),
            }
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn arbitrary_text_never_panics(text in "\\PC{0,80}") {
        check_no_panic(&text);
    }

    #[test]
    fn cypher_like_text_never_panics(text in "[()\\[\\]{}<>:\\-|*.,=$'\"a-zA-Z0-9 ]{0,60}") {
        check_no_panic(&text);
    }

    #[test]
    fn mutated_queries_never_panic(text in mutated()) {
        check_no_panic(&text);
    }
}

#[test]
fn deep_nesting_is_rejected_without_overflow() {
    for text in [
        format!("RETURN {}1{}", "[".repeat(100_000), "]".repeat(100_000)),
        format!("RETURN {}1", "-".repeat(100_000)),
        format!("RETURN 1{}", " AND true".repeat(100_000)),
        format!("MATCH (a){} RETURN a", "-->()".repeat(10_000)),
        format!("RETURN {}", "{a: ".repeat(10_000)),
    ] {
        let error = parse(&text).expect_err("too deep");
        assert!(
            error.message.contains("nests too deeply"),
            "{}",
            error.message
        );
    }
}
