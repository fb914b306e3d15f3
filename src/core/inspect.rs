//! Looking into a run: the loop before any pass, reached by deterministic replay (so nothing
//! is kept per pass), and why an event happened — the chain of handles that scheduled one
//! another back to `asyncio.run`. Structured steps; `describe` words them in English.

use super::base_events::SimError;
use super::handles::{HandleView, PassSnapshot};
use super::python_functions::{function_names, SHARED};
use super::runners::{Report, Simulation};
use super::scenario::{Limits, Scenario};
use super::semantics::Semantics;
use super::trace::{Lane, LaneKind, What};
use super::value::{number, str_repr};

/// The loop as pass `pass` (from 1) finds it when its callbacks start, by re-running the
/// scenario up to there; `None` if the run ends before that pass.
pub fn snapshot(
    scenario: &Scenario,
    limits: &Limits,
    semantics: Semantics,
    pass: u64,
) -> Result<Option<PassSnapshot>, SimError> {
    let mut sim = Simulation::new(scenario, limits, semantics);
    while sim.passes() + 1 < pass && !sim.is_done() {
        sim.step()?;
    }
    Ok((!sim.is_done() && pass > 0).then(|| sim.snapshot()))
}

/// How the generated program calls each lane's coroutine: `worker('5')` for the shared
/// function, `name()` for one of their own, and the lane's name for `main()` and writers.
pub fn lane_calls(scenario: &Scenario, lanes: &[Lane]) -> Vec<String> {
    let functions = function_names(scenario);
    lanes
        .iter()
        .enumerate()
        .map(|(i, lane)| match (lane.kind, functions.get(i)) {
            (LaneKind::Coroutine, Some(f)) if f == SHARED => {
                format!("{f}({})", str_repr(&lane.name))
            }
            (LaneKind::Coroutine, Some(f)) => format!("{f}()"),
            _ => lane.name.clone(),
        })
        .collect()
}

/// One link of a `why` chain, newest first.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum CauseStep {
    /// The event asked about (an index into `Report::events`).
    Event(usize),
    /// A handle that ran (an index into `Report::handles`) and scheduled the step before.
    Handle(u32),
    /// `asyncio.run(main())` itself: it created `main()`'s task.
    Run,
}

/// Why event `index` happened: the event, the handle that ran it, the handle that scheduled
/// that one, … back to `asyncio.run`.
pub fn why(report: &Report, index: usize) -> Vec<CauseStep> {
    let mut chain = vec![CauseStep::Event(index)];
    let mut next = report.events[index].handle;
    while let Some(h) = next {
        chain.push(CauseStep::Handle(h));
        next = report.handles[h as usize].cause;
    }
    chain.push(CauseStep::Run);
    chain
}

fn event_text(what: &What, lane: &str, calls: &[String]) -> String {
    match what {
        What::Start => format!("{lane} started"),
        What::Print(text) => format!("{lane} printed {}", str_repr(text)),
        What::Sleep { seconds, .. } => {
            format!("{lane} awaited asyncio.sleep({})", number(*seconds))
        }
        What::WaitSemaphore => format!("{lane} waited for the semaphore"),
        What::Returned(v) => format!("{lane} returned {}", v.py_repr()),
        What::Raised(e) => format!("{lane} raised {}", e.py_repr()),
        What::Cancelled { .. } => format!("{lane} was cancelled (CancelledError)"),
        What::Yielded { from, .. } => match from {
            Some(from) => format!(
                "{lane} got the next as_completed item, from {}",
                calls[*from]
            ),
            None => format!("{lane} got a TimeoutError from as_completed"),
        },
        What::Awaited(_) => format!("{lane} got what it awaited"),
        What::WaitReturned { .. } => format!("{lane} got asyncio.wait's (done, pending)"),
    }
}

impl CauseStep {
    /// Plain English, lanes named by `calls` (`lane_calls`): "t=3, pass 4: ran the sleep
    /// timer of worker('3'): futures._set_result_unless_cancelled (set in pass 2 at t=0, due 3)".
    pub fn describe(&self, report: &Report, calls: &[String]) -> String {
        match *self {
            CauseStep::Event(i) => {
                let e = &report.events[i];
                let text = event_text(&e.what, &calls[e.lane], calls);
                format!("t={}, pass {}: {text}", number(e.t), e.pass)
            }
            CauseStep::Handle(h) => {
                let run = &report.handles[h as usize];
                let cause = run.cause.map(|c| &report.handles[c as usize]);
                let detail = match (run.view, cause) {
                    (
                        HandleView::SleepTimer { .. }
                        | HandleView::TimeoutTimer { .. }
                        | HandleView::AsCompletedTimeout
                        | HandleView::TimeoutExpired,
                        Some(c),
                    ) => format!(
                        " (set in pass {} at t={}, due {})",
                        c.pass,
                        number(c.time),
                        number(run.time)
                    ),
                    (_, Some(c)) if c.view == HandleView::StopLoop => {
                        " (scheduled by asyncio.run's shutdown: _cancel_all_tasks)".to_string()
                    }
                    _ => String::new(),
                };
                let race = if run.race { " [race]" } else { "" };
                format!(
                    "t={}, pass {}: ran {}{detail}{race}",
                    number(run.time),
                    run.pass,
                    run.view.label(calls)
                )
            }
            CauseStep::Run => "asyncio.run(main()) created main()'s task".to_string(),
        }
    }
}
