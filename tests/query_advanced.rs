//! Query evaluation tests of the second tier: variable length, paths, OPTIONAL MATCH, WITH, UNWIND.

mod support;

use support::check;

#[test]
fn var_length_paths() {
    check(
        r#"MATCH p = (a {name: "Russia"})-[*1..2]-(b) RETURN b.name, length(p), p ORDER BY length(p), b.name"#,
        r#"
+-----------------+-----------+----------------------------------------------------------------------------------------------------------------------------------------+
| b.name          | length(p) | p                                                                                                                                      |
+-----------------+-----------+----------------------------------------------------------------------------------------------------------------------------------------+
| "Ukraine"       | 1         | (:State {name: "Russia"})-[:REFUSED_TO_COORDINATE_WITH]-(:State {name: "Ukraine"})                                                     |
| "United States" | 1         | (:State {name: "Russia"})-[:CONDEMNED]->(:State {name: "United States"})                                                               |
| "Iran"          | 2         | (:State {name: "Russia"})-[:CONDEMNED]->(:State {name: "United States"})<-[:CONDEMNED]-(:State {name: "Iran"})                         |
| "John Kerry"    | 2         | (:State {name: "Russia"})-[:CONDEMNED]->(:State {name: "United States"})<-[:AFFILIATED_WITH]-(:Person {name: "John Kerry"})            |
| "Ukraine"       | 2         | (:State {name: "Russia"})-[:CONDEMNED]->(:State {name: "United States"})-[:PLEDGED_AID_TO]->(:State {name: "Ukraine"})                 |
| "United States" | 2         | (:State {name: "Russia"})-[:REFUSED_TO_COORDINATE_WITH]-(:State {name: "Ukraine"})<-[:PLEDGED_AID_TO]-(:State {name: "United States"}) |
+-----------------+-----------+----------------------------------------------------------------------------------------------------------------------------------------+
6 rows
"#,
    );
}

#[test]
fn exact_length() {
    check(
        r#"MATCH (a {name: "Hamas"})-[*2]-(b) RETURN b"#,
        r#"
+---+
| b |
+---+
0 rows
"#,
    );
}

#[test]
fn unbounded_star_warns() {
    check(
        r#"MATCH (a)-[*]-(b {name: "Hamas"}) RETURN a"#,
        r#"
+---+
| a |
+---+
0 rows
warning: unbounded variable-length relationship * limited to 10 hops
"#,
    );
}

#[test]
fn var_length_relationship_list() {
    check(
        r#"MATCH (a {name: "John Kerry"})-[rs:AFFILIATED_WITH|CONDEMNED*2]-(b) RETURN b.name, size(rs), rs ORDER BY b.name"#,
        r#"
+----------+----------+------------------------------------+
| b.name   | size(rs) | rs                                 |
+----------+----------+------------------------------------+
| "Iran"   | 2        | [[:AFFILIATED_WITH], [:CONDEMNED]] |
| "Russia" | 2        | [[:AFFILIATED_WITH], [:CONDEMNED]] |
+----------+----------+------------------------------------+
2 rows
"#,
    );
}

#[test]
fn optional_match_binds_nulls() {
    check(
        r#"MATCH (a {name: "Hamas"}) OPTIONAL MATCH (a)-[r]-(b) RETURN a.name, r, b"#,
        r#"
+---------+------+------+
| a.name  | r    | b    |
+---------+------+------+
| "Hamas" | null | null |
+---------+------+------+
1 row
"#,
    );
}

#[test]
fn optional_match_keeps_matches() {
    check(
        r#"MATCH (a:Person) OPTIONAL MATCH (a)-[:AFFILIATED_WITH]->(s:State) RETURN a.name, s.name"#,
        r#"
+------------------------+-----------------+
| a.name                 | s.name          |
+------------------------+-----------------+
| "John Kerry"           | "United States" |
| "Mohammad Javad Zarif" | "Iran"          |
+------------------------+-----------------+
2 rows
"#,
    );
}

