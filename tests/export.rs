//! Export end to end: DOT through real Graphviz, GraphML and CSV parsed back by real parsers.

use newsgraph::export::csv::{write_kuzu, write_neo4j};
use newsgraph::export::graphml::to_graphml;
use newsgraph::export::{DotOptions, ExportError, render, to_dot};
use newsgraph::graph::{ArticleGraph, EdgeRecord, EntityRecord, KnowledgeGraph};
use newsgraph::model::{EntityType, Evidence, Relation};
use std::path::Path;
use std::process::Command;

fn entity(name: &str, entity_type: EntityType, aliases: &[&str]) -> EntityRecord {
    EntityRecord {
        name: name.into(),
        entity_type,
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
        title: None,
        mentions: 2,
    }
}

fn edge(source: usize, target: usize, relation: Relation, sentences: usize) -> EdgeRecord {
    EdgeRecord {
        source,
        target,
        relation,
        evidence: (0..sentences)
            .map(|n| Evidence {
                article: format!("article-{n}.txt"),
                sentence: format!("sentence {n}"),
                sentence_start: 0,
                trigger: (0, 1),
            })
            .collect(),
    }
}

/// Four actors with awkward names (quotes, commas, a backslash, accents) and four edges.
fn small_graph() -> KnowledgeGraph {
    let mut graph = KnowledgeGraph::new();
    let mut biden = entity(
        "Joseph R. Biden, Jr.",
        EntityType::Person,
        &["Biden", "Joe \"Uncle Joe\" Biden"],
    );
    biden.title = Some("Vice \"VP\" President".into());
    graph.merge(&ArticleGraph {
        article: "a.txt".into(),
        entities: vec![
            entity("François Hollande", EntityType::Person, &["Hollande"]),
            biden,
            entity("France", EntityType::State, &[]),
            entity(r"Back\slash <Front> & Co", EntityType::Organization, &[]),
        ],
        edges: vec![
            edge(0, 1, Relation::MetWith, 3),
            edge(0, 2, Relation::AffiliatedWith, 1),
            edge(2, 3, Relation::Condemned, 1),
            edge(3, 2, Relation::PledgedAidTo, 2),
        ],
    });
    graph
}

fn dot_on_path() -> bool {
    Command::new("dot").arg("-V").output().is_ok()
}

#[test]
fn dot_output_renders_through_real_graphviz() {
    assert!(
        dot_on_path(),
        "graphviz `dot` is not on PATH; install graphviz (apt-get install graphviz) to run this test"
    );
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("graph.svg");
    render(&to_dot(&small_graph(), &DotOptions::default()), "svg", &out).unwrap();
    let svg = std::fs::read_to_string(&out).unwrap();
    assert!(svg.contains("<svg"), "{svg}");
    // Graphviz escapes text for XML itself, so look for names without XML-special characters.
    for name in [
        "François Hollande",
        "Joseph R. Biden, Jr.",
        "France",
        "met&#45;with",
    ] {
        assert!(svg.contains(name), "`{name}` missing from the SVG:\n{svg}");
    }
    assert!(svg.contains(r"Back\slash &lt;Front&gt; &amp; Co"), "{svg}");
    // The title sits on its own line, quotes intact.
    assert!(
        svg.contains(">Vice &quot;VP&quot; President</text>"),
        "{svg}"
    );
    // Atomic write: nothing but the picture is left behind.
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1);
}

#[test]
fn dot_accepts_every_statement_we_write() {
    assert!(dot_on_path(), "graphviz `dot` is not on PATH");
    let dot = to_dot(&small_graph(), &DotOptions::default());
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("graph.png");
    render(&dot, "png", &out).unwrap();
    let png = std::fs::read(&out).unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
}

#[test]
fn render_rejects_unknown_formats_and_reports_dot_failures() {
    let out = Path::new("never-written.svg");
    assert_eq!(
        render("digraph {}", "pdf", out),
        Err(ExportError::UnknownFormat {
            found: "pdf".into()
        })
    );
    assert!(dot_on_path(), "graphviz `dot` is not on PATH");
    let err = render("digraph { ", "svg", out).unwrap_err();
    assert!(matches!(err, ExportError::GraphvizFailed { .. }), "{err:?}");
    assert!(!out.exists());
}

