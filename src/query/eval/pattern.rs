//! MATCH: binds patterns to the graph, starting from the most selective node pattern.
//!
//! A chain is matched from one start node outwards, right then left, depth first. One working
//! row is bound and unbound in place (see [`Binding`]) and each complete match is handed to a
//! sink, so no intermediate rows are built. Symmetric relations are stored once and match
//! either way, whatever the arrow. Within one MATCH an edge is used once.

use super::expr::eval;
use super::{Ctx, Row};
use crate::graph::{Adjacent, EdgeKey, NodeKey};
use crate::model::{EntityType, Relation};
use crate::query::ast::{Chain, Direction, Match, NodePattern, PathKind, Pattern, RelPattern};
use crate::query::error::EvalError;
use crate::query::resolve::pattern_variables;
use crate::query::value::{Path, Value, edge_property, equals, node_property};

/// Longest walk tried for `*` and `*n..` without an upper bound.
pub const DEFAULT_MAX_HOPS: u32 = 10;

/// Deepest level a shortest-path search with `*` goes to (Kuzu's default upper bound too).
pub const SHORTEST_MAX_HOPS: u32 = 30;

pub(super) use super::candidates::{Hint, node_candidates};
use super::candidates::{candidates, where_hints};

/// Receives each complete match of a MATCH clause (after its WHERE).
pub(crate) trait RowSink {
    /// One match.
    fn push(&mut self, row: &Row) -> Result<(), EvalError>;

    /// At most `rows` more matches follow, so room for them can be made at once (a hint).
    fn expect(&mut self, rows: usize) {
        let _ = rows;
    }
}

impl<F: FnMut(&Row) -> Result<(), EvalError>> RowSink for F {
    fn push(&mut self, row: &Row) -> Result<(), EvalError> {
        self(row)
    }
}

/// Receives each match of one pattern: the row so far and the pattern's trail.
pub(super) type Emit<'e> = dyn FnMut(&mut Binding, &Trail) -> Result<(), EvalError> + 'e;

/// Runs one MATCH clause over every input row and collects the matches.
pub(crate) fn match_clause(
    ctx: &Ctx,
    rows: Vec<Row>,
    m: &Match,
    bound: &[usize],
) -> Result<Vec<Row>, EvalError> {
    let mut out = Vec::new();
    match_clause_each(ctx, rows, m, bound, &mut |row: &Row| {
        out.push(row.clone());
        Ok(())
    })?;
    Ok(out)
}

/// Runs one MATCH clause over every input row, handing each match to `sink`.
///
/// `bound` holds the slots of pattern variables bound by earlier clauses: when one of them is
/// null (an OPTIONAL MATCH found nothing), the row has no match.
pub(crate) fn match_clause_each(
    ctx: &Ctx,
    rows: Vec<Row>,
    m: &Match,
    bound: &[usize],
    sink: &mut dyn RowSink,
) -> Result<(), EvalError> {
    let where_ = m.where_.as_ref();
    let hints = where_.map(|w| where_hints(ctx, w)).unwrap_or_default();
    // Variables bound by earlier clauses (possibly to null) are left to the general matcher.
    let single_hop = super::expand::single_hop(ctx, m).filter(|_| bound.is_empty());
    for mut row in rows {
        let mut found = false;
        let loop_takes = single_hop.as_ref().filter(|plan| plan.takes(&row));
        if let Some(plan) = loop_takes {
            found = plan.run(ctx, &mut row, &hints, sink)?;
        } else if bound.iter().all(|slot| row[*slot] != Value::Null) {
            let mut binding = Binding::new(row.clone());
            match_patterns(ctx, &mut binding, &m.patterns, &hints, &mut |b| {
                if let Some(condition) = where_
                    && !eval(ctx, &b.row, condition)?.is_true()
                {
                    return Ok(());
                }
                found = true;
                sink.push(&b.row)
            })?;
        }
        if !found && m.optional {
            sink.push(&row)?;
        }
    }
    Ok(())
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
    let mut found = false;
    let mut binding = Binding::new(row.clone());
    // The first match stops the search: `Cancelled` unwinds it, and `found` tells it apart
    // from a real cancel (which the next check reports anyway).
    let result = match_patterns(ctx, &mut binding, patterns, &[], &mut |_| {
        found = true;
        Err(EvalError::Cancelled)
    });
    match result {
        Ok(()) => Ok(false),
        Err(_) if found => Ok(true),
        Err(e) => Err(e),
    }
}

