//! `main()` catching its runner's exception and sleeping on: the option of each program,
//! its refusals, its share link, and what the learner then sees.

use super::*;
use asyncio_playground::web::timeline::Mark;

fn linger_on(p: &mut Playground, program: ProgramId) {
    p.reduce(Action::Options(OptionEdit::LingerOn { program, on: true }));
}

fn linger(p: &mut Playground, program: ProgramId, text: &str) {
    let text = text.to_string();
    p.reduce(Action::Options(OptionEdit::Linger { program, text }));
}

#[test]
fn each_program_switches_it_on_sets_it_and_refuses_a_bad_value() {
    let mut p = Playground::new(Lang::En);
    assert_eq!(p.linger, PerProgram::new(None, None));
    linger_on(&mut p, ProgramId::Top);
    assert_eq!(
        p.top_scenario().main.linger,
        Some(5.0),
        "5 s when switched on"
    );
    assert_eq!(p.bottom_scenario().main.linger, None);
    linger(&mut p, ProgramId::Bottom, "2.5");
    assert_eq!(p.bottom_scenario().main.linger, Some(2.5));
    assert_eq!(p.top_scenario().main.linger, Some(5.0));

    for (text, said) in [
        (
            "abc",
            "Program 2: main() sleeps on: \"abc\" is not a number",
        ),
        ("-1", "Program 2: main() sleeps on"),
    ] {
        let before = p.scenarios();
        linger(&mut p, ProgramId::Bottom, text);
        let notice = p.notice.clone().expect("refused");
        assert!(
            matches!(
                &notice,
                Problem::NotANumber {
                    field: Field::Linger(ProgramId::Bottom),
                    ..
                } | Problem::OutOfRange {
                    field: Field::Linger(ProgramId::Bottom),
                    ..
                }
            ),
            "{notice:?}"
        );
        assert!(
            notice.message(Lang::En).starts_with(said),
            "{}",
            notice.message(Lang::En)
        );
        assert_eq!(p.scenarios(), before, "kept as it was");
    }
    let mut ru = Playground::new(Lang::Ru);
    linger(&mut ru, ProgramId::Top, "x");
    let message = ru.notice.expect("refused").message(Lang::Ru);
    assert!(
        message.starts_with("Программа 1: main() спит дальше"),
        "{message}"
    );

    p.reduce(Action::Options(OptionEdit::LingerOn {
        program: ProgramId::Top,
        on: false,
    }));
    assert_eq!(p.top_scenario().main.linger, None);
    assert_eq!(p.notice, None);
}

#[test]
fn a_link_keeps_both_and_an_old_link_opens_without() {
    let mut p = Playground::new(Lang::En);
    linger(&mut p, ProgramId::Top, "1.5");
    linger(&mut p, ProgramId::Bottom, "3");
    let q = decode(&encode(&p), Lang::En).unwrap().unwrap();
    assert_eq!(q.linger, PerProgram::new(Some(1.5), Some(3.0)));
    assert_eq!(q.scenarios(), p.scenarios());
    assert_eq!(encode(&q), encode(&p));

    // A link made before the option: no top_linger, no linger in its scenario.
    let old = r#"{"scenario": {"coroutines": [{"name": "a", "steps": [{"sleep": 1}]}],
        "main": {"runner": "as_completed"}}, "return_exceptions": true, "python": "3.12"}"#;
    let q = decode(&format!("#v1={}", b64_encode(old.as_bytes())), Lang::En)
        .unwrap()
        .unwrap();
    assert_eq!(q.linger, PerProgram::new(None, None));
    let data = String::from_utf8(b64_decode(&encode(&q)[3..]).unwrap()).unwrap();
    assert!(!data.contains("linger"), "written only when set: {data}");
}

#[test]
fn a_bad_linger_in_a_link_is_refused_naming_the_field() {
    let link = |top: &str, main: &str| {
        let json = format!(
            r#"{{"scenario": {{"coroutines": [{{"name": "a", "steps": []}}], "main": {main}}}{top}}}"#
        );
        format!("#v1={}", b64_encode(json.as_bytes()))
    };
    let plain = r#"{"runner": "as_completed"}"#;
    let cases = [
        (
            link(r#", "top_linger": -1"#, plain),
            "top_linger: must be a number of seconds from 0 to 1000000",
        ),
        (
            link(r#", "top_linger": "5""#, plain),
            "top_linger: must be a number of seconds",
        ),
        (
            link(r#", "top_linger": 1e9"#, plain),
            "top_linger: must be a number of seconds",
        ),
        (
            link("", r#"{"runner": "as_completed", "linger": -2}"#),
            "scenario.main.linger: must be ≥ 0, got -2",
        ),
    ];
    for (hash, expected) in &cases {
        let err = decode(hash, Lang::En).unwrap_err();
        assert!(
            err.message(Lang::En).starts_with(expected),
            "{}",
            err.message(Lang::En)
        );
    }
    assert!(matches!(
        decode(&cases[0].0, Lang::En),
        Err(LinkError::TopLinger)
    ));
}

#[test]
fn book_two_with_a_lingering_top_shows_five_and_seven_return() {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Open(Open::Preset("book-2-gather-exception".into())));
    let ends = |p: &Playground| -> Vec<(String, Option<Mark>)> {
        let top = &p.derived.programs.top;
        top.lanes[..4]
            .iter()
            .map(|l| (l.name.clone(), l.items.last().map(|i| i.mark.clone())))
            .collect()
    };
    assert!(
        matches!(ends(&p)[0].1, Some(Mark::Cancelled { .. })),
        "{:?}",
        ends(&p)
    );
    linger_on(&mut p, ProgramId::Top);
    let ends = ends(&p);
    assert_eq!(
        ends[0],
        ("5".into(), Some(Mark::Returned("'test 5'".into())))
    );
    assert_eq!(
        ends[3],
        ("7".into(), Some(Mark::Returned("'test 7'".into())))
    );
    let top = &p.derived.programs.top;
    assert_eq!(
        gather_result(&p),
        "OSError: Не могу подключиться к 3",
        "gather still raised"
    );
    let console = top.console_lines(top.events_len());
    assert!(console.iter().any(|l| l.t == 3.0
        && l.text == "main() caught OSError('Не могу подключиться к 3')"
        && !l.unspecified_order));
    assert_eq!(top.raised(top.events_len()), None);
    assert_eq!(top.end_time(), 8.0);
    assert!(
        top.python.contains("    except Exception as error:\n"),
        "{}",
        top.python
    );
    // The bottom program (as_completed) is as it was.
    assert_eq!(p.bottom_scenario().main.linger, None);
}
