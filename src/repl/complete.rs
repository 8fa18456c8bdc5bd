//! Tab completion as a pure function of the typed text, the cursor and a [`Schema`].
//!
//! It knows the graph only through the [`Schema`] snapshot taken after each change, and knows
//! nothing of rustyline beyond its `Pair` candidate type.

use super::command::COMMANDS;
use super::help::topic_names;
use super::scan::{Token, TokenKind, tokens};
use crate::graph::KnowledgeGraph;
use crate::model::{EntityType, Relation};
use crate::query::ast::RESERVED;
use crate::query::resolve::{AGGREGATES, FUNCTIONS};
use crate::query::value::{NODE_PROPERTIES, REL_PROPERTIES};
use rustyline::completion::Pair;
use std::collections::BTreeSet;
use std::path::Path;

/// What completion knows about the graph and the session.
#[derive(Debug, Clone, Default)]
pub struct Schema {
    /// Node labels.
    pub labels: Vec<String>,
    /// Relationship types.
    pub rel_types: Vec<String>,
    /// Node property keys.
    pub node_keys: Vec<String>,
    /// Relationship property keys.
    pub rel_keys: Vec<String>,
    /// Every entity name and alias, sorted and unique.
    pub names: Vec<String>,
    /// Parameter names (without `$`).
    pub params: Vec<String>,
}

impl Schema {
    /// The schema of a graph.
    pub fn of(graph: &KnowledgeGraph) -> Schema {
        let mut names = BTreeSet::new();
        for node in graph.nodes() {
            let entity = graph.entity(node);
            names.insert(entity.name.clone());
            names.extend(entity.aliases.iter().cloned());
        }
        Schema {
            labels: EntityType::ALL.map(|t| t.label().to_string()).to_vec(),
            rel_types: Relation::ALL.map(|r| r.query_name().to_string()).to_vec(),
            node_keys: NODE_PROPERTIES.map(String::from).to_vec(),
            rel_keys: REL_PROPERTIES.map(String::from).to_vec(),
            names: names.into_iter().collect(),
            params: Vec::new(),
        }
    }
}

/// Keywords offered in statements, beyond the reserved words.
const EXTRA_KEYWORDS: [&str; 2] = ["shortestPath", "allShortestPaths"];

/// Candidates for the word before `pos`, and the byte where the replaced word starts.
pub fn complete(line: &str, pos: usize, schema: &Schema) -> (usize, Vec<Pair>) {
    let pos = floor_boundary(line, pos);
    let before = &line[..pos];
    if before.trim_start().starts_with(':') {
        return complete_command(before);
    }
    let statement_start = tokens(before)
        .iter()
        .rev()
        .find(|t| t.kind == TokenKind::Punct(';'))
        .map_or(0, |t| t.end);
    let offset = statement_start;
    let statement = &before[statement_start..];
    let toks = tokens(statement);
    let (start, candidates) = complete_statement(statement, &toks, schema);
    (offset + start, candidates)
}

fn complete_statement(text: &str, toks: &[Token], schema: &Schema) -> (usize, Vec<Pair>) {
    let Some(last) = toks.last() else {
        return (0, keyword_pairs("", &[]));
    };
    match last.kind {
        TokenKind::String { closed: false } => {
            let quote = &text[last.start..last.start + 1];
            let prefix = &text[last.start + 1..];
            let start = last.start + 1;
            return (start, name_pairs(prefix, quote, &schema.names));
        }
        TokenKind::String { .. }
        | TokenKind::Comment { .. }
        | TokenKind::Quoted { .. }
        | TokenKind::Number => return (text.len(), Vec::new()),
        _ => {}
    }
    let (word_start, prefix, before_word) = match last.kind {
        TokenKind::Word => (last.start, &text[last.start..], &toks[..toks.len() - 1]),
        _ => (text.len(), "", toks),
    };
    let previous = before_word.iter().rev().find(|t| !t.is_trivia());
    let pairs = match previous.map(|t| t.kind) {
        Some(TokenKind::Punct(':' | '|')) => match enclosing_bracket(text, before_word) {
            Some('(') => plain_pairs(prefix, &schema.labels),
            Some('[') => plain_pairs(prefix, &schema.rel_types),
            _ => expression_pairs(text, toks, prefix, schema),
        },
        Some(TokenKind::Punct('.')) => {
            let var = word_before(text, before_word);
            plain_pairs(prefix, property_keys(text, toks, var, schema))
        }
        Some(TokenKind::Punct('$')) => plain_pairs(prefix, &schema.params),
        Some(TokenKind::Punct('{' | ',')) if enclosing_bracket(text, before_word) == Some('{') => {
            let bracket = outer_bracket(text, before_word);
            let keys = if bracket == Some('[') {
                &schema.rel_keys
            } else {
                &schema.node_keys
            };
            plain_pairs(prefix, keys)
        }
        _ => expression_pairs(text, toks, prefix, schema),
    };
    (word_start, pairs)
}

