//! Evaluate step: runs a resolved [`Plan`] over a graph, clause by clause, into a [`Table`].
//!
//! Rows are vectors indexed by the slots the resolver gave each variable. The evaluator reads
//! the graph only: no mutation, no I/O. It checks the cancel flag in every expansion loop.

mod aggregate;
mod candidates;
mod expand;
mod expr;
mod func;
mod pattern;
mod project;
mod shortest;
mod steps;

use super::Params;
use super::ast::{Clause, Expr, Projection, Unwind};
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
    /// The same as a short list: a linear scan beats hashing for a query's few variables.
    slot_list: Vec<(&'g str, usize)>,
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
        self.slot_list
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, slot)| *slot)
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
        slot_list: plan.slots.iter().map(|(n, s)| (n.as_str(), *s)).collect(),
        cancel,
        regexes: RefCell::new(HashMap::new()),
        warnings: RefCell::new(Vec::new()),
    };
    let clauses = &plan.query.clauses;
    let columns_of = |n: usize| plan.columns.get(&n).map_or(&[][..], Vec::as_slice);
    let mut rows = vec![ctx.empty_row()];
    let mut n = 0;
    while n < clauses.len() {
        ctx.check_cancel()?;
        let (projection, where_) = match &clauses[n] {
            Clause::Match(m) => {
                let bound = plan.bound.get(&n).map_or(&[][..], Vec::as_slice);
                let Some((p, where_)) = clauses.get(n + 1).and_then(projection_of) else {
                    rows = pattern::match_clause(&ctx, rows, m, bound)?;
                    n += 1;
                    continue;
                };
                // A MATCH streams into the RETURN or WITH after it: no rows are kept between.
                let mut projector = project::Projector::new(&ctx, p, columns_of(n + 1));
                let mut sink = project::Feed {
                    ctx: &ctx,
                    projector: &mut projector,
                };
                pattern::match_clause_each(&ctx, rows, m, bound, &mut sink)?;
                n += 1;
                (projector.finish(&ctx)?, where_)
            }
            Clause::Unwind(u) => {
                rows = unwind(&ctx, rows, u)?;
                n += 1;
                continue;
            }
            Clause::With(w) => (
                project::project(&ctx, rows, &w.projection, columns_of(n))?,
                w.where_.as_ref(),
            ),
            Clause::Return(p) => (project::project(&ctx, rows, p, columns_of(n))?, None),
        };
        let columns = columns_of(n);
        if let Clause::Return(_) = &clauses[n] {
            let names = columns.iter().map(|c| c.name.clone()).collect();
            let mut table = Table::from_cells(names, projection.values, projection.n_rows);
            table.warnings = ctx.warnings.take();
            return Ok(table);
        }
        rows = filter(&ctx, project::to_rows(&ctx, projection, columns), where_)?;
        n += 1;
    }
    let mut table = Table::default();
    table.warnings = ctx.warnings.take();
    Ok(table)
}

/// The projection of a RETURN or WITH clause, and the WITH's filter.
fn projection_of(clause: &Clause) -> Option<(&Projection, Option<&Expr>)> {
    match clause {
        Clause::Return(p) => Some((p, None)),
        Clause::With(w) => Some((&w.projection, w.where_.as_ref())),
        _ => None,
    }
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
