//! Where a node pattern's candidate nodes come from: a bound variable, the id or name index
//! (also fed by `WHERE v.name = constant`), the type index, or every node; sizes are estimated
//! before any list is built, and lists come sorted by id.

use super::expr::eval;
use super::{Ctx, Row};
use crate::graph::NodeKey;
use crate::model::EntityType;
use crate::query::ast::{BinaryOp, Expr, NodePattern};
use crate::query::error::EvalError;
use crate::query::value::Value;

/// A node property wanted equal to a constant, used to pick candidates: `(variable, key, value)`.
pub(super) type Hint = (String, &'static str, Value);

/// Where a node pattern's candidates come from, cheapest first.
pub(super) enum Candidates {
    /// A bound variable or an index hit.
    Keys(Vec<NodeKey>),
    /// Every node of a type.
    Label(EntityType),
    /// Every node.
    All,
}

impl Candidates {
    /// How many nodes this gives, without building the list.
    pub fn estimate(&self, ctx: &Ctx) -> usize {
        match self {
            Candidates::Keys(keys) => keys.len(),
            Candidates::Label(t) => ctx.graph.nodes_of_type(*t).len(),
            Candidates::All => ctx.graph.node_count(),
        }
    }

    /// The nodes, sorted by id.
    pub fn into_sorted(self, ctx: &Ctx) -> Vec<NodeKey> {
        let graph = ctx.graph;
        match self {
            Candidates::Keys(mut keys) => {
                graph.sort_by_id(&mut keys);
                keys.dedup();
                keys
            }
            // A small type is sorted; a large one is filtered out of the id order.
            Candidates::Label(t) if graph.nodes_of_type(t).len() * 8 < graph.node_count() => {
                Candidates::Keys(graph.nodes_of_type(t).to_vec()).into_sorted(ctx)
            }
            Candidates::Label(t) => graph
                .nodes_by_id()
                .iter()
                .copied()
                .filter(|n| graph.entity(*n).entity_type == t)
                .collect(),
            Candidates::All => graph.nodes_by_id().to_vec(),
        }
    }
}

/// Candidate nodes for a node pattern: a bound variable, an id or name index hit, a label's
/// nodes, or every node; sorted by id.
pub(super) fn node_candidates(
    ctx: &Ctx,
    row: &Row,
    pattern: &NodePattern,
    hints: &[Hint],
) -> Result<Vec<NodeKey>, EvalError> {
    Ok(candidates(ctx, row, pattern, hints)?.into_sorted(ctx))
}

pub(super) fn candidates(
    ctx: &Ctx,
    row: &Row,
    pattern: &NodePattern,
    hints: &[Hint],
) -> Result<Candidates, EvalError> {
    let graph = ctx.graph;
    if let Some(name) = &pattern.var {
        match ctx.slot(&name.name).and_then(|s| row.get(s)) {
            Some(Value::Node(key)) => return Ok(Candidates::Keys(vec![*key])),
            Some(Value::Null) | None => {}
            Some(_) => return Ok(Candidates::Keys(Vec::new())),
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
    Ok(match (indexed, pattern.labels.first()) {
        (Some(found), _) => Candidates::Keys(found),
        (None, Some(label)) => match EntityType::from_label(&label.name) {
            Some(t) => Candidates::Label(t),
            None => Candidates::Keys(Vec::new()),
        },
        (None, None) => Candidates::All,
    })
}

/// `var.name = constant` and `var.id = constant` conjuncts of a WHERE, for candidate lookup.
pub(super) fn where_hints(ctx: &Ctx, condition: &Expr) -> Vec<Hint> {
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
