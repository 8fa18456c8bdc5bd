//! Grammar rules for expressions: precedence levels, atoms and literals.

use super::clause::{chain, node_pattern};
use super::{
    DepthGuard, PErr, PResult, backtrack, deeper, expect, expect_close, fail_message, keyword,
    name, nested, span_between, sym, variable, ws,
};
use crate::query::ast::*;
use nom::branch::alt;
use nom::bytes::complete::tag;
use nom::character::complete::digit1;
use nom::combinator::{opt, recognize};
use nom::{Err, Parser};

/// expr = or_expr
pub(crate) fn expr(i: &str) -> PResult<'_, Expr> {
    nested(i, or_expr)
}

/// A rule that reads one binary operator.
type OpRule = fn(&str) -> PResult<'_, BinaryOp>;

/// Parses `operand { op operand }`, left-associative; each operator nests one level deeper.
fn left_assoc<'a>(
    i: &'a str,
    operand: fn(&'a str) -> PResult<'a, Expr>,
    op: OpRule,
) -> PResult<'a, Expr> {
    let (mut i, mut lhs) = operand(i)?;
    let mut guards: Vec<DepthGuard> = Vec::new();
    while let Ok((rest, op)) = op(i) {
        guards.push(deeper(rest)?);
        let what = format!("an expression after {}", op.as_str());
        let (rest, rhs) = expect(&what, operand).parse(rest)?;
        lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs));
        i = rest;
    }
    Ok((i, lhs))
}

/// or_expr = xor_expr { "OR" xor_expr }
fn or_expr(i: &str) -> PResult<'_, Expr> {
    left_assoc(i, xor_expr, |i| {
        keyword("OR").map(|_| BinaryOp::Or).parse(i)
    })
}

/// xor_expr = and_expr { "XOR" and_expr }
fn xor_expr(i: &str) -> PResult<'_, Expr> {
    left_assoc(i, and_expr, |i| {
        keyword("XOR").map(|_| BinaryOp::Xor).parse(i)
    })
}

/// and_expr = not_expr { "AND" not_expr }
fn and_expr(i: &str) -> PResult<'_, Expr> {
    left_assoc(i, not_expr, |i| {
        keyword("AND").map(|_| BinaryOp::And).parse(i)
    })
}

/// not_expr = "NOT" not_expr | comparison
fn not_expr(i: &str) -> PResult<'_, Expr> {
    match keyword("NOT").parse(i) {
        Ok((rest, _)) => {
            let (rest, e) = nested(rest, |r| {
                expect("an expression after NOT", not_expr).parse(r)
            })?;
            Ok((rest, Expr::Unary(UnaryOp::Not, Box::new(e))))
        }
        Err(_) => comparison(i),
    }
}

/// comparison = add_expr { compare_op add_expr | "IS" ["NOT"] "NULL" }
fn comparison(i: &str) -> PResult<'_, Expr> {
    let (mut i, mut lhs) = add_expr(i)?;
    let mut guards: Vec<DepthGuard> = Vec::new();
    loop {
        if let Ok((rest, _)) = keyword("IS").parse(i) {
            guards.push(deeper(rest)?);
            let (rest, negated) = opt(keyword("NOT")).parse(rest)?;
            let (rest, _) = expect("NULL after IS", keyword("NULL")).parse(rest)?;
            lhs = Expr::IsNull(Box::new(lhs), negated.is_some());
            i = rest;
            continue;
        }
        let Ok((rest, op)) = compare_op(i) else {
            return Ok((i, lhs));
        };
        guards.push(deeper(rest)?);
        let what = format!("an expression after {}", op.as_str());
        let (rest, rhs) = expect(&what, add_expr).parse(rest)?;
        lhs = Expr::Binary(op, Box::new(lhs), Box::new(rhs));
        i = rest;
    }
}

