//! Resolve step: checks names in a parsed query and gives each variable a row slot.
//!
//! Unknown variables, labels, relationship types, properties, functions and parameters are
//! reported here, with spans and "did you mean" suggestions, before anything runs.
//! This module reads no graph data; it knows only the closed vocabularies of `model`.

use super::Params;
use super::ast::*;
use super::error::{ResolveError, Span};
use super::value::{NODE_PROPERTIES, REL_PROPERTIES};
use crate::model::{EntityType, Relation};
use std::collections::{BTreeMap, HashMap};

/// A checked query: the tree plus a slot per variable and the columns of each projection.
#[derive(Debug, Clone)]
pub struct Plan {
    /// The query as parsed.
    pub query: Query,
    /// Variable or alias name -> index into a row.
    pub slots: HashMap<String, usize>,
    /// Clause index of each WITH/RETURN -> its columns, `*` expanded.
    pub columns: HashMap<usize, Vec<Column>>,
    /// Clause index of each MATCH -> slots of its pattern variables bound by earlier clauses.
    pub bound: HashMap<usize, Vec<usize>>,
}

/// One output column of a projection.
#[derive(Debug, Clone)]
pub struct Column {
    /// The header: the alias, else the expression's text.
    pub name: String,
    /// The value.
    pub expr: Expr,
    /// Where WITH stores it (and where ORDER BY finds an alias).
    pub slot: Option<usize>,
}

/// `(name, fewest arguments, most arguments)` of every scalar function.
pub const FUNCTIONS: [(&str, usize, usize); 18] = [
    ("labels", 1, 1),
    ("type", 1, 1),
    ("id", 1, 1),
    ("size", 1, 1),
    ("length", 1, 1),
    ("toLower", 1, 1),
    ("toUpper", 1, 1),
    ("coalesce", 1, usize::MAX),
    ("nodes", 1, 1),
    ("relationships", 1, 1),
    ("startNode", 1, 1),
    ("endNode", 1, 1),
    ("head", 1, 1),
    ("last", 1, 1),
    ("toString", 1, 1),
    ("toInteger", 1, 1),
    ("abs", 1, 1),
    ("properties", 1, 1),
];

/// Aggregate functions; each takes one argument.
pub const AGGREGATES: [&str; 6] = ["count", "collect", "min", "max", "sum", "avg"];

/// True when `name` (any case) is an aggregate function.
pub fn is_aggregate(name: &str) -> bool {
    AGGREGATES.contains(&name.to_lowercase().as_str())
}

/// Checks `query` against the vocabularies and `params`.
pub fn resolve(query: Query, params: &Params) -> Result<Plan, ResolveError> {
    let mut resolver = Resolver {
        scope: BTreeMap::new(),
        slots: HashMap::new(),
        columns: HashMap::new(),
        bound: HashMap::new(),
        params,
    };
    for (n, clause) in query.clauses.iter().enumerate() {
        resolver.clause(n, clause)?;
    }
    Ok(Plan {
        query,
        slots: resolver.slots,
        columns: resolver.columns,
        bound: resolver.bound,
    })
}

/// What a variable holds, as far as the resolver can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Node,
    Rel,
    RelList,
    Path,
    Value,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Node => "node",
            Kind::Rel => "relationship",
            Kind::RelList => "relationship list",
            Kind::Path => "path",
            Kind::Value => "value",
        }
    }
}

/// Where an expression sits, which decides whether aggregates are allowed.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Projection,
    /// ORDER BY of a RETURN (`false`) or WITH (`true`) whose items have no aggregate.
    PlainOrderBy(bool),
    Where,
    InsideAggregate,
    Elsewhere,
}

struct Resolver<'p> {
    scope: BTreeMap<String, Kind>,
    slots: HashMap<String, usize>,
    columns: HashMap<usize, Vec<Column>>,
    bound: HashMap<usize, Vec<usize>>,
    params: &'p Params,
}

