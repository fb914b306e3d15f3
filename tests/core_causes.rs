//! The loop made visible: why each event happened (the chain of handles back to
//! `asyncio.run`), which events depend on a race of timers, and snapshots of a pass.
#![cfg(not(target_arch = "wasm32"))]

use asyncio_playground::core::handles::{HandleView, TaskState};
use asyncio_playground::core::scenario::Runner;
use asyncio_playground::core::trace::What;
use asyncio_playground::core::{
    lane_calls, simulate, snapshot, why, Limits, Origin, Report, Scenario, Semantics, Simulation,
};

fn preset(name: &str) -> Scenario {
    let path = format!("{}/www/presets/{name}.json", env!("CARGO_MANIFEST_DIR"));
    Scenario::from_json(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn run(scenario: &Scenario) -> Report {
    simulate(scenario, &Limits::default()).unwrap()
}

/// The event on lane `lane` matching `pred`.
fn find(r: &Report, lane: &str, pred: impl Fn(&What) -> bool) -> usize {
    r.events
        .iter()
        .position(|e| r.lanes[e.lane].name == lane && pred(&e.what))
        .expect("event present")
}

fn chain(scenario: &Scenario, report: &Report, index: usize) -> Vec<String> {
    let calls = lane_calls(scenario, &report.lanes);
    why(report, index)
        .iter()
        .map(|s| s.describe(report, &calls))
        .collect()
}

fn printed(text: &'static str) -> impl Fn(&What) -> bool {
    move |w| matches!(w, What::Print(t) if t == text)
}

#[test]
fn book_1_a_return_goes_back_through_both_sleeps_to_asyncio_run() {
    let s = preset("book-1-gather");
    let r = run(&s);
    let i = find(&r, "5", |w| matches!(w, What::Returned(_)));
    assert_eq!(
        chain(&s, &r, i),
        [
            "t=6, pass 14: worker('5') returned 'test 5'",
            "t=6, pass 14: ran Task.__wakeup of worker('5'): the sleep of worker('5') is done",
            "t=6, pass 13: ran the sleep timer of worker('5'): futures._set_result_unless_cancelled (set in pass 12 at t=5, due 6)",
            "t=5, pass 12: ran Task.__wakeup of worker('5'): the sleep of worker('5') is done",
            "t=5, pass 11: ran the sleep timer of worker('5'): futures._set_result_unless_cancelled (set in pass 2 at t=0, due 5)",
            "t=0, pass 2: ran Task.__step of worker('5')",
            "t=0, pass 1: ran Task.__step of main()",
            "asyncio.run(main()) created main()'s task",
        ]
    );
}

#[test]
fn book_2_a_print_is_woken_by_its_sleep_timer() {
    let s = preset("book-2-gather-exception");
    let r = run(&s);
    let i = find(&r, "2", printed("Отправляю команду test на устройство 2"));
    assert_eq!(
        chain(&s, &r, i),
        [
            "t=2, pass 4: coro_2() printed 'Отправляю команду test на устройство 2'",
            "t=2, pass 4: ran Task.__wakeup of coro_2(): the sleep of coro_2() is done",
            "t=2, pass 3: ran the sleep timer of coro_2(): futures._set_result_unless_cancelled (set in pass 2 at t=0, due 2)",
            "t=0, pass 2: ran Task.__step of coro_2()",
            "t=0, pass 1: ran Task.__step of main()",
            "asyncio.run(main()) created main()'s task",
        ]
    );
}

#[test]
fn book_2_a_cancellation_at_shutdown_goes_back_through_the_exception_that_ended_main() {
    let s = preset("book-2-gather-exception");
    let r = run(&s);
    let i = find(&r, "7", |w| matches!(w, What::Cancelled { .. }));
    assert_eq!(
        chain(&s, &r, i),
        [
            "t=3, pass 10: coro_7() was cancelled (CancelledError)",
            "t=3, pass 10: ran Task.__wakeup of coro_7(): the sleep of coro_7() was cancelled (scheduled by asyncio.run's shutdown: _cancel_all_tasks) [race]",
            "t=3, pass 9: ran _run_until_complete_cb (stops the loop) [race]",
            "t=3, pass 8: ran Task.__wakeup of main(): gather's outer future is done [race]",
            "t=3, pass 7: ran gather's _done_callback for the task of coro_3() [race]",
            "t=3, pass 6: ran Task.__wakeup of coro_3(): the sleep of coro_3() is done [race]",
            "t=3, pass 5: ran the sleep timer of coro_3(): futures._set_result_unless_cancelled (set in pass 2 at t=0, due 3) [race]",
            "t=0, pass 2: ran Task.__step of coro_3()",
            "t=0, pass 1: ran Task.__step of main()",
            "asyncio.run(main()) created main()'s task",
        ]
    );
}

#[test]
fn book_3_the_printed_result_waits_for_the_last_child() {
    let s = preset("book-3-return-exceptions");
    let r = run(&s);
    let i = find(&r, "main()", |w| matches!(w, What::Print(_)));
    let c = chain(&s, &r, i);
    assert_eq!(
        c[1],
        "t=8, pass 18: ran Task.__wakeup of main(): gather's outer future is done"
    );
    assert_eq!(
        c[2],
        "t=8, pass 17: ran gather's _done_callback for the task of coro_7()"
    );
    assert_eq!(c.len(), 10);
}

#[test]
fn book_4_an_as_completed_item_comes_through_on_completion_and_the_queue() {
    let s = preset("book-4-as-completed");
    let r = run(&s);
    let i = find(&r, "main()", |w| {
        matches!(w, What::Yielded { from: Some(0), .. })
    });
    assert_eq!(
        chain(&s, &r, i),
        [
            "t=0.03, pass 6: main() got the next as_completed item, from task_1()",
            "t=0.03, pass 6: ran Task.__wakeup of main(): as_completed's queue is done",
            "t=0.03, pass 5: ran as_completed's _on_completion for the task of task_1()",
            "t=0.03, pass 4: ran Task.__wakeup of task_1(): the sleep of task_1() is done",
            "t=0.03, pass 3: ran the sleep timer of task_1(): futures._set_result_unless_cancelled (set in pass 2 at t=0, due 0.03)",
            "t=0, pass 2: ran Task.__step of task_1()",
            "t=0, pass 1: ran Task.__step of main()",
            "asyncio.run(main()) created main()'s task",
        ]
    );
}

#[test]
fn book_5_a_writer_is_started_by_main_after_its_item() {
    let s = preset("book-5-pipeline");
    let r = run(&s);
    let i = find(
        &r,
        "write_to_file('10.1.1.2.txt')",
        |w| matches!(w, What::Print(t) if t.starts_with(">>>")),
    );
    let c = chain(&s, &r, i);
    assert_eq!(
        c[..4],
        [
            "t=2.7, pass 9: write_to_file('10.1.1.2.txt') printed '>>> Записываю результат в файл 10.1.1.2.txt'",
            "t=2.7, pass 9: ran Task.__step of write_to_file('10.1.1.2.txt')",
            "t=2.7, pass 8: ran Task.__wakeup of main(): as_completed's queue is done",
            "t=2.7, pass 7: ran as_completed's _on_completion for the task of worker('10.1.1.2')",
        ]
    );
}

/// The times of the events marked as depending on a race.
fn race_times(r: &Report) -> Vec<f64> {
    let mut times: Vec<f64> = r.events.iter().filter(|e| e.race).map(|e| e.t).collect();
    times.dedup();
    times
}

#[test]
fn book_1_ties_at_3_only_where_no_printed_line_can_move() {
    // At t=3 worker('2')'s sleep(1), set at t=2, ties with worker('3')'s sleep(3), set at
    // t=0: on a real clock either may fire first. 2's return and 3's print and sleep swap;
    // 3's print is the only line printed then, so the console cannot change.
    let r = run(&preset("book-1-gather"));
    assert_eq!(race_times(&r), [3.0]);
    let lines: Vec<&What> = r
        .events
        .iter()
        .filter(|e| e.race && matches!(e.what, What::Print(_)))
        .map(|e| &e.what)
        .collect();
    assert_eq!(lines.len(), 1);
}

#[test]
fn book_2_races_at_3_and_so_does_everything_after_it() {
    // worker 2's return at t=3 may come after asyncio.run cancelled it (PYTHON_VERSIONS.md).
    let r = run(&preset("book-2-gather-exception"));
    assert_eq!(race_times(&r), [3.0]);
    let two = find(&r, "2", |w| matches!(w, What::Returned(_)));
    assert!(r.events[two].race);
    assert!(r.events.iter().filter(|e| e.t == 3.0).all(|e| e.race));
}

#[test]
fn the_pipeline_on_book_1s_coroutines_races_at_4() {
    // The two lines at t=4: writer 2's "<<<" (its sleep(1) set at t=3 in pass 9) and writer
    // 3's ">>>", behind worker 3's sleep(1), set at t=3 in pass 6 (PYTHON_VERSIONS.md measured
    // them swapping on a loaded machine). The ties at t=3, 5 and 7 are races too.
    let mut s = preset("book-1-gather");
    s.main.runner = preset("book-5-pipeline").main.runner;
    assert!(matches!(s.main.runner, Runner::AsCompletedPipeline { .. }));
    let r = run(&s);
    let at_4: Vec<(bool, &str)> = r
        .events
        .iter()
        .filter(|e| e.t == 4.0)
        .filter_map(|e| match &e.what {
            What::Print(t) => Some((e.race, t.as_str())),
            _ => None,
        })
        .collect();
    assert_eq!(at_4.len(), 2);
    assert!(at_4.iter().all(|(race, _)| *race), "{at_4:?}");
    assert!(race_times(&r).contains(&4.0));
}

#[test]
fn the_book_5_preset_has_no_tie() {
    // Its second sleeps (4.2, 1.7, 7.9, 3.1) and the writers' 1 s never meet.
    assert_eq!(
        race_times(&run(&preset("book-5-pipeline"))),
        Vec::<f64>::new()
    );
}

#[test]
fn timers_set_in_one_pass_tie_without_a_race() {
    let s = Scenario::from_json(
        r#"{"coroutines": [{"name": "a", "steps": [{"sleep": 1}, {"print": "a"}]},
        {"name": "b", "steps": [{"sleep": 1}, {"print": "b"}]}], "main": {"runner": "gather"}}"#,
    )
    .unwrap();
    assert!(run(&s).events.iter().all(|e| !e.race));
}

