//! RETURN and WITH: projection, implicit grouping with aggregates, DISTINCT, ORDER BY, SKIP, LIMIT.
//!
//! A [`Projector`] takes rows one at a time, so a MATCH can stream into it: with aggregates it
//! keeps one entry per group (see `aggregate.rs`), without them the projected values (and the
//! input row only when ORDER BY may need it). Without ORDER BY or DISTINCT, values go straight
//! into one flat vector: no allocation per row, and none at all past SKIP + LIMIT; columns that
//! take one step from a variable (`b.name`) are evaluated a batch at a time (`steps.rs`).

use super::aggregate::{Acc, FxBuild, FxHasher, hash_value};
use super::expr::{AggValues, agg_key, eval, eval_with};
use super::pattern::RowSink;
use super::steps::{BATCH, Step, finish_batch, step_of};
use super::{Ctx, Row};
use crate::query::ast::{Expr, Projection};
use crate::query::error::EvalError;
use crate::query::resolve::{Column, aggregate_calls, has_aggregate};
use crate::query::value::{OrdKey, Value, total_order, total_order_slices};
use std::collections::{BTreeSet, HashMap};
use std::hash::Hasher as _;

/// Output rows laid one after another, `width` values each.
pub(crate) struct Cells {
    pub width: usize,
    pub n_rows: usize,
    pub values: Vec<Value>,
}

impl Cells {
    fn from_projected(width: usize, projected: impl Iterator<Item = Projected>) -> Cells {
        let mut cells = Cells {
            width,
            n_rows: 0,
            values: Vec::new(),
        };
        for projected in projected {
            cells.values.extend(projected.values);
            cells.n_rows += 1;
        }
        cells
    }
}

/// A MATCH streaming into a [`Projector`].
pub(crate) struct Feed<'f, 'a, 'g> {
    pub ctx: &'f Ctx<'g>,
    pub projector: &'f mut Projector<'a>,
}

impl RowSink for Feed<'_, '_, '_> {
    fn push(&mut self, row: &Row) -> Result<(), EvalError> {
        self.projector.push(self.ctx, row)
    }

    fn expect(&mut self, rows: usize) {
        self.projector.expect(self.ctx, rows);
    }
}

/// Projects `rows` onto `columns`.
pub(crate) fn project(
    ctx: &Ctx,
    rows: Vec<Row>,
    p: &Projection,
    columns: &[Column],
) -> Result<Cells, EvalError> {
    let mut projector = Projector::new(ctx, p, columns);
    for row in rows {
        ctx.check_cancel()?;
        projector.push(ctx, &row)?;
    }
    projector.finish(ctx)
}

/// One output row before ORDER BY: its column values, the input row it came from (a group's
/// first row when aggregating; empty when nothing will read it) and, when aggregating, the
/// group's aggregate values, which ORDER BY also reads (`ORDER BY count(*)` not returned).
struct Projected {
    values: Vec<Value>,
    row: Row,
    aggs: Option<AggValues>,
}

/// A RETURN or WITH being fed rows.
pub(crate) struct Projector<'a> {
    p: &'a Projection,
    columns: &'a [Column],
    /// Per column, whether it is a grouping key (has no aggregate).
    is_key: Vec<bool>,
    /// Aggregate calls of the columns and the ORDER BY keys; empty when not aggregating.
    calls: Vec<&'a Expr>,
    plain: Vec<Projected>,
    /// Without ORDER BY and DISTINCT: the values of the rows so far, one row after another.
    streamed: Vec<Value>,
    n_streamed: usize,
    /// Per column, its step when it takes one from a variable (streaming only).
    steps: Vec<Option<Step<'a>>>,
    /// Streamed rows before this one have their step columns evaluated.
    batch_start: usize,
    /// SKIP + LIMIT once read (`Some(None)`: no limit or an invalid one, reported at the end).
    keep: Option<Option<usize>>,
    /// Hash of a group's key values -> the groups with that hash.
    index: HashMap<u64, Vec<usize>, FxBuild>,
    /// The current row's key values, reused from row to row.
    scratch: Vec<Value>,
    groups: Vec<(Vec<Value>, Row, Vec<Acc>)>,
}

impl<'a> Projector<'a> {
    /// A projector for `p`, whose resolved columns are `columns`.
    pub fn new(ctx: &Ctx, p: &'a Projection, columns: &'a [Column]) -> Self {
        let mut calls = Vec::new();
        if columns.iter().any(|c| has_aggregate(&c.expr)) {
            let exprs = columns.iter().map(|c| &c.expr);
            exprs
                .chain(p.order.iter().map(|o| &o.expr))
                .for_each(|e| aggregate_calls(e, &mut calls));
        }
        Projector {
            p,
            columns,
            is_key: columns.iter().map(|c| !has_aggregate(&c.expr)).collect(),
            calls,
            plain: Vec::new(),
            streamed: Vec::new(),
            n_streamed: 0,
            steps: columns.iter().map(|c| step_of(ctx, &c.expr)).collect(),
            batch_start: 0,
            keep: None,
            index: HashMap::default(),
            scratch: Vec::new(),
            groups: Vec::new(),
        }
    }

