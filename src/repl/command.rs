//! Shell `:commands`: one line of text -> a [`Command`], or a [`CommandError`] saying what was
//! expected. Pure: nothing here touches the graph, files or the terminal.

use std::path::PathBuf;

/// Every command name, for `:help` and completion.
pub const COMMANDS: [&str; 18] = [
    ":help", ":load", ":save", ":open", ":export", ":render", ":explain", ":schema", ":stats",
    ":param", ":params", ":format", ":timing", ":source", ":history", ":quit", ":exit", ":q",
];

/// How query results are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Aligned columns with a row count.
    Table,
    /// One JSON object per row.
    Json,
    /// RFC 4180 CSV with a header line.
    Csv,
}

/// What `:export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    /// Graphviz DOT text.
    Dot,
    /// GRAPH-JSON.
    Json,
    /// A folder of Kuzu bulk-import CSV files.
    Csv,
}

/// A parsed `:command`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// `:help [topic]`.
    Help(Option<String>),
    /// `:load PATH...`: extract articles and merge them.
    Load(Vec<PathBuf>),
    /// `:save [FILE]`: write the store (to the session's store when no file is given).
    Save(Option<PathBuf>),
    /// `:open FILE`: replace the graph with a saved store.
    Open(PathBuf),
    /// `:export dot|json|csv FILE [query]`.
    Export {
        /// The format.
        kind: ExportKind,
        /// The file (a folder for CSV).
        path: PathBuf,
        /// Export only the nodes and edges this query returns.
        query: Option<String>,
    },
    /// `:render FILE.svg|FILE.png [query]`.
    Render {
        /// The picture to write; its extension picks the format.
        path: PathBuf,
        /// Draw only the nodes and edges this query returns.
        query: Option<String>,
    },
    /// `:explain NAME [OTHER]`: each edge of an entity (or between two) with its sentences.
    Explain {
        /// The entity.
        name: String,
        /// Only edges between `name` and this entity.
        other: Option<String>,
    },
    /// `:schema`: labels, relationship types and property keys.
    Schema,
    /// `:stats`: sizes of the graph and the session.
    Stats,
    /// `:param name => value`: the value is a query expression.
    Param {
        /// The name, without `$`.
        name: String,
        /// The expression text.
        value: String,
    },
    /// `:params`: list parameters.
    Params,
    /// `:format table|json|csv`.
    Format(Format),
    /// `:timing on|off`.
    Timing(bool),
    /// `:source FILE`: run a script.
    Source(PathBuf),
    /// `:history`: list earlier entries.
    History,
    /// `:quit`, `:exit`, `:q`.
    Quit,
}

/// A command line that does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CommandError {
    /// No such command.
    #[error("unknown command `{found}`; `:help` lists the commands")]
    Unknown {
        /// What was typed.
        found: String,
    },
    /// An argument is missing, extra or malformed.
    #[error("{command}: expected {expected}, found {found}")]
    BadArguments {
        /// The command.
        command: &'static str,
        /// Its usage.
        expected: &'static str,
        /// What was given.
        found: String,
    },
}

impl Command {
    /// Parses one `:command` line (leading and trailing space allowed).
    pub fn parse(line: &str) -> Result<Command, CommandError> {
        let line = line.trim();
        let (name, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        let words = split_words(rest);
        let name = name.to_ascii_lowercase();
        match name.as_str() {
            ":help" | ":h" | ":?" => Ok(Command::Help(words.first().cloned())),
            ":load" if !words.is_empty() => Ok(Command::Load(paths(&words))),
            ":load" => Err(bad(":load", "one or more article files or folders", rest)),
            ":save" => match words.as_slice() {
                [] => Ok(Command::Save(None)),
                [file] => Ok(Command::Save(Some(PathBuf::from(file)))),
                _ => Err(bad(":save", "at most one file", rest)),
            },
            ":open" => one_path(":open", &words, rest).map(Command::Open),
            ":source" => one_path(":source", &words, rest).map(Command::Source),
            ":export" => parse_export(rest),
            ":render" => parse_render(rest),
            ":explain" => match words.as_slice() {
                [name] => Ok(Command::Explain {
                    name: name.clone(),
                    other: None,
                }),
                [name, other] => Ok(Command::Explain {
                    name: name.clone(),
                    other: Some(other.clone()),
                }),
                _ => Err(bad(
                    ":explain",
                    "`NAME [OTHER]` (quote names with spaces)",
                    rest,
                )),
            },
            ":schema" => no_args(":schema", rest, Command::Schema),
            ":stats" => no_args(":stats", rest, Command::Stats),
            ":params" => no_args(":params", rest, Command::Params),
            ":history" => no_args(":history", rest, Command::History),
            ":quit" | ":exit" | ":q" => no_args(":quit", rest, Command::Quit),
            ":param" => parse_param(rest),
            ":format" => match rest.to_ascii_lowercase().as_str() {
                "table" => Ok(Command::Format(Format::Table)),
                "json" => Ok(Command::Format(Format::Json)),
                "csv" => Ok(Command::Format(Format::Csv)),
                _ => Err(bad(":format", "table, json or csv", rest)),
            },
            ":timing" => match rest.to_ascii_lowercase().as_str() {
                "on" => Ok(Command::Timing(true)),
                "off" => Ok(Command::Timing(false)),
                _ => Err(bad(":timing", "on or off", rest)),
            },
            _ => Err(CommandError::Unknown {
                found: name.to_string(),
            }),
        }
    }
}

/// Words separated by spaces; `"..."` or `'...'` keep spaces inside one word.
pub fn split_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut current = String::new();
    let mut quote = None;
    let mut in_word = false;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => current.push(c),
            None if c == '"' || c == '\'' => {
                quote = Some(c);
                in_word = true;
            }
            None if c.is_whitespace() => {
                if in_word {
                    words.push(std::mem::take(&mut current));
                }
                in_word = false;
            }
            None => {
                current.push(c);
                in_word = true;
            }
        }
    }
    if in_word {
        words.push(current);
    }
    words
}

