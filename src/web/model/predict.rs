//! Predict, then reveal: the questions asked of a scenario, the learner's answers, and their
//! grading against the core's prediction. The state holds no answer: every truth is read
//! from [`Derived`] at grading time, so nothing the screen draws from [`Predict`] before
//! Reveal can give one away.

use crate::core::scenario::{Runner, Step};
use crate::core::trace::{CancelCause, What};
use crate::core::value::{Exc, Value};

use super::super::exercises;
use super::super::program::ProgramId;
use super::super::timeline::{fmt_t, outcome_text, Derived};
use super::{Playground, Problem};

/// What a question asks of one program.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Question {
    /// The printed lines, in order.
    Console(ProgramId),
    /// What the top program's gather returns or raises.
    Gather,
    /// The order of the bottom program's results (as_completed's items).
    Order,
    /// What `asyncio.run` raises, if anything.
    Raised(ProgramId),
    /// Which coroutines end cancelled, and by whom.
    Cancelled(ProgramId),
    /// When `asyncio.run` returns, in seconds.
    Returns(ProgramId),
}

impl Question {
    /// From an exercise's `ask` entry: `top.console`, `gather`, `order`, `bottom.raised` …
    pub fn from_name(name: &str) -> Option<Question> {
        let program = |p: &str| match p {
            "top" => Some(ProgramId::Top),
            "bottom" => Some(ProgramId::Bottom),
            _ => None,
        };
        match name.split_once('.') {
            None if name == "gather" => Some(Question::Gather),
            None if name == "order" => Some(Question::Order),
            Some((p, "console")) => program(p).map(Question::Console),
            Some((p, "raised")) => program(p).map(Question::Raised),
            Some((p, "cancelled")) => program(p).map(Question::Cancelled),
            Some((p, "returns")) => program(p).map(Question::Returns),
            _ => None,
        }
    }

    pub fn program(self) -> ProgramId {
        match self {
            Question::Gather => ProgramId::Top,
            Question::Order => ProgramId::Bottom,
            Question::Console(p)
            | Question::Raised(p)
            | Question::Cancelled(p)
            | Question::Returns(p) => p,
        }
    }
}

/// Who ended a coroutine with a cancel, as the learner can tell them apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cause {
    NotCancelled,
    Shutdown,
    TaskGroup,
    /// `wait_for`'s or `asyncio.timeout`'s deadline.
    Timeout,
    /// The `CancelledError` came out of what it awaited.
    Awaited,
}

impl Cause {
    pub const ALL: [Cause; 5] = [
        Cause::NotCancelled,
        Cause::Shutdown,
        Cause::TaskGroup,
        Cause::Timeout,
        Cause::Awaited,
    ];

    fn of(by: CancelCause) -> Cause {
        match by {
            CancelCause::Shutdown => Cause::Shutdown,
            CancelCause::TaskGroup { .. } => Cause::TaskGroup,
            CancelCause::WaitFor | CancelCause::Timeout => Cause::Timeout,
            CancelCause::Awaited => Cause::Awaited,
        }
    }
}

/// The learner's answer to one question.
#[derive(Clone, Debug, PartialEq)]
pub enum Answer {
    /// Indices into the given items, in the order the learner arranged them.
    Order(Vec<usize>),
    /// The option chosen.
    Choice(Option<usize>),
    /// One cause per coroutine, in argument order.
    Causes(Vec<Cause>),
    /// Seconds as typed (`1,5` is 1.5).
    Seconds(String),
}

/// A question with what it offers (lines to arrange, options, coroutine names) and the answer.
#[derive(Clone, Debug, PartialEq)]
pub struct Asked {
    pub question: Question,
    pub given: Vec<String>,
    pub answer: Answer,
}

/// Predict mode: the questions, and whether they were revealed.
#[derive(Clone, Debug, PartialEq)]
pub struct Predict {
    /// The built-in exercise this is (its explanation is shown after Reveal).
    pub exercise: Option<String>,
    pub asked: Vec<Asked>,
    pub revealed: bool,
}

