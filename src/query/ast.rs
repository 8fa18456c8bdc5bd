//! The query syntax tree, free of parser types; `Display` prints canonical query text.
//!
//! `parse(&q.to_string()) == Ok(q)` for every parsed `q`: equality ignores spans, and `Display`
//! adds the parentheses that precedence needs. This module knows nothing of the graph.

use super::error::Span;
use std::fmt::{self, Display, Formatter};

/// A whole query: clauses, the last one a RETURN.
#[derive(Debug, Clone, PartialEq)]
pub struct Query {
    /// In order.
    pub clauses: Vec<Clause>,
}

/// One clause.
#[derive(Debug, Clone, PartialEq)]
pub enum Clause {
    /// `[OPTIONAL] MATCH patterns [WHERE expr]`.
    Match(Match),
    /// `WITH projection [WHERE expr]`.
    With(With),
    /// `UNWIND expr AS var`.
    Unwind(Unwind),
    /// `RETURN projection`.
    Return(Projection),
}

/// A MATCH clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    /// OPTIONAL MATCH keeps rows with no match, binding nulls.
    pub optional: bool,
    /// Comma-separated patterns.
    pub patterns: Vec<Pattern>,
    /// The filter.
    pub where_: Option<Expr>,
}

/// A WITH clause.
#[derive(Debug, Clone, PartialEq)]
pub struct With {
    /// What is carried on.
    pub projection: Projection,
    /// A filter on the projected rows.
    pub where_: Option<Expr>,
}

/// An UNWIND clause.
#[derive(Debug, Clone, PartialEq)]
pub struct Unwind {
    /// The list.
    pub expr: Expr,
    /// The variable bound to each element.
    pub var: Ident,
}

/// The body of RETURN and WITH.
#[derive(Debug, Clone, PartialEq)]
pub struct Projection {
    /// `DISTINCT`.
    pub distinct: bool,
    /// `*`: every variable in scope, before `items`.
    pub star: bool,
    /// The items.
    pub items: Vec<ReturnItem>,
    /// `ORDER BY`.
    pub order: Vec<SortItem>,
    /// `SKIP`.
    pub skip: Option<Expr>,
    /// `LIMIT`.
    pub limit: Option<Expr>,
}

/// `expr [AS alias]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ReturnItem {
    /// The value.
    pub expr: Expr,
    /// The column name.
    pub alias: Option<Ident>,
}

/// `expr [ASC|DESC]`.
#[derive(Debug, Clone, PartialEq)]
pub struct SortItem {
    /// The key.
    pub expr: Expr,
    /// `DESC`.
    pub descending: bool,
}

/// A path pattern, maybe named, maybe a shortest-path search.
#[derive(Debug, Clone, PartialEq)]
pub struct Pattern {
    /// `p = ...`.
    pub path_var: Option<Ident>,
    /// Plain, `shortestPath` or `allShortestPaths`.
    pub kind: PathKind,
    /// The nodes and relationships.
    pub chain: Chain,
}

/// How a pattern matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathKind {
    /// Every match.
    Plain,
    /// One shortest path per pair of ends.
    Shortest,
    /// Every shortest path per pair of ends.
    AllShortest,
}

/// `node (rel node)*`.
#[derive(Debug, Clone, PartialEq)]
pub struct Chain {
    /// The first node.
    pub start: NodePattern,
    /// Each hop and the node it reaches.
    pub steps: Vec<(RelPattern, NodePattern)>,
}

/// `(var:Label {key: expr})`.
#[derive(Debug, Clone, PartialEq)]
pub struct NodePattern {
    /// The variable.
    pub var: Option<Ident>,
    /// Labels, all required.
    pub labels: Vec<Ident>,
    /// Inline property equalities.
    pub props: Vec<(Ident, Expr)>,
}

/// `-[var:TYPE|TYPE *min..max {key: expr}]->`.
#[derive(Debug, Clone, PartialEq)]
pub struct RelPattern {
    /// The variable.
    pub var: Option<Ident>,
    /// Allowed types; empty allows all.
    pub types: Vec<Ident>,
    /// Arrow direction.
    pub direction: Direction,
    /// Variable length.
    pub range: Option<Range>,
    /// Inline property equalities.
    pub props: Vec<(Ident, Expr)>,
}

/// Which way a relationship pattern points, read left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// `->`.
    Right,
    /// `<-`.
    Left,
    /// `-`.
    Both,
}

/// `*`, `*n`, `*min..max` with either bound optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Range {
    /// The lower bound, or the exact length when `dots` is false.
    pub min: Option<u32>,
    /// The upper bound.
    pub max: Option<u32>,
    /// Written with `..`.
    pub dots: bool,
}