#[test]
fn with_aggregate_and_where() {
    check(
        r#"MATCH (a)-[:CONDEMNED]->(s) WITH s, count(*) AS n WHERE n >= 2 RETURN s.name, n"#,
        r#"
+-----------------+---+
| s.name          | n |
+-----------------+---+
| "United States" | 2 |
+-----------------+---+
1 row
"#,
    );
}

#[test]
fn with_chaining() {
    check(
        r#"MATCH (a:Person) WITH a.name AS name ORDER BY name DESC LIMIT 1 RETURN toUpper(name) AS shout"#,
        r#"
+------------------------+
| shout                  |
+------------------------+
| "MOHAMMAD JAVAD ZARIF" |
+------------------------+
1 row
"#,
    );
}

#[test]
fn unwind() {
    check(
        r#"UNWIND [3, 1, 2, null] AS x RETURN x ORDER BY x"#,
        r#"
+------+
| x    |
+------+
| 1    |
| 2    |
| 3    |
| null |
+------+
4 rows
"#,
    );
}

#[test]
fn unwind_into_match() {
    check(
        r#"UNWIND ["Iran", "Russia"] AS name MATCH (s:State {name: name})-[:CONDEMNED]->(t) RETURN name, t.name"#,
        r#"
+----------+-----------------+
| name     | t.name          |
+----------+-----------------+
| "Iran"   | "United States" |
| "Russia" | "United States" |
+----------+-----------------+
2 rows
"#,
    );
}

#[test]
fn shortest_path() {
    check(
        r#"MATCH p = shortestPath((a {name: "John Kerry"})-[*]-(b {name: "Ukraine"})) RETURN p, length(p), relationships(p)"#,
        r#"
+-----------------------------------------------------------------------------------------------------------------------------------+-----------+-----------------------------------------+
| p                                                                                                                                 | length(p) | relationships(p)                        |
+-----------------------------------------------------------------------------------------------------------------------------------+-----------+-----------------------------------------+
| (:Person {name: "John Kerry"})-[:AFFILIATED_WITH]->(:State {name: "United States"})-[:PLEDGED_AID_TO]->(:State {name: "Ukraine"}) | 2         | [[:AFFILIATED_WITH], [:PLEDGED_AID_TO]] |
+-----------------------------------------------------------------------------------------------------------------------------------+-----------+-----------------------------------------+
1 row
"#,
    );
}

#[test]
fn all_shortest_paths() {
    check(
        r#"MATCH p = allShortestPaths((a {name: "John Kerry"})-[*]-(b {name: "Russia"})) RETURN nodes(p)"#,
        r#"
+-----------------------------------------------------------------------------------------------+
| nodes(p)                                                                                      |
+-----------------------------------------------------------------------------------------------+
| [(:Person {name: "John Kerry"}), (:State {name: "United States"}), (:State {name: "Russia"})] |
+-----------------------------------------------------------------------------------------------+
1 row
"#,
    );
}

#[test]
fn regex_match() {
    check(
        r#"MATCH (n) WHERE n.name =~ "(?i)j.*|u.*" RETURN n.name"#,
        r#"
+-----------------+
| n.name          |
+-----------------+
| "John Kerry"    |
| "Ukraine"       |
| "United States" |
+-----------------+
3 rows
"#,
    );
}

#[test]
fn named_path_single_hop() {
    check(
        r#"MATCH p = (a {name: "Iran"})-[:CONDEMNED]->(b) RETURN p, nodes(p), length(p)"#,
        r#"
+------------------------------------------------------------------------+-------------------------------------------------------------+-----------+
| p                                                                      | nodes(p)                                                    | length(p) |
+------------------------------------------------------------------------+-------------------------------------------------------------+-----------+
| (:State {name: "Iran"})-[:CONDEMNED]->(:State {name: "United States"}) | [(:State {name: "Iran"}), (:State {name: "United States"})] | 1         |
+------------------------------------------------------------------------+-------------------------------------------------------------+-----------+
1 row
"#,
    );
}