/// Variables bound in the statement, then keywords and functions.
fn expression_pairs(text: &str, toks: &[Token], prefix: &str, schema: &Schema) -> Vec<Pair> {
    let _ = schema;
    let current = toks
        .last()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| t.start);
    let vars: Vec<String> = bound_variables(text, toks)
        .into_iter()
        .filter(|(start, _, _)| Some(*start) != current)
        .map(|(_, name, _)| name)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut pairs = plain_pairs(prefix, &vars);
    pairs.extend(keyword_pairs(prefix, &vars));
    pairs
}

fn keyword_pairs(prefix: &str, skip: &[String]) -> Vec<Pair> {
    let lower = prefix.to_lowercase();
    let mut out = Vec::new();
    let words = RESERVED.iter().chain(EXTRA_KEYWORDS.iter());
    for word in words {
        if word.to_lowercase().starts_with(&lower) && !skip.iter().any(|s| s == word) {
            out.push(pair(word, word));
        }
    }
    let functions = FUNCTIONS.iter().map(|f| f.0).chain(AGGREGATES);
    for name in functions {
        if !prefix.is_empty() && name.to_lowercase().starts_with(&lower) {
            out.push(pair(&format!("{name}()"), &format!("{name}(")));
        }
    }
    out
}

/// Variables introduced in the statement: `(v`, `[v`, `v =` before a pattern and `AS v`,
/// with their byte offset and whether they name a relationship.
fn bound_variables(text: &str, toks: &[Token]) -> Vec<(usize, String, bool)> {
    let significant: Vec<&Token> = toks.iter().filter(|t| !t.is_trivia()).collect();
    let mut out = Vec::new();
    for (i, tok) in significant.iter().enumerate() {
        if tok.kind != TokenKind::Word {
            continue;
        }
        let name = &text[tok.start..tok.end];
        let prev = i.checked_sub(1).map(|j| significant[j]);
        let next = significant.get(i + 1);
        let prev_kind = prev.map(|t| t.kind);
        let bound = match prev_kind {
            Some(TokenKind::Punct('(')) => Some(false),
            Some(TokenKind::Punct('[')) => {
                // `[x` is a list literal unless it sits in a relationship pattern `-[x`.
                let before = i.checked_sub(2).map(|j| significant[j].kind);
                matches!(before, Some(TokenKind::Punct('-' | '<'))).then_some(true)
            }
            Some(TokenKind::Word) => prev
                .filter(|p| text[p.start..p.end].eq_ignore_ascii_case("AS"))
                .map(|_| false),
            _ => None,
        };
        let path_var = next.is_some_and(|n| n.kind == TokenKind::Punct('='))
            && significant
                .get(i + 2)
                .is_some_and(|n| n.kind == TokenKind::Punct('(') || n.kind == TokenKind::Word);
        let keyword = RESERVED.iter().any(|r| r.eq_ignore_ascii_case(name));
        let is_call = next.is_some_and(|n| n.kind == TokenKind::Punct('('));
        if keyword || is_call {
            continue;
        }
        if let Some(is_rel) = bound {
            out.push((tok.start, name.to_string(), is_rel));
        } else if path_var && prev_kind != Some(TokenKind::Punct('.')) {
            out.push((tok.start, name.to_string(), false));
        }
    }
    out
}

fn property_keys<'s>(
    text: &str,
    toks: &[Token],
    var: Option<&str>,
    schema: &'s Schema,
) -> &'s [String] {
    let is_rel = var.and_then(|v| {
        bound_variables(text, toks)
            .into_iter()
            .find(|(_, name, _)| name == v)
            .map(|(_, _, is_rel)| is_rel)
    });
    if is_rel == Some(true) {
        &schema.rel_keys
    } else {
        &schema.node_keys
    }
}

