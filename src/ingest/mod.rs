//! Ingest: files, folders, globs and stdin -> [`Article`]s of checked UTF-8 text with metadata.
//!
//! Formats: plain text and Markdown, HTML ([`html`]), JSON Lines and CSV ([`records`]), chosen by
//! extension or, for stdin and unknown extensions, by sniffing the first bytes. Knows nothing of
//! extraction or graphs. A bad file or record becomes an [`IngestError`] naming it (and its line);
//! the caller decides whether to warn and go on.

mod clean;
pub mod html;
pub mod records;

use serde::{Deserialize, Serialize};
use std::io::Read as _;
use std::path::{Path, PathBuf};

/// One article's text, where it came from, and what the source said about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Article {
    /// The path as given, the record's `id`, or `path:line` for a record without one.
    pub id: String,
    /// The text, valid UTF-8.
    pub text: String,
    /// Title, date, URL and source, when the input gave them.
    pub meta: ArticleMeta,
}

impl Article {
    /// An article with no metadata.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Article {
        Article {
            id: id.into(),
            text: text.into(),
            meta: ArticleMeta::default(),
        }
    }

    /// The 64-bit content hash of the text (see [`content_hash`]).
    pub fn content_hash(&self) -> u64 {
        content_hash(&self.text)
    }
}

/// What a source says about an article; every field is optional.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct ArticleMeta {
    /// The headline.
    pub title: Option<String>,
    /// The publication date as the source wrote it (ISO `YYYY-MM-DD` sorts correctly).
    pub date: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// The outlet or data set.
    pub source: Option<String>,
}

/// FNV-1a, 64 bits, over the text's bytes: stable across builds and platforms, so stores keep it.
pub fn content_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// How an input's bytes are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Plain text or Markdown: one article.
    Text,
    /// An HTML page: one article, its visible prose.
    Html,
    /// One JSON object per line, one article each.
    JsonLines,
    /// A header row and one article per row.
    Csv,
}

impl Format {
    /// The format an extension names, if any.
    pub fn from_extension(ext: &str) -> Option<Format> {
        let ext = ext.to_ascii_lowercase();
        FORMAT_EXTENSIONS
            .iter()
            .find(|(e, _)| *e == ext)
            .map(|(_, f)| *f)
    }

    /// Guesses from the first bytes: `{` is JSON Lines, `<` is HTML, anything else text.
    pub fn sniff(bytes: &[u8]) -> Format {
        let start = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        match start.iter().find(|b| !b.is_ascii_whitespace()) {
            Some(b'{') => Format::JsonLines,
            Some(b'<') => Format::Html,
            _ => Format::Text,
        }
    }
}

/// Extension -> format, for walking folders and reading files.
const FORMAT_EXTENSIONS: [(&str, Format); 10] = [
    ("txt", Format::Text),
    ("text", Format::Text),
    ("md", Format::Text),
    ("markdown", Format::Text),
    ("html", Format::Html),
    ("htm", Format::Html),
    ("xhtml", Format::Html),
    ("jsonl", Format::JsonLines),
    ("ndjson", Format::JsonLines),
    ("csv", Format::Csv),
];

/// File extensions read as articles when walking a folder.
pub const ARTICLE_EXTENSIONS: [&str; 10] = [
    "txt", "text", "md", "markdown", "html", "htm", "xhtml", "jsonl", "ndjson", "csv",
];

/// How inputs are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IngestOptions {
    /// Read every input as this format instead of by extension or sniffing.
    pub format: Option<Format>,
    /// The CSV column holding the article text.
    pub text_column: String,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            format: None,
            text_column: "text".to_string(),
        }
    }
}

/// One place articles come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file on disk.
    File(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
}

/// The id stdin articles get (records on stdin get `<stdin>:LINE` when they carry no id).
pub const STDIN_ID: &str = "<stdin>";

impl Input {
    /// Size in bytes, for progress; 0 for stdin or when unknown.
    pub fn len_bytes(&self) -> u64 {
        match self {
            Input::File(path) => std::fs::metadata(path).map_or(0, |m| m.len()),
            Input::Stdin => 0,
        }
    }

    /// How the input is named in ids and messages.
    pub fn name(&self) -> String {
        match self {
            Input::File(path) => path.display().to_string(),
            Input::Stdin => STDIN_ID.to_string(),
        }
    }
}

