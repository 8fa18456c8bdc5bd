//! Query evaluation tests: each runs one query on the fixture graph and compares the text table.

mod support;

use support::check;

#[test]
fn spec_example_follows_met_with() {
    check(
        r#"MATCH (a:Person)-[r:MET_WITH]->(b) WHERE a.name = "John Kerry" RETURN a.name, b.name, r.count LIMIT 10"#,
        r#"
+--------------+------------------------+---------+
| a.name       | b.name                 | r.count |
+--------------+------------------------+---------+
| "John Kerry" | "Mohammad Javad Zarif" | 2       |
+--------------+------------------------+---------+
1 row
"#,
    );
}

#[test]
fn directed_edges_and_symmetric_both_ways() {
    check(
        r#"MATCH (a)-[r]->(b) RETURN a, r, b"#,
        r#"
+------------------------------------------+-------------------------------+------------------------------------------+
| a                                        | r                             | b                                        |
+------------------------------------------+-------------------------------+------------------------------------------+
| (:State {name: "Iran"})                  | [:CONDEMNED]                  | (:State {name: "United States"})         |
| (:Person {name: "John Kerry"})           | [:MET_WITH]                   | (:Person {name: "Mohammad Javad Zarif"}) |
| (:Person {name: "John Kerry"})           | [:AFFILIATED_WITH]            | (:State {name: "United States"})         |
| (:Person {name: "Mohammad Javad Zarif"}) | [:AFFILIATED_WITH]            | (:State {name: "Iran"})                  |
| (:Person {name: "Mohammad Javad Zarif"}) | [:MET_WITH]                   | (:Person {name: "John Kerry"})           |
| (:State {name: "Russia"})                | [:REFUSED_TO_COORDINATE_WITH] | (:State {name: "Ukraine"})               |
| (:State {name: "Russia"})                | [:CONDEMNED]                  | (:State {name: "United States"})         |
| (:State {name: "Ukraine"})               | [:REFUSED_TO_COORDINATE_WITH] | (:State {name: "Russia"})                |
| (:State {name: "United States"})         | [:PLEDGED_AID_TO]             | (:State {name: "Ukraine"})               |
+------------------------------------------+-------------------------------+------------------------------------------+
9 rows
"#,
    );
}

#[test]
fn symmetric_relation_matches_left_arrow() {
    check(
        r#"MATCH (a)<-[:MET_WITH]-(b) RETURN a.name, b.name"#,
        r#"
+------------------------+------------------------+
| a.name                 | b.name                 |
+------------------------+------------------------+
| "John Kerry"           | "Mohammad Javad Zarif" |
| "Mohammad Javad Zarif" | "John Kerry"           |
+------------------------+------------------------+
2 rows
"#,
    );
}

#[test]
fn node_properties() {
    check(
        r#"MATCH (n) RETURN n.id, n.name, n.aliases, n.type, n.title, n.mentions, n.articles"#,
        r#"
+------------------------+------------------------+-----------+----------------+----------------------+------------+--------------+
| n.id                   | n.name                 | n.aliases | n.type         | n.title              | n.mentions | n.articles   |
+------------------------+------------------------+-----------+----------------+----------------------+------------+--------------+
| "hamas"                | "Hamas"                | []        | "organization" | null                 | 1          | ["a2"]       |
| "iran"                 | "Iran"                 | []        | "state"        | null                 | 1          | ["a1"]       |
| "john-kerry"           | "John Kerry"           | ["Kerry"] | "person"       | "Secretary of State" | 2          | ["a1", "a2"] |
| "mohammad-javad-zarif" | "Mohammad Javad Zarif" | ["Zarif"] | "person"       | null                 | 2          | ["a1", "a2"] |
| "russia"               | "Russia"               | []        | "state"        | null                 | 1          | ["a2"]       |
| "ukraine"              | "Ukraine"              | []        | "state"        | null                 | 1          | ["a2"]       |
| "united-states"        | "United States"        | ["U.S."]  | "state"        | null                 | 2          | ["a1", "a2"] |
+------------------------+------------------------+-----------+----------------+----------------------+------------+--------------+
7 rows
"#,
    );
}

#[test]
fn inline_property_and_order_desc() {
    check(
        r#"MATCH (a:State)-[:CONDEMNED]->(b {name: "United States"}) RETURN a.name ORDER BY a.name DESC"#,
        r#"
+----------+
| a.name   |
+----------+
| "Russia" |
| "Iran"   |
+----------+
2 rows
"#,
    );
}

#[test]
fn undirected_grouping_by_type() {
    check(
        r#"MATCH (a)-[r]-(b) RETURN type(r), count(*) AS n ORDER BY n DESC, type(r)"#,
        r#"
+------------------------------+---+
| type(r)                      | n |
+------------------------------+---+
| "AFFILIATED_WITH"            | 4 |
| "CONDEMNED"                  | 4 |
| "MET_WITH"                   | 2 |
| "PLEDGED_AID_TO"             | 2 |
| "REFUSED_TO_COORDINATE_WITH" | 2 |
+------------------------------+---+
5 rows
"#,
    );
}

