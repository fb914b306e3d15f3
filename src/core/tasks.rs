//! CPython's `tasks.py`, 3.8.18 to 3.13.0, first part: `Task` (`__step`, `__wakeup`,
//! `cancel`, `uncancel`), `create_task` and `sleep` (with `futures._set_result_unless_cancelled`).
//! `gather` is in `tasks_gather.rs`; `wait`, `wait_for` and `as_completed` in `tasks_wait.rs`
//! (split for size; a reader of `tasks.py` finds each function under its own name). These
//! are the same in all six versions.
//!
//! Hop counts come from the same callbacks CPython registers, not from a table.

use super::base_events::{Aio, Loop};
use super::objects::{
    Callback, Coro, FutId, FutKind, FutState, Handle, Origin, Resume, TaskData, TimerAction,
    Yielded,
};
use super::trace::{CancelCause, What};
use super::value::{Exc, Outcome, Value};
use std::task::{Context, Poll, Waker};

impl Loop {
    pub fn task(&mut self, t: FutId) -> &mut TaskData {
        match &mut self.futs[t].kind {
            FutKind::Task(data) => data,
            _ => unreachable!("future {t} is not a task"),
        }
    }

    /// The lane whose body task `t` runs.
    pub fn task_lane(&self, t: FutId) -> Option<usize> {
        match self.futs[t].origin {
            Origin::Task { lane } => Some(lane),
            _ => None,
        }
    }

    /// `loop.create_task(coro)`: the first step is `call_soon`-ed, so it runs next pass.
    pub fn create_task(&mut self, coro: Coro, lane: usize) -> FutId {
        let data = TaskData {
            coro: Some(coro),
            started: false,
            fut_waiter: None,
            must_cancel: false,
            num_cancels_requested: 0,
            order_unspecified: false,
            start_pass: 0,
            cancelled_by: None,
        };
        let t = self.new_fut(FutKind::Task(Box::new(data)), Origin::Task { lane });
        self.tasks.push(t);
        self.call_soon(Handle::Step(t, None));
        t
    }

    /// `fut.cancel()`, dispatched like Python's method: `Future.cancel`, `Task.cancel` or
    /// `_GatheringFuture.cancel`.
    /// `by` is who asked, passed on to the tasks it reaches.
    pub fn cancel(&mut self, f: FutId, by: CancelCause) -> bool {
        match &self.futs[f].kind {
            FutKind::Plain => self.future_cancel(f),
            FutKind::Task(_) => self.cancel_task(f, by),
            FutKind::Gather(_) => self.gather_cancel(f, by),
        }
    }

    /// `Task.cancel()`: cancel what it waits on, or make its next step throw.
    pub fn cancel_task(&mut self, t: FutId, by: CancelCause) -> bool {
        if self.done(t) {
            return false;
        }
        let data = self.task(t);
        data.num_cancels_requested += 1;
        data.cancelled_by = Some(by);
        if let Some(waiter) = data.fut_waiter {
            if self.cancel(waiter, by) {
                return true;
            }
        }
        self.task(t).must_cancel = true;
        true
    }

    /// Who cancelled the running task (`Awaited` if nobody did): what its lane records
    /// when a `CancelledError` ends it.
    pub fn cancelled_by(&mut self) -> CancelCause {
        match self.current {
            Some(t) => self.task(t).cancelled_by.unwrap_or(CancelCause::Awaited),
            None => CancelCause::Awaited,
        }
    }

    /// `Task.cancelling()`.
    pub fn cancelling(&mut self, t: FutId) -> u32 {
        self.task(t).num_cancels_requested
    }

    /// `Task.uncancel()`.
    pub fn uncancel(&mut self, t: FutId) -> u32 {
        let data = self.task(t);
        data.num_cancels_requested = data.num_cancels_requested.saturating_sub(1);
        data.num_cancels_requested
    }

    /// `futures._set_result_unless_cancelled(fut, None)`.
    pub fn set_result_unless_cancelled(&mut self, f: FutId) {
        if !self.done(f) {
            self.set_result(f, Value::None);
        }
    }
}