/// compare_op = "=~" | "<>" | "<=" | ">=" | "=" | "<" | ">" | "IN"
///            | "STARTS" "WITH" | "ENDS" "WITH" | "CONTAINS"
fn compare_op(i: &str) -> PResult<'_, BinaryOp> {
    let symbols = alt((
        sym("=~").map(|_| BinaryOp::Regex),
        sym("<>").map(|_| BinaryOp::Ne),
        sym("<=").map(|_| BinaryOp::Le),
        sym(">=").map(|_| BinaryOp::Ge),
        sym("=").map(|_| BinaryOp::Eq),
        sym("<").map(|_| BinaryOp::Lt),
        sym(">").map(|_| BinaryOp::Gt),
    ));
    let words = alt((
        keyword("IN").map(|_| BinaryOp::In),
        keyword("CONTAINS").map(|_| BinaryOp::Contains),
        (
            keyword("STARTS"),
            expect("WITH after STARTS", keyword("WITH")),
        )
            .map(|_| BinaryOp::StartsWith),
        (keyword("ENDS"), expect("WITH after ENDS", keyword("WITH"))).map(|_| BinaryOp::EndsWith),
    ));
    alt((symbols, words)).parse(i)
}

/// add_expr = mul_expr { ("+" | "-") mul_expr }
fn add_expr(i: &str) -> PResult<'_, Expr> {
    left_assoc(i, mul_expr, |i| {
        alt((
            sym("+").map(|_| BinaryOp::Add),
            sym("-").map(|_| BinaryOp::Sub),
        ))
        .parse(i)
    })
}

/// mul_expr = unary_expr { ("*" | "/" | "%") unary_expr }
fn mul_expr(i: &str) -> PResult<'_, Expr> {
    left_assoc(i, unary_expr, |i| {
        alt((
            sym("*").map(|_| BinaryOp::Mul),
            sym("/").map(|_| BinaryOp::Div),
            sym("%").map(|_| BinaryOp::Mod),
        ))
        .parse(i)
    })
}

/// unary_expr = ("-" | "+") unary_expr | postfix_expr
fn unary_expr(i: &str) -> PResult<'_, Expr> {
    if let Ok((rest, _)) = sym("-").parse(i) {
        let (rest, e) = nested(rest, |r| {
            expect("an expression after '-'", unary_expr).parse(r)
        })?;
        return Ok((rest, Expr::Unary(UnaryOp::Neg, Box::new(e))));
    }
    if let Ok((rest, _)) = sym("+").parse(i) {
        return nested(rest, |r| {
            expect("an expression after '+'", unary_expr).parse(r)
        });
    }
    postfix_expr(i)
}

/// postfix_expr = atom { "." name | "[" expr "]" }
fn postfix_expr(i: &str) -> PResult<'_, Expr> {
    let (mut i, mut e) = atom(i)?;
    let mut guards: Vec<DepthGuard> = Vec::new();
    loop {
        if let Ok((rest, _)) = sym(".").parse(i) {
            guards.push(deeper(rest)?);
            let (rest, key) = expect("a property name after '.'", name).parse(rest)?;
            e = Expr::Property(Box::new(e), key);
            i = rest;
        } else if let Ok((rest, _)) = sym("[").parse(i) {
            guards.push(deeper(rest)?);
            let opened = ws(i)?.0;
            let (rest, index) = expect("an index expression", expr).parse(rest)?;
            let (rest, _) = expect_close("]", "the index", opened).parse(rest)?;
            e = Expr::Index(Box::new(e), Box::new(index));
            i = rest;
        } else {
            return Ok((i, e));
        }
    }
}

/// atom = literal | parameter | list | map_literal | "count" "(" "*" ")" | call
///      | pattern_predicate | "(" expr ")" | variable
fn atom(i: &str) -> PResult<'_, Expr> {
    alt((
        literal.map(Expr::Literal),
        parameter,
        list,
        map_literal.map(Expr::Map),
        count_star,
        call,
        pattern_predicate,
        parenthesized,
        variable.map(Expr::Var),
    ))
    .parse(i)
}

/// parameter = "$" name
fn parameter(i: &str) -> PResult<'_, Expr> {
    let (i, _) = sym("$").parse(i)?;
    let (i, name) = expect("a parameter name after '$'", name).parse(i)?;
    Ok((i, Expr::Param(name)))
}