    fn aggregating(&self) -> bool {
        !self.calls.is_empty()
    }

    fn streaming(&self) -> bool {
        !self.aggregating() && self.p.order.is_empty() && !self.p.distinct
    }

    /// Takes one input row.
    pub fn push(&mut self, ctx: &Ctx, row: &Row) -> Result<(), EvalError> {
        if self.streaming() {
            let keep = match self.keep {
                Some(keep) => keep,
                None => self.keep(ctx),
            };
            if keep.is_some_and(|keep| self.n_streamed >= keep) {
                return Ok(());
            }
            for (column, step) in self.columns.iter().zip(&self.steps) {
                self.streamed.push(match step {
                    // Nodes and edges, the usual values here, copied without a call.
                    Some(step) => match row.get(step.slot()) {
                        Some(Value::Node(node)) => Value::Node(*node),
                        Some(Value::Edge(edge)) => Value::Edge(*edge),
                        other => other.cloned().unwrap_or(Value::Null),
                    },
                    None => eval(ctx, row, &column.expr)?,
                });
            }
            self.n_streamed += 1;
            if self.n_streamed - self.batch_start == BATCH {
                self.finish_batch(ctx)?;
            }
            return Ok(());
        }
        if !self.aggregating() {
            let values = self
                .columns
                .iter()
                .map(|c| eval(ctx, row, &c.expr))
                .collect::<Result<Vec<_>, _>>()?;
            let row = match self.p.order.is_empty() {
                true => Vec::new(),
                false => row.clone(),
            };
            self.plain.push(Projected {
                values,
                row,
                aggs: None,
            });
            return Ok(());
        }
        self.scratch.clear();
        for (column, _) in self.columns.iter().zip(&self.is_key).filter(|(_, k)| **k) {
            self.scratch.push(eval(ctx, row, &column.expr)?);
        }
        let mut hasher = FxHasher::default();
        self.scratch.iter().for_each(|v| hash_value(v, &mut hasher));
        let bucket = self.index.entry(hasher.finish()).or_default();
        let groups = &self.groups;
        let found = bucket
            .iter()
            .copied()
            .find(|n| total_order_slices(&groups[*n].0, &self.scratch).is_eq());
        let n = match found {
            Some(n) => n,
            None => {
                let accs = self.calls.iter().map(|call| Acc::new(call)).collect();
                self.groups.push((self.scratch.clone(), row.clone(), accs));
                bucket.push(self.groups.len() - 1);
                self.groups.len() - 1
            }
        };
        let accs = &mut self.groups[n].2;
        for (acc, call) in accs.iter_mut().zip(&self.calls) {
            acc.push(ctx, row, call)?;
        }
        Ok(())
    }

    /// SKIP + LIMIT, when both are valid (streaming only).
    fn keep(&mut self, ctx: &Ctx) -> Option<usize> {
        *self.keep.get_or_insert_with(|| {
            let skip = count(ctx, self.p.skip.as_ref(), "SKIP").ok()?.unwrap_or(0);
            let limit = count(ctx, self.p.limit.as_ref(), "LIMIT").ok()??;
            Some(skip.saturating_add(limit))
        })
    }

    /// Makes room for up to `rows` more streamed rows (growing the values vector by doubling
    /// copies it about once over).
    pub fn expect(&mut self, ctx: &Ctx, rows: usize) {
        if !self.streaming() {
            return;
        }
        let room = match self.keep(ctx) {
            Some(keep) => rows.min(keep.saturating_sub(self.n_streamed)),
            None => rows,
        };
        self.streamed
            .reserve(room.saturating_mul(self.columns.len()));
    }

    fn finish_batch(&mut self, ctx: &Ctx) -> Result<(), EvalError> {
        let width = self.columns.len();
        let batch = &mut self.streamed[self.batch_start * width..];
        finish_batch(ctx, &self.steps, batch, width)?;
        self.batch_start = self.n_streamed;
        Ok(())
    }

    /// The projected rows after DISTINCT, ORDER BY, SKIP and LIMIT.
    pub fn finish(mut self, ctx: &Ctx) -> Result<Cells, EvalError> {
        let (p, columns) = (self.p, self.columns);
        let width = columns.len();
        if self.streaming() {
            self.finish_batch(ctx)?;
            let skip = count(ctx, p.skip.as_ref(), "SKIP")?.unwrap_or(0);
            let limit = count(ctx, p.limit.as_ref(), "LIMIT")?.unwrap_or(usize::MAX);
            let mut values = self.streamed;
            let n_rows = self.n_streamed.saturating_sub(skip).min(limit);
            let first = skip.min(self.n_streamed) * width;
            values.truncate(first + n_rows * width);
            values.drain(..first);
            return Ok(Cells {
                width,
                n_rows,
                values,
            });
        }
        let mut projected = if self.aggregating() {
            self.groups_out(ctx)?
        } else {
            self.plain
        };
        if p.distinct {
            let mut seen = BTreeSet::new();
            projected.retain(|projected| seen.insert(OrdKey(projected.values.clone())));
        }
        let skip = count(ctx, p.skip.as_ref(), "SKIP")?.unwrap_or(0);
        let limit = count(ctx, p.limit.as_ref(), "LIMIT")?.unwrap_or(usize::MAX);
        if !p.order.is_empty() {
            projected = sort(ctx, projected, p, columns, skip.saturating_add(limit))?;
        }
        Ok(Cells::from_projected(
            width,
            projected.into_iter().skip(skip).take(limit),
        ))
    }

