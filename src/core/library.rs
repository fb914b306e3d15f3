//! The asyncio functions a runner awaits, each a transcription of CPython 3.11's code:
//! `sleep`, `gather` (`_GatheringFuture`), `as_completed` (with its `Queue`), `wait` / `_wait`,
//! `wait_for` / `_cancel_and_wait`, `TaskGroup` and `Semaphore`. Their hop counts come from
//! the same callbacks CPython registers, not from a table.

use super::event_loop::{
    Aio, Callback, FutId, FutKind, GatherData, Loop, Outcome, TimerAction, TimerId,
};
use super::scenario::ReturnWhen;
use super::trace::What;
use super::value::{Exc, Value};
use std::collections::VecDeque;

#[derive(Default)]
pub struct LibraryState {
    as_completed: Vec<AsCompleted>,
    waits: Vec<WaitState>,
    groups: Vec<TaskGroup>,
    semaphore: Option<Semaphore>,
}

/// `asyncio.Queue` as `as_completed` uses it: unbounded, one getter at a time.
#[derive(Default)]
struct Queue {
    items: VecDeque<Option<FutId>>,
    getters: VecDeque<FutId>,
}

struct AsCompleted {
    todo: Vec<FutId>,
    done: Queue,
    timeout_handle: Option<TimerId>,
}

struct WaitState {
    counter: usize,
    return_when: ReturnWhen,
    waiter: FutId,
    timeout_handle: Option<TimerId>,
}

struct TaskGroup {
    parent: FutId,
    tasks: Vec<FutId>,
    errors: Vec<Exc>,
    aborting: bool,
    parent_cancel_requested: bool,
    on_completed_fut: Option<FutId>,
}

struct Semaphore {
    value: u64,
    waiters: VecDeque<FutId>,
}

impl Loop {
    /// Runs a done-callback (`call_soon(cb, fut)`); `Wakeup` is handled by the task driver.
    pub fn run_callback(&mut self, cb: Callback, fut: FutId) {
        match cb {
            Callback::Wakeup(_) => {}
            Callback::GatherChildDone(outer) => self.gather_child_done(outer, fut),
            Callback::ReleaseWaiter(waiter) => self.release_waiter(waiter),
            Callback::AsCompletedDone(ac) => self.as_completed_on_completion(ac, fut),
            Callback::WaitDone(w) => self.wait_on_completion(w, fut),
            Callback::TaskGroupTaskDone(g) => self.task_group_on_task_done(g, fut),
            Callback::StopLoop => self.stopping = true,
        }
    }

    pub fn run_timer(&mut self, action: TimerAction) {
        match action {
            TimerAction::SetResultUnlessCancelled(f) => {
                if !self.done(f) {
                    self.set_result(f, Value::None);
                }
            }
            TimerAction::ReleaseWaiter(waiter) => self.release_waiter(waiter),
            TimerAction::AsCompletedTimeout(ac) => self.as_completed_on_timeout(ac),
        }
    }

    /// `_release_waiter(waiter)`.
    fn release_waiter(&mut self, waiter: FutId) {
        if !self.done(waiter) {
            self.set_result(waiter, Value::None);
        }
    }

    // ---- gather ----

    /// `asyncio.gather(*children, return_exceptions=...)` over futures already wrapped in tasks.
    pub fn gather(&mut self, children: Vec<FutId>, return_exceptions: bool) -> FutId {
        if children.is_empty() {
            let outer = self.create_future();
            self.set_result(outer, Value::List(Vec::new()));
            return outer;
        }
        let data = GatherData {
            children: children.clone(),
            finished: 0,
            return_exceptions,
            cancel_requested: false,
        };
        let outer = self.new_fut(FutKind::Gather(data));
        for child in children {
            self.add_done_callback(child, Callback::GatherChildDone(outer));
        }
        outer
    }

