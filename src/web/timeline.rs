//! What the screen shows, derived from the two programs' predictions: lanes on one time axis,
//! the merged event list the playback cursor walks, and "the state up to the cursor" (results,
//! console, narration). Pure: no web crate, tested natively.

use crate::core::python;
use crate::core::scenario::Runner;
use crate::core::trace::{CancelCause, Event, LaneKind, What};
use crate::core::value::{number, Exc, Value};
use crate::core::wait_line;
use crate::core::{simulate_in, Limits, Report, Scenario, Semantics};

use super::program::{PerProgram, ProgramId};

/// One thing drawn on a lane.
#[derive(Clone, Debug, PartialEq)]
pub enum Mark {
    Start,
    /// `await asyncio.sleep(seconds)`: a segment from the event's time to `end`.
    Sleep {
        seconds: f64,
    },
    /// Waiting for a semaphore slot: a segment.
    WaitSemaphore,
    Print(String),
    /// ✓ with the value's repr.
    Returned(String),
    /// ✗ with the traceback line.
    Raised(String),
    /// ⊘, and who cancelled it.
    Cancelled {
        before_start: bool,
        by: CancelCause,
    },
    /// main(): one as_completed item (repr or exception line).
    Yielded(String),
    /// main(): what the awaited gather / wait / TaskGroup gave.
    Awaited(String),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Item {
    /// Index of the event in its program's event list.
    pub index: usize,
    pub t: f64,
    /// Where a segment ends (= `t` for a point).
    pub end: f64,
    pub mark: Mark,
    pub unspecified_order: bool,
    /// Its order or existence depends on a timer race (equal deadlines set in different
    /// passes): a real clock may decide it otherwise.
    pub race: bool,
}

/// One printed line, as the console shows it.
#[derive(Clone, Debug, PartialEq)]
pub struct ConsoleLine {
    pub t: f64,
    pub text: String,
    /// CPython iterates a set around it: real Python may print it elsewhere.
    pub unspecified_order: bool,
    /// A timer race decides it: on a real clock it may come elsewhere, or not at all.
    pub race: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LaneView {
    pub name: String,
    pub kind: LaneKind,
    pub items: Vec<Item>,
}

/// One program: its scenario, prediction, lanes and Python text.
#[derive(Clone, Debug, PartialEq)]
pub struct Program {
    pub scenario: Scenario,
    /// The prediction, or why the core refused to finish it.
    pub report: Result<Report, String>,
    pub lanes: Vec<LaneView>,
    pub python: String,
    /// Where each statement of `python` is.
    pub lines: python::LineMap,
}

pub(super) fn outcome_text(o: &Result<Value, Exc>) -> String {
    match o {
        Ok(v) => v.py_repr(),
        Err(e) => e.traceback_line(),
    }
}

/// What `asyncio.wait` returned, by the coroutines' lane names: `done: 2, 3; pending: 5, 7`.
pub(super) fn wait_sets(done: &[usize], report: &Report) -> String {
    let coroutines = report
        .lanes
        .iter()
        .enumerate()
        .filter(|(_, l)| l.kind == LaneKind::Coroutine);
    let pick = |is_done: bool| -> String {
        let set: Vec<&str> = coroutines
            .clone()
            .filter(|(i, _)| done.contains(i) == is_done)
            .map(|(_, l)| l.name.as_str())
            .collect();
        if set.is_empty() {
            "∅".into()
        } else {
            set.join(", ")
        }
    };
    format!("done: {}; pending: {}", pick(true), pick(false))
}

/// How a line of the bottom program's results reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultKind {
    Value,
    Exception,
    /// A task `asyncio.wait` left in its pending set.
    Pending,
}

/// Seconds as the screen writes them: `2.0`, `0.03`, `8.93`.
pub fn fmt_t(t: f64) -> String {
    let r = (t * 100.0).round() / 100.0;
    if r.fract() == 0.0 {
        format!("{r:.1}")
    } else {
        number(r)
    }
}

/// Tick spacing of the time axis giving at most ten ticks (the lanes and the exported SVG).
fn tick_step(end: f64) -> f64 {
    [
        0.1, 0.25, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 50.0, 100.0, 1000.0, 10_000.0, 100_000.0,
    ]
    .into_iter()
    .find(|s| end / s <= 10.0)
    .unwrap_or(1_000_000.0)
}

/// The ticks of an axis ending at `end`: 0, step, 2·step … up to `end`.
pub fn ticks(end: f64) -> impl Iterator<Item = f64> {
    let step = tick_step(end);
    (0..)
        .map(move |i| i as f64 * step)
        .take_while(move |t| *t <= end + 1e-9)
}

impl Program {
    pub fn new(scenario: Scenario, semantics: Semantics) -> Program {
        let report =
            simulate_in(&scenario, &Limits::default(), semantics).map_err(|e| e.to_string());
        let lanes = match &report {
            Ok(r) => lanes_of(r),
            Err(_) => Vec::new(),
        };
        let (python, lines) = python::program_lines(&scenario, semantics.python());
        Program {
            scenario,
            report,
            lanes,
            python,
            lines,
        }
    }

