//! One test per rule of CPython 3.11's scheduling (shared/ASYNCIO_SEMANTICS.md), checked on the
//! simulator's trace: which virtual time and which loop pass each event lands in.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/report.rs"]
mod report;
use asyncio_playground::core::trace::{CancelCause, What};
use asyncio_playground::core::{
    simulate, EndState, Limits, Origin, Report, Scenario, Semantics, Simulation,
};
use report::{lines, pass_of};

fn run(json: &str) -> Report {
    let scenario = Scenario::from_json(json).expect("valid scenario");
    simulate(&scenario, &Limits::default()).expect("runs")
}

fn state(r: &Report, i: usize) -> (EndState, Option<f64>) {
    (r.coroutines[i].state, r.coroutines[i].end)
}

#[test]
fn equal_deadlines_fire_in_registration_order_in_one_pass() {
    let coroutines: Vec<String> = (0..6)
        .map(|i| {
            format!(r#"{{"name": "w{i}", "steps": [{{"sleep": 1}}, {{"print": "wake {i}"}}]}}"#)
        })
        .collect();
    let r = run(&format!(
        r#"{{"coroutines": [{}], "main": {{"runner": "gather"}}}}"#,
        coroutines.join(",")
    ));
    let wakes: Vec<&str> = lines(&r)
        .iter()
        .filter(|(_, s)| s.starts_with("wake"))
        .map(|(_, s)| *s)
        .collect();
    assert_eq!(
        wakes,
        ["wake 0", "wake 1", "wake 2", "wake 3", "wake 4", "wake 5"]
    );
    // shared/asyncio-vectors/ties.py: all six print in pass 4.
    let passes: Vec<u64> = r
        .events
        .iter()
        .filter(|e| matches!(e.what, What::Print(_)) && e.lane < 6)
        .map(|e| e.pass)
        .collect();
    assert_eq!(passes, [4; 6]);
}

#[test]
fn a_task_starts_one_pass_after_it_is_created() {
    let r = run(
        r#"{"coroutines": [{"name": "a", "steps": [{"print": "a"}]}], "main": {"runner": "gather"}}"#,
    );
    assert_eq!(
        pass_of(&r, 1, |w| *w == What::Start),
        1,
        "main's first step is pass 1"
    );
    assert_eq!(
        pass_of(&r, 0, |w| *w == What::Start),
        2,
        "gather's child starts next pass"
    );
}

#[test]
fn sleep_zero_yields_exactly_one_pass() {
    let r = run(
        r#"{"coroutines": [{"name": "a", "steps": [{"print": "1"}, {"sleep": 0}, {"print": "2"}]}], "main": {"runner": "gather"}}"#,
    );
    let p1 = pass_of(&r, 0, |w| *w == What::Print("1".into()));
    let p2 = pass_of(&r, 0, |w| *w == What::Print("2".into()));
    assert_eq!(p2, p1 + 1);
}

#[test]
fn gather_resumes_its_awaiter_two_passes_after_the_last_child() {
    let r = run(
        r#"{"coroutines": [{"name": "x", "steps": [{"sleep": 1}, {"return": "x"}]}], "main": {"runner": "gather"}}"#,
    );
    let child_done = pass_of(&r, 0, |w| matches!(w, What::Returned(_)));
    let main_resumed = pass_of(&r, 1, |w| matches!(w, What::Awaited(_)));
    assert_eq!(main_resumed, child_done + 2);
}

#[test]
fn sequential_awaits_inline_without_a_task_hop() {
    let r = run(
        r#"{"coroutines": [{"name": "x", "steps": [{"sleep": 1}, {"return": "x"}]}], "main": {"runner": "sequential"}}"#,
    );
    let child_done = pass_of(&r, 0, |w| matches!(w, What::Returned(_)));
    let main_resumed = pass_of(&r, 1, |w| matches!(w, What::Awaited(_)));
    assert_eq!(main_resumed, child_done);
}

#[test]
fn deadlines_use_f64_arithmetic_like_cpython() {
    let alone = run(
        r#"{"coroutines": [{"name": "a", "steps": [{"sleep": 0.1}, {"sleep": 0.2}, {"print": "a"}, {"sleep": 1}, {"print": "a"}]}],
        "main": {"runner": "gather"}}"#,
    );
    assert_eq!(
        lines(&alone)[..2],
        [(0.1 + 0.2, "a"), (0.1 + 0.2 + 1.0, "a")]
    );
    // With b due at 0.3 the clock stops there, and a's 0.30000000000000004 is within the
    // clock resolution: both fire in that pass, at loop time 0.3.
    let r = run(r#"{"coroutines": [
        {"name": "a", "steps": [{"sleep": 0.1}, {"sleep": 0.2}, {"print": "a"}]},
        {"name": "b", "steps": [{"sleep": 0.3}, {"print": "b"}]}], "main": {"runner": "gather"}}"#);
    assert_eq!(lines(&r)[..2], [(0.3, "b"), (0.3, "a")]);
}