/// Why an input could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IngestError {
    /// The path does not exist.
    #[error("{path}: no such file or folder")]
    NotFound {
        /// The path.
        path: String,
    },
    /// Reading failed.
    #[error("{path}: cannot read: {reason}")]
    Unreadable {
        /// The path.
        path: String,
        /// The OS's reason.
        reason: String,
    },
    /// The bytes are not UTF-8 text.
    #[error("{path}: not UTF-8 text (invalid byte at offset {offset})")]
    NotUtf8 {
        /// The path.
        path: String,
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// The file holds NUL bytes: binary, not an article.
    #[error("{path}: binary file (NUL byte at offset {offset})")]
    Binary {
        /// The path.
        path: String,
        /// Offset of the first NUL.
        offset: usize,
    },
    /// The file holds no text (empty, or only white space).
    #[error("{path}: empty article (no text)")]
    EmptyArticle {
        /// The path.
        path: String,
    },
    /// A folder with no article files in it.
    #[error("{path}: folder holds no articles (looked for {extensions})")]
    EmptyFolder {
        /// The path.
        path: String,
        /// The extensions looked for.
        extensions: String,
    },
    /// A glob pattern that is not valid.
    #[error("{pattern}: bad glob pattern: {reason}")]
    BadPattern {
        /// The pattern.
        pattern: String,
        /// What is wrong with it.
        reason: String,
    },
    /// A glob pattern that matches nothing.
    #[error("{pattern}: glob matches no file")]
    NoMatch {
        /// The pattern.
        pattern: String,
    },
    /// A JSON Lines line that does not parse.
    #[error("{path}:{line}: line is not valid JSON ({reason})")]
    BadJsonLine {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// The parser's reason.
        reason: String,
    },
    /// A record without its text.
    #[error("{path}:{line}: record has no `{field}` string")]
    MissingField {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// The missing field.
        field: String,
    },
    /// A CSV file without the text column.
    #[error("{path}: CSV has no column `{column}` (columns: {found})")]
    NoColumn {
        /// The file.
        path: String,
        /// The column asked for.
        column: String,
        /// The header row, comma-separated.
        found: String,
    },
    /// A CSV row that does not parse.
    #[error("{path}:{line}: bad CSV row ({reason})")]
    BadCsvRow {
        /// The file.
        path: String,
        /// 1-based line number.
        line: usize,
        /// The parser's reason.
        reason: String,
    },
}

/// The article shipped inside the binary, so the shell works from any folder.
pub fn builtin_sample() -> Vec<Article> {
    vec![Article::new(
        "data/articles/isis-crisis-meeting.txt",
        include_str!("../../data/articles/isis-crisis-meeting.txt"),
    )]
}

/// Expands files, folders (recursively, sorted), glob patterns and `-` (stdin) into inputs.
///
/// A glob is tried only for a path that does not exist and holds `*`, `?` or `[`.
pub fn expand_inputs(inputs: &[PathBuf]) -> Result<Vec<Input>, IngestError> {
    let mut out = Vec::new();
    for input in inputs {
        if input.as_os_str() == "-" {
            if !out.contains(&Input::Stdin) {
                out.push(Input::Stdin);
            }
            continue;
        }
        let text = input.to_string_lossy();
        if !input.exists() && text.contains(['*', '?', '[']) {
            let matches = glob_paths(&text)?;
            for path in matches {
                expand_path(&path, &mut out)?;
            }
            continue;
        }
        expand_path(input, &mut out)?;
    }
    Ok(out)
}

/// Expands files and folders (recursively, sorted) into the article files they name.
pub fn article_paths(inputs: &[PathBuf]) -> Result<Vec<PathBuf>, IngestError> {
    Ok(expand_inputs(inputs)?
        .into_iter()
        .filter_map(|input| match input {
            Input::File(path) => Some(path),
            Input::Stdin => None,
        })
        .collect())
}

/// Reads every article in one input; each bad file or record is its own error.
pub fn read_input(input: &Input, options: &IngestOptions) -> Vec<Result<Article, IngestError>> {
    let name = input.name();
    let bytes = match input {
        Input::File(path) => std::fs::read(path).map_err(|e| io_error(path, e)),
        Input::Stdin => {
            let mut buf = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut buf)
                .map(|_| buf)
                .map_err(|e| io_error(Path::new(STDIN_ID), e))
        }
    };
    let bytes = match bytes {
        Ok(b) => b,
        Err(e) => return vec![Err(e)],
    };
    let format = options.format.unwrap_or_else(|| match input {
        Input::File(path) => path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(Format::from_extension)
            .unwrap_or_else(|| Format::sniff(&bytes)),
        Input::Stdin => Format::sniff(&bytes),
    });
    articles_from_bytes(&name, bytes, format, options)
}

/// Reads the articles in bytes of a known format (`name` names them in ids and errors), without
/// the page furniture glued into their text.
pub fn articles_from_bytes(
    name: &str,
    bytes: Vec<u8>,
    format: Format,
    options: &IngestOptions,
) -> Vec<Result<Article, IngestError>> {
    let mut articles = parse_articles(name, bytes, format, options);
    for article in articles.iter_mut().flatten() {
        if let Some(text) = clean::strip_hover_boxes(&article.text) {
            article.text = text;
        }
    }
    articles
}

