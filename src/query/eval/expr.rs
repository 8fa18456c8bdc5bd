//! Expression evaluation: three-valued logic, comparisons, arithmetic, property access.

use super::{Ctx, Row, func, pattern};
use crate::query::ast::{BinaryOp, Expr, Literal, UnaryOp};
use crate::query::error::EvalError;
use crate::query::value::{Value, compare, edge_property, equals, node_property};
use std::cmp::Ordering;
use std::collections::BTreeMap;

/// Values of the aggregate calls of one group, keyed by the call's address in the tree.
/// A short list: a group has only a few aggregate calls.
pub(crate) type AggValues = Vec<(usize, Value)>;

/// The value of the aggregate call `e` in `aggs`.
fn agg_value<'a>(aggs: Option<&'a AggValues>, e: &Expr) -> Option<&'a Value> {
    let key = agg_key(e);
    aggs?.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
}

/// The key of an aggregate call in [`AggValues`].
pub(crate) fn agg_key(e: &Expr) -> usize {
    e as *const Expr as usize
}

/// Evaluates `e` in `row`.
pub(crate) fn eval(ctx: &Ctx, row: &Row, e: &Expr) -> Result<Value, EvalError> {
    eval_with(ctx, row, e, None)
}

/// Evaluates `e` in `row`, reading aggregate calls from `aggs`.
pub(crate) fn eval_with(
    ctx: &Ctx,
    row: &Row,
    e: &Expr,
    aggs: Option<&AggValues>,
) -> Result<Value, EvalError> {
    let sub = |e: &Expr| eval_with(ctx, row, e, aggs);
    match e {
        Expr::Literal(lit) => Ok(literal(lit)),
        Expr::Param(p) => Ok(ctx.params.get(&p.name).cloned().unwrap_or(Value::Null)),
        Expr::Var(v) => Ok(ctx
            .slot(&v.name)
            .and_then(|s| row.get(s))
            .cloned()
            .unwrap_or(Value::Null)),
        Expr::List(items) => Ok(Value::List(
            items.iter().map(sub).collect::<Result<_, _>>()?,
        )),
        Expr::Map(entries) => {
            let mut map = BTreeMap::new();
            for (key, value) in entries {
                map.insert(key.name.clone(), sub(value)?);
            }
            Ok(Value::Map(map))
        }
        Expr::Property(base, key) => property(ctx, sub(base)?, &key.name),
        Expr::Index(base, index) => index_value(sub(base)?, sub(index)?),
        Expr::Unary(UnaryOp::Not, a) => Ok(not(sub(a)?)?),
        Expr::Unary(UnaryOp::Neg, a) => negate(sub(a)?),
        Expr::Binary(op, a, b) => binary(ctx, *op, a, b, &sub),
        Expr::IsNull(a, negated) => Ok(Value::Bool((sub(a)? == Value::Null) != *negated)),
        Expr::Call { name, args, .. } => {
            if let Some(value) = agg_value(aggs, e) {
                return Ok(value.clone());
            }
            // One argument, the usual case, needs no vector.
            match args.as_slice() {
                [arg] => func::call(ctx, &name.name, sub(arg)?),
                _ => {
                    let args: Vec<Value> = args.iter().map(sub).collect::<Result<_, _>>()?;
                    func::call_many(ctx, &name.name, args)
                }
            }
        }
        Expr::CountStar(_) => Ok(agg_value(aggs, e).cloned().unwrap_or(Value::Int(0))),
        Expr::Pattern(chain) => Ok(Value::Bool(pattern::chain_exists(ctx, row, chain)?)),
    }
}

fn literal(lit: &Literal) -> Value {
    match lit {
        Literal::Null => Value::Null,
        Literal::Bool(b) => Value::Bool(*b),
        Literal::Int(n) => Value::Int(*n),
        Literal::Float(x) => Value::Float(*x),
        Literal::String(s) => Value::String(s.into()),
    }
}

pub(super) fn property(ctx: &Ctx, base: Value, key: &str) -> Result<Value, EvalError> {
    match base {
        Value::Node(node) => Ok(node_property(ctx.graph, node, key)),
        Value::Edge(edge) => Ok(edge_property(ctx.graph, edge, key)),
        Value::Map(mut map) => Ok(map.remove(key).unwrap_or(Value::Null)),
        Value::Null => Ok(Value::Null),
        other => Err(EvalError::PropertyOfValue {
            key: key.to_string(),
            found: other.type_name(),
        }),
    }
}

