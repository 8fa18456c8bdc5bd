//! Parse step: query text -> [`ast::Query`] with nom; lexical helpers shared by the rules.
//!
//! Every rule skips the whitespace (and comments) before it. After a commit point a rule fails
//! with [`Err::Failure`] carrying what was expected; [`parse`] turns that into a [`ParseError`].
//! This module knows nothing of the graph or of evaluation.

mod clause;
mod expr;

use super::ast::{Ident, Query, RESERVED};
use super::error::{ParseError, Span, line_col};
use nom::bytes::complete::{tag, tag_no_case, take_while};
use nom::{Err, IResult, Parser};
use std::cell::Cell;

/// Deepest nesting of parentheses, lists, operators and pattern steps the parser accepts.
pub const MAX_DEPTH: usize = 48;

/// Parses a whole query.
pub fn parse(text: &str) -> Result<Query, ParseError> {
    STATE.with(|s| {
        s.set(State {
            len: text.len(),
            depth: 0,
        })
    });
    match clause::query(text) {
        Ok((_, query)) => Ok(query),
        Err(Err::Error(e) | Err::Failure(e)) => Err(to_parse_error(text, e)),
        Err(Err::Incomplete(_)) => Err(ParseError {
            message: "unexpected end of input".into(),
            span: Span::new(text.len(), text.len()),
        }),
    }
}

/// The parser's error: where it stopped and, after a commit point, what it wanted.
#[derive(Debug)]
pub(crate) struct PErr<'a> {
    input: &'a str,
    kind: PErrKind<'a>,
}

#[derive(Debug)]
enum PErrKind<'a> {
    /// An alternative did not match; try the next.
    Backtrack,
    /// `expected {what}[ opened at {opened}]`.
    Expected {
        what: String,
        opened: Option<&'a str>,
    },
    /// A whole message, for errors that are not about a missing token.
    Message(String),
}

impl<'a> nom::error::ParseError<&'a str> for PErr<'a> {
    fn from_error_kind(input: &'a str, _kind: nom::error::ErrorKind) -> Self {
        PErr {
            input,
            kind: PErrKind::Backtrack,
        }
    }
    fn append(_input: &'a str, _kind: nom::error::ErrorKind, other: Self) -> Self {
        other
    }
    fn or(self, other: Self) -> Self {
        if other.input.len() < self.input.len() {
            other
        } else {
            self
        }
    }
}

pub(crate) type PResult<'a, T> = IResult<&'a str, T, PErr<'a>>;

#[derive(Clone, Copy)]
struct State {
    len: usize,
    depth: usize,
}

thread_local! {
    static STATE: Cell<State> = const { Cell::new(State { len: 0, depth: 0 }) };
}

/// Byte offset of `rest` in the text being parsed.
pub(crate) fn offset(rest: &str) -> usize {
    STATE.with(|s| s.get().len.saturating_sub(rest.len()))
}

/// The span from `start` (a suffix of the text) to `rest` (a shorter suffix).
pub(crate) fn span_between(start: &str, rest: &str) -> Span {
    Span::new(offset(start), offset(rest))
}

fn to_parse_error(text: &str, e: PErr<'_>) -> ParseError {
    let start = text.len().saturating_sub(e.input.len());
    let (found, found_len) = describe_next(e.input);
    let message = match e.kind {
        PErrKind::Backtrack => format!("unexpected {found}"),
        PErrKind::Message(m) => m,
        PErrKind::Expected { what, opened } => {
            let opened = opened.map_or(String::new(), |o| {
                let (line, col) = line_col(text, text.len().saturating_sub(o.len()));
                format!(" opened at {line}:{col}")
            });
            format!("expected {what}{opened}, found {found}")
        }
    };
    ParseError {
        message,
        span: Span::new(start, start + found_len),
    }
}

/// Names the token at the start of `rest`: a word, one character, or the end of input.
fn describe_next(rest: &str) -> (String, usize) {
    let word_len = rest
        .char_indices()
        .find(|(_, c)| !(c.is_alphanumeric() || *c == '_'))
        .map_or(rest.len(), |(i, _)| i);
    let len = match rest.chars().next() {
        None => return ("end of input".into(), 0),
        Some(_) if word_len > 0 => word_len,
        Some(c) => c.len_utf8(),
    };
    (format!("'{}'", &rest[..len]), len)
}

