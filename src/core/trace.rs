//! The trace: everything that happened, on which lane, at which virtual time and loop pass.
//! The playground animates it; the console and the final report are derived from it.

use super::value::{Exc, Outcome, Value};

#[derive(Clone, Debug, PartialEq)]
pub enum What {
    /// The coroutine's body began (its task's first step).
    Start,
    Print(String),
    /// `await asyncio.sleep(seconds)`; `until` is the timer's deadline (none for `sleep(0)`).
    Sleep {
        seconds: f64,
        until: Option<f64>,
    },
    /// `async with semaphore:` found no free slot and waits.
    WaitSemaphore,
    Returned(Value),
    Raised(Exc),
    /// `CancelledError` ended it; `before_start` when its body never ran; `by` says who
    /// asked for the cancel.
    Cancelled {
        before_start: bool,
        by: CancelCause,
    },
    /// `main`: one `await` of an `as_completed` item, in yield order; `from` is the lane of
    /// the coroutine whose result it is (none for a `TimeoutError` item).
    Yielded {
        from: Option<usize>,
        outcome: Outcome,
    },
    /// `main`: what the awaited gather / wait_for / TaskGroup / loop produced.
    Awaited(Outcome),
    /// `main`: `asyncio.wait` returned; `done` holds the lanes of its done set, in argument
    /// order (every other coroutine is in the pending set).
    WaitReturned {
        done: Vec<usize>,
    },
}

/// Who called `cancel()` on a task (or on the future it waited on), so that every ⊘ can
/// say why.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CancelCause {
    /// `asyncio.run`'s `_cancel_all_tasks`, once `main()` had ended.
    Shutdown,
    /// A `TaskGroup`'s `_abort` (siblings) and its parent's cancel, after the child on lane
    /// `failed` raised.
    TaskGroup { failed: usize },
    /// `wait_for`'s timeout cancelled the future it waited on (the runner's gather, which
    /// cancels its unfinished children).
    WaitFor,
    /// `asyncio.timeout` expired and cancelled the task running its block (its awaited
    /// gather cancels its unfinished children).
    Timeout,
    /// Nobody cancelled this task: the `CancelledError` came out of what it awaited.
    Awaited,
}

/// How a scenario coroutine ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EndState {
    Returned,
    Raised,
    Cancelled,
    /// `sequential` stopped at an exception before awaiting it.
    NotStarted,
}

impl EndState {
    pub fn name(self) -> &'static str {
        match self {
            EndState::Returned => "returned",
            EndState::Raised => "raised",
            EndState::Cancelled => "cancelled",
            EndState::NotStarted => "not_started",
        }
    }
}

impl What {
    /// How the coroutine ended, if this event ends it (the last event of its lane).
    pub fn end_state(&self) -> Option<EndState> {
        match self {
            What::Returned(_) => Some(EndState::Returned),
            What::Raised(_) => Some(EndState::Raised),
            What::Cancelled { .. } => Some(EndState::Cancelled),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub t: f64,
    pub pass: u64,
    pub lane: usize,
    pub what: What,
    /// CPython leaves this event's order among its neighbours unspecified (it iterates a set):
    /// real Python may order it differently.
    pub unspecified_order: bool,
    /// The handle that ran when it happened: an index into `Report::handles`.
    pub handle: Option<u32>,
    /// Its order or existence depends on timers that tie only on a virtual clock (a race on a
    /// real one; see `docs/semantics.md`).
    pub race: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleLine {
    pub t: f64,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LaneKind {
    /// One of the scenario's coroutines.
    Coroutine,
    /// `main()` itself.
    Main,
    /// A `write_to_file` task of the as_completed pipeline.
    Writer,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Lane {
    pub name: String,
    pub kind: LaneKind,
}

/// What the loop knows about an event besides what happened: see `Event`'s fields.
pub struct Marks {
    pub unspecified_order: bool,
    pub handle: Option<u32>,
    pub race: bool,
}

#[derive(Default)]
pub struct Recorder {
    pub events: Vec<Event>,
    pub lanes: Vec<Lane>,
}

impl Recorder {
    pub fn record(&mut self, t: f64, pass: u64, lane: usize, what: What, marks: Marks) {
        self.events.push(Event {
            t,
            pass,
            lane,
            what,
            unspecified_order: marks.unspecified_order,
            handle: marks.handle,
            race: marks.race,
        });
    }

    pub fn add_lane(&mut self, name: String, kind: LaneKind) -> usize {
        self.lanes.push(Lane { name, kind });
        self.lanes.len() - 1
    }
}

/// The printed lines, in order: what `python3` writes to stdout.
pub fn console(events: &[Event]) -> Vec<ConsoleLine> {
    events
        .iter()
        .filter_map(|e| match &e.what {
            What::Print(text) => Some(ConsoleLine {
                t: e.t,
                text: text.clone(),
            }),
            _ => None,
        })
        .collect()
}