/// An identifier with where it was written; equality ignores the span.
#[derive(Debug, Clone, Eq)]
pub struct Ident {
    /// The name, unquoted.
    pub name: String,
    /// Where it was written.
    pub span: Span,
}

impl PartialEq for Ident {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Ident {
    /// An identifier with an empty span, for building trees by hand.
    pub fn new(name: &str) -> Self {
        Ident {
            name: name.to_string(),
            span: Span::default(),
        }
    }
}

/// A literal constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    /// `null`.
    Null,
    /// `true`, `false`.
    Bool(bool),
    /// `42`.
    Int(i64),
    /// `4.2`.
    Float(f64),
    /// `"text"`.
    String(String),
}

/// An expression.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A constant.
    Literal(Literal),
    /// `$name`.
    Param(Ident),
    /// A variable.
    Var(Ident),
    /// `[a, b]`.
    List(Vec<Expr>),
    /// `{key: value}`.
    Map(Vec<(Ident, Expr)>),
    /// `expr.key`.
    Property(Box<Expr>, Ident),
    /// `expr[index]`.
    Index(Box<Expr>, Box<Expr>),
    /// `NOT x`, `-x`.
    Unary(UnaryOp, Box<Expr>),
    /// `a op b`.
    Binary(BinaryOp, Box<Expr>, Box<Expr>),
    /// `x IS NULL` (false) or `x IS NOT NULL` (true).
    IsNull(Box<Expr>, bool),
    /// `name([DISTINCT] args)`.
    Call {
        /// The function name as written.
        name: Ident,
        /// `DISTINCT`, for aggregates.
        distinct: bool,
        /// The arguments.
        args: Vec<Expr>,
    },
    /// `count(*)`; the identifier is always `count`, spanning the whole call.
    CountStar(Ident),
    /// A pattern used as a predicate: true when it matches.
    Pattern(Box<Chain>),
}

/// Prefix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnaryOp {
    /// `NOT`.
    Not,
    /// `-`.
    Neg,
}

/// Infix operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryOp {
    /// `OR`.
    Or,
    /// `XOR`.
    Xor,
    /// `AND`.
    And,
    /// `=`.
    Eq,
    /// `<>`.
    Ne,
    /// `<`.
    Lt,
    /// `>`.
    Gt,
    /// `<=`.
    Le,
    /// `>=`.
    Ge,
    /// `=~`.
    Regex,
    /// `IN`.
    In,
    /// `STARTS WITH`.
    StartsWith,
    /// `ENDS WITH`.
    EndsWith,
    /// `CONTAINS`.
    Contains,
    /// `+`.
    Add,
    /// `-`.
    Sub,
    /// `*`.
    Mul,
    /// `/`.
    Div,
    /// `%`.
    Mod,
}

impl BinaryOp {
    /// The operator as written.
    pub fn as_str(self) -> &'static str {
        use BinaryOp::*;
        match self {
            Or => "OR",
            Xor => "XOR",
            And => "AND",
            Eq => "=",
            Ne => "<>",
            Lt => "<",
            Gt => ">",
            Le => "<=",
            Ge => ">=",
            Regex => "=~",
            In => "IN",
            StartsWith => "STARTS WITH",
            EndsWith => "ENDS WITH",
            Contains => "CONTAINS",
            Add => "+",
            Sub => "-",
            Mul => "*",
            Div => "/",
            Mod => "%",
        }
    }

    /// Binding strength: higher binds tighter.
    pub fn precedence(self) -> u8 {
        use BinaryOp::*;
        match self {
            Or => 1,
            Xor => 2,
            And => 3,
            Eq | Ne | Lt | Gt | Le | Ge | Regex | In | StartsWith | EndsWith | Contains => 5,
            Add | Sub => 6,
            Mul | Div | Mod => 7,
        }
    }
}

/// Precedence of `NOT`.
const PREC_NOT: u8 = 4;
/// Precedence of comparisons and `IS NULL`.
const PREC_COMPARE: u8 = 5;
/// Precedence of unary minus.
const PREC_NEG: u8 = 8;
/// Precedence of property access and indexing.
const PREC_POSTFIX: u8 = 9;
/// Precedence of atoms.
const PREC_ATOM: u8 = 10;

