//! A query result and its renderings: aligned text, JSON and CSV.
//!
//! The table holds graph handles; rendering looks entities up in the graph it is given. Rows
//! are stored one after another in one vector, so a result of many rows is not as many
//! allocations.

use super::ast::write_string;
use super::value::{Path, Value};
use crate::graph::{EdgeKey, KnowledgeGraph, NodeKey};
use serde_json::json;

/// The rows a query returns.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    /// Column headers.
    pub columns: Vec<String>,
    /// Every row's values, one row after another, `columns.len()` values each.
    cells: Vec<Value>,
    n_rows: usize,
    /// Notes about the evaluation (a variable-length limit applied).
    pub warnings: Vec<String>,
}

impl Table {
    /// A table of `rows`, each as long as `columns`.
    pub fn new(columns: Vec<String>, rows: Vec<Vec<Value>>) -> Table {
        let n_rows = rows.len();
        let cells = rows.into_iter().flatten().collect();
        Table::from_cells(columns, cells, n_rows)
    }

    /// A table of `n_rows` rows laid one after another in `cells`.
    pub(crate) fn from_cells(columns: Vec<String>, cells: Vec<Value>, n_rows: usize) -> Table {
        debug_assert_eq!(cells.len(), columns.len() * n_rows);
        Table {
            columns,
            cells,
            n_rows,
            warnings: Vec::new(),
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.n_rows
    }

    /// True when there are no rows.
    pub fn is_empty(&self) -> bool {
        self.n_rows == 0
    }

    /// The rows in order, each a slice as long as `columns`.
    pub fn rows(&self) -> impl ExactSizeIterator<Item = &[Value]> + '_ {
        let width = self.columns.len();
        (0..self.n_rows).map(move |r| &self.cells[r * width..(r + 1) * width])
    }

    /// The rows as vectors.
    pub fn into_rows(self) -> Vec<Vec<Value>> {
        let width = self.columns.len();
        let mut cells = self.cells.into_iter();
        (0..self.n_rows)
            .map(|_| cells.by_ref().take(width).collect())
            .collect()
    }

    /// An aligned ASCII table with `+---+` borders, then `N rows` and any warnings.
    pub fn to_text(&self, graph: &KnowledgeGraph) -> String {
        let cells: Vec<Vec<String>> = self
            .rows()
            .map(|row| row.iter().map(|v| text(graph, v)).collect())
            .collect();
        let mut out = grid(&self.columns, &cells);
        let n = self.n_rows;
        out += &format!("{n} row{}\n", if n == 1 { "" } else { "s" });
        for warning in &self.warnings {
            out += &format!("warning: {warning}\n");
        }
        out
    }

    /// `{"columns": [...], "rows": [[...]]}`, plus `"warnings"` when there are any.
    pub fn to_json(&self, graph: &KnowledgeGraph) -> serde_json::Value {
        let rows: Vec<serde_json::Value> = self
            .rows()
            .map(|row| row.iter().map(|v| to_json(graph, v)).collect())
            .collect();
        let mut out = json!({ "columns": self.columns, "rows": rows });
        if !self.warnings.is_empty() {
            out["warnings"] = json!(self.warnings);
        }
        out
    }

    /// A header line and one line per row; strings unquoted, other values as in [`Self::to_text`].
    pub fn to_csv(&self, graph: &KnowledgeGraph) -> String {
        let mut out = csv_line(self.columns.iter().cloned());
        for row in self.rows() {
            out += &csv_line(row.iter().map(|v| match v {
                Value::String(s) => s.to_string(),
                Value::Null => String::new(),
                other => text(graph, other),
            }));
        }
        out
    }
}

fn csv_line(cells: impl Iterator<Item = String>) -> String {
    let cells: Vec<String> = cells
        .map(|c| {
            if c.contains([',', '"', '\n', '\r']) {
                format!("\"{}\"", c.replace('"', "\"\""))
            } else {
                c
            }
        })
        .collect();
    cells.join(",") + "\n"
}

