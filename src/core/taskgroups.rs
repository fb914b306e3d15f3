//! CPython 3.11.7's `taskgroups.TaskGroup`: `__aenter__`, `create_task`, `_on_task_done`,
//! `_abort` and `__aexit__` (without an exception from the body, the only case a scenario
//! makes). TaskGroup exists from 3.11. 3.12's `create_task` fast path for a task already done
//! needs an eager task factory, and 3.13's later `uncancel()` in `__aexit__` only changes the
//! parent's `cancelling()`, which no program reads: 3.11's code stands for 3.12 and 3.13.

use super::base_events::{Aio, Loop};
use super::objects::{Callback, FutId, Origin, TaskGroupState};
use super::trace::CancelCause;
use super::value::{Exc, Value};

impl Loop {
    /// `TaskGroup.__aenter__`: the current task becomes the parent.
    pub fn task_group_enter(&mut self) -> usize {
        let parent = self
            .current
            .expect("a TaskGroup is entered from a running task");
        self.lib.groups.push(TaskGroupState {
            parent,
            tasks: Vec::new(),
            errors: Vec::new(),
            aborting: false,
            parent_cancel_requested: false,
            on_completed_fut: None,
        });
        self.lib.groups.len() - 1
    }

    /// `tg.create_task(coro)`, with the task already created.
    pub fn task_group_add(&mut self, g: usize, task: FutId) {
        self.add_done_callback(task, Callback::TaskGroupTaskDone(g));
        self.lib.groups[g].tasks.push(task);
    }

    /// `TaskGroup._abort`: cancels every unfinished child. CPython iterates a set, so the
    /// order is unspecified; this model uses creation order and marks those cancellations.
    fn task_group_abort(&mut self, g: usize, by: CancelCause) {
        self.lib.groups[g].aborting = true;
        for t in self.lib.groups[g].tasks.clone() {
            if !self.done(t) {
                self.task(t).order_unspecified = true;
                self.cancel_task(t, by);
            }
        }
    }

    /// `TaskGroup._on_task_done(task)`.
    pub fn task_group_on_task_done(&mut self, g: usize, task: FutId) {
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
            let by = CancelCause::TaskGroup {
                failed: self.task_lane(task).unwrap_or_default(),
            };
            self.task_group_abort(g, by);
            self.lib.groups[g].parent_cancel_requested = true;
            self.cancel_task(parent, by);
        }
    }
}

impl Aio {
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
                    None => lp.create_future(Origin::TaskGroupOnCompleted),
                };
                lp.lib.groups[g].on_completed_fut = Some(fut);
                fut
            };
            if let Err(Exc::Cancelled) = self.await_fut(fut).await {
                let mut lp = self.lp();
                if !lp.lib.groups[g].aborting {
                    propagate_cancel = true;
                    // Cancelled from outside: the children go for the same reason.
                    let by = lp.cancelled_by();
                    lp.task_group_abort(g, by);
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
}
