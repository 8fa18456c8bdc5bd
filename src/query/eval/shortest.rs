//! `shortestPath` and `allShortestPaths`: breadth-first search between candidate ends.
//!
//! The search from each start stops after the level where every candidate end was reached, and
//! checks the cancel flag for every node it expands.

use super::Ctx;
use super::pattern::{
    Binding, Emit, Hint, RelSpec, SHORTEST_MAX_HOPS, Trail, Walk, bind_node, bind_rel, neighbours,
    node_candidates, rel_spec,
};
use crate::graph::{EdgeKey, NodeKey};
use crate::query::ast::{Direction, NodePattern, PathKind, Pattern};
use crate::query::error::EvalError;

/// Matches a one-relationship pattern by shortest paths between each pair of candidate ends.
pub(super) fn match_shortest(
    ctx: &Ctx,
    binding: &mut Binding,
    trail: &mut Trail,
    pattern: &Pattern,
    nodes: &[&NodePattern],
    hints: &[Hint],
    emit: &mut Emit,
) -> Result<(), EvalError> {
    let (Some((rel, _)), [left, right]) = (pattern.chain.steps.first(), nodes) else {
        return Ok(());
    };
    let all = pattern.kind == PathKind::AllShortest;
    let starts = node_candidates(ctx, &binding.row, left, hints)?;
    let ends = node_candidates(ctx, &binding.row, right, hints)?;
    let spec = rel_spec(ctx, &binding.row, rel, true, true)?;
    let bound = ctx.graph.node_bound();
    let mut tree = Tree::new(bound, &ends);
    // One end: search from both sides, far cheaper on a graph with hubs.
    let mut back = (ends.len() == 1).then(|| (Tree::new(bound, &[]), reversed(&spec)));
    for start in starts {
        let mark = binding.mark();
        if bind_node(ctx, binding, trail, 0, left, start)? {
            let mut met = Vec::new();
            match (&mut back, ends.first()) {
                (Some((back_tree, back_spec)), Some(end)) => {
                    let trees = (&mut tree, back_tree);
                    met = between(ctx, trees, (start, *end), (&spec, back_spec), binding, all)?;
                }
                _ => search(ctx, &mut tree, start, &spec, &binding.used)?,
            }
            for end in &ends {
                let with_start = binding.mark();
                if bind_node(ctx, binding, trail, 1, right, *end)? {
                    let walks = match back {
                        Some(_) => std::mem::take(&mut met),
                        None => tree.walks_to(*end, all, spec.min),
                    };
                    for walk in walks {
                        let with_end = binding.mark();
                        if bind_rel(binding, ctx, rel, &walk, true, spec.var_length)? {
                            trail.hops[0] = walk;
                            emit(binding, trail)?;
                        }
                        binding.restore(with_end);
                    }
                }
                binding.restore(with_start);
            }
        }
        binding.restore(mark);
    }
    Ok(())
}

/// A breadth-first tree over per-node arrays: each reached node's depth and its predecessors
/// one level up, as linked lists in `links`. The arrays are reused from start to start.
struct Tree {
    start: Option<NodeKey>,
    depth: Vec<u32>,
    /// Per node, the index in `links` of its last predecessor, or `NONE`.
    head: Vec<u32>,
    /// `(predecessor, edge, index of the previous entry or NONE)`.
    links: Vec<(NodeKey, EdgeKey, u32)>,
    /// Nodes whose entries are set, to reset them.
    reached: Vec<NodeKey>,
    /// The candidate ends, when they are fewer than all nodes: the search stops once the level
    /// that reaches the last of them is done.
    targets: Option<Vec<bool>>,
    n_targets: usize,
}

const NONE: u32 = u32::MAX;

impl Tree {
    fn new(bound: usize, ends: &[NodeKey]) -> Tree {
        let targets = (!ends.is_empty() && ends.len() < bound).then(|| {
            let mut targets = vec![false; bound];
            ends.iter().for_each(|end| targets[end.index()] = true);
            targets
        });
        Tree {
            start: None,
            depth: vec![NONE; bound],
            head: vec![NONE; bound],
            links: Vec::new(),
            reached: Vec::new(),
            n_targets: targets.iter().flatten().filter(|t| **t).count(),
            targets,
        }
    }

    fn reset(&mut self, start: NodeKey) {
        for node in self.reached.drain(..) {
            self.depth[node.index()] = NONE;
            self.head[node.index()] = NONE;
        }
        self.links.clear();
        self.start = Some(start);
        self.depth[start.index()] = 0;
        self.reached.push(start);
    }
}

fn search(
    ctx: &Ctx,
    tree: &mut Tree,
    start: NodeKey,
    spec: &RelSpec,
    used: &[EdgeKey],
) -> Result<(), EvalError> {
    tree.reset(start);
    let is_target = |t: &Tree, at: usize| t.targets.as_ref().is_some_and(|t| t[at]);
    let mut missing = tree.n_targets - usize::from(is_target(tree, start.index()));
    let bounded = tree.targets.is_some();
    let mut frontier = vec![start];
    let mut level = 0;
    while !frontier.is_empty() && level < spec.max && (!bounded || missing > 0) {
        level += 1;
        frontier = tree.expand(ctx, &frontier, level, spec, used)?;
        missing -= frontier
            .iter()
            .filter(|n| is_target(tree, n.index()))
            .count();
    }
    let cut = !frontier.is_empty() && (!bounded || missing > 0);
    if cut && spec.open && level == spec.max {
        warn_limited(ctx);
    }
    Ok(())
}