/// Runs `rule` one nesting level deeper, failing past [`MAX_DEPTH`].
pub(crate) fn nested<'a, T>(
    i: &'a str,
    rule: impl FnOnce(&'a str) -> PResult<'a, T>,
) -> PResult<'a, T> {
    let _guard = deeper(i)?;
    rule(i)
}

/// Raises the nesting depth until the guard drops.
pub(crate) fn deeper(i: &str) -> Result<DepthGuard, Err<PErr<'_>>> {
    let state = STATE.with(|s| s.get());
    if state.depth >= MAX_DEPTH {
        return Err(fail_message(
            i,
            format!("query nests too deeply (more than {MAX_DEPTH} levels)"),
        ));
    }
    STATE.with(|s| {
        s.set(State {
            depth: state.depth + 1,
            ..state
        })
    });
    Ok(DepthGuard)
}

/// Lowers the nesting depth when dropped.
pub(crate) struct DepthGuard;

impl Drop for DepthGuard {
    fn drop(&mut self) {
        STATE.with(|s| {
            let state = s.get();
            s.set(State {
                depth: state.depth.saturating_sub(1),
                ..state
            })
        });
    }
}

/// A fatal error with a whole message.
pub(crate) fn fail_message(i: &str, message: String) -> Err<PErr<'_>> {
    Err::Failure(PErr {
        input: i,
        kind: PErrKind::Message(message),
    })
}

/// A backtracking error at `i`.
pub(crate) fn backtrack(i: &str) -> Err<PErr<'_>> {
    Err::Error(PErr {
        input: i,
        kind: PErrKind::Backtrack,
    })
}

/// Runs `rule` after whitespace; if it does not match, fails fatally with `expected {what}`.
pub(crate) fn expect<'a, T>(
    what: &str,
    mut rule: impl Parser<&'a str, Output = T, Error = PErr<'a>>,
) -> impl FnMut(&'a str) -> PResult<'a, T> {
    let what = what.to_string();
    move |i: &'a str| {
        let (i, _) = ws(i)?;
        rule.parse(i).map_err(|e| match e {
            Err::Error(_) => Err::Failure(PErr {
                input: i,
                kind: PErrKind::Expected {
                    what: what.clone(),
                    opened: None,
                },
            }),
            other => other,
        })
    }
}

/// Like [`expect`], naming where the bracket being closed was opened.
pub(crate) fn expect_close<'a>(
    close: &'static str,
    what: &'static str,
    opened: &'a str,
) -> impl FnMut(&'a str) -> PResult<'a, &'a str> {
    move |i: &'a str| {
        let (i, _) = ws(i)?;
        tag(close).parse(i).map_err(|_: Err<PErr<'a>>| {
            Err::Failure(PErr {
                input: i,
                kind: PErrKind::Expected {
                    what: format!("'{close}' to close {what}"),
                    opened: Some(opened),
                },
            })
        })
    }
}

/// ws = { whitespace | "//" line | "/*" block "*/" }
pub(crate) fn ws(mut i: &str) -> PResult<'_, ()> {
    loop {
        let trimmed = i.trim_start();
        if let Some(rest) = trimmed.strip_prefix("//") {
            i = rest.find('\n').map_or("", |n| &rest[n..]);
        } else if let Some(rest) = trimmed.strip_prefix("/*") {
            match rest.find("*/") {
                Some(n) => i = &rest[n + 2..],
                None => {
                    return Err(Err::Failure(PErr {
                        input: "",
                        kind: PErrKind::Expected {
                            what: "'*/' to close the comment".into(),
                            opened: Some(trimmed),
                        },
                    }));
                }
            }
        } else {
            return Ok((trimmed, ()));
        }
    }
}

/// A symbol after whitespace.
pub(crate) fn sym<'a>(s: &'static str) -> impl FnMut(&'a str) -> PResult<'a, &'a str> {
    move |i: &'a str| {
        let (i, _) = ws(i)?;
        tag(s).parse(i)
    }
}

/// keyword = word, case-insensitive, not followed by an identifier character
pub(crate) fn keyword<'a>(word: &'static str) -> impl FnMut(&'a str) -> PResult<'a, &'a str> {
    move |i: &'a str| {
        let (i, _) = ws(i)?;
        let (rest, matched) = tag_no_case(word).parse(i)?;
        match rest.chars().next() {
            Some(c) if c.is_alphanumeric() || c == '_' => Err(backtrack(i)),
            _ => Ok((rest, matched)),
        }
    }
}

