//! RETURN and WITH: projection, implicit grouping with aggregates, DISTINCT, ORDER BY, SKIP, LIMIT.

use super::expr::{AggValues, agg_key, eval, eval_with};
use super::{Ctx, Row};
use crate::query::ast::{Expr, Projection};
use crate::query::error::EvalError;
use crate::query::resolve::{Column, aggregate_calls, has_aggregate};
use crate::query::value::{OrdKey, Value, total_order};
use std::collections::{BTreeMap, BTreeSet};

/// One output row before ORDER BY: its column values, the input row it came from (a group's
/// first row when aggregating) and, when aggregating, the group's aggregate values, which
/// ORDER BY also reads (`ORDER BY count(*)` with `count(*)` not returned).
struct Projected {
    values: Vec<Value>,
    row: Row,
    aggs: Option<AggValues>,
}

/// Projects `rows` onto `columns`, returning one vector of column values per output row.
pub(crate) fn project(
    ctx: &Ctx,
    rows: Vec<Row>,
    p: &Projection,
    columns: &[Column],
) -> Result<Vec<Vec<Value>>, EvalError> {
    let aggregating = columns.iter().any(|c| has_aggregate(&c.expr));
    let mut projected = if aggregating {
        aggregate(ctx, rows, columns, p)?
    } else {
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            ctx.check_cancel()?;
            let values = columns
                .iter()
                .map(|c| eval(ctx, &row, &c.expr))
                .collect::<Result<Vec<_>, _>>()?;
            out.push(Projected {
                values,
                row,
                aggs: None,
            });
        }
        out
    };
    if p.distinct {
        let mut seen = BTreeSet::new();
        projected.retain(|projected| seen.insert(OrdKey(projected.values.clone())));
    }
    if !p.order.is_empty() {
        projected = sort(ctx, projected, p, columns)?;
    }
    let skip = count(ctx, p.skip.as_ref(), "SKIP")?.unwrap_or(0);
    let limit = count(ctx, p.limit.as_ref(), "LIMIT")?.unwrap_or(usize::MAX);
    Ok(projected
        .into_iter()
        .skip(skip)
        .take(limit)
        .map(|projected| projected.values)
        .collect())
}

