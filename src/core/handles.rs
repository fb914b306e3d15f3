//! What the loop runs, as data a view can name: each handle of the ready queue or the timer
//! heap as CPython's code names it (`Task.__step`, gather's `_done_callback`, the sleep
//! timer's `futures._set_result_unless_cancelled`, …), the log of handles a run executed with
//! the handle that scheduled each one (its cause), and a snapshot of the loop before a pass.
//! Structured (lanes and origins, no strings) so the web can word it in its own language;
//! `label` is the plain-English wording.

use super::objects::{Callback, Fut, FutState, Handle, Origin, Timer, TimerAction};
use super::trace::EndState;
use std::fmt::Write;

/// One handle, named by what it calls; lanes say whose task or future it is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum HandleView {
    /// `Task.__step` of the task running lane `lane`.
    Step { lane: usize },
    /// `Task.__wakeup(fut)` of lane `lane`'s task: the future it awaited (made by `by`) is
    /// done, or `cancelled` (then `__wakeup` throws `CancelledError` into the task).
    Wakeup {
        lane: usize,
        by: Origin,
        cancelled: bool,
    },
    /// gather's `_done_callback(fut)`; `shutdown` for `asyncio.run`'s final gather.
    GatherDone { child: Origin, shutdown: bool },
    /// `_release_waiter(waiter)` as the done-callback of the awaited future (`wait_for`,
    /// `_cancel_and_wait`).
    ReleaseWaiter { waiter: Origin },
    /// as_completed's `_on_completion(f)`.
    AsCompletedDone { child: Origin },
    /// `_wait`'s `_on_completion(f)`.
    WaitDone { child: Origin },
    /// `TaskGroup._on_task_done(task)`.
    TaskGroupDone { child: Origin },
    /// `_run_until_complete_cb`: stops the loop.
    StopLoop,
    /// The timer of `asyncio.sleep` on lane `lane`: `futures._set_result_unless_cancelled`.
    SleepTimer { lane: usize },
    /// The timeout timer of `wait_for` or `wait`: `_release_waiter(waiter)`.
    TimeoutTimer { waiter: Origin },
    /// as_completed's `_on_timeout`.
    AsCompletedTimeout,
    /// `Timeout._on_timeout`.
    TimeoutExpired,
}

/// One handle a run executed, in the order it ran.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct HandleRun {
    pub pass: u64,
    pub time: f64,
    pub view: HandleView,
    /// The handle during which this one was `call_soon`-ed or its timer set; `None` when
    /// `asyncio.run` itself did it (creating `main()`'s task).
    pub cause: Option<u32>,
    /// Its order or existence depends on a race of timers (see `docs/semantics.md`).
    pub race: bool,
}

/// A timer waiting in the heap.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimerView {
    pub when: f64,
    pub what: HandleView,
}

/// What a task is doing between two passes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum TaskState {
    /// A step or wakeup of it is in the ready queue.
    Scheduled,
    /// Awaiting its `asyncio.sleep`, whose timer is due at `until`.
    Sleeping {
        until: f64,
    },
    /// Awaiting the future made by this origin (gather, as_completed's queue, wait, wait_for,
    /// TaskGroup, a semaphore waiter, another task …).
    Awaiting(Origin),
    Done(EndState),
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TaskView {
    pub lane: usize,
    pub state: TaskState,
}

/// The loop just before pass `pass` runs its callbacks: its time, the handles it will run in
/// order (cancelled ones left out), the timers still in the heap in deadline order, and every
/// task in creation order.
#[derive(Clone, Debug, PartialEq)]
pub struct PassSnapshot {
    pub pass: u64,
    pub time: f64,
    pub ready: Vec<HandleView>,
    pub timers: Vec<TimerView>,
    pub tasks: Vec<TaskView>,
}

fn lane_of(futs: &[Fut], f: usize) -> usize {
    match futs[f].origin {
        Origin::Task { lane } => lane,
        _ => unreachable!("future {f} is not a task"),
    }
}

/// The view of a handle of the ready queue (or of a timer), from the loop's arenas.
pub fn view(futs: &[Fut], timers: &[Timer], handle: &Handle) -> HandleView {
    match *handle {
        Handle::Step(t, _) => HandleView::Step {
            lane: lane_of(futs, t),
        },
        Handle::Done(cb, f) => {
            let child = futs[f].origin;
            match cb {
                Callback::Wakeup(t) => HandleView::Wakeup {
                    lane: lane_of(futs, t),
                    by: child,
                    cancelled: matches!(futs[f].state, FutState::Cancelled),
                },
                Callback::GatherChildDone(outer) => HandleView::GatherDone {
                    child,
                    shutdown: futs[outer].origin == Origin::Shutdown,
                },
                Callback::ReleaseWaiter(waiter) => HandleView::ReleaseWaiter {
                    waiter: futs[waiter].origin,
                },
                Callback::AsCompletedDone(_) => HandleView::AsCompletedDone { child },
                Callback::WaitDone(_) => HandleView::WaitDone { child },
                Callback::TaskGroupTaskDone(_) => HandleView::TaskGroupDone { child },
                Callback::StopLoop => HandleView::StopLoop,
            }
        }
        Handle::Timer(id) => timer_view(futs, &timers[id]),
    }
}