fn parse_articles(
    name: &str,
    bytes: Vec<u8>,
    format: Format,
    options: &IngestOptions,
) -> Vec<Result<Article, IngestError>> {
    if format == Format::Csv {
        return records::read_csv(name, &bytes, &options.text_column);
    }
    let article = match article_from_bytes(name, bytes) {
        Ok(a) => a,
        Err(e) => return vec![Err(e)],
    };
    match format {
        Format::Text | Format::Csv => vec![Ok(article)],
        Format::JsonLines => records::read_json_lines(name, &article.text),
        Format::Html => {
            let page = html::html_to_text(&article.text);
            vec![Ok(Article {
                id: article.id,
                text: page.text,
                meta: ArticleMeta {
                    title: page.title,
                    ..ArticleMeta::default()
                },
            })]
        }
    }
}

fn glob_paths(pattern: &str) -> Result<Vec<PathBuf>, IngestError> {
    let paths = glob::glob(pattern).map_err(|e| IngestError::BadPattern {
        pattern: pattern.to_string(),
        reason: e.msg.to_string(),
    })?;
    let mut matches: Vec<PathBuf> = paths.filter_map(Result::ok).collect();
    matches.sort();
    if matches.is_empty() {
        return Err(IngestError::NoMatch {
            pattern: pattern.to_string(),
        });
    }
    Ok(matches)
}

fn expand_path(input: &Path, out: &mut Vec<Input>) -> Result<(), IngestError> {
    let meta = std::fs::metadata(input).map_err(|e| io_error(input, e))?;
    if !meta.is_dir() {
        out.push(Input::File(input.to_path_buf()));
        return Ok(());
    }
    let mut files = Vec::new();
    walk(input, &mut files)?;
    if files.is_empty() {
        return Err(IngestError::EmptyFolder {
            path: input.display().to_string(),
            extensions: ARTICLE_EXTENSIONS.map(|e| format!(".{e}")).join(", "),
        });
    }
    out.extend(files.into_iter().map(Input::File));
    Ok(())
}
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), IngestError> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| io_error(dir, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out)?;
        } else if is_article_file(&path) {
            out.push(path);
        }
    }
    Ok(())
}

fn is_article_file(path: &Path) -> bool {
    let hidden = path
        .file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.'));
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    !hidden && Format::from_extension(ext).is_some()
}

/// Reads one text, Markdown or HTML file (by extension) and checks that it is text.
pub fn read_article(path: &Path) -> Result<Article, IngestError> {
    let bytes = std::fs::read(path).map_err(|e| io_error(path, e))?;
    let format = match path
        .extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension)
    {
        Some(Format::Html) => Format::Html,
        _ => Format::Text,
    };
    let name = path.display().to_string();
    articles_from_bytes(&name, bytes, format, &IngestOptions::default())
        .into_iter()
        .next()
        .unwrap_or(Err(IngestError::NotFound { path: name }))
}

/// Checks bytes from any source (file, stdin) and makes an article of them.
pub fn article_from_bytes(id: &str, bytes: Vec<u8>) -> Result<Article, IngestError> {
    if let Some(offset) = bytes.iter().position(|&b| b == 0) {
        return Err(IngestError::Binary {
            path: id.to_string(),
            offset,
        });
    }
    let text = String::from_utf8(bytes).map_err(|e| IngestError::NotUtf8 {
        path: id.to_string(),
        offset: e.utf8_error().valid_up_to(),
    })?;
    if text.trim().is_empty() {
        return Err(IngestError::EmptyArticle {
            path: id.to_string(),
        });
    }
    Ok(Article::new(id, text))
}

fn io_error(path: &Path, err: std::io::Error) -> IngestError {
    let path = path.display().to_string();
    if err.kind() == std::io::ErrorKind::NotFound {
        IngestError::NotFound { path }
    } else {
        IngestError::Unreadable {
            path,
            reason: err.to_string(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_bytes_name_the_file_and_offset() {
        assert_eq!(
            article_from_bytes("x.txt", vec![b'a', 0xff]),
            Err(IngestError::NotUtf8 {
                path: "x.txt".into(),
                offset: 1
            })
        );
        assert_eq!(
            article_from_bytes("y.txt", vec![b'a', 0, b'b'])
                .unwrap_err()
                .to_string(),
            "y.txt: binary file (NUL byte at offset 1)"
        );
    }

    #[test]
    fn missing_path_is_reported() {
        let err = article_paths(&[PathBuf::from("/no/such/thing")]).unwrap_err();
        assert_eq!(err.to_string(), "/no/such/thing: no such file or folder");
    }

    #[test]
    fn hover_boxes_are_stripped_on_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.txt");
        std::fs::write(
            &path,
            "Sen. Susan Collins Susan Margaret CollinsLawmakers under pressure MORE said so.",
        )
        .unwrap();
        let articles = read_input(&Input::File(path), &IngestOptions::default());
        assert_eq!(
            articles[0].as_ref().unwrap().text,
            "Sen. Susan Collins said so."
        );
    }

    #[test]
    fn empty_folder_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let err = article_paths(&[dir.path().to_path_buf()]).unwrap_err();
        assert!(matches!(err, IngestError::EmptyFolder { .. }));
    }
}