    pub fn events(&self) -> &[Event] {
        match &self.report {
            Ok(r) => &r.events,
            Err(_) => &[],
        }
    }

    pub fn events_len(&self) -> usize {
        self.events().len()
    }

    pub fn end_time(&self) -> f64 {
        self.report.as_ref().map_or(0.0, |r| r.end_time)
    }

    /// The printed lines among the first `k` events.
    pub fn console_lines(&self, k: usize) -> Vec<ConsoleLine> {
        self.events()
            .iter()
            .take(k)
            .filter_map(|e| match &e.what {
                What::Print(text) => Some(ConsoleLine {
                    t: e.t,
                    text: text.clone(),
                    unspecified_order: e.unspecified_order,
                    race: e.race,
                }),
                _ => None,
            })
            .collect()
    }

    /// Whether a timer race decides any event (on a real clock the order may differ).
    pub fn has_race(&self) -> bool {
        self.events().iter().any(|e| e.race)
    }

    /// The traceback line if `asyncio.run` raised and the first `k` events are all of them.
    pub fn raised(&self, k: usize) -> Option<String> {
        match &self.report {
            Ok(r) if k >= r.events.len() => r.raised.clone(),
            _ => None,
        }
    }

    pub fn main_lane(&self) -> usize {
        self.scenario.coroutines.len()
    }

    /// What main()'s `await` of gather / wait_for / TaskGroup gave, once it happened.
    pub fn awaited(&self, k: usize) -> Option<Result<Value, Exc>> {
        let main = self.main_lane();
        self.events().iter().take(k).find_map(|e| match &e.what {
            What::Awaited(o) if e.lane == main => Some(o.clone()),
            _ => None,
        })
    }

    /// What the program's results panel lists after `k` events, as its `main()` gets it:
    /// as_completed's items one by one; `asyncio.wait`'s done and pending tasks (each line as
    /// the program prints it); each `await` of the one-by-one loop; the list of a TaskGroup's
    /// task results once the group exits; gather's or wait_for's one value.
    pub fn result_items(&self, k: usize) -> Vec<(String, ResultKind)> {
        let of = |o: &Result<Value, Exc>| match o {
            Ok(v) => (v.py_repr(), ResultKind::Value),
            Err(e) => (e.traceback_line(), ResultKind::Exception),
        };
        let main = self.main_lane();
        let mains = self.events().iter().take(k).filter(|e| e.lane == main);
        match &self.scenario.main.runner {
            Runner::AsCompleted { .. } | Runner::AsCompletedPipeline { .. } => self
                .events()
                .iter()
                .take(k)
                .filter_map(|e| match &e.what {
                    What::Yielded { outcome, .. } => Some(of(outcome)),
                    _ => None,
                })
                .collect(),
            Runner::Wait { .. } => mains
                .filter_map(|e| match &e.what {
                    What::WaitReturned { done } => Some(done),
                    _ => None,
                })
                .take(1)
                .flat_map(|done| {
                    self.scenario.coroutines.iter().enumerate().map(|(i, c)| {
                        let outcome = self.ended_with(i).filter(|_| done.contains(&i));
                        let kind = match &outcome {
                            None => ResultKind::Pending,
                            Some(Ok(_)) => ResultKind::Value,
                            Some(Err(_)) => ResultKind::Exception,
                        };
                        (wait_line(&c.name, outcome.as_ref()), kind)
                    })
                })
                .collect(),
            Runner::Sequential => mains
                .filter_map(|e| match &e.what {
                    What::Awaited(o) => Some(of(o)),
                    _ => None,
                })
                .collect(),
            Runner::TaskGroup => match self.awaited(k) {
                None => Vec::new(),
                Some(Err(e)) => vec![of(&Err(e))],
                Some(Ok(_)) => {
                    let results = (0..self.scenario.coroutines.len())
                        .filter_map(|i| self.ended_with(i)?.ok())
                        .collect();
                    vec![(Value::List(results).py_repr(), ResultKind::Value)]
                }
            },
            Runner::Gather { .. } | Runner::WaitForGather { .. } | Runner::Timeout { .. } => {
                self.awaited(k).iter().map(of).collect()
            }
        }
    }

