//! Record files -> articles: JSON Lines (one article object per line) and CSV with a named text column.
//!
//! Each bad record becomes its own [`IngestError`] naming the file and line, so the caller can warn,
//! skip it and keep the rest. Knows nothing of extraction or graphs.

use super::{Article, ArticleMeta, IngestError};
use serde::Deserialize;

/// One JSON Lines record, as news datasets write them: `{"id","title","text","date","url","source"}`.
#[derive(Deserialize)]
struct JsonRecord {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<serde_json::Value>,
    #[serde(default)]
    title: Option<serde_json::Value>,
    #[serde(default)]
    date: Option<serde_json::Value>,
    #[serde(default)]
    url: Option<serde_json::Value>,
    #[serde(default)]
    source: Option<serde_json::Value>,
}

/// Reads JSON Lines: one article per non-blank line. `name` names the input in ids and errors.
pub fn read_json_lines(name: &str, text: &str) -> Vec<Result<Article, IngestError>> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| json_article(name, i + 1, line))
        .collect()
}

fn json_article(name: &str, line: usize, text: &str) -> Result<Article, IngestError> {
    let record: JsonRecord = serde_json::from_str(text).map_err(|e| IngestError::BadJsonLine {
        path: name.to_string(),
        line,
        // serde_json counts lines within the record; the column is what helps here.
        reason: format!(
            "{}, column {}",
            e.to_string().split(" at line ").next().unwrap_or_default(),
            e.column()
        ),
    })?;
    let Some(serde_json::Value::String(body)) = record.text else {
        return Err(IngestError::MissingField {
            path: name.to_string(),
            line,
            field: "text".to_string(),
        });
    };
    Ok(Article {
        id: scalar(record.id).unwrap_or_else(|| format!("{name}:{line}")),
        text: body,
        meta: ArticleMeta {
            title: scalar(record.title),
            date: scalar(record.date),
            url: scalar(record.url),
            source: scalar(record.source),
        },
    })
}

/// A string or number as text; null, empty strings, arrays and objects as nothing.
fn scalar(value: Option<serde_json::Value>) -> Option<String> {
    match value? {
        serde_json::Value::String(s) if !s.trim().is_empty() => Some(s),
        serde_json::Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// Reads CSV with a header row; the article text is in `text_column`, metadata in the columns
/// `id`, `title`, `date`, `url` and `source` when present.
pub fn read_csv(name: &str, bytes: &[u8], text_column: &str) -> Vec<Result<Article, IngestError>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(bytes);
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            return vec![Err(IngestError::BadCsvRow {
                path: name.to_string(),
                line: 1,
                reason: e.to_string(),
            })];
        }
    };
    let column = |wanted: &str| headers.iter().position(|h| h.trim() == wanted);
    let Some(text_at) = column(text_column) else {
        return vec![Err(IngestError::NoColumn {
            path: name.to_string(),
            column: text_column.to_string(),
            found: headers.iter().collect::<Vec<_>>().join(", "),
        })];
    };
    let [id_at, title_at, date_at, url_at, source_at] =
        ["id", "title", "date", "url", "source"].map(column);
    let mut out = Vec::new();
    for row in reader.records() {
        let row = match row {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                out.push(Err(IngestError::BadCsvRow {
                    path: name.to_string(),
                    line,
                    reason: e.to_string(),
                }));
                continue;
            }
        };
        let line = row.position().map_or(0, |p| p.line() as usize);
        let field = |at: Option<usize>| {
            at.and_then(|i| row.get(i))
                .filter(|v| !v.trim().is_empty())
                .map(str::to_string)
        };
        let Some(text) = row.get(text_at) else {
            out.push(Err(IngestError::MissingField {
                path: name.to_string(),
                line,
                field: text_column.to_string(),
            }));
            continue;
        };
        out.push(Ok(Article {
            id: field(id_at).unwrap_or_else(|| format!("{name}:{line}")),
            text: text.to_string(),
            meta: ArticleMeta {
                title: field(title_at),
                date: field(date_at),
                url: field(url_at),
                source: field(source_at),
            },
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_read_metadata_and_name_bad_lines() {
        let text = "{\"id\": 7, \"title\": \"T\", \"text\": \"Kerry met Abadi.\", \"date\": \"2014-09-15\"}\n\n{oops\n{\"id\": \"b\"}\n";
        let got = read_json_lines("a.jsonl", text);
        assert_eq!(got.len(), 3);
        let first = got[0].as_ref().unwrap();
        assert_eq!(first.id, "7");
        assert_eq!(first.meta.title.as_deref(), Some("T"));
        assert_eq!(first.meta.date.as_deref(), Some("2014-09-15"));
        let bad = got[1].as_ref().unwrap_err().to_string();
        assert!(
            bad.starts_with("a.jsonl:3: line is not valid JSON"),
            "{bad}"
        );
        assert_eq!(
            got[2].as_ref().unwrap_err().to_string(),
            "a.jsonl:4: record has no `text` string"
        );
    }

    #[test]
    fn csv_reads_the_named_column() {
        let data = b"id,body,date\n1,\"Kerry met Abadi, then left.\",2014-09-15\n2,Second,\n";
        let got = read_csv("n.csv", data, "body");
        let articles: Vec<&Article> = got.iter().map(|r| r.as_ref().unwrap()).collect();
        assert_eq!(articles[0].text, "Kerry met Abadi, then left.");
        assert_eq!(articles[0].meta.date.as_deref(), Some("2014-09-15"));
        assert_eq!(articles[1].meta.date, None);
        assert_eq!(
            read_csv("n.csv", data, "text")[0]
                .as_ref()
                .unwrap_err()
                .to_string(),
            "n.csv: CSV has no column `text` (columns: id, body, date)"
        );
    }
}
