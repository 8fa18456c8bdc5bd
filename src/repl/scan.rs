//! A forgiving lexical scan of shell input: where strings, comments, words and brackets are.
//!
//! It never fails and never parses: the validator, the statement splitter, the highlighter and
//! the completer all need to know token boundaries in half-typed text that the query parser
//! would reject. It knows nothing of rustyline or the graph.

/// What a stretch of input is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    /// Spaces, tabs and newlines.
    Space,
    /// A name or keyword: letters, digits and `_`.
    Word,
    /// A number literal.
    Number,
    /// A `'...'` or `"..."` string; `closed` is false while the quote is still open.
    String {
        /// The closing quote was found.
        closed: bool,
    },
    /// A `` `...` `` quoted name.
    Quoted {
        /// The closing backtick was found.
        closed: bool,
    },
    /// A `// line` or `/* block */` comment.
    Comment {
        /// False for a block comment still open.
        closed: bool,
    },
    /// Any other single character (brackets, `;`, `:`, operators).
    Punct(char),
}

/// One token: its kind and byte range in the scanned text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: TokenKind,
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Token {
    /// True for tokens that carry no meaning (spaces and comments).
    pub fn is_trivia(&self) -> bool {
        matches!(self.kind, TokenKind::Space | TokenKind::Comment { .. })
    }
}

/// Whether the text typed so far can be run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputStatus {
    /// Run it: a `:command`, an empty line, or statements ending in `;`.
    Complete,
    /// Keep reading lines: no `;` yet, or a string, comment or bracket is still open.
    Incomplete,
}

/// Splits text into tokens covering every byte.
pub fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut pos = 0;
    while pos < text.len() {
        let c = text[pos..].chars().next().unwrap_or(' ');
        let (kind, end) = match c {
            c if c.is_whitespace() => {
                (TokenKind::Space, take_while(text, pos, char::is_whitespace))
            }
            '/' if bytes.get(pos + 1) == Some(&b'/') => {
                let end = text[pos..].find('\n').map_or(text.len(), |i| pos + i);
                (TokenKind::Comment { closed: true }, end)
            }
            '/' if bytes.get(pos + 1) == Some(&b'*') => match text[pos + 2..].find("*/") {
                Some(i) => (TokenKind::Comment { closed: true }, pos + 2 + i + 2),
                None => (TokenKind::Comment { closed: false }, text.len()),
            },
            '"' | '\'' => {
                let (closed, end) = string_end(text, pos, c);
                (TokenKind::String { closed }, end)
            }
            '`' => match text[pos + 1..].find('`') {
                Some(i) => (TokenKind::Quoted { closed: true }, pos + 1 + i + 1),
                None => (TokenKind::Quoted { closed: false }, text.len()),
            },
            c if c.is_ascii_digit() => (TokenKind::Number, take_while(text, pos, is_word_char)),
            c if is_word_char(c) => (TokenKind::Word, take_while(text, pos, is_word_char)),
            c => (TokenKind::Punct(c), pos + c.len_utf8()),
        };
        out.push(Token {
            kind,
            start: pos,
            end,
        });
        pos = end;
    }
    out
}

/// True for characters that make up names.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether `text` is ready to run. `:commands` are one line; statements need a final `;`
/// outside strings and comments, with every bracket closed.
pub fn input_status(text: &str) -> InputStatus {
    let trimmed = text.trim_start();
    if trimmed.is_empty() || trimmed.starts_with(':') {
        return InputStatus::Complete;
    }
    let toks = tokens(text);
    let mut depth: i64 = 0;
    for tok in &toks {
        match tok.kind {
            TokenKind::String { closed: false }
            | TokenKind::Quoted { closed: false }
            | TokenKind::Comment { closed: false } => return InputStatus::Incomplete,
            TokenKind::Punct('(' | '[' | '{') => depth += 1,
            TokenKind::Punct(')' | ']' | '}') => depth -= 1,
            _ => {}
        }
    }
    let last = toks.iter().rev().find(|t| !t.is_trivia());
    match last {
        // Only comments so far: nothing to run, submit so the prompt comes back.
        None => InputStatus::Complete,
        Some(t) if t.kind == TokenKind::Punct(';') && depth <= 0 => InputStatus::Complete,
        Some(_) => InputStatus::Incomplete,
    }
}

/// The statements in `text`, split at `;` outside strings and comments, each with its byte
/// offset. Pieces holding only spaces and comments are dropped; the `;` is not included.
pub fn split_statements(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut meaningful = false;
    for tok in tokens(text) {
        if tok.kind == TokenKind::Punct(';') {
            if meaningful {
                out.push((start, &text[start..tok.start]));
            }
            start = tok.end;
            meaningful = false;
        } else if !tok.is_trivia() {
            meaningful = true;
        }
    }
    if meaningful {
        out.push((start, &text[start..]));
    }
    out
}

/// One thing a script asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScriptItem {
    /// A `:command` line.
    Command(String),
    /// A statement (without its `;`).
    Statement(String),
}

/// A script cut into commands and statements, each with its 1-based starting line.
///
/// A line starting with `:` between statements is a command; anything else is gathered until
/// [`input_status`] says it is complete. A last statement without `;` is still run.
pub fn script_items(text: &str) -> Vec<(usize, ScriptItem)> {
    let mut reader = ScriptReader::default();
    let mut items = Vec::new();
    for line in text.lines() {
        items.extend(reader.push_line(line));
    }
    items.extend(reader.finish());
    items
}

