//! Grammar rules for clauses, projections and graph patterns.

use super::expr::{expr, integer, map_literal};
use super::{
    PResult, backtrack, deeper, expect, expect_close, fail_message, keyword, name, sym, variable,
    ws,
};
use crate::query::ast::*;
use nom::Err;
use nom::Parser;
use nom::combinator::opt;

const CLAUSE_START: &str = "MATCH, OPTIONAL MATCH, WITH, UNWIND or RETURN";

/// query = clause { clause } [";"]   (the last clause is RETURN, and only the last)
pub(crate) fn query(i: &str) -> PResult<'_, Query> {
    let mut clauses = Vec::new();
    let mut i = i;
    loop {
        let (rest, c) = expect(CLAUSE_START, clause).parse(i)?;
        i = rest;
        let done = matches!(c, Clause::Return(_));
        clauses.push(c);
        if done {
            break;
        }
    }
    let (i, _) = opt(sym(";")).parse(i)?;
    let (i, _) = ws(i)?;
    if !i.is_empty() {
        return expect("end of query", |i| Err(backtrack(i))).parse(i);
    }
    Ok((i, Query { clauses }))
}

/// clause = match_clause | with_clause | unwind_clause | return_clause
fn clause(i: &str) -> PResult<'_, Clause> {
    if let Ok((i, _)) = keyword("RETURN").parse(i) {
        let (i, projection) = projection(i)?;
        return Ok((i, Clause::Return(projection)));
    }
    if let Ok((i, _)) = keyword("WITH").parse(i) {
        return with_clause(i);
    }
    if let Ok((i, _)) = keyword("UNWIND").parse(i) {
        return unwind_clause(i);
    }
    match_clause(i)
}

/// match_clause = ["OPTIONAL"] "MATCH" pattern { "," pattern } [where_clause]
fn match_clause(i: &str) -> PResult<'_, Clause> {
    let (i, optional) = opt(keyword("OPTIONAL")).parse(i)?;
    let (i, _) = if optional.is_some() {
        expect("MATCH after OPTIONAL", keyword("MATCH")).parse(i)?
    } else {
        keyword("MATCH").parse(i)?
    };
    let (mut i, first) = expect("a pattern", pattern).parse(i)?;
    let mut patterns = vec![first];
    let mut guards = Vec::new();
    while let Ok((rest, _)) = sym(",").parse(i) {
        guards.push(deeper(rest)?);
        let (rest, p) = expect("a pattern after ','", pattern).parse(rest)?;
        patterns.push(p);
        i = rest;
    }
    let (i, where_) = opt(where_clause).parse(i)?;
    let clause = Clause::Match(Match {
        optional: optional.is_some(),
        patterns,
        where_,
    });
    Ok((i, clause))
}

/// where_clause = "WHERE" expr
fn where_clause(i: &str) -> PResult<'_, Expr> {
    let (i, _) = keyword("WHERE").parse(i)?;
    expect("an expression after WHERE", expr).parse(i)
}

/// with_clause = "WITH" projection [where_clause]
fn with_clause(i: &str) -> PResult<'_, Clause> {
    let (i, projection) = projection(i)?;
    let (i, where_) = opt(where_clause).parse(i)?;
    Ok((i, Clause::With(With { projection, where_ })))
}

/// unwind_clause = "UNWIND" expr "AS" variable
fn unwind_clause(i: &str) -> PResult<'_, Clause> {
    let (i, e) = expect("an expression after UNWIND", expr).parse(i)?;
    let (i, _) = expect("AS after the UNWIND expression", keyword("AS")).parse(i)?;
    let (i, var) = expect("a variable name after AS", variable).parse(i)?;
    Ok((i, Clause::Unwind(Unwind { expr: e, var })))
}

/// projection = ["DISTINCT"] ("*" | return_item) { "," return_item } [order_by] [skip] [limit]
fn projection(i: &str) -> PResult<'_, Projection> {
    let (i, distinct) = opt(keyword("DISTINCT")).parse(i)?;
    let (i, star) = opt(sym("*")).parse(i)?;
    let (mut i, mut items) = match star {
        Some(_) => (i, Vec::new()),
        None => {
            let (i, item) = expect("an expression to return", return_item).parse(i)?;
            (i, vec![item])
        }
    };
    while let Ok((rest, _)) = sym(",").parse(i) {
        let (rest, item) = expect("an expression after ','", return_item).parse(rest)?;
        items.push(item);
        i = rest;
    }
    let (i, order) = opt(order_by).parse(i)?;
    let (i, skip) = opt(skip_or_limit("SKIP")).parse(i)?;
    let (i, limit) = opt(skip_or_limit("LIMIT")).parse(i)?;
    let projection = Projection {
        distinct: distinct.is_some(),
        star: star.is_some(),
        items,
        order: order.unwrap_or_default(),
        skip,
        limit,
    };
    Ok((i, projection))
}

