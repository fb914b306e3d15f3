//! A snapshot of the loop between two passes, as the next `_run_once` will find it when its
//! callbacks start: read from the loop's data without changing it, so a view can be taken
//! before any pass (`Simulation::snapshot`) and a past pass reached by replay.

use super::base_events::{Loop, CLOCK_RESOLUTION};
use super::handles::{self, PassSnapshot, TaskState, TaskView, TimerView};
use super::objects::{Callback, FutKind, FutState, Handle, TimerAction};
use super::trace::EndState;
use std::collections::{HashMap, HashSet};

impl Loop {
    /// The next pass as `_run_once` will run it: the clock moved to the earliest timer if
    /// nothing is ready, due timers appended to the ready queue; cancelled handles left out.
    pub fn snapshot(&self) -> PassSnapshot {
        let heap = self.heap_in_order();
        let live = |id: &usize| !self.timers[*id].cancelled;
        let mut time = self.time;
        if self.ready_handles().next().is_none() && !self.stopping {
            if let Some(&first) = heap.iter().find(|id| live(id)) {
                time = time.max(self.timers[first].when);
            }
        }
        let due = heap
            .iter()
            .take_while(|&&id| self.timers[id].when < time + CLOCK_RESOLUTION)
            .count();
        let ready_handles: Vec<&Handle> = self
            .ready_handles()
            .filter(|h| !matches!(h, Handle::Timer(id) if !live(id)))
            .collect();
        let mut ready: Vec<_> = ready_handles
            .iter()
            .map(|h| handles::view(&self.futs, &self.timers, h))
            .collect();
        ready.extend(
            heap[..due]
                .iter()
                .filter(|id| live(id))
                .map(|&id| handles::timer_view(&self.futs, &self.timers[id])),
        );
        let timers = heap[due..]
            .iter()
            .filter(|id| live(id))
            .map(|&id| TimerView {
                when: self.timers[id].when,
                what: handles::timer_view(&self.futs, &self.timers[id]),
            })
            .collect();
        // The deadline of each sleep's future, found once rather than per task.
        let sleeps: HashMap<usize, f64> = self
            .timers
            .iter()
            .filter_map(|t| match t.action {
                TimerAction::SetResultUnlessCancelled(f) => Some((f, t.when)),
                _ => None,
            })
            .collect();
        let scheduled: HashSet<usize> = ready_handles
            .iter()
            .filter_map(|h| match h {
                Handle::Step(t, _) | Handle::Done(Callback::Wakeup(t), _) => Some(*t),
                _ => None,
            })
            .collect();
        let tasks = self
            .tasks
            .iter()
            .map(|&t| {
                let scheduled = scheduled.contains(&t);
                let fut = &self.futs[t];
                let state = match (&fut.state, &fut.kind) {
                    (FutState::Finished(Ok(_)), _) => TaskState::Done(EndState::Returned),
                    (FutState::Finished(Err(_)), _) => TaskState::Done(EndState::Raised),
                    (FutState::Cancelled, _) => TaskState::Done(EndState::Cancelled),
                    (FutState::Pending, FutKind::Task(data)) if !scheduled => {
                        match data.fut_waiter {
                            Some(f) => match sleeps.get(&f) {
                                Some(&until) => TaskState::Sleeping { until },
                                None => TaskState::Awaiting(self.futs[f].origin),
                            },
                            // Between passes a pending task either waits or has a step queued.
                            None => TaskState::Scheduled,
                        }
                    }
                    (FutState::Pending, _) => TaskState::Scheduled,
                };
                TaskView {
                    lane: self.task_lane(t).unwrap_or_default(),
                    state,
                }
            })
            .collect();
        PassSnapshot {
            pass: self.pass + 1,
            time,
            ready,
            timers,
            tasks,
        }
    }
}