/// The row being bound by one MATCH, with what is needed to unbind it again.
pub(super) struct Binding {
    /// Variable values, by slot.
    pub row: Row,
    /// Edges used so far in this MATCH.
    pub used: Vec<EdgeKey>,
    /// Slots this MATCH set, newest last.
    set: Vec<usize>,
}

/// A point to go back to with [`Binding::restore`].
#[derive(Clone, Copy)]
pub(super) struct Mark {
    used: usize,
    set: usize,
}

impl Binding {
    fn new(row: Row) -> Self {
        Binding {
            row,
            used: Vec::new(),
            set: Vec::new(),
        }
    }

    /// Where the binding is now.
    pub fn mark(&self) -> Mark {
        Mark {
            used: self.used.len(),
            set: self.set.len(),
        }
    }

    /// Unbinds everything bound since `mark`.
    pub fn restore(&mut self, mark: Mark) {
        self.used.truncate(mark.used);
        while self.set.len() > mark.set {
            if let Some(slot) = self.set.pop() {
                self.row[slot] = Value::Null;
            }
        }
    }

    /// Sets an unbound slot, or checks a bound one holds the same value.
    fn bind(&mut self, slot: usize, value: Value) -> bool {
        match &self.row[slot] {
            Value::Null => {
                self.row[slot] = value;
                self.set.push(slot);
                true
            }
            bound => *bound == value,
        }
    }
}

/// One pattern's progress: the node bound at each chain position and the walks between them.
pub(super) struct Trail {
    pub nodes: Vec<Option<NodeKey>>,
    pub hops: Vec<Walk>,
}

impl Trail {
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
    /// The upper bound was left open and `max` is a default.
    pub open: bool,
}

fn match_patterns(
    ctx: &Ctx,
    binding: &mut Binding,
    patterns: &[Pattern],
    hints: &[Hint],
    emit: &mut dyn FnMut(&mut Binding) -> Result<(), EvalError>,
) -> Result<(), EvalError> {
    let Some((first, rest)) = patterns.split_first() else {
        return emit(binding);
    };
    let path_slot = first.path_var.as_ref().and_then(|v| ctx.slot(&v.name));
    match_pattern(ctx, binding, first, hints, &mut |b, trail| {
        let mark = b.mark();
        let bound = match path_slot {
            Some(slot) => b.bind(slot, Value::Path(Box::new(trail.path()))),
            None => true,
        };
        if bound {
            match_patterns(ctx, b, rest, hints, emit)?;
        }
        b.restore(mark);
        Ok(())
    })
}

fn match_pattern(
    ctx: &Ctx,
    binding: &mut Binding,
    pattern: &Pattern,
    hints: &[Hint],
    emit: &mut Emit,
) -> Result<(), EvalError> {
    let chain = &pattern.chain;
    let nodes: Vec<&NodePattern> = std::iter::once(&chain.start)
        .chain(chain.steps.iter().map(|(_, n)| n))
        .collect();
    let mut trail = Trail {
        nodes: vec![None; nodes.len()],
        hops: vec![Walk::default(); chain.steps.len()],
    };
    if pattern.kind != PathKind::Plain {
        return super::shortest::match_shortest(
            ctx, binding, &mut trail, pattern, &nodes, hints, emit,
        );
    }
    let mut estimates = Vec::with_capacity(nodes.len());
    for node in &nodes {
        estimates.push(candidates(ctx, &binding.row, node, hints)?.estimate(ctx));
    }
    let start = (0..nodes.len()).min_by_key(|n| estimates[*n]).unwrap_or(0);
    let steps = plan_steps(nodes.len(), start);
    let keep_walks = pattern.path_var.is_some();
    let plan = ChainPlan {
        chain,
        nodes: &nodes,
        keep_walks,
    };
    for key in node_candidates(ctx, &binding.row, nodes[start], hints)? {
        ctx.check_cancel()?;
        let mark = binding.mark();
        if bind_node(ctx, binding, &mut trail, start, nodes[start], key)? {
            extend(ctx, &plan, &steps, binding, &mut trail, emit)?;
        }
        binding.restore(mark);
    }
    Ok(())
}