/// return_item = expr ["AS" variable]
fn return_item(i: &str) -> PResult<'_, ReturnItem> {
    let (i, e) = expr(i)?;
    let (i, alias) = match keyword("AS").parse(i) {
        Ok((i, _)) => {
            let (i, alias) = expect("a column name after AS", variable).parse(i)?;
            (i, Some(alias))
        }
        Err(_) => (i, None),
    };
    Ok((i, ReturnItem { expr: e, alias }))
}

/// order_by = "ORDER" "BY" sort_item { "," sort_item }
fn order_by(i: &str) -> PResult<'_, Vec<SortItem>> {
    let (i, _) = keyword("ORDER").parse(i)?;
    let (i, _) = expect("BY after ORDER", keyword("BY")).parse(i)?;
    let (mut i, first) = expect("an expression after ORDER BY", sort_item).parse(i)?;
    let mut items = vec![first];
    while let Ok((rest, _)) = sym(",").parse(i) {
        let (rest, item) = expect("an expression after ','", sort_item).parse(rest)?;
        items.push(item);
        i = rest;
    }
    Ok((i, items))
}

/// sort_item = expr ["ASC" | "ASCENDING" | "DESC" | "DESCENDING"]
fn sort_item(i: &str) -> PResult<'_, SortItem> {
    let (i, e) = expr(i)?;
    let descending = keyword("DESCENDING")
        .or(keyword("DESC"))
        .parse(i)
        .map(|(rest, _)| (rest, true));
    let ascending = || {
        keyword("ASCENDING")
            .or(keyword("ASC"))
            .parse(i)
            .map(|(rest, _)| (rest, false))
    };
    let (i, descending) = descending.or_else(|_| ascending()).unwrap_or((i, false));
    Ok((
        i,
        SortItem {
            expr: e,
            descending,
        },
    ))
}

/// skip = "SKIP" expr ;  limit = "LIMIT" expr
fn skip_or_limit<'a>(word: &'static str) -> impl FnMut(&'a str) -> PResult<'a, Expr> {
    move |i| {
        let (i, _) = keyword(word).parse(i)?;
        expect(&format!("an expression after {word}"), expr).parse(i)
    }
}

/// pattern = [variable "="] ( ("shortestPath" | "allShortestPaths") "(" chain ")" | chain )
pub(crate) fn pattern(i: &str) -> PResult<'_, Pattern> {
    let (i, path_var) = opt((variable, sym("=")).map(|(v, _)| v)).parse(i)?;
    let (i, kind) = match keyword("shortestPath").parse(i) {
        Ok((i, _)) => (i, PathKind::Shortest),
        Err(_) => match keyword("allShortestPaths").parse(i) {
            Ok((i, _)) => (i, PathKind::AllShortest),
            Err(_) => (i, PathKind::Plain),
        },
    };
    if kind == PathKind::Plain {
        let (i, chain) = if path_var.is_some() {
            expect("a pattern after '='", chain).parse(i)?
        } else {
            chain(i)?
        };
        return Ok((
            i,
            Pattern {
                path_var,
                kind,
                chain,
            },
        ));
    }
    let (i, _) = ws(i)?;
    let opened = i;
    let (i, _) = expect("'(' after the function name", sym("(")).parse(i)?;
    let (i, chain) = expect("a pattern", chain).parse(i)?;
    let (i, _) = expect_close(")", "the shortest path", opened).parse(i)?;
    Ok((
        i,
        Pattern {
            path_var,
            kind,
            chain,
        },
    ))
}

/// chain = node_pattern { rel_pattern node_pattern }
pub(crate) fn chain(i: &str) -> PResult<'_, Chain> {
    let (mut i, start) = node_pattern(i)?;
    let mut steps = Vec::new();
    let mut guards = Vec::new();
    while let Ok((rest, rel)) = rel_pattern(i) {
        guards.push(deeper(rest)?);
        let (rest, node) = expect("a node pattern after the relationship", node_pattern)(rest)?;
        steps.push((rel, node));
        i = rest;
    }
    if let Err(e @ Err::Failure(_)) = rel_pattern(i) {
        return Err(e);
    }
    Ok((i, Chain { start, steps }))
}