    fn groups_out(self, ctx: &Ctx) -> Result<Vec<Projected>, EvalError> {
        let mut groups = self.groups;
        if groups.is_empty() && !self.is_key.contains(&true) {
            let accs = self.calls.iter().map(|call| Acc::new(call)).collect();
            groups.push((Vec::new(), ctx.empty_row(), accs));
        }
        let mut out = Vec::with_capacity(groups.len());
        for (key, row, accs) in groups {
            ctx.check_cancel()?;
            let mut aggs = AggValues::with_capacity(self.calls.len());
            for (acc, call) in accs.into_iter().zip(&self.calls) {
                aggs.push((agg_key(call), acc.finish()?));
            }
            let mut key = key.into_iter();
            let mut values = Vec::with_capacity(self.columns.len());
            for (column, is_key) in self.columns.iter().zip(&self.is_key) {
                values.push(match is_key {
                    true => key.next().unwrap_or(Value::Null),
                    false => eval_with(ctx, &row, &column.expr, Some(&aggs))?,
                });
            }
            out.push(Projected {
                values,
                row,
                aggs: Some(aggs),
            });
        }
        Ok(out)
    }
}

/// Turns projected values into rows for the next clause: only the columns' slots are set.
pub(crate) fn to_rows(ctx: &Ctx, projected: Cells, columns: &[Column]) -> Vec<Row> {
    let mut values = projected.values.into_iter();
    (0..projected.n_rows)
        .map(|_| {
            let mut row = ctx.empty_row();
            for (column, value) in columns.iter().zip(values.by_ref().take(projected.width)) {
                if let Some(slot) = column.slot {
                    row[slot] = value;
                }
            }
            row
        })
        .collect()
}

fn count(ctx: &Ctx, e: Option<&Expr>, clause: &'static str) -> Result<Option<usize>, EvalError> {
    let Some(e) = e else {
        return Ok(None);
    };
    match eval(ctx, &ctx.empty_row(), e)? {
        Value::Int(n) if n >= 0 => Ok(Some(usize::try_from(n).unwrap_or(usize::MAX))),
        other => Err(EvalError::BadCount {
            clause,
            found: match other {
                Value::Int(n) => n.to_string(),
                other => other.type_name().to_string(),
            },
        }),
    }
}

/// Sorts by the ORDER BY keys, ties in input order; a key equal to a column's expression reads
/// that column. Only the first `keep` rows are needed, so a short LIMIT sorts only those.
fn sort(
    ctx: &Ctx,
    projected: Vec<Projected>,
    p: &Projection,
    columns: &[Column],
    keep: usize,
) -> Result<Vec<Projected>, EvalError> {
    let mut keyed = Vec::with_capacity(projected.len());
    for (position, projected) in projected.into_iter().enumerate() {
        ctx.check_cancel()?;
        let mut keys = Vec::with_capacity(p.order.len());
        let mut order_row: Option<Row> = None;
        for item in &p.order {
            let alias = |c: &Column| matches!(&item.expr, Expr::Var(v) if c.slot.is_some() && v.name == c.name);
            if let Some(n) = columns.iter().position(|c| c.expr == item.expr || alias(c)) {
                keys.push(projected.values[n].clone());
                continue;
            }
            let row = order_row.get_or_insert_with(|| {
                let mut row = projected.row.clone();
                for (column, value) in columns.iter().zip(&projected.values) {
                    if let Some(slot) = column.slot {
                        row[slot] = value.clone();
                    }
                }
                row
            });
            keys.push(eval_with(ctx, row, &item.expr, projected.aggs.as_ref())?);
        }
        keyed.push((keys, position, projected));
    }
    let compare = |(a, x, _): &(Vec<Value>, usize, Projected), (b, y, _): &(_, usize, _)| {
        for ((u, v), item) in a.iter().zip(b).zip(&p.order) {
            let order = total_order(u, v);
            let order = if item.descending {
                order.reverse()
            } else {
                order
            };
            if order.is_ne() {
                return order;
            }
        }
        x.cmp(y)
    };
    if keep < keyed.len() / 2 && keep > 0 {
        keyed.select_nth_unstable_by(keep - 1, compare);
        keyed.truncate(keep);
    }
    keyed.sort_unstable_by(compare);
    Ok(keyed
        .into_iter()
        .map(|(_, _, projected)| projected)
        .collect())
}
