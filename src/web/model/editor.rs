//! The coroutines being edited — shared by both programs — and the edits the editor makes.

use crate::core::scenario::{Coroutine, Step};
use crate::core::value::{ErrorType, Value};
use crate::web::i18n::Lang;
use crate::web::problem::{Field, Problem};

use super::input::seconds_from;

mod literal;
mod names;
mod steps;

pub use literal::parse_value;
pub use names::replace_token;
pub use steps::StepKind;

/// Largest value of a sleep slider (a longer sleep from a preset or a link widens it).
pub const SLEEP_MAX: f64 = 10.0;

/// Most coroutines the editor lets you add (a share link may carry more, up to the core's cap).
pub const MAX_EDITOR_COROUTINES: usize = 12;

/// Longest coroutine name the editor accepts.
pub const MAX_NAME_CHARS: usize = 40;

/// A `raise` the learner put into a coroutine.
#[derive(Clone, Debug, PartialEq)]
pub struct RaiseSpec {
    /// The raise replaces everything from this index of `steps` on.
    pub at: usize,
    pub kind: ErrorType,
    pub message: String,
}

/// One coroutine as the editor holds it: its steps without the raise, and the raise apart,
/// so that choosing "raises: none" again restores the steps the raise had cut off.
#[derive(Clone, Debug, PartialEq)]
pub struct CoroutineSpec {
    pub name: String,
    pub steps: Vec<Step>,
    pub raise: Option<RaiseSpec>,
}

impl CoroutineSpec {
    /// From a scenario coroutine: a final `raise` becomes the [`RaiseSpec`].
    pub fn from_coroutine(c: &Coroutine) -> CoroutineSpec {
        let mut steps = c.steps.clone();
        let raise = match steps.last() {
            Some(Step::Raise { kind, message }) => {
                let r = RaiseSpec {
                    at: steps.len() - 1,
                    kind: *kind,
                    message: message.clone(),
                };
                steps.pop();
                Some(r)
            }
            _ => None,
        };
        CoroutineSpec {
            name: c.name.clone(),
            steps,
            raise,
        }
    }

    /// The scenario coroutine: the steps before the raise, then the raise.
    pub fn to_coroutine(&self) -> Coroutine {
        let steps = match &self.raise {
            None => self.steps.clone(),
            Some(r) => {
                let mut s: Vec<Step> = self.steps[..r.at.min(self.steps.len())].to_vec();
                s.push(Step::Raise {
                    kind: r.kind,
                    message: r.message.clone(),
                });
                s
            }
        };
        Coroutine {
            name: self.name.clone(),
            steps,
        }
    }

    /// The coroutine under `name`, its texts made from the old name made from the new one
    /// (the rule: [`replace_token`]).
    pub fn renamed(&self, name: &str) -> CoroutineSpec {
        let old = self.name.as_str();
        CoroutineSpec {
            name: name.to_string(),
            steps: self
                .steps
                .iter()
                .map(|s| names::replace_in_step(s, old, name))
                .collect(),
            raise: self.raise.as_ref().map(|r| RaiseSpec {
                message: replace_token(&r.message, old, name),
                ..r.clone()
            }),
        }
    }

    /// The seconds of each `sleep` that runs (before the raise), in step order.
    pub fn sleeps(&self) -> Vec<f64> {
        let end = self.raise.as_ref().map_or(self.steps.len(), |r| r.at);
        self.steps[..end.min(self.steps.len())]
            .iter()
            .filter_map(|s| match s {
                Step::Sleep(x) => Some(*x),
                _ => None,
            })
            .collect()
    }

    /// How many sleeps the coroutine has when it does not raise (the raise choices).
    pub fn all_sleeps(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| matches!(s, Step::Sleep(_)))
            .count()
    }

    /// The raise choice shown: `Some(k)` = raises right after its k-th sleep (0 = at once).
    pub fn raise_after_sleep(&self) -> Option<usize> {
        self.raise.as_ref().map(|r| {
            self.steps[..r.at.min(self.steps.len())]
                .iter()
                .filter(|s| matches!(s, Step::Sleep(_)))
                .count()
        })
    }

    /// Index in `steps` of the k-th sleep (k from 1).
    fn sleep_index(&self, k: usize) -> Option<usize> {
        self.steps
            .iter()
            .enumerate()
            .filter(|(_, s)| matches!(s, Step::Sleep(_)))
            .nth(k.checked_sub(1)?)
            .map(|(i, _)| i)
    }

    /// The raise right after the k-th sleep (0 = at once); an earlier raise's exception stays.
    fn raise_after(&self, k: usize) -> Result<RaiseSpec, Problem> {
        let at = if k == 0 {
            self.steps
                .iter()
                .position(|s| matches!(s, Step::Sleep(_)))
                .unwrap_or(self.steps.len())
        } else {
            self.sleep_index(k).ok_or_else(|| Problem::UnknownChoice {
                field: Field::Raises(self.name.clone()),
                value: k.to_string(),
            })? + 1
        };
        Ok(self.default_raise(at))
    }
}

