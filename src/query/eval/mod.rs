//! Evaluate step: runs a resolved [`Plan`] over a graph, clause by clause, into a [`Table`].
//!
//! Rows are vectors indexed by the slots the resolver gave each variable. The evaluator reads
//! the graph only: no mutation, no I/O. It checks the cancel flag in every expansion loop.

mod expr;
mod func;
mod pattern;
mod project;
mod shortest;

use super::Params;
use super::ast::{Clause, Expr, Unwind};
use super::error::EvalError;
use super::resolve::Plan;
use super::table::Table;
use super::value::Value;
use crate::graph::KnowledgeGraph;
use regex::Regex;
use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};

pub(crate) use expr::eval;

/// Variable values, indexed by slot.
pub(crate) type Row = Vec<Value>;

/// What every step of one evaluation shares.
pub(crate) struct Ctx<'g> {
    pub graph: &'g KnowledgeGraph,
    pub params: &'g Params,
    pub slots: &'g HashMap<String, usize>,
    cancel: &'g AtomicBool,
    regexes: RefCell<HashMap<String, Regex>>,
    warnings: RefCell<Vec<String>>,
}

impl Ctx<'_> {
    /// Fails with [`EvalError::Cancelled`] once the cancel flag is raised.
    pub fn check_cancel(&self) -> Result<(), EvalError> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(EvalError::Cancelled);
        }
        Ok(())
    }

    /// The slot of a variable.
    pub fn slot(&self, name: &str) -> Option<usize> {
        self.slots.get(name).copied()
    }

    /// Records a warning once.
    pub fn warn(&self, warning: String) {
        let mut warnings = self.warnings.borrow_mut();
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }

    /// A compiled regex matching the whole string, cached by pattern.
    pub fn regex(&self, pattern: &str) -> Result<Regex, EvalError> {
        if let Some(re) = self.regexes.borrow().get(pattern) {
            return Ok(re.clone());
        }
        let re = Regex::new(&format!("^(?:{pattern})$")).map_err(|e| EvalError::InvalidRegex {
            pattern: pattern.to_string(),
            message: regex_message(&e),
        })?;
        self.regexes
            .borrow_mut()
            .insert(pattern.to_string(), re.clone());
        Ok(re)
    }

    fn empty_row(&self) -> Row {
        vec![Value::Null; self.slots.len()]
    }
}

/// Runs `plan` over `graph`.
pub fn execute(
    graph: &KnowledgeGraph,
    plan: &Plan,
    params: &Params,
    cancel: &AtomicBool,
) -> Result<Table, EvalError> {
    let ctx = Ctx {
        graph,
        params,
        slots: &plan.slots,
        cancel,
        regexes: RefCell::new(HashMap::new()),
        warnings: RefCell::new(Vec::new()),
    };
    let mut rows = vec![ctx.empty_row()];
    for (n, clause) in plan.query.clauses.iter().enumerate() {
        ctx.check_cancel()?;
        let columns = plan.columns.get(&n).map_or(&[][..], Vec::as_slice);
        rows = match clause {
            Clause::Match(m) => {
                let bound = plan.bound.get(&n).map_or(&[][..], Vec::as_slice);
                pattern::match_clause(&ctx, rows, m, bound)?
            }
            Clause::Unwind(u) => unwind(&ctx, rows, u)?,
            Clause::With(w) => {
                let projected = project::project(&ctx, rows, &w.projection, columns)?;
                let rows = project::to_rows(&ctx, projected, columns);
                filter(&ctx, rows, w.where_.as_ref())?
            }
            Clause::Return(p) => {
                let rows = project::project(&ctx, rows, p, columns)?;
                return Ok(Table {
                    columns: columns.iter().map(|c| c.name.clone()).collect(),
                    rows,
                    warnings: ctx.warnings.take(),
                });
            }
        };
    }
    Ok(Table {
        columns: Vec::new(),
        rows: Vec::new(),
        warnings: ctx.warnings.take(),
    })
}

/// Keeps the rows for which `condition` is true.
pub(crate) fn filter(
    ctx: &Ctx,
    rows: Vec<Row>,
    condition: Option<&Expr>,
) -> Result<Vec<Row>, EvalError> {
    let Some(condition) = condition else {
        return Ok(rows);
    };
    let mut kept = Vec::with_capacity(rows.len());
    for row in rows {
        ctx.check_cancel()?;
        if eval(ctx, &row, condition)?.is_true() {
            kept.push(row);
        }
    }
    Ok(kept)
}

/// One row per list element; a null makes no rows, any other value one row.
fn unwind(ctx: &Ctx, rows: Vec<Row>, u: &Unwind) -> Result<Vec<Row>, EvalError> {
    let slot = ctx.slot(&u.var.name);
    let mut out = Vec::new();
    for row in rows {
        ctx.check_cancel()?;
        let items = match eval(ctx, &row, &u.expr)? {
            Value::List(items) => items,
            Value::Null => Vec::new(),
            other => vec![other],
        };
        for item in items {
            let mut next = row.clone();
            if let Some(slot) = slot {
                next[slot] = item;
            }
            out.push(next);
        }
    }
    Ok(out)
}

/// The last line of a regex error, without its `error: ` prefix.
fn regex_message(e: &regex::Error) -> String {
    let text = e.to_string();
    let last = text.lines().last().unwrap_or("").trim();
    last.strip_prefix("error: ").unwrap_or(last).to_string()
}
