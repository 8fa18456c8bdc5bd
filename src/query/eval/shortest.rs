//! `shortestPath` and `allShortestPaths`: breadth-first search between candidate ends.
//!
//! The search from each start stops after the level where every candidate end was reached, and
//! checks the cancel flag for every node it expands.

use super::Ctx;
use super::pattern::{
    Binding, Emit, Hint, RelSpec, Trail, Walk, bind_node, bind_rel, neighbours, node_candidates,
    rel_spec,
};
use crate::graph::{EdgeKey, NodeKey};
use crate::query::ast::{NodePattern, PathKind, Pattern};
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
    let mut tree = Tree::new(ctx.graph.node_bound(), &ends);
    for start in starts {
        let mark = binding.mark();
        if bind_node(ctx, binding, trail, 0, left, start)? {
            search(ctx, &mut tree, start, &spec, &binding.used)?;
            for end in &ends {
                let with_start = binding.mark();
                if bind_node(ctx, binding, trail, 1, right, *end)? {
                    for walk in tree.walks_to(*end, all, spec.min) {
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
        let targets = (ends.len() < bound).then(|| {
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
        let mut next = Vec::new();
        for node in frontier {
            ctx.check_cancel()?;
            for (edge, other) in neighbours(ctx, node, spec, used) {
                let at = other.index();
                if tree.depth[at] == NONE {
                    tree.depth[at] = level;
                    tree.reached.push(other);
                    next.push(other);
                    if is_target(tree, at) {
                        missing -= 1;
                    }
                } else if tree.depth[at] != level {
                    continue;
                }
                let previous = tree.head[at];
                tree.head[at] = u32::try_from(tree.links.len()).unwrap_or(NONE);
                tree.links.push((node, edge, previous));
            }
        }
        frontier = next;
    }
    Ok(())
}

impl Tree {
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
