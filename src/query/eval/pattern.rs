//! MATCH: binds patterns to the graph, starting from the most selective node pattern.
//!
//! A chain is matched from one start node outwards, right then left. Symmetric relations are
//! stored once and match either way, whatever the arrow. Within one MATCH an edge is used once.

use super::expr::eval;
use super::{Ctx, Row, filter};
use crate::graph::{EdgeKey, EdgeRef, NodeKey};
use crate::model::{EntityType, Relation};
use crate::query::ast::{
    BinaryOp, Chain, Direction, Expr, Match, NodePattern, PathKind, Pattern, RelPattern,
};
use crate::query::error::EvalError;
use crate::query::resolve::pattern_variables;
use crate::query::value::{Path, Value, edge_property, equals, node_property};

/// Longest walk tried for `*` and `*n..` without an upper bound.
pub const DEFAULT_MAX_HOPS: u32 = 10;

/// A node property wanted equal to a constant, used to pick candidates: `(variable, key, value)`.
pub(super) type Hint = (String, &'static str, Value);

/// Runs one MATCH clause over every input row.
///
/// `bound` holds the slots of pattern variables bound by earlier clauses: when one of them is
/// null (an OPTIONAL MATCH found nothing), the row has no match.
pub(crate) fn match_clause(
    ctx: &Ctx,
    rows: Vec<Row>,
    m: &Match,
    bound: &[usize],
) -> Result<Vec<Row>, EvalError> {
    let where_ = m.where_.as_ref();
    let hints = where_.map(|w| where_hints(ctx, w)).unwrap_or_default();
    let mut out = Vec::new();
    for row in rows {
        let mut matches = Vec::new();
        if bound.iter().all(|slot| row[*slot] != Value::Null) {
            match_patterns(ctx, row.clone(), &m.patterns, &[], &hints, &mut matches)?;
        }
        let matches = filter(ctx, matches, where_)?;
        if matches.is_empty() && m.optional {
            out.push(row);
        }
        out.extend(matches);
    }
    Ok(out)
}

/// True when `chain` matches with the variables of `row` (a pattern predicate).
///
/// Every named variable of a predicate is bound (the resolver checks), so a null one means no match.
pub(crate) fn chain_exists(ctx: &Ctx, row: &Row, chain: &Chain) -> Result<bool, EvalError> {
    let pattern = Pattern {
        path_var: None,
        kind: PathKind::Plain,
        chain: chain.clone(),
    };
    let patterns = std::slice::from_ref(&pattern);
    let null_variable = pattern_variables(patterns)
        .filter_map(|name| ctx.slot(name))
        .any(|slot| row[slot] == Value::Null);
    if null_variable {
        return Ok(false);
    }
    let mut out = Vec::new();
    match_patterns(ctx, row.clone(), patterns, &[], &[], &mut out)?;
    Ok(!out.is_empty())
}

fn match_patterns(
    ctx: &Ctx,
    row: Row,
    patterns: &[Pattern],
    used: &[EdgeKey],
    hints: &[Hint],
    out: &mut Vec<Row>,
) -> Result<(), EvalError> {
    let Some((first, rest)) = patterns.split_first() else {
        out.push(row);
        return Ok(());
    };
    for partial in match_pattern(ctx, row, first, used, hints)? {
        let path = partial.path();
        let mut row = partial.row;
        if let Some(slot) = first.path_var.as_ref().and_then(|v| ctx.slot(&v.name)) {
            row[slot] = Value::Path(path);
        }
        match_patterns(ctx, row, rest, &partial.used, hints, out)?;
    }
    Ok(())
}

/// A match in progress: the row so far, the chain's nodes and the walks between them.
#[derive(Clone)]
pub(super) struct Partial {
    pub row: Row,
    pub nodes: Vec<Option<NodeKey>>,
    pub hops: Vec<Walk>,
    pub used: Vec<EdgeKey>,
}

impl Partial {
    fn path(&self) -> Path {
        let mut path = Path {
            nodes: Vec::new(),
            edges: Vec::new(),
        };
        for (n, node) in self.nodes.iter().enumerate() {
            path.nodes.extend(*node);
            if let Some(hop) = self.hops.get(n) {
                path.edges.extend(&hop.edges);
                path.nodes.extend(&hop.inner);
            }
        }
        path
    }
}

/// Edges walked from one chain node to the next, in left-to-right order.
#[derive(Clone, Default)]
pub(super) struct Walk {
    pub edges: Vec<EdgeKey>,
    /// Nodes strictly between the two ends.
    pub inner: Vec<NodeKey>,
    /// The node reached.
    pub end: Option<NodeKey>,
}

/// One relationship pattern with its constants evaluated for the current row.
pub(super) struct RelSpec {
    pub types: Vec<Relation>,
    pub direction: Direction,
    pub props: Vec<(String, Value)>,
    pub min: u32,
    pub max: u32,
    pub var_length: bool,
}

fn match_pattern(
    ctx: &Ctx,
    row: Row,
    pattern: &Pattern,
    used: &[EdgeKey],
    hints: &[Hint],
) -> Result<Vec<Partial>, EvalError> {
    let chain = &pattern.chain;
    let nodes: Vec<&NodePattern> = std::iter::once(&chain.start)
        .chain(chain.steps.iter().map(|(_, n)| n))
        .collect();
    let partial = Partial {
        row,
        nodes: vec![None; nodes.len()],
        hops: vec![Walk::default(); chain.steps.len()],
        used: used.to_vec(),
    };
    if pattern.kind != PathKind::Plain {
        return super::shortest::match_shortest(ctx, partial, pattern, &nodes, hints);
    }
    let mut candidates = Vec::with_capacity(nodes.len());
    for node in &nodes {
        candidates.push(node_candidates(ctx, &partial.row, node, hints)?);
    }
    let start = (0..nodes.len())
        .min_by_key(|n| candidates[*n].len())
        .unwrap_or(0);
    let steps = plan_steps(nodes.len(), start);
    let mut out = Vec::new();
    for key in std::mem::take(&mut candidates[start]) {
        ctx.check_cancel()?;
        let mut next = partial.clone();
        if bind_node(ctx, &mut next, start, nodes[start], key)? {
            extend(ctx, chain, &nodes, &steps, next, &mut out)?;
        }
    }
    Ok(out)
}

/// `(relationship index, from node, to node, walking left to right)` in matching order.
fn plan_steps(n_nodes: usize, start: usize) -> Vec<(usize, usize, usize, bool)> {
    let right = (start..n_nodes.saturating_sub(1)).map(|r| (r, r, r + 1, true));
    let left = (0..start).rev().map(|r| (r, r + 1, r, false));
    right.chain(left).collect()
}

fn extend(
    ctx: &Ctx,
    chain: &Chain,
    nodes: &[&NodePattern],
    steps: &[(usize, usize, usize, bool)],
    partial: Partial,
    out: &mut Vec<Partial>,
) -> Result<(), EvalError> {
    let Some(((rel_index, from, to, forward), rest)) = steps.split_first() else {
        out.push(partial);
        return Ok(());
    };
    let rel = &chain.steps[*rel_index].0;
    let Some(from_key) = partial.nodes[*from] else {
        return Ok(());
    };
    let spec = rel_spec(ctx, &partial.row, rel, *forward, false)?;
    for walk in walks(ctx, from_key, &spec, &partial.used)? {
        let Some(to_key) = walk.end else {
            continue;
        };
        let walk = if *forward { walk } else { reverse(walk) };
        let mut next = partial.clone();
        if !bind_rel(&mut next, ctx, rel, &walk, spec.var_length)? {
            continue;
        }
        if !bind_node(ctx, &mut next, *to, nodes[*to], to_key)? {
            continue;
        }
        next.hops[*rel_index] = walk;
        extend(ctx, chain, nodes, rest, next, out)?;
    }
    Ok(())
}

/// A walk found from right to left, turned to read left to right.
fn reverse(mut walk: Walk) -> Walk {
    walk.edges.reverse();
    walk.inner.reverse();
    walk
}

/// Evaluates a relationship pattern's constants; `shortest` searches leave `*` unbounded.
pub(super) fn rel_spec(
    ctx: &Ctx,
    row: &Row,
    rel: &RelPattern,
    forward: bool,
    shortest: bool,
) -> Result<RelSpec, EvalError> {
    let mut props = Vec::new();
    for (key, e) in &rel.props {
        props.push((key.name.clone(), eval(ctx, row, e)?));
    }
    let (min, max) = match rel.range {
        None => (1, 1),
        Some(range) => {
            let min = range.min.unwrap_or(1);
            let max = match (range.dots, range.min, range.max) {
                (false, Some(exact), _) => exact,
                (_, _, Some(max)) => max,
                _ if shortest => u32::MAX,
                _ => {
                    ctx.warn(format!(
                        "unbounded variable-length relationship {range} limited to {DEFAULT_MAX_HOPS} hops"
                    ));
                    DEFAULT_MAX_HOPS
                }
            };
            (min, max)
        }
    };
    let direction = match (forward, rel.direction) {
        (false, Direction::Right) => Direction::Left,
        (false, Direction::Left) => Direction::Right,
        (_, d) => d,
    };
    Ok(RelSpec {
        types: rel
            .types
            .iter()
            .filter_map(|t| Relation::from_query_name(&t.name))
            .collect(),
        direction,
        props,
        min,
        max,
        var_length: rel.range.is_some(),
    })
}

/// Edges leaving `node` that fit `spec`, with the node each reaches, in a stable order.
pub(super) fn neighbours(
    ctx: &Ctx,
    node: NodeKey,
    spec: &RelSpec,
    used: &[EdgeKey],
) -> Vec<(EdgeKey, NodeKey)> {
    let fits = |e: &EdgeRef<'_>| {
        let relation = e.fact.relation;
        let direction_ok = relation.is_symmetric()
            || match spec.direction {
                Direction::Right => e.source == node,
                Direction::Left => e.target == node,
                Direction::Both => true,
            };
        direction_ok
            && (spec.types.is_empty() || spec.types.contains(&relation))
            && !used.contains(&e.key)
            && spec
                .props
                .iter()
                .all(|(k, v)| equals(&edge_property(ctx.graph, e.key, k), v) == Some(true))
    };
    let mut found: Vec<(EdgeKey, NodeKey)> = ctx
        .graph
        .edges_of(node)
        .filter(fits)
        .map(|e| (e.key, e.other(node)))
        .collect();
    found.sort_by(|a, b| {
        let id = |n: NodeKey| ctx.graph.entity(n).id.as_str();
        id(a.1).cmp(id(b.1)).then(a.0.cmp(&b.0))
    });
    found
}