impl Tree {
    /// Reaches the nodes one hop past `frontier` (the nodes at depth `level - 1`) and returns
    /// those new at depth `level`, recording every predecessor of each.
    fn expand(
        &mut self,
        ctx: &Ctx,
        frontier: &[NodeKey],
        level: u32,
        spec: &RelSpec,
        used: &[EdgeKey],
    ) -> Result<Vec<NodeKey>, EvalError> {
        let mut next = Vec::new();
        for &node in frontier {
            ctx.check_cancel()?;
            for (edge, other) in neighbours(ctx, node, spec) {
                if used.contains(&edge) {
                    continue;
                }
                let at = other.index();
                if self.depth[at] == NONE {
                    self.depth[at] = level;
                    self.reached.push(other);
                    next.push(other);
                } else if self.depth[at] != level {
                    continue;
                }
                let previous = self.head[at];
                self.head[at] = u32::try_from(self.links.len()).unwrap_or(NONE);
                self.links.push((node, edge, previous));
            }
        }
        Ok(next)
    }

    /// Predecessors of `node`, in the order they were found.
    fn parents(&self, node: NodeKey) -> Vec<(NodeKey, EdgeKey)> {
        let mut out = Vec::new();
        let mut at = self.head[node.index()];
        while at != NONE {
            let (parent, edge, previous) = self.links[at as usize];
            out.push((parent, edge));
            at = previous;
        }
        out.reverse();
        out
    }

    /// The shortest walks from the start to `end` (only the first unless `all`).
    fn walks_to(&self, end: NodeKey, all: bool, min: u32) -> Vec<Walk> {
        let depth = self.depth[end.index()];
        if depth == NONE || depth < min {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut stack = vec![(end, Vec::new(), Vec::new())];
        while let Some((node, edges, nodes)) = stack.pop() {
            if Some(node) == self.start {
                out.push(finish(edges, nodes, end));
                if !all {
                    break;
                }
                continue;
            }
            for (parent, edge) in self.parents(node).into_iter().rev() {
                let mut edges: Vec<EdgeKey> = edges.clone();
                edges.push(edge);
                let mut nodes: Vec<NodeKey> = nodes.clone();
                nodes.push(parent);
                stack.push((parent, edges, nodes));
            }
        }
        out
    }
}

/// The spec for searching backwards from the end: arrows reversed.
fn reversed(spec: &RelSpec) -> RelSpec {
    RelSpec {
        types: spec.types.clone(),
        direction: match spec.direction {
            Direction::Right => Direction::Left,
            Direction::Left => Direction::Right,
            Direction::Both => Direction::Both,
        },
        props: spec.props.clone(),
        ..*spec
    }
}

/// The shortest walks from `start` to `end` (only the first unless `all`), searching from both
/// ends and expanding the smaller frontier each time. Every shortest walk passes through a node
/// of the level where the searches first meet; walks are given by those nodes in id order.
fn between(
    ctx: &Ctx,
    (forward, backward): (&mut Tree, &mut Tree),
    (start, end): (NodeKey, NodeKey),
    (spec, back_spec): (&RelSpec, &RelSpec),
    binding: &Binding,
    all: bool,
) -> Result<Vec<Walk>, EvalError> {
    forward.reset(start);
    backward.reset(end);
    if start == end {
        let empty = Walk {
            end: Some(end),
            ..Walk::default()
        };
        return Ok(if spec.min == 0 {
            vec![empty]
        } else {
            Vec::new()
        });
    }
    let used = &binding.used;
    let (mut ahead, mut behind) = (vec![start], vec![end]);
    let (mut a, mut b) = (0, 0);
    let mut meeting = loop {
        if ahead.is_empty() || behind.is_empty() {
            return Ok(Vec::new());
        }
        if a + b >= spec.max {
            if spec.open {
                warn_limited(ctx);
            }
            return Ok(Vec::new());
        }
        let (new, other) = if ahead.len() <= behind.len() {
            a += 1;
            ahead = forward.expand(ctx, &ahead, a, spec, used)?;
            (&ahead, &*backward)
        } else {
            b += 1;
            behind = backward.expand(ctx, &behind, b, back_spec, used)?;
            (&behind, &*forward)
        };
        let met: Vec<NodeKey> = new
            .iter()
            .copied()
            .filter(|n| other.depth[n.index()] != NONE)
            .collect();
        if !met.is_empty() {
            break met;
        }
    };
    if a + b < spec.min {
        return Ok(Vec::new());
    }
    ctx.graph.sort_by_id(&mut meeting);
    let mut out = Vec::new();
    for middle in meeting {
        for first in forward.walks_to(middle, all, 0) {
            for second in backward.walks_to(middle, all, 0) {
                out.push(join(first.clone(), middle, second, (start, end)));
                if !all {
                    return Ok(out);
                }
            }
        }
    }
    Ok(out)
}

/// `first` (start to `middle`) then `second` read backwards (`middle` to end).
fn join(mut first: Walk, middle: NodeKey, second: Walk, (start, end): (NodeKey, NodeKey)) -> Walk {
    if middle != start && middle != end {
        first.inner.push(middle);
    }
    first.edges.extend(second.edges.iter().rev());
    first.inner.extend(second.inner.iter().rev());
    first.end = Some(end);
    first
}

fn warn_limited(ctx: &Ctx) {
    ctx.warn(format!(
        "shortest path search limited to {SHORTEST_MAX_HOPS} hops; give an upper bound such as *..{} to search further",
        SHORTEST_MAX_HOPS * 2
    ));
}

/// Turns a walk collected from the end back to the start into start-to-end order.
fn finish(mut edges: Vec<EdgeKey>, mut nodes: Vec<NodeKey>, end: NodeKey) -> Walk {
    edges.reverse();
    nodes.pop();
    nodes.reverse();
    Walk {
        edges,
        inner: nodes,
        end: Some(end),
    }
}
