//! Query errors of every step (parse, resolve, evaluate) and their rendering with a caret.
//!
//! Errors carry byte spans into the query text; only [`QueryError::render`] turns them into
//! `line:col` and a caret line. This module knows nothing of the graph.

/// A byte range in the query text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte (equal to `start` for a point).
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end`.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// A syntax error: what was expected and where.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct ParseError {
    /// Lowercase, says what was expected and what was found.
    pub message: String,
    /// Where the parser stopped.
    pub span: Span,
}

/// A meaning error found before anything runs.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    /// A variable used but never bound.
    #[error("unknown variable {name}{}", did_you_mean(.suggestion, ""))]
    UnknownVariable {
        /// The variable.
        name: String,
        /// Where it is used.
        span: Span,
        /// A close bound variable.
        suggestion: Option<String>,
    },
    /// A node label that is not an entity type.
    #[error("unknown label :{name}{}", did_you_mean(.suggestion, ":"))]
    UnknownLabel {
        /// The label.
        name: String,
        /// Where it is written.
        span: Span,
        /// The closest label.
        suggestion: Option<String>,
    },
    /// A relationship type that is not a relation.
    #[error("unknown relationship type :{name}{}", did_you_mean(.suggestion, ":"))]
    UnknownRelType {
        /// The type.
        name: String,
        /// Where it is written.
        span: Span,
        /// The closest type.
        suggestion: Option<String>,
    },
    /// A property that nodes or relationships do not have.
    #[error("unknown {kind} property {name}{}", did_you_mean(.suggestion, ""))]
    UnknownProperty {
        /// `node` or `relationship`.
        kind: &'static str,
        /// The property.
        name: String,
        /// Where it is written.
        span: Span,
        /// The closest property.
        suggestion: Option<String>,
    },
    /// A function that does not exist.
    #[error("unknown function {name}(){}", did_you_mean(.suggestion, ""))]
    UnknownFunction {
        /// The function name as written.
        name: String,
        /// Where it is written.
        span: Span,
        /// The closest function.
        suggestion: Option<String>,
    },
    /// A function called with the wrong number of arguments.
    #[error("{name}() expects {} argument{}, found {found}", arity(*.min, *.max), plural(*.max))]
    WrongArity {
        /// The function.
        name: String,
        /// Where it is called.
        span: Span,
        /// Fewest arguments.
        min: usize,
        /// Most arguments.
        max: usize,
        /// Arguments given.
        found: usize,
    },
    /// A `$param` with no value in the parameter map.
    #[error("missing parameter ${name}")]
    MissingParameter {
        /// The parameter.
        name: String,
        /// Where it is used.
        span: Span,
    },
    /// An aggregate where only row-by-row expressions may appear, or nested in another.
    #[error("aggregate {name}() is not allowed {place}")]
    MisplacedAggregate {
        /// The aggregate.
        name: String,
        /// Where it is called.
        span: Span,
        /// `in WHERE`, `inside another aggregate`...
        place: &'static str,
    },
    /// A variable reused as another kind (a node as a relationship).
    #[error("variable {name} is bound to a {was}, cannot use it as a {now}")]
    KindConflict {
        /// The variable.
        name: String,
        /// Where it is reused.
        span: Span,
        /// What it was.
        was: &'static str,
        /// What the new use needs.
        now: &'static str,
    },
    /// A new variable inside a pattern predicate in WHERE.
    #[error("pattern predicates cannot introduce new variables, found {name}")]
    NewVariableInPredicate {
        /// The variable.
        name: String,
        /// Where it is written.
        span: Span,
    },
    /// A WITH item that is not a plain variable and has no alias.
    #[error("expression in WITH must be aliased with AS, found {text}")]
    MissingAlias {
        /// The expression text.
        text: String,
    },
    /// `shortestPath` around something other than one relationship.
    #[error("{function} expects a pattern with exactly one relationship, found {found}")]
    BadShortestPath {
        /// `shortestPath` or `allShortestPaths`.
        function: &'static str,
        /// Relationships given.
        found: usize,
    },
}

impl ResolveError {
    /// Where the error points, when it points somewhere.
    pub fn span(&self) -> Option<Span> {
        use ResolveError::*;
        match self {
            UnknownVariable { span, .. }
            | UnknownLabel { span, .. }
            | UnknownRelType { span, .. }
            | UnknownProperty { span, .. }
            | UnknownFunction { span, .. }
            | WrongArity { span, .. }
            | MissingParameter { span, .. }
            | MisplacedAggregate { span, .. }
            | KindConflict { span, .. }
            | NewVariableInPredicate { span, .. } => Some(*span),
            MissingAlias { .. } | BadShortestPath { .. } => None,
        }
    }
}

/// An error while running a resolved query.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EvalError {
    /// The cancel flag was raised.
    #[error("query cancelled")]
    Cancelled,
    /// An operator applied to values it does not take.
    #[error("cannot apply {op} to {left} and {right}")]
    TypeMismatch {
        /// The operator.
        op: &'static str,
        /// Type of the left operand.
        left: &'static str,
        /// Type of the right operand.
        right: &'static str,
    },
    /// A function given an argument of the wrong type.
    #[error("{function}() expects {expected}, found {found}")]
    ArgumentType {
        /// The function.
        function: String,
        /// What it takes.
        expected: &'static str,
        /// The type given.
        found: &'static str,
    },
    /// A `=~` pattern that does not compile.
    #[error("invalid regular expression {pattern:?}: {message}")]
    InvalidRegex {
        /// The pattern.
        pattern: String,
        /// The regex crate's complaint, first line.
        message: String,
    },
    /// A property read from a value that has none.
    #[error("{found} has no property {key}")]
    PropertyOfValue {
        /// The property.
        key: String,
        /// The value's type.
        found: &'static str,
    },
    /// Integer arithmetic out of range.
    #[error("integer overflow in {op}")]
    Overflow {
        /// The operator.
        op: &'static str,
    },
    /// Integer division or modulo by zero.
    #[error("division by zero")]
    DivisionByZero,
    /// SKIP or LIMIT not given a non-negative integer.
    #[error("{clause} expects a non-negative integer, found {found}")]
    BadCount {
        /// `SKIP` or `LIMIT`.
        clause: &'static str,
        /// What was given.
        found: String,
    },
}

/// Any error of [`crate::query::run`], naming its step.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum QueryError {
    /// Syntax.
    #[error("parse: {0}")]
    Parse(#[from] ParseError),
    /// Meaning.
    #[error("resolve: {0}")]
    Resolve(#[from] ResolveError),
    /// Run time.
    #[error("evaluate: {0}")]
    Eval(#[from] EvalError),
}

impl QueryError {
    /// A multi-line message: `line:col`, the query line and a caret when the error has a span.
    pub fn render(&self, query_text: &str) -> String {
        let (kind, span) = match self {
            QueryError::Parse(e) => ("syntax error", Some(e.span)),
            QueryError::Resolve(e) => ("error", e.span()),
            QueryError::Eval(_) => ("error", None),
        };
        let message = match self {
            QueryError::Parse(e) => e.to_string(),
            QueryError::Resolve(e) => e.to_string(),
            QueryError::Eval(e) => e.to_string(),
        };
        match span {
            Some(span) => render_span(query_text, kind, &message, span),
            None => format!("{kind}: {message}"),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset);
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

fn floor_char_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

fn render_span(text: &str, kind: &str, message: &str, span: Span) -> String {
    let start = floor_char_boundary(text, span.start);
    let (line, col) = line_col(text, start);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
    let source = &text[line_start..line_end];
    let end = floor_char_boundary(text, span.end).clamp(start, line_end);
    let width = text[start..end].chars().count().max(1);
    let gutter = line.to_string();
    let pad = " ".repeat(gutter.len());
    format!(
        "{kind} at {line}:{col}: {message}\n{pad} |\n{gutter} | {source}\n{pad} | {}{}",
        " ".repeat(col - 1),
        "^".repeat(width)
    )
}

fn did_you_mean(suggestion: &Option<String>, prefix: &str) -> String {
    match suggestion {
        Some(s) => format!(" (did you mean {prefix}{s}?)"),
        None => String::new(),
    }
}

fn arity(min: usize, max: usize) -> String {
    match (min, max) {
        (a, b) if a == b => a.to_string(),
        (a, usize::MAX) => format!("at least {a}"),
        (a, b) => format!("{a} to {b}"),
    }
}

fn plural(max: usize) -> &'static str {
    if max == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncé d", 7), (2, 4));
        assert_eq!(line_col("abc", 0), (1, 1));
        assert_eq!(line_col("abc", 99), (1, 4));
    }

    #[test]
    fn renders_caret_under_span() {
        let error = QueryError::Resolve(ResolveError::UnknownLabel {
            name: "Persn".into(),
            span: Span::new(9, 14),
            suggestion: Some("Person".into()),
        });
        assert_eq!(
            error.render("MATCH (a:Persn) RETURN a"),
            "error at 1:10: unknown label :Persn (did you mean :Person?)\n  \
             |\n1 | MATCH (a:Persn) RETURN a\n  |          ^^^^^"
        );
    }

    #[test]
    fn renders_spanless_errors_on_one_line() {
        let error = QueryError::Eval(EvalError::DivisionByZero);
        assert_eq!(error.render("RETURN 1/0"), "error: division by zero");
        assert_eq!(error.to_string(), "evaluate: division by zero");
    }

    #[test]
    fn arity_messages() {
        let e = ResolveError::WrongArity {
            name: "size".into(),
            span: Span::default(),
            min: 1,
            max: 1,
            found: 2,
        };
        assert_eq!(e.to_string(), "size() expects 1 argument, found 2");
    }
}
