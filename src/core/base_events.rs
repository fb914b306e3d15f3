//! CPython's `base_events.BaseEventLoop` (the same in 3.8.18 … 3.13.0): `call_soon`,
//! `call_at` / `call_later`, `time()` and `_run_once`, pass by pass, on a virtual clock.
//!
//! The clock never moves by itself: when the ready queue is empty the loop jumps to the
//! earliest timer, as a real loop would sleep until it. Departures: the loop also owns every
//! future, task and library object (see `objects.rs`), and `_run_once` is handed the function
//! that runs a handle (`Handle._run`, in `events.rs`, above the library it calls into).

use super::handles::{self, HandleRun};
use super::objects::{
    Fut, FutId, FutKind, Handle, LibraryState, Origin, Resume, Timer, TimerAction, TimerId, Yielded,
};
use super::scenario::NotInPython;
use super::semantics::Semantics;
use super::trace::{Marks, Recorder, What};
use std::cell::{RefCell, RefMut};
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, VecDeque};
use std::rc::Rc;

/// `time.get_clock_info('monotonic').resolution` on Linux: timers due within it fire together.
pub const CLOCK_RESOLUTION: f64 = 1e-9;

/// Heap key: earliest deadline first, then registration order (see docs/semantics.md).
#[derive(PartialEq)]
struct TimerKey(f64, TimerId);
impl Eq for TimerKey {}
impl PartialOrd for TimerKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for TimerKey {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.total_cmp(&other.0).then(self.1.cmp(&other.1))
    }
}

/// Why a run stopped before `asyncio.run` returned.
#[derive(Clone, Debug, PartialEq)]
pub enum SimError {
    TooManyEvents(u64),
    /// Nothing is ready and no timer is set, but `main` is not done: Python would hang.
    WaitsForever {
        time: f64,
    },
    /// The scenario's runner does not exist in the simulated Python.
    NotInPython(NotInPython),
}

impl std::fmt::Display for SimError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SimError::TooManyEvents(n) => {
                write!(f, "the program runs more than {n} loop callbacks; stopped")
            }
            SimError::WaitsForever { time } => write!(
                f,
                "at t={time} nothing is ready and no timer is set: the program would wait forever"
            ),
            SimError::NotInPython(e) => e.fmt(f),
        }
    }
}

pub struct Loop {
    pub time: f64,
    pub pass: u64,
    events: u64,
    max_events: u64,
    /// Each ready handle with its cause (see `HandleRun::cause`).
    ready: VecDeque<(Handle, Option<u32>)>,
    pub timers: Vec<Timer>,
    heap: BinaryHeap<Reverse<TimerKey>>,
    pub futs: Vec<Fut>,
    pub stopping: bool,
    pub current: Option<FutId>,
    /// Every task in creation order (`asyncio.all_tasks()`, with a documented order).
    pub tasks: Vec<FutId>,
    pub resume: Option<Resume>,
    pub yielded: Option<Yielded>,
    pub lib: LibraryState,
    pub rec: Recorder,
    pub semantics: Semantics,
    /// Every handle run so far, with its cause.
    pub handles: Vec<HandleRun>,
    /// The handle running (or, during `asyncio.run`'s shutdown, the one that stopped the
    /// loop): what `call_soon` and timers record as their cause.
    pub cause: Option<u32>,
}

impl Loop {
    pub fn new(max_events: u64, semantics: Semantics, rec: Recorder) -> Loop {
        Loop {
            time: 0.0,
            pass: 0,
            events: 0,
            max_events,
            ready: VecDeque::new(),
            timers: Vec::new(),
            heap: BinaryHeap::new(),
            futs: Vec::new(),
            stopping: false,
            current: None,
            tasks: Vec::new(),
            resume: None,
            yielded: None,
            lib: LibraryState::default(),
            rec,
            semantics,
            handles: Vec::new(),
            cause: None,
        }
    }

    /// Makes room for about `steps` scenario steps' worth of futures, timers and events.
    pub fn reserve(&mut self, steps: usize) {
        self.futs.reserve(steps * 2);
        self.timers.reserve(steps);
        self.heap.reserve(steps);
        self.rec.events.reserve(steps * 2);
        self.handles.reserve(steps);
    }

    /// Records an event of the running task's lane (or `main`'s, or an inline coroutine's).
    pub fn record(&mut self, lane: usize, what: What) {
        // A set-ordered task's start, everything it does in that first pass, and its
        // cancellation may come in another order in real Python.
        let unspecified = match self.current.map(|t| &self.futs[t].kind) {
            Some(FutKind::Task(data)) if data.order_unspecified => {
                data.start_pass == self.pass || matches!(what, What::Cancelled { .. })
            }
            _ => false,
        };
        let marks = Marks {
            unspecified_order: unspecified,
            handle: self.cause,
            race: self.cause.is_some_and(|h| self.handles[h as usize].race),
        };
        self.rec.record(self.time, self.pass, lane, what, marks);
    }

    pub fn call_soon(&mut self, handle: Handle) {
        self.ready.push_back((handle, self.cause));
    }

    /// `call_soon(callback)` whose handle the caller may `cancel()` later.
    pub fn call_soon_cancellable(&mut self, action: TimerAction, origin: Origin) -> TimerId {
        let id = self.new_timer(self.time, action, origin);
        self.ready.push_back((Handle::Timer(id), self.cause));
        id
    }

    /// `call_later(delay)` = `call_at(self.time() + delay)`, in f64 like CPython.
    pub fn call_later(&mut self, delay: f64, action: TimerAction, origin: Origin) -> TimerId {
        self.call_at(self.time + delay, action, origin)
    }