/// What every step of one chain's matching reads.
struct ChainPlan<'a> {
    chain: &'a Chain,
    nodes: &'a [&'a NodePattern],
    /// Whether walks are kept in the trail (a named path needs them).
    keep_walks: bool,
}

/// `(relationship index, from node, to node, walking left to right)` in matching order.
fn plan_steps(n_nodes: usize, start: usize) -> Vec<(usize, usize, usize, bool)> {
    let right = (start..n_nodes.saturating_sub(1)).map(|r| (r, r, r + 1, true));
    let left = (0..start).rev().map(|r| (r, r + 1, r, false));
    right.chain(left).collect()
}

fn extend(
    ctx: &Ctx,
    plan: &ChainPlan,
    steps: &[(usize, usize, usize, bool)],
    binding: &mut Binding,
    trail: &mut Trail,
    emit: &mut Emit,
) -> Result<(), EvalError> {
    let Some((&(rel_index, from, to, forward), rest)) = steps.split_first() else {
        return emit(binding, trail);
    };
    let rel = &plan.chain.steps[rel_index].0;
    let Some(from_key) = trail.nodes[from] else {
        return Ok(());
    };
    let spec = rel_spec(ctx, &binding.row, rel, forward, false)?;
    walks_each(ctx, from_key, &spec, binding, &mut |b, walk| {
        let Some(to_key) = walk.end else {
            return Ok(());
        };
        let mark = b.mark();
        let ok = bind_rel(b, ctx, rel, walk, forward, spec.var_length)?
            && bind_node(ctx, b, trail, to, plan.nodes[to], to_key)?;
        if ok {
            if plan.keep_walks {
                trail.hops[rel_index] = if forward {
                    walk.clone()
                } else {
                    reverse(walk.clone())
                };
            }
            extend(ctx, plan, rest, b, trail, emit)?;
        }
        b.restore(mark);
        Ok(())
    })
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
                _ if shortest => SHORTEST_MAX_HOPS,
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
        open: rel
            .range
            .is_some_and(|r| r.max.is_none() && (r.dots || r.min.is_none())),
    })
}

/// Edges leaving `node` that fit `spec` (whether used or not), with the node each reaches,
/// sorted by the other end's id, then edge.
pub(super) fn neighbours<'g>(
    ctx: &'g Ctx,
    node: NodeKey,
    spec: &'g RelSpec,
) -> impl Iterator<Item = (EdgeKey, NodeKey)> + 'g {
    ctx.graph
        .sorted_adjacency(node)
        .iter()
        .filter(move |a| fits(ctx, node, spec, a))
        .map(|a| (a.edge, a.other))
}

/// Whether the edge `a` of `node` fits the relationship pattern.
fn fits(ctx: &Ctx, node: NodeKey, spec: &RelSpec, a: &Adjacent) -> bool {
    let direction_ok = a.relation.is_symmetric()
        || match spec.direction {
            Direction::Right => a.outgoing,
            Direction::Left => !a.outgoing || a.other == node,
            Direction::Both => true,
        };
    direction_ok
        && (spec.types.is_empty() || spec.types.contains(&a.relation))
        && spec
            .props
            .iter()
            .all(|(k, v)| equals(&edge_property(ctx.graph, a.edge, k), v) == Some(true))
}

/// Hands every walk from `from` that `spec` allows to `f`, depth first, shortest first per
/// branch; an edge is never repeated, nor one of `binding.used`.
fn walks_each(
    ctx: &Ctx,
    from: NodeKey,
    spec: &RelSpec,
    binding: &mut Binding,
    f: &mut dyn FnMut(&mut Binding, &Walk) -> Result<(), EvalError>,
) -> Result<(), EvalError> {
    if !spec.var_length {
        let mut walk = Walk::default();
        for (edge, next) in neighbours(ctx, from, spec) {
            ctx.check_cancel()?;
            if binding.used.contains(&edge) {
                continue;
            }
            walk.edges.clear();
            walk.edges.push(edge);
            walk.end = Some(next);
            f(binding, &walk)?;
        }
        return Ok(());
    }
    let mut walk = Walk::default();
    let mut reached = Vec::new();
    walk_deeper(ctx, from, spec, binding, &mut walk, &mut reached, f)
}

