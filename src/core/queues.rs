//! CPython's `queues.Queue` (the same in 3.8–3.13 for this use), as much as `as_completed`
//! uses: an unbounded queue with `put_nowait`, `get` and `_wakeup_next` (no putters wait).

use super::base_events::{Aio, Loop};
use super::objects::{FutId, Origin, Queue, QueueId};
use super::value::{Exc, Value};

impl Loop {
    pub fn queue_new(&mut self) -> QueueId {
        self.lib.queues.push(Queue::default());
        self.lib.queues.len() - 1
    }

    /// `Queue.put_nowait(item)`.
    pub fn queue_put_nowait(&mut self, q: QueueId, item: Option<FutId>) {
        self.lib.queues[q].items.push_back(item);
        self.queue_wakeup_next(q);
    }

    /// `Queue._wakeup_next(self._getters)`: wakes the first getter still waiting.
    fn queue_wakeup_next(&mut self, q: QueueId) {
        while let Some(getter) = self.lib.queues[q].getters.pop_front() {
            if !self.done(getter) {
                self.set_result(getter, Value::None);
                break;
            }
        }
    }
}

impl Aio {
    /// `await queue.get()`.
    pub async fn queue_get(&self, q: QueueId) -> Result<Option<FutId>, Exc> {
        loop {
            let getter = {
                let mut lp = self.lp();
                if !lp.lib.queues[q].items.is_empty() {
                    break;
                }
                let getter = lp.create_future(Origin::AsCompletedGetter);
                lp.lib.queues[q].getters.push_back(getter);
                getter
            };
            if let Err(e) = self.await_fut(getter).await {
                let mut lp = self.lp();
                lp.future_cancel(getter);
                lp.lib.queues[q].getters.retain(|&g| g != getter);
                if !lp.lib.queues[q].items.is_empty() && !lp.cancelled(getter) {
                    lp.queue_wakeup_next(q);
                }
                return Err(e);
            }
        }
        let item = self.lp().lib.queues[q].items.pop_front();
        Ok(item.flatten())
    }
}
