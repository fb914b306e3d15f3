//! Step edits on one coroutine, by the index of its card's list: the steps before the raise,
//! then the raise (the steps a raise cuts off stay behind it, hidden, until it goes).

use crate::core::scenario::{Limits, Step};
use crate::core::value::{ErrorType, Value};
use crate::web::problem::{Field, Problem};

use super::literal::parse_value;
use super::{CoroutineSpec, RaiseSpec};

/// What the "add step" list offers.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    Print,
    Sleep,
    Raise,
    Return,
}

impl StepKind {
    pub const ALL: [StepKind; 4] = [
        StepKind::Print,
        StepKind::Sleep,
        StepKind::Raise,
        StepKind::Return,
    ];

    /// The Python word, also the list's value.
    pub fn name(self) -> &'static str {
        match self {
            StepKind::Print => "print",
            StepKind::Sleep => "sleep",
            StepKind::Raise => "raise",
            StepKind::Return => "return",
        }
    }

    pub fn from_name(name: &str) -> Option<StepKind> {
        StepKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

impl CoroutineSpec {
    /// Where the body ends: at the raise, or after the last step.
    pub fn body_end(&self) -> usize {
        self.raise
            .as_ref()
            .map_or(self.steps.len(), |r| r.at.min(self.steps.len()))
    }

    /// How many rows the card lists: the body, and the raise.
    pub fn shown_len(&self) -> usize {
        self.body_end() + usize::from(self.raise.is_some())
    }

    fn field(&self, step: usize) -> Field {
        Field::Step {
            name: self.name.clone(),
            step,
        }
    }

    fn no_step(&self, step: usize) -> Problem {
        Problem::NoStep {
            name: self.name.clone(),
            step,
        }
    }

    /// The body step at `step`, if it is one `is` accepts.
    fn body_step(&mut self, step: usize, is: fn(&Step) -> bool) -> Result<&mut Step, Problem> {
        let problem = self.no_step(step);
        let end = self.body_end();
        self.steps[..end]
            .get_mut(step)
            .filter(|s| is(s))
            .ok_or(problem)
    }

    /// A `return` before the last row: the rows after it would never run.
    fn returns_early(&self) -> bool {
        let end = self.body_end();
        let last = self.shown_len().saturating_sub(1);
        self.steps[..end]
            .iter()
            .position(|s| matches!(s, Step::Return(_)))
            .is_some_and(|i| i < last)
    }

    /// Whether the edited coroutine (`self`, edited from `old`) is still one the core takes:
    /// no new row after a `return`, at most the core's steps (also once the raise goes), no
    /// text over its limit — so an accepted edit is always a valid, shareable scenario.
    pub fn check_edit(&self, old: &CoroutineSpec) -> Result<(), Problem> {
        let limits = Limits::default();
        if self.returns_early() && !old.returns_early() {
            return Err(Problem::StepAfterEnd {
                name: self.name.clone(),
            });
        }
        let max = limits.max_steps;
        if self.shown_len().max(self.steps.len()) > max {
            return Err(Problem::TooManySteps {
                name: self.name.clone(),
                max,
            });
        }
        // A step behind the raise is named by the row it has once the raise goes.
        let raise = self
            .raise
            .as_ref()
            .map(|r| (self.body_end(), r.message.as_str()));
        let texts = (self.steps.iter().enumerate())
            .flat_map(|(i, s)| texts(s).into_iter().map(move |t| (i, t)));
        for (step, text) in texts.chain(raise) {
            let chars = text.chars().count();
            if chars > limits.max_text {
                let field = self.field(step);
                let max = limits.max_text;
                return Err(Problem::TextTooLong { field, chars, max });
            }
        }
        Ok(())
    }

    /// A step of `kind` at the end of the body: before its final `return` and before the
    /// raise; a `return` or a raise only where nothing follows them.
    pub fn add_step(&mut self, kind: StepKind) -> Result<(), Problem> {
        let end = self.body_end();
        let ends_in_return = matches!(self.steps[..end].last(), Some(Step::Return(_)));
        let ended = self.raise.is_some() || ends_in_return;
        let before_return = end - usize::from(ends_in_return);
        let step = match kind {
            StepKind::Print => Step::Print(self.name.clone()),
            StepKind::Sleep => Step::Sleep(1.0),
            StepKind::Return if !ended => Step::Return(Value::None),
            // Before the final `return`, which comes back if the raise goes.
            StepKind::Raise if self.raise.is_none() => {
                self.raise = Some(self.default_raise(before_return));
                return Ok(());
            }
            StepKind::Return | StepKind::Raise => {
                return Err(Problem::StepAfterEnd {
                    name: self.name.clone(),
                })
            }
        };
        let at = if kind == StepKind::Return {
            end
        } else {
            before_return
        };
        self.steps.insert(at, step);
        if let Some(r) = &mut self.raise {
            r.at = end + 1;
        }
        Ok(())
    }

    /// The raise a coroutine gets at `at`: the book's `OSError`, or the exception it had.
    pub fn default_raise(&self, at: usize) -> RaiseSpec {
        let (kind, message) = match &self.raise {
            Some(r) => (r.kind, r.message.clone()),
            None => (
                ErrorType::OSError,
                format!("Не могу подключиться к {}", self.name),
            ),
        };
        RaiseSpec { at, kind, message }
    }

    /// Removes a row; removing the raise brings back the steps it had cut off.
    pub fn remove_step(&mut self, step: usize) -> Result<(), Problem> {
        let end = self.body_end();
        if step < end {
            self.steps.remove(step);
            if let Some(r) = &mut self.raise {
                r.at = end - 1;
            }
        } else if step == end && self.raise.is_some() {
            self.raise = None;
        } else {
            return Err(self.no_step(step));
        }
        Ok(())
    }

    /// Swaps a row with the one above or below it. The raise moves through the steps as if
    /// they went on behind it: up, the step above goes behind it; down, the step behind it
    /// comes before it.
    pub fn move_step(&mut self, step: usize, up: bool) -> Result<(), Problem> {
        if step >= self.shown_len() {
            return Err(self.no_step(step));
        }
        let end = self.body_end();
        let at_edge = Problem::AtEdge {
            name: self.name.clone(),
            step,
            up,
        };
        let other = if up {
            step.checked_sub(1)
        } else {
            Some(step + 1)
        };
        let other = other.ok_or_else(|| at_edge.clone())?;
        let (a, b) = (step.min(other), step.max(other));
        let len = self.steps.len();
        match &mut self.raise {
            Some(r) if b == end => r.at = a,
            Some(r) if a == end && b <= len => r.at = b,
            _ if b >= end => return Err(at_edge),
            _ => self.steps.swap(a, b),
        }
        Ok(())
    }

    /// Whether [`move_step`](Self::move_step) would be accepted (the card moves the focus
    /// with the step only then).
    pub fn can_move(&self, step: usize, up: bool) -> bool {
        let mut moved = self.clone();
        moved.move_step(step, up).is_ok() && moved.check_edit(self).is_ok()
    }

    /// The text of the print at `step`.
    pub fn set_print(&mut self, step: usize, text: String) -> Result<(), Problem> {
        *self.body_step(step, |s| matches!(s, Step::Print(_)))? = Step::Print(text);
        Ok(())
    }

    /// The value of the `return` at `step`, typed as Python writes it (`'test 5'`, `None`).
    pub fn set_return(&mut self, step: usize, text: String) -> Result<(), Problem> {
        let field = self.field(step);
        let max_items = Limits::default().max_steps;
        let value = parse_value(&text)
            .filter(|v| !matches!(v, Value::Tuple(t) if t.len() > max_items))
            .ok_or(Problem::BadReturn { field, text })?;
        *self.body_step(step, |s| matches!(s, Step::Return(_)))? = Step::Return(value);
        Ok(())
    }

    /// The raise's exception type.
    pub fn set_raise_type(&mut self, kind: ErrorType) -> Result<(), Problem> {
        self.raise_mut()?.kind = kind;
        Ok(())
    }

    /// The raise's message.
    pub fn set_raise_message(&mut self, text: String) -> Result<(), Problem> {
        self.raise_mut()?.message = text;
        Ok(())
    }

    fn raise_mut(&mut self) -> Result<&mut RaiseSpec, Problem> {
        let name = self.name.clone();
        self.raise.as_mut().ok_or(Problem::NoRaise { name })
    }
}

/// The texts of a step: a print's, a raise's message, a returned value's strings.
fn texts(step: &Step) -> Vec<&str> {
    fn of<'a>(v: &'a Value, out: &mut Vec<&'a str>) {
        match v {
            Value::Str(s) => out.push(s),
            Value::Tuple(items) => items.iter().for_each(|i| of(i, out)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    match step {
        Step::Print(t) => out.push(t.as_str()),
        Step::Raise { message, .. } => out.push(message.as_str()),
        Step::Return(v) => of(v, &mut out),
        Step::Sleep(_) => {}
    }
    out
}
