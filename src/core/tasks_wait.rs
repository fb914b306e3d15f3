//! CPython's `tasks.py`, 3.8.18 to 3.13.0: `wait` / `_wait`, `wait_for` / `_cancel_and_wait`
//! / `_release_waiter`, and `as_completed` (its `Queue` is in `queues.rs`). One function per
//! version's code where they differ: `wait_for_3_8`, `wait_for_3_9` (3.9–3.11) and
//! `wait_for_3_12` (3.12+, on `timeouts.timeout`). The rest is the same in all six (3.13's
//! `as_completed` rewrite starts the tasks at the call instead of the first `next()`, which
//! our programs do at once).

use super::base_events::{Aio, Loop};
use super::objects::{AsCompletedState, Callback, FutId, Origin, TimerAction, WaitState};
use super::scenario::ReturnWhen;
use super::semantics::Python;
use super::trace::CancelCause;
use super::value::{Exc, Outcome, Value};

impl Loop {
    /// `_release_waiter(waiter)`.
    pub fn release_waiter(&mut self, waiter: FutId) {
        if !self.done(waiter) {
            self.set_result(waiter, Value::None);
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
