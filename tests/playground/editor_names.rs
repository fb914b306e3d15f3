//! The editor's names: a rename carried through the texts made from the name, a new
//! coroutine shaped like its neighbours and named after their pattern.

use asyncio_playground::core::python::{function_names, program, SHARED};
use asyncio_playground::core::scenario::Step;
use asyncio_playground::core::value::Value;
use asyncio_playground::web::model::Edit;
use asyncio_playground::web::problem::{Field, Problem};

use super::editor::{accepted, book, console, refused, steps, text};

#[test]
fn a_rename_carries_through_the_texts_made_from_the_name_and_back() {
    let mut p = book();
    let original = p.coroutines.clone();
    accepted(
        &mut p,
        Edit::Rename {
            co: 0,
            name: "r1".into(),
        },
    );
    assert_eq!(
        steps(&p, 0),
        vec![
            Step::Print("Подключаюсь к r1".into()),
            Step::Sleep(5.0),
            Step::Print("Отправляю команду test на устройство r1".into()),
            Step::Sleep(1.0),
            Step::Return(text("test r1")),
        ]
    );
    assert!(console(&p).contains(&"Подключаюсь к r1".to_string()));
    // The generated program still has one shared function, called with the new name.
    let top = p.top_scenario();
    assert_eq!(function_names(&top), vec![SHARED; 4]);
    assert!(
        program(&top).contains(&format!("{SHARED}('r1'")),
        "{}",
        program(&top)
    );
    accepted(
        &mut p,
        Edit::Rename {
            co: 0,
            name: "5".into(),
        },
    );
    assert_eq!(
        p.coroutines, original,
        "renamed back, the book's texts again"
    );
}

#[test]
fn a_rename_replaces_whole_tokens_only_in_messages_and_tuples_too() {
    let mut p = book();
    accepted(
        &mut p,
        Edit::Print {
            co: 3,
            step: 0,
            text: "7 17 v7 7a (7)".into(),
        },
    );
    accepted(
        &mut p,
        Edit::Return {
            co: 3,
            step: 4,
            text: "('7', 'test', 7)".into(),
        },
    );
    accepted(
        &mut p,
        Edit::Raise {
            co: 3,
            after_sleep: Some(2),
        },
    );
    accepted(
        &mut p,
        Edit::Rename {
            co: 3,
            name: "маршрутизатор-1".into(),
        },
    );
    let c = &p.coroutines[3];
    assert_eq!(
        c.steps[0],
        Step::Print("маршрутизатор-1 17 v7 7a (маршрутизатор-1)".into())
    );
    assert_eq!(
        c.steps[4],
        Step::Return(Value::Tuple(vec![
            text("маршрутизатор-1"),
            text("test"),
            Value::Int(7)
        ]))
    );
    assert_eq!(
        c.raise.as_ref().unwrap().message,
        "Не могу подключиться к маршрутизатор-1"
    );
    // A rename that would push a text over the core's limit is refused.
    accepted(
        &mut p,
        Edit::Print {
            co: 2,
            step: 0,
            text: "3 ".repeat(400),
        },
    );
    refused(
        &mut p,
        Edit::Rename {
            co: 2,
            name: "three".into(),
        },
        Problem::TextTooLong {
            field: Field::Step {
                name: "three".into(),
                step: 0,
            },
            chars: 2400,
            max: 1000,
        },
    );
}

#[test]
fn a_new_coroutine_copies_its_neighbours_shape() {
    let mut p = book();
    accepted(&mut p, Edit::Add);
    let c = &p.coroutines[4];
    assert_eq!(c.name, "8", "the next number after the largest");
    assert_eq!(
        steps(&p, 4),
        vec![
            Step::Print("Подключаюсь к 8".into()),
            Step::Sleep(7.0),
            Step::Print("Отправляю команду test на устройство 8".into()),
            Step::Sleep(1.0),
            Step::Return(text("test 8")),
        ]
    );
    assert_eq!(function_names(&p.top_scenario()), vec![SHARED; 5]);
    // Another pattern, and none.
    accepted(
        &mut p,
        Edit::Rename {
            co: 4,
            name: "r8".into(),
        },
    );
    accepted(&mut p, Edit::Add);
    assert_eq!(p.coroutines[5].name, "c1");
    assert_eq!(steps(&p, 5)[4], Step::Return(text("test c1")));
    // A raising neighbour lends its steps, not its raise.
    accepted(
        &mut p,
        Edit::Raise {
            co: 5,
            after_sleep: Some(0),
        },
    );
    accepted(&mut p, Edit::Add);
    assert_eq!(p.coroutines[6].name, "c2");
    assert_eq!(p.coroutines[6].raise, None);
    assert_eq!(steps(&p, 6).len(), 5);
}
