//! Every built-in exercise parses, simulates, and its explanation's claims hold in the core's
//! prediction (an exercise must never teach wrong asyncio).

use asyncio_playground::core::trace::What;
use asyncio_playground::core::value::Value;
use asyncio_playground::web::exercises::{self, EXERCISES};
use asyncio_playground::web::i18n::Lang;
use asyncio_playground::web::model::predict::{causes, Cause, Question};
use asyncio_playground::web::model::Playground;
use asyncio_playground::web::program::ProgramId::{Bottom, Top};

fn open(id: &str) -> Playground {
    let ex = exercises::exercise(id).unwrap_or_else(|p| panic!("{id}: {p:?}"));
    ex.playground(Lang::En)
        .unwrap_or_else(|p| panic!("{id}: {p:?}"))
}

fn console(p: &Playground, id: asyncio_playground::web::program::ProgramId) -> Vec<String> {
    let lines = p.derived.programs[id].console_lines(usize::MAX);
    lines.into_iter().map(|l| l.text).collect()
}

#[test]
fn every_exercise_parses_simulates_and_asks() {
    assert!(EXERCISES.len() >= 12);
    assert_eq!(exercises::all().len(), EXERCISES.len());
    for (id, _) in EXERCISES {
        let ex = exercises::exercise(id).unwrap();
        for lang in [Lang::En, Lang::Ru] {
            assert!(!ex.title(lang).is_empty() && !ex.explanation(lang).is_empty());
        }
        let p = open(id);
        for prog in p.derived.programs.iter() {
            let report = prog.report.as_ref().unwrap_or_else(|e| panic!("{id}: {e}"));
            assert!(report.end_time.is_finite());
        }
        let predict = p.predict.as_ref().unwrap();
        // A console asked for is graded line by line: no line whose order CPython leaves open.
        for a in &predict.asked {
            if let Question::Console(prog) = a.question {
                let lines = p.derived.programs[prog].console_lines(usize::MAX);
                assert!(lines.iter().all(|l| !l.unspecified_order), "{id}");
            }
        }
        assert!(!predict.asked.is_empty() && !predict.revealed, "{id}");
        assert_eq!(predict.exercise.as_deref(), Some(id));
    }
}

#[test]
fn gather_does_not_cancel_siblings_asyncio_run_does() {
    let p = open("01-gather-siblings");
    let top = &p.derived.programs.top;
    let err = top.awaited(usize::MAX).unwrap().unwrap_err();
    assert_eq!(err.traceback_line(), "OSError: Не могу подключиться к 3");
    let raised = top
        .events()
        .iter()
        .find(|e| matches!(e.what, What::Raised(_)));
    assert_eq!(raised.map(|e| (e.lane, e.t)), Some((2, 3.0)));
    // 5 and 7 were cancelled by the shutdown, after main() ended, not by gather.
    assert_eq!(causes(&p.derived, Top)[0], Cause::Shutdown);
    assert_eq!(causes(&p.derived, Top)[3], Cause::Shutdown);
    assert_eq!(causes(&p.derived, Top)[2], Cause::NotCancelled);
}

#[test]
fn return_exceptions_keeps_the_error_in_its_slot_and_waits_for_all() {
    let p = open("02-return-exceptions");
    let top = &p.derived.programs.top;
    let Ok(Value::List(items)) = top.awaited(usize::MAX).unwrap() else {
        panic!("a list")
    };
    assert!(matches!(items[2], Value::Exception(_)));
    assert_eq!(items.len(), 4);
    assert_eq!(top.end_time(), 8.0);
}

#[test]
fn as_completed_yields_in_completion_order() {
    let p = open("03-completion-order");
    let items: Vec<String> = p
        .derived
        .programs
        .bottom
        .result_items(usize::MAX)
        .into_iter()
        .map(|(s, _)| s)
        .collect();
    assert_eq!(
        items,
        ["'task 1'", "'task 5'", "'task 3'", "'task 4'", "'task 2'"]
    );
}

#[test]
fn an_as_completed_timeout_cancels_nothing_the_shutdown_does() {
    let p = open("04-as-completed-timeout");
    let bottom = &p.derived.programs.bottom;
    assert_eq!(bottom.raised(usize::MAX).as_deref(), Some("TimeoutError"));
    let c = causes(&p.derived, Bottom);
    assert_eq!(c.iter().filter(|c| **c == Cause::Shutdown).count(), 3);
    assert!(!c.contains(&Cause::Timeout));
}

#[test]
fn sequential_awaits_add_up() {
    let p = open("05-sequential");
    assert_eq!(p.derived.programs.top.end_time(), 3.0);
    assert_eq!(p.derived.programs.bottom.end_time(), 6.0);
}

#[test]
fn wait_for_cancels_the_gather_and_its_children() {
    let p = open("06-wait-for-cancels");
    let bottom = &p.derived.programs.bottom;
    assert_eq!(
        causes(&p.derived, Bottom),
        [Cause::NotCancelled, Cause::NotCancelled, Cause::Timeout]
    );
    assert_eq!(bottom.raised(usize::MAX).as_deref(), Some("TimeoutError"));
    assert_eq!(bottom.end_time(), 2.5);
}

#[test]
fn task_group_cancels_siblings_and_raises_a_group() {
    let p = open("07-taskgroup");
    let bottom = &p.derived.programs.bottom;
    assert_eq!(
        causes(&p.derived, Bottom),
        [Cause::NotCancelled, Cause::TaskGroup, Cause::TaskGroup]
    );
    let raised = bottom.raised(usize::MAX).unwrap();
    assert!(raised.starts_with("ExceptionGroup"), "{raised}");
    assert_eq!(bottom.end_time(), 1.0);
}

#[test]
fn a_semaphore_of_two_queues_the_third() {
    let p = open("08-semaphore");
    assert_eq!(p.derived.programs.top.end_time(), 1.0);
    assert_eq!(p.derived.programs.bottom.end_time(), 2.0);
}

#[test]
fn sleep_zero_yields_one_pass() {
    let p = open("09-sleep-zero");
    assert_eq!(console(&p, Top), ["a1", "b1", "a2", "b2", "[None, None]"]);
}

#[test]
fn equal_deadlines_fire_in_registration_order() {
    let p = open("10-equal-deadlines");
    assert_eq!(
        console(&p, Top),
        ["z wakes", "x wakes", "y wakes", "[None, None, None]"]
    );
}

#[test]
fn asyncio_timeout_cancels_the_block() {
    let p = open("11-asyncio-timeout");
    let bottom = &p.derived.programs.bottom;
    assert!(!console(&p, Bottom).contains(&"c done".to_string()));
    assert_eq!(causes(&p.derived, Bottom)[2], Cause::Timeout);
    assert_eq!(bottom.raised(usize::MAX).as_deref(), Some("TimeoutError"));
}

#[test]
fn python_3_10_raises_asyncios_own_timeout_error() {
    let p = open("12-timeout-error-3-10");
    let raised = p.derived.programs.bottom.raised(usize::MAX);
    assert_eq!(raised.as_deref(), Some("asyncio.exceptions.TimeoutError"));
    // 3.11 made it the builtin.
    let mut p = p;
    p.reduce(asyncio_playground::web::model::Action::Options(
        asyncio_playground::web::model::OptionEdit::Python(asyncio_playground::core::Python::V3_11),
    ));
    assert_eq!(
        p.derived.programs.bottom.raised(usize::MAX).as_deref(),
        Some("TimeoutError")
    );
}