    fn gather_child_done(&mut self, outer: FutId, child: FutId) {
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
                    Ok(v) => v,
                    Err(e) => Value::Exception(e),
                })
                .collect();
            if cancel_requested {
                self.set_exception(outer, Exc::Cancelled);
            } else {
                self.set_result(outer, Value::List(results));
            }
        }
    }

    // ---- as_completed ----

    /// The first `next()` of `as_completed(fs, timeout=...)`, with `fs` already wrapped in
    /// tasks (CPython iterates `set(fs)`; the caller creates them in list order).
    pub fn as_completed(&mut self, todo: Vec<FutId>, timeout: Option<f64>) -> usize {
        let ac = self.lib.as_completed.len();
        for &f in &todo {
            self.add_done_callback(f, Callback::AsCompletedDone(ac));
        }
        let timeout_handle = match timeout {
            Some(t) if !todo.is_empty() => {
                Some(self.call_later(t, TimerAction::AsCompletedTimeout(ac)))
            }
            _ => None,
        };
        self.lib.as_completed.push(AsCompleted {
            todo,
            done: Queue::default(),
            timeout_handle,
        });
        ac
    }

    fn as_completed_on_timeout(&mut self, ac: usize) {
        let todo = std::mem::take(&mut self.lib.as_completed[ac].todo);
        for f in todo {
            self.remove_done_callback(f, Callback::AsCompletedDone(ac));
            self.queue_put(ac, None);
        }
    }

    fn as_completed_on_completion(&mut self, ac: usize, f: FutId) {
        let state = &mut self.lib.as_completed[ac];
        if state.todo.is_empty() {
            return;
        }
        state.todo.retain(|&t| t != f);
        let finished = state.todo.is_empty();
        let handle = state.timeout_handle;
        self.queue_put(ac, Some(f));
        if let (true, Some(h)) = (finished, handle) {
            self.cancel_timer(h);
        }
    }

    /// `Queue.put_nowait(item)`.
    fn queue_put(&mut self, ac: usize, item: Option<FutId>) {
        self.lib.as_completed[ac].done.items.push_back(item);
        self.queue_wakeup_next(ac);
    }

    /// `Queue._wakeup_next(getters)`: wakes the first getter still waiting.
    fn queue_wakeup_next(&mut self, ac: usize) {
        while let Some(getter) = self.lib.as_completed[ac].done.getters.pop_front() {
            if !self.done(getter) {
                self.set_result(getter, Value::None);
                break;
            }
        }
    }

    // ---- wait ----

    fn wait_on_completion(&mut self, w: usize, f: FutId) {
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
            if !self.done(waiter) {
                self.set_result(waiter, Value::None);
            }
        }
    }

    // ---- TaskGroup ----

    /// `TaskGroup.__aenter__`: the current task becomes the parent.
    pub fn task_group_enter(&mut self) -> usize {
        let parent = self
            .current
            .expect("a TaskGroup is entered from a running task");
        self.lib.groups.push(TaskGroup {
            parent,
            tasks: Vec::new(),
            errors: Vec::new(),
            aborting: false,
            parent_cancel_requested: false,
            on_completed_fut: None,
        });
        self.lib.groups.len() - 1
    }

    /// `tg.create_task(coro)`.
    pub fn task_group_add(&mut self, g: usize, task: FutId) {
        self.add_done_callback(task, Callback::TaskGroupTaskDone(g));
        self.lib.groups[g].tasks.push(task);
    }

    /// `TaskGroup._abort`: cancels every unfinished child. CPython iterates a set, so the
    /// order is unspecified; this model uses creation order and marks those cancellations.
    fn task_group_abort(&mut self, g: usize) {
        self.lib.groups[g].aborting = true;
        for t in self.lib.groups[g].tasks.clone() {
            if !self.done(t) {
                self.task(t).order_unspecified = true;
                self.cancel_task(t);
            }
        }
    }

    fn task_group_on_task_done(&mut self, g: usize, task: FutId) {
        let group = &mut self.lib.groups[g];
        group.tasks.retain(|&t| t != task);
        if let (Some(f), true) = (group.on_completed_fut, group.tasks.is_empty()) {
            if !self.done(f) {
                self.set_result(f, Value::None);
            }
        }
        if self.cancelled(task) {
            return;
        }
        let Some(exc) = self.exception(task) else {
            return;
        };
        let group = &mut self.lib.groups[g];
        group.errors.push(exc);
        let parent = group.parent;
        if self.done(parent) {
            return;
        }
        let group = &self.lib.groups[g];
        if !group.aborting && !group.parent_cancel_requested {
            self.task_group_abort(g);
            self.lib.groups[g].parent_cancel_requested = true;
            self.cancel_task(parent);
        }
    }

    // ---- Semaphore ----

    pub fn semaphore_init(&mut self, value: u32) {
        self.lib.semaphore = Some(Semaphore {
            value: value as u64,
            waiters: VecDeque::new(),
        });
    }

    fn semaphore(&mut self) -> &mut Semaphore {
        self.lib
            .semaphore
            .as_mut()
            .expect("the scenario has a limit")
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
    /// `await asyncio.sleep(delay)`; records the sleep on the lane with its deadline.
    pub async fn sleep(&self, lane: usize, delay: f64) -> Outcome {
        if delay <= 0.0 {
            self.lp().record(
                lane,
                What::Sleep {
                    seconds: delay,
                    until: None,
                },
            );
            self.yield_now().await?;
            return Ok(Value::None);
        }
        let (fut, handle) = {
            let mut lp = self.lp();
            let fut = lp.create_future();
            let handle = lp.call_later(delay, TimerAction::SetResultUnlessCancelled(fut));
            let until = lp.timers[handle].when;
            lp.record(
                lane,
                What::Sleep {
                    seconds: delay,
                    until: Some(until),
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
        loop {
            let getter = {
                let mut lp = self.lp();
                if !lp.lib.as_completed[ac].done.items.is_empty() {
                    break;
                }
                let getter = lp.create_future();
                lp.lib.as_completed[ac].done.getters.push_back(getter);
                getter
            };
            if let Err(e) = self.await_fut(getter).await {
                let mut lp = self.lp();
                lp.cancel(getter);
                lp.lib.as_completed[ac]
                    .done
                    .getters
                    .retain(|&g| g != getter);
                let has_items = !lp.lib.as_completed[ac].done.items.is_empty();
                if has_items && !lp.cancelled(getter) {
                    lp.queue_wakeup_next(ac);
                }
                return (None, Err(e));
            }
        }
        let mut lp = self.lp();
        match lp.lib.as_completed[ac].done.items.pop_front().flatten() {
            None => (None, Err(Exc::Timeout)),
            Some(f) => (lp.task(f).lane, lp.result(f)),
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
            let waiter = lp.create_future();
            let handle = timeout.map(|t| lp.call_later(t, TimerAction::ReleaseWaiter(waiter)));
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
            let waiter = lp.create_future();
            lp.add_done_callback(fut, Callback::ReleaseWaiter(waiter));
            lp.cancel(fut);
            waiter
        };
        let outcome = self.await_fut(waiter).await;
        self.lp()
            .remove_done_callback(fut, Callback::ReleaseWaiter(waiter));
        outcome.map(|_| ())
    }

    /// `await asyncio.wait_for(fut, timeout)` as in 3.8–3.11 (`fut` is already a future).
    pub async fn wait_for(&self, fut: FutId, timeout: f64) -> Outcome {
        let timed_out = |outcome: Outcome| match outcome {
            Err(Exc::Cancelled) => Err(Exc::Timeout),
            other => other,
        };
        if timeout <= 0.0 {
            if self.lp().done(fut) {
                return self.lp().result(fut);
            }
            self.cancel_and_wait(fut).await?;
            return timed_out(self.lp().result(fut));
        }
        let (waiter, handle) = {
            let mut lp = self.lp();
            let waiter = lp.create_future();
            let handle = lp.call_later(timeout, TimerAction::ReleaseWaiter(waiter));
            lp.add_done_callback(fut, Callback::ReleaseWaiter(waiter));
            (waiter, handle)
        };
        let outcome = self.wait_for_body(fut, waiter, timed_out).await;
        self.lp().cancel_timer(handle);
        outcome
    }

    async fn wait_for_body(
        &self,
        fut: FutId,
        waiter: FutId,
        timed_out: impl Fn(Outcome) -> Outcome,
    ) -> Outcome {
        let woken = self.await_fut(waiter).await;
        if self.lp().done(fut) {
            return match woken {
                Err(e) if e != Exc::Cancelled => Err(e),
                _ => self.lp().result(fut),
            };
        }
        self.lp()
            .remove_done_callback(fut, Callback::ReleaseWaiter(waiter));
        self.cancel_and_wait(fut).await?;
        match woken {
            Err(e) => Err(e),
            Ok(_) => timed_out(self.lp().result(fut)),
        }
    }

    /// `TaskGroup.__aexit__(None, None, None)`: waits for every child; raises the
    /// `ExceptionGroup` of their errors.
    pub async fn task_group_exit(&self, g: usize) -> Result<(), Exc> {
        let mut propagate_cancel = false;
        {
            let mut lp = self.lp();
            if lp.lib.groups[g].parent_cancel_requested {
                let parent = lp.lib.groups[g].parent;
                lp.uncancel(parent);
            }
        }
        loop {
            let fut = {
                let mut lp = self.lp();
                if lp.lib.groups[g].tasks.is_empty() {
                    break;
                }
                let fut = match lp.lib.groups[g].on_completed_fut {
                    Some(f) => f,
                    None => lp.create_future(),
                };
                lp.lib.groups[g].on_completed_fut = Some(fut);
                fut
            };
            if let Err(Exc::Cancelled) = self.await_fut(fut).await {
                let mut lp = self.lp();
                if !lp.lib.groups[g].aborting {
                    propagate_cancel = true;
                    lp.task_group_abort(g);
                }
            }
            self.lp().lib.groups[g].on_completed_fut = None;
        }
        let errors = std::mem::take(&mut self.lp().lib.groups[g].errors);
        if propagate_cancel && errors.is_empty() {
            return Err(Exc::Cancelled);
        }
        if !errors.is_empty() {
            return Err(Exc::Group(errors));
        }
        Ok(())
    }

    /// `await semaphore.acquire()` (3.11.7: FIFO waiters, a release hands the slot over).
    pub async fn semaphore_acquire(&self, lane: usize) -> Result<(), Exc> {
        let fut = {
            let mut lp = self.lp();
            let locked = {
                let sem = lp.lib.semaphore.as_ref().expect("the scenario has a limit");
                sem.value == 0 || sem.waiters.iter().any(|&w| !lp.cancelled(w))
            };
            if !locked {
                lp.semaphore().value -= 1;
                return Ok(());
            }
            let fut = lp.create_future();
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