/// list = "[" [expr { "," expr }] "]"
fn list(i: &str) -> PResult<'_, Expr> {
    let (i, _) = ws(i)?;
    let opened = i;
    let (i, _) = sym("[").parse(i)?;
    nested(i, |i| {
        let (mut i, first) = opt(expr).parse(i)?;
        let mut items: Vec<Expr> = first.into_iter().collect();
        while !items.is_empty() {
            let Ok((rest, _)) = sym(",").parse(i) else {
                break;
            };
            let (rest, item) = expect("an expression after ','", expr).parse(rest)?;
            items.push(item);
            i = rest;
        }
        let (i, _) = expect_close("]", "the list", opened).parse(i)?;
        Ok((i, Expr::List(items)))
    })
}

/// map_literal = "{" [name ":" expr { "," name ":" expr }] "}"
pub(crate) fn map_literal(i: &str) -> PResult<'_, Vec<(Ident, Expr)>> {
    let (i, _) = ws(i)?;
    let opened = i;
    let (i, _) = sym("{").parse(i)?;
    nested(i, |i| {
        let (mut i, first) = opt(map_entry).parse(i)?;
        let mut entries: Vec<(Ident, Expr)> = first.into_iter().collect();
        while !entries.is_empty() {
            let Ok((rest, _)) = sym(",").parse(i) else {
                break;
            };
            let (rest, entry) = expect("a property name after ','", map_entry).parse(rest)?;
            entries.push(entry);
            i = rest;
        }
        let (i, _) = expect_close("}", "the map", opened).parse(i)?;
        Ok((i, entries))
    })
}

/// map_entry = name ":" expr
fn map_entry(i: &str) -> PResult<'_, (Ident, Expr)> {
    let (i, key) = name(i)?;
    let (i, _) = expect("':' after the property name", sym(":")).parse(i)?;
    let (i, value) = expect("a value after ':'", expr).parse(i)?;
    Ok((i, (key, value)))
}

/// count_star = "count" "(" "*" ")"
fn count_star(i: &str) -> PResult<'_, Expr> {
    let (i, _) = ws(i)?;
    let start = i;
    let (i, _) = (keyword("count"), sym("("), sym("*"), sym(")")).parse(i)?;
    let call = Ident {
        name: "count".into(),
        span: span_between(start, i),
    };
    Ok((i, Expr::CountStar(call)))
}

/// call = name "(" ["DISTINCT"] [expr { "," expr }] ")"
fn call(i: &str) -> PResult<'_, Expr> {
    let (i, name) = name(i)?;
    let (i, _) = ws(i)?;
    let opened = i;
    let (i, _) = tag("(").parse(i)?;
    nested(i, |i| {
        let (i, distinct) = opt(keyword("DISTINCT")).parse(i)?;
        let (mut i, first) = opt(expr).parse(i)?;
        let mut args: Vec<Expr> = first.into_iter().collect();
        while !args.is_empty() {
            let Ok((rest, _)) = sym(",").parse(i) else {
                break;
            };
            let (rest, arg) = expect("an argument after ','", expr).parse(rest)?;
            args.push(arg);
            i = rest;
        }
        let (i, _) = expect_close(")", "the argument list", opened).parse(i)?;
        let distinct = distinct.is_some();
        Ok((
            i,
            Expr::Call {
                name,
                distinct,
                args,
            },
        ))
    })
}

/// pattern_predicate = node_pattern rel_pattern node_pattern { rel_pattern node_pattern }
///
/// Only taken when a node pattern is directly followed by `-[`, `--`, `->` or `<-`.
fn pattern_predicate(i: &str) -> PResult<'_, Expr> {
    let (after, _) = node_pattern(i).map_err(|_| backtrack(i))?;
    let (after, _) = ws(after)?;
    let arrows = ["-[", "--", "->", "<-"];
    if !arrows.iter().any(|a| after.starts_with(a)) {
        return Err(backtrack(i));
    }
    let (rest, chain) = nested(i, chain)?;
    Ok((rest, Expr::Pattern(Box::new(chain))))
}