    /// How coroutine `lane` ended, if it returned or raised (over the whole run).
    fn ended_with(&self, lane: usize) -> Option<Result<Value, Exc>> {
        self.events().iter().find_map(|e| match &e.what {
            What::Returned(v) if e.lane == lane => Some(Ok(v.clone())),
            What::Raised(x) if e.lane == lane => Some(Err(x.clone())),
            _ => None,
        })
    }

    /// Whether any event's order is left unspecified by CPython.
    pub fn has_unspecified_order(&self) -> bool {
        self.events().iter().any(|e| e.unspecified_order)
    }
}

/// The lanes of a report: segments and marks in event order.
pub fn lanes_of(report: &Report) -> Vec<LaneView> {
    let mut lanes: Vec<LaneView> = report
        .lanes
        .iter()
        .map(|l| LaneView {
            name: l.name.clone(),
            kind: l.kind,
            items: Vec::new(),
        })
        .collect();
    for (index, e) in report.events.iter().enumerate() {
        if e.lane >= lanes.len() {
            continue;
        }
        // A segment ends at its deadline, or earlier at the lane's next event (a cancel).
        let next_on_lane = report.events[index + 1..]
            .iter()
            .find(|n| n.lane == e.lane)
            .map(|n| n.t);
        let (mark, end) = match &e.what {
            What::Start => (Mark::Start, e.t),
            What::Print(text) => (Mark::Print(text.clone()), e.t),
            What::Sleep { seconds, until } => {
                let until = until.unwrap_or(e.t);
                let end = next_on_lane.map_or(until, |n| n.min(until));
                (Mark::Sleep { seconds: *seconds }, end)
            }
            What::WaitSemaphore => (Mark::WaitSemaphore, next_on_lane.unwrap_or(e.t)),
            What::Returned(v) => (Mark::Returned(v.py_repr()), e.t),
            What::Raised(x) => (Mark::Raised(x.traceback_line()), e.t),
            What::Cancelled { before_start, by } => (
                Mark::Cancelled {
                    before_start: *before_start,
                    by: *by,
                },
                e.t,
            ),
            What::Yielded { outcome: o, .. } => (Mark::Yielded(outcome_text(o)), e.t),
            What::Awaited(o) => (Mark::Awaited(outcome_text(o)), e.t),
            What::WaitReturned { done } => (Mark::Awaited(wait_sets(done, report)), e.t),
        };
        lanes[e.lane].items.push(Item {
            index,
            t: e.t,
            end,
            mark,
            unspecified_order: e.unspecified_order,
            race: e.race,
        });
    }
    lanes
}

/// Both programs and the merged event list the playback cursor walks.
#[derive(Clone, Debug, PartialEq)]
pub struct Derived {
    /// The Python version both programs are predicted for.
    pub semantics: Semantics,
    pub programs: PerProgram<Program>,
    /// (program, event index), ordered by (time, program, index).
    pub merged: Vec<(ProgramId, usize)>,
    /// The right end of the shared time axis.
    pub axis_end: f64,
}

impl Derived {
    pub fn new(scenarios: PerProgram<Scenario>, semantics: Semantics) -> Derived {
        let programs = scenarios.map(|s| Program::new(s, semantics));
        let mut merged: Vec<(f64, ProgramId, usize)> = Vec::new();
        for id in ProgramId::ALL {
            let events = programs[id].events().iter().enumerate();
            merged.extend(events.map(|(i, e)| (e.t, id, i)));
        }
        merged.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
        let deadline = programs
            .bottom
            .scenario
            .main
            .runner
            .timeout()
            .unwrap_or(0.0);
        let axis_end = programs
            .iter()
            .flat_map(|p| {
                p.lanes
                    .iter()
                    .flat_map(|l| l.items.iter().map(|i| i.end))
                    .chain([p.end_time()])
            })
            .chain([deadline, 1.0])
            .fold(0.0, f64::max);
        Derived {
            semantics,
            programs,
            merged: merged.into_iter().map(|(_, p, i)| (p, i)).collect(),
            axis_end,
        }
    }