/// What a timer calls.
pub fn timer_view(futs: &[Fut], timer: &Timer) -> HandleView {
    match timer.action {
        TimerAction::SetResultUnlessCancelled(_) => match timer.origin {
            Origin::Sleep { lane } => HandleView::SleepTimer { lane },
            other => unreachable!("a sleep timer made by {other:?}"),
        },
        TimerAction::ReleaseWaiter(waiter) => HandleView::TimeoutTimer {
            waiter: futs[waiter].origin,
        },
        TimerAction::AsCompletedTimeout(_) => HandleView::AsCompletedTimeout,
        TimerAction::TimeoutExpired(_) => HandleView::TimeoutExpired,
    }
}

fn origin_label(origin: Origin, calls: &[String], out: &mut String) {
    let _ = match origin {
        Origin::Task { lane } => write!(out, "the task of {}", calls[lane]),
        Origin::Sleep { lane } => write!(out, "the sleep of {}", calls[lane]),
        Origin::Gather => write!(out, "gather's outer future"),
        Origin::WaitFor => write!(out, "wait_for's waiter"),
        Origin::CancelAndWait => write!(out, "_cancel_and_wait's waiter"),
        Origin::AsCompletedGetter => write!(out, "as_completed's queue"),
        Origin::AsCompletedTimeout => write!(out, "as_completed's timeout"),
        Origin::Wait => write!(out, "wait's waiter"),
        Origin::TaskGroupOnCompleted => write!(out, "the TaskGroup"),
        Origin::SemaphoreWaiter { lane } => write!(out, "the semaphore, for {}", calls[lane]),
        Origin::Timeout => write!(out, "the timeout"),
        Origin::Shutdown => write!(out, "asyncio.run's shutdown gather"),
    };
}

impl HandleView {
    /// Plain English, naming lanes by `calls` (how the program calls each lane's coroutine,
    /// `lane_calls`): "Task.__step of worker('5')".
    pub fn label(&self, calls: &[String]) -> String {
        let mut out = String::new();
        let o = &mut out;
        let _ = match *self {
            HandleView::Step { lane } => write!(o, "Task.__step of {}", calls[lane]),
            HandleView::Wakeup {
                lane,
                by,
                cancelled,
            } => {
                let _ = write!(o, "Task.__wakeup of {}: ", calls[lane]);
                origin_label(by, calls, o);
                write!(
                    o,
                    " {}",
                    if cancelled {
                        "was cancelled"
                    } else {
                        "is done"
                    }
                )
            }
            HandleView::GatherDone { child, shutdown } => {
                let who = if shutdown {
                    "asyncio.run's shutdown gather"
                } else {
                    "gather"
                };
                let _ = write!(o, "{who}'s _done_callback for ");
                origin_label(child, calls, o);
                Ok(())
            }
            HandleView::ReleaseWaiter { waiter } => {
                let _ = write!(o, "_release_waiter of ");
                origin_label(waiter, calls, o);
                Ok(())
            }
            HandleView::AsCompletedDone { child } => {
                let _ = write!(o, "as_completed's _on_completion for ");
                origin_label(child, calls, o);
                Ok(())
            }
            HandleView::WaitDone { child } => {
                let _ = write!(o, "wait's _on_completion for ");
                origin_label(child, calls, o);
                Ok(())
            }
            HandleView::TaskGroupDone { child } => {
                let _ = write!(o, "TaskGroup._on_task_done for ");
                origin_label(child, calls, o);
                Ok(())
            }
            HandleView::StopLoop => write!(o, "_run_until_complete_cb (stops the loop)"),
            HandleView::SleepTimer { lane } => write!(
                o,
                "the sleep timer of {}: futures._set_result_unless_cancelled",
                calls[lane]
            ),
            HandleView::TimeoutTimer { waiter } => {
                let _ = write!(o, "the timeout timer: _release_waiter of ");
                origin_label(waiter, calls, o);
                Ok(())
            }
            HandleView::AsCompletedTimeout => write!(o, "as_completed's _on_timeout"),
            HandleView::TimeoutExpired => write!(o, "Timeout._on_timeout"),
        };
        out
    }
}

impl TaskState {
    /// Plain English: "sleeping until 3", "awaiting gather's outer future", "cancelled".
    pub fn label(&self, calls: &[String]) -> String {
        let mut out = String::new();
        match *self {
            TaskState::Scheduled => out.push_str("scheduled"),
            TaskState::Sleeping { until } => out.push_str(&format!("sleeping until {until}")),
            TaskState::Awaiting(origin) => {
                out.push_str("awaiting ");
                origin_label(origin, calls, &mut out);
            }
            TaskState::Done(end) => out.push_str(end.name()),
        }
        out
    }
}
