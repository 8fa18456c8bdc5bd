//! `shortestPath` and `allShortestPaths`: breadth-first search between candidate ends.

use super::Ctx;
use super::pattern::{
    Hint, Partial, RelSpec, Walk, bind_node, bind_rel, neighbours, node_candidates, rel_spec,
};
use crate::graph::{EdgeKey, NodeKey};
use crate::query::ast::{NodePattern, PathKind, Pattern};
use crate::query::error::EvalError;
use std::collections::HashMap;

/// Matches a one-relationship pattern by shortest paths between each pair of candidate ends.
pub(super) fn match_shortest(
    ctx: &Ctx,
    partial: Partial,
    pattern: &Pattern,
    nodes: &[&NodePattern],
    hints: &[Hint],
) -> Result<Vec<Partial>, EvalError> {
    let (Some((rel, _)), [left, right]) = (pattern.chain.steps.first(), nodes) else {
        return Ok(Vec::new());
    };
    let all = pattern.kind == PathKind::AllShortest;
    let starts = node_candidates(ctx, &partial.row, left, hints)?;
    let ends = node_candidates(ctx, &partial.row, right, hints)?;
    let spec = rel_spec(ctx, &partial.row, rel, true, true)?;
    let mut out = Vec::new();
    for start in starts {
        let mut with_start = partial.clone();
        if !bind_node(ctx, &mut with_start, 0, left, start)? {
            continue;
        }
        let tree = search(ctx, start, &spec, &with_start.used)?;
        for end in &ends {
            let mut with_end = with_start.clone();
            if !bind_node(ctx, &mut with_end, 1, right, *end)? {
                continue;
            }
            for walk in tree.walks_to(*end, all, spec.min) {
                let mut next = with_end.clone();
                if bind_rel(&mut next, ctx, rel, &walk, spec.var_length)? {
                    next.hops[0] = walk;
                    out.push(next);
                }
            }
        }
    }
    Ok(out)
}

/// A breadth-first tree: each reached node's depth and its predecessors one level up.
struct Tree {
    start: NodeKey,
    depth: HashMap<NodeKey, u32>,
    parents: HashMap<NodeKey, Vec<(NodeKey, EdgeKey)>>,
}

fn search(ctx: &Ctx, start: NodeKey, spec: &RelSpec, used: &[EdgeKey]) -> Result<Tree, EvalError> {
    let mut tree = Tree {
        start,
        depth: HashMap::from([(start, 0)]),
        parents: HashMap::new(),
    };
    let mut frontier = vec![start];
    let mut level = 0;
    while !frontier.is_empty() && level < spec.max {
        level += 1;
        let mut next = Vec::new();
        for node in frontier {
            ctx.check_cancel()?;
            for (edge, other) in neighbours(ctx, node, spec, used) {
                match tree.depth.get(&other) {
                    None => {
                        tree.depth.insert(other, level);
                        tree.parents.insert(other, vec![(node, edge)]);
                        next.push(other);
                    }
                    Some(d) if *d == level => {
                        tree.parents.entry(other).or_default().push((node, edge))
                    }
                    Some(_) => {}
                }
            }
        }
        frontier = next;
    }
    Ok(tree)
}

impl Tree {
    /// The shortest walks from the start to `end` (only the first unless `all`).
    fn walks_to(&self, end: NodeKey, all: bool, min: u32) -> Vec<Walk> {
        let Some(depth) = self.depth.get(&end) else {
            return Vec::new();
        };
        if *depth < min {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut stack = vec![(end, Vec::new(), Vec::new())];
        while let Some((node, edges, nodes)) = stack.pop() {
            if node == self.start {
                out.push(finish(edges, nodes, end));
                if !all {
                    break;
                }
                continue;
            }
            for (parent, edge) in self.parents.get(&node).into_iter().flatten().rev() {
                let mut edges: Vec<EdgeKey> = edges.clone();
                edges.push(*edge);
                let mut nodes: Vec<NodeKey> = nodes.clone();
                nodes.push(*parent);
                stack.push((*parent, edges, nodes));
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