    pub fn call_at(&mut self, when: f64, action: TimerAction, origin: Origin) -> TimerId {
        let id = self.new_timer(when, action, origin);
        self.heap.push(Reverse(TimerKey(when, id)));
        id
    }

    fn new_timer(&mut self, when: f64, action: TimerAction, origin: Origin) -> TimerId {
        self.timers.push(Timer {
            when,
            action,
            cancelled: false,
            origin,
            set_pass: self.pass,
            cause: self.cause,
            race: false,
        });
        self.timers.len() - 1
    }

    /// `TimerHandle.cancel()` / `Handle.cancel()`.
    pub fn cancel_timer(&mut self, id: TimerId) {
        self.timers[id].cancelled = true;
    }

    /// Timers that fire in one pass but were set in different passes tie only on a virtual
    /// clock: on a real one the later-set timer carries the time that passed in between.
    fn mark_timer_race(&mut self, due_from: usize) {
        let mut set_passes = self.ready.range(due_from..).filter_map(|(h, _)| match h {
            Handle::Timer(id) if !self.timers[*id].cancelled => Some(self.timers[*id].set_pass),
            _ => None,
        });
        let Some(first) = set_passes.next() else {
            return;
        };
        if set_passes.all(|p| p == first) {
            return;
        }
        for i in due_from..self.ready.len() {
            if let (Handle::Timer(id), _) = self.ready[i] {
                self.timers[id].race = true;
            }
        }
    }

    /// Logs the handle about to run and makes it the cause of what it schedules. It is in a
    /// race if its timer is, or if a racing handle scheduled it at this same time.
    fn log_handle(&mut self, handle: &Handle, cause: Option<u32>) {
        let inherited = cause.is_some_and(|c| {
            let c = &self.handles[c as usize];
            c.race && c.time == self.time
        });
        let race = inherited || matches!(handle, Handle::Timer(id) if self.timers[*id].race);
        self.handles.push(HandleRun {
            pass: self.pass,
            time: self.time,
            view: handles::view(&self.futs, &self.timers, handle),
            cause,
            race,
        });
        self.cause = Some((self.handles.len() - 1) as u32);
    }

    /// The ready queue in the order the next pass runs it, with cancelled handles.
    pub fn ready_handles(&self) -> impl Iterator<Item = &Handle> {
        self.ready.iter().map(|(h, _)| h)
    }

    /// The heap's timers in firing order, cancelled ones included.
    pub fn heap_in_order(&self) -> Vec<TimerId> {
        let mut keys: Vec<&TimerKey> = self.heap.iter().map(|Reverse(k)| k).collect();
        keys.sort();
        keys.into_iter().map(|k| k.1).collect()
    }

    fn drop_cancelled_timers(&mut self) {
        while let Some(Reverse(TimerKey(_, id))) = self.heap.peek() {
            if !self.timers[*id].cancelled {
                break;
            }
            self.heap.pop();
        }
    }
}

/// A shared handle to the loop, given to every coroutine (they call into it between awaits,
/// never holding the borrow across one).
#[derive(Clone)]
pub struct Aio(Rc<RefCell<Loop>>);

impl Aio {
    pub fn new(lp: Loop) -> Aio {
        Aio(Rc::new(RefCell::new(lp)))
    }

    pub fn lp(&self) -> RefMut<'_, Loop> {
        self.0.borrow_mut()
    }

    /// True when the next pass must first move the clock to the earliest timer; returns
    /// that deadline. The browser layer waits for it in real time before calling `run_once`.
    pub fn next_deadline(&self) -> Option<f64> {
        let mut lp = self.lp();
        lp.drop_cancelled_timers();
        if !lp.ready.is_empty() || lp.stopping {
            return None;
        }
        lp.heap
            .peek()
            .map(|Reverse(TimerKey(when, _))| *when)
            .filter(|when| *when > lp.time)
    }

    /// One `_run_once` pass: collect due timers, then run exactly the handles ready now, each
    /// with `run_handle` (`handle._run()`).
    pub fn run_once(&self, run_handle: fn(&Aio, Handle)) -> Result<(), SimError> {
        let ntodo = {
            let mut lp = self.lp();
            lp.drop_cancelled_timers();
            if lp.ready.is_empty() && !lp.stopping {
                match lp.heap.peek() {
                    Some(Reverse(TimerKey(when, _))) => lp.time = lp.time.max(*when),
                    None => return Err(SimError::WaitsForever { time: lp.time }),
                }
            }
            let end_time = lp.time + CLOCK_RESOLUTION;
            let due_from = lp.ready.len();
            while let Some(Reverse(TimerKey(when, id))) = lp.heap.peek() {
                if *when >= end_time {
                    break;
                }
                let id = *id;
                lp.heap.pop();
                let cause = lp.timers[id].cause;
                lp.ready.push_back((Handle::Timer(id), cause));
            }
            lp.mark_timer_race(due_from);
            lp.pass += 1;
            lp.ready.len()
        };
        for _ in 0..ntodo {
            let handle = {
                let mut lp = self.lp();
                let Some((handle, cause)) = lp.ready.pop_front() else {
                    break;
                };
                if let Handle::Timer(id) = handle {
                    if lp.timers[id].cancelled {
                        continue;
                    }
                }
                lp.events += 1;
                if lp.events > lp.max_events {
                    return Err(SimError::TooManyEvents(lp.max_events));
                }
                lp.log_handle(&handle, cause);
                handle
            };
            run_handle(self, handle);
        }
        Ok(())
    }
}
