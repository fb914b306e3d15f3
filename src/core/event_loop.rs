//! CPython 3.11's event loop (`BaseEventLoop._run_once`), futures (`futures.Future`) and tasks
//! (`tasks.Task.__step` / `__wakeup`), pass by pass, on a virtual clock.
//!
//! Coroutines are Rust `async` blocks driven like Python generators: an `await` on a pending
//! asyncio future parks the block and tells the task which future it waits on, exactly as
//! `Future.__await__` yields itself to `Task.__step`. The clock never moves by itself: when the
//! ready queue is empty the loop jumps to the earliest timer, as a real loop would sleep until it.

use super::library::LibraryState;
use super::trace::{Recorder, What};
use super::value::{Exc, Value};
use std::cell::{RefCell, RefMut};
use std::cmp::{Ordering, Reverse};
use std::collections::{BinaryHeap, VecDeque};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll, Waker};

/// `time.get_clock_info('monotonic').resolution` on Linux: timers due within it fire together.
pub const CLOCK_RESOLUTION: f64 = 1e-9;

pub type FutId = usize;
pub type TimerId = usize;
pub type Outcome = Result<Value, Exc>;
pub type Coro = Pin<Box<dyn Future<Output = Outcome>>>;

pub enum FutState {
    Pending,
    Finished(Outcome),
    Cancelled,
}

/// A done-callback, registered with `add_done_callback` and run by `call_soon(cb, fut)`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Callback {
    /// `Task.__wakeup`: the task awaiting this future resumes.
    Wakeup(FutId),
    /// `gather`'s `_done_callback` for the outer future.
    GatherChildDone(FutId),
    /// `functools.partial(_release_waiter, waiter)` (`wait_for`, `_cancel_and_wait`).
    ReleaseWaiter(FutId),
    /// `as_completed`'s `_on_completion`.
    AsCompletedDone(usize),
    /// `_wait`'s `_on_completion`.
    WaitDone(usize),
    /// `TaskGroup._on_task_done`.
    TaskGroupTaskDone(usize),
    /// `_run_until_complete_cb`: stops the loop after this pass.
    StopLoop,
}

/// What a timer does when it fires.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerAction {
    /// `futures._set_result_unless_cancelled(fut, None)`, the timer behind `asyncio.sleep`.
    SetResultUnlessCancelled(FutId),
    ReleaseWaiter(FutId),
    /// `as_completed`'s `_on_timeout`.
    AsCompletedTimeout(usize),
}

/// An entry of the ready queue.
pub enum Handle {
    /// `Task.__step(exc)`.
    Step(FutId, Option<Exc>),
    Done(Callback, FutId),
    Timer(TimerId),
}

pub struct Timer {
    pub when: f64,
    pub action: TimerAction,
    pub cancelled: bool,
}

/// Heap key: earliest deadline first, then registration order (see the semantics sheet).
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

pub struct TaskData {
    coro: Option<Coro>,
    started: bool,
    pub fut_waiter: Option<FutId>,
    must_cancel: bool,
    pub cancels_requested: u32,
    /// The scenario lane whose body this task runs, if any.
    pub lane: Option<usize>,
    /// Started or cancelled while CPython iterates a set: its order there is unspecified.
    pub order_unspecified: bool,
    /// The pass of its first step.
    start_pass: u64,
}

pub struct GatherData {
    pub children: Vec<FutId>,
    pub finished: usize,
    pub return_exceptions: bool,
    pub cancel_requested: bool,
}

pub enum FutKind {
    Plain,
    Task(Box<TaskData>),
    Gather(GatherData),
}

pub struct Fut {
    pub state: FutState,
    pub callbacks: Vec<Callback>,
    pub kind: FutKind,
}

/// What the coroutine being stepped receives (`send(None)` or `throw(exc)`) and gives back.
enum Resume {
    Send,
    Throw(Exc),
}
#[derive(Clone, Copy)]
enum Yielded {
    Future(FutId),
    Bare,
}

/// Why a run stopped before `asyncio.run` returned.
#[derive(Clone, Debug, PartialEq)]
pub enum SimError {
    TooManyEvents(u64),
    /// Nothing is ready and no timer is set, but `main` is not done: Python would hang.
    WaitsForever {
        time: f64,
    },
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
        }
    }
}

pub struct Loop {
    pub time: f64,
    pub pass: u64,
    events: u64,
    max_events: u64,
    ready: VecDeque<Handle>,
    pub timers: Vec<Timer>,
    heap: BinaryHeap<Reverse<TimerKey>>,
    pub futs: Vec<Fut>,
    pub stopping: bool,
    pub current: Option<FutId>,
    /// Every task in creation order (`asyncio.all_tasks()`, with a documented order).
    pub tasks: Vec<FutId>,
    resume: Option<Resume>,
    yielded: Option<Yielded>,
    pub lib: LibraryState,
    pub rec: Recorder,
}

