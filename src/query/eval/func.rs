//! Scalar functions and arithmetic operators.

use super::Ctx;
use crate::query::ast::BinaryOp;
use crate::query::error::EvalError;
use crate::query::text::Text;
use crate::query::value::{NODE_PROPERTIES, REL_PROPERTIES, Value, edge_property, node_property};
use std::collections::BTreeMap;

/// Calls the scalar function `name` (any case; the resolver checked it exists and its arity)
/// with other than one argument: `coalesce`.
pub(crate) fn call_many(ctx: &Ctx, name: &str, args: Vec<Value>) -> Result<Value, EvalError> {
    if name.eq_ignore_ascii_case("coalesce") {
        return Ok(args
            .into_iter()
            .find(|v| *v != Value::Null)
            .unwrap_or(Value::Null));
    }
    let arg = args.into_iter().next().unwrap_or(Value::Null);
    call(ctx, name, arg)
}

/// Calls the scalar function `name` (any case) with one argument.
pub(crate) fn call(ctx: &Ctx, name: &str, arg: Value) -> Result<Value, EvalError> {
    let mut buffer = [0u8; 16];
    let lower = ascii_lower(name, &mut buffer);
    if lower == "coalesce" {
        return Ok(arg);
    }
    if arg == Value::Null {
        return Ok(Value::Null);
    }
    let wrong = |expected: &'static str, found: &Value| EvalError::ArgumentType {
        function: name.to_string(),
        expected,
        found: found.type_name(),
    };
    let graph = ctx.graph;
    match (lower, &arg) {
        ("labels", Value::Node(n)) => {
            let label = graph.entity(*n).entity_type.label();
            Ok(Value::List(vec![Value::String(Text::from_static(label))]))
        }
        ("labels", other) => Err(wrong("a node", other)),
        ("type", Value::Edge(e)) => Ok(edge_property(graph, *e, "type")),
        ("type", other) => Err(wrong("a relationship", other)),
        ("id", Value::Node(n)) => Ok(node_property(graph, *n, "id")),
        ("id", Value::Edge(e)) => Ok(Value::Int(i64::try_from(e.index()).unwrap_or(-1))),
        ("id", other) => Err(wrong("a node or relationship", other)),
        ("size" | "length", Value::List(items)) => Ok(count(items.len())),
        ("size" | "length", Value::String(s)) => Ok(count(s.chars().count())),
        ("length" | "size", Value::Path(p)) => Ok(count(p.edges.len())),
        ("size" | "length", other) => Err(wrong("a list, string or path", other)),
        ("tolower", Value::String(s)) => Ok(Value::String(s.to_lowercase().into())),
        ("toupper", Value::String(s)) => Ok(Value::String(s.to_uppercase().into())),
        ("tolower" | "toupper", other) => Err(wrong("a string", other)),
        ("nodes", Value::Path(p)) => Ok(Value::List(
            p.nodes.iter().map(|n| Value::Node(*n)).collect(),
        )),
        ("relationships", Value::Path(p)) => Ok(Value::List(
            p.edges.iter().map(|e| Value::Edge(*e)).collect(),
        )),
        ("nodes" | "relationships", other) => Err(wrong("a path", other)),
        ("startnode", Value::Edge(e)) => Ok(Value::Node(graph.edge(*e).source)),
        ("endnode", Value::Edge(e)) => Ok(Value::Node(graph.edge(*e).target)),
        ("startnode" | "endnode", other) => Err(wrong("a relationship", other)),
        ("head", Value::List(items)) => Ok(items.first().cloned().unwrap_or(Value::Null)),
        ("last", Value::List(items)) => Ok(items.last().cloned().unwrap_or(Value::Null)),
        ("head" | "last", other) => Err(wrong("a list", other)),
        ("tostring", _) => to_string(arg.clone()).ok_or_else(|| wrong("a scalar", &arg)),
        ("tointeger", _) => Ok(to_integer(&arg)),
        ("abs", Value::Int(n)) => n
            .checked_abs()
            .map(Value::Int)
            .ok_or(EvalError::Overflow { op: "abs" }),
        ("abs", Value::Float(x)) => Ok(Value::Float(x.abs())),
        ("abs", other) => Err(wrong("a number", other)),
        ("properties", _) => {
            properties(ctx, arg.clone()).ok_or_else(|| wrong("a node or relationship", &arg))
        }
        _ => Err(wrong("a known function", &arg)),
    }
}

