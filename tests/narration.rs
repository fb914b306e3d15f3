//! What the page says about a run: who cancelled each task (recorded by the core), and the
//! narration line, sentence by sentence, in English and Russian.
#![cfg(not(target_arch = "wasm32"))]

use asyncio_playground::core::trace::{CancelCause, What};
use asyncio_playground::core::{simulate, Limits, Scenario, Semantics};
use asyncio_playground::web::i18n::Lang;
use asyncio_playground::web::model::{Action, Open, Playground, PRESETS};
use asyncio_playground::web::program::{PerProgram, ProgramId};
use asyncio_playground::web::timeline::Derived;

/// a returns at 1, b raises at 2, c would return at 5.
const COROUTINES: &str = r#"[
    {"name": "a", "steps": [{"sleep": 1}, {"return": "a"}]},
    {"name": "b", "steps": [{"sleep": 2}, {"raise": {"type": "ValueError", "message": "b"}}]},
    {"name": "c", "steps": [{"sleep": 5}, {"return": "c"}]}]"#;

fn scenario(main: &str) -> Scenario {
    Scenario::from_json(&format!(
        r#"{{"coroutines": {COROUTINES}, "main": {main}}}"#
    ))
    .expect("valid scenario")
}

/// Each runner, and who cancels what in it: (main, [(lane, cause)]).
fn runners() -> Vec<(&'static str, Vec<(usize, CancelCause)>)> {
    use CancelCause::*;
    vec![
        // gather hands b's error to main(); asyncio.run's shutdown cancels c.
        (r#"{"runner": "gather"}"#, vec![(2, Shutdown)]),
        (r#"{"runner": "gather", "return_exceptions": true}"#, vec![]),
        // as_completed's timeout cancels nothing; main() raises, the shutdown cancels.
        (
            r#"{"runner": "as_completed", "timeout": 1.5}"#,
            vec![(1, Shutdown), (2, Shutdown)],
        ),
        (
            r#"{"runner": "as_completed_pipeline", "timeout": 1.5, "write_delay": 1}"#,
            vec![(1, Shutdown), (2, Shutdown), (4, Shutdown)],
        ),
        (
            r#"{"runner": "wait", "timeout": 1.5}"#,
            vec![(1, Shutdown), (2, Shutdown)],
        ),
        (
            r#"{"runner": "wait_for_gather", "timeout": 1.5}"#,
            vec![(1, WaitFor), (2, WaitFor)],
        ),
        (
            r#"{"runner": "timeout", "timeout": 1.5}"#,
            vec![(1, Timeout), (2, Timeout)],
        ),
        (
            r#"{"runner": "task_group"}"#,
            vec![(2, TaskGroup { failed: 1 })],
        ),
        (r#"{"runner": "sequential"}"#, vec![]),
    ]
}

fn cancellations(s: &Scenario) -> Vec<(usize, CancelCause)> {
    let r = simulate(s, &Limits::default()).expect("runs");
    r.events
        .iter()
        .filter_map(|e| match e.what {
            What::Cancelled { by, .. } => Some((e.lane, by)),
            _ => None,
        })
        .collect()
}

#[test]
fn the_core_records_who_cancelled_each_task_for_every_runner() {
    for (main, expected) in runners() {
        assert_eq!(cancellations(&scenario(main)), expected, "{main}");
    }
}

#[test]
fn a_zero_timeout_cancels_before_the_start_and_says_so() {
    let s = scenario(r#"{"runner": "wait_for_gather", "timeout": 0}"#);
    let r = simulate(&s, &Limits::default()).expect("runs");
    assert!(r.events.iter().any(|e| e.what
        == What::Cancelled {
            before_start: true,
            by: CancelCause::WaitFor
        }));
    let d = with_bottom(s);
    let texts = sentences(&d, ProgramId::Bottom, Lang::En);
    assert!(texts.contains(
        &"asyncio.wait_for(gather), t=0.0 s: wait_for's timeout (0 s) cancelled gather, \
          and gather cancelled a, before it started"
            .to_string()
    ));
}

/// gather on top (as the page has it), `bottom` below.
fn with_bottom(bottom: Scenario) -> Derived {
    let top = scenario(r#"{"runner": "gather"}"#);
    Derived::new(PerProgram::new(top, bottom), Semantics::default())
}

/// Every narrated sentence of program `id`, in cursor order.
fn sentences(d: &Derived, id: ProgramId, lang: Lang) -> Vec<String> {
    (1..=d.events_len())
        .filter(|&c| d.merged[c - 1].0 == id)
        .map(|c| d.narrate(c, lang))
        .collect()
}

/// For each (bottom main, English, Russian): the bottom program narrates that sentence.
fn bottom_says(cases: &[(&str, &str, &str)]) {
    for &(main, en, ru) in cases {
        let d = with_bottom(scenario(main));
        for (lang, expected) in [(Lang::En, en), (Lang::Ru, ru)] {
            let texts = sentences(&d, ProgramId::Bottom, lang);
            assert!(
                texts.iter().any(|t| t == expected),
                "{main} {lang:?}: {texts:#?}"
            );
        }
    }
}

#[test]
fn every_cancellation_is_narrated_with_its_cause_in_both_languages() {
    let cases = [
        (
            r#"{"runner": "gather"}"#,
            "asyncio.gather, t=2.0 s: asyncio.run cancelled c after main() ended; it had kept running until then",
            "asyncio.gather, t=2.0 с: asyncio.run отменил c после завершения main(); до этого она продолжала работать",
        ),
        (
            r#"{"runner": "as_completed", "timeout": 1.5}"#,
            "asyncio.as_completed, t=1.5 s: asyncio.run cancelled b after main() ended; it had kept running until then",
            "asyncio.as_completed, t=1.5 с: asyncio.run отменил b после завершения main(); до этого она продолжала работать",
        ),
        (
            r#"{"runner": "wait_for_gather", "timeout": 1.5}"#,
            "asyncio.wait_for(gather), t=1.5 s: wait_for's timeout (1.5 s) cancelled gather, and gather cancelled b",
            "asyncio.wait_for(gather), t=1.5 с: таймаут wait_for (1.5 с) отменил gather, а gather отменил b",
        ),
        (
            r#"{"runner": "timeout", "timeout": 1.5}"#,
            "asyncio.timeout, t=1.5 s: asyncio.timeout(1.5) expired and cancelled main(); the gather main() awaited cancelled b",
            "asyncio.timeout, t=1.5 с: asyncio.timeout(1.5) истёк и отменил main(); gather, который ждала main(), отменил b",
        ),
        (
            r#"{"runner": "task_group"}"#,
            "asyncio.TaskGroup, t=2.0 s: the TaskGroup cancelled c because b raised",
            "asyncio.TaskGroup, t=2.0 с: TaskGroup отменил c, потому что b сгенерировала исключение",
        ),
    ];
    bottom_says(&cases);
}

#[test]
fn the_tooltip_of_a_cancel_mark_gives_the_narrations_cause() {
    for (main, _) in runners() {
        let d = with_bottom(scenario(main));
        for lang in [Lang::En, Lang::Ru] {
            for id in ProgramId::ALL {
                let prog = &d.programs[id];
                for (i, e) in prog.events().iter().enumerate() {
                    let What::Cancelled { before_start, by } = e.what else {
                        continue;
                    };
                    let cause = prog.cancel_text(e.lane, by, before_start, lang);
                    let c = d.merged.iter().position(|&m| m == (id, i)).unwrap() + 1;
                    assert!(d.narrate(c, lang).ends_with(&cause), "{main}");
                }
            }
        }
    }
}

fn preset(stem: &str, lang: Lang) -> Playground {
    let mut p = Playground::new(lang);
    p.reduce(Action::Open(Open::Preset(stem.to_string())));
    assert_eq!(p.preset, stem);
    p
}

/// Sentences from time `from` on.
fn from_time(d: &Derived, id: ProgramId, lang: Lang, from: &str) -> Vec<String> {
    let texts = sentences(d, id, lang);
    let start = texts
        .iter()
        .position(|t| t.contains(from))
        .expect("a sentence at that time");
    texts[start..].to_vec()
}

#[test]
fn book_example_2_says_gather_passed_the_error_on_and_who_the_shutdown_cancels() {
    let en = preset("book-2-gather-exception", Lang::En);
    assert_eq!(
        from_time(&en.derived, ProgramId::Top, Lang::En, "t=3.0"),
        [
            "asyncio.gather, t=3.0 s: 3 raised OSError: Не могу подключиться к 3; gather passes this exception on to main() at once; 5, 2, 7 keep running, unawaited",
            "asyncio.gather, t=3.0 s: 2 returned 'test 2'; gather has already passed 3's exception on to main(); nobody awaits this",
            "asyncio.gather, t=3.0 s: main() got OSError: Не могу подключиться к 3 from gather; 5, 7 keep running, unawaited",
            "asyncio.gather, t=3.0 s: main() raised OSError: Не могу подключиться к 3; asyncio.run now cancels 5, 7, still running",
            "asyncio.gather, t=3.0 s: asyncio.run cancelled 5 after main() ended; it had kept running until then",
            "asyncio.gather, t=3.0 s: asyncio.run cancelled 7 after main() ended; it had kept running until then",
        ]
    );
    assert_eq!(
        from_time(&en.derived, ProgramId::Bottom, Lang::En, "t=3.0"),
        [
            "asyncio.as_completed, t=3.0 s: 3 raised OSError: Не могу подключиться к 3; as_completed hands it to main()",
            "asyncio.as_completed, t=3.0 s: 2 returned 'test 2'; main() never gets it",
            "asyncio.as_completed, t=3.0 s: main() got OSError: Не могу подключиться к 3 from as_completed",
            "asyncio.as_completed, t=3.0 s: main() raised OSError: Не могу подключиться к 3; asyncio.run now cancels 5, 7, still running",
            "asyncio.as_completed, t=3.0 s: asyncio.run cancelled 5 after main() ended; it had kept running until then",
            "asyncio.as_completed, t=3.0 s: asyncio.run cancelled 7 after main() ended; it had kept running until then",
        ]
    );
    let ru = preset("book-2-gather-exception", Lang::Ru);
    assert_eq!(
        from_time(&ru.derived, ProgramId::Top, Lang::Ru, "t=3.0"),
        [
            "asyncio.gather, t=3.0 с: 3 сгенерировала OSError: Не могу подключиться к 3; gather сразу передаёт это исключение main(); 5, 2, 7 продолжают работать, их никто не ждёт",
            "asyncio.gather, t=3.0 с: 2 вернула 'test 2'; gather уже передал исключение 3 в main(); этот результат никто не ждёт",
            "asyncio.gather, t=3.0 с: main() получила OSError: Не могу подключиться к 3 от gather; 5, 7 продолжают работать, их никто не ждёт",
            "asyncio.gather, t=3.0 с: main() сгенерировала OSError: Не могу подключиться к 3; asyncio.run теперь отменяет 5, 7: они ещё работают",
            "asyncio.gather, t=3.0 с: asyncio.run отменил 5 после завершения main(); до этого она продолжала работать",
            "asyncio.gather, t=3.0 с: asyncio.run отменил 7 после завершения main(); до этого она продолжала работать",
        ]
    );
    // Before the error gather really is waiting; after it, nobody says so.
    for (p, lang, waits) in [(&en, Lang::En, "still waits"), (&ru, Lang::Ru, "ещё ждёт")] {
        let top = sentences(&p.derived, ProgramId::Top, lang);
        let raised = top.iter().position(|t| t.contains("OSError")).unwrap();
        assert!(top[raised..].iter().all(|t| !t.contains(waits)), "{lang:?}");
    }
    assert_eq!(
        en.derived
            .outcomes(en.derived.counts_at(en.derived.events_len()), Lang::En),
        [
            "asyncio.gather: main() raised OSError: Не могу подключиться к 3",
            "asyncio.as_completed: main() raised OSError: Не могу подключиться к 3",
        ]
    );
}

#[test]
fn the_as_completed_timeout_preset_says_the_others_run_on_until_the_shutdown() {
    let en = preset("as-completed-timeout", Lang::En);
    assert_eq!(
        from_time(&en.derived, ProgramId::Bottom, Lang::En, "t=3.43"),
        [
            "asyncio.as_completed, t=3.43 s: task 5 printed '<<< end   task 5'",
            "asyncio.as_completed, t=3.43 s: task 5 returned 'task 5'; as_completed hands it to main()",
            "asyncio.as_completed, t=3.43 s: main() got 'task 5' from as_completed",
            "asyncio.as_completed, t=3.43 s: main() printed 'DONE task 5'",
            "asyncio.as_completed, t=4.0 s: main() got TimeoutError from as_completed; task 2, task 3, task 4 keep running, unawaited",
            "asyncio.as_completed, t=4.0 s: main() raised TimeoutError; asyncio.run now cancels task 2, task 3, task 4, still running",
            "asyncio.as_completed, t=4.0 s: asyncio.run cancelled task 2 after main() ended; it had kept running until then",
            "asyncio.as_completed, t=4.0 s: asyncio.run cancelled task 3 after main() ended; it had kept running until then",
            "asyncio.as_completed, t=4.0 s: asyncio.run cancelled task 4 after main() ended; it had kept running until then",
        ]
    );
    let ru = preset("as-completed-timeout", Lang::Ru);
    assert_eq!(
        from_time(&ru.derived, ProgramId::Bottom, Lang::Ru, "t=4.0"),
        [
            "asyncio.as_completed, t=4.0 с: main() получила TimeoutError от as_completed; task 2, task 3, task 4 продолжают работать, их никто не ждёт",
            "asyncio.as_completed, t=4.0 с: main() сгенерировала TimeoutError; asyncio.run теперь отменяет task 2, task 3, task 4: они ещё работают",
            "asyncio.as_completed, t=4.0 с: asyncio.run отменил task 2 после завершения main(); до этого она продолжала работать",
            "asyncio.as_completed, t=4.0 с: asyncio.run отменил task 3 после завершения main(); до этого она продолжала работать",
            "asyncio.as_completed, t=4.0 с: asyncio.run отменил task 4 после завершения main(); до этого она продолжала работать",
        ]
    );
    // The gather program goes on to 8.93 s and returns; the status names whose outcome is whose.
    let d = &en.derived;
    assert_eq!(
        d.narrate(d.events_len(), Lang::En),
        "asyncio.gather, t=8.93 s: main() returned None"
    );
    assert_eq!(
        d.outcomes(d.counts_at(d.events_len()), Lang::En),
        [
            "asyncio.gather: main() returned None",
            "asyncio.as_completed: main() raised TimeoutError",
        ]
    );
    let at_5 = d
        .merged
        .iter()
        .position(|&(p, i)| d.programs[p].events()[i].t > 5.0);
    assert_eq!(
        d.outcomes(d.counts_at(at_5.unwrap()), Lang::Ru),
        ["asyncio.as_completed: main() сгенерировала TimeoutError"]
    );
}

#[test]
fn each_narrated_sentence_names_its_program() {
    let mut derived: Vec<Derived> = PRESETS
        .iter()
        .map(|(stem, _)| preset(stem, Lang::En).derived.as_ref().clone())
        .collect();
    derived.extend(
        runners()
            .iter()
            .map(|(main, _)| with_bottom(scenario(main))),
    );
    for d in &derived {
        for lang in [Lang::En, Lang::Ru] {
            let labels = d.programs.each_ref().map(|p| p.label(lang));
            for c in 1..=d.events_len() {
                let (id, _) = d.merged[c - 1];
                let text = d.narrate(c, lang);
                assert!(text.starts_with(&format!("{}, t=", labels[id])), "{text}");
            }
        }
    }
}

#[test]
fn wait_and_the_task_group_say_whom_main_still_waits_for() {
    let cases = [
        (
            r#"{"runner": "wait", "timeout": 1.5}"#,
            "asyncio.wait, t=1.0 s: a returned 'a'; asyncio.wait still waits for b, c",
            "asyncio.wait, t=1.0 с: a вернула 'a'; asyncio.wait ещё ждёт b, c",
        ),
        (
            r#"{"runner": "wait", "return_when": "FIRST_COMPLETED"}"#,
            "asyncio.wait, t=1.0 s: a returned 'a'; asyncio.wait now wakes main()",
            "asyncio.wait, t=1.0 с: a вернула 'a'; asyncio.wait теперь будит main()",
        ),
        (
            r#"{"runner": "wait", "timeout": 1.5}"#,
            "asyncio.wait, t=1.5 s: main() got (done: a; pending: b, c) from asyncio.wait",
            "asyncio.wait, t=1.5 с: main() получила (done: a; pending: b, c) от asyncio.wait",
        ),
        (
            r#"{"runner": "task_group"}"#,
            "asyncio.TaskGroup, t=1.0 s: a returned 'a'; the TaskGroup still waits for b, c",
            "asyncio.TaskGroup, t=1.0 с: a вернула 'a'; TaskGroup ещё ждёт b, c",
        ),
        (
            r#"{"runner": "task_group"}"#,
            "asyncio.TaskGroup, t=2.0 s: b raised ValueError: b; so the TaskGroup cancels c",
            "asyncio.TaskGroup, t=2.0 с: b сгенерировала ValueError: b; поэтому TaskGroup отменяет c",
        ),
        (
            r#"{"runner": "timeout", "timeout": 1.5}"#,
            "asyncio.timeout, t=1.0 s: a returned 'a'; gather still waits for b, c",
            "asyncio.timeout, t=1.0 с: a вернула 'a'; gather ещё ждёт b, c",
        ),
    ];
    bottom_says(&cases);
}

#[test]
fn a_name_that_looks_like_a_placeholder_stays_as_written() {
    let s = Scenario::from_json(
        r#"{"coroutines": [
            {"name": "{1}", "steps": [{"sleep": 1}, {"raise": {"type": "OSError", "message": "x"}}]},
            {"name": "{0}", "steps": [{"sleep": 2}]}],
        "main": {"runner": "task_group"}}"#,
    )
    .unwrap();
    let d = with_bottom(s);
    assert!(sentences(&d, ProgramId::Bottom, Lang::En).contains(
        &"asyncio.TaskGroup, t=1.0 s: the TaskGroup cancelled {0} because {1} raised".to_string()
    ));
}