#[test]
fn graphviz_missing_message_says_what_to_do() {
    assert_eq!(
        ExportError::GraphvizMissing.to_string(),
        "graphviz `dot` not found on PATH; install graphviz (e.g. apt-get install graphviz) or use --format dot"
    );
}

#[test]
fn graphml_parses_back_with_the_right_counts_and_values() {
    let graph = small_graph();
    let text = to_graphml(&graph);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let count = |tag: &str| {
        doc.descendants()
            .filter(|n| n.tag_name().name() == tag)
            .count()
    };
    assert_eq!(count("node"), graph.node_count());
    assert_eq!(count("edge"), graph.edge_count());
    assert_eq!(count("key"), 8);
    let names: Vec<&str> = doc
        .descendants()
        .filter(|n| n.attribute("key") == Some("name"))
        .filter_map(|n| n.text())
        .collect();
    assert!(names.contains(&r"Back\slash <Front> & Co"));
    assert!(names.contains(&"François Hollande"));
    let undirected = doc
        .descendants()
        .filter(|n| n.attribute("key") == Some("symmetric") && n.text() == Some("true"))
        .count();
    assert_eq!(undirected, 1);
}

/// Every key is declared with its type, every data element names a declared key of its domain,
/// and the values read back typed: names with XML-special characters, ints, booleans.
#[test]
fn graphml_attributes_are_declared_typed_and_read_back() {
    let graph = small_graph();
    let text = to_graphml(&graph);
    let doc = roxmltree::Document::parse(&text).unwrap();
    let keys: std::collections::BTreeMap<&str, (&str, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("key"))
        .map(|k| {
            assert_eq!(k.attribute("attr.name"), k.attribute("id"));
            (
                k.attribute("id").unwrap(),
                (
                    k.attribute("for").unwrap(),
                    k.attribute("attr.type").unwrap(),
                ),
            )
        })
        .collect();
    assert_eq!(keys["mentions"], ("node", "int"));
    assert_eq!(keys["count"], ("edge", "int"));
    assert_eq!(keys["symmetric"], ("edge", "boolean"));
    assert_eq!(keys["aliases"], ("node", "string"));
    let data = |element: roxmltree::Node<'_, '_>| -> std::collections::BTreeMap<String, String> {
        element
            .children()
            .filter(|c| c.has_tag_name("data"))
            .map(|d| {
                let key = d.attribute("key").unwrap();
                let domain = element.tag_name().name();
                assert_eq!(keys[key].0, domain, "{key} used on a {domain}");
                match keys[key].1 {
                    "int" => assert!(d.text().unwrap().parse::<i64>().is_ok()),
                    "boolean" => assert!(matches!(d.text(), Some("true" | "false"))),
                    _ => {}
                }
                (key.to_string(), d.text().unwrap_or_default().to_string())
            })
            .collect()
    };
    let biden = doc
        .descendants()
        .find(|n| n.has_tag_name("node") && n.attribute("id") == Some("joseph-r-biden-jr"))
        .unwrap();
    let biden = data(biden);
    assert_eq!(biden["name"], "Joseph R. Biden, Jr.");
    assert_eq!(biden["type"], "person");
    assert_eq!(biden["title"], "Vice \"VP\" President");
    assert_eq!(biden["aliases"], "Biden; Joe \"Uncle Joe\" Biden");
    assert_eq!(biden["mentions"], "2");
    let met = doc
        .descendants()
        .filter(|n| n.has_tag_name("edge"))
        .map(|e| {
            (
                e.attribute("source").unwrap(),
                e.attribute("target").unwrap(),
                data(e),
            )
        })
        .find(|(_, _, d)| d["relation"] == "met-with")
        .unwrap();
    assert_eq!((met.0, met.1), ("francois-hollande", "joseph-r-biden-jr"));
    assert_eq!(met.2["count"], "3");
    assert_eq!(met.2["symmetric"], "true");
    for node in doc.descendants().filter(|n| n.has_tag_name("node")) {
        let d = data(node);
        assert!(d.contains_key("name") && d.contains_key("type") && d.contains_key("mentions"));
    }
}

