//! The version probes of `asyncio-vectors/versions/` that fit the scenario format, as native
//! tests: each asserts the printed lines, times and loop passes every CPython version printed
//! (`tNN_*.pyX.Y.txt`; the vectors' `it=` is our `pass`, both counted from `asyncio.run`).
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/report.rs"]
mod report;
use asyncio_playground::core::trace::{CancelCause, What};
use asyncio_playground::core::{
    python, simulate, simulate_in, EndState, Limits, NotInPython, Python, Report, Scenario,
    Semantics, SimError,
};
use report::{lines, pass_of};

fn scenario(json: &str) -> Scenario {
    Scenario::from_json(json).expect("valid scenario")
}

fn run_in(python: Python, json: &str) -> Report {
    simulate_in(&scenario(json), &Limits::default(), Semantics::new(python)).expect("runs")
}

/// t01: an as_completed timeout is asyncio's own `TimeoutError` until 3.10 (so the traceback
/// names `asyncio.exceptions.TimeoutError`), the builtin from 3.11; its repr is the same.
#[test]
fn t01_the_timeout_error_is_asyncios_own_class_until_3_10() {
    let job = |catch: bool| {
        format!(
            r#"{{"coroutines": [
            {{"name": "1", "steps": [{{"sleep": 1}}, {{"print": "job1 done"}}, {{"return": 1}}]}},
            {{"name": "2", "steps": [{{"sleep": 5}}, {{"print": "job2 done"}}, {{"return": 2}}]}}],
            "main": {{"runner": "as_completed", "timeout": 2, "catch": {catch}}}}}"#
        )
    };
    for python in Python::ALL {
        let r = run_in(python, &job(false));
        assert_eq!(lines(&r), [(1.0, "job1 done"), (1.0, "DONE 1")], "{python}");
        let expected = if python < Python::V3_11 {
            "asyncio.exceptions.TimeoutError"
        } else {
            "TimeoutError"
        };
        assert_eq!(r.raised.as_deref(), Some(expected), "{python}");
        assert_eq!(r.end_time, 2.0);
        let caught = run_in(python, &job(true));
        assert_eq!(
            lines(&caught),
            [
                (1.0, "job1 done"),
                (1.0, "DONE 1"),
                (2.0, "ERROR TimeoutError()")
            ],
            "{python}"
        );
        assert_eq!(caught.raised, None);
    }
}

/// t18, first block: `wait_for(gather(job(1, 1), job(2, 2)), 2)`. job1 prints in pass 4, job2
/// is cancelled in pass 7, main gets `TimeoutError` in pass 10 until 3.11 and in pass 9 from
/// 3.12 (wait_for on `asyncio.timeout`, gh-96764).
#[test]
fn t18_wait_for_gather_times_out_a_pass_sooner_from_3_12() {
    let json = r#"{"coroutines": [
        {"name": "1", "steps": [{"sleep": 1}, {"print": "job1 done"}, {"return": 1}]},
        {"name": "2", "steps": [{"sleep": 2}, {"print": "job2 done"}, {"return": 2}]}],
        "main": {"runner": "wait_for_gather", "timeout": 2}}"#;
    for python in Python::ALL {
        let r = run_in(python, json);
        assert_eq!(lines(&r), [(1.0, "job1 done")], "{python}");
        assert_eq!(pass_of(&r, 0, |w| matches!(w, What::Print(_))), 4);
        assert_eq!(
            (r.coroutines[1].state, r.coroutines[1].end),
            (EndState::Cancelled, Some(2.0))
        );
        assert_eq!(pass_of(&r, 1, |w| matches!(w, What::Cancelled { .. })), 7);
        // From 3.12 wait_for's own `timeouts.timeout` cancels: still wait_for's deadline.
        let by = r.events.iter().find_map(|e| match e.what {
            What::Cancelled { by, .. } if e.lane == 1 => Some(by),
            _ => None,
        });
        assert_eq!(by, Some(CancelCause::WaitFor), "{python}");
        let raised = pass_of(&r, 2, |w| matches!(w, What::Raised(_)));
        assert_eq!(
            raised,
            if python < Python::V3_12 { 10 } else { 9 },
            "{python}"
        );
        assert_eq!(r.end_time, 2.0);
    }
}

/// t18, as_completed block: a child finishing at the deadline comes after the timeout's
/// `None` in the queue; the same pass (3) after the loop starts in every version.
#[test]
fn t18_as_completed_tie_yields_timeout_first_in_every_version() {
    let json = r#"{"coroutines": [
        {"name": "4", "steps": [{"sleep": 2}, {"print": "job4 done"}, {"return": 4}]}],
        "main": {"runner": "as_completed", "timeout": 2, "catch": true}}"#;
    for python in Python::ALL {
        let r = run_in(python, json);
        assert_eq!(
            lines(&r),
            [(2.0, "ERROR TimeoutError()"), (2.0, "job4 done")],
            "{python}"
        );
        assert_eq!(pass_of(&r, 1, |w| matches!(w, What::Print(_))), 4);
        assert_eq!(pass_of(&r, 0, |w| matches!(w, What::Print(_))), 4);
    }
}