/// parenthesized = "(" expr ")"
fn parenthesized(i: &str) -> PResult<'_, Expr> {
    let (i, _) = ws(i)?;
    let opened = i;
    let (i, _) = sym("(").parse(i)?;
    let (i, e) = expect("an expression after '('", expr).parse(i)?;
    let (i, _) = expect_close(")", "the parenthesis", opened).parse(i)?;
    Ok((i, e))
}

/// literal = number | string | "true" | "false" | "null"
fn literal(i: &str) -> PResult<'_, Literal> {
    alt((
        number,
        string.map(Literal::String),
        keyword("true").map(|_| Literal::Bool(true)),
        keyword("false").map(|_| Literal::Bool(false)),
        keyword("null").map(|_| Literal::Null),
    ))
    .parse(i)
}

/// integer = digit { digit }
pub(crate) fn integer(i: &str) -> PResult<'_, i64> {
    let (i, _) = ws(i)?;
    let (rest, digits) = digit1(i)?;
    match digits.parse::<i64>() {
        Ok(n) => Ok((rest, n)),
        Err(_) => Err(fail_message(i, "integer literal out of range".into())),
    }
}

/// number = digits ["." digits] [("e" | "E") ["+" | "-"] digits]
fn number(i: &str) -> PResult<'_, Literal> {
    let (i, _) = ws(i)?;
    let fraction = (tag("."), digit1);
    let exponent = (
        alt((tag("e"), tag("E"))),
        opt(alt((tag("+"), tag("-")))),
        digit1,
    );
    let (rest, text) = recognize((digit1, opt(fraction), opt(exponent))).parse(i)?;
    if rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
        return Err(fail_message(
            rest,
            "expected a separator after the number".into(),
        ));
    }
    if !text.contains(['.', 'e', 'E']) {
        return integer(i).map(|(rest, n)| (rest, Literal::Int(n)));
    }
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok((rest, Literal::Float(x))),
        _ => Err(fail_message(i, "float literal out of range".into())),
    }
}

/// string = "'" { char | escape } "'" | '"' { char | escape } '"'
fn string(i: &str) -> PResult<'_, String> {
    let (i, _) = ws(i)?;
    let Some(quote) = i.chars().next().filter(|c| *c == '\'' || *c == '"') else {
        return Err(backtrack(i));
    };
    let mut out = String::new();
    let mut chars = i[1..].char_indices();
    while let Some((n, c)) = chars.next() {
        match c {
            c if c == quote => return Ok((&i[n + 2..], out)),
            '\\' => {
                let Some((m, e)) = chars.next() else { break };
                let at = &i[m + 1..];
                out.push(unescape(e, &mut chars, at)?);
            }
            c => out.push(c),
        }
    }
    Err(Err::Failure(PErr {
        input: "",
        kind: super::PErrKind::Expected {
            what: "a closing quote for the string".into(),
            opened: Some(i),
        },
    }))
}