#[test]
fn timers_within_the_clock_resolution_fire_in_the_same_pass() {
    let r = run(r#"{"coroutines": [
        {"name": "a", "steps": [{"sleep": 1.0000000005}, {"print": "a"}]},
        {"name": "b", "steps": [{"sleep": 1}, {"print": "b"}]}], "main": {"runner": "gather"}}"#);
    // b's deadline is earlier, the clock jumps to 1.0, and a's (within 1e-9) fires with it.
    assert_eq!(lines(&r)[..2], [(1.0, "b"), (1.0, "a")]);
    assert_eq!(
        pass_of(&r, 0, |w| matches!(w, What::Print(_))),
        pass_of(&r, 1, |w| matches!(w, What::Print(_)))
    );
}

#[test]
fn gather_raises_the_first_exception_and_shutdown_cancels_the_rest() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/presets/book-2-gather-exception.json"
    ))
    .unwrap();
    let r = run(&text);
    assert_eq!(
        r.raised.as_deref(),
        Some("OSError: Не могу подключиться к 3")
    );
    assert_eq!(
        state(&r, 0),
        (EndState::Cancelled, Some(3.0)),
        "5 is cancelled when asyncio.run ends"
    );
    assert_eq!(
        state(&r, 1),
        (EndState::Returned, Some(3.0)),
        "2 finished its sleep(1) at t=3"
    );
    assert_eq!(state(&r, 2), (EndState::Raised, Some(3.0)));
    assert_eq!(state(&r, 3), (EndState::Cancelled, Some(3.0)));
    assert_eq!(r.end_time, 3.0);
}

#[test]
fn return_exceptions_puts_the_exception_in_its_slot() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/presets/book-3-return-exceptions.json"
    ))
    .unwrap();
    let r = run(&text);
    assert_eq!(r.raised, None);
    assert_eq!(
        lines(&r).last().unwrap(),
        &(
            8.0,
            "['test 5', 'test 2', OSError('Не могу подключиться к 3'), 'test 7']"
        )
    );
}

#[test]
fn as_completed_timeout_raises_at_the_deadline_and_leaves_tasks_running_until_shutdown() {
    let r = run(r#"{"coroutines": [
        {"name": "1", "steps": [{"sleep": 1}, {"return": 1}]},
        {"name": "6", "steps": [{"sleep": 6}, {"return": 6}]},
        {"name": "3", "steps": [{"sleep": 3}, {"return": 3}]}],
        "main": {"runner": "as_completed", "timeout": 4}}"#);
    assert_eq!(lines(&r), [(1.0, "DONE 1"), (3.0, "DONE 3")]);
    assert_eq!(r.raised.as_deref(), Some("TimeoutError"));
    assert_eq!(state(&r, 1), (EndState::Cancelled, Some(4.0)));
    assert_eq!(r.end_time, 4.0);
    // CPython iterates a set to start them: the trace says the order is unspecified.
    assert!(r
        .events
        .iter()
        .filter(|e| e.what == What::Start && e.lane < 3)
        .all(|e| e.unspecified_order));
}