/// `name` in lower case, in `buffer` when it fits (function names do), else unchanged.
fn ascii_lower<'b>(name: &'b str, buffer: &'b mut [u8; 16]) -> &'b str {
    let Some(target) = buffer.get_mut(..name.len()) else {
        return name;
    };
    target.copy_from_slice(name.as_bytes());
    target.make_ascii_lowercase();
    std::str::from_utf8(target).unwrap_or(name)
}

fn count(n: usize) -> Value {
    Value::Int(i64::try_from(n).unwrap_or(i64::MAX))
}

fn to_string(v: Value) -> Option<Value> {
    let text = match v {
        Value::String(s) => return Some(Value::String(s)),
        Value::Int(n) => n.to_string(),
        Value::Float(x) => format!("{x:?}"),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    Some(Value::String(text.into()))
}

fn to_integer(v: &Value) -> Value {
    match v {
        Value::Int(n) => Value::Int(*n),
        Value::Float(x) if x.is_finite() && x.abs() < 9.2e18 => Value::Int(x.trunc() as i64),
        Value::String(s) => s.trim().parse::<i64>().map_or(Value::Null, Value::Int),
        _ => Value::Null,
    }
}

fn properties(ctx: &Ctx, v: Value) -> Option<Value> {
    let map: BTreeMap<String, Value> = match v {
        Value::Node(n) => NODE_PROPERTIES
            .iter()
            .map(|k| (k.to_string(), node_property(ctx.graph, n, k)))
            .collect(),
        Value::Edge(e) => REL_PROPERTIES
            .iter()
            .map(|k| (k.to_string(), edge_property(ctx.graph, e, k)))
            .collect(),
        Value::Map(m) => m,
        _ => return None,
    };
    Some(Value::Map(map))
}

/// `+ - * / %` on numbers; `+` also joins strings and lists.
pub(crate) fn arithmetic(op: BinaryOp, left: Value, right: Value) -> Result<Value, EvalError> {
    let name = op.as_str();
    match (left, right) {
        (Value::Null, _) | (_, Value::Null) => Ok(Value::Null),
        (Value::Int(x), Value::Int(y)) => int_op(op, x, y),
        (Value::String(x), Value::String(y)) if op == BinaryOp::Add => {
            Ok(Value::String((x.to_string() + &y).into()))
        }
        (Value::String(x), y @ (Value::Int(_) | Value::Float(_))) if op == BinaryOp::Add => {
            Ok(Value::String((x.to_string() + &to_text(&y)).into()))
        }
        (x @ (Value::Int(_) | Value::Float(_)), Value::String(y)) if op == BinaryOp::Add => {
            Ok(Value::String((to_text(&x) + &y).into()))
        }
        (Value::List(mut xs), Value::List(ys)) if op == BinaryOp::Add => {
            xs.extend(ys);
            Ok(Value::List(xs))
        }
        (Value::List(mut xs), y) if op == BinaryOp::Add => {
            xs.push(y);
            Ok(Value::List(xs))
        }
        (x, y) => match (number(&x), number(&y)) {
            (Some(a), Some(b)) => Ok(Value::Float(float_op(op, a, b))),
            _ => Err(EvalError::TypeMismatch {
                op: name,
                left: x.type_name(),
                right: y.type_name(),
            }),
        },
    }
}

fn to_text(v: &Value) -> String {
    match to_string(v.clone()) {
        Some(Value::String(s)) => s.into(),
        _ => String::new(),
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Int(n) => Some(*n as f64),
        Value::Float(x) => Some(*x),
        _ => None,
    }
}

fn int_op(op: BinaryOp, x: i64, y: i64) -> Result<Value, EvalError> {
    let result = match op {
        BinaryOp::Add => x.checked_add(y),
        BinaryOp::Sub => x.checked_sub(y),
        BinaryOp::Mul => x.checked_mul(y),
        BinaryOp::Div | BinaryOp::Mod if y == 0 => return Err(EvalError::DivisionByZero),
        BinaryOp::Div => x.checked_div(y),
        _ => x.checked_rem(y),
    };
    result
        .map(Value::Int)
        .ok_or(EvalError::Overflow { op: op.as_str() })
}

fn float_op(op: BinaryOp, x: f64, y: f64) -> f64 {
    match op {
        BinaryOp::Add => x + y,
        BinaryOp::Sub => x - y,
        BinaryOp::Mul => x * y,
        BinaryOp::Div => x / y,
        _ => x % y,
    }
}