/// A change to the coroutines. A `step` is a row of the coroutine's card (from 0): its steps
/// before the raise, then the raise.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// The k-th sleep (from 1) of coroutine `co`, as typed or slid (parsed here).
    Sleep {
        co: usize,
        k: usize,
        text: String,
    },
    /// `None` = does not raise; `Some(k)` = raises right after its k-th sleep.
    Raise {
        co: usize,
        after_sleep: Option<usize>,
    },
    /// A new name, carried through the texts made from the old one.
    Rename {
        co: usize,
        name: String,
    },
    /// A coroutine shaped like the last one.
    Add,
    Remove(usize),
    /// A step at the end of the body (before a final `return`, before the raise).
    AddStep {
        co: usize,
        kind: StepKind,
    },
    RemoveStep {
        co: usize,
        step: usize,
    },
    /// Swaps a row with the one above (`up`) or below; the raise moves a step earlier or later.
    MoveStep {
        co: usize,
        step: usize,
        up: bool,
    },
    Print {
        co: usize,
        step: usize,
        text: String,
    },
    /// A return value as Python writes it: `'test 5'`, `42`, `None`, `('5', 'test')`.
    Return {
        co: usize,
        step: usize,
        text: String,
    },
    RaiseType {
        co: usize,
        kind: ErrorType,
    },
    RaiseMessage {
        co: usize,
        text: String,
    },
}

fn coroutine(coroutines: &mut [CoroutineSpec], co: usize) -> Result<&mut CoroutineSpec, Problem> {
    coroutines.get_mut(co).ok_or(Problem::NoCoroutine(co))
}

/// Applies `change` to a copy of coroutine `co` and keeps it only if the core still takes it.
fn change(
    coroutines: &mut [CoroutineSpec],
    co: usize,
    change: impl FnOnce(&mut CoroutineSpec) -> Result<(), Problem>,
) -> Result<(), Problem> {
    let old = coroutine(coroutines, co)?;
    let mut new = old.clone();
    change(&mut new)?;
    new.check_edit(old)?;
    *old = new;
    Ok(())
}

impl Edit {
    /// Applies the edit, or says why not and changes nothing.
    pub fn apply(self, coroutines: &mut Vec<CoroutineSpec>, lang: Lang) -> Result<(), Problem> {
        let n = coroutines.len();
        match self {
            Edit::Sleep { co, k, text } => {
                let c = coroutine(coroutines, co)?;
                let field = Field::Sleep {
                    name: c.name.clone(),
                    k,
                };
                let i = c.sleep_index(k).ok_or_else(|| Problem::NoSleep {
                    name: c.name.clone(),
                    k,
                })?;
                c.steps[i] = Step::Sleep(seconds_from(field, &text, lang)?);
            }
            Edit::Raise { co, after_sleep } => {
                let c = coroutine(coroutines, co)?;
                c.raise = match after_sleep {
                    None => None,
                    Some(k) => Some(c.raise_after(k)?),
                };
            }
            Edit::Rename { co, name } => {
                coroutine(coroutines, co)?;
                let name = name.trim().to_string();
                let chars = name.chars().count();
                if name.is_empty() {
                    return Err(Problem::NameEmpty { co });
                }
                if chars > MAX_NAME_CHARS {
                    return Err(Problem::NameTooLong {
                        co,
                        chars,
                        max: MAX_NAME_CHARS,
                    });
                }
                let taken = coroutines
                    .iter()
                    .enumerate()
                    .any(|(i, c)| i != co && c.name == name);
                if taken {
                    return Err(Problem::NameTaken { co, name });
                }
                change(coroutines, co, |c| {
                    *c = c.renamed(&name);
                    Ok(())
                })?;
            }
            Edit::Add => {
                if n >= MAX_EDITOR_COROUTINES {
                    return Err(Problem::TooManyCoroutines {
                        max: MAX_EDITOR_COROUTINES,
                        have: n,
                    });
                }
                let names: Vec<&str> = coroutines.iter().map(|c| c.name.as_str()).collect();
                let name = names::next_name(&names, MAX_NAME_CHARS);
                let new = match coroutines.last() {
                    Some(last) => CoroutineSpec {
                        raise: None,
                        ..last.renamed(&name)
                    },
                    None => CoroutineSpec {
                        steps: vec![Step::Sleep(1.0), Step::Return(Value::Str(name.clone()))],
                        name,
                        raise: None,
                    },
                };
                new.check_edit(&new)?;
                coroutines.push(new);
            }
            Edit::Remove(co) => {
                coroutine(coroutines, co)?;
                if n == 1 {
                    return Err(Problem::LastCoroutine);
                }
                coroutines.remove(co);
            }
            Edit::AddStep { co, kind } => change(coroutines, co, |c| c.add_step(kind))?,
            Edit::RemoveStep { co, step } => change(coroutines, co, |c| c.remove_step(step))?,
            Edit::MoveStep { co, step, up } => change(coroutines, co, |c| c.move_step(step, up))?,
            Edit::Print { co, step, text } => change(coroutines, co, |c| c.set_print(step, text))?,
            Edit::Return { co, step, text } => {
                change(coroutines, co, |c| c.set_return(step, text))?
            }
            Edit::RaiseType { co, kind } => change(coroutines, co, |c| c.set_raise_type(kind))?,
            Edit::RaiseMessage { co, text } => {
                change(coroutines, co, |c| c.set_raise_message(text))?
            }
        }
        Ok(())
    }
}
