//! CPython's `timeouts.py` (3.11+, and `wait_for` from 3.12): `timeout(delay)`,
//! `Timeout.__aenter__`, `reschedule`, `_on_timeout` and `__aexit__`. On expiry it cancels the
//! task running the block; leaving the block turns that `CancelledError` into `TimeoutError`.
//! 3.12's `__aexit__` also attaches a `TimeoutError` to the context of another exception met
//! while expiring: nothing a program prints.
//!
//! Departure: `__aenter__` and `__aexit__` are plain calls here; CPython's never suspend.

use super::base_events::Loop;
use super::objects::{Origin, TimeoutPhase, TimeoutState, TimerAction};
use super::trace::CancelCause;
use super::value::{Exc, Outcome};

impl Loop {
    /// `asyncio.timeout(delay)`: `Timeout(loop.time() + delay)`.
    pub fn timeout(&mut self, delay: f64, by: CancelCause) -> usize {
        self.lib.timeouts.push(TimeoutState {
            state: TimeoutPhase::Created,
            when: self.time + delay,
            handler: None,
            task: None,
            cancelling: 0,
            by,
        });
        self.lib.timeouts.len() - 1
    }

    /// `Timeout.__aenter__`: remembers the current task and schedules `_on_timeout`.
    pub fn timeout_enter(&mut self, tm: usize) {
        let task = self
            .current
            .expect("a timeout is entered from a running task");
        let cancelling = self.cancelling(task);
        let state = &mut self.lib.timeouts[tm];
        state.state = TimeoutPhase::Entered;
        state.task = Some(task);
        state.cancelling = cancelling;
        let when = state.when;
        self.timeout_reschedule(tm, when);
    }

    /// `Timeout.reschedule(when)`: a deadline already reached runs `_on_timeout` next pass,
    /// through `call_soon` (ahead of timers due then), a later one through `call_at`.
    fn timeout_reschedule(&mut self, tm: usize, when: f64) {
        self.lib.timeouts[tm].when = when;
        if let Some(h) = self.lib.timeouts[tm].handler.take() {
            self.cancel_timer(h);
        }
        let action = TimerAction::TimeoutExpired(tm);
        let handler = if when <= self.time {
            self.call_soon_cancellable(action, Origin::Timeout)
        } else {
            self.call_at(when, action, Origin::Timeout)
        };
        self.lib.timeouts[tm].handler = Some(handler);
    }

    /// `Timeout._on_timeout`: cancels the task.
    pub fn timeout_on_timeout(&mut self, tm: usize) {
        let task = self.lib.timeouts[tm].task.expect("entered before it fires");
        let by = self.lib.timeouts[tm].by;
        self.cancel_task(task, by);
        let state = &mut self.lib.timeouts[tm];
        state.state = TimeoutPhase::Expiring;
        state.handler = None;
    }

    /// `Timeout.__aexit__`: the block's outcome goes on, except the `CancelledError` of its
    /// own expiry, which becomes `TimeoutError`.
    pub fn timeout_exit(&mut self, tm: usize, outcome: Outcome) -> Outcome {
        if let Some(h) = self.lib.timeouts[tm].handler.take() {
            self.cancel_timer(h);
        }
        match self.lib.timeouts[tm].state {
            TimeoutPhase::Expiring => {
                self.lib.timeouts[tm].state = TimeoutPhase::Expired;
                let (task, cancelling) =
                    (self.lib.timeouts[tm].task, self.lib.timeouts[tm].cancelling);
                let task = task.expect("entered before it exits");
                if self.uncancel(task) <= cancelling && outcome == Err(Exc::Cancelled) {
                    return Err(Exc::Timeout);
                }
            }
            TimeoutPhase::Entered => self.lib.timeouts[tm].state = TimeoutPhase::Exited,
            TimeoutPhase::Created | TimeoutPhase::Expired | TimeoutPhase::Exited => {
                unreachable!("__aexit__ of a timeout that is not active")
            }
        }
        outcome
    }
}
