//! The rustyline helper: completion, hints, highlighting and validation as thin shims over the
//! pure functions in `complete`, `highlight` and `scan`, where the logic and its tests live.

use super::complete::{Schema, complete};
use super::highlight::highlight;
use super::scan::{InputStatus, input_status};
use rustyline::completion::{Completer, Pair};
use rustyline::highlight::{CmdKind, Highlighter};
use rustyline::hint::{Hinter, HistoryHinter};
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};
use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::rc::Rc;

/// Everything the line editor asks the shell about.
pub struct ReplHelper {
    schema: Rc<RefCell<Schema>>,
    colour: bool,
    hinter: HistoryHinter,
    /// True while asking a yes/no question: plain input, no completion or multi-line rules.
    pub asking: Cell<bool>,
}

impl ReplHelper {
    /// A helper reading the schema the session keeps up to date.
    pub fn new(schema: Rc<RefCell<Schema>>, colour: bool) -> Self {
        ReplHelper {
            schema,
            colour,
            hinter: HistoryHinter::new(),
            asking: Cell::new(false),
        }
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        if self.asking.get() {
            return Ok((pos, Vec::new()));
        }
        Ok(complete(line, pos, &self.schema.borrow()))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, ctx: &Context<'_>) -> Option<String> {
        if self.asking.get() {
            return None;
        }
        self.hinter.hint(line, pos, ctx)
    }
}

impl Highlighter for ReplHelper {
    fn highlight<'l>(&self, line: &'l str, _pos: usize) -> Cow<'l, str> {
        if self.colour && !self.asking.get() {
            Cow::Owned(highlight(line))
        } else {
            Cow::Borrowed(line)
        }
    }

    fn highlight_prompt<'b, 's: 'b, 'p: 'b>(
        &'s self,
        prompt: &'p str,
        default: bool,
    ) -> Cow<'b, str> {
        if self.colour && default {
            Cow::Owned(format!("\x1b[1;32m{prompt}\x1b[0m"))
        } else {
            Cow::Borrowed(prompt)
        }
    }

    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.colour {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }

    fn highlight_char(&self, _line: &str, _pos: usize, kind: CmdKind) -> bool {
        // Any edit can open or close a string, so recolour on every change.
        self.colour && kind != CmdKind::MoveCursor
    }
}

impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        if self.asking.get() {
            return Ok(ValidationResult::Valid(None));
        }
        Ok(match input_status(ctx.input()) {
            InputStatus::Complete => ValidationResult::Valid(None),
            InputStatus::Incomplete => ValidationResult::Incomplete,
        })
    }
}

impl Helper for ReplHelper {}