/// Turns projected values into rows for the next clause: only the columns' slots are set.
pub(crate) fn to_rows(ctx: &Ctx, projected: Vec<Vec<Value>>, columns: &[Column]) -> Vec<Row> {
    projected
        .into_iter()
        .map(|values| {
            let mut row = ctx.empty_row();
            for (column, value) in columns.iter().zip(values) {
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

/// Sorts by the ORDER BY keys; a key equal to a column's expression reads that column.
fn sort(
    ctx: &Ctx,
    projected: Vec<Projected>,
    p: &Projection,
    columns: &[Column],
) -> Result<Vec<Projected>, EvalError> {
    let mut keyed = Vec::with_capacity(projected.len());
    for projected in projected {
        ctx.check_cancel()?;
        let mut order_row = projected.row.clone();
        for (column, value) in columns.iter().zip(&projected.values) {
            if let Some(slot) = column.slot {
                order_row[slot] = value.clone();
            }
        }
        let mut keys = Vec::with_capacity(p.order.len());
        for item in &p.order {
            let same_column = columns.iter().position(|c| c.expr == item.expr);
            keys.push(match same_column {
                Some(n) => projected.values[n].clone(),
                None => eval_with(ctx, &order_row, &item.expr, projected.aggs.as_ref())?,
            });
        }
        keyed.push((keys, projected));
    }
    keyed.sort_by(|(a, _), (b, _)| {
        for ((x, y), item) in a.iter().zip(b).zip(&p.order) {
            let order = total_order(x, y);
            let order = if item.descending {
                order.reverse()
            } else {
                order
            };
            if order.is_ne() {
                return order;
            }
        }
        std::cmp::Ordering::Equal
    });
    Ok(keyed.into_iter().map(|(_, projected)| projected).collect())
}

/// Groups rows by the columns without aggregates and computes, per group, the aggregates of
/// the columns and of the ORDER BY keys.
fn aggregate(
    ctx: &Ctx,
    rows: Vec<Row>,
    columns: &[Column],
    p: &Projection,
) -> Result<Vec<Projected>, EvalError> {
    let is_key: Vec<bool> = columns.iter().map(|c| !has_aggregate(&c.expr)).collect();
    let mut groups: Vec<(Vec<Value>, Vec<Row>)> = Vec::new();
    let mut index: BTreeMap<OrdKey, usize> = BTreeMap::new();
    for row in rows {
        ctx.check_cancel()?;
        let mut key = Vec::new();
        for (column, _) in columns.iter().zip(&is_key).filter(|(_, k)| **k) {
            key.push(eval(ctx, &row, &column.expr)?);
        }
        let n = *index.entry(OrdKey(key.clone())).or_insert_with(|| {
            groups.push((key, Vec::new()));
            groups.len() - 1
        });
        groups[n].1.push(row);
    }
    if groups.is_empty() && !is_key.contains(&true) {
        groups.push((Vec::new(), Vec::new()));
    }
    let mut out = Vec::with_capacity(groups.len());
    for (key, rows) in groups {
        let representative = rows.first().cloned().unwrap_or_else(|| ctx.empty_row());
        let mut aggs = AggValues::new();
        let mut calls = Vec::new();
        let exprs = columns.iter().map(|c| &c.expr);
        exprs
            .chain(p.order.iter().map(|o| &o.expr))
            .for_each(|e| aggregate_calls(e, &mut calls));
        for call in calls {
            aggs.insert(agg_key(call), compute(ctx, &rows, call)?);
        }
        let mut key = key.into_iter();
        let mut values = Vec::with_capacity(columns.len());
        for (column, is_key) in columns.iter().zip(&is_key) {
            values.push(match is_key {
                true => key.next().unwrap_or(Value::Null),
                false => eval_with(ctx, &representative, &column.expr, Some(&aggs))?,
            });
        }
        out.push(Projected {
            values,
            row: representative,
            aggs: Some(aggs),
        });
    }
    Ok(out)
}

/// One aggregate over a group's rows; nulls are skipped.
fn compute(ctx: &Ctx, rows: &[Row], call: &Expr) -> Result<Value, EvalError> {
    let Expr::Call {
        name,
        distinct,
        args,
    } = call
    else {
        return Ok(Value::Int(i64::try_from(rows.len()).unwrap_or(i64::MAX)));
    };
    let mut values = Vec::new();
    for row in rows {
        ctx.check_cancel()?;
        let value = match args.first() {
            Some(arg) => eval(ctx, row, arg)?,
            None => Value::Null,
        };
        if value != Value::Null {
            values.push(value);
        }
    }
    if *distinct {
        let mut seen = BTreeSet::new();
        values.retain(|v| seen.insert(OrdKey(vec![v.clone()])));
    }
    fold(&name.name.to_lowercase(), values)
}

fn fold(name: &str, values: Vec<Value>) -> Result<Value, EvalError> {
    let min_max = |values: Vec<Value>, max: bool| {
        let best = values.into_iter().reduce(|a, b| {
            let b_wins = total_order(&b, &a).is_lt() != max;
            if b_wins { b } else { a }
        });
        best.unwrap_or(Value::Null)
    };
    match name {
        "count" => Ok(Value::Int(i64::try_from(values.len()).unwrap_or(i64::MAX))),
        "collect" => Ok(Value::List(values)),
        "min" => Ok(min_max(values, false)),
        "max" => Ok(min_max(values, true)),
        "sum" => sum(values),
        _ => average(values),
    }
}

fn sum(values: Vec<Value>) -> Result<Value, EvalError> {
    let mut total = Value::Int(0);
    for value in values {
        total = super::func::arithmetic(crate::query::ast::BinaryOp::Add, total, value)?;
    }
    match total {
        Value::Int(_) | Value::Float(_) => Ok(total),
        other => Err(EvalError::ArgumentType {
            function: "sum".into(),
            expected: "numbers",
            found: other.type_name(),
        }),
    }
}

fn average(values: Vec<Value>) -> Result<Value, EvalError> {
    if values.is_empty() {
        return Ok(Value::Null);
    }
    let n = values.len() as f64;
    match sum(values)? {
        Value::Int(total) => Ok(Value::Float(total as f64 / n)),
        Value::Float(total) => Ok(Value::Float(total / n)),
        _ => Ok(Value::Null),
    }
}
