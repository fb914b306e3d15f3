//! `main()` for each runner and the body of each scenario coroutine, written as the Rust
//! twin of the Python that `python.rs` generates: the same statements in the same order.

use super::base_events::Aio;
use super::objects::{Coro, FutId, Origin};
use super::scenario::{Runner, Scenario, Step};
use super::trace::{CancelCause, LaneKind, What};
use super::value::{str_repr, Exc, Outcome, Value};
use std::rc::Rc;

/// The book's `write_to_file` messages (example 5).
pub const WRITE_START: &str = ">>> Записываю результат в файл ";
pub const WRITE_END: &str = "<<< Результат записан в файл ";

/// The pipeline names each file after `result[0]` when every coroutine returns a non-empty
/// tuple (the book's `(ip, command)`), otherwise after the whole result.
pub fn file_named_by_first_item(scenario: &Scenario) -> bool {
    scenario.coroutines.iter().all(
        |c| matches!(c.steps.last(), Some(Step::Return(Value::Tuple(items))) if !items.is_empty()),
    )
}

fn filename(scenario: &Scenario, result: &Value) -> String {
    match result {
        Value::Tuple(items) if file_named_by_first_item(scenario) => {
            format!("{}.txt", items[0].py_str())
        }
        other => format!("{}.txt", other.py_str()),
    }
}

/// `main()` of the scenario's program. `set_order` is the order in which CPython's set
/// iteration visits the coroutines where it decides their start order (`as_completed`).
pub fn main_coroutine(aio: &Aio, scenario: &Rc<Scenario>, set_order: Vec<usize>) -> Coro {
    let (aio, scenario) = (aio.clone(), scenario.clone());
    Box::pin(async move {
        let lane = scenario.coroutines.len();
        aio.lp().record(lane, What::Start);
        let outcome = main_body(&aio, &scenario, &set_order, lane).await;
        let end = end_event(&aio, &outcome);
        aio.lp().record(lane, end);
        outcome
    })
}

fn end_event(aio: &Aio, outcome: &Outcome) -> What {
    match outcome {
        Ok(v) => What::Returned(v.clone()),
        Err(Exc::Cancelled) => What::Cancelled {
            before_start: false,
            by: aio.lp().cancelled_by(),
        },
        Err(e) => What::Raised(e.clone()),
    }
}

fn print(aio: &Aio, lane: usize, text: String) {
    aio.lp().record(lane, What::Print(text));
}

/// Wraps every coroutine in a task (`create_task` / `ensure_future`), in argument order.
fn create_tasks(aio: &Aio, scenario: &Rc<Scenario>) -> Vec<FutId> {
    create_tasks_in(aio, scenario, 0..scenario.coroutines.len(), false)
}

/// Wraps every coroutine in a task in the order a set iterates them (`as_completed`): the
/// start order CPython leaves unspecified, marked as such on the lanes.
fn create_tasks_in_set_order(
    aio: &Aio,
    scenario: &Rc<Scenario>,
    set_order: &[usize],
) -> Vec<FutId> {
    create_tasks_in(aio, scenario, set_order.iter().copied(), true)
}

fn create_tasks_in(
    aio: &Aio,
    scenario: &Rc<Scenario>,
    order: impl Iterator<Item = usize>,
    order_unspecified: bool,
) -> Vec<FutId> {
    order
        .map(|i| {
            let coro = coroutine(aio, scenario, i);
            let mut lp = aio.lp();
            let t = lp.create_task(coro, i);
            lp.task(t).order_unspecified = order_unspecified;
            t
        })
        .collect()
}

async fn main_body(
    aio: &Aio,
    scenario: &Rc<Scenario>,
    set_order: &[usize],
    lane: usize,
) -> Outcome {
    if let Some(limit) = scenario.main.limit {
        aio.lp().semaphore_init(limit);
    }
    // `try: <runner> except Exception as error: print(…); await asyncio.sleep(linger)`;
    // a CancelledError is no `Exception` (3.8+) and goes through.
    match (
        scenario.main.linger,
        runner_body(aio, scenario, set_order, lane).await,
    ) {
        (Some(linger), Err(error)) if error.is_exception() => {
            print(aio, lane, format!("main() caught {}", error.py_repr()));
            aio.sleep(lane, linger).await?;
            Ok(Value::None)
        }
        (_, outcome) => outcome,
    }
}

