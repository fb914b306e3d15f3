//! asyncio's objects as plain data: futures and tasks, timer and ready handles, and the state
//! of the library objects (as_completed's `Queue`, `_wait`, `TaskGroup`, `Semaphore`,
//! `Timeout`). Departure from CPython: Python keeps them as heap objects; here the loop owns
//! them in arenas indexed by id (Rust ownership), and their behaviour lives in the
//! CPython-named files as `impl Loop` blocks. Data only, so the loop can hold it without
//! importing the files that act on it.

use super::scenario::ReturnWhen;
use super::trace::CancelCause;
use super::value::{Exc, Outcome};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;

pub type FutId = usize;
pub type TimerId = usize;
pub type QueueId = usize;
pub type Coro = Pin<Box<dyn Future<Output = Outcome>>>;

/// What made a future or a handle, so a view of the loop can name it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// The task running lane `lane`'s body: a scenario coroutine, `main()` or a `write_to_file`.
    Task { lane: usize },
    /// `asyncio.sleep`'s future and its timer, on lane `lane`.
    Sleep { lane: usize },
    /// `gather`'s outer `_GatheringFuture`.
    Gather,
    /// `wait_for`'s waiter and its timeout timer.
    WaitFor,
    /// `_cancel_and_wait`'s waiter.
    CancelAndWait,
    /// A getter of as_completed's `Queue.get`.
    AsCompletedGetter,
    /// `as_completed`'s `_on_timeout` timer.
    AsCompletedTimeout,
    /// `_wait`'s waiter and its timeout timer.
    Wait,
    /// `TaskGroup._on_completed_fut`.
    TaskGroupOnCompleted,
    /// A `Semaphore.acquire` waiter on lane `lane`.
    SemaphoreWaiter { lane: usize },
    /// `Timeout._timeout_handler`.
    Timeout,
    /// `asyncio.run`'s shutdown `gather(*to_cancel, return_exceptions=True)`.
    Shutdown,
}

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

/// What a timer (or a cancellable `call_soon` handle) calls.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerAction {
    /// `futures._set_result_unless_cancelled(fut, None)`, the timer behind `asyncio.sleep`.
    SetResultUnlessCancelled(FutId),
    ReleaseWaiter(FutId),
    /// `as_completed`'s `_on_timeout`.
    AsCompletedTimeout(usize),
    /// `Timeout._on_timeout`.
    TimeoutExpired(usize),
}

/// An entry of the ready queue.
pub enum Handle {
    /// `Task.__step(exc)`.
    Step(FutId, Option<Exc>),
    Done(Callback, FutId),
    Timer(TimerId),
}

/// A `TimerHandle`, or a `Handle` from `call_soon` that its caller may cancel.
pub struct Timer {
    pub when: f64,
    pub action: TimerAction,
    pub cancelled: bool,
    pub origin: Origin,
    /// The pass that set it and the handle running then (see `handles.rs`).
    pub set_pass: u64,
    pub cause: Option<u32>,
    /// It fires in the same pass as a timer set in another pass: on a real clock, a race.
    pub race: bool,
}

pub struct TaskData {
    pub coro: Option<Coro>,
    pub started: bool,
    pub fut_waiter: Option<FutId>,
    pub must_cancel: bool,
    pub num_cancels_requested: u32,
    /// Started or cancelled while CPython iterates a set: its order there is unspecified.
    pub order_unspecified: bool,
    /// The pass of its first step.
    pub start_pass: u64,
    /// Who asked for its latest cancel (recorded on its lane if the cancel ends it).
    pub cancelled_by: Option<CancelCause>,
}

pub struct GatherData {
    pub children: Vec<FutId>,
    pub finished: usize,
    pub return_exceptions: bool,
    pub cancel_requested: bool,
}

/// Which class the future is: the methods `cancel` dispatches to differ.
pub enum FutKind {
    Plain,
    Task(Box<TaskData>),
    Gather(GatherData),
}

pub struct Fut {
    pub state: FutState,
    pub callbacks: Vec<Callback>,
    pub kind: FutKind,
    pub origin: Origin,
}

/// What the coroutine being stepped receives (`send(None)` or `throw(exc)`). Departure: Rust
/// futures are polled without arguments, so `Task.__step` and `Future.__await__` pass it (and
/// `Yielded`, what `__await__` yields back) through the loop as side channels.
pub enum Resume {
    Send,
    Throw(Exc),
}

#[derive(Clone, Copy)]
pub enum Yielded {
    Future(FutId),
    /// The bare `yield` of `sleep(0)`.
    Bare,
}

/// `asyncio.Queue` as `as_completed` uses it: unbounded, no putters.
#[derive(Default)]
pub struct Queue {
    pub items: VecDeque<Option<FutId>>,
    pub getters: VecDeque<FutId>,
}

pub struct AsCompletedState {
    pub todo: Vec<FutId>,
    pub done: QueueId,
    pub timeout_handle: Option<TimerId>,
}

pub struct WaitState {
    pub counter: usize,
    pub return_when: ReturnWhen,
    pub waiter: FutId,
    pub timeout_handle: Option<TimerId>,
}

pub struct TaskGroupState {
    pub parent: FutId,
    pub tasks: Vec<FutId>,
    pub errors: Vec<Exc>,
    pub aborting: bool,
    pub parent_cancel_requested: bool,
    pub on_completed_fut: Option<FutId>,
}

pub struct SemaphoreState {
    pub value: u64,
    pub waiters: VecDeque<FutId>,
    /// 3.9's `_wakeup_scheduled`.
    pub wakeup_scheduled: bool,
}

/// `timeouts._State`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeoutPhase {
    Created,
    Entered,
    Expiring,
    Expired,
    Exited,
}

pub struct TimeoutState {
    pub state: TimeoutPhase,
    pub when: f64,
    pub handler: Option<TimerId>,
    pub task: Option<FutId>,
    pub cancelling: u32,
    /// Whose deadline it is, for the trace: the learner's `asyncio.timeout`, or `wait_for`'s
    /// own (3.12+ builds `wait_for` on it).
    pub by: CancelCause,
}

/// Every library object a run made, by kind.
#[derive(Default)]
pub struct LibraryState {
    pub queues: Vec<Queue>,
    pub as_completed: Vec<AsCompletedState>,
    pub waits: Vec<WaitState>,
    pub groups: Vec<TaskGroupState>,
    pub semaphore: Option<SemaphoreState>,
    pub timeouts: Vec<TimeoutState>,
}