/// name = letter { letter | digit | "_" } | "`" { any | "``" } "`"   (reserved words allowed)
pub(crate) fn name(i: &str) -> PResult<'_, Ident> {
    let (i, _) = ws(i)?;
    if let Some(body) = i.strip_prefix('`') {
        return quoted_name(i, body);
    }
    let first_ok = i
        .chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_');
    if !first_ok {
        return Err(backtrack(i));
    }
    let (rest, word) = take_while(|c: char| c.is_alphanumeric() || c == '_').parse(i)?;
    Ok((
        rest,
        Ident {
            name: word.to_string(),
            span: span_between(i, rest),
        },
    ))
}

fn quoted_name<'a>(start: &'a str, body: &'a str) -> PResult<'a, Ident> {
    let mut name = String::new();
    let mut rest = body;
    loop {
        match rest.find('`') {
            None => {
                return Err(Err::Failure(PErr {
                    input: "",
                    kind: PErrKind::Expected {
                        what: "'`' to close the quoted name".into(),
                        opened: Some(start),
                    },
                }));
            }
            Some(n) if rest[n + 1..].starts_with('`') => {
                name.push_str(&rest[..=n]);
                rest = &rest[n + 2..];
            }
            Some(n) => {
                name.push_str(&rest[..n]);
                rest = &rest[n + 1..];
                break;
            }
        }
    }
    let span = span_between(start, rest);
    Ok((rest, Ident { name, span }))
}

/// variable = name, but a bare reserved word is not a variable
pub(crate) fn variable(i: &str) -> PResult<'_, Ident> {
    let (rest, ident) = name(i)?;
    let (i, _) = ws(i)?;
    let quoted = i.starts_with('`');
    if !quoted && RESERVED.iter().any(|r| r.eq_ignore_ascii_case(&ident.name)) {
        return Err(backtrack(i));
    }
    Ok((rest, ident))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// Parses `text` and returns the error's rendered form, for fallible-case tests.
    pub(crate) fn parse_error(text: &str) -> String {
        let error = parse(text).expect_err("query should not parse");
        crate::query::QueryError::Parse(error).render(text)
    }

    /// Parses `text` and prints it back canonically.
    pub(crate) fn canonical(text: &str) -> String {
        match parse(text) {
            Ok(q) => q.to_string(),
            Err(e) => panic!("{}", crate::query::QueryError::Parse(e).render(text)),
        }
    }

    #[test]
    fn comments_and_case_insensitive_keywords() {
        assert_eq!(
            canonical("match (a) // who\n /* block */ return a"),
            "MATCH (a) RETURN a"
        );
    }

    #[test]
    fn keywords_need_a_separator() {
        assert_eq!(
            canonical("RETURN orx, notx, android, order_, x ORDER BY x"),
            "RETURN orx, notx, android, order_, x ORDER BY x"
        );
        assert_eq!(canonical("RETURN NOT(x)OR(y)"), "RETURN NOT x OR y");
    }

    #[test]
    fn quoted_names_keep_backticks_when_needed() {
        assert_eq!(
            canonical("MATCH (`my var`) RETURN `my var`, `match`"),
            "MATCH (`my var`) RETURN `my var`, `match`"
        );
    }

    #[test]
    fn fallible_lexical_cases() {
        assert_eq!(
            parse_error("MATCH (a) /* oops"),
            "syntax error at 1:18: expected '*/' to close the comment opened at 1:11, found end of input\n  \
             |\n1 | MATCH (a) /* oops\n  |                  ^"
        );
        assert_eq!(
            parse_error("MATCH (`a) RETURN 1"),
            "syntax error at 1:20: expected '`' to close the quoted name opened at 1:8, found end of input\n  \
             |\n1 | MATCH (`a) RETURN 1\n  |                    ^"
        );
        assert_eq!(
            parse_error("MATCHX (a) RETURN a"),
            "syntax error at 1:1: expected MATCH, OPTIONAL MATCH, WITH, UNWIND or RETURN, found 'MATCHX'\n  \
             |\n1 | MATCHX (a) RETURN a\n  | ^^^^^^"
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("RETURN {}1{}", "(".repeat(5000), ")".repeat(5000));
        assert!(parse_error(&text).contains("query nests too deeply (more than 48 levels)"));
        let text = format!("RETURN 1{}", " + 1".repeat(5000));
        assert!(parse_error(&text).contains("query nests too deeply"));
        let text = format!("RETURN {}1", "NOT ".repeat(5000));
        assert!(parse_error(&text).contains("query nests too deeply"));
    }
}