fn bad(command: &'static str, expected: &'static str, found: &str) -> CommandError {
    let found = if found.is_empty() {
        "nothing".to_string()
    } else {
        format!("`{found}`")
    };
    CommandError::BadArguments {
        command,
        expected,
        found,
    }
}

fn no_args(command: &'static str, rest: &str, cmd: Command) -> Result<Command, CommandError> {
    if rest.is_empty() {
        Ok(cmd)
    } else {
        Err(bad(command, "no arguments", rest))
    }
}

fn paths(words: &[String]) -> Vec<PathBuf> {
    words.iter().map(PathBuf::from).collect()
}

fn one_path(command: &'static str, words: &[String], rest: &str) -> Result<PathBuf, CommandError> {
    match words {
        [file] => Ok(PathBuf::from(file)),
        _ => Err(bad(command, "one file", rest)),
    }
}

/// `FILE [query]`: the first word is the file, the rest of the line (without a final `;`) the query.
fn file_and_query(rest: &str) -> Option<(PathBuf, Option<String>)> {
    let file = split_words(rest).into_iter().next()?;
    let after = skip_first_word(rest).trim();
    let query = after.trim_end_matches(';').trim();
    Some((
        PathBuf::from(file),
        (!query.is_empty()).then(|| query.to_string()),
    ))
}

/// `rest` after its first (possibly quoted) word.
fn skip_first_word(rest: &str) -> &str {
    let mut quote = None;
    for (i, c) in rest.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if c.is_whitespace() => return &rest[i..],
            None => {}
        }
    }
    ""
}

fn parse_export(rest: &str) -> Result<Command, CommandError> {
    const USAGE: &str = "`dot|json|csv FILE [query]`";
    let (kind_word, after) = rest.split_once(char::is_whitespace).unwrap_or((rest, ""));
    let kind = match kind_word.to_ascii_lowercase().as_str() {
        "dot" => ExportKind::Dot,
        "json" => ExportKind::Json,
        "csv" => ExportKind::Csv,
        _ => return Err(bad(":export", USAGE, rest)),
    };
    let (path, query) = file_and_query(after.trim()).ok_or_else(|| bad(":export", USAGE, rest))?;
    Ok(Command::Export { kind, path, query })
}

fn parse_render(rest: &str) -> Result<Command, CommandError> {
    let (path, query) =
        file_and_query(rest).ok_or_else(|| bad(":render", "`FILE.svg [query]`", rest))?;
    Ok(Command::Render { path, query })
}