impl Aio {
    /// `Task.__wakeup(future)` then `Task.__step(exc)`.
    pub fn wakeup(&self, t: FutId, fut: FutId) {
        let outcome = self.lp().result(fut);
        self.step(t, outcome.err());
    }

    /// `Task.__step`: send `None` (or throw `exc`) into the coroutine and act on what it yields.
    pub fn step(&self, t: FutId, exc: Option<Exc>) {
        let (coro, started, thrown) = {
            let mut lp = self.lp();
            if lp.done(t) {
                return;
            }
            let pass = lp.pass;
            let data = lp.task(t);
            let mut exc = exc;
            if data.must_cancel {
                if exc != Some(Exc::Cancelled) {
                    exc = Some(Exc::Cancelled);
                }
                data.must_cancel = false;
            }
            data.fut_waiter = None;
            let coro = data.coro.take();
            let started = std::mem::replace(&mut data.started, true);
            if !started {
                data.start_pass = pass;
            }
            lp.current = Some(t);
            lp.resume = Some(match &exc {
                None => Resume::Send,
                Some(e) => Resume::Throw(e.clone()),
            });
            (coro, started, exc)
        };
        let Some(mut coro) = coro else { return };
        // Throwing into a coroutine that never ran raises at once: its body never starts.
        let never_ran = !started && thrown.is_some();
        let poll = match thrown {
            Some(e) if never_ran => Poll::Ready(Err(e)),
            _ => coro.as_mut().poll(&mut Context::from_waker(Waker::noop())),
        };
        let mut lp = self.lp();
        lp.current = None;
        lp.resume = None;
        match poll {
            Poll::Ready(outcome) => {
                if never_ran {
                    // Cancelled before its first step: record it on the lane, the body can't.
                    if let Some(lane) = lp.task_lane(t) {
                        lp.current = Some(t);
                        let by = lp.cancelled_by();
                        let before_start = true;
                        lp.record(lane, What::Cancelled { before_start, by });
                        lp.current = None;
                    }
                }
                let must_cancel = std::mem::replace(&mut lp.task(t).must_cancel, false);
                match outcome {
                    Ok(_) if must_cancel => lp.finish(t, FutState::Cancelled),
                    Ok(v) => lp.set_result(t, v),
                    Err(Exc::Cancelled) => lp.finish(t, FutState::Cancelled),
                    Err(e) => lp.set_exception(t, e),
                }
            }
            Poll::Pending => {
                lp.task(t).coro = Some(coro);
                match lp.yielded.take() {
                    Some(Yielded::Future(f)) => {
                        lp.add_done_callback(f, Callback::Wakeup(t));
                        lp.task(t).fut_waiter = Some(f);
                        let by = lp.task(t).cancelled_by.unwrap_or(CancelCause::Awaited);
                        if lp.task(t).must_cancel && lp.cancel(f, by) {
                            lp.task(t).must_cancel = false;
                        }
                    }
                    Some(Yielded::Bare) | None => lp.call_soon(Handle::Step(t, None)),
                }
            }
        }
    }

    /// `await asyncio.sleep(delay)`; records the sleep on the lane with its deadline.
    pub async fn sleep(&self, lane: usize, delay: f64) -> Outcome {
        if delay <= 0.0 {
            let sleep = What::Sleep {
                seconds: delay,
                until: None,
            };
            self.lp().record(lane, sleep);
            self.yield_now().await?;
            return Ok(Value::None);
        }
        let (fut, handle) = {
            let mut lp = self.lp();
            let origin = Origin::Sleep { lane };
            let fut = lp.create_future(origin);
            let action = TimerAction::SetResultUnlessCancelled(fut);
            let handle = lp.call_later(delay, action, origin);
            let until = Some(lp.timers[handle].when);
            lp.record(
                lane,
                What::Sleep {
                    seconds: delay,
                    until,
                },
            );
            (fut, handle)
        };
        let outcome = self.await_fut(fut).await;
        self.lp().cancel_timer(handle);
        outcome
    }
}
