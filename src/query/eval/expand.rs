//! A MATCH of one single-hop pattern, `(a)-[r]-(b)`, with no path variable: matched by a plain
//! loop over the start node's sorted adjacency.
//!
//! It gives the rows of the general matcher (`pattern.rs`), in its order: the same start end
//! (the smaller candidate estimate), the same candidates, neighbours and checks, each done with
//! the same variables bound. What it leaves out is the general matcher's machinery per row:
//! binding and unbinding through a log, the used-edge list (one edge cannot repeat itself),
//! variable slots looked up by name, and three dynamic calls between the levels.

use super::candidates::{Hint, candidates, node_candidates};
use super::expr::eval;
use super::pattern::{RowSink, neighbours, node_fits, rel_spec};
use super::{Ctx, Row};
use crate::query::ast::{Expr, Match, NodePattern, PathKind, RelPattern};
use crate::query::error::EvalError;
use crate::query::value::Value;

/// A MATCH the loop can take, with its variables' slots resolved once.
pub(super) struct SingleHop<'m> {
    nodes: [&'m NodePattern; 2],
    rel: &'m RelPattern,
    /// Slots of the left node, the relationship and the right node.
    slots: [Option<usize>; 3],
    where_: Option<&'m Expr>,
}

/// The loop's plan for `m`, when `m` is one plain pattern of one fixed-length hop whose
/// variables are all different.
pub(super) fn single_hop<'m>(ctx: &Ctx, m: &'m Match) -> Option<SingleHop<'m>> {
    let [pattern] = m.patterns.as_slice() else {
        return None;
    };
    let [(rel, right)] = pattern.chain.steps.as_slice() else {
        return None;
    };
    if pattern.kind != PathKind::Plain || pattern.path_var.is_some() || rel.range.is_some() {
        return None;
    }
    let left = &pattern.chain.start;
    let names = [&left.var, &rel.var, &right.var].map(|v| v.as_ref().map(|v| v.name.as_str()));
    let named: Vec<&str> = names.iter().flatten().copied().collect();
    if (1..named.len()).any(|n| named[..n].contains(&named[n])) {
        return None;
    }
    let slots = names.map(|name| name.and_then(|name| ctx.slot(name)));
    if slots
        .iter()
        .zip(&names)
        .any(|(s, n)| s.is_none() && n.is_some())
    {
        return None;
    }
    Some(SingleHop {
        nodes: [left, right],
        rel,
        slots,
        where_: m.where_.as_ref(),
    })
}

impl SingleHop<'_> {
    /// Whether `row` leaves every variable of the pattern unbound (else the general matcher
    /// checks the bound ones).
    pub fn takes(&self, row: &Row) -> bool {
        self.slots
            .iter()
            .flatten()
            .all(|slot| row.get(*slot) == Some(&Value::Null))
    }

    /// Hands every match for `row` to `sink`; returns whether there was one. `row` comes back
    /// as it went in.
    pub fn run(
        &self,
        ctx: &Ctx,
        row: &mut Row,
        hints: &[Hint],
        sink: &mut dyn RowSink,
    ) -> Result<bool, EvalError> {
        let mut estimates = [0; 2];
        for (estimate, node) in estimates.iter_mut().zip(self.nodes) {
            *estimate = candidates(ctx, row, node, hints)?.estimate(ctx);
        }
        let start = usize::from(estimates[1] < estimates[0]);
        let (from_slot, to_slot) = (self.slots[2 * start], self.slots[2 - 2 * start]);
        let to = self.nodes[1 - start];
        let result = (|| {
            let mut found = false;
            for key in node_candidates(ctx, row, self.nodes[start], hints)? {
                ctx.check_cancel()?;
                if constrained(self.nodes[start]) && !node_fits(ctx, row, self.nodes[start], key)? {
                    continue;
                }
                set(row, from_slot, Value::Node(key));
                let spec = rel_spec(ctx, row, self.rel, start == 0, false)?;
                sink.expect(ctx.graph.sorted_adjacency(key).len());
                for (edge, next) in neighbours(ctx, key, &spec) {
                    ctx.check_cancel()?;
                    set(row, self.slots[1], Value::Edge(edge));
                    if constrained(to) {
                        // Checked with the far end unbound, as the general matcher does.
                        set(row, to_slot, Value::Null);
                        if !node_fits(ctx, row, to, next)? {
                            continue;
                        }
                    }
                    set(row, to_slot, Value::Node(next));
                    if let Some(condition) = self.where_
                        && !eval(ctx, row, condition)?.is_true()
                    {
                        continue;
                    }
                    found = true;
                    sink.push(row)?;
                }
                // The next start candidate is checked with nothing bound.
                for slot in self.slots {
                    set(row, slot, Value::Null);
                }
            }
            Ok(found)
        })();
        for slot in self.slots {
            set(row, slot, Value::Null);
        }
        result
    }
}

fn constrained(pattern: &NodePattern) -> bool {
    !pattern.labels.is_empty() || !pattern.props.is_empty()
}

fn set(row: &mut Row, slot: Option<usize>, value: Value) {
    if let Some(cell) = slot.and_then(|s| row.get_mut(s)) {
        *cell = value;
    }
}