/// Every walk from `from` that `spec` allows, edges not repeated, shortest first per branch.
pub(super) fn walks(
    ctx: &Ctx,
    from: NodeKey,
    spec: &RelSpec,
    used: &[EdgeKey],
) -> Result<Vec<Walk>, EvalError> {
    let mut out = Vec::new();
    let mut stack = vec![(from, Vec::<EdgeKey>::new(), Vec::<NodeKey>::new())];
    while let Some((node, edges, visited)) = stack.pop() {
        ctx.check_cancel()?;
        let len = u32::try_from(edges.len()).unwrap_or(u32::MAX);
        if len >= spec.min {
            let inner = visited[..visited.len().saturating_sub(1)].to_vec();
            out.push(Walk {
                edges: edges.clone(),
                inner,
                end: Some(node),
            });
        }
        if len >= spec.max {
            continue;
        }
        let mut blocked = used.to_vec();
        blocked.extend(&edges);
        for (edge, next) in neighbours(ctx, node, spec, &blocked).into_iter().rev() {
            let mut edges = edges.clone();
            edges.push(edge);
            let mut visited = visited.clone();
            visited.push(next);
            stack.push((next, edges, visited));
        }
    }
    Ok(out)
}

/// Binds the relationship variable (an edge, or a list for variable length).
pub(super) fn bind_rel(
    partial: &mut Partial,
    ctx: &Ctx,
    rel: &RelPattern,
    walk: &Walk,
    var_length: bool,
) -> Result<bool, EvalError> {
    partial.used.extend(&walk.edges);
    let Some(slot) = rel.var.as_ref().and_then(|v| ctx.slot(&v.name)) else {
        return Ok(true);
    };
    let value = match (var_length, walk.edges.first()) {
        (true, _) => Value::List(walk.edges.iter().map(|e| Value::Edge(*e)).collect()),
        (false, Some(edge)) => Value::Edge(*edge),
        (false, None) => return Ok(false),
    };
    Ok(bind_slot(&mut partial.row, slot, value))
}