    /// Both programs' events: the cursor's end.
    pub fn events_len(&self) -> usize {
        self.merged.len()
    }

    /// How many events of each program lie before cursor `c`.
    pub fn counts_at(&self, c: usize) -> PerProgram<usize> {
        let mut counts = PerProgram::default();
        for &(p, _) in self.merged.iter().take(c) {
            counts[p] += 1;
        }
        counts
    }

    /// The cursor matching per-program counts (a live run's progress).
    pub fn cursor_for_counts(&self, counts: PerProgram<usize>) -> usize {
        (counts.top + counts.bottom).min(self.events_len())
    }

    /// Virtual time of the last event before cursor `c` (0 at the start).
    pub fn time_at(&self, c: usize) -> f64 {
        if c == 0 {
            return 0.0;
        }
        self.merged
            .get(c - 1)
            .map_or(0.0, |&(p, i)| self.programs[p].events()[i].t)
    }
}

impl Derived {
    /// The scrubber moves in virtual time: at `t` every event at or before `t` has happened,
    /// except at the very start, which is before any event (also those at t = 0).
    pub fn cursor_at_time(&self, t: f64) -> usize {
        if t <= 0.0 {
            return 0;
        }
        // Tolerance for float sums (0.1 + 0.2) against the scrubber's decimal steps.
        let t = t + 1e-9;
        self.merged
            .partition_point(|&(p, i)| self.programs[p].events()[i].t <= t)
    }

    /// The scrubber's step: 0.01 s, finer (down to 0.0001 s) when two event times are closer,
    /// so that each moment stays reachable.
    pub fn scrub_step(&self) -> f64 {
        let times = self
            .merged
            .iter()
            .map(|&(p, i)| self.programs[p].events()[i].t);
        let gap = times
            .clone()
            .zip(times.skip(1))
            .map(|(a, b)| b - a)
            .filter(|g| *g > 1e-9)
            .fold(f64::INFINITY, f64::min);
        [0.01, 0.001, 0.0001]
            .into_iter()
            .find(|s| *s <= gap)
            .unwrap_or(0.0001)
    }
}

impl LaneView {
    /// The sleeps a learner can set on the timeline: `(k, item, seconds)` for the k-th (from 1)
    /// sleep of a scenario coroutine (main() and the pipeline's writers have none to edit).
    pub fn sleep_handles(&self) -> impl Iterator<Item = (usize, &Item, f64)> {
        let editable = self.kind == LaneKind::Coroutine;
        let sleeps = self.items.iter().filter_map(move |i| match i.mark {
            Mark::Sleep { seconds } if editable => Some((i, seconds)),
            _ => None,
        });
        sleeps.enumerate().map(|(k, (i, s))| (k + 1, i, s))
    }
}

/// A sleep's seconds while its end is dragged: the pointer's time on the axis minus the
/// sleep's start, to 0.1 s, never negative. The pointer's time is where the handle was when
/// grabbed (`grabbed_t`) plus how far it moved (`dx` of `width` pixels = the whole axis, as
/// scaled when grabbed), so grabbing beside the handle's centre does not jump.
pub fn dragged_seconds(start: f64, grabbed_t: f64, dx: f64, width: f64, axis_end: f64) -> f64 {
    let t = grabbed_t
        + if width > 0.0 {
            dx / width * axis_end
        } else {
            0.0
        };
    ((t - start) * 10.0).round().max(0.0) / 10.0
}

/// A sleep's seconds after an arrow key on its handle: ±0.1 s (±1 s with Shift), on the
/// 0.1 s grid, never negative.
pub fn stepped_seconds(seconds: f64, up: bool, coarse: bool) -> f64 {
    let tenths = if coarse { 10.0 } else { 1.0 };
    let moved = (seconds * 10.0).round() + if up { tenths } else { -tenths };
    moved.max(0.0) / 10.0
}