impl Resolver<'_> {
    fn slot(&mut self, name: &str) -> usize {
        let next = self.slots.len();
        *self.slots.entry(name.to_string()).or_insert(next)
    }

    fn clause(&mut self, n: usize, clause: &Clause) -> Result<(), ResolveError> {
        match clause {
            Clause::Match(m) => {
                let bound: Vec<usize> = pattern_variables(&m.patterns)
                    .filter(|name| self.scope.contains_key(*name))
                    .filter_map(|name| self.slots.get(name).copied())
                    .collect();
                self.bound.insert(n, bound);
                for pattern in &m.patterns {
                    self.pattern(pattern)?;
                }
                self.opt_expr(&m.where_, Place::Where)
            }
            Clause::Unwind(u) => {
                self.expr(&u.expr, Place::Elsewhere)?;
                self.bind(&u.var, Kind::Value)
            }
            Clause::With(w) => {
                self.projection(n, &w.projection, true)?;
                self.opt_expr(&w.where_, Place::Where)
            }
            Clause::Return(p) => self.projection(n, p, false),
        }
    }

    fn opt_expr(&mut self, e: &Option<Expr>, place: Place) -> Result<(), ResolveError> {
        e.as_ref().map_or(Ok(()), |e| self.expr(e, place))
    }

    /// Binds `var` as `kind`, or checks an existing binding has that kind.
    fn bind(&mut self, var: &Ident, kind: Kind) -> Result<(), ResolveError> {
        match self.scope.get(&var.name) {
            Some(was) if *was != kind && *was != Kind::Value => Err(ResolveError::KindConflict {
                name: var.name.clone(),
                span: var.span,
                was: was.as_str(),
                now: kind.as_str(),
            }),
            Some(_) => Ok(()),
            None => {
                self.scope.insert(var.name.clone(), kind);
                self.slot(&var.name);
                Ok(())
            }
        }
    }

    fn pattern(&mut self, pattern: &Pattern) -> Result<(), ResolveError> {
        if pattern.kind != PathKind::Plain && pattern.chain.steps.len() != 1 {
            return Err(ResolveError::BadShortestPath {
                function: match pattern.kind {
                    PathKind::AllShortest => "allShortestPaths",
                    _ => "shortestPath",
                },
                found: pattern.chain.steps.len(),
            });
        }
        self.chain(&pattern.chain, false)?;
        match &pattern.path_var {
            Some(var) => self.bind(var, Kind::Path),
            None => Ok(()),
        }
    }

    /// Checks a chain; in a predicate (`in_predicate`) it may not bind new variables.
    fn chain(&mut self, chain: &Chain, in_predicate: bool) -> Result<(), ResolveError> {
        self.node(&chain.start, in_predicate)?;
        for (rel, node) in &chain.steps {
            self.rel(rel, in_predicate)?;
            self.node(node, in_predicate)?;
        }
        Ok(())
    }

    fn new_var(&mut self, var: &Ident, kind: Kind, in_predicate: bool) -> Result<(), ResolveError> {
        if in_predicate && !self.scope.contains_key(&var.name) {
            return Err(ResolveError::NewVariableInPredicate {
                name: var.name.clone(),
                span: var.span,
            });
        }
        self.bind(var, kind)
    }

    fn node(&mut self, node: &NodePattern, in_predicate: bool) -> Result<(), ResolveError> {
        for label in &node.labels {
            if EntityType::from_label(&label.name).is_none() {
                let labels = EntityType::ALL.map(EntityType::label);
                return Err(ResolveError::UnknownLabel {
                    name: label.name.clone(),
                    span: label.span,
                    suggestion: suggest(&label.name, &labels),
                });
            }
        }
        self.props(&node.props, "node", &NODE_PROPERTIES)?;
        match &node.var {
            Some(var) => self.new_var(var, Kind::Node, in_predicate),
            None => Ok(()),
        }
    }

    fn rel(&mut self, rel: &RelPattern, in_predicate: bool) -> Result<(), ResolveError> {
        for t in &rel.types {
            if Relation::from_query_name(&t.name).is_none() {
                let names = Relation::ALL.map(Relation::query_name);
                return Err(ResolveError::UnknownRelType {
                    name: t.name.clone(),
                    span: t.span,
                    suggestion: suggest(&t.name, &names),
                });
            }
        }
        self.props(&rel.props, "relationship", &REL_PROPERTIES)?;
        let kind = if rel.range.is_some() {
            Kind::RelList
        } else {
            Kind::Rel
        };
        match &rel.var {
            Some(var) => self.new_var(var, kind, in_predicate),
            None => Ok(()),
        }
    }

    fn props(
        &mut self,
        props: &[(Ident, Expr)],
        kind: &'static str,
        known: &[&str],
    ) -> Result<(), ResolveError> {
        for (key, value) in props {
            check_property(key, kind, known)?;
            self.expr(value, Place::Elsewhere)?;
        }
        Ok(())
    }

    fn projection(&mut self, n: usize, p: &Projection, is_with: bool) -> Result<(), ResolveError> {
        let mut columns = Vec::new();
        if p.star {
            for name in self.scope.keys() {
                let expr = Expr::Var(Ident::new(name));
                columns.push((name.clone(), expr, true));
            }
        }
        for item in &p.items {
            self.expr(&item.expr, Place::Projection)?;
            let (name, named) = match (&item.alias, &item.expr) {
                (Some(alias), _) => (alias.name.clone(), true),
                (None, Expr::Var(v)) => (v.name.clone(), true),
                (None, e) if is_with => {
                    return Err(ResolveError::MissingAlias {
                        text: e.to_string(),
                    });
                }
                (None, e) => (e.to_string(), false),
            };
            columns.push((name, item.expr.clone(), named));
        }
        let new_scope: BTreeMap<String, Kind> = columns
            .iter()
            .filter(|(_, _, named)| *named)
            .map(|(name, e, _)| (name.clone(), self.kind_of(e)))
            .collect();
        let mut combined = self.scope.clone();
        combined.extend(new_scope.clone());
        self.scope = combined;
        let columns: Vec<Column> = columns
            .into_iter()
            .map(|(name, expr, named)| {
                let slot = named.then(|| self.slot(&name));
                Column { name, expr, slot }
            })
            .collect();
        // As in Neo4j: an aggregate in ORDER BY needs an aggregating projection to group by.
        let aggregating = columns.iter().any(|c| has_aggregate(&c.expr));
        self.columns.insert(n, columns);
        let order_place = match aggregating {
            true => Place::Projection,
            false => Place::PlainOrderBy(is_with),
        };
        for sort in &p.order {
            self.expr(&sort.expr, order_place)?;
        }
        for e in p.skip.iter().chain(&p.limit) {
            self.expr(e, Place::Elsewhere)?;
        }
        self.scope = new_scope;
        Ok(())
    }

    fn kind_of(&self, e: &Expr) -> Kind {
        match e {
            Expr::Var(v) => self.scope.get(&v.name).copied().unwrap_or(Kind::Value),
            _ => Kind::Value,
        }
    }

    fn expr(&mut self, e: &Expr, place: Place) -> Result<(), ResolveError> {
        match e {
            Expr::Literal(_) => Ok(()),
            Expr::Param(p) => match self.params.contains_key(&p.name) {
                true => Ok(()),
                false => Err(ResolveError::MissingParameter {
                    name: p.name.clone(),
                    span: p.span,
                }),
            },
            Expr::Var(v) => self.variable(v),
            Expr::List(items) => items.iter().try_for_each(|i| self.expr(i, place)),
            Expr::Map(entries) => entries.iter().try_for_each(|(_, v)| self.expr(v, place)),
            Expr::Property(base, key) => {
                self.property(base, key)?;
                self.expr(base, place)
            }
            Expr::Index(a, b) | Expr::Binary(_, a, b) => {
                self.expr(a, place)?;
                self.expr(b, place)
            }
            Expr::Unary(_, a) | Expr::IsNull(a, _) => self.expr(a, place),
            Expr::Call { name, args, .. } => self.call(name, args, place),
            Expr::CountStar(call) => check_aggregate_place("count", call.span, place),
            Expr::Pattern(chain) => self.chain(chain, true),
        }
    }

    fn variable(&self, v: &Ident) -> Result<(), ResolveError> {
        if self.scope.contains_key(&v.name) {
            return Ok(());
        }
        let names: Vec<&str> = self.scope.keys().map(String::as_str).collect();
        Err(ResolveError::UnknownVariable {
            name: v.name.clone(),
            span: v.span,
            suggestion: suggest(&v.name, &names),
        })
    }

    fn property(&self, base: &Expr, key: &Ident) -> Result<(), ResolveError> {
        match base {
            Expr::Var(v) => match self.scope.get(&v.name) {
                Some(Kind::Node) => check_property(key, "node", &NODE_PROPERTIES),
                Some(Kind::Rel) => check_property(key, "relationship", &REL_PROPERTIES),
                _ => Ok(()),
            },
            _ => Ok(()),
        }
    }

    fn call(&mut self, name: &Ident, args: &[Expr], place: Place) -> Result<(), ResolveError> {
        let lower = name.name.to_lowercase();
        let (min, max, inner_place) = if is_aggregate(&lower) {
            check_aggregate_place(&name.name, name.span, place)?;
            (1, 1, Place::InsideAggregate)
        } else if let Some((_, min, max)) = FUNCTIONS
            .iter()
            .find(|(f, _, _)| f.eq_ignore_ascii_case(&lower))
        {
            (*min, *max, place)
        } else {
            let known: Vec<&str> = FUNCTIONS.iter().map(|f| f.0).chain(AGGREGATES).collect();
            return Err(ResolveError::UnknownFunction {
                name: name.name.clone(),
                span: name.span,
                suggestion: suggest(&lower, &known),
            });
        };
        if args.len() < min || args.len() > max {
            return Err(ResolveError::WrongArity {
                name: name.name.clone(),
                span: name.span,
                min,
                max,
                found: args.len(),
            });
        }
        args.iter().try_for_each(|a| self.expr(a, inner_place))
    }
}