/// The runner's part of `main()`, between the semaphore and the `try`'s `except`.
async fn runner_body(
    aio: &Aio,
    scenario: &Rc<Scenario>,
    set_order: &[usize],
    lane: usize,
) -> Outcome {
    match &scenario.main.runner {
        Runner::Gather { return_exceptions } => {
            let tasks = create_tasks(aio, scenario);
            let outer = aio.lp().gather(tasks, *return_exceptions, Origin::Gather);
            let result = awaited(aio, lane, aio.await_fut(outer).await)?;
            print(aio, lane, result.py_str());
        }
        Runner::WaitForGather {
            timeout,
            return_exceptions,
        } => {
            let tasks = create_tasks(aio, scenario);
            let outer = aio.lp().gather(tasks, *return_exceptions, Origin::Gather);
            let result = awaited(aio, lane, aio.wait_for(outer, *timeout).await)?;
            print(aio, lane, result.py_str());
        }
        Runner::Timeout {
            timeout,
            return_exceptions,
        } => {
            let tm = aio.lp().timeout(*timeout, CancelCause::Timeout);
            aio.lp().timeout_enter(tm);
            let tasks = create_tasks(aio, scenario);
            let outer = aio.lp().gather(tasks, *return_exceptions, Origin::Gather);
            let outcome = aio.await_fut(outer).await;
            let outcome = aio.lp().timeout_exit(tm, outcome);
            let result = awaited(aio, lane, outcome)?;
            print(aio, lane, result.py_str());
        }
        Runner::AsCompleted { timeout, catch } => {
            let (ac, n) = start_as_completed(aio, scenario, set_order, *timeout);
            for _ in 0..n {
                match next_completed(aio, ac, lane).await {
                    Ok(v) => print(aio, lane, format!("DONE {}", v.py_str())),
                    Err(e) if *catch && e.is_exception() => {
                        print(aio, lane, format!("ERROR {}", e.py_repr()))
                    }
                    Err(e) => return Err(e),
                }
            }
        }
        Runner::AsCompletedPipeline {
            timeout,
            write_delay,
        } => {
            let (ac, n) = start_as_completed(aio, scenario, set_order, *timeout);
            let mut writers = Vec::new();
            for _ in 0..n {
                let file = filename(scenario, &next_completed(aio, ac, lane).await?);
                let writer_lane = aio.lp().rec.add_lane(
                    format!("write_to_file({})", str_repr(&file)),
                    LaneKind::Writer,
                );
                let coro = write_to_file(aio, writer_lane, file, *write_delay);
                writers.push(aio.lp().create_task(coro, writer_lane));
            }
            let outer = aio.lp().gather(writers, false, Origin::Gather);
            awaited(aio, lane, aio.await_fut(outer).await)?;
        }
        Runner::Wait {
            return_when,
            timeout,
        } => {
            let tasks = create_tasks(aio, scenario);
            let (done, _pending) = aio.wait(tasks.clone(), *timeout, *return_when).await?;
            let done_lanes = (0..tasks.len())
                .filter(|&i| done.contains(&tasks[i]))
                .collect();
            aio.lp()
                .record(lane, What::WaitReturned { done: done_lanes });
            for (i, task) in tasks.iter().enumerate() {
                let outcome = done.contains(task).then(|| aio.lp().result(*task));
                print(
                    aio,
                    lane,
                    wait_line(&scenario.coroutines[i].name, outcome.as_ref()),
                );
            }
        }
        Runner::TaskGroup => {
            let group = aio.lp().task_group_enter();
            let tasks = create_tasks(aio, scenario);
            for &t in &tasks {
                aio.lp().task_group_add(group, t);
            }
            let exit = aio.task_group_exit(group).await.map(|_| Value::None);
            awaited(aio, lane, exit)?;
            let results: Outcome = tasks
                .iter()
                .map(|&t| aio.lp().result(t))
                .collect::<Result<Vec<_>, _>>()
                .map(Value::List);
            print(aio, lane, results?.py_str());
        }
        Runner::Sequential => {
            let mut results = Vec::new();
            for i in 0..scenario.coroutines.len() {
                let outcome = coroutine(aio, scenario, i).await;
                results.push(awaited(aio, lane, outcome)?);
            }
            print(aio, lane, Value::List(results).py_str());
        }
    }
    Ok(Value::None)
}

