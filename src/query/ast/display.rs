//! `Display` for the syntax tree: canonical query text that parses back to the same tree.

use super::*;
use std::fmt::{self, Display, Formatter};

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