/// node_pattern = "(" [variable] { ":" name } [map_literal] ")"
pub(crate) fn node_pattern(i: &str) -> PResult<'_, NodePattern> {
    let (i, _) = ws(i)?;
    let opened = i;
    let (i, _) = sym("(").parse(i)?;
    let (i, var) = opt(variable).parse(i)?;
    let (i, labels) = labels(i, "a label name after ':'")?;
    let (i, props) = opt(map_literal).parse(i)?;
    let (i, _) = expect_close(")", "the node pattern", opened).parse(i)?;
    let node = NodePattern {
        var,
        labels,
        props: props.unwrap_or_default(),
    };
    Ok((i, node))
}

/// labels = { ":" name }
fn labels<'a>(mut i: &'a str, what: &str) -> PResult<'a, Vec<Ident>> {
    let mut labels = Vec::new();
    while let Ok((rest, _)) = sym(":").parse(i) {
        let (rest, label) = expect(what, name).parse(rest)?;
        labels.push(label);
        i = rest;
    }
    Ok((i, labels))
}

/// rel_pattern = ("<-" | "-") ["[" rel_detail "]"] ("->" | "-")
pub(crate) fn rel_pattern(i: &str) -> PResult<'_, RelPattern> {
    let (i, _) = ws(i)?;
    let start = i;
    let (i, left) = match sym("<-").parse(i) {
        Ok((i, _)) => (i, true),
        Err(_) => (sym("-").parse(i)?.0, false),
    };
    let (i, detail) = match sym("[").parse(i) {
        Ok((rest, _)) => {
            let (rest, detail) = rel_detail(rest)?;
            let (rest, _) = expect_close("]", "the relationship pattern", ws(i)?.0).parse(rest)?;
            (rest, detail)
        }
        Err(_) => (i, RelPattern::default_both()),
    };
    let (i, _) = expect("'-' to end the relationship pattern", sym("-")).parse(i)?;
    let (i, right) = opt(sym(">")).parse(i)?;
    let direction = match (left, right.is_some()) {
        (true, true) => {
            let message = "a relationship pattern cannot point both ways".to_string();
            return Err(fail_message(start, message));
        }
        (true, false) => Direction::Left,
        (false, true) => Direction::Right,
        (false, false) => Direction::Both,
    };
    Ok((
        i,
        RelPattern {
            direction,
            ..detail
        },
    ))
}

impl RelPattern {
    fn default_both() -> Self {
        RelPattern {
            var: None,
            types: Vec::new(),
            direction: Direction::Both,
            range: None,
            props: Vec::new(),
        }
    }
}

/// rel_detail = [variable] [":" name { "|" [":"] name }] [range] [map_literal]
fn rel_detail(i: &str) -> PResult<'_, RelPattern> {
    let (i, var) = opt(variable).parse(i)?;
    let (mut i, first) = opt((sym(":"), expect("a relationship type after ':'", name))).parse(i)?;
    let mut types: Vec<Ident> = first.into_iter().map(|(_, t)| t).collect();
    while !types.is_empty() {
        let Ok((rest, _)) = sym("|").parse(i) else {
            break;
        };
        let (rest, _) = opt(sym(":")).parse(rest)?;
        let (rest, t) = expect("a relationship type after '|'", name).parse(rest)?;
        types.push(t);
        i = rest;
    }
    let (i, range) = opt(range).parse(i)?;
    let (i, props) = opt(map_literal).parse(i)?;
    let rel = RelPattern {
        var,
        types,
        range,
        props: props.unwrap_or_default(),
        ..RelPattern::default_both()
    };
    Ok((i, rel))
}

/// range = "*" [integer] [".." [integer]]
fn range(i: &str) -> PResult<'_, Range> {
    let (i, _) = sym("*").parse(i)?;
    let (i, min) = opt(integer).parse(i)?;
    let (i, dots) = opt(sym("..")).parse(i)?;
    let (i, max) = match dots {
        Some(_) => opt(integer).parse(i)?,
        None => (i, None),
    };
    let bound = |n: Option<i64>| n.map(|n| u32::try_from(n).unwrap_or(u32::MAX));
    let range = Range {
        min: bound(min),
        max: bound(max),
        dots: dots.is_some(),
    };
    Ok((i, range))
}

#[cfg(test)]
mod tests {
    use super::super::tests::{canonical, parse_error};

    #[test]
    fn match_clauses() {
        assert_eq!(
            canonical(
                "MATCH (a:Person)-[r:MET_WITH]->(b) WHERE a.name = \"John Kerry\" \
                 RETURN a.name, b.name LIMIT 10"
            ),
            "MATCH (a:Person)-[r:MET_WITH]->(b) WHERE a.name = \"John Kerry\" \
             RETURN a.name, b.name LIMIT 10"
        );
        assert_eq!(
            canonical("optional match (a), (b {name: 'Iran'}) return *"),
            "OPTIONAL MATCH (a), (b {name: \"Iran\"}) RETURN *"
        );
    }