#[test]
fn as_completed_with_catch_goes_on_after_errors_and_timeouts() {
    let r = run(r#"{"coroutines": [
        {"name": "a", "steps": [{"sleep": 1}, {"raise": {"type": "ValueError", "message": "bad"}}]},
        {"name": "b", "steps": [{"sleep": 9}, {"return": "b"}]}],
        "main": {"runner": "as_completed", "timeout": 2, "catch": true}}"#);
    assert_eq!(
        lines(&r),
        [
            (1.0, "ERROR ValueError('bad')"),
            (2.0, "ERROR TimeoutError()")
        ]
    );
    assert_eq!(r.raised, None);
}

#[test]
fn wait_first_completed_collects_done_when_the_caller_resumes() {
    let r = run(r#"{"coroutines": [
        {"name": "a", "steps": [{"sleep": 3}]}, {"name": "b", "steps": [{"sleep": 1}, {"return": "b"}]},
        {"name": "c", "steps": [{"sleep": 1}, {"raise": {"type": "OSError", "message": "c"}}]}],
        "main": {"runner": "wait", "return_when": "FIRST_COMPLETED"}}"#);
    assert_eq!(
        lines(&r),
        [
            (1.0, "a: pending"),
            (1.0, "b: 'b'"),
            (1.0, "c: OSError('c')")
        ]
    );
    assert_eq!(state(&r, 0), (EndState::Cancelled, Some(1.0)));
}

#[test]
fn wait_for_cancels_the_gather_waits_for_it_then_raises_timeout() {
    let r = run(
        r#"{"coroutines": [{"name": "w", "steps": [{"print": "w start"}, {"sleep": 5}, {"return": "w"}]}],
        "main": {"runner": "wait_for_gather", "timeout": 1}}"#,
    );
    assert_eq!(r.raised.as_deref(), Some("TimeoutError"));
    assert_eq!(state(&r, 0), (EndState::Cancelled, Some(1.0)));
    let cancelled = pass_of(&r, 0, |w| matches!(w, What::Cancelled { .. }));
    let raised = pass_of(&r, 1, |w| matches!(w, What::Awaited(Err(_))));
    assert!(
        raised > cancelled,
        "wait_for waits for the cancelled task before raising"
    );
}

#[test]
fn wait_for_with_zero_timeout_never_starts_the_coroutines() {
    let r = run(
        r#"{"coroutines": [{"name": "w", "steps": [{"print": "never"}]}], "main": {"runner": "wait_for_gather", "timeout": 0}}"#,
    );
    assert!(r.console.is_empty());
    assert!(r.events.iter().any(|e| e.lane == 0
        && e.what
            == What::Cancelled {
                before_start: true,
                by: CancelCause::WaitFor
            }));
}

#[test]
fn task_group_cancels_siblings_and_raises_an_exception_group() {
    let r = run(r#"{"coroutines": [
        {"name": "a", "steps": [{"sleep": 1}]},
        {"name": "b", "steps": [{"sleep": 2}, {"raise": {"type": "ValueError", "message": "b"}}]},
        {"name": "c", "steps": [{"sleep": 3}]},
        {"name": "e", "steps": [{"sleep": 2}, {"raise": {"type": "ValueError", "message": "e"}}]}],
        "main": {"runner": "task_group"}}"#);
    assert_eq!(
        r.raised.as_deref(),
        Some("ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions)")
    );
    assert_eq!(state(&r, 2), (EndState::Cancelled, Some(2.0)));
    let group = r.events.iter().find_map(|e| match &e.what {
        What::Awaited(Err(g)) => Some(g.py_repr()),
        _ => None,
    });
    assert_eq!(
        group.as_deref(),
        Some(
            "ExceptionGroup('unhandled errors in a TaskGroup', [ValueError('b'), ValueError('e')])"
        )
    );
}

