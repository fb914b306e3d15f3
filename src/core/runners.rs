//! CPython's `runners.py` (3.8–3.13): `asyncio.run(main())` — `run_until_complete(main_task)`,
//! then `_cancel_all_tasks`, which cancels every pending task and runs the loop until they
//! finish — one loop pass at a time, and the report of what the run did. The passes after
//! that (`shutdown_asyncgens`, and from 3.9 `shutdown_default_executor`, two more) print
//! nothing and move no clock, so they are not run.

use super::base_events::{Aio, Loop, SimError};
use super::events;
use super::handles::{HandleRun, HandleView, PassSnapshot};
use super::objects::{Callback, FutId, Origin};
use super::programs;
use super::scenario::{Limits, NotInPython, Scenario};
use super::semantics::Semantics;
use super::trace::{self, CancelCause, ConsoleLine, EndState, Event, Lane, LaneKind, Recorder};
use std::rc::Rc;

#[derive(Clone, Debug, PartialEq)]
pub struct CoroutineEnd {
    pub name: String,
    pub state: EndState,
    pub end: Option<f64>,
}

/// What `asyncio.run(main())` did, from start to the return of `asyncio.run`.
#[derive(Clone, Debug, PartialEq)]
pub struct Report {
    pub console: Vec<ConsoleLine>,
    /// The traceback's last line when `asyncio.run` raised.
    pub raised: Option<String>,
    /// The loop's time when `asyncio.run` returned (after the shutdown cancellations).
    pub end_time: f64,
    pub coroutines: Vec<CoroutineEnd>,
    pub events: Vec<Event>,
    pub lanes: Vec<Lane>,
    /// Every handle the loop ran, in order, with its cause (`Event::handle` points here).
    pub handles: Vec<HandleRun>,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Phase {
    /// `run_until_complete(main_task)`.
    Main,
    /// `_cancel_all_tasks`: `run_until_complete(gather(*pending, return_exceptions=True))`.
    Shutdown,
    Done,
}

/// One `asyncio.run(main())`, advanced a pass at a time. `run` goes to the end at once (the
/// prediction); the browser calls `step` itself, waiting in real time for `next_deadline`.
pub struct Simulation {
    aio: Aio,
    main: FutId,
    phase: Phase,
    coroutines: usize,
    /// Set when the runner does not exist in the simulated Python: every step refuses.
    unavailable: Option<NotInPython>,
}

impl Simulation {
    /// The documented model: where CPython iterates a set, coroutines go in list order.
    /// A runner the version lacks (`RunnerKind::since`) makes `step` and `run` fail with
    /// `SimError::NotInPython`; check first with `Scenario::check_python` to refuse earlier.
    pub fn new(scenario: &Scenario, limits: &Limits, semantics: Semantics) -> Simulation {
        let set_order = (0..scenario.coroutines.len()).collect();
        Simulation::build(scenario, limits, semantics, set_order)
    }

    /// Starts `as_completed`'s coroutines in `set_order` (a permutation of the coroutine
    /// indices), as a real CPython run may: its set order depends on object addresses.
    pub fn with_set_order(
        scenario: &Scenario,
        limits: &Limits,
        semantics: Semantics,
        set_order: &[usize],
    ) -> Result<Simulation, String> {
        let mut sorted = set_order.to_vec();
        sorted.sort_unstable();
        if !sorted.iter().copied().eq(0..scenario.coroutines.len()) {
            return Err(format!(
                "{set_order:?} is not an order of the {} coroutines",
                scenario.coroutines.len()
            ));
        }
        Ok(Simulation::build(
            scenario,
            limits,
            semantics,
            set_order.to_vec(),
        ))
    }

    fn build(
        scenario: &Scenario,
        limits: &Limits,
        semantics: Semantics,
        set_order: Vec<usize>,
    ) -> Simulation {
        let mut rec = Recorder::default();
        for c in &scenario.coroutines {
            rec.add_lane(c.name.clone(), LaneKind::Coroutine);
        }
        let main_lane = rec.add_lane("main()".to_string(), LaneKind::Main);
        let mut lp = Loop::new(limits.max_events, semantics, rec);
        // Room for what the run will record, so the hot loop does not reallocate.
        let steps: usize = scenario.coroutines.iter().map(|c| c.steps.len() + 2).sum();
        lp.reserve(steps);
        let aio = Aio::new(lp);
        let coro = programs::main_coroutine(&aio, &Rc::new(scenario.clone()), set_order);
        let main = {
            let mut lp = aio.lp();
            let main = lp.create_task(coro, main_lane);
            lp.add_done_callback(main, Callback::StopLoop);
            main
        };
        Simulation {
            aio,
            main,
            phase: Phase::Main,
            coroutines: scenario.coroutines.len(),
            unavailable: scenario.check_python(semantics.python()).err(),
        }
    }

    pub fn is_done(&self) -> bool {
        self.phase == Phase::Done
    }

    /// The virtual time the next pass must first wait for, if it must wait at all.
    pub fn next_deadline(&self) -> Option<f64> {
        if self.is_done() {
            None
        } else {
            self.aio.next_deadline()
        }
    }

    /// What made each future, in creation order (a view of the loop names them by it).
    pub fn future_origins(&self) -> Vec<Origin> {
        self.aio.lp().futs.iter().map(|f| f.origin).collect()
    }