#[test]
fn chain_of_three_nodes() {
    check(
        r#"MATCH (p:Person)-[:AFFILIATED_WITH]->(s:State)<-[:CONDEMNED]-(c) RETURN p.name, s.name, c.name"#,
        r#"
+--------------+-----------------+----------+
| p.name       | s.name          | c.name   |
+--------------+-----------------+----------+
| "John Kerry" | "United States" | "Iran"   |
| "John Kerry" | "United States" | "Russia" |
+--------------+-----------------+----------+
2 rows
"#,
    );
}

#[test]
fn comma_patterns_with_pattern_predicate() {
    check(
        r#"MATCH (a:Person), (b:State) WHERE (a)-[:AFFILIATED_WITH]->(b) RETURN a.name, b.name"#,
        r#"
+------------------------+-----------------+
| a.name                 | b.name          |
+------------------------+-----------------+
| "John Kerry"           | "United States" |
| "Mohammad Javad Zarif" | "Iran"          |
+------------------------+-----------------+
2 rows
"#,
    );
}

#[test]
fn negated_pattern_predicate() {
    check(
        r#"MATCH (a:State) WHERE NOT (a)-[:CONDEMNED]->() RETURN a.name"#,
        r#"
+-----------------+
| a.name          |
+-----------------+
| "Ukraine"       |
| "United States" |
+-----------------+
2 rows
"#,
    );
}

#[test]
fn type_alternatives() {
    check(
        r#"MATCH (a {name: "Iran"})-[r:CONDEMNED|AFFILIATED_WITH]-(b) RETURN a.name, type(r), b.name, r.evidence, r.articles"#,
        r#"
+--------+-------------------+------------------------+------------------------------------+------------+
| a.name | type(r)           | b.name                 | r.evidence                         | r.articles |
+--------+-------------------+------------------------+------------------------------------+------------+
| "Iran" | "AFFILIATED_WITH" | "Mohammad Javad Zarif" | ["Iranian Foreign Minister Zarif"] | ["a1"]     |
| "Iran" | "CONDEMNED"       | "United States"        | ["Iran condemned the U.S."]        | ["a1"]     |
+--------+-------------------+------------------------+------------------------------------+------------+
2 rows
"#,
    );
}

#[test]
fn string_predicates_and_functions() {
    check(
        r#"MATCH (n) WHERE n.name STARTS WITH "U" OR n.name ENDS WITH "a" XOR n.name CONTAINS "ss" RETURN n.name, toUpper(n.name), toLower(n.name), size(n.name), labels(n), id(n)"#,
        r#"
+-----------------+-----------------+-----------------+--------------+-----------+-----------------+
| n.name          | toUpper(n.name) | toLower(n.name) | size(n.name) | labels(n) | id(n)           |
+-----------------+-----------------+-----------------+--------------+-----------+-----------------+
| "Ukraine"       | "UKRAINE"       | "ukraine"       | 7            | ["State"] | "ukraine"       |
| "United States" | "UNITED STATES" | "united states" | 13           | ["State"] | "united-states" |
+-----------------+-----------------+-----------------+--------------+-----------+-----------------+
2 rows
"#,
    );
}

#[test]
fn is_not_null_and_coalesce() {
    check(
        r#"MATCH (n) WHERE n.title IS NOT NULL RETURN n.name, coalesce(n.title, "x")"#,
        r#"
+--------------+------------------------+
| n.name       | coalesce(n.title, "x") |
+--------------+------------------------+
| "John Kerry" | "Secretary of State"   |
+--------------+------------------------+
1 row
"#,
    );
}

#[test]
fn in_list_and_distinct() {
    check(
        r#"MATCH (n) WHERE n.name IN ["Iran", "Hamas"] RETURN DISTINCT n.type SKIP 0 LIMIT 5"#,
        r#"
+----------------+
| n.type         |
+----------------+
| "organization" |
| "state"        |
+----------------+
2 rows
"#,
    );
}