impl Loop {
    pub fn new(max_events: u64, rec: Recorder) -> Loop {
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
        }
    }

    /// Makes room for about `steps` scenario steps' worth of futures, timers and events.
    pub fn reserve(&mut self, steps: usize) {
        self.futs.reserve(steps * 2);
        self.timers.reserve(steps);
        self.heap.reserve(steps);
        self.rec.events.reserve(steps * 2);
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
        self.rec
            .record(self.time, self.pass, lane, what, unspecified);
    }

    // ---- handles and timers (base_events.call_soon / call_at) ----

    pub fn call_soon(&mut self, handle: Handle) {
        self.ready.push_back(handle);
    }

    /// `call_later(delay)` = `call_at(self.time() + delay)`, in f64 like CPython.
    pub fn call_later(&mut self, delay: f64, action: TimerAction) -> TimerId {
        let when = self.time + delay;
        let id = self.timers.len();
        self.timers.push(Timer {
            when,
            action,
            cancelled: false,
        });
        self.heap.push(Reverse(TimerKey(when, id)));
        id
    }

    pub fn cancel_timer(&mut self, id: TimerId) {
        self.timers[id].cancelled = true;
    }

    // ---- futures (futures.Future) ----

    pub fn create_future(&mut self) -> FutId {
        self.new_fut(FutKind::Plain)
    }

    pub fn new_fut(&mut self, kind: FutKind) -> FutId {
        self.futs.push(Fut {
            state: FutState::Pending,
            callbacks: Vec::new(),
            kind,
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
            // Never reached by the runners (they check `done` first); a pending future's
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

    fn finish(&mut self, f: FutId, state: FutState) {
        self.futs[f].state = state;
        // __schedule_callbacks: each callback is call_soon-ed, in registration order.
        for cb in std::mem::take(&mut self.futs[f].callbacks) {
            self.ready.push_back(Handle::Done(cb, f));
        }
    }

    pub fn set_result(&mut self, f: FutId, v: Value) {
        self.finish(f, FutState::Finished(Ok(v)));
    }

    pub fn set_exception(&mut self, f: FutId, e: Exc) {
        self.finish(f, FutState::Finished(Err(e)));
    }

    pub fn add_done_callback(&mut self, f: FutId, cb: Callback) {
        if self.done(f) {
            self.ready.push_back(Handle::Done(cb, f));
        } else {
            self.futs[f].callbacks.push(cb);
        }
    }

    pub fn remove_done_callback(&mut self, f: FutId, cb: Callback) {
        self.futs[f].callbacks.retain(|c| *c != cb);
    }

    /// `fut.cancel()`, dispatched like Python's method: `Future.cancel`, `Task.cancel` or
    /// `_GatheringFuture.cancel`.
    pub fn cancel(&mut self, f: FutId) -> bool {
        if self.done(f) {
            return false;
        }
        match &self.futs[f].kind {
            FutKind::Plain => {
                self.finish(f, FutState::Cancelled);
                true
            }
            FutKind::Task(_) => self.cancel_task(f),
            FutKind::Gather(g) => {
                let children = g.children.clone();
                let mut any = false;
                for child in children {
                    any |= self.cancel(child);
                }
                if any {
                    if let FutKind::Gather(g) = &mut self.futs[f].kind {
                        g.cancel_requested = true;
                    }
                }
                any
            }
        }
    }

    // ---- tasks (tasks.Task) ----

    pub fn task(&mut self, t: FutId) -> &mut TaskData {
        match &mut self.futs[t].kind {
            FutKind::Task(data) => data,
            _ => unreachable!("future {t} is not a task"),
        }
    }

    /// `loop.create_task(coro)`: the first step is `call_soon`-ed, so it runs next pass.
    pub fn create_task(&mut self, coro: Coro, lane: Option<usize>) -> FutId {
        let data = TaskData {
            coro: Some(coro),
            started: false,
            fut_waiter: None,
            must_cancel: false,
            cancels_requested: 0,
            lane,
            order_unspecified: false,
            start_pass: 0,
        };
        let t = self.new_fut(FutKind::Task(Box::new(data)));
        self.tasks.push(t);
        self.call_soon(Handle::Step(t, None));
        t
    }

    /// `Task.cancel()`: cancel what it waits on, or make its next step throw.
    pub fn cancel_task(&mut self, t: FutId) -> bool {
        if self.done(t) {
            return false;
        }
        let data = self.task(t);
        data.cancels_requested += 1;
        if let Some(waiter) = data.fut_waiter {
            if self.cancel(waiter) {
                return true;
            }
        }
        self.task(t).must_cancel = true;
        true
    }

    /// `Task.uncancel()`.
    pub fn uncancel(&mut self, t: FutId) -> u32 {
        let data = self.task(t);
        data.cancels_requested = data.cancels_requested.saturating_sub(1);
        data.cancels_requested
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

    /// `Task.__wakeup(future)` then `Task.__step(exc)`.
    fn wakeup(&self, t: FutId, fut: FutId) {
        let outcome = self.lp().result(fut);
        self.step(t, outcome.err());
    }

    /// `Task.__step`: send `None` (or throw `exc`) into the coroutine and act on what it yields.
    fn step(&self, t: FutId, exc: Option<Exc>) {
        let (coro, started, thrown) = {
            let mut lp = self.lp();
            if lp.done(t) {
                return;
            }
            let pass = lp.pass;
            let data = lp.task(t);
            let mut exc = exc;
            if data.must_cancel {
                if exc != Some(Exc::Cancelled) {
                    exc = Some(Exc::Cancelled);
                }
                data.must_cancel = false;
            }
            data.fut_waiter = None;
            let coro = data.coro.take();
            let started = std::mem::replace(&mut data.started, true);
            if !started {
                data.start_pass = pass;
            }
            lp.current = Some(t);
            lp.resume = Some(match &exc {
                None => Resume::Send,
                Some(e) => Resume::Throw(e.clone()),
            });
            (coro, started, exc)
        };
        let Some(mut coro) = coro else { return };
        // Throwing into a coroutine that never ran raises at once: its body never starts.
        let never_ran = !started && thrown.is_some();
        let poll = match thrown {
            Some(e) if never_ran => Poll::Ready(Err(e)),
            _ => coro.as_mut().poll(&mut Context::from_waker(Waker::noop())),
        };
        let mut lp = self.lp();
        lp.current = None;
        lp.resume = None;
        match poll {
            Poll::Ready(outcome) => {
                if never_ran {
                    // Cancelled before its first step: record it on the lane, the body can't.
                    if let Some(lane) = lp.task(t).lane {
                        lp.current = Some(t);
                        lp.record(lane, What::Cancelled { before_start: true });
                        lp.current = None;
                    }
                }
                let must_cancel = std::mem::replace(&mut lp.task(t).must_cancel, false);
                match outcome {
                    Ok(_) if must_cancel => lp.finish(t, FutState::Cancelled),
                    Ok(v) => lp.set_result(t, v),
                    Err(Exc::Cancelled) => lp.finish(t, FutState::Cancelled),
                    Err(e) => lp.set_exception(t, e),
                }
            }
            Poll::Pending => {
                lp.task(t).coro = Some(coro);
                match lp.yielded.take() {
                    Some(Yielded::Future(f)) => {
                        lp.add_done_callback(f, Callback::Wakeup(t));
                        lp.task(t).fut_waiter = Some(f);
                        if lp.task(t).must_cancel && lp.cancel(f) {
                            lp.task(t).must_cancel = false;
                        }
                    }
                    Some(Yielded::Bare) | None => lp.call_soon(Handle::Step(t, None)),
                }
            }
        }
    }

    fn run_handle(&self, handle: Handle) {
        match handle {
            Handle::Step(t, exc) => self.step(t, exc),
            Handle::Done(Callback::Wakeup(t), fut) => self.wakeup(t, fut),
            Handle::Done(cb, fut) => self.lp().run_callback(cb, fut),
            Handle::Timer(id) => {
                let action = self.lp().timers[id].action;
                self.lp().run_timer(action);
            }
        }
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

    /// One `_run_once` pass: collect due timers, then run exactly the handles ready now.
    pub fn run_once(&self) -> Result<(), SimError> {
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
            while let Some(Reverse(TimerKey(when, id))) = lp.heap.peek() {
                if *when >= end_time {
                    break;
                }
                let id = *id;
                lp.heap.pop();
                lp.ready.push_back(Handle::Timer(id));
            }
            lp.pass += 1;
            lp.ready.len()
        };
        for _ in 0..ntodo {
            let handle = {
                let mut lp = self.lp();
                let Some(handle) = lp.ready.pop_front() else {
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
                handle
            };
            self.run_handle(handle);
        }
        Ok(())
    }
}

impl Loop {
    fn drop_cancelled_timers(&mut self) {
        while let Some(Reverse(TimerKey(_, id))) = self.heap.peek() {
            if !self.timers[*id].cancelled {
                break;
            }
            self.heap.pop();
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