/// Names of the variables written in `patterns`: paths, nodes and relationships.
pub fn pattern_variables(patterns: &[Pattern]) -> impl Iterator<Item = &str> {
    patterns.iter().flat_map(|p| {
        let chain = &p.chain;
        let steps = chain.steps.iter();
        let nodes = std::iter::once(&chain.start).chain(steps.clone().map(|(_, n)| n));
        let node_vars = nodes.filter_map(|n| n.var.as_ref());
        let rel_vars = steps.filter_map(|(r, _)| r.var.as_ref());
        p.path_var
            .iter()
            .chain(node_vars)
            .chain(rel_vars)
            .map(|v| v.name.as_str())
    })
}

/// True when `e` calls an aggregate (outside pattern predicates).
pub fn has_aggregate(e: &Expr) -> bool {
    let mut found = Vec::new();
    aggregate_calls(e, &mut found);
    !found.is_empty()
}

/// Pushes every aggregate call in `e` (not looking inside them) onto `out`.
pub fn aggregate_calls<'e>(e: &'e Expr, out: &mut Vec<&'e Expr>) {
    match e {
        Expr::CountStar(_) => out.push(e),
        Expr::Call { name, .. } if is_aggregate(&name.name) => out.push(e),
        Expr::Call { args, .. } | Expr::List(args) => {
            args.iter().for_each(|a| aggregate_calls(a, out));
        }
        Expr::Map(entries) => entries.iter().for_each(|(_, v)| aggregate_calls(v, out)),
        Expr::Property(a, _) | Expr::Unary(_, a) | Expr::IsNull(a, _) => aggregate_calls(a, out),
        Expr::Index(a, b) | Expr::Binary(_, a, b) => {
            aggregate_calls(a, out);
            aggregate_calls(b, out);
        }
        Expr::Literal(_) | Expr::Param(_) | Expr::Var(_) | Expr::Pattern(_) => {}
    }
}