/// The word right before the last significant token (the `n` of `n.`).
fn word_before<'t>(text: &'t str, toks: &[Token]) -> Option<&'t str> {
    let mut significant = toks.iter().rev().filter(|t| !t.is_trivia());
    significant.next();
    significant
        .next()
        .filter(|t| t.kind == TokenKind::Word)
        .map(|t| &text[t.start..t.end])
}

/// The innermost bracket still open at the end of `toks`.
fn enclosing_bracket(text: &str, toks: &[Token]) -> Option<char> {
    open_brackets(text, toks).last().copied()
}

/// The bracket around the innermost one (the `(` around `{`).
fn outer_bracket(text: &str, toks: &[Token]) -> Option<char> {
    let open = open_brackets(text, toks);
    open.len().checked_sub(2).map(|i| open[i])
}

fn open_brackets(_text: &str, toks: &[Token]) -> Vec<char> {
    let mut stack = Vec::new();
    for tok in toks {
        match tok.kind {
            TokenKind::Punct(c @ ('(' | '[' | '{')) => stack.push(c),
            TokenKind::Punct(')' | ']' | '}') => {
                stack.pop();
            }
            _ => {}
        }
    }
    stack
}

fn plain_pairs(prefix: &str, words: &[String]) -> Vec<Pair> {
    let lower = prefix.to_lowercase();
    words
        .iter()
        .filter(|w| w.to_lowercase().starts_with(&lower))
        .map(|w| pair(w, w))
        .collect()
}

/// Entity names and aliases starting with `prefix` (ignoring case), closed with `quote`.
fn name_pairs(prefix: &str, quote: &str, names: &[String]) -> Vec<Pair> {
    let lower = prefix.to_lowercase();
    names
        .iter()
        .filter(|n| n.to_lowercase().starts_with(&lower))
        .map(|n| pair(n, &format!("{n}{quote}")))
        .collect()
}

fn pair(display: &str, replacement: &str) -> Pair {
    Pair {
        display: display.to_string(),
        replacement: replacement.to_string(),
    }
}

/// Completion in a `:command` line: the name, then its arguments.
fn complete_command(before: &str) -> (usize, Vec<Pair>) {
    let lead = before.len() - before.trim_start().len();
    let text = &before[lead..];
    let word_start = text.rfind(char::is_whitespace).map_or(0, |i| {
        i + text[i..].chars().next().map_or(1, char::len_utf8)
    });
    let prefix = &text[word_start..];
    let start = lead + word_start;
    if word_start == 0 {
        let lower = prefix.to_lowercase();
        let names = COMMANDS.iter().filter(|c| c.starts_with(&lower));
        return (start, names.map(|c| pair(c, c)).collect());
    }
    let mut words = text.split_whitespace();
    let name = words.next().unwrap_or("").to_lowercase();
    let n_done = text[..word_start].split_whitespace().count() - 1;
    let choices: Vec<&str> = match (name.as_str(), n_done) {
        (":format", 0) => vec!["table", "json", "csv"],
        (":timing", 0) => vec!["on", "off"],
        (":export", 0) => vec!["dot", "json", "csv"],
        (":help", 0) => topic_names().collect(),
        (":load" | ":source" | ":open" | ":save", _) | (":export", 1) | (":render", 0) => {
            return (start, path_pairs(prefix));
        }
        _ => vec![],
    };
    let words: Vec<String> = choices.iter().map(|s| s.to_string()).collect();
    (start, plain_pairs(prefix, &words))
}

/// Files and folders whose name starts with the last path component of `prefix`.
pub fn path_pairs(prefix: &str) -> Vec<Pair> {
    let (dir_part, file_prefix) = match prefix.rfind('/') {
        Some(i) => (&prefix[..=i], &prefix[i + 1..]),
        None => ("", prefix),
    };
    let dir = match dir_part {
        "" => std::path::PathBuf::from("."),
        d if d.starts_with("~/") => home().join(&d[2..]),
        d => std::path::PathBuf::from(d),
    };
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut out: Vec<Pair> = entries
        .filter_map(Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let hidden = name.starts_with('.') && !file_prefix.starts_with('.');
            if hidden || !name.starts_with(file_prefix) {
                return None;
            }
            let is_dir = entry.path().is_dir();
            let shown = if is_dir { format!("{name}/") } else { name };
            Some(pair(&shown, &format!("{dir_part}{shown}")))
        })
        .collect();
    out.sort_by(|a, b| a.display.cmp(&b.display));
    out
}

