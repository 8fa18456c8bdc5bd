//! Aggregates computed one row at a time, and the hash of implicit grouping's keys.
//!
//! A group keeps one running value per aggregate call, never its rows, so `count(*)` over
//! millions of matches needs memory for the groups only. Nulls are skipped; DISTINCT keeps the
//! first of equal values.

use super::expr::eval;
use super::func::arithmetic;
use super::{Ctx, Row};
use crate::query::ast::{BinaryOp, Expr};
use crate::query::error::EvalError;
use crate::query::value::{OrdKey, Value, total_order};
use std::collections::BTreeSet;
use std::hash::{Hash, Hasher};

/// The running state of one aggregate call in one group.
pub(super) struct Acc {
    kind: Kind,
    seen: Option<BTreeSet<OrdKey>>,
    n: i64,
    values: Vec<Value>,
    best: Option<Value>,
    total: Value,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    CountStar,
    Count,
    Collect,
    Min,
    Max,
    Sum,
    Avg,
}

impl Acc {
    /// A fresh state for `call`, an aggregate call the resolver checked.
    pub fn new(call: &Expr) -> Acc {
        let (kind, distinct) = match call {
            Expr::Call { name, distinct, .. } => {
                let kind = match name.name.to_lowercase().as_str() {
                    "count" => Kind::Count,
                    "collect" => Kind::Collect,
                    "min" => Kind::Min,
                    "max" => Kind::Max,
                    "sum" => Kind::Sum,
                    _ => Kind::Avg,
                };
                (kind, *distinct)
            }
            _ => (Kind::CountStar, false),
        };
        Acc {
            kind,
            seen: distinct.then(BTreeSet::new),
            n: 0,
            values: Vec::new(),
            best: None,
            total: Value::Int(0),
        }
    }

    /// Takes one row into the aggregate.
    pub fn push(&mut self, ctx: &Ctx, row: &Row, call: &Expr) -> Result<(), EvalError> {
        if self.kind == Kind::CountStar {
            self.n += 1;
            return Ok(());
        }
        let value = match call {
            Expr::Call { args, .. } => match args.first() {
                Some(arg) => eval(ctx, row, arg)?,
                None => Value::Null,
            },
            _ => Value::Null,
        };
        if value == Value::Null {
            return Ok(());
        }
        if let Some(seen) = &mut self.seen
            && !seen.insert(OrdKey(vec![value.clone()]))
        {
            return Ok(());
        }
        self.n += 1;
        match self.kind {
            Kind::Collect => self.values.push(value),
            Kind::Min | Kind::Max => {
                let max = self.kind == Kind::Max;
                let wins = match &self.best {
                    None => true,
                    Some(best) => total_order(&value, best).is_lt() != max,
                };
                if wins {
                    self.best = Some(value);
                }
            }
            Kind::Sum | Kind::Avg => {
                let total = std::mem::replace(&mut self.total, Value::Null);
                self.total = arithmetic(BinaryOp::Add, total, value)?;
            }
            Kind::CountStar | Kind::Count => {}
        }
        Ok(())
    }

    /// The aggregate's value.
    pub fn finish(self) -> Result<Value, EvalError> {
        let sum_error = |found: &Value| EvalError::ArgumentType {
            function: "sum".into(),
            expected: "numbers",
            found: found.type_name(),
        };
        match self.kind {
            Kind::CountStar | Kind::Count => Ok(Value::Int(self.n)),
            Kind::Collect => Ok(Value::List(self.values)),
            Kind::Min | Kind::Max => Ok(self.best.unwrap_or(Value::Null)),
            Kind::Sum => match self.total {
                total @ (Value::Int(_) | Value::Float(_)) => Ok(total),
                other => Err(sum_error(&other)),
            },
            Kind::Avg if self.n == 0 => Ok(Value::Null),
            Kind::Avg => match self.total {
                Value::Int(total) => Ok(Value::Float(total as f64 / self.n as f64)),
                Value::Float(total) => Ok(Value::Float(total / self.n as f64)),
                other => Err(sum_error(&other)),
            },
        }
    }
}

/// Hashes a value so that values equal under [`total_order`] hash alike (`1` and `1.0` too).
pub(super) fn hash_value<H: Hasher>(value: &Value, state: &mut H) {
    let number = |x: f64, state: &mut H| {
        let x = if x == 0.0 { 0.0 } else { x };
        state.write_u8(7);
        state.write_u64(if x.is_nan() { u64::MAX } else { x.to_bits() });
    };
    match value {
        Value::Null => state.write_u8(0),
        Value::Bool(b) => (1u8, *b).hash(state),
        Value::Int(n) => number(*n as f64, state),
        Value::Float(x) => number(*x, state),
        Value::String(s) => (2u8, s).hash(state),
        Value::List(items) => {
            (3u8, items.len()).hash(state);
            items.iter().for_each(|v| hash_value(v, state));
        }
        Value::Map(map) => {
            (4u8, map.len()).hash(state);
            for (k, v) in map {
                k.hash(state);
                hash_value(v, state);
            }
        }
        Value::Node(n) => (5u8, n).hash(state),
        Value::Edge(e) => (6u8, e).hash(state),
        Value::Path(p) => (8u8, p).hash(state),
    }
}

/// A fast, non-cryptographic hasher for group keys (the Fx hash: rotate, xor, multiply).
#[derive(Default, Clone, Copy)]
pub(super) struct FxHasher(u64);

impl Hasher for FxHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.write_u64(u64::from_le_bytes(word));
        }
        for byte in chunks.remainder() {
            self.write_u64(u64::from(*byte));
        }
    }

    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }

    fn write_u8(&mut self, byte: u8) {
        self.write_u64(u64::from(byte));
    }

    fn write_u32(&mut self, word: u32) {
        self.write_u64(u64::from(word));
    }

    fn write_usize(&mut self, word: usize) {
        self.write_u64(word as u64);
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// Builds [`FxHasher`]s.
pub(super) type FxBuild = std::hash::BuildHasherDefault<FxHasher>;