/// [`script_items`] one line at a time, so a pipe runs each statement as soon as it is complete.
#[derive(Debug, Default)]
pub struct ScriptReader {
    pending: String,
    pending_line: usize,
    lines_read: usize,
}

impl ScriptReader {
    /// Takes the next line (without its newline) and returns the items it completes.
    pub fn push_line(&mut self, line: &str) -> Vec<(usize, ScriptItem)> {
        self.lines_read += 1;
        let mut items = Vec::new();
        let blank = split_statements(&self.pending).is_empty();
        if blank && line.trim_start().starts_with(':') {
            items.push((
                self.lines_read,
                ScriptItem::Command(line.trim().to_string()),
            ));
            self.pending.clear();
            return items;
        }
        if blank {
            self.pending.clear();
            self.pending_line = self.lines_read;
        }
        self.pending.push_str(line);
        self.pending.push('\n');
        if input_status(&self.pending) == InputStatus::Complete {
            flush_statements(&self.pending, self.pending_line, &mut items);
            self.pending.clear();
        }
        items
    }

    /// The statement left at the end of input, run even without its `;`.
    pub fn finish(&mut self) -> Vec<(usize, ScriptItem)> {
        let mut items = Vec::new();
        flush_statements(&self.pending, self.pending_line, &mut items);
        self.pending.clear();
        items
    }
}

fn flush_statements(text: &str, first_line: usize, items: &mut Vec<(usize, ScriptItem)>) {
    for (offset, statement) in split_statements(text) {
        let lead = statement.len() - statement.trim_start().len();
        let line = first_line + text[..offset + lead].matches('\n').count();
        items.push((line, ScriptItem::Statement(statement.trim().to_string())));
    }
}

fn take_while(text: &str, start: usize, keep: impl Fn(char) -> bool) -> usize {
    text[start..]
        .char_indices()
        .find(|&(_, c)| !keep(c))
        .map_or(text.len(), |(i, _)| start + i)
}

/// End of a string starting at `start` with `quote`; backslash escapes the next character.
fn string_end(text: &str, start: usize, quote: char) -> (bool, usize) {
    let mut escaped = false;
    for (i, c) in text[start + 1..].char_indices() {
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == quote {
            return (true, start + 1 + i + 1);
        }
    }
    (false, text.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use InputStatus::{Complete, Incomplete};

    #[test]
    fn input_status_table() {
        let cases = [
            ("", Complete),
            ("   \n", Complete),
            (":help", Complete),
            ("  :load a b", Complete),
            ("MATCH (n)", Incomplete),
            ("MATCH (n) RETURN n;", Complete),
            ("MATCH (n) RETURN n;  ", Complete),
            ("MATCH (n)\nRETURN n\n;", Complete),
            ("MATCH (n) RETURN n; // done", Complete),
            ("MATCH (n {name: \"a;\"", Incomplete),
            ("RETURN 'it''s';", Complete),
            ("RETURN \"open;", Incomplete),
            ("RETURN \"esc \\\" still open;", Incomplete),
            ("RETURN 1 /* open;", Incomplete),
            ("MATCH (n WHERE n.x = 1;", Incomplete),
            ("MATCH (n)) RETURN n;", Complete),
            ("// only a comment", Complete),
            ("RETURN `odd;", Incomplete),
        ];
        for (input, expected) in cases {
            assert_eq!(input_status(input), expected, "input: {input:?}");
        }
    }

    #[test]
    fn splits_statements_outside_strings() {
        let text = "RETURN 1; RETURN ';' AS s;\n// c\n;RETURN 2";
        let got: Vec<&str> = split_statements(text).into_iter().map(|(_, s)| s).collect();
        assert_eq!(got, vec!["RETURN 1", " RETURN ';' AS s", "RETURN 2"]);
    }

    #[test]
    fn script_items_mixes_commands_and_statements() {
        let script = "// who met whom\n:format csv\nMATCH (a)\nRETURN a;\n\n:timing on\nRETURN 1; RETURN 2;\nRETURN 3\n";
        let got = script_items(script);
        let want = vec![
            (2, ScriptItem::Command(":format csv".into())),
            (3, ScriptItem::Statement("MATCH (a)\nRETURN a".into())),
            (6, ScriptItem::Command(":timing on".into())),
            (7, ScriptItem::Statement("RETURN 1".into())),
            (7, ScriptItem::Statement("RETURN 2".into())),
            (8, ScriptItem::Statement("RETURN 3".into())),
        ];
        assert_eq!(got, want);
    }

    #[test]
    fn a_colon_inside_a_statement_is_not_a_command() {
        let got = script_items("MATCH (a\n:Person) RETURN a;\n");
        assert_eq!(
            got,
            vec![(
                1,
                ScriptItem::Statement("MATCH (a\n:Person) RETURN a".into())
            )]
        );
    }

    #[test]
    fn tokens_cover_every_byte() {
        let text = "MATCH (n:Person {name: \"Zé\"}) // x\nRETURN n.name, 1.5;";
        let toks = tokens(text);
        let mut pos = 0;
        for t in &toks {
            assert_eq!(t.start, pos);
            pos = t.end;
        }
        assert_eq!(pos, text.len());
        assert!(
            toks.iter()
                .any(|t| t.kind == TokenKind::String { closed: true })
        );
    }
}
