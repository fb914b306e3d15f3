//! CPython's `futures.Future` (the same in 3.8.18 … 3.13.0 for what a scenario does): `result`,
//! `exception`, `set_result`, `set_exception`, `cancel`, `add_done_callback`,
//! `remove_done_callback`, `__schedule_callbacks` and `__await__`.
//!
//! Departure: coroutines are Rust `async` blocks driven like Python generators. Awaiting a
//! pending future parks the block and tells the task which future it waits on through the
//! loop's `yielded` side channel, as `Future.__await__` yields itself to `Task.__step`; what
//! the task sends or throws back comes through `resume`.

use super::base_events::{Aio, Loop};
use super::objects::{Callback, Fut, FutId, FutKind, FutState, Handle, Origin, Resume, Yielded};
use super::value::{Exc, Outcome, Value};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

impl Loop {
    /// `loop.create_future()`.
    pub fn create_future(&mut self, origin: Origin) -> FutId {
        self.new_fut(FutKind::Plain, origin)
    }

    pub fn new_fut(&mut self, kind: FutKind, origin: Origin) -> FutId {
        self.futs.push(Fut {
            state: FutState::Pending,
            callbacks: Vec::new(),
            kind,
            origin,
        });
        self.futs.len() - 1
    }

    pub fn done(&self, f: FutId) -> bool {
        !matches!(self.futs[f].state, FutState::Pending)
    }

    pub fn cancelled(&self, f: FutId) -> bool {
        matches!(self.futs[f].state, FutState::Cancelled)
    }

    /// `fut.result()` of a done future: its value, its exception, or `CancelledError`.
    pub fn result(&self, f: FutId) -> Outcome {
        match &self.futs[f].state {
            FutState::Finished(outcome) => outcome.clone(),
            FutState::Cancelled => Err(Exc::Cancelled),
            // Never reached by the programs (they check `done` first); a pending future's
            // result() raises InvalidStateError in Python, which no scenario can trigger.
            FutState::Pending => Err(Exc::Cancelled),
        }
    }

    /// `fut.exception()` of a done, not cancelled future.
    pub fn exception(&self, f: FutId) -> Option<Exc> {
        match &self.futs[f].state {
            FutState::Finished(Err(e)) => Some(e.clone()),
            _ => None,
        }
    }

    /// Sets the state, then `__schedule_callbacks`: each callback is `call_soon`-ed, in
    /// registration order.
    pub fn finish(&mut self, f: FutId, state: FutState) {
        self.futs[f].state = state;
        for cb in std::mem::take(&mut self.futs[f].callbacks) {
            self.call_soon(Handle::Done(cb, f));
        }
    }

    pub fn set_result(&mut self, f: FutId, v: Value) {
        self.finish(f, FutState::Finished(Ok(v)));
    }

    pub fn set_exception(&mut self, f: FutId, e: Exc) {
        self.finish(f, FutState::Finished(Err(e)));
    }

    /// `Future.cancel()` of a plain future (`cancel` in tasks.rs dispatches by class).
    pub fn future_cancel(&mut self, f: FutId) -> bool {
        if self.done(f) {
            return false;
        }
        self.finish(f, FutState::Cancelled);
        true
    }

    pub fn add_done_callback(&mut self, f: FutId, cb: Callback) {
        if self.done(f) {
            self.call_soon(Handle::Done(cb, f));
        } else {
            self.futs[f].callbacks.push(cb);
        }
    }

    pub fn remove_done_callback(&mut self, f: FutId, cb: Callback) {
        self.futs[f].callbacks.retain(|c| *c != cb);
    }
}

impl Aio {
    /// `await fut` (`Future.__await__`): a done future gives its result at once, without a
    /// yield; otherwise the task parks until `__wakeup` resumes it.
    pub fn await_fut(&self, fut: FutId) -> AwaitFuture {
        AwaitFuture {
            aio: self.clone(),
            target: Some(fut),
            parked: false,
        }
    }

    /// The bare `yield` of `asyncio.sleep(0)`: the task's next step is `call_soon`-ed.
    pub fn yield_now(&self) -> AwaitFuture {
        AwaitFuture {
            aio: self.clone(),
            target: None,
            parked: false,
        }
    }
}

/// The awaitable behind `Aio::await_fut` and `Aio::yield_now`.
pub struct AwaitFuture {
    aio: Aio,
    target: Option<FutId>,
    parked: bool,
}

impl Future for AwaitFuture {
    type Output = Outcome;

    fn poll(mut self: Pin<&mut Self>, _cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut lp = self.aio.lp();
        if !self.parked {
            if let Some(f) = self.target {
                if lp.done(f) {
                    return Poll::Ready(lp.result(f));
                }
            }
            lp.yielded = Some(match self.target {
                Some(f) => Yielded::Future(f),
                None => Yielded::Bare,
            });
            drop(lp);
            self.parked = true;
            return Poll::Pending;
        }
        match lp.resume.take() {
            Some(Resume::Throw(e)) => Poll::Ready(Err(e)),
            // Woken by __wakeup with the future done: `return self.result()`.
            _ => Poll::Ready(match self.target {
                Some(f) => lp.result(f),
                None => Ok(Value::None),
            }),
        }
    }
}