#[test]
fn a_snapshot_shows_the_pass_as_it_starts() {
    let s = preset("book-1-gather");
    let snap = snapshot(&s, &Limits::default(), Semantics::default(), 5)
        .unwrap()
        .unwrap();
    let r = run(&s);
    let calls = lane_calls(&s, &r.lanes);
    assert_eq!((snap.pass, snap.time), (5, 3.0));
    let ready: Vec<String> = snap.ready.iter().map(|h| h.label(&calls)).collect();
    assert_eq!(
        ready,
        [
            "the sleep timer of worker('3'): futures._set_result_unless_cancelled",
            "the sleep timer of worker('2'): futures._set_result_unless_cancelled",
        ]
    );
    let timers: Vec<(f64, HandleView)> = snap.timers.iter().map(|t| (t.when, t.what)).collect();
    assert_eq!(
        timers,
        [
            (5.0, HandleView::SleepTimer { lane: 0 }),
            (7.0, HandleView::SleepTimer { lane: 3 }),
        ]
    );
    let tasks: Vec<String> = snap
        .tasks
        .iter()
        .map(|t| format!("{}: {}", calls[t.lane], t.state.label(&calls)))
        .collect();
    assert_eq!(
        tasks,
        [
            "main(): awaiting gather's outer future",
            "worker('5'): sleeping until 5",
            "worker('2'): sleeping until 3",
            "worker('3'): sleeping until 3",
            "worker('7'): sleeping until 7",
        ]
    );
    assert_eq!(
        snapshot(&s, &Limits::default(), Semantics::default(), 1000).unwrap(),
        None
    );
}

