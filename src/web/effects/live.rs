//! The live run: both programs stepped on the browser's event loop, every `sleep` a real
//! timer scaled by the speed, and the [`Player`] that starts, pauses and stops it as the
//! state's commands say.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use gloo_timers::future::TimeoutFuture;
use yew::Callback;

use crate::core::{Limits, Simulation};
use crate::web::model::{Action, Command, LiveMsg, RunPlan};
use crate::web::program::{PerProgram, ProgramId};

use super::{now_ms, prefers_reduced_motion, window, Listener};

/// The clock of a live run: real milliseconds since its start, minus stopped time. It stops
/// while the learner's pause holds it (set from the state, the one truth for "paused") and,
/// on its own, while the tab is hidden — that is only the clock: the learner sees no pause.
struct Clock {
    start_ms: f64,
    paused_total: f64,
    paused_since: Option<f64>,
    /// The tab is hidden (the clock goes on when it is shown again).
    hidden: bool,
    /// Paused by the learner.
    held: bool,
}

impl Clock {
    fn active_ms(&self) -> f64 {
        let now = now_ms();
        let paused_now = self.paused_since.map_or(0.0, |s| now - s);
        now - self.start_ms - self.paused_total - paused_now
    }

    fn update(&mut self) {
        let should = self.hidden || self.held;
        match (should, self.paused_since) {
            (true, None) => self.paused_since = Some(now_ms()),
            (false, Some(s)) => {
                self.paused_total += now_ms() - s;
                self.paused_since = None;
            }
            _ => {}
        }
    }

    fn paused(&self) -> bool {
        self.paused_since.is_some()
    }
}

struct Shared {
    /// False once the run's handle is dropped.
    alive: Cell<bool>,
    /// True once both programs ended (or the run failed).
    finished: Cell<bool>,
    clock: RefCell<Clock>,
}

/// A live run of both programs on the browser's event loop. Dropping it stops it: the
/// stepping task and the frame loop check `alive` after every await, the visibility
/// listener is removed.
struct LiveRun {
    shared: Rc<Shared>,
    _visibility: Option<Listener>,
}

impl LiveRun {
    /// Starts the plan's programs (top, bottom), skipping at once past its `from` events, then waiting
    /// in real time — scaled by its speed — for every timer the simulations ask for.
    fn start(run_id: u64, plan: RunPlan, dispatch: Callback<Action>) -> LiveRun {
        let shared = Rc::new(Shared {
            alive: Cell::new(true),
            finished: Cell::new(false),
            clock: RefCell::new(Clock {
                start_ms: now_ms(),
                paused_total: 0.0,
                paused_since: None,
                hidden: false,
                held: false,
            }),
        });
        let visibility = {
            let shared = Rc::downgrade(&shared);
            let document = window().and_then(|w| w.document());
            document.and_then(|d| {
                Listener::on(d.into(), "visibilitychange", move |_| {
                    let Some(shared) = shared.upgrade() else {
                        return;
                    };
                    let hidden = window()
                        .and_then(|w| w.document())
                        .is_some_and(|d| d.hidden());
                    let mut clock = shared.clock.borrow_mut();
                    clock.hidden = hidden;
                    clock.update();
                })
            })
        };
        dispatch.emit(Action::Live(LiveMsg::Started {
            run_id,
            from: plan.from,
            from_t: plan.from_t,
        }));
        let (from_t, speed) = (plan.from_t, plan.speed);
        wasm_bindgen_futures::spawn_local(drive(shared.clone(), run_id, plan, dispatch.clone()));
        if !prefers_reduced_motion() {
            wasm_bindgen_futures::spawn_local(frames(
                shared.clone(),
                run_id,
                from_t,
                speed,
                dispatch,
            ));
        }
        LiveRun {
            shared,
            _visibility: visibility,
        }
    }

    /// The learner's pause: holds or releases the clock.
    fn set_paused(&self, paused: bool) {
        let mut clock = self.shared.clock.borrow_mut();
        clock.held = paused;
        clock.update();
    }
}

impl Drop for LiveRun {
    fn drop(&mut self) {
        self.shared.alive.set(false);
    }
}

/// Carries out the state's playback commands; the only owner of the live run's handle.
#[derive(Default)]
pub struct Player {
    run: RefCell<Option<LiveRun>>,
    /// The last run's id (a stale run's messages carry an older one).
    last_id: Cell<u64>,
}