fn home() -> std::path::PathBuf {
    std::env::var_os("HOME").map_or_else(|| Path::new("/").to_path_buf(), Into::into)
}

fn floor_boundary(text: &str, pos: usize) -> usize {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

#[cfg(test)]
mod tests {
    use super::*;

    fn schema() -> Schema {
        Schema {
            labels: vec!["Person".into(), "State".into(), "Organization".into()],
            rel_types: vec!["MET_WITH".into(), "CONDEMNED".into()],
            node_keys: vec!["id".into(), "name".into(), "aliases".into()],
            rel_keys: vec!["type".into(), "count".into()],
            names: vec![
                "Iran".into(),
                "John Kerry".into(),
                "Kerry".into(),
                "john".into(),
            ],
            params: vec!["who".into()],
        }
    }

    /// Completes at the end of `line` and returns the replaced start and the replacements.
    fn check(line: &str) -> (usize, Vec<String>) {
        let (start, pairs) = complete(line, line.len(), &schema());
        (start, pairs.into_iter().map(|p| p.replacement).collect())
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn completes_by_context() {
        let cases: Vec<(&str, usize, Vec<&str>)> = vec![
            ("MATCH (n:Pe", 9, vec!["Person"]),
            ("MATCH (n:", 9, vec!["Person", "State", "Organization"]),
            ("MATCH (n)-[r:ME", 13, vec!["MET_WITH"]),
            ("MATCH (n)-[r:MET_WITH|CO", 22, vec!["CONDEMNED"]),
            ("MATCH (n {name: \"joh", 17, vec!["John Kerry\"", "john\""]),
            ("MATCH (n {name: 'ker", 17, vec!["Kerry'"]),
            ("MATCH (n {na", 10, vec!["name"]),
            ("MATCH (n)-[r {co", 14, vec!["count"]),
            ("MATCH (n) RETURN n.na", 19, vec!["name"]),
            ("MATCH (n)-[rel]-(m) RETURN rel.c", 31, vec!["count"]),
            ("MATCH (n) WHERE n.name = $w", 26, vec!["who"]),
            ("mat", 0, vec!["MATCH"]),
            ("MATCH (node) RETURN no", 20, vec!["node", "NOT", "nodes("]),
            ("MATCH p=(a)--(b) RETURN p", 24, vec!["p", "properties("]),
            (
                "MATCH (a) RETURN 1; MATCH (b) RETURN a",
                37,
                vec![
                    "AS",
                    "AND",
                    "ASC",
                    "ASCENDING",
                    "allShortestPaths",
                    "abs(",
                    "avg(",
                ],
            ),
            ("RETURN toL", 7, vec!["toLower("]),
            (":lo", 0, vec![":load"]),
            (":format c", 8, vec!["csv"]),
            (":timing o", 8, vec!["on", "off"]),
            (":export j", 8, vec!["json"]),
            ("RETURN \"x\" // comm", 18, vec![]),
        ];
        for (line, start, want) in cases {
            assert_eq!(check(line), (start, strings(&want)), "line: {line:?}");
        }
    }

    #[test]
    fn completes_paths_after_file_commands() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("article-one.txt"), "x").unwrap();
        std::fs::create_dir(dir.path().join("articles")).unwrap();
        std::fs::write(dir.path().join(".hidden"), "x").unwrap();
        let base = format!("{}/", dir.path().display());
        for command in [":load", ":source", ":open"] {
            let line = format!("{command} {base}art");
            let (start, got) = check(&line);
            assert_eq!(start, command.len() + 1, "{command}");
            assert_eq!(
                got,
                vec![format!("{base}article-one.txt"), format!("{base}articles/")]
            );
        }
        let line = format!(":export dot {base}a");
        assert_eq!(check(&line).1.len(), 2);
        let line = format!(":load {base}");
        assert_eq!(check(&line).1.len(), 2, "hidden files are left out");
    }
}