#[test]
fn null_from_optional_match_does_not_match_later() {
    check(
        r#"MATCH (a {name: "Hamas"}) OPTIONAL MATCH (a)-->(b) MATCH (b)-->(c) RETURN a, b, c"#,
        r#"
+---+---+---+
| a | b | c |
+---+---+---+
0 rows
"#,
    );
    check(
        r#"MATCH (a {name: "Hamas"}) OPTIONAL MATCH (a)-->(b) WITH a, b WHERE NOT (b)-->() RETURN a.name, b"#,
        r#"
+---------+------+
| a.name  | b    |
+---------+------+
| "Hamas" | null |
+---------+------+
1 row
"#,
    );
}

#[test]
fn zero_length_walks_bind_the_start() {
    check(
        r#"MATCH (a {name: "Hamas"})-[rs*0..1]-(b) RETURN a.name, b.name, rs"#,
        r#"
+---------+---------+----+
| a.name  | b.name  | rs |
+---------+---------+----+
| "Hamas" | "Hamas" | [] |
+---------+---------+----+
1 row
"#,
    );
}

#[test]
fn order_by_aggregate_not_returned() {
    // Kerry: MET_WITH (2 sentences) + AFFILIATED_WITH; United States: CONDEMNED x2,
    // AFFILIATED_WITH, PLEDGED_AID_TO, all with one sentence.
    check(
        r#"MATCH (a)-[r]-(b) RETURN a.name, count(*) AS n ORDER BY sum(r.count) DESC, count(DISTINCT type(r)), a.name LIMIT 3"#,
        r#"
+------------------------+---+
| a.name                 | n |
+------------------------+---+
| "United States"        | 4 |
| "John Kerry"           | 2 |
| "Mohammad Javad Zarif" | 2 |
+------------------------+---+
3 rows
"#,
    );
    check(
        r#"MATCH (a)-[r]-(b) WITH a, count(*) AS n ORDER BY max(b.name) DESC, a.name LIMIT 2 RETURN a.name, n"#,
        r#"
+--------------+---+
| a.name       | n |
+--------------+---+
| "Iran"       | 2 |
| "John Kerry" | 2 |
+--------------+---+
2 rows
"#,
    );
}

#[test]
fn indexes_follow_a_removed_article() {
    let mut graph = support::graph();
    let count = |g: &newsgraph::graph::KnowledgeGraph| {
        let q = "MATCH (a)-[r]-(b) RETURN a.name, count(r) AS n ORDER BY n DESC, a.name LIMIT 1";
        newsgraph::query::run(g, q, &newsgraph::query::Params::new())
            .expect("query runs")
            .to_text(g)
    };
    assert!(count(&graph).contains("\"United States\" | 4"));
    assert!(graph.remove_article("a2"));
    // Russia, Ukraine and Hamas came from a2 only; the id order and adjacency are rebuilt.
    assert!(
        count(&graph).contains("| \"Iran\" | 2 |"),
        "{}",
        count(&graph)
    );
}

#[test]
fn batched_columns_match_row_by_row_evaluation() {
    // More rows than one batch; `coalesce(x)` is evaluated row by row, `x` a batch at a time.
    let spec = newsgraph::bench_graph::GenSpec {
        nodes: 300,
        edges: 1500,
        seed: 3,
    };
    let graph = newsgraph::bench_graph::generate(&spec);
    let run = |q: &str| {
        newsgraph::query::run(&graph, q, &newsgraph::query::Params::new())
            .expect("query runs")
            .into_rows()
    };
    let batched = run(
        "MATCH (a)-[r]-(b) RETURN b.name, type(r), labels(a), r.count, id(b), a.title, a.id, \
         r.type, b.type SKIP 3 LIMIT 1000",
    );
    let row_by_row = run(
        "MATCH (a)-[r]-(b) RETURN coalesce(b.name), coalesce(type(r)), coalesce(labels(a)), \
         coalesce(r.count), coalesce(id(b)), coalesce(a.title), coalesce(a.id), \
         coalesce(r.type), coalesce(b.type) SKIP 3 LIMIT 1000",
    );
    assert_eq!(batched.len(), 1000);
    assert_eq!(batched, row_by_row);
}