    /// What made each timer and cancellable handle, in creation order.
    pub fn timer_origins(&self) -> Vec<Origin> {
        self.aio.lp().timers.iter().map(|t| t.origin).collect()
    }

    pub fn semantics(&self) -> Semantics {
        self.aio.lp().semantics
    }

    pub fn time(&self) -> f64 {
        self.aio.lp().time
    }

    /// How many events have been recorded so far.
    pub fn events_len(&self) -> usize {
        self.aio.lp().rec.events.len()
    }

    /// Events recorded since the first `from` (the live view appends them as they happen).
    pub fn events_from(&self, from: usize) -> Vec<Event> {
        self.aio
            .lp()
            .rec
            .events
            .get(from..)
            .map(<[Event]>::to_vec)
            .unwrap_or_default()
    }

    /// The lanes so far (the pipeline adds a `write_to_file` lane per result).
    pub fn lanes(&self) -> Vec<Lane> {
        self.aio.lp().rec.lanes.clone()
    }

    /// Runs one loop pass (moving the clock to the next timer first if nothing is ready).
    pub fn step(&mut self) -> Result<(), SimError> {
        if let Some(e) = self.unavailable {
            return Err(SimError::NotInPython(e));
        }
        if self.is_done() {
            return Ok(());
        }
        self.aio.run_once(events::run_handle)?;
        let mut lp = self.aio.lp();
        if !lp.stopping {
            return Ok(());
        }
        lp.stopping = false;
        self.phase = match self.phase {
            Phase::Main => {
                lp.remove_done_callback(self.main, Callback::StopLoop);
                // What the shutdown schedules, it schedules because the loop stopped.
                let stop = lp
                    .handles
                    .iter()
                    .rposition(|h| h.view == HandleView::StopLoop);
                lp.cause = stop.map(|i| i as u32);
                // asyncio.run's shutdown cancels every pending task. CPython iterates a set;
                // this model uses creation order and marks the cancellations as unspecified.
                let pending: Vec<FutId> =
                    lp.tasks.iter().copied().filter(|&t| !lp.done(t)).collect();
                if pending.is_empty() {
                    Phase::Done
                } else {
                    for &t in &pending {
                        lp.task(t).order_unspecified = true;
                        lp.cancel_task(t, CancelCause::Shutdown);
                    }
                    let all = lp.gather(pending, true, Origin::Shutdown);
                    lp.add_done_callback(all, Callback::StopLoop);
                    Phase::Shutdown
                }
            }
            Phase::Shutdown | Phase::Done => Phase::Done,
        };
        Ok(())
    }

    /// Runs to the end and reports.
    pub fn run(mut self) -> Result<Report, SimError> {
        if let Some(e) = self.unavailable {
            return Err(SimError::NotInPython(e));
        }
        while !self.is_done() {
            self.step()?;
        }
        let mut lp = self.aio.lp();
        let (events, handles) = (
            std::mem::take(&mut lp.rec.events),
            std::mem::take(&mut lp.handles),
        );
        drop(lp);
        Ok(self.report_with(events, handles))
    }

    /// The report so far (complete once `is_done`).
    pub fn report(&self) -> Report {
        let lp = self.aio.lp();
        let (events, handles) = (lp.rec.events.clone(), lp.handles.clone());
        drop(lp);
        self.report_with(events, handles)
    }

    /// The loop as the next pass will find it when its callbacks start (see `PassSnapshot`).
    pub fn snapshot(&self) -> PassSnapshot {
        self.aio.lp().snapshot()
    }

    /// How many passes have run.
    pub fn passes(&self) -> u64 {
        self.aio.lp().pass
    }

    fn report_with(&self, events: Vec<Event>, handles: Vec<HandleRun>) -> Report {
        let lp = self.aio.lp();
        let raised = if lp.done(self.main) {
            lp.result(self.main).err().map(|e| e.traceback_line())
        } else {
            None
        };
        // A coroutine's state is its lane's last event, if that event ended it.
        let mut ends: Vec<Option<(EndState, f64)>> = vec![None; self.coroutines];
        for e in &events {
            if let Some(end) = ends.get_mut(e.lane) {
                *end = e.what.end_state().map(|state| (state, e.t));
            }
        }
        let coroutines = ends
            .iter()
            .zip(&lp.rec.lanes)
            .map(|(end, lane)| CoroutineEnd {
                name: lane.name.clone(),
                state: end.map_or(EndState::NotStarted, |(s, _)| s),
                end: end.map(|(_, t)| t),
            })
            .collect();
        Report {
            console: trace::console(&events),
            raised,
            end_time: lp.time,
            coroutines,
            events,
            lanes: lp.rec.lanes.clone(),
            handles,
        }
    }
}

/// Simulates a validated scenario to the end, with CPython 3.11's rules.
pub fn simulate(scenario: &Scenario, limits: &Limits) -> Result<Report, SimError> {
    simulate_in(scenario, limits, Semantics::default())
}

/// Simulates a validated scenario to the end under `semantics`; `SimError::NotInPython` if
/// the version lacks its runner.
pub fn simulate_in(
    scenario: &Scenario,
    limits: &Limits,
    semantics: Semantics,
) -> Result<Report, SimError> {
    Simulation::new(scenario, limits, semantics).run()
}