fn index_value(base: Value, index: Value) -> Result<Value, EvalError> {
    match (base, index) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::List(items), Value::Int(n)) => {
            let len = i64::try_from(items.len()).unwrap_or(i64::MAX);
            let at = if n < 0 { len + n } else { n };
            let at = usize::try_from(at).ok();
            Ok(at
                .and_then(|at| items.into_iter().nth(at))
                .unwrap_or(Value::Null))
        }
        (Value::Map(mut map), Value::String(key)) => {
            Ok(map.remove(key.as_str()).unwrap_or(Value::Null))
        }
        (base, index) => Err(EvalError::TypeMismatch {
            op: "[]",
            left: base.type_name(),
            right: index.type_name(),
        }),
    }
}

/// A value as a three-valued boolean: `None` is null.
fn truth(op: &'static str, v: &Value) -> Result<Option<bool>, EvalError> {
    match v {
        Value::Bool(b) => Ok(Some(*b)),
        Value::Null => Ok(None),
        other => Err(EvalError::TypeMismatch {
            op,
            left: other.type_name(),
            right: "boolean",
        }),
    }
}

fn from_truth(t: Option<bool>) -> Value {
    t.map_or(Value::Null, Value::Bool)
}

fn not(v: Value) -> Result<Value, EvalError> {
    Ok(from_truth(truth("NOT", &v)?.map(|b| !b)))
}

fn negate(v: Value) -> Result<Value, EvalError> {
    match v {
        Value::Null => Ok(Value::Null),
        Value::Int(n) => n
            .checked_neg()
            .map(Value::Int)
            .ok_or(EvalError::Overflow { op: "-" }),
        Value::Float(x) => Ok(Value::Float(-x)),
        other => Err(EvalError::TypeMismatch {
            op: "-",
            left: other.type_name(),
            right: other.type_name(),
        }),
    }
}

fn binary(
    ctx: &Ctx,
    op: BinaryOp,
    a: &Expr,
    b: &Expr,
    sub: &dyn Fn(&Expr) -> Result<Value, EvalError>,
) -> Result<Value, EvalError> {
    use BinaryOp::*;
    let name = op.as_str();
    if matches!(op, And | Or) {
        let left = truth(name, &sub(a)?)?;
        let decided = if op == And { Some(false) } else { Some(true) };
        if left == decided {
            return Ok(from_truth(left));
        }
        let right = truth(name, &sub(b)?)?;
        if right == decided {
            return Ok(from_truth(right));
        }
        return Ok(from_truth(left.zip(right).map(|_| decided != Some(true))));
    }
    let (left, right) = (sub(a)?, sub(b)?);
    match op {
        Xor => Ok(from_truth(
            truth(name, &left)?
                .zip(truth(name, &right)?)
                .map(|(x, y)| x != y),
        )),
        Eq => Ok(from_truth(equals(&left, &right))),
        Ne => Ok(from_truth(equals(&left, &right).map(|b| !b))),
        Lt | Gt | Le | Ge => Ok(ordering(op, &left, &right)),
        Regex => regex_match(ctx, left, right),
        In => Ok(in_list(&left, right)),
        StartsWith | EndsWith | Contains => Ok(string_test(op, &left, &right)),
        _ => super::func::arithmetic(op, left, right),
    }
}

fn ordering(op: BinaryOp, left: &Value, right: &Value) -> Value {
    let Some(order) = compare(left, right) else {
        return Value::Null;
    };
    Value::Bool(match op {
        BinaryOp::Lt => order == Ordering::Less,
        BinaryOp::Gt => order == Ordering::Greater,
        BinaryOp::Le => order != Ordering::Greater,
        _ => order != Ordering::Less,
    })
}

fn regex_match(ctx: &Ctx, left: Value, right: Value) -> Result<Value, EvalError> {
    match (left, right) {
        (Value::String(text), Value::String(pattern)) => {
            Ok(Value::Bool(ctx.regex(&pattern)?.is_match(&text)))
        }
        _ => Ok(Value::Null),
    }
}

fn in_list(item: &Value, list: Value) -> Value {
    let Value::List(items) = list else {
        return Value::Null;
    };
    let mut unknown = false;
    for candidate in &items {
        match equals(item, candidate) {
            Some(true) => return Value::Bool(true),
            None => unknown = true,
            Some(false) => {}
        }
    }
    if unknown {
        Value::Null
    } else {
        Value::Bool(false)
    }
}

fn string_test(op: BinaryOp, left: &Value, right: &Value) -> Value {
    let (Value::String(text), Value::String(part)) = (left, right) else {
        return Value::Null;
    };
    Value::Bool(match op {
        BinaryOp::StartsWith => text.starts_with(part.as_str()),
        BinaryOp::EndsWith => text.ends_with(part.as_str()),
        _ => text.contains(part.as_str()),
    })
}
