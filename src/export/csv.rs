//! Bulk-import CSV: node and relationship files plus the scripts that load them into Kuzu or Neo4j.
//!
//! Quoting is the `csv` crate's (RFC 4180: a quote inside a field is doubled). Rows follow the
//! export order (nodes by id, edges by source, relation, target); symmetric relations are one row,
//! ends in id order, so queries should match them undirected (`-[:MET_WITH]-`).

use super::{edges_in_order, nodes_by_id};
use crate::graph::{EdgeRef, Entity, KnowledgeGraph};
use crate::model::{EntityType, Relation};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Separator inside list fields; Neo4j is told so with `--array-delimiter`.
pub const LIST_SEPARATOR: &str = ";";

/// Separator of evidence sentences in Kuzu files: a control character no sentence holds.
pub const SENTENCE_SEPARATOR: &str = "\u{1f}";

/// Node file columns, as in newsgraph's node properties.
const KUZU_NODE_COLUMNS: [&str; 7] = [
    "id", "name", "type", "aliases", "title", "mentions", "articles",
];

/// Relationship file columns after `from` and `to`, as in newsgraph's relationship properties.
const KUZU_REL_COLUMNS: [&str; 3] = ["count", "articles", "evidence"];

/// Writes Kuzu files into `dir`: `Person.csv`, `State.csv`, `Organization.csv`, one
/// `REL_From_To.csv` per relation and end-type pair present, `schema.cypher` and `copy.cypher`.
///
/// Run `schema.cypher` then `copy.cypher` from inside `dir` (the COPY paths are relative).
/// Lists are written as plain strings and split while loading, so in Kuzu they are STRING[] as
/// in newsgraph (`'Kerry' IN n.aliases`, `size(n.articles)`, `UNWIND r.evidence`). Kuzu's CSV
/// list syntax (`[a,b]`) cannot quote an element, and names such as "Joseph R. Biden, Jr." hold
/// commas (tried on Kuzu 0.11.3: `['a, b',c]` keeps the quotes in the value), so each COPY reads
/// its file with `LOAD FROM` and applies `string_split`: names and articles on `;`, evidence
/// sentences (which may hold any printable character) on U+001F, the ASCII unit separator.
pub fn write_kuzu(graph: &KnowledgeGraph, dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let mut written = Vec::new();
    let mut copies = Vec::new();
    let nodes = nodes_by_id(graph);
    for entity_type in EntityType::ALL {
        let file = format!("{}.csv", entity_type.label());
        let mut csv = csv_writer(&dir.join(&file))?;
        csv.write_record(KUZU_NODE_COLUMNS)?;
        for &node in &nodes {
            let entity = graph.entity(node);
            if entity.entity_type == entity_type {
                csv.write_record(kuzu_node_row(entity))?;
            }
        }
        csv.flush()?;
        copies.push(kuzu_copy(entity_type.label(), &file, None));
        written.push(dir.join(file));
    }
    for ((relation, from, to), edges) in group_edges(graph) {
        let file = format!(
            "{}_{}_{}.csv",
            relation.query_name(),
            from.label(),
            to.label()
        );
        let mut csv = csv_writer(&dir.join(&file))?;
        csv.write_record(["from", "to"].into_iter().chain(KUZU_REL_COLUMNS))?;
        for edge in edges {
            let sentences: Vec<&str> = graph.evidence_of(edge.fact).map(|ev| ev.sentence).collect();
            csv.write_record([
                graph.entity(edge.source).id.as_str(),
                graph.entity(edge.target).id.as_str(),
                &edge.fact.evidence.len().to_string(),
                &graph.fact_articles(edge.fact).join(LIST_SEPARATOR),
                &sentences.join(SENTENCE_SEPARATOR),
            ])?;
        }
        csv.flush()?;
        copies.push(kuzu_copy(relation.query_name(), &file, Some((from, to))));
        written.push(dir.join(file));
    }
    written.push(write_text(&dir.join("schema.cypher"), &kuzu_schema())?);
    written.push(write_text(&dir.join("copy.cypher"), &copies.concat())?);
    Ok(written)
}

/// Writes `nodes.csv` and `relationships.csv` with neo4j-admin headers, and `import.sh`, which
/// runs `neo4j-admin database import full` on them (Neo4j 5; the database must be stopped).
pub fn write_neo4j(graph: &KnowledgeGraph, dir: &Path) -> io::Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)?;
    let nodes_path = dir.join("nodes.csv");
    let mut csv = csv_writer(&nodes_path)?;
    csv.write_record([
        "id:ID",
        "name",
        "aliases:string[]",
        "title",
        "mentions:int",
        "articles:string[]",
        ":LABEL",
    ])?;
    for node in nodes_by_id(graph) {
        let entity = graph.entity(node);
        csv.write_record([
            entity.id.as_str(),
            &entity.name,
            &join(entity.aliases.iter()),
            entity.title.as_deref().unwrap_or(""),
            &entity.mentions.to_string(),
            &join(entity.articles.iter()),
            entity.entity_type.label(),
        ])?;
    }
    csv.flush()?;
    let rels_path = dir.join("relationships.csv");
    let mut csv = csv_writer(&rels_path)?;
    csv.write_record([
        ":START_ID",
        ":END_ID",
        ":TYPE",
        "count:int",
        "articles:string[]",
    ])?;
    for edge in edges_in_order(graph) {
        csv.write_record([
            graph.entity(edge.source).id.as_str(),
            graph.entity(edge.target).id.as_str(),
            edge.fact.relation.query_name(),
            &edge.fact.evidence.len().to_string(),
            &graph.fact_articles(edge.fact).join(LIST_SEPARATOR),
        ])?;
    }
    csv.flush()?;
    let script = write_text(&dir.join("import.sh"), NEO4J_IMPORT)?;
    make_executable(&script)?;
    Ok(vec![nodes_path, rels_path, script])
}