#[test]
fn aggregates_with_implicit_grouping() {
    check(
        r#"MATCH (n) RETURN n.type AS t, collect(n.name) AS names, min(n.mentions), max(n.name), sum(n.mentions), avg(n.mentions), count(DISTINCT n.mentions) ORDER BY t"#,
        r#"
+----------------+------------------------------------------------+-----------------+------------------------+-----------------+-----------------+----------------------------+
| t              | names                                          | min(n.mentions) | max(n.name)            | sum(n.mentions) | avg(n.mentions) | count(DISTINCT n.mentions) |
+----------------+------------------------------------------------+-----------------+------------------------+-----------------+-----------------+----------------------------+
| "organization" | ["Hamas"]                                      | 1               | "Hamas"                | 1               | 1.0             | 1                          |
| "person"       | ["John Kerry", "Mohammad Javad Zarif"]         | 2               | "Mohammad Javad Zarif" | 4               | 2.0             | 1                          |
| "state"        | ["Iran", "Russia", "Ukraine", "United States"] | 1               | "United States"        | 5               | 1.25            | 2                          |
+----------------+------------------------------------------------+-----------------+------------------------+-----------------+-----------------+----------------------------+
3 rows
"#,
    );
}

#[test]
fn count_on_empty_match() {
    check(
        r#"MATCH (n:Organization)-->(m) RETURN count(*), count(m), collect(m), sum(1), avg(1)"#,
        r#"
+----------+----------+------------+--------+--------+
| count(*) | count(m) | collect(m) | sum(1) | avg(1) |
+----------+----------+------------+--------+--------+
| 0        | 0        | []         | 0      | null   |
+----------+----------+------------+--------+--------+
1 row
"#,
    );
}

#[test]
fn comparisons_and_three_valued_logic() {
    check(
        r#"RETURN 1 < 2, 2 <= 1, "a" < "b", 1 = 1.0, 1 <> 2, null = null, null OR true, null AND false, NOT null, 1 < "a", [1, 2] = [1, 2]"#,
        r#"
+-------+--------+-----------+---------+--------+-------------+--------------+----------------+----------+---------+-----------------+
| 1 < 2 | 2 <= 1 | "a" < "b" | 1 = 1.0 | 1 <> 2 | null = null | null OR true | null AND false | NOT null | 1 < "a" | [1, 2] = [1, 2] |
+-------+--------+-----------+---------+--------+-------------+--------------+----------------+----------+---------+-----------------+
| true  | false  | true      | true    | true   | null        | true         | false          | null     | null    | true            |
+-------+--------+-----------+---------+--------+-------------+--------------+----------------+----------+---------+-----------------+
1 row
"#,
    );
}

#[test]
fn arithmetic() {
    check(
        r#"RETURN 7 / 2, 7 % 3, 2 * 3 + 1, 1.5 + 1, "a" + "b", [1] + [2, 3], -(2 - 5), [10, 20, 30][-1]"#,
        r#"
+-------+-------+-----------+---------+-----------+--------------+----------+------------------+
| 7 / 2 | 7 % 3 | 2 * 3 + 1 | 1.5 + 1 | "a" + "b" | [1] + [2, 3] | -(2 - 5) | [10, 20, 30][-1] |
+-------+-------+-----------+---------+-----------+--------------+----------+------------------+
| 3     | 1     | 7         | 2.5     | "ab"      | [1, 2, 3]    | 3        | 30               |
+-------+-------+-----------+---------+-----------+--------------+----------+------------------+
1 row
"#,
    );
}

#[test]
fn skip_limit_order() {
    check(
        r#"MATCH (n) RETURN n.name ORDER BY n.mentions DESC, n.name SKIP 1 LIMIT 3"#,
        r#"
+------------------------+
| n.name                 |
+------------------------+
| "Mohammad Javad Zarif" |
| "United States"        |
| "Hamas"                |
+------------------------+
3 rows
"#,
    );
}

#[test]
fn name_equality_is_exact() {
    check(
        r#"MATCH (n) WHERE n.name = "Kerry" RETURN n.name"#,
        r#"
+--------+
| n.name |
+--------+
0 rows
"#,
    );
}

#[test]
fn where_with_or_on_ids() {
    check(
        r#"MATCH (n) WHERE n.id = "iran" OR n.id = "russia" RETURN n.name"#,
        r#"
+----------+
| n.name   |
+----------+
| "Iran"   |
| "Russia" |
+----------+
2 rows
"#,
    );
}

#[test]
fn relationship_properties_inline() {
    check(
        r#"MATCH (a)-[r:MET_WITH {count: 2}]-(b) RETURN a.name, r.count, r.evidence"#,
        r#"
+------------------------+---------+--------------------------------------------------------------+
| a.name                 | r.count | r.evidence                                                   |
+------------------------+---------+--------------------------------------------------------------+
| "John Kerry"           | 2       | ["Kerry met Zarif in Vienna.", "Zarif and Kerry met again."] |
| "Mohammad Javad Zarif" | 2       | ["Kerry met Zarif in Vienna.", "Zarif and Kerry met again."] |
+------------------------+---------+--------------------------------------------------------------+
2 rows
"#,
    );
}

#[test]
fn same_variable_twice_in_a_chain() {
    check(
        r#"MATCH (a)-[:MET_WITH]-(b)-[:MET_WITH]-(a) RETURN a.name, b.name"#,
        r#"
+--------+--------+
| a.name | b.name |
+--------+--------+
0 rows
"#,
    );
}