/// Columns and rows of text between `+---+` borders (nothing when there are no columns).
pub fn grid(columns: &[String], rows: &[Vec<String>]) -> String {
    if columns.is_empty() {
        return String::new();
    }
    let mut widths: Vec<usize> = columns.iter().map(|c| c.chars().count()).collect();
    for row in rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let border: String = widths
        .iter()
        .map(|w| format!("+{}", "-".repeat(w + 2)))
        .collect::<String>()
        + "+\n";
    let line = |cells: &[String]| {
        let mut out = String::new();
        for (cell, width) in cells.iter().zip(&widths) {
            let pad = width - cell.chars().count();
            out += &format!("| {cell}{} ", " ".repeat(pad));
        }
        out + "|\n"
    };
    let mut out = border.clone() + &line(columns) + &border;
    for row in rows {
        out += &line(row);
    }
    if !rows.is_empty() {
        out += &border;
    }
    out
}

/// A value as cypher-shell shows it: `"text"`, `(:Person {name: "John Kerry"})`, `[:MET_WITH]`.
pub fn text(graph: &KnowledgeGraph, v: &Value) -> String {
    match v {
        Value::Null => "null".into(),
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Float(x) => format!("{x:?}"),
        Value::String(s) => quoted(s),
        Value::List(items) => {
            let items: Vec<String> = items.iter().map(|i| text(graph, i)).collect();
            format!("[{}]", items.join(", "))
        }
        Value::Map(map) => {
            let entries: Vec<String> = map
                .iter()
                .map(|(k, v)| format!("{k}: {}", text(graph, v)))
                .collect();
            format!("{{{}}}", entries.join(", "))
        }
        Value::Node(n) => node_text(graph, *n),
        Value::Edge(e) => format!("[:{}]", graph.edge(*e).fact.relation.query_name()),
        Value::Path(p) => path_text(graph, p),
    }
}

fn quoted(s: &str) -> String {
    let mut out = String::new();
    let _ = write_string(&mut out, s);
    out
}

fn node_text(graph: &KnowledgeGraph, node: NodeKey) -> String {
    let entity = graph.entity(node);
    format!(
        "(:{} {{name: {}}})",
        entity.entity_type.label(),
        quoted(&entity.name)
    )
}

fn path_text(graph: &KnowledgeGraph, path: &Path) -> String {
    let mut out = String::new();
    for (n, node) in path.nodes.iter().enumerate() {
        out += &node_text(graph, *node);
        let Some(edge) = path.edges.get(n) else { break };
        let edge = graph.edge(*edge);
        let name = edge.fact.relation.query_name();
        out += &match (edge.fact.relation.is_symmetric(), edge.source == *node) {
            (true, _) => format!("-[:{name}]-"),
            (false, true) => format!("-[:{name}]->"),
            (false, false) => format!("<-[:{name}]-"),
        };
    }
    out
}

fn to_json(graph: &KnowledgeGraph, v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Bool(b) => json!(b),
        Value::Int(n) => json!(n),
        Value::Float(x) => json!(x),
        Value::String(s) => json!(s.as_str()),
        Value::List(items) => items.iter().map(|i| to_json(graph, i)).collect(),
        Value::Map(map) => map
            .iter()
            .map(|(k, v)| (k.clone(), to_json(graph, v)))
            .collect::<serde_json::Map<_, _>>()
            .into(),
        Value::Node(n) => node_json(graph, *n),
        Value::Edge(e) => edge_json(graph, *e),
        Value::Path(p) => {
            let mut items = Vec::new();
            for (n, node) in p.nodes.iter().enumerate() {
                items.push(node_json(graph, *node));
                if let Some(edge) = p.edges.get(n) {
                    items.push(edge_json(graph, *edge));
                }
            }
            items.into()
        }
    }
}

fn node_json(graph: &KnowledgeGraph, node: NodeKey) -> serde_json::Value {
    let e = graph.entity(node);
    json!({
        "id": e.id,
        "name": e.name,
        "type": e.entity_type.as_str(),
        "aliases": e.aliases,
        "title": e.title,
        "mentions": e.mentions,
        "articles": e.articles,
    })
}

fn edge_json(graph: &KnowledgeGraph, edge: EdgeKey) -> serde_json::Value {
    let e = graph.edge(edge);
    json!({
        "type": e.fact.relation.query_name(),
        "source": graph.entity(e.source).id,
        "target": graph.entity(e.target).id,
        "count": e.fact.evidence.len(),
    })
}