    #[test]
    fn relationship_patterns() {
        assert_eq!(
            canonical("MATCH (a)<-[:MET_WITH|:CONDEMNED]-(b)--(c)-->(d)<--(e) RETURN a"),
            "MATCH (a)<-[:MET_WITH|CONDEMNED]-(b)--(c)-->(d)<--(e) RETURN a"
        );
        assert_eq!(
            canonical("MATCH (a)-[r *]-(b)-[*2]-(c)-[*1..3]->(d)-[:X*..4 {count: 1}]-(e) RETURN a"),
            "MATCH (a)-[r*]-(b)-[*2]-(c)-[*1..3]->(d)-[:X*..4 {count: 1}]-(e) RETURN a"
        );
    }

    #[test]
    fn named_and_shortest_paths() {
        assert_eq!(
            canonical("MATCH p = shortestPath((a)-[*]-(b)), q = (a)--(c) RETURN p"),
            "MATCH p = shortestPath((a)-[*]-(b)), q = (a)--(c) RETURN p"
        );
        assert_eq!(
            canonical("MATCH p = allshortestpaths((a)-[*..5]-(b)) RETURN p"),
            "MATCH p = allShortestPaths((a)-[*..5]-(b)) RETURN p"
        );
    }

    #[test]
    fn projections() {
        assert_eq!(
            canonical(
                "MATCH (a) WITH DISTINCT a.name AS n, count(*) AS c WHERE c > 1 \
                 RETURN n ORDER BY c DESC, n asc SKIP 1 LIMIT $max;"
            ),
            "MATCH (a) WITH DISTINCT a.name AS n, count(*) AS c WHERE c > 1 \
             RETURN n ORDER BY c DESC, n SKIP 1 LIMIT $max"
        );
        assert_eq!(
            canonical("UNWIND [1, 2] AS x RETURN x"),
            "UNWIND [1, 2] AS x RETURN x"
        );
    }

    #[test]
    fn fallible_patterns() {
        assert_eq!(
            parse_error("MATCH (a:Person RETURN a"),
            "syntax error at 1:17: expected ')' to close the node pattern opened at 1:7, found 'RETURN'\n  \
             |\n1 | MATCH (a:Person RETURN a\n  |                 ^^^^^^"
        );
        assert_eq!(
            parse_error("MATCH (a)-[r:MET_WITH->(b) RETURN a"),
            "syntax error at 1:22: expected ']' to close the relationship pattern opened at 1:11, found '-'\n  \
             |\n1 | MATCH (a)-[r:MET_WITH->(b) RETURN a\n  |                      ^"
        );
        assert_eq!(
            parse_error("MATCH (a)-->"),
            "syntax error at 1:13: expected a node pattern after the relationship, found end of input\n  \
             |\n1 | MATCH (a)-->\n  |             ^"
        );
        assert_eq!(
            parse_error("MATCH (a)<-->(b) RETURN a"),
            "syntax error at 1:10: a relationship pattern cannot point both ways\n  \
             |\n1 | MATCH (a)<-->(b) RETURN a\n  |          ^"
        );
        assert_eq!(
            parse_error("MATCH (a)-[:]-(b) RETURN a"),
            "syntax error at 1:13: expected a relationship type after ':', found ']'\n  \
             |\n1 | MATCH (a)-[:]-(b) RETURN a\n  |             ^"
        );
    }

    #[test]
    fn fallible_clauses() {
        assert_eq!(
            parse_error("MATCH (a)"),
            "syntax error at 1:10: expected MATCH, OPTIONAL MATCH, WITH, UNWIND or RETURN, found end of input\n  \
             |\n1 | MATCH (a)\n  |          ^"
        );
        assert_eq!(
            parse_error("MATCH (a) RETURN a MATCH (b)"),
            "syntax error at 1:20: expected end of query, found 'MATCH'\n  \
             |\n1 | MATCH (a) RETURN a MATCH (b)\n  |                    ^^^^^"
        );
        assert_eq!(
            parse_error("MATCH (a) RETURN a ORDER a"),
            "syntax error at 1:26: expected BY after ORDER, found 'a'\n  \
             |\n1 | MATCH (a) RETURN a ORDER a\n  |                          ^"
        );
        assert_eq!(
            parse_error("UNWIND [1] x RETURN x"),
            "syntax error at 1:12: expected AS after the UNWIND expression, found 'x'\n  \
             |\n1 | UNWIND [1] x RETURN x\n  |            ^"
        );
        assert_eq!(
            parse_error("MATCH (a) WHERE RETURN a"),
            "syntax error at 1:17: expected an expression after WHERE, found 'RETURN'\n  \
             |\n1 | MATCH (a) WHERE RETURN a\n  |                 ^^^^^^"
        );
    }
}