/// The first `next()` of `as_completed(coroutines, timeout=...)`: its id and item count.
fn start_as_completed(
    aio: &Aio,
    scenario: &Rc<Scenario>,
    set_order: &[usize],
    timeout: Option<f64>,
) -> (usize, usize) {
    let tasks = create_tasks_in_set_order(aio, scenario, set_order);
    let n = tasks.len();
    (aio.lp().as_completed(tasks, timeout), n)
}

/// `await` of the next as_completed item, recorded on `main`'s lane with its source.
async fn next_completed(aio: &Aio, ac: usize, lane: usize) -> Outcome {
    let (from, outcome) = aio.as_completed_next(ac).await;
    aio.lp().record(
        lane,
        What::Yielded {
            from,
            outcome: outcome.clone(),
        },
    );
    outcome
}

/// What the `asyncio.wait` program prints for one coroutine: `name: <repr of its result or
/// exception>` if it is in the done set, `name: pending` if not (`outcome` is `None`).
pub fn wait_line(name: &str, outcome: Option<&Outcome>) -> String {
    match outcome {
        None => format!("{name}: pending"),
        Some(Ok(v)) => format!("{name}: {}", v.py_repr()),
        Some(Err(e)) => format!("{name}: {}", e.py_repr()),
    }
}

/// Records on `main`'s lane what an `await` gave, and passes it on.
fn awaited(aio: &Aio, lane: usize, outcome: Outcome) -> Outcome {
    aio.lp().record(lane, What::Awaited(outcome.clone()));
    outcome
}

/// One scenario coroutine: `async def name(): [async with semaphore:] <steps>`.
fn coroutine(aio: &Aio, scenario: &Rc<Scenario>, lane: usize) -> Coro {
    let (aio, scenario) = (aio.clone(), scenario.clone());
    Box::pin(async move {
        aio.lp().record(lane, What::Start);
        let outcome = match scenario.main.limit {
            None => run_steps(&aio, &scenario.coroutines[lane].steps, lane).await,
            Some(_) => match aio.semaphore_acquire(lane).await {
                Err(e) => Err(e),
                Ok(()) => {
                    let outcome = run_steps(&aio, &scenario.coroutines[lane].steps, lane).await;
                    aio.lp().semaphore_release();
                    outcome
                }
            },
        };
        let end = end_event(&aio, &outcome);
        aio.lp().record(lane, end);
        outcome
    })
}

async fn run_steps(aio: &Aio, steps: &[Step], lane: usize) -> Outcome {
    for step in steps {
        match step {
            Step::Print(text) => print(aio, lane, text.clone()),
            Step::Sleep(seconds) => {
                aio.sleep(lane, *seconds).await?;
            }
            Step::Raise { kind, message } => {
                return Err(Exc::Raised {
                    kind: *kind,
                    message: message.clone(),
                })
            }
            Step::Return(v) => return Ok(v.clone()),
        }
    }
    Ok(Value::None)
}

/// The book's `write_to_file(filename, data)`.
fn write_to_file(aio: &Aio, lane: usize, file: String, delay: f64) -> Coro {
    let aio = aio.clone();
    Box::pin(async move {
        aio.lp().record(lane, What::Start);
        print(&aio, lane, format!("{WRITE_START}{file}"));
        let outcome = match aio.sleep(lane, delay).await {
            Ok(_) => {
                print(&aio, lane, format!("{WRITE_END}{file}"));
                Ok(Value::None)
            }
            Err(e) => Err(e),
        };
        let end = end_event(&aio, &outcome);
        aio.lp().record(lane, end);
        outcome
    })
}