/// How one answer went.
#[derive(Clone, Debug, PartialEq)]
pub struct Grade {
    pub right: bool,
    /// The real answer as the screen writes it (lines; for causes, [`causes_of`]'s names).
    pub truth: Vec<String>,
    /// Where expectation and asyncio part: the first console line or result out of place
    /// (its program, position in the list, and time).
    pub parting: Option<(ProgramId, usize, f64)>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum PredictAction {
    /// Predict the scenario on screen (the questions that fit it).
    Start,
    /// Open a built-in exercise, by id.
    Exercise(String),
    Move {
        q: usize,
        at: usize,
        up: bool,
    },
    Choose {
        q: usize,
        option: usize,
    },
    Cause {
        q: usize,
        co: usize,
        cause: Cause,
    },
    Seconds {
        q: usize,
        text: String,
    },
    Reveal,
    Leave,
}

/// The printed lines of a program.
fn console(d: &Derived, id: ProgramId) -> Vec<(f64, String)> {
    let lines = d.programs[id].console_lines(usize::MAX);
    lines.into_iter().map(|l| (l.t, l.text)).collect()
}

/// The bottom program's results in order, with the time each arrived.
fn results(d: &Derived) -> Vec<(f64, String)> {
    let prog = &d.programs.bottom;
    let times = prog.events().iter().filter_map(|e| match e.what {
        What::Yielded { .. } => Some(e.t),
        _ => None,
    });
    let items = prog.result_items(usize::MAX).into_iter().map(|(s, _)| s);
    times.zip(items).collect()
}

/// How each coroutine of a program ended: returned or raised (`Ok`), or cancelled.
fn ends(d: &Derived, id: ProgramId) -> Vec<Result<Result<Value, Exc>, Cause>> {
    let prog = &d.programs[id];
    (0..prog.scenario.coroutines.len())
        .map(|lane| {
            let ended = prog.events().iter().find_map(|e| match &e.what {
                What::Returned(v) if e.lane == lane => Some(Ok(Ok(v.clone()))),
                What::Raised(x) if e.lane == lane => Some(Ok(Err(x.clone()))),
                What::Cancelled { by, .. } if e.lane == lane => Some(Err(Cause::of(*by))),
                _ => None,
            });
            ended.unwrap_or(Err(Cause::NotCancelled))
        })
        .collect()
}

/// Which coroutines end cancelled, and by whom (in argument order).
pub fn causes(d: &Derived, id: ProgramId) -> Vec<Cause> {
    ends(d, id)
        .into_iter()
        .map(|e| e.err().unwrap_or(Cause::NotCancelled))
        .collect()
}

/// The real answer to a question.
fn truth(d: &Derived, q: Question) -> Vec<String> {
    let texts = |v: Vec<(f64, String)>| v.into_iter().map(|(_, s)| s).collect();
    let prog = &d.programs[q.program()];
    match q {
        Question::Console(id) => texts(console(d, id)),
        Question::Order => texts(results(d)),
        Question::Gather => prog.awaited(usize::MAX).iter().map(outcome_text).collect(),
        Question::Raised(_) => prog.raised(usize::MAX).into_iter().collect(),
        Question::Cancelled(id) => causes(d, id).iter().map(|c| format!("{c:?}")).collect(),
        Question::Returns(_) => vec![fmt_t(prog.end_time())],
    }
}

/// Items in an order that depends on their texts only (never on the answer), and is not
/// the real order when another exists.
fn shuffled(items: Vec<String>) -> Vec<String> {
    let mut seed = items
        .iter()
        .flat_map(|s| s.bytes())
        .fold(0x9e37_79b9_u64, |h, b| {
            h.wrapping_mul(31).wrapping_add(u64::from(b))
        });
    for _ in 0..8 {
        let mut out = items.clone();
        for i in (1..out.len()).rev() {
            seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            out.swap(i, (seed >> 33) as usize % (i + 1));
        }
        if out != items {
            return out;
        }
    }
    items
}

/// How each coroutine of a program would end if nobody cancelled it: when (its sleeps
/// added up) and with what.
fn planned(d: &Derived, id: ProgramId) -> Vec<(f64, Result<Value, Exc>)> {
    let coroutines = d.programs[id].scenario.coroutines.iter();
    coroutines
        .map(|c| {
            let t = c.steps.iter().fold(0.0, |t, s| match s {
                Step::Sleep(x) => t + x,
                _ => t,
            });
            let end = c.steps.iter().find_map(|s| match s {
                Step::Return(v) => Some(Ok(v.clone())),
                Step::Raise { kind, message } => Some(Err(Exc::Raised {
                    kind: *kind,
                    message: message.clone(),
                })),
                _ => None,
            });
            (t, end.unwrap_or(Ok(Value::None)))
        })
        .collect()
}

/// The options of a choice: built from the scenario (what its coroutines return or raise),
/// plus the real answer, sorted so their place says nothing.
fn options(d: &Derived, q: Question) -> Vec<String> {
    let planned = planned(d, q.program());
    let raised = planned.iter().filter_map(|(_, o)| o.as_ref().err());
    let mut out: Vec<String> = raised.clone().map(Exc::traceback_line).collect();
    match q {
        Question::Gather => {
            let in_slots = planned.iter().map(|(_, o)| match o {
                Ok(v) => v.clone(),
                Err(x) => Value::Exception(x.clone()),
            });
            let values = |(_, o): &(f64, Result<Value, Exc>)| o.as_ref().ok().cloned();
            let mut by_time = planned.clone();
            by_time.sort_by(|a, b| a.0.total_cmp(&b.0));
            let lists = [
                in_slots.collect(),
                planned.iter().filter_map(values).collect(),
                by_time.iter().filter_map(values).collect(),
            ];
            out.extend(lists.into_iter().map(|l| Value::List(l).py_repr()));
        }
        _ => {
            // "" stands for "nothing: asyncio.run returns".
            out.push(String::new());
            for x in [Exc::Timeout, Exc::AsyncioTimeout, Exc::Cancelled] {
                out.push(x.traceback_line());
            }
            out.extend(raised.map(|x| Exc::Group(vec![x.clone()]).traceback_line()));
        }
    }
    out.extend(truth(d, q));
    out.sort();
    out.dedup();
    out
}

impl Asked {
    fn new(d: &Derived, question: Question) -> Asked {
        let (given, answer) = match question {
            Question::Console(_) | Question::Order => {
                let given = shuffled(truth(d, question));
                let order = (0..given.len()).collect();
                (given, Answer::Order(order))
            }
            Question::Gather | Question::Raised(_) => (options(d, question), Answer::Choice(None)),
            Question::Cancelled(id) => {
                let names = d.programs[id].scenario.coroutines.iter();
                let given: Vec<String> = names.map(|c| c.name.clone()).collect();
                let causes = vec![Cause::NotCancelled; given.len()];
                (given, Answer::Causes(causes))
            }
            Question::Returns(_) => (Vec::new(), Answer::Seconds(String::new())),
        };
        Asked {
            question,
            given,
            answer,
        }
    }