impl Expr {
    /// Binding strength of the expression's outermost operator.
    pub fn precedence(&self) -> u8 {
        match self {
            Expr::Binary(op, _, _) => op.precedence(),
            Expr::Unary(UnaryOp::Not, _) => PREC_NOT,
            Expr::Unary(UnaryOp::Neg, _) => PREC_NEG,
            Expr::IsNull(..) => PREC_COMPARE,
            Expr::Property(..) | Expr::Index(..) => PREC_POSTFIX,
            _ => PREC_ATOM,
        }
    }
}

/// Words that cannot be bare variable names; they print in backticks.
pub const RESERVED: [&str; 33] = [
    "MATCH",
    "OPTIONAL",
    "WHERE",
    "RETURN",
    "WITH",
    "UNWIND",
    "AS",
    "AND",
    "OR",
    "XOR",
    "NOT",
    "IN",
    "IS",
    "NULL",
    "TRUE",
    "FALSE",
    "ORDER",
    "BY",
    "SKIP",
    "LIMIT",
    "DISTINCT",
    "ASC",
    "DESC",
    "ASCENDING",
    "DESCENDING",
    "STARTS",
    "ENDS",
    "CONTAINS",
    "CREATE",
    "DELETE",
    "SET",
    "MERGE",
    "REMOVE",
];

/// True for a word that needs no backticks.
pub fn is_plain_ident(name: &str) -> bool {
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_alphabetic() || c == '_');
    first_ok
        && name.chars().all(|c| c.is_alphanumeric() || c == '_')
        && !RESERVED.iter().any(|r| r.eq_ignore_ascii_case(name))
}

impl Display for Ident {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if is_plain_ident(&self.name) {
            f.write_str(&self.name)
        } else {
            write!(f, "`{}`", self.name.replace('`', "``"))
        }
    }
}

impl Display for Query {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write_joined(f, &self.clauses, " ")
    }
}

impl Display for Clause {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Clause::Match(m) => {
                let optional = if m.optional { "OPTIONAL " } else { "" };
                write!(f, "{optional}MATCH ")?;
                write_joined(f, &m.patterns, ", ")?;
                write_where(f, &m.where_)
            }
            Clause::With(w) => {
                write!(f, "WITH {}", w.projection)?;
                write_where(f, &w.where_)
            }
            Clause::Unwind(u) => write!(f, "UNWIND {} AS {}", u.expr, u.var),
            Clause::Return(p) => write!(f, "RETURN {p}"),
        }
    }
}

fn write_where(f: &mut Formatter<'_>, where_: &Option<Expr>) -> fmt::Result {
    match where_ {
        Some(e) => write!(f, " WHERE {e}"),
        None => Ok(()),
    }
}

fn write_joined<T: Display>(f: &mut Formatter<'_>, items: &[T], sep: &str) -> fmt::Result {
    for (n, item) in items.iter().enumerate() {
        if n > 0 {
            f.write_str(sep)?;
        }
        write!(f, "{item}")?;
    }
    Ok(())
}

impl Display for Projection {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if self.distinct {
            f.write_str("DISTINCT ")?;
        }
        if self.star {
            f.write_str("*")?;
            if !self.items.is_empty() {
                f.write_str(", ")?;
            }
        }
        write_joined(f, &self.items, ", ")?;
        if !self.order.is_empty() {
            f.write_str(" ORDER BY ")?;
            write_joined(f, &self.order, ", ")?;
        }
        if let Some(skip) = &self.skip {
            write!(f, " SKIP {skip}")?;
        }
        if let Some(limit) = &self.limit {
            write!(f, " LIMIT {limit}")?;
        }
        Ok(())
    }
}

impl Display for ReturnItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.expr)?;
        match &self.alias {
            Some(alias) => write!(f, " AS {alias}"),
            None => Ok(()),
        }
    }
}

impl Display for SortItem {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        let dir = if self.descending { " DESC" } else { "" };
        write!(f, "{}{dir}", self.expr)
    }
}

impl Display for Pattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        if let Some(var) = &self.path_var {
            write!(f, "{var} = ")?;
        }
        match self.kind {
            PathKind::Plain => write!(f, "{}", self.chain),
            PathKind::Shortest => write!(f, "shortestPath({})", self.chain),
            PathKind::AllShortest => write!(f, "allShortestPaths({})", self.chain),
        }
    }
}

impl Display for Chain {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.start)?;
        for (rel, node) in &self.steps {
            write!(f, "{rel}{node}")?;
        }
        Ok(())
    }
}

impl Display for NodePattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("(")?;
        if let Some(var) = &self.var {
            write!(f, "{var}")?;
        }
        for label in &self.labels {
            write!(f, ":{label}")?;
        }
        if !self.props.is_empty() {
            let gap = if self.var.is_some() || !self.labels.is_empty() {
                " "
            } else {
                ""
            };
            write!(f, "{gap}")?;
            write_map(f, &self.props)?;
        }
        f.write_str(")")
    }
}