fn check_aggregate_place(name: &str, span: Span, place: Place) -> Result<(), ResolveError> {
    let place = match place {
        Place::Projection => return Ok(()),
        Place::PlainOrderBy(false) => "in ORDER BY when RETURN has no aggregate",
        Place::PlainOrderBy(true) => "in ORDER BY when WITH has no aggregate",
        Place::Where => "in WHERE",
        Place::InsideAggregate => "inside another aggregate",
        Place::Elsewhere => "here",
    };
    Err(ResolveError::MisplacedAggregate {
        name: name.to_string(),
        span,
        place,
    })
}

fn check_property(key: &Ident, kind: &'static str, known: &[&str]) -> Result<(), ResolveError> {
    if known.contains(&key.name.as_str()) {
        return Ok(());
    }
    Err(ResolveError::UnknownProperty {
        kind,
        name: key.name.clone(),
        span: key.span,
        suggestion: suggest(&key.name, known),
    })
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn suggest(word: &str, candidates: &[&str]) -> Option<String> {
    let lower = word.to_lowercase();
    let limit = |candidate: &str| match word.chars().count() {
        0 | 1 => 0,
        // A short word may drop letters ("cnt") but must start like the candidate.
        2..=3 if candidate.chars().next() == lower.chars().next() => 2,
        2..=3 => 1,
        n => (n / 3).max(2),
    };
    candidates
        .iter()
        .map(|c| (c.to_lowercase(), *c))
        .map(|(folded, c)| (edit_distance(&lower, &folded), limit(&folded), c))
        .filter(|(distance, limit, _)| distance <= limit)
        .min_by_key(|(distance, _, _)| *distance)
        .map(|(_, _, c)| c.to_string())
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::{QueryError, Value, parse};

    fn resolve_error(text: &str) -> String {
        let params = Params::from([("known".to_string(), Value::Int(1))]);
        let query = parse(text).expect("test query parses");
        let error = resolve(query, &params).expect_err("query should not resolve");
        QueryError::Resolve(error).render(text)
    }

    fn resolves(text: &str) {
        let params = Params::from([("known".to_string(), Value::Int(1))]);
        let query = parse(text).expect("test query parses");
        if let Err(e) = resolve(query, &params) {
            panic!("{}", QueryError::Resolve(e).render(text));
        }
    }

    #[test]
    fn valid_queries_resolve() {
        resolves("MATCH (a:Person)-[r:MET_WITH]->(b) WHERE a.name = $known RETURN a.name, r.count");
        resolves("MATCH (a) WITH a, count(*) AS n WHERE n > 1 RETURN a.name ORDER BY n");
        resolves("MATCH (a), (b) WHERE (a)--(b) RETURN labels(a), coalesce(a.title, 'x')");
        resolves("UNWIND [1, 2] AS x RETURN x, sum(x) ORDER BY x");
        resolves("MATCH p = (a)-[rs*1..2]-(b) RETURN length(p), size(rs)");
    }

    #[test]
    fn fallible_names() {
        assert_eq!(
            resolve_error("MATCH (a:Persn) RETURN a"),
            "error at 1:10: unknown label :Persn (did you mean :Person?)\n  \
             |\n1 | MATCH (a:Persn) RETURN a\n  |          ^^^^^"
        );
        assert_eq!(
            resolve_error("MATCH (a)-[:MET_WTH]->(b) RETURN a"),
            "error at 1:13: unknown relationship type :MET_WTH (did you mean :MET_WITH?)\n  \
             |\n1 | MATCH (a)-[:MET_WTH]->(b) RETURN a\n  |             ^^^^^^^"
        );
        assert_eq!(
            resolve_error("MATCH (a) RETURN a.nme"),
            "error at 1:20: unknown node property nme (did you mean name?)\n  \
             |\n1 | MATCH (a) RETURN a.nme\n  |                    ^^^"
        );
        assert_eq!(
            resolve_error("MATCH (person) RETURN persn, b"),
            "error at 1:23: unknown variable persn (did you mean person?)\n  \
             |\n1 | MATCH (person) RETURN persn, b\n  |                       ^^^^^"
        );
        assert_eq!(
            resolve_error("RETURN toLowr('A')"),
            "error at 1:8: unknown function toLowr() (did you mean toLower?)\n  \
             |\n1 | RETURN toLowr('A')\n  |        ^^^^^^"
        );
    }

    #[test]
    fn fallible_usage() {
        assert_eq!(
            resolve_error("MATCH (a) WHERE count(*) > 1 RETURN a"),
            "error at 1:17: aggregate count() is not allowed in WHERE\n  \
             |\n1 | MATCH (a) WHERE count(*) > 1 RETURN a\n  |                 ^^^^^^^^"
        );
        assert_eq!(
            resolve_error("RETURN $nope"),
            "error at 1:9: missing parameter $nope\n  |\n1 | RETURN $nope\n  |         ^^^^"
        );
        assert_eq!(
            resolve_error("MATCH (a) WITH a.name RETURN a"),
            "error: expression in WITH must be aliased with AS, found a.name"
        );
        assert_eq!(
            resolve_error("MATCH (a) WITH a.name AS n RETURN a"),
            "error at 1:35: unknown variable a\n  |\n1 | MATCH (a) WITH a.name AS n RETURN a\n  |                                   ^"
        );
        assert_eq!(
            resolve_error("MATCH (a)-[a]-(b) RETURN a"),
            "error at 1:12: variable a is bound to a node, cannot use it as a relationship\n  \
             |\n1 | MATCH (a)-[a]-(b) RETURN a\n  |            ^"
        );
        assert_eq!(
            resolve_error("MATCH (a) WHERE (a)-->(c) RETURN a"),
            "error at 1:24: pattern predicates cannot introduce new variables, found c\n  \
             |\n1 | MATCH (a) WHERE (a)-->(c) RETURN a\n  |                        ^"
        );
        assert_eq!(
            resolve_error("RETURN size(1, 2)"),
            "error at 1:8: size() expects 1 argument, found 2\n  |\n1 | RETURN size(1, 2)\n  |        ^^^^"
        );
        assert_eq!(
            resolve_error("MATCH (a)--(b) RETURN a.name ORDER BY count(*) DESC"),
            "error at 1:39: aggregate count() is not allowed in ORDER BY when RETURN has no aggregate\n  \
             |\n1 | MATCH (a)--(b) RETURN a.name ORDER BY count(*) DESC\n  |                                       ^^^^^^^^"
        );
        assert_eq!(
            resolve_error("MATCH (a) WITH a ORDER BY max(a.name) RETURN a"),
            "error at 1:27: aggregate max() is not allowed in ORDER BY when WITH has no aggregate\n  \
             |\n1 | MATCH (a) WITH a ORDER BY max(a.name) RETURN a\n  |                           ^^^"
        );
        assert_eq!(
            resolve_error("RETURN count(count(*))"),
            "error at 1:14: aggregate count() is not allowed inside another aggregate\n  \
             |\n1 | RETURN count(count(*))\n  |              ^^^^^^^^"
        );
    }
}