    /// Grades the answer against the core's prediction.
    pub fn grade(&self, d: &Derived) -> Grade {
        let truth = truth(d, self.question);
        let (right, parting) = match &self.answer {
            Answer::Order(order) => {
                let said: Vec<&String> = order.iter().filter_map(|&i| self.given.get(i)).collect();
                let real = match self.question {
                    Question::Console(id) => console(d, id),
                    _ => results(d),
                };
                let first = real.iter().zip(&said).position(|((_, r), s)| r != *s);
                let at = first.map(|k| (self.question.program(), k, real[k].0));
                (said.len() == real.len() && first.is_none(), at)
            }
            Answer::Choice(c) => {
                let chosen = c.and_then(|i| self.given.get(i));
                (
                    chosen.map(String::as_str) == Some(truth.first().map_or("", String::as_str)),
                    None,
                )
            }
            Answer::Causes(causes) => (causes == &causes_of(&truth), None),
            Answer::Seconds(text) => {
                let said = text.trim().replace(',', ".").parse::<f64>().ok();
                (said.map(fmt_t).as_ref() == truth.first(), None)
            }
        };
        Grade {
            right,
            truth,
            parting,
        }
    }
}

/// The causes [`Grade::truth`] names for a Cancelled question.
pub fn causes_of(truth: &[String]) -> Vec<Cause> {
    let named = |s: &String| Cause::ALL.into_iter().find(|c| format!("{c:?}") == *s);
    truth.iter().filter_map(named).collect()
}

impl Predict {
    /// The questions that fit a scenario: its console, gather's outcome, the bottom
    /// program's order (as_completed), who gets cancelled there and when it returns.
    pub fn fitting(d: &Derived) -> Predict {
        let bottom = &d.programs.bottom.scenario;
        let prints =
            (bottom.coroutines.iter()).any(|c| c.steps.iter().any(|s| matches!(s, Step::Print(_))));
        let yields = matches!(
            bottom.main.runner,
            Runner::AsCompleted { .. } | Runner::AsCompletedPipeline { .. }
        );
        let mut questions = Vec::new();
        if prints {
            questions.push(Question::Console(ProgramId::Top));
        }
        questions.push(Question::Gather);
        if yields {
            questions.push(Question::Order);
        }
        questions.push(Question::Cancelled(ProgramId::Bottom));
        questions.push(Question::Returns(ProgramId::Bottom));
        Predict::asking(d, &questions, None)
    }