impl Display for RelPattern {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str(if self.direction == Direction::Left {
            "<-"
        } else {
            "-"
        })?;
        let detail = self.var.is_some()
            || !self.types.is_empty()
            || self.range.is_some()
            || !self.props.is_empty();
        if detail {
            f.write_str("[")?;
            if let Some(var) = &self.var {
                write!(f, "{var}")?;
            }
            if !self.types.is_empty() {
                f.write_str(":")?;
                write_joined(f, &self.types, "|")?;
            }
            if let Some(range) = &self.range {
                write!(f, "{range}")?;
            }
            if !self.props.is_empty() {
                f.write_str(" ")?;
                write_map(f, &self.props)?;
            }
            f.write_str("]")?;
        }
        f.write_str(if self.direction == Direction::Right {
            "->"
        } else {
            "-"
        })
    }
}

impl Display for Range {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        f.write_str("*")?;
        if let Some(min) = self.min {
            write!(f, "{min}")?;
        }
        if self.dots {
            f.write_str("..")?;
        }
        if let Some(max) = self.max {
            write!(f, "{max}")?;
        }
        Ok(())
    }
}

fn write_map(f: &mut Formatter<'_>, entries: &[(Ident, Expr)]) -> fmt::Result {
    f.write_str("{")?;
    for (n, (key, value)) in entries.iter().enumerate() {
        let sep = if n > 0 { ", " } else { "" };
        write!(f, "{sep}{key}: {value}")?;
    }
    f.write_str("}")
}

impl Display for Literal {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Literal::Null => f.write_str("null"),
            Literal::Bool(b) => write!(f, "{b}"),
            Literal::Int(n) => write!(f, "{n}"),
            Literal::Float(x) => write!(f, "{x:?}"),
            Literal::String(s) => write_string(f, s),
        }
    }
}

/// Writes a double-quoted string literal with escapes.
pub fn write_string(f: &mut impl fmt::Write, s: &str) -> fmt::Result {
    f.write_char('"')?;
    for c in s.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if c.is_control() => write!(f, "\\u{:04x}", c as u32)?,
            c => f.write_char(c)?,
        }
    }
    f.write_char('"')
}

impl Display for Expr {
    fn fmt(&self, f: &mut Formatter<'_>) -> fmt::Result {
        match self {
            Expr::Literal(lit) => write!(f, "{lit}"),
            Expr::Param(name) => write!(f, "${name}"),
            Expr::Var(name) => write!(f, "{name}"),
            Expr::List(items) => {
                f.write_str("[")?;
                write_joined(f, items, ", ")?;
                f.write_str("]")
            }
            Expr::Map(entries) => write_map(f, entries),
            Expr::Property(base, key) => {
                write_operand(f, base, PREC_POSTFIX)?;
                write!(f, ".{key}")
            }
            Expr::Index(base, index) => {
                write_operand(f, base, PREC_POSTFIX)?;
                write!(f, "[{index}]")
            }
            Expr::Unary(UnaryOp::Not, e) => {
                f.write_str("NOT ")?;
                write_operand(f, e, PREC_NOT)
            }
            Expr::Unary(UnaryOp::Neg, e) => {
                f.write_str("-")?;
                write_operand(f, e, PREC_NEG)
            }
            Expr::Binary(op, l, r) => {
                write_operand(f, l, op.precedence())?;
                write!(f, " {} ", op.as_str())?;
                write_operand(f, r, op.precedence() + 1)
            }
            Expr::IsNull(e, negated) => {
                write_operand(f, e, PREC_COMPARE)?;
                f.write_str(if *negated { " IS NOT NULL" } else { " IS NULL" })
            }
            Expr::Call {
                name,
                distinct,
                args,
            } => {
                write!(f, "{name}(")?;
                if *distinct {
                    f.write_str("DISTINCT ")?;
                }
                write_joined(f, args, ", ")?;
                f.write_str(")")
            }
            Expr::CountStar(_) => f.write_str("count(*)"),
            Expr::Pattern(chain) => write!(f, "{chain}"),
        }
    }
}

/// Writes `e`, in parentheses when it binds looser than `min`.
fn write_operand(f: &mut Formatter<'_>, e: &Expr, min: u8) -> fmt::Result {
    if e.precedence() < min {
        write!(f, "({e})")
    } else {
        write!(f, "{e}")
    }
}