fn unescape<'a>(
    e: char,
    chars: &mut std::str::CharIndices<'_>,
    at: &'a str,
) -> Result<char, Err<PErr<'a>>> {
    let simple = match e {
        'n' => Some('\n'),
        't' => Some('\t'),
        'r' => Some('\r'),
        'b' => Some('\u{8}'),
        'f' => Some('\u{c}'),
        '\\' | '\'' | '"' => Some(e),
        _ => None,
    };
    if let Some(c) = simple {
        return Ok(c);
    }
    if e == 'u' {
        let hex: String = chars.by_ref().take(4).map(|(_, c)| c).collect();
        let code = u32::from_str_radix(&hex, 16)
            .ok()
            .filter(|_| hex.len() == 4);
        if let Some(c) = code.and_then(char::from_u32) {
            return Ok(c);
        }
        return Err(fail_message(
            at,
            "expected 4 hex digits of a unicode escape".into(),
        ));
    }
    let message = format!("unknown escape \\{e} in string");
    Err(fail_message(at, message))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{canonical, parse_error};

    fn expr_text(e: &str) -> String {
        let q = canonical(&format!("RETURN {e}"));
        q.strip_prefix("RETURN ").unwrap().to_string()
    }

    #[test]
    fn precedence_and_parentheses() {
        assert_eq!(expr_text("1 + 2 * 3"), "1 + 2 * 3");
        assert_eq!(expr_text("(1 + 2) * 3"), "(1 + 2) * 3");
        assert_eq!(expr_text("1 - (2 - 3)"), "1 - (2 - 3)");
        assert_eq!(
            expr_text("a OR b AND NOT c XOR d"),
            "a OR b AND NOT c XOR d"
        );
        assert_eq!(expr_text("(a OR b) AND c"), "(a OR b) AND c");
        assert_eq!(expr_text("NOT (a = b)"), "NOT a = b");
        assert_eq!(expr_text("-(1 + 2)"), "-(1 + 2)");
        assert_eq!(expr_text("(a + b).name"), "(a + b).name");
    }

    #[test]
    fn predicates() {
        assert_eq!(
            expr_text("a.name STARTS with 'J' AND a.x ends WITH \"y\" and a.z contains 'q'"),
            "a.name STARTS WITH \"J\" AND a.x ENDS WITH \"y\" AND a.z CONTAINS \"q\""
        );
        assert_eq!(
            expr_text("a.title IS NOT NULL OR a.title is null"),
            "a.title IS NOT NULL OR a.title IS NULL"
        );
        assert_eq!(
            expr_text("x IN [1, 2.5, 'a', null, true]"),
            "x IN [1, 2.5, \"a\", null, true]"
        );
        assert_eq!(expr_text("a.name =~ '(?i)jo.*'"), "a.name =~ \"(?i)jo.*\"");
        assert_eq!(
            expr_text("a <> b AND a <= b AND a >= 1e3"),
            "a <> b AND a <= b AND a >= 1000.0"
        );
    }

    #[test]
    fn calls_maps_and_patterns() {
        assert_eq!(
            expr_text("count(*), count(DISTINCT b), toLower(a.name), {k: [1], `x y`: $p}"),
            "count(*), count(DISTINCT b), toLower(a.name), {k: [1], `x y`: $p}"
        );
        assert_eq!(
            canonical("MATCH (a), (b) WHERE (a)-[:MET_WITH]-(b) AND NOT (a)-->(b) RETURN a"),
            "MATCH (a), (b) WHERE (a)-[:MET_WITH]-(b) AND NOT (a)-->(b) RETURN a"
        );
        assert_eq!(expr_text("(a) - 1"), "a - 1");
        assert_eq!(expr_text("xs[0].name"), "xs[0].name");
    }

    #[test]
    fn string_escapes() {
        assert_eq!(expr_text(r#"'it\'s \u00e9\n'"#), r#""it's é\n""#);
    }

    #[test]
    fn fallible_expressions() {
        assert_eq!(
            parse_error("RETURN 'abc"),
            "syntax error at 1:12: expected a closing quote for the string opened at 1:8, found end of input\n  \
             |\n1 | RETURN 'abc\n  |            ^"
        );
        assert_eq!(
            parse_error("RETURN 1 +"),
            "syntax error at 1:11: expected an expression after +, found end of input\n  \
             |\n1 | RETURN 1 +\n  |           ^"
        );
        assert_eq!(
            parse_error("RETURN [1, 2"),
            "syntax error at 1:13: expected ']' to close the list opened at 1:8, found end of input\n  \
             |\n1 | RETURN [1, 2\n  |             ^"
        );
        assert_eq!(
            parse_error("RETURN 99999999999999999999"),
            "syntax error at 1:8: integer literal out of range\n  \
             |\n1 | RETURN 99999999999999999999\n  |        ^^^^^^^^^^^^^^^^^^^^"
        );
        assert_eq!(
            parse_error("RETURN toLower(a"),
            "syntax error at 1:17: expected ')' to close the argument list opened at 1:15, found end of input\n  \
             |\n1 | RETURN toLower(a\n  |                 ^"
        );
        assert_eq!(
            parse_error("RETURN a IS 1"),
            "syntax error at 1:13: expected NULL after IS, found '1'\n  \
             |\n1 | RETURN a IS 1\n  |             ^"
        );
    }
}