#[test]
fn each_pass_runs_what_its_snapshot_said_on_every_preset() {
    for name in [
        "book-1-gather",
        "book-2-gather-exception",
        "book-3-return-exceptions",
        "book-4-as-completed",
        "book-5-pipeline",
        "as-completed-timeout",
    ] {
        let mut sim = Simulation::new(&preset(name), &Limits::default(), Semantics::default());
        let mut said = Vec::new();
        while !sim.is_done() {
            let snap = sim.snapshot();
            assert_eq!(snap.pass, sim.passes() + 1);
            said.push(snap.ready);
            sim.step().unwrap();
        }
        let r = sim.report();
        assert!(r.events.iter().all(|e| e.handle.is_some()), "{name}");
        for (i, ready) in said.iter().enumerate() {
            let ran: Vec<HandleView> = r
                .handles
                .iter()
                .filter(|h| h.pass == i as u64 + 1)
                .map(|h| h.view)
                .collect();
            assert_eq!(&ran, ready, "{name}, pass {}", i + 1);
        }
    }
}

#[test]
fn a_task_waiting_for_the_semaphore_says_so() {
    let mut s = preset("book-1-gather");
    s.main.limit = Some(1);
    let mut sim = Simulation::new(&s, &Limits::default(), Semantics::default());
    for _ in 0..2 {
        sim.step().unwrap();
    }
    let states: Vec<TaskState> = sim.snapshot().tasks.iter().map(|t| t.state).collect();
    assert_eq!(
        states[1..],
        [
            TaskState::Sleeping { until: 5.0 },
            TaskState::Awaiting(Origin::SemaphoreWaiter { lane: 1 }),
            TaskState::Awaiting(Origin::SemaphoreWaiter { lane: 2 }),
            TaskState::Awaiting(Origin::SemaphoreWaiter { lane: 3 }),
        ]
    );
}