    pub fn asking(d: &Derived, questions: &[Question], exercise: Option<String>) -> Predict {
        Predict {
            exercise,
            asked: questions.iter().map(|&q| Asked::new(d, q)).collect(),
            revealed: false,
        }
    }

    /// Each answer's grade (before Reveal too: the screen shows them only after).
    pub fn grades(&self, d: &Derived) -> Vec<Grade> {
        self.asked.iter().map(|a| a.grade(d)).collect()
    }

    /// Right answers and questions.
    pub fn score(&self, d: &Derived) -> (usize, usize) {
        let grades = self.grades(d);
        (grades.iter().filter(|g| g.right).count(), grades.len())
    }
}

impl Playground {
    /// The answers are on screen: not predicting, or revealed.
    pub fn shows_answers(&self) -> bool {
        self.predict.as_ref().is_none_or(|p| p.revealed)
    }

    pub(super) fn on_predict(&mut self, action: PredictAction) -> Result<(), Problem> {
        let d = self.derived.clone();
        match action {
            PredictAction::Start => self.predict = Some(Predict::fitting(&d)),
            PredictAction::Exercise(id) => {
                let ex = exercises::exercise(&id)?;
                let mut opened = ex.playground(self.lang)?;
                opened.theme = self.theme;
                opened.progress = std::mem::take(&mut self.progress);
                *self = opened;
            }
            PredictAction::Leave => self.predict = None,
            PredictAction::Reveal => {
                let Some(p) = self.predict.as_mut() else {
                    return Ok(());
                };
                p.revealed = true;
                if let Some(id) = p.exercise.clone() {
                    let score = p.score(&d);
                    self.progress.retain(|(done, _)| *done != id);
                    self.progress.push((id, score));
                }
            }
            edit => {
                // Answers are fixed once revealed.
                let Some(p) = self.predict.as_mut().filter(|p| !p.revealed) else {
                    return Ok(());
                };
                p.answer(edit);
            }
        }
        Ok(())
    }
}

impl Predict {
    fn answer(&mut self, edit: PredictAction) {
        let q = match &edit {
            PredictAction::Move { q, .. }
            | PredictAction::Choose { q, .. }
            | PredictAction::Cause { q, .. }
            | PredictAction::Seconds { q, .. } => *q,
            _ => return,
        };
        let Some(asked) = self.asked.get_mut(q) else {
            return;
        };
        match (&mut asked.answer, edit) {
            (Answer::Order(order), PredictAction::Move { at, up, .. }) => {
                let other = if up { at.checked_sub(1) } else { Some(at + 1) };
                if let Some(other) = other.filter(|&o| o < order.len() && at < order.len()) {
                    order.swap(at, other);
                }
            }
            (Answer::Choice(c), PredictAction::Choose { option, .. }) => {
                *c = (option < asked.given.len()).then_some(option);
            }
            (Answer::Causes(causes), PredictAction::Cause { co, cause, .. }) => {
                if let Some(c) = causes.get_mut(co) {
                    *c = cause;
                }
            }
            (Answer::Seconds(s), PredictAction::Seconds { text, .. }) => *s = text,
            _ => {}
        }
    }
}

/// Exercises answered on this device, as kept in a preference: `id=3/4;id2=1/2`.
pub fn progress_text(progress: &[(String, (usize, usize))]) -> String {
    let items: Vec<String> = progress
        .iter()
        .map(|(id, (r, n))| format!("{id}={r}/{n}"))
        .collect();
    items.join(";")
}

/// Reads [`progress_text`]'s form back, skipping what does not parse.
pub fn progress_from(text: &str) -> Vec<(String, (usize, usize))> {
    text.split(';')
        .filter_map(|item| {
            let (id, score) = item.split_once('=')?;
            let (r, n) = score.split_once('/')?;
            Some((id.to_string(), (r.parse().ok()?, n.parse().ok()?)))
        })
        .collect()
}
