//! Query results as the shell prints them: aligned tables (cut to fit, with a note saying how
//! to see everything), JSON lines and CSV. Renders a [`Table`] it did not compute.

use super::command::Format;
use crate::graph::KnowledgeGraph;
use crate::query::Table;
use crate::query::table::grid;
use crate::query::table::text;
use std::time::Duration;

/// How much of a result a table shows; `None` fields show everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Rows shown before the rest is cut.
    pub max_rows: Option<usize>,
    /// Characters shown of one value before it is cut.
    pub max_width: Option<usize>,
}

impl Limits {
    /// What an interactive terminal shows.
    pub const TERMINAL: Limits = Limits {
        max_rows: Some(100),
        max_width: Some(60),
    };
    /// Everything (scripts and pipes).
    pub const ALL: Limits = Limits {
        max_rows: None,
        max_width: None,
    };
}

/// A result in the chosen format. Tables end with the row count, the time when given, and a
/// note when something was cut; JSON and CSV are always complete.
pub fn render(
    table: &Table,
    graph: &KnowledgeGraph,
    format: Format,
    limits: Limits,
    elapsed: Option<Duration>,
) -> String {
    match format {
        Format::Table => text_table(table, graph, limits, elapsed),
        Format::Json => json_lines(table, graph),
        Format::Csv => table.to_csv(graph),
    }
}

/// One JSON object per row, keyed by column.
pub fn json_lines(table: &Table, graph: &KnowledgeGraph) -> String {
    let doc = table.to_json(graph);
    let mut out = String::new();
    let rows = doc["rows"].as_array().cloned().unwrap_or_default();
    for row in rows {
        let cells = row.as_array().cloned().unwrap_or_default();
        // Written by hand so keys keep the column order (serde_json's map sorts them).
        let fields: Vec<String> = table
            .columns
            .iter()
            .zip(cells)
            .map(|(column, cell)| format!("{}:{cell}", serde_json::Value::from(column.as_str())))
            .collect();
        out += &format!("{{{}}}\n", fields.join(","));
    }
    out
}

fn text_table(
    table: &Table,
    graph: &KnowledgeGraph,
    limits: Limits,
    elapsed: Option<Duration>,
) -> String {
    let n_rows = table.len();
    let shown = limits.max_rows.map_or(n_rows, |m| m.min(n_rows));
    let mut cut_values = false;
    let cells: Vec<Vec<String>> = table
        .rows()
        .take(shown)
        .map(|row| {
            row.iter()
                .map(|v| {
                    let (cell, cut) = shorten(&text(graph, v), limits.max_width);
                    cut_values |= cut;
                    cell
                })
                .collect()
        })
        .collect();
    let mut out = grid(&table.columns, &cells);
    out += &footer(n_rows, elapsed);
    let mut notes = Vec::new();
    if shown < n_rows {
        notes.push(format!("showing the first {shown} of {n_rows} rows"));
    }
    if cut_values {
        notes.push(format!(
            "values longer than {} characters were cut",
            limits.max_width.unwrap_or(0)
        ));
    }
    if !notes.is_empty() {
        out += &format!(
            "note: {}; `:format csv` or `:format json` prints everything\n",
            notes.join(", ")
        );
    }
    for warning in &table.warnings {
        out += &format!("warning: {warning}\n");
    }
    out
}

/// `N rows` and, when timed, the time: `3 rows (1.2 ms)`.
fn footer(n_rows: usize, elapsed: Option<Duration>) -> String {
    let rows = format!("{n_rows} row{}", if n_rows == 1 { "" } else { "s" });
    match elapsed {
        Some(t) => format!("{rows} ({})\n", human_time(t)),
        None => format!("{rows}\n"),
    }
}

/// A duration for people: `850 µs`, `12.3 ms`, `2.41 s`.
pub fn human_time(t: Duration) -> String {
    let micros = t.as_secs_f64() * 1e6;
    if micros < 1000.0 {
        format!("{micros:.0} µs")
    } else if micros < 1e6 {
        format!("{:.1} ms", micros / 1e3)
    } else {
        format!("{:.2} s", micros / 1e6)
    }
}

/// The cell text cut to `max` characters (ending in `…`), and whether it was cut.
fn shorten(cell: &str, max: Option<usize>) -> (String, bool) {
    let one_line = cell.replace('\n', "\\n");
    match max {
        Some(max) if one_line.chars().count() > max => {
            let kept: String = one_line.chars().take(max.saturating_sub(1)).collect();
            (format!("{kept}…"), true)
        }
        _ => (one_line, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::Value;

    fn table(rows: Vec<Vec<Value>>) -> Table {
        Table::new(vec!["name".into(), "n".into()], rows)
    }

    fn row(name: &str, n: i64) -> Vec<Value> {
        vec![Value::String(name.into()), Value::Int(n)]
    }

    #[test]
    fn table_has_rows_and_time_under_it() {
        let g = KnowledgeGraph::new();
        let t = table(vec![row("Kerry", 2), row("Zarif", 10)]);
        let got = render(
            &t,
            &g,
            Format::Table,
            Limits::TERMINAL,
            Some(Duration::from_micros(1500)),
        );
        let want = "\
+---------+----+
| name    | n  |
+---------+----+
| \"Kerry\" | 2  |
| \"Zarif\" | 10 |
+---------+----+
2 rows (1.5 ms)
";
        assert_eq!(got, want);
    }

    #[test]
    fn long_results_are_cut_with_a_note() {
        let g = KnowledgeGraph::new();
        let long = "x".repeat(100);
        let rows: Vec<Vec<Value>> = (0..150).map(|i| row(&long, i)).collect();
        let got = render(&table(rows), &g, Format::Table, Limits::TERMINAL, None);
        assert!(got.contains(&format!("| \"{}… |", "x".repeat(58))));
        assert!(got.ends_with(
            "150 rows\nnote: showing the first 100 of 150 rows, values longer than 60 characters were cut; `:format csv` or `:format json` prints everything\n"
        ));
        let all = render(
            &table((0..150).map(|i| row(&long, i)).collect()),
            &g,
            Format::Table,
            Limits::ALL,
            None,
        );
        assert!(!all.contains("note:"));
    }

    #[test]
    fn json_lines_and_csv() {
        let g = KnowledgeGraph::new();
        let t = table(vec![row("Kerry, J.", 2)]);
        assert_eq!(
            render(&t, &g, Format::Json, Limits::ALL, None),
            "{\"name\":\"Kerry, J.\",\"n\":2}\n"
        );
        assert_eq!(
            render(&t, &g, Format::Csv, Limits::ALL, None),
            "name,n\n\"Kerry, J.\",2\n"
        );
    }
}
