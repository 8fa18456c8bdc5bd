//! Projection columns that take one step from a variable (`v.key`, `type(v)`, `labels(v)`),
//! evaluated a batch of rows at a time.
//!
//! Such a step reads a node or an edge at a random place in the graph, which is a cache miss
//! more often than not. Row by row, the processor waits for each miss in turn; a tight loop
//! that first touches every row's node or edge lets it wait for many at once, and the values
//! are then read from the cache. The values are the ones the row-by-row evaluation gives: the
//! same functions compute them.

use super::Ctx;
use super::expr::property;
use super::func;
use crate::graph::{EdgeKey, Names};
use crate::query::ast::Expr;
use crate::query::error::EvalError;
use crate::query::resolve::is_aggregate;
use crate::query::text::Text;
use crate::query::value::Value;

/// Rows evaluated together: enough to overlap many misses, few enough to stay in the cache.
pub(super) const BATCH: usize = 256;

/// One step from the variable in `slot`.
#[derive(Clone, Copy)]
pub(super) struct Step<'a> {
    slot: usize,
    kind: Kind<'a>,
    /// The commonest steps, matched once here instead of by name on every row.
    common: Option<Common>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Common {
    /// `n.name` of a node.
    Name,
    /// `n.id` of a node.
    Id,
    /// `type(r)` or `r.type` of an edge.
    Type,
    /// `labels(n)` of a node.
    Labels,
}

#[derive(Clone, Copy)]
enum Kind<'a> {
    Property(&'a str),
    Call(&'a str),
}

/// The step `e` takes, when it is one step from a variable.
pub(super) fn step_of<'a>(ctx: &Ctx, e: &'a Expr) -> Option<Step<'a>> {
    let (base, kind) = match e {
        Expr::Property(base, key) => (base.as_ref(), Kind::Property(&key.name)),
        Expr::Call {
            name,
            distinct: false,
            args,
        } if args.len() == 1 && !is_aggregate(&name.name) => (&args[0], Kind::Call(&name.name)),
        _ => return None,
    };
    let common = match kind {
        Kind::Property("name") => Some(Common::Name),
        Kind::Property("id") => Some(Common::Id),
        Kind::Property("type") => Some(Common::Type),
        Kind::Call(name) if name.eq_ignore_ascii_case("type") => Some(Common::Type),
        Kind::Call(name) if name.eq_ignore_ascii_case("labels") => Some(Common::Labels),
        _ => None,
    };
    match base {
        Expr::Var(var) => Some(Step {
            slot: ctx.slot(&var.name)?,
            kind,
            common,
        }),
        _ => None,
    }
}

impl Step<'_> {
    /// The variable's value, to stand in the column until [`finish_batch`].
    pub fn slot(&self) -> usize {
        self.slot
    }

    fn apply(&self, ctx: &Ctx, value: Value) -> Result<Value, EvalError> {
        // The same values `property` and `func::call` give, without matching names per row.
        let graph = ctx.graph;
        match (&value, self.common) {
            (Value::Node(node), Some(Common::Name)) => {
                return Ok(Value::String(Text::from(&graph.entity(*node).name)));
            }
            (Value::Node(node), Some(Common::Id)) => {
                return Ok(Value::String(Text::from(&graph.entity(*node).id)));
            }
            (Value::Edge(edge), Some(Common::Type)) => return Ok(relation_type(*edge)),
            (Value::Node(node), Some(Common::Labels)) => {
                let label = graph.entity(*node).entity_type.label();
                return Ok(Value::List(vec![Value::String(Text::from_static(label))]));
            }
            _ => {}
        }
        match self.kind {
            Kind::Property(key) => property(ctx, value, key),
            Kind::Call(name) => func::call(ctx, name, value),
        }
    }

    /// Reads what the step will read of `value`'s node or edge: the record itself, or (`deep`)
    /// the string it points to. The sum only keeps the reads from being optimised away.
    fn touch(&self, ctx: &Ctx, value: &Value, deep: bool) -> usize {
        let first = |text: &str| usize::from(text.as_bytes().first().copied().unwrap_or(0));
        match (value, self.kind) {
            (Value::Node(node), Kind::Property("name")) if deep => {
                first(&ctx.graph.entity(*node).name)
            }
            (Value::Node(node), Kind::Property("id")) if deep => first(&ctx.graph.entity(*node).id),
            (_, _) if deep => 0,
            (Value::Node(node), _) => ctx.graph.entity(*node).name.len(),
            // The key carries the relation: `type(r)` and `r.type` read nothing.
            (Value::Edge(_), Kind::Call(_) | Kind::Property("type")) => 0,
            (Value::Edge(edge), _) => ctx.graph.fact(*edge).evidence.len(),
            _ => 0,
        }
    }
}

/// Replaces the variable values standing in the step columns of `cells` (rows of `width`
/// values, `steps[c]` for column `c`) by the steps' results.
pub(super) fn finish_batch(
    ctx: &Ctx,
    steps: &[Option<Step>],
    cells: &mut [Value],
    width: usize,
) -> Result<(), EvalError> {
    let n_rows = cells.len() / width.max(1);
    for (column, step) in steps.iter().enumerate() {
        let Some(step) = step else { continue };
        match step.common {
            Some(Common::Name) => {
                // A full batch means a large result: worth building the name column for.
                let names = ctx.graph.names(n_rows == BATCH);
                finish_names(ctx, step, names, cells, column, width)?;
                continue;
            }
            Some(Common::Type) => {
                // The key carries the relation: nothing to read first.
                for cell in cells.iter_mut().skip(column).step_by(width) {
                    *cell = match cell {
                        Value::Edge(edge) => relation_type(*edge),
                        _ => step.apply(ctx, std::mem::replace(cell, Value::Null))?,
                    };
                }
                continue;
            }
            _ => {}
        }
        // Records first, then the strings they point to: one miss per row and pass, so the
        // rows' misses overlap.
        for deep in [false, true] {
            let column_cells = cells.iter().skip(column).step_by(width);
            let touched: usize = column_cells.map(|v| step.touch(ctx, v, deep)).sum();
            std::hint::black_box(touched);
        }
        for cell in cells.iter_mut().skip(column).step_by(width) {
            let value = std::mem::replace(cell, Value::Null);
            *cell = step.apply(ctx, value)?;
        }
    }
    Ok(())
}

/// `n.name` for a column of a batch: the names are found for all rows at once (see
/// [`Names::get_many`]), then copied.
fn finish_names(
    ctx: &Ctx,
    step: &Step,
    names: Names,
    cells: &mut [Value],
    column: usize,
    width: usize,
) -> Result<(), EvalError> {
    let nodes = cells
        .iter()
        .skip(column)
        .step_by(width)
        .map(|value| match value {
            Value::Node(node) => Some(*node),
            _ => None,
        });
    let mut found = Vec::with_capacity(BATCH);
    names.get_many(nodes, &mut found);
    for (cell, name) in cells.iter_mut().skip(column).step_by(width).zip(found) {
        *cell = match name {
            Some(name) => Value::String(Text::from(name)),
            None => step.apply(ctx, std::mem::replace(cell, Value::Null))?,
        };
    }
    Ok(())
}

/// `type(r)` of an edge.
fn relation_type(edge: EdgeKey) -> Value {
    Value::String(Text::from_static(edge.relation().query_name()))
}