#[test]
fn edge_used_once_per_match() {
    check(
        r#"MATCH (a {name: "Iran"})-[r1]-(b)-[r2]-(c) RETURN b.name, c.name ORDER BY b.name, c.name"#,
        r#"
+------------------------+--------------+
| b.name                 | c.name       |
+------------------------+--------------+
| "Mohammad Javad Zarif" | "John Kerry" |
| "United States"        | "John Kerry" |
| "United States"        | "Russia"     |
| "United States"        | "Ukraine"    |
+------------------------+--------------+
4 rows
"#,
    );
}

#[test]
fn division_by_zero() {
    check(
        r#"RETURN 1 / 0"#,
        r#"
error: division by zero
"#,
    );
}

#[test]
fn type_error() {
    check(
        r#"RETURN 1 + true"#,
        r#"
error: cannot apply + to integer and boolean
"#,
    );
}

#[test]
fn invalid_regex() {
    check(
        r#"MATCH (n) WHERE n.name =~ "(" RETURN n"#,
        r#"
error: invalid regular expression "(": unclosed group
"#,
    );
}

#[test]
fn bad_limit() {
    check(
        r#"RETURN 1 LIMIT -1"#,
        r#"
error: LIMIT expects a non-negative integer, found -1
"#,
    );
}

#[test]
fn unknown_label_rendered() {
    check(
        r#"MATCH (a:Persn) RETURN a"#,
        r#"
error at 1:10: unknown label :Persn (did you mean :Person?)
  |
1 | MATCH (a:Persn) RETURN a
  |          ^^^^^
"#,
    );
}

#[test]
fn syntax_error_rendered() {
    check(
        r#"MATCH (a:Person RETURN a"#,
        r#"
syntax error at 1:17: expected ')' to close the node pattern opened at 1:7, found 'RETURN'
  |
1 | MATCH (a:Person RETURN a
  |                 ^^^^^^
"#,
    );
}

#[test]
fn parameters() {
    let params = newsgraph::query::Params::from([
        (
            "who".to_string(),
            newsgraph::query::Value::String("Iran".into()),
        ),
        ("n".to_string(), newsgraph::query::Value::Int(1)),
    ]);
    support::check_with(
        "MATCH (a {name: $who})-[:CONDEMNED]->(b) RETURN b.name LIMIT $n",
        &params,
        r#"
+-----------------+
| b.name          |
+-----------------+
| "United States" |
+-----------------+
1 row
"#,
    );
}

#[test]
fn cancel_flag_stops_evaluation() {
    let graph = support::graph();
    let cancel = std::sync::atomic::AtomicBool::new(true);
    let params = newsgraph::query::Params::new();
    let result =
        newsgraph::query::run_with_cancel(&graph, "MATCH (a)--(b) RETURN a", &params, &cancel);
    let error = result.expect_err("a raised flag cancels");
    assert_eq!(error.to_string(), "evaluate: query cancelled");
}

#[test]
fn json_and_csv_renderings() {
    let graph = support::graph();
    let query = r#"MATCH p = (a {name: "Iran"})-[r:CONDEMNED]->(b) RETURN a.name AS name, r, p"#;
    let table = newsgraph::query::run(&graph, query, &Default::default()).expect("runs");
    let json = table.to_json(&graph);
    assert_eq!(json["columns"], serde_json::json!(["name", "r", "p"]));
    assert_eq!(
        json["rows"][0][1],
        serde_json::json!({"type": "CONDEMNED", "source": "iran", "target": "united-states", "count": 1})
    );
    assert_eq!(json["rows"][0][2][0]["id"], "iran");
    assert_eq!(json["rows"][0][2][2]["name"], "United States");
    assert_eq!(json["rows"][0][2][0]["type"], "state");
    assert_eq!(
        table.to_csv(&graph),
        "name,r,p\nIran,[:CONDEMNED],\"(:State {name: \"\"Iran\"\"})-[:CONDEMNED]->(:State {name: \"\"United States\"\"})\"\n"
    );
}

#[test]
fn property_of_a_scalar_is_an_error() {
    check(
        "UNWIND [1] AS x RETURN x.name",
        "error: integer has no property name",
    );
}

#[test]
fn return_star_and_relationship_property_typo() {
    check(
        r#"MATCH (b:Organization) RETURN *"#,
        r#"
+---------------------------------+
| b                               |
+---------------------------------+
| (:Organization {name: "Hamas"}) |
+---------------------------------+
1 row
"#,
    );
    check(
        "MATCH ()-[r]-() RETURN r.cnt",
        r#"
error at 1:26: unknown relationship property cnt (did you mean count?)
  |
1 | MATCH ()-[r]-() RETURN r.cnt
  |                          ^^^
"#,
    );
}
