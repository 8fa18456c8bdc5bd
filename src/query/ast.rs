//! The query syntax tree, free of parser types; `Display` prints canonical query text.
//!
//! `parse(&q.to_string()) == Ok(q)` for every parsed `q`: equality ignores spans, and `Display`
//! adds the parentheses that precedence needs. This module knows nothing of the graph.

mod display;

use super::error::Span;

pub use display::write_string;

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
pub(crate) const PREC_NOT: u8 = 4;
/// Precedence of comparisons and `IS NULL`.
pub(crate) const PREC_COMPARE: u8 = 5;
/// Precedence of unary minus.
pub(crate) const PREC_NEG: u8 = 8;
/// Precedence of property access and indexing.
pub(crate) const PREC_POSTFIX: u8 = 9;
/// Precedence of atoms.
pub(crate) const PREC_ATOM: u8 = 10;

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
