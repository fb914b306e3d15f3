//! The step editor: every step `Edit`, accepted and refused (helpers shared with
//! `editor_names.rs`).

use asyncio_playground::core::scenario::Step;
use asyncio_playground::core::value::{ErrorType, Value};
use asyncio_playground::web::i18n::Lang;
use asyncio_playground::web::model::editor::StepKind;
use asyncio_playground::web::model::{Action, Edit, Playground};
use asyncio_playground::web::problem::{Field, Problem};

pub fn book() -> Playground {
    Playground::new(Lang::Ru)
}

pub fn edit(p: &mut Playground, edit: Edit) {
    p.reduce(Action::Edit(edit));
}

/// Applies an edit that must be accepted.
pub fn accepted(p: &mut Playground, e: Edit) {
    edit(p, e.clone());
    assert_eq!(p.notice, None, "{e:?} was refused");
}

/// Applies an edit that must be refused with `problem` (said in both languages), nothing changed.
pub fn refused(p: &mut Playground, e: Edit, problem: Problem) {
    let before = p.clone();
    edit(p, e.clone());
    assert_eq!(p.notice.take(), Some(problem.clone()), "{e:?}");
    assert_eq!(*p, before, "{e:?} changed the state");
    assert_ne!(problem.message(Lang::En), problem.message(Lang::Ru));
}

pub fn console(p: &Playground) -> Vec<String> {
    let report = p.derived.programs.top.report.as_ref().expect("simulated");
    report.console.iter().map(|l| l.text.clone()).collect()
}

pub fn steps(p: &Playground, co: usize) -> Vec<Step> {
    p.coroutines[co].to_coroutine().steps
}

pub fn text(s: &str) -> Value {
    Value::Str(s.into())
}

#[test]
fn add_steps_before_the_end_and_refuse_a_second_end() {
    let mut p = book();
    accepted(
        &mut p,
        Edit::AddStep {
            co: 0,
            kind: StepKind::Print,
        },
    );
    accepted(
        &mut p,
        Edit::AddStep {
            co: 0,
            kind: StepKind::Sleep,
        },
    );
    let s = steps(&p, 0);
    assert_eq!(s.len(), 7);
    assert_eq!(s[4], Step::Print("5".into()), "before the final return");
    assert_eq!(s[5], Step::Sleep(1.0));
    assert_eq!(s[6], Step::Return(text("test 5")));
    let ends = Problem::StepAfterEnd { name: "5".into() };
    refused(
        &mut p,
        Edit::AddStep {
            co: 0,
            kind: StepKind::Return,
        },
        ends.clone(),
    );
    // A raise goes before the return, which comes back when the raise goes.
    accepted(
        &mut p,
        Edit::AddStep {
            co: 0,
            kind: StepKind::Raise,
        },
    );
    let raise = Step::Raise {
        kind: ErrorType::OSError,
        message: "Не могу подключиться к 5".into(),
    };
    assert_eq!(steps(&p, 0)[6], raise);
    refused(
        &mut p,
        Edit::AddStep {
            co: 0,
            kind: StepKind::Raise,
        },
        ends.clone(),
    );
    refused(
        &mut p,
        Edit::AddStep {
            co: 0,
            kind: StepKind::Return,
        },
        ends,
    );
    accepted(
        &mut p,
        Edit::AddStep {
            co: 0,
            kind: StepKind::Print,
        },
    );
    assert_eq!(steps(&p, 0)[6], Step::Print("5".into()), "before the raise");
    assert_eq!(steps(&p, 0)[7], raise);
    accepted(&mut p, Edit::RemoveStep { co: 0, step: 7 });
    assert_eq!(steps(&p, 0).last(), Some(&Step::Return(text("test 5"))));
    // A coroutine without an end takes a return (None) at its end.
    accepted(&mut p, Edit::RemoveStep { co: 0, step: 7 });
    accepted(
        &mut p,
        Edit::AddStep {
            co: 0,
            kind: StepKind::Return,
        },
    );
    assert_eq!(steps(&p, 0).last(), Some(&Step::Return(Value::None)));
    refused(
        &mut p,
        Edit::AddStep {
            co: 9,
            kind: StepKind::Print,
        },
        Problem::NoCoroutine(9),
    );
}

#[test]
fn a_coroutine_has_at_most_the_cores_steps() {
    let mut p = book();
    while steps(&p, 1).len() < 100 {
        accepted(
            &mut p,
            Edit::AddStep {
                co: 1,
                kind: StepKind::Sleep,
            },
        );
    }
    refused(
        &mut p,
        Edit::AddStep {
            co: 1,
            kind: StepKind::Print,
        },
        Problem::TooManySteps {
            name: "2".into(),
            max: 100,
        },
    );
}

#[test]
fn remove_and_move_steps() {
    let mut p = book();
    accepted(
        &mut p,
        Edit::MoveStep {
            co: 0,
            step: 1,
            up: true,
        },
    );
    assert_eq!(steps(&p, 0)[0], Step::Sleep(5.0));
    assert_eq!(steps(&p, 0)[1], Step::Print("Подключаюсь к 5".into()));
    assert_eq!(
        console(&p)[0],
        "Подключаюсь к 2",
        "5 now prints after its sleep"
    );
    refused(
        &mut p,
        Edit::MoveStep {
            co: 0,
            step: 0,
            up: true,
        },
        Problem::AtEdge {
            name: "5".into(),
            step: 0,
            up: true,
        },
    );
    refused(
        &mut p,
        Edit::MoveStep {
            co: 0,
            step: 4,
            up: false,
        },
        Problem::AtEdge {
            name: "5".into(),
            step: 4,
            up: false,
        },
    );
    refused(
        &mut p,
        Edit::MoveStep {
            co: 0,
            step: 3,
            up: false,
        },
        Problem::StepAfterEnd { name: "5".into() },
    );
    refused(
        &mut p,
        Edit::MoveStep {
            co: 0,
            step: 5,
            up: true,
        },
        Problem::NoStep {
            name: "5".into(),
            step: 5,
        },
    );
    let c = &p.coroutines[0];
    assert!(c.can_move(1, true) && c.can_move(2, false));
    assert!(!c.can_move(0, true) && !c.can_move(3, false) && !c.can_move(4, false));
    accepted(&mut p, Edit::RemoveStep { co: 0, step: 0 });
    assert_eq!(steps(&p, 0).len(), 4);
    refused(
        &mut p,
        Edit::RemoveStep { co: 0, step: 4 },
        Problem::NoStep {
            name: "5".into(),
            step: 4,
        },
    );
}