#[test]
fn kuzu_csv_parses_back() {
    let dir = tempfile::tempdir().unwrap();
    let files = write_kuzu(&small_graph(), dir.path()).unwrap();
    let names: Vec<String> = files
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(
        names,
        [
            "Person.csv",
            "State.csv",
            "Organization.csv",
            "MET_WITH_Person_Person.csv",
            "CONDEMNED_State_Organization.csv",
            "PLEDGED_AID_TO_Organization_State.csv",
            "AFFILIATED_WITH_Person_State.csv",
            "schema.cypher",
            "copy.cypher",
        ]
    );
    let persons = read_csv(&dir.path().join("Person.csv"));
    assert_eq!(
        persons[0],
        [
            "id", "name", "type", "aliases", "title", "mentions", "articles"
        ]
    );
    assert_eq!(
        persons[2],
        [
            "joseph-r-biden-jr",
            "Joseph R. Biden, Jr.",
            "person",
            "Biden;Joe \"Uncle Joe\" Biden",
            "Vice \"VP\" President",
            "2",
            "a.txt"
        ]
    );
    let met = read_csv(&dir.path().join("MET_WITH_Person_Person.csv"));
    assert_eq!(
        met[1],
        [
            "francois-hollande",
            "joseph-r-biden-jr",
            "3",
            "article-0.txt;article-1.txt;article-2.txt",
            "sentence 0\u{1f}sentence 1\u{1f}sentence 2"
        ]
    );
    let copy = std::fs::read_to_string(dir.path().join("copy.cypher")).unwrap();
    assert!(copy.contains(
        "COPY MET_WITH FROM (LOAD FROM \"MET_WITH_Person_Person.csv\" (HEADER=true, ESCAPE='\"') \
         RETURN CAST(from AS STRING), CAST(to AS STRING), CAST(`count` AS INT64), "
    ));
    assert!(copy.contains("string_split(evidence, '\u{1f}') END) (from='Person', to='Person');\n"));
    assert!(copy.contains(
        "CASE WHEN aliases IS NULL OR aliases = '' THEN CAST([] AS STRING[]) \
         ELSE string_split(aliases, ';') END"
    ));
    let schema = std::fs::read_to_string(dir.path().join("schema.cypher")).unwrap();
    assert!(schema.contains("CREATE NODE TABLE Person(id STRING, name STRING, type STRING"));
    assert!(schema.contains(
        "FROM Organization TO Organization, `count` INT64, articles STRING[], evidence STRING[]);"
    ));
}

#[test]
fn neo4j_csv_parses_back_and_the_script_names_the_files() {
    let graph = small_graph();
    let dir = tempfile::tempdir().unwrap();
    write_neo4j(&graph, dir.path()).unwrap();
    let nodes = read_csv(&dir.path().join("nodes.csv"));
    assert_eq!(
        nodes[0],
        [
            "id:ID",
            "name",
            "aliases:string[]",
            "title",
            "mentions:int",
            "articles:string[]",
            ":LABEL"
        ]
    );
    assert_eq!(nodes.len(), 1 + graph.node_count());
    assert_eq!(nodes[1][0], "back-slash-front-co");
    assert_eq!(nodes[1][1], r"Back\slash <Front> & Co");
    assert_eq!(nodes[1][6], "Organization");
    let rels = read_csv(&dir.path().join("relationships.csv"));
    assert_eq!(
        rels[0],
        [
            ":START_ID",
            ":END_ID",
            ":TYPE",
            "count:int",
            "articles:string[]"
        ]
    );
    assert_eq!(rels.len(), 1 + graph.edge_count());
    assert!(rels.iter().any(|r| r[2] == "PLEDGED_AID_TO" && r[3] == "2"));
    let script = std::fs::read_to_string(dir.path().join("import.sh")).unwrap();
    assert!(script.contains("neo4j-admin database import full"));
    assert!(script.contains("--nodes=\"$PWD/nodes.csv\""));
    assert!(script.contains("--array-delimiter=';'"));
}

#[test]
fn exports_are_byte_stable() {
    assert_eq!(
        to_dot(&small_graph(), &DotOptions::default()),
        to_dot(&small_graph(), &DotOptions::default())
    );
    assert_eq!(to_graphml(&small_graph()), to_graphml(&small_graph()));
}

fn read_csv(path: &Path) -> Vec<Vec<String>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    reader
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}