/// The Kuzu DDL: a node table per entity type and a relationship table per relation that allows
/// every pair of end types, since the extractor does not restrict them.
pub fn kuzu_schema() -> String {
    let mut ddl = String::new();
    for entity_type in EntityType::ALL {
        ddl.push_str(&format!(
            "CREATE NODE TABLE {}(id STRING, name STRING, type STRING, aliases STRING[], \
             title STRING, mentions INT64, articles STRING[], PRIMARY KEY(id));\n",
            entity_type.label()
        ));
    }
    let pairs: Vec<String> = EntityType::ALL
        .iter()
        .flat_map(|from| {
            EntityType::ALL
                .iter()
                .map(move |to| format!("FROM {} TO {}", from.label(), to.label()))
        })
        .collect();
    for relation in Relation::ALL {
        // `count` is backquoted because COUNT is a Cypher keyword.
        ddl.push_str(&format!(
            "CREATE REL TABLE {}({}, `count` INT64, articles STRING[], evidence STRING[]);\n",
            relation.query_name(),
            pairs.join(", ")
        ));
    }
    ddl
}

/// Runs from its own directory so the CSV paths resolve; the first argument names the database.
const NEO4J_IMPORT: &str = r#"#!/bin/sh
# Bulk-imports nodes.csv and relationships.csv into a new Neo4j 5 database (default: neo4j).
# Stop the database first; --overwrite-destination replaces what it held.
set -eu
cd "$(dirname "$0")"
neo4j-admin database import full \
  --overwrite-destination \
  --array-delimiter=';' \
  --nodes="$PWD/nodes.csv" \
  --relationships="$PWD/relationships.csv" \
  "${1:-neo4j}"
"#;

type EdgeGroups<'g> = BTreeMap<(Relation, EntityType, EntityType), Vec<EdgeRef<'g>>>;

/// Edges grouped by relation and end types, in export order within each group.
fn group_edges(graph: &KnowledgeGraph) -> EdgeGroups<'_> {
    let mut groups = EdgeGroups::new();
    for edge in edges_in_order(graph) {
        let from = graph.entity(edge.source).entity_type;
        let to = graph.entity(edge.target).entity_type;
        groups
            .entry((edge.fact.relation, from, to))
            .or_default()
            .push(edge);
    }
    groups
}

fn kuzu_node_row(entity: &Entity) -> [String; 7] {
    [
        entity.id.clone(),
        entity.name.clone(),
        entity.entity_type.as_str().to_string(),
        join(entity.aliases.iter()),
        entity.title.clone().unwrap_or_default(),
        entity.mentions.to_string(),
        join(entity.articles.iter()),
    ]
}

/// `COPY table FROM (LOAD FROM file ... RETURN ...)`: every column cast to its type and each list
/// column split. A rel table with several FROM/TO pairs needs the pair named on each COPY.
/// Kuzu's default escape is `\`, so `ESCAPE='"'` makes it read the doubled quotes the `csv`
/// crate writes.
fn kuzu_copy(table: &str, file: &str, pair: Option<(EntityType, EntityType)>) -> String {
    let (columns, options) = match pair {
        None => (
            vec![
                cast("id", "STRING"),
                cast("name", "STRING"),
                cast("type", "STRING"),
                split("aliases", LIST_SEPARATOR),
                cast("title", "STRING"),
                cast("mentions", "INT64"),
                split("articles", LIST_SEPARATOR),
            ],
            String::new(),
        ),
        Some((from, to)) => (
            vec![
                cast("from", "STRING"),
                cast("to", "STRING"),
                cast("`count`", "INT64"),
                split("articles", LIST_SEPARATOR),
                split("evidence", SENTENCE_SEPARATOR),
            ],
            format!(" (from='{}', to='{}')", from.label(), to.label()),
        ),
    };
    format!(
        "COPY {table} FROM (LOAD FROM \"{file}\" (HEADER=true, ESCAPE='\"') RETURN {}){options};\n",
        columns.join(", ")
    )
}

fn cast(column: &str, kind: &str) -> String {
    format!("CAST({column} AS {kind})")
}

/// An empty field is NULL to Kuzu; it stands for the empty list.
fn split(column: &str, separator: &str) -> String {
    format!(
        "CASE WHEN {column} IS NULL OR {column} = '' THEN CAST([] AS STRING[]) \
         ELSE string_split({column}, '{separator}') END"
    )
}

fn join<'a>(items: impl Iterator<Item = &'a String>) -> String {
    items
        .map(String::as_str)
        .collect::<Vec<_>>()
        .join(LIST_SEPARATOR)
}

fn csv_writer(path: &Path) -> io::Result<::csv::Writer<File>> {
    Ok(::csv::Writer::from_writer(File::create(path)?))
}

fn write_text(path: &Path, text: &str) -> io::Result<PathBuf> {
    let mut file = File::create(path)?;
    file.write_all(text.as_bytes())?;
    Ok(path.to_path_buf())
}

#[cfg(unix)]
fn make_executable(path: &Path) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o755))
}

#[cfg(not(unix))]
fn make_executable(_path: &Path) -> io::Result<()> {
    Ok(())
}