#[test]
fn the_raise_moves_through_the_steps() {
    let mut p = book();
    accepted(
        &mut p,
        Edit::Raise {
            co: 2,
            after_sleep: Some(1),
        },
    );
    assert_eq!(p.coroutines[2].shown_len(), 3);
    // Down: the step behind it comes before it; up again: it goes behind.
    accepted(
        &mut p,
        Edit::MoveStep {
            co: 2,
            step: 2,
            up: false,
        },
    );
    assert_eq!(
        steps(&p, 2)[2],
        Step::Print("Отправляю команду test на устройство 3".into())
    );
    accepted(
        &mut p,
        Edit::MoveStep {
            co: 2,
            step: 3,
            up: false,
        },
    );
    assert_eq!(p.coroutines[2].raise_after_sleep(), Some(2));
    refused(
        &mut p,
        Edit::MoveStep {
            co: 2,
            step: 4,
            up: false,
        },
        Problem::StepAfterEnd { name: "3".into() },
    );
    accepted(
        &mut p,
        Edit::MoveStep {
            co: 2,
            step: 3,
            up: false,
        },
    );
    assert_eq!(
        p.coroutines[2].raise_after_sleep(),
        Some(1),
        "the step above went behind"
    );
    for _ in 0..3 {
        let step = p.coroutines[2].body_end();
        accepted(
            &mut p,
            Edit::MoveStep {
                co: 2,
                step,
                up: true,
            },
        );
    }
    assert_eq!(p.coroutines[2].raise_after_sleep(), Some(0));
    assert_eq!(steps(&p, 2).len(), 1, "raises at once");
    accepted(
        &mut p,
        Edit::RaiseType {
            co: 2,
            kind: ErrorType::ValueError,
        },
    );
    accepted(
        &mut p,
        Edit::RaiseMessage {
            co: 2,
            text: "нет 3".into(),
        },
    );
    let raised = p
        .derived
        .programs
        .top
        .report
        .as_ref()
        .unwrap()
        .raised
        .clone();
    assert_eq!(raised.as_deref(), Some("ValueError: нет 3"));
    refused(
        &mut p,
        Edit::RaiseMessage {
            co: 2,
            text: "x".repeat(1001),
        },
        Problem::TextTooLong {
            field: Field::Step {
                name: "3".into(),
                step: 0,
            },
            chars: 1001,
            max: 1000,
        },
    );
    // Removing the raise brings the steps back.
    accepted(&mut p, Edit::RemoveStep { co: 2, step: 0 });
    assert_eq!(steps(&p, 2).len(), 5);
    refused(
        &mut p,
        Edit::RaiseType {
            co: 2,
            kind: ErrorType::OSError,
        },
        Problem::NoRaise { name: "3".into() },
    );
}

#[test]
fn prints_and_return_values() {
    let mut p = book();
    accepted(
        &mut p,
        Edit::Print {
            co: 1,
            step: 0,
            text: "Привет, 2".into(),
        },
    );
    assert_eq!(console(&p)[1], "Привет, 2");
    refused(
        &mut p,
        Edit::Print {
            co: 1,
            step: 0,
            text: "я".repeat(1001),
        },
        Problem::TextTooLong {
            field: Field::Step {
                name: "2".into(),
                step: 0,
            },
            chars: 1001,
            max: 1000,
        },
    );
    refused(
        &mut p,
        Edit::Print {
            co: 1,
            step: 1,
            text: "not a print".into(),
        },
        Problem::NoStep {
            name: "2".into(),
            step: 1,
        },
    );
    for (typed, value) in [
        ("None", Value::None),
        ("42", Value::Int(42)),
        ("'ok 2'", text("ok 2")),
        ("('2', 'test')", Value::Tuple(vec![text("2"), text("test")])),
    ] {
        accepted(
            &mut p,
            Edit::Return {
                co: 1,
                step: 4,
                text: typed.into(),
            },
        );
        assert_eq!(steps(&p, 1)[4], Step::Return(value));
    }
    let gather = p
        .derived
        .programs
        .top
        .report
        .as_ref()
        .unwrap()
        .console
        .last()
        .unwrap()
        .text
        .clone();
    assert_eq!(gather, "['test 5', ('2', 'test'), 'test 3', 'test 7']");
    refused(
        &mut p,
        Edit::Return {
            co: 1,
            step: 4,
            text: "test 2".into(),
        },
        Problem::BadReturn {
            field: Field::Step {
                name: "2".into(),
                step: 4,
            },
            text: "test 2".into(),
        },
    );
    refused(
        &mut p,
        Edit::Return {
            co: 1,
            step: 4,
            text: format!("'{}'", "я".repeat(1001)),
        },
        Problem::TextTooLong {
            field: Field::Step {
                name: "2".into(),
                step: 4,
            },
            chars: 1001,
            max: 1000,
        },
    );
}
