//! CPython's `locks.Semaphore`: `acquire`, `release`, `locked` and `_wake_up_next`. One per
//! run: the scenario's `limit`. The versions differ, one function each:
//! - 3.8 (`semaphore_acquire_3_8`): a woken waiter re-checks `_value`, so a task that
//!   acquires in between barges ahead of it;
//! - 3.9 (`semaphore_acquire_3_9`): `_wakeup_scheduled` makes newcomers queue behind a woken
//!   waiter (FIFO);
//! - 3.10–3.12 (`semaphore_acquire_3_10`): `release` hands the slot straight to the first
//!   waiter (`_value` decremented there); `locked()` also counts uncancelled waiters;
//! - 3.13 (`semaphore_acquire_3_13`): the same, with the hand-over in a `finally` that wakes
//!   as many waiters as there are free slots.

use super::base_events::{Aio, Loop};
use super::objects::{FutId, Origin, SemaphoreState};
use super::semantics::Python;
use super::trace::What;
use super::value::{Exc, Value};
use std::collections::VecDeque;

impl Loop {
    /// `asyncio.Semaphore(value)`.
    pub fn semaphore_init(&mut self, value: u32) {
        self.lib.semaphore = Some(SemaphoreState {
            value: value.into(),
            waiters: VecDeque::new(),
            wakeup_scheduled: false,
        });
    }

    fn semaphore(&mut self) -> &mut SemaphoreState {
        self.lib
            .semaphore
            .as_mut()
            .expect("the scenario has a limit")
    }

    /// `Semaphore.locked()` of 3.10+.
    fn semaphore_locked(&mut self) -> bool {
        let waiters: Vec<FutId> = self.semaphore().waiters.iter().copied().collect();
        self.semaphore().value == 0 || waiters.iter().any(|&w| !self.cancelled(w))
    }

    /// `Semaphore.release()`.
    pub fn semaphore_release(&mut self) {
        self.semaphore().value += 1;
        match self.semantics.python() {
            Python::V3_8 | Python::V3_9 => self.semaphore_wake_up_next_3_8(),
            _ => {
                self.semaphore_wake_up_next_3_10();
            }
        }
    }

    /// `_wake_up_next` of 3.8 and 3.9: pops waiters until one is not done and wakes it (3.9
    /// also sets `_wakeup_scheduled`, which 3.8 never reads).
    fn semaphore_wake_up_next_3_8(&mut self) {
        while let Some(waiter) = self.semaphore().waiters.pop_front() {
            if !self.done(waiter) {
                self.set_result(waiter, Value::None);
                self.semaphore().wakeup_scheduled = true;
                return;
            }
        }
    }

    /// `_wake_up_next` of 3.10+: hands a slot to the first waiter not done yet (the waiter
    /// stays queued until its `acquire` removes it). True if it woke one (3.13 reads it).
    fn semaphore_wake_up_next_3_10(&mut self) -> bool {
        let waiters: Vec<FutId> = self.semaphore().waiters.iter().copied().collect();
        for w in waiters {
            if !self.done(w) {
                self.semaphore().value -= 1;
                self.set_result(w, Value::None);
                return true;
            }
        }
        false
    }

    /// `self._waiters.remove(fut)`.
    fn semaphore_remove_waiter(&mut self, fut: FutId) {
        let waiters = &mut self.semaphore().waiters;
        if let Some(i) = waiters.iter().position(|&w| w == fut) {
            waiters.remove(i);
        }
    }

    /// `fut = loop.create_future(); self._waiters.append(fut)`, recorded on the lane.
    fn semaphore_new_waiter(&mut self, lane: usize) -> FutId {
        let fut = self.create_future(Origin::SemaphoreWaiter { lane });
        self.semaphore().waiters.push_back(fut);
        self.record(lane, What::WaitSemaphore);
        fut
    }
}

