//! CPython's `tasks.py`, 3.8.18 to 3.13.0: `Task` (`__step`, `__wakeup`, `cancel`,
//! `uncancel`), `create_task`, `sleep`, `gather` / `_GatheringFuture`, `wait` / `_wait`,
//! `wait_for` / `_cancel_and_wait` / `_release_waiter`, `as_completed` (its `Queue` is in
//! `queues.rs`). Where the versions differ there is one function per version's code:
//! `gather_3_8` (3.8–3.11) and `gather_3_12` (3.12+, children already done counted at once);
//! `wait_for_3_8`, `wait_for_3_9` (3.9–3.11) and `wait_for_3_12` (3.12+, on `timeout`).
//! The rest is the same in all six (3.13's `as_completed` rewrite starts the tasks at the
//! call instead of the first `next()`, which our programs do at once).
//!
//! Their hop counts come from the same callbacks CPython registers, not from a table.

use super::base_events::{Aio, Loop};
use super::objects::{
    AsCompletedState, Callback, Coro, FutId, FutKind, FutState, GatherData, Handle, Origin, Resume,
    TaskData, TimerAction, WaitState, Yielded,
};
use super::scenario::ReturnWhen;
use super::semantics::Python;
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

    /// `_release_waiter(waiter)`.
    pub fn release_waiter(&mut self, waiter: FutId) {
        if !self.done(waiter) {
            self.set_result(waiter, Value::None);
        }
    }

    /// `futures._set_result_unless_cancelled(fut, None)`.
    pub fn set_result_unless_cancelled(&mut self, f: FutId) {
        if !self.done(f) {
            self.set_result(f, Value::None);
        }
    }

    /// `asyncio.gather(*children, return_exceptions=...)` over futures already wrapped in tasks.
    pub fn gather(
        &mut self,
        children: Vec<FutId>,
        return_exceptions: bool,
        origin: Origin,
    ) -> FutId {
        if children.is_empty() {
            let outer = self.create_future(origin);
            self.set_result(outer, Value::List(Vec::new()));
            return outer;
        }
        let data = GatherData {
            children: children.clone(),
            finished: 0,
            return_exceptions,
            cancel_requested: false,
        };
        let outer = self.new_fut(FutKind::Gather(data), origin);
        if self.semantics.python() >= Python::V3_12 {
            self.gather_3_12(outer, children);
        } else {
            self.gather_3_8(outer, children);
        }
        outer
    }

    /// gather's loop over its children in 3.8–3.11: `fut.add_done_callback(_done_callback)`.
    fn gather_3_8(&mut self, outer: FutId, children: Vec<FutId>) {
        for child in children {
            self.add_done_callback(child, Callback::GatherChildDone(outer));
        }
    }

    /// 3.12+: a child already done is not given the callback; `_done_callback(fut)` runs for
    /// it right after the outer future exists, so a gather of finished children is done at once.
    fn gather_3_12(&mut self, outer: FutId, children: Vec<FutId>) {
        let mut done_futs = Vec::new();
        for child in children {
            if self.done(child) {
                done_futs.push(child);
            } else {
                self.add_done_callback(child, Callback::GatherChildDone(outer));
            }
        }
        for fut in done_futs {
            self.gather_child_done(outer, fut);
        }
    }

    /// `_GatheringFuture.cancel()`: cancels every child still running.
    fn gather_cancel(&mut self, outer: FutId, by: CancelCause) -> bool {
        if self.done(outer) {
            return false;
        }
        let FutKind::Gather(g) = &self.futs[outer].kind else {
            return false;
        };
        let mut any = false;
        for child in g.children.clone() {
            any |= self.cancel(child, by);
        }
        if let (true, FutKind::Gather(g)) = (any, &mut self.futs[outer].kind) {
            g.cancel_requested = true;
        }
        any
    }

    /// gather's `_done_callback(fut)`.
    pub fn gather_child_done(&mut self, outer: FutId, child: FutId) {
        let FutKind::Gather(g) = &mut self.futs[outer].kind else {
            return;
        };
        g.finished += 1;
        let (finished, total, return_exceptions) =
            (g.finished, g.children.len(), g.return_exceptions);
        if self.done(outer) {
            return;
        }
        if !return_exceptions {
            if self.cancelled(child) {
                self.set_exception(outer, Exc::Cancelled);
                return;
            }
            if let Some(e) = self.exception(child) {
                self.set_exception(outer, e);
                return;
            }
        }
        if finished == total {
            let FutKind::Gather(g) = &self.futs[outer].kind else {
                return;
            };
            let cancel_requested = g.cancel_requested;
            let results: Vec<Value> = g
                .children
                .iter()
                .map(|&c| match self.result(c) {
                    Err(Exc::Cancelled) => Value::Exception(self.gather_cancelled_child()),
                    outcome => outcome.unwrap_or_else(Value::Exception),
                })
                .collect();
            if cancel_requested {
                self.set_exception(outer, Exc::Cancelled);
            } else {
                self.set_result(outer, Value::List(results));
            }
        }
    }

    /// What gather lists for a cancelled child with `return_exceptions`: 3.8's
    /// `exceptions.CancelledError()`, 3.9+'s `CancelledError('')` (the message, bpo-31033).
    fn gather_cancelled_child(&self) -> Exc {
        if self.semantics.python() == Python::V3_8 {
            Exc::CancelledNoArgs
        } else {
            Exc::Cancelled
        }
    }

    /// The first `next()` of `as_completed(fs, timeout=...)`, with `fs` already wrapped in
    /// tasks (CPython iterates `set(fs)`; the caller creates them in list order).
    pub fn as_completed(&mut self, todo: Vec<FutId>, timeout: Option<f64>) -> usize {
        let ac = self.lib.as_completed.len();
        for &f in &todo {
            self.add_done_callback(f, Callback::AsCompletedDone(ac));
        }
        let timeout_handle = match timeout {
            Some(t) if !todo.is_empty() => Some(self.call_later(
                t,
                TimerAction::AsCompletedTimeout(ac),
                Origin::AsCompletedTimeout,
            )),
            _ => None,
        };
        let done = self.queue_new();
        self.lib.as_completed.push(AsCompletedState {
            todo,
            done,
            timeout_handle,
        });
        ac
    }

    /// as_completed's `_on_timeout()`.
    pub fn as_completed_on_timeout(&mut self, ac: usize) {
        let state = &mut self.lib.as_completed[ac];
        let (todo, done) = (std::mem::take(&mut state.todo), state.done);
        for f in todo {
            self.remove_done_callback(f, Callback::AsCompletedDone(ac));
            self.queue_put_nowait(done, None);
        }
    }

    /// as_completed's `_on_completion(f)`.
    pub fn as_completed_on_completion(&mut self, ac: usize, f: FutId) {
        let state = &mut self.lib.as_completed[ac];
        if state.todo.is_empty() {
            return;
        }
        state.todo.retain(|&t| t != f);
        let (finished, handle, done) = (state.todo.is_empty(), state.timeout_handle, state.done);
        self.queue_put_nowait(done, Some(f));
        if let (true, Some(h)) = (finished, handle) {
            self.cancel_timer(h);
        }
    }

    /// `_wait`'s `_on_completion(f)`.
    pub fn wait_on_completion(&mut self, w: usize, f: FutId) {
        let state = &mut self.lib.waits[w];
        state.counter = state.counter.saturating_sub(1);
        let (counter, return_when, waiter, handle) = (
            state.counter,
            state.return_when,
            state.waiter,
            state.timeout_handle,
        );
        let first_exception = return_when == ReturnWhen::FirstException
            && !self.cancelled(f)
            && self.exception(f).is_some();
        if counter == 0 || return_when == ReturnWhen::FirstCompleted || first_exception {
            if let Some(h) = handle {
                self.cancel_timer(h);
            }
            self.release_waiter(waiter);
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

    /// One `_wait_for_one()` of `as_completed`: `f = await done.get()`; `None` means timeout.
    /// Also says which lane's task the item came from.
    pub async fn as_completed_next(&self, ac: usize) -> (Option<usize>, Outcome) {
        let done = self.lp().lib.as_completed[ac].done;
        match self.queue_get(done).await {
            Err(e) => (None, Err(e)),
            Ok(None) => (None, Err(self.lp().semantics.timeout_error())),
            Ok(Some(f)) => {
                let lp = self.lp();
                (lp.task_lane(f), lp.result(f))
            }
        }
    }

    /// `await asyncio.wait(fs, timeout=..., return_when=...)` → `(done, pending)` in `fs` order.
    pub async fn wait(
        &self,
        fs: Vec<FutId>,
        timeout: Option<f64>,
        return_when: ReturnWhen,
    ) -> Result<(Vec<FutId>, Vec<FutId>), Exc> {
        let (w, waiter, handle) = {
            let mut lp = self.lp();
            let waiter = lp.create_future(Origin::Wait);
            let release = TimerAction::ReleaseWaiter(waiter);
            let handle = timeout.map(|t| lp.call_later(t, release, Origin::Wait));
            let w = lp.lib.waits.len();
            lp.lib.waits.push(WaitState {
                counter: fs.len(),
                return_when,
                waiter,
                timeout_handle: handle,
            });
            for &f in &fs {
                lp.add_done_callback(f, Callback::WaitDone(w));
            }
            (w, waiter, handle)
        };
        let outcome = self.await_fut(waiter).await;
        let mut lp = self.lp();
        if let Some(h) = handle {
            lp.cancel_timer(h);
        }
        for &f in &fs {
            lp.remove_done_callback(f, Callback::WaitDone(w));
        }
        outcome?;
        Ok(fs.iter().partition(|&&f| lp.done(f)))
    }

    /// `_cancel_and_wait(fut)`.
    async fn cancel_and_wait(&self, fut: FutId) -> Result<(), Exc> {
        let waiter = {
            let mut lp = self.lp();
            let waiter = lp.create_future(Origin::CancelAndWait);
            lp.add_done_callback(fut, Callback::ReleaseWaiter(waiter));
            lp.cancel(fut, CancelCause::WaitFor);
            waiter
        };
        let outcome = self.await_fut(waiter).await;
        self.lp()
            .remove_done_callback(fut, Callback::ReleaseWaiter(waiter));
        outcome.map(|_| ())
    }

    /// `await asyncio.wait_for(fut, timeout)` (`fut` is already a future), as the version has it.
    pub async fn wait_for(&self, fut: FutId, timeout: f64) -> Outcome {
        let python = self.lp().semantics.python();
        match python {
            Python::V3_8 => self.wait_for_3_8(fut, timeout).await,
            Python::V3_9 | Python::V3_10 | Python::V3_11 => self.wait_for_3_9(fut, timeout).await,
            Python::V3_12 | Python::V3_13 => self.wait_for_3_12(fut, timeout).await,
        }
    }

    /// `wait_for` of 3.8: once it cancelled `fut`, `TimeoutError` whatever `fut` gave.
    async fn wait_for_3_8(&self, fut: FutId, timeout: f64) -> Outcome {
        let timeout_error = self.lp().semantics.timeout_error();
        if timeout <= 0.0 {
            if self.lp().done(fut) {
                return self.lp().result(fut);
            }
            self.cancel_and_wait(fut).await?;
            let outcome = self.lp().result(fut);
            return match outcome {
                Err(e) if e != Exc::Cancelled => Err(e),
                _ => Err(timeout_error),
            };
        }
        match self.wait_for_waiter(fut, timeout).await {
            Some(outcome) => outcome,
            None => Err(timeout_error),
        }
    }

    /// `wait_for` of 3.9–3.11: once it cancelled `fut`, `fut`'s result if `fut` swallowed the
    /// cancellation, else `TimeoutError` (bpo-40607).
    async fn wait_for_3_9(&self, fut: FutId, timeout: f64) -> Outcome {
        if timeout <= 0.0 {
            return self.wait_for_expired(fut).await;
        }
        match self.wait_for_waiter(fut, timeout).await {
            Some(outcome) => outcome,
            None => self.timed_out(fut),
        }
    }

    /// `wait_for` of 3.12+ (gh-96764): `async with timeouts.timeout(timeout): return await fut`,
    /// so `fut` is awaited inline by the calling task.
    async fn wait_for_3_12(&self, fut: FutId, timeout: f64) -> Outcome {
        if timeout <= 0.0 {
            return self.wait_for_expired(fut).await;
        }
        let tm = self.lp().timeout(timeout, CancelCause::WaitFor);
        self.lp().timeout_enter(tm);
        let outcome = self.await_fut(fut).await;
        self.lp().timeout_exit(tm, outcome)
    }

    /// `if timeout <= 0:` of 3.9+: `fut`'s result if done, else cancel it, wait, and return
    /// its result unless it was cancelled (`TimeoutError` then).
    async fn wait_for_expired(&self, fut: FutId) -> Outcome {
        if self.lp().done(fut) {
            return self.lp().result(fut);
        }
        self.cancel_and_wait(fut).await?;
        self.timed_out(fut)
    }

    /// The waiter part of `wait_for`, the same in 3.8–3.11: `waiter` is released by `fut`'s
    /// done-callback or by `call_later(timeout, _release_waiter, waiter)`. `None` when the
    /// timeout came first and `fut` has been cancelled and waited for (`_cancel_and_wait`).
    async fn wait_for_waiter(&self, fut: FutId, timeout: f64) -> Option<Outcome> {
        let (waiter, handle) = {
            let mut lp = self.lp();
            let waiter = lp.create_future(Origin::WaitFor);
            let release = TimerAction::ReleaseWaiter(waiter);
            let handle = lp.call_later(timeout, release, Origin::WaitFor);
            lp.add_done_callback(fut, Callback::ReleaseWaiter(waiter));
            (waiter, handle)
        };
        let woken = self.await_fut(waiter).await;
        let outcome = if self.lp().done(fut) {
            Some(self.lp().result(fut))
        } else {
            self.lp()
                .remove_done_callback(fut, Callback::ReleaseWaiter(waiter));
            match (self.cancel_and_wait(fut).await, woken) {
                (Err(e), _) | (Ok(()), Err(e)) => Some(Err(e)),
                (Ok(()), Ok(_)) => None,
            }
        };
        self.lp().cancel_timer(handle);
        outcome
    }

    /// `try: return fut.result() except CancelledError: raise TimeoutError`.
    fn timed_out(&self, fut: FutId) -> Outcome {
        let lp = self.lp();
        match lp.result(fut) {
            Err(Exc::Cancelled) => Err(lp.semantics.timeout_error()),
            other => other,
        }
    }
}