impl Player {
    pub fn execute(&self, commands: Vec<Command>, dispatch: &Callback<Action>) {
        for command in commands {
            match command {
                Command::Do(action) => dispatch.emit(action),
                Command::StartRun(plan) => {
                    // The old run's handles go first, so none of its callbacks can land.
                    self.stop();
                    self.last_id.set(self.last_id.get() + 1);
                    let run = LiveRun::start(self.last_id.get(), plan, dispatch.clone());
                    *self.run.borrow_mut() = Some(run);
                }
                Command::SetPaused(paused) => {
                    if let Some(run) = self.run.borrow().as_ref() {
                        run.set_paused(paused);
                    }
                }
                Command::StopRun => self.stop(),
            }
        }
    }

    /// Drops the live run (if any).
    pub fn stop(&self) {
        self.run.borrow_mut().take();
    }
}

/// Steps both simulations: a pass that is ready runs at once; otherwise wait (real time) for
/// the earliest deadline. Ties go to the top program, as in the merged event order.
async fn drive(shared: Rc<Shared>, run_id: u64, plan: RunPlan, dispatch: Callback<Action>) {
    let RunPlan {
        scenarios,
        semantics,
        from,
        from_t,
        speed,
        ..
    } = plan;
    if !shared.alive.get() {
        return; // dropped before it first ran
    }
    let limits = Limits::default();
    let mut sims = scenarios
        .each_ref()
        .map(|s| Simulation::new(s, &limits, semantics));
    let fail = |e: crate::core::SimError| {
        shared.finished.set(true);
        dispatch.emit(Action::Live(LiveMsg::Failed {
            run_id,
            message: e.to_string(),
        }));
    };
    // Fast-forward (no waiting) to where the cursor was.
    for p in ProgramId::ALL {
        while sims[p].events_len() < from[p] && !sims[p].is_done() {
            if let Err(e) = sims[p].step() {
                return fail(e);
            }
        }
    }
    let mut sent: PerProgram<usize> = from;
    let virtual_ms = |t: f64| (t - from_t) * 1000.0 / speed;
    // The real clock starts now, once the fast-forward and the first render are behind us.
    shared.clock.borrow_mut().start_ms = now_ms();
    loop {
        if !shared.alive.get() {
            return;
        }
        // Every pass that is ready now runs now (top first, as in the merged order): they all
        // happen at this virtual time, so the screen is told once, after the burst.
        while let Some(p) = ProgramId::ALL
            .into_iter()
            .find(|&p| !sims[p].is_done() && sims[p].next_deadline().is_none())
        {
            if let Err(e) = sims[p].step() {
                return fail(e);
            }
        }
        // Report what has happened since the last look, with the real time it happened at.
        for p in ProgramId::ALL {
            let new = sims[p].events_from(sent[p]);
            if let Some(last) = new.last() {
                sent[p] += new.len();
                let real_ms = shared.clock.borrow().active_ms();
                dispatch.emit(Action::Live(LiveMsg::Events {
                    run_id,
                    program: p,
                    count: sent[p],
                    t: last.t,
                    predicted_ms: virtual_ms(last.t),
                    real_ms,
                }));
            }
        }
        if sims.iter().all(Simulation::is_done) {
            shared.finished.set(true);
            dispatch.emit(Action::Live(LiveMsg::Done { run_id }));
            return;
        }
        let Some((p, deadline)) = ProgramId::ALL
            .into_iter()
            .filter(|&p| !sims[p].is_done())
            .filter_map(|p| sims[p].next_deadline().map(|d| (p, d)))
            .min_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)))
        else {
            return;
        };
        // Wait on the real clock (not a count of ticks): re-check after every timer, so
        // pauses and throttled background timers do not bend the timeline.
        loop {
            if !shared.alive.get() {
                return;
            }
            let (paused, left) = {
                let clock = shared.clock.borrow();
                (clock.paused(), virtual_ms(deadline) - clock.active_ms())
            };
            if !paused && left <= 0.0 {
                break;
            }
            let ms = if paused {
                100
            } else {
                left.ceil().clamp(0.0, 250.0) as u32
            };
            TimeoutFuture::new(ms).await;
        }
        if let Err(e) = sims[p].step() {
            return fail(e);
        }
    }
}

/// A promise resolved at the next animation frame.
async fn next_frame() {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = window() {
            let _ = w.request_animation_frame(&resolve);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Once per frame while the run lives: where the real clock is, in virtual seconds.
async fn frames(
    shared: Rc<Shared>,
    run_id: u64,
    from_t: f64,
    speed: f64,
    dispatch: Callback<Action>,
) {
    loop {
        next_frame().await;
        if !shared.alive.get() || shared.finished.get() {
            return;
        }
        let (paused, ms) = {
            let clock = shared.clock.borrow();
            (clock.paused(), clock.active_ms())
        };
        if !paused {
            dispatch.emit(Action::Live(LiveMsg::Frame {
                run_id,
                now: from_t + ms * speed / 1000.0,
            }));
        }
    }
}