fn parse_param(rest: &str) -> Result<Command, CommandError> {
    const USAGE: &str = "`name => value`";
    let (name, value) = rest
        .split_once("=>")
        .ok_or_else(|| bad(":param", USAGE, rest))?;
    let name = name.trim().trim_start_matches('$');
    let value = value.trim().trim_end_matches(';').trim();
    let plain = name
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
        && name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if !plain || value.is_empty() {
        return Err(bad(":param", USAGE, rest));
    }
    Ok(Command::Param {
        name: name.to_string(),
        value: value.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> PathBuf {
        PathBuf::from(s)
    }

    #[test]
    fn parses_commands() {
        let cases: Vec<(&str, Command)> = vec![
            (":help", Command::Help(None)),
            (":help load", Command::Help(Some("load".into()))),
            ("  :HELP  ", Command::Help(None)),
            (
                ":load a.txt dir/",
                Command::Load(vec![p("a.txt"), p("dir/")]),
            ),
            (
                ":load \"my file.txt\"",
                Command::Load(vec![p("my file.txt")]),
            ),
            (":save", Command::Save(None)),
            (":save out.db", Command::Save(Some(p("out.db")))),
            (":open x.db", Command::Open(p("x.db"))),
            (":source q.cypher", Command::Source(p("q.cypher"))),
            (
                ":export dot g.dot",
                Command::Export {
                    kind: ExportKind::Dot,
                    path: p("g.dot"),
                    query: None,
                },
            ),
            (
                ":export json 'a b.json' MATCH (n) RETURN n;",
                Command::Export {
                    kind: ExportKind::Json,
                    path: p("a b.json"),
                    query: Some("MATCH (n) RETURN n".into()),
                },
            ),
            (
                ":export csv out MATCH (n)-[r]-(m) RETURN n, r, m",
                Command::Export {
                    kind: ExportKind::Csv,
                    path: p("out"),
                    query: Some("MATCH (n)-[r]-(m) RETURN n, r, m".into()),
                },
            ),
            (
                ":render g.svg MATCH p=(a)--(b) RETURN p",
                Command::Render {
                    path: p("g.svg"),
                    query: Some("MATCH p=(a)--(b) RETURN p".into()),
                },
            ),
            (
                ":render g.svg",
                Command::Render {
                    path: p("g.svg"),
                    query: None,
                },
            ),
            (":schema", Command::Schema),
            (
                ":explain \"John Kerry\"",
                Command::Explain {
                    name: "John Kerry".into(),
                    other: None,
                },
            ),
            (
                ":explain Kerry 'Fouad Massoum'",
                Command::Explain {
                    name: "Kerry".into(),
                    other: Some("Fouad Massoum".into()),
                },
            ),
            (":stats", Command::Stats),
            (
                ":param who => \"John Kerry\"",
                Command::Param {
                    name: "who".into(),
                    value: "\"John Kerry\"".into(),
                },
            ),
            (
                ":param $n=>[1, 2];",
                Command::Param {
                    name: "n".into(),
                    value: "[1, 2]".into(),
                },
            ),
            (":params", Command::Params),
            (":format csv", Command::Format(Format::Csv)),
            (":format JSON", Command::Format(Format::Json)),
            (":format table", Command::Format(Format::Table)),
            (":timing on", Command::Timing(true)),
            (":timing off", Command::Timing(false)),
            (":history", Command::History),
            (":quit", Command::Quit),
            (":exit", Command::Quit),
            (":q", Command::Quit),
        ];
        for (input, want) in cases {
            assert_eq!(Command::parse(input), Ok(want), "input: {input:?}");
        }
    }

    #[test]
    fn fallible_cases() {
        let cases = [
            (
                ":frobnicate",
                "unknown command `:frobnicate`; `:help` lists the commands",
            ),
            (
                ":load",
                ":load: expected one or more article files or folders, found nothing",
            ),
            (":save a b", ":save: expected at most one file, found `a b`"),
            (":open", ":open: expected one file, found nothing"),
            (
                ":format xml",
                ":format: expected table, json or csv, found `xml`",
            ),
            (
                ":timing maybe",
                ":timing: expected on or off, found `maybe`",
            ),
            (
                ":export svg g.svg",
                ":export: expected `dot|json|csv FILE [query]`, found `svg g.svg`",
            ),
            (
                ":export dot",
                ":export: expected `dot|json|csv FILE [query]`, found `dot`",
            ),
            (
                ":param who",
                ":param: expected `name => value`, found `who`",
            ),
            (
                ":param 1x => 2",
                ":param: expected `name => value`, found `1x => 2`",
            ),
            (
                ":param x =>",
                ":param: expected `name => value`, found `x =>`",
            ),
            (":schema now", ":schema: expected no arguments, found `now`"),
            (
                ":explain John Kerry Fouad",
                ":explain: expected `NAME [OTHER]` (quote names with spaces), found `John Kerry Fouad`",
            ),
            (
                ":explain",
                ":explain: expected `NAME [OTHER]` (quote names with spaces), found nothing",
            ),
            (
                ":render",
                ":render: expected `FILE.svg [query]`, found nothing",
            ),
        ];
        for (input, message) in cases {
            let err = Command::parse(input).expect_err(input);
            assert_eq!(err.to_string(), message, "input: {input:?}");
        }
    }
}
