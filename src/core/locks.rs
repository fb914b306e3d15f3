//! CPython 3.11.7's `locks.Semaphore`: `acquire`, `release` and `_wake_up_next` (FIFO
//! waiters; a release hands the slot straight to the first waiter). One per run: the
//! scenario's `limit`.

use super::base_events::{Aio, Loop};
use super::objects::{FutId, Origin, SemaphoreState};
use super::trace::What;
use super::value::{Exc, Value};
use std::collections::VecDeque;

impl Loop {
    /// `asyncio.Semaphore(value)`.
    pub fn semaphore_init(&mut self, value: u32) {
        self.lib.semaphore = Some(SemaphoreState {
            value: value as u64,
            waiters: VecDeque::new(),
        });
    }

    fn semaphore(&mut self) -> &mut SemaphoreState {
        self.lib
            .semaphore
            .as_mut()
            .expect("the scenario has a limit")
    }

    /// `Semaphore.locked()`.
    fn semaphore_locked(&self) -> bool {
        let sem = self
            .lib
            .semaphore
            .as_ref()
            .expect("the scenario has a limit");
        sem.value == 0 || sem.waiters.iter().any(|&w| !self.cancelled(w))
    }

    /// `Semaphore._wake_up_next`: hands a slot to the first waiter not done yet.
    fn semaphore_wake_up_next(&mut self) {
        let waiters: Vec<FutId> = self.semaphore().waiters.iter().copied().collect();
        for w in waiters {
            if !self.done(w) {
                self.semaphore().value -= 1;
                self.set_result(w, Value::None);
                return;
            }
        }
    }

    /// `Semaphore.release()`.
    pub fn semaphore_release(&mut self) {
        self.semaphore().value += 1;
        self.semaphore_wake_up_next();
    }
}

impl Aio {
    /// `await semaphore.acquire()`; records the wait on the lane when there is no free slot.
    pub async fn semaphore_acquire(&self, lane: usize) -> Result<(), Exc> {
        let fut = {
            let mut lp = self.lp();
            if !lp.semaphore_locked() {
                lp.semaphore().value -= 1;
                return Ok(());
            }
            let fut = lp.create_future(Origin::SemaphoreWaiter { lane });
            lp.semaphore().waiters.push_back(fut);
            lp.record(lane, What::WaitSemaphore);
            fut
        };
        let outcome = self.await_fut(fut).await;
        let mut lp = self.lp();
        let waiters = &mut lp.semaphore().waiters;
        if let Some(i) = waiters.iter().position(|&w| w == fut) {
            waiters.remove(i);
        }
        match outcome {
            Err(Exc::Cancelled) => {
                if !lp.cancelled(fut) {
                    lp.semaphore().value += 1;
                    lp.semaphore_wake_up_next();
                }
                Err(Exc::Cancelled)
            }
            Err(e) => Err(e),
            Ok(_) => {
                if lp.semaphore().value > 0 {
                    lp.semaphore_wake_up_next();
                }
                Ok(())
            }
        }
    }
}
