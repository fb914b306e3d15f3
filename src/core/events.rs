//! `events.Handle._run` (3.8–3.13): what each ready handle calls. It sits above the
//! library files it dispatches to; `_run_once` (base_events.rs) is handed `run_handle`.

use super::base_events::Aio;
use super::objects::{Callback, FutId, Handle, TimerAction};

/// Runs one handle popped from the ready queue.
pub fn run_handle(aio: &Aio, handle: Handle) {
    match handle {
        Handle::Step(t, exc) => aio.step(t, exc),
        Handle::Done(cb, fut) => run_callback(aio, cb, fut),
        Handle::Timer(id) => {
            let action = aio.lp().timers[id].action;
            run_timer(aio, action);
        }
    }
}

/// A done-callback: `callback(fut)`.
fn run_callback(aio: &Aio, cb: Callback, fut: FutId) {
    match cb {
        Callback::Wakeup(t) => aio.wakeup(t, fut),
        Callback::GatherChildDone(outer) => aio.lp().gather_child_done(outer, fut),
        Callback::ReleaseWaiter(waiter) => aio.lp().release_waiter(waiter),
        Callback::AsCompletedDone(ac) => aio.lp().as_completed_on_completion(ac, fut),
        Callback::WaitDone(w) => aio.lp().wait_on_completion(w, fut),
        Callback::TaskGroupTaskDone(g) => aio.lp().task_group_on_task_done(g, fut),
        Callback::StopLoop => aio.lp().stopping = true,
    }
}

fn run_timer(aio: &Aio, action: TimerAction) {
    let mut lp = aio.lp();
    match action {
        TimerAction::SetResultUnlessCancelled(f) => lp.set_result_unless_cancelled(f),
        TimerAction::ReleaseWaiter(waiter) => lp.release_waiter(waiter),
        TimerAction::AsCompletedTimeout(ac) => lp.as_completed_on_timeout(ac),
        TimerAction::TimeoutExpired(tm) => lp.timeout_on_timeout(tm),
    }
}