/// Binds `key` at chain position `n` if it fits the node pattern.
pub(super) fn bind_node(
    ctx: &Ctx,
    partial: &mut Partial,
    n: usize,
    pattern: &NodePattern,
    key: NodeKey,
) -> Result<bool, EvalError> {
    if !node_fits(ctx, &partial.row, pattern, key)? {
        return Ok(false);
    }
    let slot = pattern.var.as_ref().and_then(|v| ctx.slot(&v.name));
    if let Some(slot) = slot
        && !bind_slot(&mut partial.row, slot, Value::Node(key))
    {
        return Ok(false);
    }
    partial.nodes[n] = Some(key);
    Ok(true)
}

/// Sets an unbound slot, or checks a bound one holds the same value.
fn bind_slot(row: &mut Row, slot: usize, value: Value) -> bool {
    match &row[slot] {
        Value::Null => {
            row[slot] = value;
            true
        }
        bound => *bound == value,
    }
}

fn node_fits(ctx: &Ctx, row: &Row, pattern: &NodePattern, key: NodeKey) -> Result<bool, EvalError> {
    let entity = ctx.graph.entity(key);
    let labels_ok = pattern
        .labels
        .iter()
        .all(|l| EntityType::from_label(&l.name) == Some(entity.entity_type));
    if !labels_ok {
        return Ok(false);
    }
    for (k, e) in &pattern.props {
        let wanted = eval(ctx, row, e)?;
        if equals(&node_property(ctx.graph, key, &k.name), &wanted) != Some(true) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// Candidate nodes for a node pattern: a bound variable, an id or name index hit, a label's
/// nodes, or every node; sorted by id.
pub(super) fn node_candidates(
    ctx: &Ctx,
    row: &Row,
    pattern: &NodePattern,
    hints: &[Hint],
) -> Result<Vec<NodeKey>, EvalError> {
    let graph = ctx.graph;
    if let Some(name) = &pattern.var {
        match ctx.slot(&name.name).and_then(|s| row.get(s)) {
            Some(Value::Node(key)) => return Ok(vec![*key]),
            Some(Value::Null) | None => {}
            Some(_) => return Ok(Vec::new()),
        }
    }
    let mut wanted: Vec<(&str, Value)> = Vec::new();
    for (k, e) in &pattern.props {
        wanted.push((k.name.as_str(), eval(ctx, row, e)?));
    }
    if let Some(var) = &pattern.var {
        let hinted = hints.iter().filter(|(v, _, _)| *v == var.name);
        wanted.extend(hinted.map(|(_, k, value)| (*k, value.clone())));
    }
    let indexed = wanted.iter().find_map(|(key, value)| match (*key, value) {
        ("id", Value::String(id)) => Some(graph.by_id(id).into_iter().collect::<Vec<_>>()),
        ("name", Value::String(name)) => Some(graph.find_all(name).to_vec()),
        ("id" | "name", _) => Some(Vec::new()),
        _ => None,
    });
    let mut found = match (indexed, pattern.labels.first()) {
        (Some(found), _) => found,
        (None, Some(label)) => EntityType::from_label(&label.name)
            .map(|t| graph.nodes_of_type(t).to_vec())
            .unwrap_or_default(),
        (None, None) => graph.nodes().collect(),
    };
    found.sort_by(|a, b| graph.entity(*a).id.cmp(&graph.entity(*b).id));
    found.dedup();
    Ok(found)
}

/// `var.name = constant` and `var.id = constant` conjuncts of a WHERE, for candidate lookup.
fn where_hints(ctx: &Ctx, condition: &Expr) -> Vec<Hint> {
    let mut hints = Vec::new();
    let mut stack = vec![condition];
    while let Some(e) = stack.pop() {
        let Expr::Binary(op, a, b) = e else { continue };
        match op {
            BinaryOp::And => stack.extend([a.as_ref(), b.as_ref()]),
            BinaryOp::Eq => hints.extend(hint(ctx, a, b).or_else(|| hint(ctx, b, a))),
            _ => {}
        }
    }
    hints
}

fn hint(ctx: &Ctx, property: &Expr, constant: &Expr) -> Option<Hint> {
    let Expr::Property(base, key) = property else {
        return None;
    };
    let Expr::Var(var) = base.as_ref() else {
        return None;
    };
    let key = match key.name.as_str() {
        "name" => "name",
        "id" => "id",
        _ => return None,
    };
    let value = match constant {
        Expr::Literal(_) | Expr::Param(_) => eval(ctx, &Vec::new(), constant).ok()?,
        _ => return None,
    };
    Some((var.name.clone(), key, value))
}