#[test]
fn semaphore_hands_the_slot_to_the_first_waiter_next_pass() {
    // shared/asyncio-vectors/waits.py, the Semaphore(2) part.
    let r = run(r#"{"coroutines": [
        {"name": "s1", "steps": [{"print": "s1 start"}, {"sleep": 2}, {"print": "s1 done"}, {"return": "s1"}]},
        {"name": "s2", "steps": [{"print": "s2 start"}, {"sleep": 1}, {"print": "s2 done"}, {"return": "s2"}]},
        {"name": "s3", "steps": [{"print": "s3 start"}, {"sleep": 1}, {"print": "s3 done"}, {"return": "s3"}]},
        {"name": "s4", "steps": [{"print": "s4 start"}, {"sleep": 1}, {"print": "s4 done"}, {"return": "s4"}]}],
        "main": {"runner": "gather", "limit": 2}}"#);
    assert_eq!(
        lines(&r),
        [
            (0.0, "s1 start"),
            (0.0, "s2 start"),
            (1.0, "s2 done"),
            (1.0, "s3 start"),
            (2.0, "s1 done"),
            (2.0, "s3 done"),
            (2.0, "s4 start"),
            (3.0, "s4 done"),
            (3.0, "['s1', 's2', 's3', 's4']")
        ]
    );
    let done = pass_of(&r, 1, |w| *w == What::Print("s2 done".into()));
    let next = pass_of(&r, 2, |w| *w == What::Print("s3 start".into()));
    assert_eq!(next, done + 1);
}

#[test]
fn sequential_stops_at_an_exception_and_never_starts_the_rest() {
    let r = run(r#"{"coroutines": [
        {"name": "a", "steps": [{"raise": {"type": "RuntimeError", "message": "stop"}}]},
        {"name": "b", "steps": [{"print": "b"}]}], "main": {"runner": "sequential"}}"#);
    assert_eq!(r.raised.as_deref(), Some("RuntimeError: stop"));
    assert_eq!(state(&r, 1), (EndState::NotStarted, None));
}

#[test]
fn the_pipeline_writes_each_result_as_it_completes() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/presets/book-5-pipeline.json"
    ))
    .unwrap();
    let r = run(&text);
    let writes: Vec<&str> = lines(&r)
        .into_iter()
        .filter(|(_, s)| s.starts_with(">>>"))
        .map(|(_, s)| s)
        .collect();
    assert_eq!(writes[0], ">>> Записываю результат в файл 10.1.1.2.txt");
    assert_eq!(writes.len(), 4);
}

#[test]
fn what_as_completed_tasks_do_in_their_first_pass_is_marked_unspecified() {
    let r = run(r#"{"coroutines": [
        {"name": "a", "steps": [{"print": "a first"}, {"sleep": 1}, {"print": "a later"}]},
        {"name": "b", "steps": [{"print": "b first"}]}],
        "main": {"runner": "as_completed"}}"#);
    let flagged: Vec<(&str, bool)> = r
        .events
        .iter()
        .filter_map(|e| match &e.what {
            What::Print(t) => Some((t.as_str(), e.unspecified_order)),
            _ => None,
        })
        .collect();
    assert_eq!(
        flagged,
        [
            ("a first", true),
            ("b first", true),
            ("DONE None", false),
            ("a later", false),
            ("DONE None", false)
        ]
    );
    let gather = run(
        r#"{"coroutines": [{"name": "a", "steps": [{"print": "a first"}]}], "main": {"runner": "gather"}}"#,
    );
    assert!(
        gather.events.iter().all(|e| !e.unspecified_order),
        "gather starts in argument order"
    );
}

#[test]
fn an_expired_timeout_cancels_the_gather_and_raises_timeout_error() {
    let r = run(r#"{"coroutines": [
        {"name": "a", "steps": [{"sleep": 1}, {"print": "a"}, {"return": "a"}]},
        {"name": "b", "steps": [{"sleep": 5}, {"print": "b"}, {"return": "b"}]}],
        "main": {"runner": "timeout", "timeout": 3}}"#);
    assert_eq!(lines(&r), [(1.0, "a")]);
    assert_eq!(r.raised.as_deref(), Some("TimeoutError"));
    assert_eq!(state(&r, 0), (EndState::Returned, Some(1.0)));
    assert_eq!(state(&r, 1), (EndState::Cancelled, Some(3.0)));
    assert_eq!(r.end_time, 3.0);
    // _on_timeout cancels main, whose gather cancels b: b's wakeup throws one pass later,
    // gather's callback the next, main's __aexit__ raises the one after.
    let b_cancelled = pass_of(&r, 1, |w| matches!(w, What::Cancelled { .. }));
    let main_raised = pass_of(&r, 2, |w| matches!(w, What::Raised(_)));
    assert_eq!(main_raised, b_cancelled + 2);
    // timeout(0) is due at once: `call_soon(_on_timeout)` runs before the children start.
    let r = run(
        r#"{"coroutines": [{"name": "a", "steps": [{"print": "a"}]}],
        "main": {"runner": "timeout", "timeout": 0, "return_exceptions": true}}"#,
    );
    assert!(r.console.is_empty());
    assert_eq!(r.raised.as_deref(), Some("TimeoutError"));
    assert_eq!(state(&r, 0), (EndState::Cancelled, Some(0.0)));
}