/// One level of [`walks_each`]: `walk` holds the edges so far and `reached` the node after each.
fn walk_deeper(
    ctx: &Ctx,
    node: NodeKey,
    spec: &RelSpec,
    binding: &mut Binding,
    walk: &mut Walk,
    reached: &mut Vec<NodeKey>,
    f: &mut dyn FnMut(&mut Binding, &Walk) -> Result<(), EvalError>,
) -> Result<(), EvalError> {
    ctx.check_cancel()?;
    let len = u32::try_from(walk.edges.len()).unwrap_or(u32::MAX);
    if len >= spec.min {
        walk.inner.clear();
        walk.inner
            .extend_from_slice(&reached[..reached.len().saturating_sub(1)]);
        walk.end = Some(node);
        f(binding, walk)?;
    }
    if len >= spec.max {
        return Ok(());
    }
    for (edge, next) in neighbours(ctx, node, spec) {
        if walk.edges.contains(&edge) || binding.used.contains(&edge) {
            continue;
        }
        walk.edges.push(edge);
        reached.push(next);
        walk_deeper(ctx, next, spec, binding, walk, reached, f)?;
        walk.edges.pop();
        reached.pop();
    }
    Ok(())
}

/// Binds the relationship variable (an edge, or a list for variable length) and marks the
/// walk's edges used. `walk` is as found, read left to right when `forward`.
pub(super) fn bind_rel(
    binding: &mut Binding,
    ctx: &Ctx,
    rel: &RelPattern,
    walk: &Walk,
    forward: bool,
    var_length: bool,
) -> Result<bool, EvalError> {
    binding.used.extend(&walk.edges);
    let Some(slot) = rel.var.as_ref().and_then(|v| ctx.slot(&v.name)) else {
        return Ok(true);
    };
    let value = match (var_length, walk.edges.first()) {
        (true, _) if forward => Value::List(walk.edges.iter().map(|e| Value::Edge(*e)).collect()),
        (true, _) => Value::List(walk.edges.iter().rev().map(|e| Value::Edge(*e)).collect()),
        (false, Some(edge)) => Value::Edge(*edge),
        (false, None) => return Ok(false),
    };
    Ok(binding.bind(slot, value))
}

/// Binds `key` at chain position `n` if it fits the node pattern.
pub(super) fn bind_node(
    ctx: &Ctx,
    binding: &mut Binding,
    trail: &mut Trail,
    n: usize,
    pattern: &NodePattern,
    key: NodeKey,
) -> Result<bool, EvalError> {
    let unconstrained = pattern.labels.is_empty() && pattern.props.is_empty();
    if !unconstrained && !node_fits(ctx, &binding.row, pattern, key)? {
        return Ok(false);
    }
    let slot = pattern.var.as_ref().and_then(|v| ctx.slot(&v.name));
    if let Some(slot) = slot
        && !binding.bind(slot, Value::Node(key))
    {
        return Ok(false);
    }
    trail.nodes[n] = Some(key);
    Ok(true)
}

pub(super) fn node_fits(
    ctx: &Ctx,
    row: &Row,
    pattern: &NodePattern,
    key: NodeKey,
) -> Result<bool, EvalError> {
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
        if !property_equals(ctx, key, &k.name, &wanted) {
            return Ok(false);
        }
    }
    Ok(true)
}

/// `node.key = wanted`, without copying the common string properties.
fn property_equals(ctx: &Ctx, node: NodeKey, key: &str, wanted: &Value) -> bool {
    let entity = ctx.graph.entity(node);
    match (key, wanted) {
        ("name", Value::String(s)) => *s == entity.name,
        ("id", Value::String(s)) => *s == entity.id,
        _ => equals(&node_property(ctx.graph, node, key), wanted) == Some(true),
    }
}