impl Aio {
    /// `await semaphore.acquire()`, as the version has it.
    pub async fn semaphore_acquire(&self, lane: usize) -> Result<(), Exc> {
        let python = self.lp().semantics.python();
        match python {
            Python::V3_8 => self.semaphore_acquire_3_8(lane).await,
            Python::V3_9 => self.semaphore_acquire_3_9(lane).await,
            Python::V3_10 | Python::V3_11 | Python::V3_12 => {
                self.semaphore_acquire_3_10(lane).await
            }
            Python::V3_13 => self.semaphore_acquire_3_13(lane).await,
        }
    }

    /// 3.8: `while self._value <= 0:` wait; a woken waiter checks again (barging).
    async fn semaphore_acquire_3_8(&self, lane: usize) -> Result<(), Exc> {
        loop {
            let fut = {
                let mut lp = self.lp();
                if lp.semaphore().value > 0 {
                    break;
                }
                lp.semaphore_new_waiter(lane)
            };
            if let Err(e) = self.await_fut(fut).await {
                let mut lp = self.lp();
                lp.future_cancel(fut);
                if lp.semaphore().value > 0 && !lp.cancelled(fut) {
                    lp.semaphore_wake_up_next_3_8();
                }
                return Err(e);
            }
        }
        self.lp().semaphore().value -= 1;
        Ok(())
    }

    /// 3.9: `while self._wakeup_scheduled or self._value <= 0:` wait.
    async fn semaphore_acquire_3_9(&self, lane: usize) -> Result<(), Exc> {
        loop {
            let fut = {
                let mut lp = self.lp();
                let sem = lp.semaphore();
                if !sem.wakeup_scheduled && sem.value > 0 {
                    break;
                }
                lp.semaphore_new_waiter(lane)
            };
            match self.await_fut(fut).await {
                Ok(_) => self.lp().semaphore().wakeup_scheduled = false,
                Err(e) => {
                    // `except exceptions.CancelledError:` (the only exception a waiter gets).
                    self.lp().semaphore_wake_up_next_3_8();
                    return Err(e);
                }
            }
        }
        self.lp().semaphore().value -= 1;
        Ok(())
    }

    /// 3.10–3.12: the slot is handed over by `_wake_up_next`; a waiter cancelled after being
    /// handed it gives it back.
    async fn semaphore_acquire_3_10(&self, lane: usize) -> Result<(), Exc> {
        let fut = {
            let mut lp = self.lp();
            if !lp.semaphore_locked() {
                lp.semaphore().value -= 1;
                return Ok(());
            }
            lp.semaphore_new_waiter(lane)
        };
        let outcome = self.await_fut(fut).await;
        let mut lp = self.lp();
        lp.semaphore_remove_waiter(fut);
        match outcome {
            Err(e) => {
                if !lp.cancelled(fut) {
                    lp.semaphore().value += 1;
                    lp.semaphore_wake_up_next_3_10();
                }
                Err(e)
            }
            Ok(_) => {
                if lp.semaphore().value > 0 {
                    lp.semaphore_wake_up_next_3_10();
                }
                Ok(())
            }
        }
    }

    /// 3.13: as 3.10, but a cancelled waiter gives back only a slot it was handed, and a
    /// `finally` wakes waiters while slots are free.
    async fn semaphore_acquire_3_13(&self, lane: usize) -> Result<(), Exc> {
        let fut = {
            let mut lp = self.lp();
            if !lp.semaphore_locked() {
                lp.semaphore().value -= 1;
                return Ok(());
            }
            lp.semaphore_new_waiter(lane)
        };
        let outcome = self.await_fut(fut).await;
        let mut lp = self.lp();
        lp.semaphore_remove_waiter(fut);
        if outcome.is_err() && lp.done(fut) && !lp.cancelled(fut) {
            lp.semaphore().value += 1;
        }
        while lp.semaphore().value > 0 {
            if !lp.semaphore_wake_up_next_3_10() {
                break;
            }
        }
        outcome.map(|_| ())
    }
}
