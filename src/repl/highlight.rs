//! Colours for the line being typed: keywords, strings, numbers, comments, and errors (an
//! unclosed string, a stray closing bracket, an unknown `:command`) in red.
//!
//! Only ANSI colour codes are added, so the text keeps its display width as rustyline requires.

use super::command::COMMANDS;
use super::scan::{TokenKind, tokens};
use crate::query::ast::RESERVED;

const KEYWORD: &str = "\x1b[1;34m";
const STRING: &str = "\x1b[32m";
const NUMBER: &str = "\x1b[36m";
const COMMENT: &str = "\x1b[2m";
const COMMAND: &str = "\x1b[1;35m";
const ERROR: &str = "\x1b[1;31m";
const RESET: &str = "\x1b[0m";

/// The line with colour codes around the parts worth colouring.
pub fn highlight(line: &str) -> String {
    let lead = line.len() - line.trim_start().len();
    if line[lead..].starts_with(':') {
        let rest = &line[lead..];
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let name = rest[..end].to_ascii_lowercase();
        // A prefix of a command is still being typed: no colour yet, red only when nothing fits.
        let colour = if COMMANDS.contains(&name.as_str()) {
            COMMAND
        } else if COMMANDS.iter().any(|c| c.starts_with(&name)) {
            return line.to_string();
        } else {
            ERROR
        };
        return format!(
            "{}{colour}{}{RESET}{}",
            &line[..lead],
            &rest[..end],
            &rest[end..]
        );
    }
    let mut out = String::with_capacity(line.len() * 2);
    let mut depth = 0usize;
    for tok in tokens(line) {
        let text = &line[tok.start..tok.end];
        let colour = match tok.kind {
            TokenKind::Word if RESERVED.iter().any(|k| k.eq_ignore_ascii_case(text)) => KEYWORD,
            TokenKind::String { closed: true } => STRING,
            TokenKind::String { closed: false } | TokenKind::Comment { closed: false } => ERROR,
            TokenKind::Number => NUMBER,
            TokenKind::Comment { closed: true } => COMMENT,
            TokenKind::Punct('(' | '[' | '{') => {
                depth += 1;
                ""
            }
            TokenKind::Punct(')' | ']' | '}') if depth == 0 => ERROR,
            TokenKind::Punct(')' | ']' | '}') => {
                depth -= 1;
                ""
            }
            _ => "",
        };
        if colour.is_empty() {
            out.push_str(text);
        } else {
            out += &format!("{colour}{text}{RESET}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strip(s: &str) -> String {
        let mut out = String::new();
        let mut chars = s.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                for d in chars.by_ref() {
                    if d == 'm' {
                        break;
                    }
                }
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn colours_keep_the_text() {
        for line in [
            "MATCH (n {name: \"Kerry\"}) RETURN n // hi",
            ":load a b",
            ":nope",
            "RETURN 'open",
            "RETURN 1)",
        ] {
            assert_eq!(strip(&highlight(line)), line);
        }
    }

    #[test]
    fn colours_by_kind() {
        assert_eq!(
            highlight("match 'x' 1"),
            format!("{KEYWORD}match{RESET} {STRING}'x'{RESET} {NUMBER}1{RESET}")
        );
        assert_eq!(highlight("RETURN 1)").matches(ERROR).count(), 1);
        assert!(highlight(":nope x").starts_with(ERROR));
        assert!(highlight(":load x").starts_with(COMMAND));
        assert_eq!(
            highlight(":lo"),
            ":lo",
            "a prefix being typed is not an error"
        );
        assert!(
            highlight(":lo").starts_with(":lo"),
            "a prefix being typed is not an error"
        );
        assert!(highlight("RETURN 'open").contains(&format!("{ERROR}'open")));
    }
}