/// t03/t19 in the scenario format: children that finish in their first step under a tiny
/// `wait_for` timeout. Until 3.11 the gather's result reaches main (+2 passes, the timer fires
/// after); from 3.12 `timeout` cancels main's inline await first, so `TimeoutError`.
#[test]
fn t19_wait_for_gather_of_quick_children_returns_until_3_11_and_times_out_from_3_12() {
    let json = r#"{"coroutines": [
        {"name": "a", "steps": [{"print": "a runs"}, {"return": 1}]},
        {"name": "b", "steps": [{"print": "b runs"}, {"return": 2}]}],
        "main": {"runner": "wait_for_gather", "timeout": 1e-10, "return_exceptions": true}}"#;
    for python in Python::ALL {
        let r = run_in(python, json);
        let mut expected = vec![(0.0, "a runs"), (0.0, "b runs")];
        if python < Python::V3_12 {
            expected.push((0.0, "[1, 2]"));
            assert_eq!(r.raised, None, "{python}");
        } else {
            assert_eq!(r.raised.as_deref(), Some("TimeoutError"), "{python}");
        }
        assert_eq!(lines(&r), expected, "{python}");
        for c in &r.coroutines {
            assert_eq!((c.state, c.end), (EndState::Returned, Some(0.0)));
        }
    }
}

/// A child whose timer is due just before the deadline, in the same pass (1 ns clock
/// resolution): 3.8–3.11 let it return (wait_for's timer only releases a waiter), 3.12+ cancel
/// it in that pass (`Task.cancel` through `timeout`). Found by the differential test.
#[test]
fn a_child_ending_at_the_wait_for_deadline_returns_until_3_11_and_is_cancelled_from_3_12() {
    let json = r#"{"coroutines": [
        {"name": "quick", "steps": [{"sleep": 1}, {"return": "q"}]},
        {"name": "slow", "steps": [{"sleep": 5}, {"return": "s"}]}],
        "main": {"runner": "wait_for_gather", "timeout": 1.0000000005}}"#;
    for python in Python::ALL {
        let r = run_in(python, json);
        let quick = if python < Python::V3_12 {
            EndState::Returned
        } else {
            EndState::Cancelled
        };
        assert_eq!(
            (r.coroutines[0].state, r.coroutines[0].end),
            (quick, Some(1.0)),
            "{python}"
        );
        assert_eq!(r.coroutines[1].state, EndState::Cancelled);
        let timeout = Semantics::new(python).timeout_error().traceback_line();
        assert_eq!(r.raised, Some(timeout));
    }
}

/// t11/t21: TaskGroup and `asyncio.timeout` exist from 3.11; earlier they are refused with a
/// message naming the version, never replaced by another runner.
#[test]
fn t11_task_group_and_timeout_are_refused_before_3_11() {
    let group = scenario(
        r#"{"coroutines": [{"name": "a", "steps": [{"return": 1}]}], "main": {"runner": "task_group"}}"#,
    );
    let timeout = scenario(
        r#"{"coroutines": [{"name": "a", "steps": [{"return": 1}]}], "main": {"runner": "timeout", "timeout": 1}}"#,
    );
    for python in Python::ALL {
        for s in [&group, &timeout] {
            let result = simulate_in(s, &Limits::default(), Semantics::new(python));
            if python >= Python::V3_11 {
                assert!(result.is_ok() && s.check_python(python).is_ok());
                continue;
            }
            let refusal = NotInPython {
                runner: s.main.runner.kind(),
                python,
            };
            assert_eq!(s.check_python(python), Err(refusal));
            assert_eq!(result, Err(SimError::NotInPython(refusal)));
        }
    }
    assert_eq!(
        group.check_python(Python::V3_10).unwrap_err().to_string(),
        "asyncio.TaskGroup exists from Python 3.11 on, not in 3.10"
    );
    assert_eq!(
        timeout.check_python(Python::V3_8).unwrap_err().to_string(),
        "asyncio.timeout exists from Python 3.11 on, not in 3.8"
    );
}

/// t06: a Semaphore made outside the running loop fails on 3.8 and 3.9, so there the program
/// makes it inside `main()`; 3.10+ keep the module-level one (the 3.11 program unchanged).
/// t05: `asyncio.wait` always gets tasks.
#[test]
fn t06_the_generated_semaphore_lives_inside_main_on_3_8_and_3_9() {
    let s = scenario(
        r#"{"coroutines": [{"name": "a", "steps": [{"sleep": 1}]}, {"name": "b", "steps": [{"print": "b"}]}],
        "main": {"runner": "wait", "limit": 1}}"#,
    );
    assert_eq!(python::program_for(&s, Python::V3_11), python::program(&s));
    for python in Python::ALL {
        let program = python::program_for(&s, python);
        let inside = program.contains(
            "async def main():\n    global semaphore\n    semaphore = asyncio.Semaphore(1)\n",
        );
        let outside = program.contains("import asyncio\n\nsemaphore = asyncio.Semaphore(1)\n");
        assert_eq!(
            (inside, outside),
            (python < Python::V3_10, python >= Python::V3_10),
            "{python}\n{program}"
        );
        assert!(program.contains("asyncio.create_task(a(), name='a')"));
    }
}

/// `simulate` stays 3.11.
#[test]
fn simulate_is_3_11() {
    let s = scenario(
        r#"{"coroutines": [{"name": "1", "steps": [{"sleep": 3}]}], "main": {"runner": "as_completed", "timeout": 1}}"#,
    );
    let limits = Limits::default();
    assert_eq!(
        simulate(&s, &limits),
        simulate_in(&s, &limits, Semantics::new(Python::V3_11))
    );
    assert_eq!(
        simulate(&s, &limits).unwrap().raised.as_deref(),
        Some("TimeoutError")
    );
}