#[test]
fn a_timeout_that_does_not_expire_leaves_the_result_alone() {
    let r = run(r#"{"coroutines": [
        {"name": "a", "steps": [{"sleep": 1}, {"return": 1}]},
        {"name": "b", "steps": [{"sleep": 2}, {"raise": {"type": "OSError", "message": "b"}}]}],
        "main": {"runner": "timeout", "timeout": 2.5, "return_exceptions": true}}"#);
    assert_eq!(lines(&r), [(2.0, "[1, OSError('b')]")]);
    assert_eq!(r.raised, None);
    assert_eq!(r.end_time, 2.0);
}

#[test]
fn every_future_and_timer_knows_its_origin() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/presets/book-1-gather.json"
    ))
    .unwrap();
    let scenario = Scenario::from_json(&text).unwrap();
    let mut sim = Simulation::new(&scenario, &Limits::default(), Semantics::default());
    while !sim.is_done() {
        sim.step().unwrap();
    }
    let task = |lane| Origin::Task { lane };
    let sleep = |lane| Origin::Sleep { lane };
    // Devices 5, 2, 3, 7 sleep once each, then again in the order they wake: 2, 3, 5, 7.
    let sleeps = [0, 1, 2, 3, 1, 2, 0, 3].map(sleep);
    let mut futures = vec![task(4), task(0), task(1), task(2), task(3), Origin::Gather];
    futures.extend(sleeps);
    assert_eq!(sim.future_origins(), futures);
    assert_eq!(sim.timer_origins(), sleeps);
}

#[test]
fn a_lingering_main_catches_gathers_exception_and_the_siblings_finish() {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/www/presets/book-2-gather-exception.json"
    ))
    .unwrap();
    let mut json: serde_json::Value = serde_json::from_str(&text).unwrap();
    json["main"]["linger"] = 5.into();
    let r = run(&json.to_string());
    // CPython 3.8–3.13 print the same at the same times (the generated program, run).
    let caught = "main() caught OSError('Не могу подключиться к 3')";
    assert_eq!(
        lines(&r)[4..],
        [
            (2.0, "Отправляю команду test на устройство 2"),
            (3.0, caught),
            (5.0, "Отправляю команду test на устройство 5"),
            (7.0, "Отправляю команду test на устройство 7"),
        ]
    );
    // The print, then the sleep, on main's lane; the sleep ends with main at t=8, where 7's
    // last wake-up is in the same pass, so nothing is left for asyncio.run to cancel.
    let main: Vec<&What> = r
        .events
        .iter()
        .filter(|e| e.lane == 4)
        .map(|e| &e.what)
        .collect();
    assert!(
        matches!(main[main.len() - 3..], [What::Print(p), What::Sleep { seconds, until: Some(until) }, What::Returned(_)]
            if p == caught && *seconds == 5.0 && *until == 8.0),
        "{main:?}"
    );
    assert_eq!(r.raised, None);
    assert_eq!(state(&r, 0), (EndState::Returned, Some(6.0)));
    assert_eq!(state(&r, 2), (EndState::Raised, Some(3.0)));
    assert_eq!(state(&r, 3), (EndState::Returned, Some(8.0)));
    assert!(!r
        .events
        .iter()
        .any(|e| matches!(e.what, What::Cancelled { .. })));
    assert_eq!(r.end_time, 8.0);
}