#[test]
fn a_cancelled_timer_is_left_out_of_the_snapshot() {
    // wait_for's timeout timer (due 10) is cancelled once the gather is done at t=1; CPython
    // keeps it in `_scheduled` until it reaches the head, the view leaves it out.
    let s = Scenario::from_json(
        r#"{"coroutines": [{"name": "a", "steps": [{"sleep": 1}, {"return": 1}]}],
        "main": {"runner": "wait_for_gather", "timeout": 10, "return_exceptions": false}}"#,
    )
    .unwrap();
    let mut sim = Simulation::new(&s, &Limits::default(), Semantics::default());
    let mut seen = Vec::new();
    while !sim.is_done() {
        let snap = sim.snapshot();
        seen.push((
            snap.time,
            snap.timers.iter().map(|t| t.when).collect::<Vec<_>>(),
        ));
        sim.step().unwrap();
    }
    assert_eq!(seen[1], (0.0, vec![10.0]), "{seen:?}");
    assert_eq!(seen.last().unwrap(), &(1.0, vec![]));
}

#[test]
fn a_thousand_coroutines_replay_to_any_pass() {
    let coroutines: Vec<String> = (0..1000)
        .map(|i| {
            format!(
                r#"{{"name": "c{i}", "steps": [{{"sleep": {}}}]}}"#,
                i % 7 + 1
            )
        })
        .collect();
    let s = Scenario::from_json(&format!(
        r#"{{"coroutines": [{}], "main": {{"runner": "gather"}}}}"#,
        coroutines.join(",")
    ))
    .unwrap();
    let snap = snapshot(&s, &Limits::default(), Semantics::default(), 3)
        .unwrap()
        .unwrap();
    // Pass 3 at t=1: the 143 timers due then fire, the other 857 wait.
    assert_eq!(
        (snap.time, snap.ready.len(), snap.timers.len()),
        (1.0, 143, 857)
    );
}
