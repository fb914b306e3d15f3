//! The playground's pure layer (model + reducer, derived timeline, share links), natively.

use asyncio_playground::core::scenario::RunnerKind;
use asyncio_playground::core::Scenario;
use asyncio_playground::web::i18n::Lang;
use asyncio_playground::web::model::options::result_heading;
use asyncio_playground::web::model::{bottom_runner, bottom_runners};
use asyncio_playground::web::model::{
    Action, Command, Control, Drift, Edit, Key, LiveMsg, Open, OptionEdit, Play, Playback,
    Playground, Pref, RunPlan, MAX_EDITOR_COROUTINES, PRESETS,
};
use asyncio_playground::web::problem::{Field, LinkError, Problem};
use asyncio_playground::web::program::{PerProgram, ProgramId};
use asyncio_playground::web::share::{self, b64_decode, b64_encode, decode, encode, MAX_HASH};
use asyncio_playground::web::timeline::ResultKind;

fn gather_result(p: &Playground) -> String {
    let top = &p.derived.programs.top;
    match top
        .awaited(top.events_len())
        .expect("gather returned or raised")
    {
        Ok(v) => v.py_repr(),
        Err(e) => e.traceback_line(),
    }
}

/// The as_completed items (or any runner's results panel lines) at the end.
fn yielded(p: &Playground) -> Vec<String> {
    let bottom = &p.derived.programs.bottom;
    bottom
        .result_items(bottom.events_len())
        .into_iter()
        .map(|(text, _)| text)
        .collect()
}

#[test]
fn starts_on_the_books_first_example() {
    let p = Playground::new(Lang::En);
    assert_eq!(p.preset, "book-1-gather");
    let names: Vec<&str> = p.coroutines.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, ["5", "2", "3", "7"]);
    assert_eq!(
        gather_result(&p),
        "['test 5', 'test 2', 'test 3', 'test 7']"
    );
    assert_eq!(
        yielded(&p),
        ["'test 2'", "'test 3'", "'test 5'", "'test 7'"]
    );
    assert_eq!(
        p.playback,
        Playback::Cursor(p.derived.events_len()),
        "opens showing the whole prediction"
    );
    assert_eq!(p.derived.axis_end, 8.0);
}

#[test]
fn a_slider_reorders_as_completed_but_not_gather() {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Edit(Edit::Sleep {
        co: 3,
        k: 1,
        text: "0.5".into(),
    }));
    assert_eq!(
        gather_result(&p),
        "['test 5', 'test 2', 'test 3', 'test 7']"
    );
    assert_eq!(
        yielded(&p),
        ["'test 7'", "'test 2'", "'test 3'", "'test 5'"]
    );
}

#[test]
fn raising_in_the_first_example_gives_the_books_second_and_third() {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Edit(Edit::Raise {
        co: 2,
        after_sleep: Some(1),
    }));
    let book2 = Scenario::from_json(PRESETS[1].1).unwrap();
    assert_eq!(p.top_scenario(), book2);
    assert_eq!(gather_result(&p), "OSError: Не могу подключиться к 3");
    p.reduce(Action::Options(OptionEdit::ReturnExceptions(true)));
    assert_eq!(
        gather_result(&p),
        "['test 5', 'test 2', OSError('Не могу подключиться к 3'), 'test 7']"
    );
    // "does not raise" again restores the steps the raise had cut off.
    p.reduce(Action::Edit(Edit::Raise {
        co: 2,
        after_sleep: None,
    }));
    assert_eq!(
        gather_result(&p),
        "['test 5', 'test 2', 'test 3', 'test 7']"
    );
}

#[test]
fn a_preset_is_the_whole_screen_whatever_came_before() {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Open(Open::Preset("as-completed-timeout".into())));
    assert_eq!(p.bottom.runner, RunnerKind::AsCompleted);
    assert_eq!(p.bottom.options.timeout, Some(4.0));
    assert_eq!(yielded(&p), ["'task 1'", "'task 5'", "TimeoutError"]);
    p.reduce(Action::Open(Open::Preset(
        "book-3-return-exceptions".into(),
    )));
    assert!(p.return_exceptions);
    assert_eq!(
        p.bottom.options.timeout, None,
        "a preset is the whole screen: nothing left from the one before"
    );
    p.reduce(Action::Open(Open::Preset("book-5-pipeline".into())));
    assert_eq!(p.bottom.runner, RunnerKind::AsCompletedPipeline);
    assert!(
        !p.return_exceptions,
        "book 3's return_exceptions does not stay"
    );
    // The same preset gives the same screen from anywhere.
    let mut fresh = Playground::new(Lang::En);
    fresh.reduce(Action::Open(Open::Preset("book-5-pipeline".into())));
    assert_eq!(encode(&p), encode(&fresh));
    assert!(
        p.derived.programs.bottom.lanes.len() > 5,
        "writer lanes appear"
    );
    p.reduce(Action::Open(Open::Preset("no-such-preset".into())));
    assert_eq!(p.preset, "book-5-pipeline");
    assert_eq!(
        p.notice.map(|n| n.message(Lang::En)),
        Some("Preset: \"no-such-preset\" is not one of the choices".into())
    );
}

#[test]
fn editing_coroutines() {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Edit(Edit::Rename {
        co: 0,
        name: "2".into(),
    }));
    assert_eq!(p.coroutines[0].name, "5", "a taken name is refused");
    p.reduce(Action::Edit(Edit::Rename {
        co: 0,
        name: "  ".into(),
    }));
    assert_eq!(p.coroutines[0].name, "5", "an empty name is refused");
    p.reduce(Action::Edit(Edit::Rename {
        co: 0,
        name: "r1".into(),
    }));
    assert_eq!(p.coroutines[0].name, "r1");
    p.reduce(Action::Edit(Edit::Add));
    assert_eq!(p.coroutines.len(), 5);
    assert_eq!(p.coroutines[4].name, "c1");
    assert_eq!(
        p.derived.programs.top.lanes.len(),
        6,
        "five coroutines and main()"
    );
    p.reduce(Action::Edit(Edit::Remove(0)));
    assert_eq!(p.coroutines.len(), 4);
    for _ in 0..4 {
        p.reduce(Action::Edit(Edit::Remove(0)));
    }
    assert_eq!(p.coroutines.len(), 1, "the last coroutine stays");
}

#[test]
fn playback_cursor_walks_the_merged_events() {
    let mut p = Playground::new(Lang::En);
    let n = p.derived.events_len();
    p.reduce(Action::Playback(Play::Reset));
    assert_eq!(p.cursor(), 0);
    p.reduce(Action::Playback(Play::Back));
    assert_eq!(p.cursor(), 0);
    p.reduce(Action::Playback(Play::Step));
    assert_eq!(p.cursor(), 1);
    p.reduce(Action::Playback(Play::ToEnd));
    assert_eq!(p.cursor(), n);
    p.reduce(Action::Playback(Play::Step));
    assert_eq!(p.cursor(), n);
    // Merged order is by time; the gather result appears only at its time.
    let top = &p.derived.programs.top;
    let c = (0..=n)
        .find(|&c| top.awaited(p.derived.counts_at(c).top).is_some())
        .unwrap();
    assert_eq!(p.derived.time_at(c), 8.0);
    for c in 1..n {
        assert!(p.derived.time_at(c) <= p.derived.time_at(c + 1));
    }
}

#[test]
fn narration_says_what_happened_and_who_gather_waits_for() {
    let p = Playground::new(Lang::En);
    let d = &p.derived;
    let c = (1..=d.events_len())
        .find(|&c| d.narrate(c, Lang::En).contains("returned 'test 2'"))
        .expect("some cursor narrates test 2's return");
    assert_eq!(
        d.narrate(c, Lang::En),
        "asyncio.gather, t=3.0 s: 2 returned 'test 2'; gather still waits for 5, 3, 7"
    );
}

#[test]
fn a_stale_live_run_cannot_touch_the_state() {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Live(LiveMsg::Started {
        run_id: 1,
        from: PerProgram::default(),
        from_t: 0.0,
    }));
    p.reduce(Action::Live(LiveMsg::Started {
        run_id: 2,
        from: PerProgram::default(),
        from_t: 0.0,
    }));
    let before = p.clone();
    p.reduce(Action::Live(LiveMsg::Events {
        run_id: 1,
        program: ProgramId::Top,
        count: 5,
        t: 0.0,
        predicted_ms: 0.0,
        real_ms: 1.0,
    }));
    p.reduce(Action::Live(LiveMsg::Frame {
        run_id: 1,
        now: 3.0,
    }));
    p.reduce(Action::Live(LiveMsg::Done { run_id: 1 }));
    assert_eq!(p, before);
    p.reduce(Action::Live(LiveMsg::Events {
        run_id: 2,
        program: ProgramId::Top,
        count: 5,
        t: 0.0,
        predicted_ms: 0.0,
        real_ms: 1.5,
    }));
    assert_eq!(p.cursor(), 5);
    p.reduce(Action::Live(LiveMsg::Done { run_id: 2 }));
    assert_eq!(p.cursor(), p.derived.events_len());
    assert_eq!(p.drift.unwrap().max_ms, 1.5);
    // An edit during a run ends it.
    p.reduce(Action::Live(LiveMsg::Started {
        run_id: 3,
        from: PerProgram::default(),
        from_t: 0.0,
    }));
    p.reduce(Action::Options(OptionEdit::ReturnExceptions(true)));
    assert!(p.live().is_none());
}

#[test]
fn run_goes_on_from_the_cursor_or_the_live_moment_or_starts_over() {
    let mut p = Playground::new(Lang::En);
    let at_end = p.run_plan(1.0, false);
    assert_eq!(
        (at_end.from, at_end.from_t),
        (PerProgram::default(), 0.0),
        "at the end, Run starts over"
    );
    p.reduce(Action::Playback(Play::Seek(10)));
    let plan = p.run_plan(5.0, false);
    assert_eq!(
        plan.from,
        p.derived.counts_at(10),
        "after stepping, Run goes on from there"
    );
    assert_eq!(plan.from_t, p.derived.time_at(10));
    assert_eq!(plan.speed, 5.0);
    assert_eq!(plan.scenarios, p.scenarios());
    assert_eq!(
        p.run_plan(1.0, true).from,
        PerProgram::default(),
        "Run during a run starts over"
    );
    p.reduce(Action::Live(LiveMsg::Started {
        run_id: 1,
        from: plan.from,
        from_t: plan.from_t,
    }));
    assert_eq!(p.cursor(), 10);
    // Mid-run, 1.57 s in (the last event was at 0.0): a new speed goes on from 1.57 s.
    p.reduce(Action::Live(LiveMsg::Frame {
        run_id: 1,
        now: 1.57,
    }));
    let faster = p.run_plan(10.0, false);
    assert_eq!(faster.from, plan.from);
    assert_eq!(faster.from_t, 1.57);
}

#[test]
fn drift_max_and_p99() {
    let samples: Vec<f64> = (1..=200).map(f64::from).collect();
    let d = Drift::of(1, &samples).unwrap();
    assert_eq!((d.max_ms, d.p99_ms, d.events), (200.0, 198.0, 200));
    assert_eq!(Drift::of(1, &[]), None);
    assert_eq!(Drift::of(1, &[-3.0, 1.0]).unwrap().max_ms, 3.0);
}

#[test]
fn base64url_round_trips() {
    for len in 0..40u8 {
        let bytes: Vec<u8> = (0..len)
            .map(|i| i.wrapping_mul(37).wrapping_add(200))
            .collect();
        assert_eq!(b64_decode(&b64_encode(&bytes)).unwrap(), bytes);
    }
    assert_eq!(b64_encode(b"hi?"), "aGk_");
    assert_eq!(b64_decode("a"), None);
    assert_eq!(b64_decode("ab$c"), None);
}

#[test]
fn share_link_round_trips() {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Edit(Edit::Sleep {
        co: 1,
        k: 2,
        text: "2.5".into(),
    }));
    p.reduce(Action::Edit(Edit::Raise {
        co: 0,
        after_sleep: Some(1),
    }));
    p.reduce(Action::Options(OptionEdit::ReturnExceptions(true)));
    p.reduce(Action::Options(OptionEdit::Timeout("3.5".into())));
    p.reduce(Action::Options(OptionEdit::Runner(RunnerKind::Wait)));
    p.reduce(Action::Options(OptionEdit::Limit(Some(2))));
    p.reduce(Action::Prefs(Pref::Speed(5.0)));
    let hash = encode(&p);
    let q = decode(&format!("#{hash}"), Lang::En).unwrap().unwrap();
    assert_eq!(q.top_scenario(), p.top_scenario());
    assert_eq!(q.bottom_scenario(), p.bottom_scenario());
    assert_eq!(q.speed, 5.0);
    assert_eq!(encode(&q), hash);
    assert_eq!(decode("", Lang::En).unwrap(), None);
    assert_eq!(decode("#", Lang::En).unwrap(), None);
}

#[test]
fn hostile_links_are_refused_with_a_reason() {
    let enc = |json: &str| format!("#v1={}", b64_encode(json.as_bytes()));
    let cases = [
        ("#hello".to_string(), "not a playground link"),
        ("#v1=%%%".to_string(), "not valid base64url"),
        (format!("#v1={}", b64_encode(&[0xff, 0xfe])), "not UTF-8"),
        (enc("[1,"), "the link is cut off"),
        (enc("{1: 2}"), "not valid JSON"),
        (enc("[]"), "must be a JSON object"),
        (enc(r#"{"scenario": 1, "x": 2}"#), "x: unknown field"),
        (enc(r#"{"speed": 1}"#), "scenario: missing"),
        (
            enc(
                r#"{"scenario": {"coroutines": [{"name": "a", "steps": [{"sleep": -1}]}], "main": {"runner": "as_completed"}}}"#,
            ),
            "scenario.coroutines[0].steps[0].sleep: must be ≥ 0, got -1",
        ),
        (
            enc(
                r#"{"scenario": {"coroutines": [{"name": "a", "steps": []}], "main": {"runner": "gather"}}}"#,
            ),
            "cannot be gather",
        ),
        (
            enc(
                r#"{"scenario": {"coroutines": [{"name": "a", "steps": []}], "main": {"runner": "sequential"}}, "speed": 1e9}"#,
            ),
            "speed: must be",
        ),
        (format!("#v1={}", "A".repeat(MAX_HASH)), "too long"),
    ];
    for (hash, expected) in cases {
        let err = decode(&hash, Lang::En).unwrap_err().message(Lang::En);
        assert!(err.contains(expected), "{hash:.60}: {err}");
    }
}

#[test]
fn a_script_in_a_name_stays_text() {
    let json = r#"{"scenario": {"coroutines": [{"name": "<img src=x onerror=alert(1)>", "steps": [{"print": "<b>hi</b>"}]}], "main": {"runner": "as_completed"}}}"#;
    let p = decode(&format!("#v1={}", b64_encode(json.as_bytes())), Lang::En)
        .unwrap()
        .unwrap();
    assert_eq!(p.coroutines[0].name, "<img src=x onerror=alert(1)>");
    assert_eq!(
        p.derived.programs.top.console_lines(99)[0].text,
        "<b>hi</b>"
    );
}

#[test]
fn console_marks_lines_whose_order_cpython_leaves_unspecified() {
    let p = Playground::new(Lang::En);
    let top = p.derived.programs.top.console_lines(usize::MAX);
    assert!(
        top.iter().all(|l| !l.unspecified_order),
        "gather starts in argument order"
    );
    let bottom = p.derived.programs.bottom.console_lines(usize::MAX);
    let marked: Vec<&str> = bottom
        .iter()
        .filter(|l| l.unspecified_order)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(
        marked,
        [
            "Подключаюсь к 5",
            "Подключаюсь к 2",
            "Подключаюсь к 3",
            "Подключаюсь к 7"
        ]
    );
    assert!(p.derived.programs.bottom.has_unspecified_order());
}

#[test]
fn the_timeout_is_on_the_shared_axis() {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Options(OptionEdit::Timeout("9.5".into())));
    assert_eq!(
        p.derived.axis_end, 9.5,
        "a deadline after every event widens the axis"
    );
    p.reduce(Action::Options(OptionEdit::Timeout("-1".into())));
    assert_eq!(
        p.bottom.options.timeout,
        Some(9.5),
        "a negative timeout is refused"
    );
}

/// What a refused input must leave alone: both programs, the speed and the options.
fn scenario_of(p: &Playground) -> (String, f64) {
    (encode(p), p.speed)
}

#[test]
fn every_invalid_input_is_refused_with_a_message_and_the_scenario_kept() {
    let sleep = |text: &str| {
        Action::Edit(Edit::Sleep {
            co: 0,
            k: 1,
            text: text.into(),
        })
    };
    let field = Field::Sleep {
        name: "5".into(),
        k: 1,
    };
    let not_a_number = |text: &str| Problem::NotANumber {
        field: field.clone(),
        text: text.into(),
    };
    let out_of_range = |text: &str| Problem::OutOfRange {
        field: field.clone(),
        text: text.into(),
        min: 0.0,
        max: 1_000_000.0,
    };
    let timeout_field = Field::Timeout("as_completed");
    let long_name = "n".repeat(41);
    let runner =
        asyncio_playground::web::model::choice(Field::Runner, "race".into(), bottom_runner);
    let cases: Vec<(Action, Problem)> = vec![
        (sleep("abc"), not_a_number("abc")),
        (sleep(""), not_a_number("")),
        (sleep("NaN"), not_a_number("NaN")),
        (sleep("inf"), out_of_range("inf")),
        (sleep("1e309"), out_of_range("1e309")),
        (sleep("-1"), out_of_range("-1")),
        (sleep("1e308"), out_of_range("1e308")),
        (sleep("1000000.01"), out_of_range("1000000.01")),
        (
            Action::Options(OptionEdit::Timeout("-0.5".into())),
            Problem::OutOfRange {
                field: timeout_field.clone(),
                text: "-0.5".into(),
                min: 0.0,
                max: 1_000_000.0,
            },
        ),
        (
            Action::Options(OptionEdit::Timeout("soon".into())),
            Problem::NotANumber {
                field: timeout_field,
                text: "soon".into(),
            },
        ),
        (
            Action::Edit(Edit::Sleep {
                co: 9,
                k: 1,
                text: "1".into(),
            }),
            Problem::NoCoroutine(9),
        ),
        (
            Action::Edit(Edit::Sleep {
                co: 0,
                k: 9,
                text: "1".into(),
            }),
            Problem::NoSleep {
                name: "5".into(),
                k: 9,
            },
        ),
        (
            Action::Edit(Edit::Raise {
                co: 0,
                after_sleep: Some(9),
            }),
            Problem::UnknownChoice {
                field: Field::Raises("5".into()),
                value: "9".into(),
            },
        ),
        (
            Action::Edit(Edit::Rename {
                co: 1,
                name: " ".into(),
            }),
            Problem::NameEmpty { co: 1 },
        ),
        (
            Action::Edit(Edit::Rename {
                co: 1,
                name: "5".into(),
            }),
            Problem::NameTaken {
                co: 1,
                name: "5".into(),
            },
        ),
        (
            Action::Edit(Edit::Rename {
                co: 1,
                name: long_name,
            }),
            Problem::NameTooLong {
                co: 1,
                chars: 41,
                max: 40,
            },
        ),
        (Action::Edit(Edit::Remove(4)), Problem::NoCoroutine(4)),
        (
            Action::Options(OptionEdit::Limit(Some(0))),
            Problem::UnknownChoice {
                field: Field::Limit,
                value: "0".into(),
            },
        ),
        (
            Action::Prefs(Pref::Speed(0.3)),
            Problem::UnknownChoice {
                field: Field::Speed,
                value: "0.3".into(),
            },
        ),
        (
            Action::or_notice(runner.map(|r| Action::Options(OptionEdit::Runner(r)))),
            Problem::UnknownChoice {
                field: Field::Runner,
                value: "race".into(),
            },
        ),
    ];
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Options(OptionEdit::Timeout("2".into())));
    let before = scenario_of(&p);
    for (action, problem) in cases {
        let shown = format!("{action:?}");
        p.reduce(action);
        assert_eq!(scenario_of(&p), before, "{shown:.80} changed the scenario");
        assert_eq!(p.notice.as_ref(), Some(&problem), "{shown:.80}");
        for lang in [Lang::En, Lang::Ru] {
            assert!(problem.message(lang).len() > 10, "{shown:.80}: {lang:?}");
        }
    }
    // An accepted edit ends the message.
    p.reduce(sleep("2"));
    assert_eq!(p.notice, None);
}

#[test]
fn typed_seconds_are_read_as_a_learner_means_them() {
    let mut p = Playground::new(Lang::En);
    let mut set = |text: &str| {
        p.reduce(Action::Edit(Edit::Sleep {
            co: 0,
            k: 1,
            text: text.into(),
        }));
        assert_eq!(p.notice, None, "{text}");
        p.top_scenario().coroutines[0].steps[1].clone()
    };
    use asyncio_playground::core::scenario::Step;
    assert_eq!(set(" 2 "), Step::Sleep(2.0));
    assert_eq!(
        set("0.004"),
        Step::Sleep(0.004),
        "kept as typed, not rounded"
    );
    assert_eq!(set("1e6"), Step::Sleep(1_000_000.0), "the cap itself");
    let Step::Sleep(zero) = set("-0") else {
        panic!("a sleep")
    };
    assert!(zero.is_sign_positive(), "-0 is 0, not sleep(-0.0)");
}

#[test]
fn the_editor_holds_a_limited_number_of_coroutines_and_at_least_one() {
    let mut p = Playground::new(Lang::En);
    while p.coroutines.len() < MAX_EDITOR_COROUTINES {
        p.reduce(Action::Edit(Edit::Add));
        assert_eq!(p.notice, None);
    }
    let full = scenario_of(&p);
    p.reduce(Action::Edit(Edit::Add));
    assert_eq!(scenario_of(&p), full);
    assert_eq!(
        p.notice,
        Some(Problem::TooManyCoroutines {
            max: MAX_EDITOR_COROUTINES,
            have: MAX_EDITOR_COROUTINES
        })
    );
    while p.coroutines.len() > 1 {
        p.reduce(Action::Edit(Edit::Remove(0)));
    }
    let last = scenario_of(&p);
    p.reduce(Action::Edit(Edit::Remove(0)));
    assert_eq!(scenario_of(&p), last);
    assert_eq!(p.notice, Some(Problem::LastCoroutine));
}

#[test]
fn a_link_pasted_into_an_open_page_opens_or_says_why_and_keeps_the_screen() {
    let mut p = Playground::new(Lang::Ru);
    p.reduce(Action::Options(OptionEdit::ReturnExceptions(true)));
    let before = scenario_of(&p);
    // A 1 MB link, and one that is not a playground link.
    for hash in [format!("#v1={}", "A".repeat(1 << 20)), "#hello".into()] {
        let action = share::opened(&hash, Lang::Ru).expect("a message");
        p.reduce(action);
        assert_eq!(scenario_of(&p), before);
        match &p.notice {
            Some(Problem::BadLink { kept: true, .. }) => {
                let m = p.notice.as_ref().unwrap().message(Lang::Ru);
                assert!(m.contains("сохранён"), "{m}");
                assert!(
                    m.contains("ссылка слишком длинная") || m.contains("не ссылка песочницы"),
                    "the reason in Russian too: {m}"
                );
            }
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(
        share::opened("#", Lang::Ru),
        None,
        "an empty hash opens nothing"
    );
    // A good link opens; the learner's language stays.
    let mut q = Playground::new(Lang::En);
    q.reduce(Action::Open(Open::Preset("book-5-pipeline".into())));
    p.reduce(share::opened(&format!("#{}", encode(&q)), Lang::En).unwrap());
    assert_eq!(p.bottom_scenario(), q.bottom_scenario());
    assert_eq!(p.lang, Lang::Ru);
    assert_eq!(p.notice, None);
}

#[test]
fn the_first_load_of_a_broken_link_shows_the_default_and_why() {
    let p = share::initial("#v1=%%%", Lang::En);
    assert_eq!(scenario_of(&p), scenario_of(&Playground::new(Lang::En)));
    let m = p.notice.expect("a message").message(Lang::En);
    assert!(m.starts_with("This link could not be opened, so the default example is shown: the link's data is not valid base64url"), "{m}");
}

#[test]
fn a_decimal_comma_is_read_in_russian_and_refused_in_english() {
    let sleep = |text: &str| {
        Action::Edit(Edit::Sleep {
            co: 0,
            k: 1,
            text: text.into(),
        })
    };
    let mut ru = Playground::new(Lang::Ru);
    ru.reduce(sleep("1,5"));
    assert_eq!(ru.notice, None);
    assert_eq!(ru.coroutines[0].sleeps()[0], 1.5);
    // In English "1,000" is a thousand: read as 1.0 it would silently be wrong.
    let mut en = Playground::new(Lang::En);
    let before = en.clone();
    en.reduce(sleep("1,000"));
    assert!(matches!(en.notice, Some(Problem::NotANumber { .. })));
    en.notice = None;
    assert_eq!(en, before);
}

#[test]
fn an_edit_that_changes_nothing_keeps_the_prediction_and_the_live_run() {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Live(LiveMsg::Started {
        run_id: 1,
        from: PerProgram::default(),
        from_t: 0.0,
    }));
    let derived = p.derived.clone();
    p.reduce(Action::Edit(Edit::Sleep {
        co: 0,
        k: 1,
        text: "5.0".into(),
    }));
    p.reduce(Action::Edit(Edit::Rename {
        co: 0,
        name: " 5 ".into(),
    }));
    assert!(
        std::rc::Rc::ptr_eq(&p.derived, &derived),
        "not re-predicted"
    );
    assert!(p.live().is_some(), "the live run goes on");
    p.reduce(Action::Edit(Edit::Sleep {
        co: 0,
        k: 1,
        text: "4".into(),
    }));
    assert!(!std::rc::Rc::ptr_eq(&p.derived, &derived));
    assert!(p.live().is_none(), "a real edit ends the run");
}

#[test]
fn runners_without_a_timeout_refuse_one_and_wait_for_does_not_leak_its_default() {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Options(OptionEdit::Runner(RunnerKind::TaskGroup)));
    let before = p.clone();
    p.reduce(Action::Options(OptionEdit::Timeout("3".into())));
    assert_eq!(
        p.notice.take().map(|n| n.message(Lang::En)),
        Some("asyncio.TaskGroup takes no timeout".into())
    );
    assert_eq!(p, before);
    // wait_for always has a timeout (4 s unless set); back on as_completed there is none.
    p.reduce(Action::Options(OptionEdit::Runner(
        RunnerKind::WaitForGather,
    )));
    assert_eq!(p.bottom_scenario().main.runner.timeout(), Some(4.0));
    p.reduce(Action::Options(OptionEdit::Runner(RunnerKind::AsCompleted)));
    assert_eq!(p.bottom_scenario().main.runner.timeout(), None);
}

/// The results panel of each runner, as the program's `main()` gets it.
fn results(p: &Playground) -> Vec<(String, ResultKind)> {
    let bottom = &p.derived.programs.bottom;
    bottom.result_items(bottom.events_len())
}

#[test]
fn every_runner_fills_its_results_panel_as_its_main_gets_them() {
    use ResultKind::{Exception, Pending, Value};
    let s = |text: &str, kind| (text.to_string(), kind);
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Edit(Edit::Raise {
        co: 2,
        after_sleep: Some(1),
    }));
    // wait with FIRST_EXCEPTION: 3 raises at 3 s, 2 is done, 5 and 7 are pending.
    p.reduce(Action::Options(OptionEdit::Runner(RunnerKind::Wait)));
    p.reduce(Action::Options(OptionEdit::ReturnWhen(
        asyncio_playground::core::scenario::ReturnWhen::FirstException,
    )));
    assert_eq!(
        results(&p),
        [
            s("5: pending", Pending),
            s("2: 'test 2'", Value),
            s("3: OSError('Не могу подключиться к 3')", Exception),
            s("7: pending", Pending),
        ]
    );
    // The same lines the program prints.
    let printed: Vec<String> = p
        .derived
        .programs
        .bottom
        .console_lines(usize::MAX)
        .into_iter()
        .map(|l| l.text)
        .filter(|l| l.contains(": "))
        .collect();
    assert_eq!(
        printed,
        results(&p).into_iter().map(|r| r.0).collect::<Vec<_>>()
    );
    p.reduce(Action::Edit(Edit::Raise {
        co: 2,
        after_sleep: None,
    }));
    p.reduce(Action::Options(OptionEdit::Runner(RunnerKind::Sequential)));
    assert_eq!(
        results(&p),
        ["'test 5'", "'test 2'", "'test 3'", "'test 7'"].map(|v| s(v, Value)),
        "one line per await"
    );
    p.reduce(Action::Options(OptionEdit::Runner(RunnerKind::TaskGroup)));
    assert_eq!(
        results(&p),
        [s("['test 5', 'test 2', 'test 3', 'test 7']", Value)],
        "the tasks' results, not the None of `async with`"
    );
    // wait_for's 4 s default ends the 8 s gather.
    p.reduce(Action::Options(OptionEdit::Runner(
        RunnerKind::WaitForGather,
    )));
    assert_eq!(results(&p), [s("TimeoutError", Exception)]);
    assert_eq!(
        result_heading(RunnerKind::Wait, Lang::En),
        "asyncio.wait result"
    );
}

#[test]
fn a_pasted_link_survives_trailing_space_and_says_when_it_was_cut_off() {
    let p = Playground::new(Lang::En);
    let link = format!("#{}", encode(&p));
    for tail in [" ", "%20", "%0A", "\n", "%20%20", "%0D%0A", "%0a"] {
        let opened = decode(&format!("{link}{tail}"), Lang::En);
        assert!(matches!(opened, Ok(Some(_))), "{tail:?}: {opened:?}");
    }
    // Cut anywhere in its data, a link says it was cut off (not "not base64", "not UTF-8").
    let data_start = link.find("v1=").unwrap() + 4;
    for end in data_start..link.len() {
        let err = decode(&link[..end], Lang::Ru).unwrap_err();
        assert_eq!(err, LinkError::CutOff, "cut at {end} of {}", link.len());
    }
    let err = decode(&link[..link.len() - 10], Lang::Ru).unwrap_err();
    assert!(err.message(Lang::Ru).contains("обрезана"));
}

// ---- Playback controls and keys: what they do is decided from the state alone. ----

/// The state with a native stand-in for the browser's player: actions go to the reducer, a
/// started run reports `Started` (run ids count up from 1).
struct Page {
    p: Playground,
    runs: u64,
}

impl Page {
    fn new() -> Page {
        Page {
            p: Playground::new(Lang::En),
            runs: 0,
        }
    }

    /// Carries out what the control does now; returns the commands for the run's handle.
    fn control(&mut self, control: Control) -> Vec<Command> {
        let mut effects = Vec::new();
        for command in self.p.on_control(control) {
            match command {
                Command::Do(action) => self.p.reduce(action),
                Command::StartRun(plan) => {
                    self.runs += 1;
                    self.p.reduce(Action::Live(LiveMsg::Started {
                        run_id: self.runs,
                        from: plan.from,
                        from_t: plan.from_t,
                    }));
                    effects.push(Command::StartRun(plan));
                }
                other => effects.push(other),
            }
        }
        effects
    }

    fn key(&mut self, key: Key) -> Vec<Command> {
        self.control(self.p.control_for(key))
    }

    fn frame(&mut self, now: f64) {
        let run_id = self.runs;
        self.p.reduce(Action::Live(LiveMsg::Frame { run_id, now }));
    }

    /// (run id, paused) of the live run.
    fn live(&self) -> Option<(u64, bool)> {
        self.p.live().map(|l| (l.run_id, l.paused))
    }
}

fn started(effects: &[Command]) -> Option<&RunPlan> {
    effects.iter().find_map(|c| match c {
        Command::StartRun(plan) => Some(plan),
        _ => None,
    })
}

#[test]
fn run_pause_resume_and_run_again_during_a_run() {
    let mut page = Page::new();
    // At the end, Run starts over.
    let effects = page.control(Control::Run);
    let plan = started(&effects).expect("a run starts");
    assert_eq!((plan.from, plan.from_t), (PerProgram::default(), 0.0));
    assert_eq!(page.live(), Some((1, false)));
    // Pause holds the state's run and its clock.
    assert_eq!(page.control(Control::Pause), [Command::SetPaused(true)]);
    assert_eq!(page.live(), Some((1, true)));
    // Run while paused resumes (it does not start over).
    assert_eq!(page.control(Control::Run), [Command::SetPaused(false)]);
    assert_eq!(page.live(), Some((1, false)));
    // Pause twice toggles.
    page.control(Control::Pause);
    page.control(Control::Pause);
    assert_eq!(page.live(), Some((1, false)));
    // Run during a playing run starts over, as a new run.
    page.frame(2.5);
    let effects = page.control(Control::Run);
    assert_eq!(started(&effects).map(|plan| plan.from_t), Some(0.0));
    assert_eq!(page.live(), Some((2, false)));
    // Without a run, Pause does nothing.
    let mut idle = Page::new();
    assert_eq!(idle.control(Control::Pause), []);
    assert_eq!(idle.p, Playground::new(Lang::En));
}

#[test]
fn a_move_during_a_run_stops_it_where_it_is() {
    let mut page = Page::new();
    page.p.reduce(Action::Playback(Play::Seek(3)));
    page.control(Control::Run);
    assert_eq!(page.p.cursor(), 3, "Run goes on from the cursor");
    let c = page.p.cursor();
    assert_eq!(page.control(Control::Step), [Command::StopRun]);
    assert_eq!(page.p.playback, Playback::Cursor(c + 1));
    // A refused position during a run still stops it: the state never shows a run that
    // nothing drives.
    page.control(Control::Run);
    let past_the_end = page.p.derived.axis_end + 1.0;
    assert_eq!(
        page.control(Control::Seek(past_the_end)),
        [Command::StopRun]
    );
    assert_eq!(page.live(), None);
    assert!(page.p.notice.is_some());
    // Without a run, a move is only the move.
    assert_eq!(
        page.p.on_control(Control::SkipToEnd),
        [Command::Do(Action::Playback(Play::ToEnd))]
    );
}

#[test]
fn keys_space_home_end_and_arrows() {
    let mut page = Page::new();
    page.key(Key::Home);
    assert_eq!(page.p.cursor(), 0);
    page.key(Key::Step);
    page.key(Key::Step);
    page.key(Key::StepBack);
    assert_eq!(page.p.cursor(), 1);
    // Space runs, pauses, resumes.
    assert!(started(&page.key(Key::PlayPause)).is_some());
    assert_eq!(page.p.control_for(Key::PlayPause), Control::Pause);
    assert_eq!(page.key(Key::PlayPause), [Command::SetPaused(true)]);
    assert_eq!(page.p.control_for(Key::PlayPause), Control::Run);
    assert_eq!(page.key(Key::PlayPause), [Command::SetPaused(false)]);
    assert_eq!(page.live(), Some((1, false)));
    // End during a run stops it at the end.
    assert_eq!(page.key(Key::End), [Command::StopRun]);
    assert_eq!(
        page.p.playback,
        Playback::Cursor(page.p.derived.events_len())
    );
}

#[test]
fn a_new_speed_mid_run_goes_on_from_there_still_paused_if_it_was() {
    let mut page = Page::new();
    page.control(Control::Reset);
    page.control(Control::Run);
    page.frame(1.57);
    page.control(Control::Pause);
    let effects = page.control(Control::Speed(5.0));
    let plan = started(&effects).expect("a run at the new speed");
    assert_eq!((plan.speed, plan.from_t), (5.0, 1.57));
    assert_eq!(effects.last(), Some(&Command::SetPaused(true)));
    assert_eq!(page.p.speed, 5.0);
    assert_eq!(page.live(), Some((2, true)));
    // Without a run, a speed is only a preference.
    assert_eq!(
        Page::new().p.on_control(Control::Speed(2.0)),
        [Command::Do(Action::Prefs(Pref::Speed(2.0)))]
    );
}

#[test]
fn every_registered_runner_but_gather_is_a_bottom_choice_and_timeout_runs_gather_under_a_deadline()
{
    let kinds: Vec<RunnerKind> = bottom_runners().collect();
    assert_eq!(kinds.len(), RunnerKind::ALL.len() - 1);
    assert!(!kinds.contains(&RunnerKind::Gather));
    let mut p = Playground::new(Lang::En);
    // gather is the top program: the bottom list has no such option, and a tampered page
    // that sends it is refused with nothing changed.
    let before = p.clone();
    p.reduce(Action::Options(OptionEdit::Runner(RunnerKind::Gather)));
    assert!(p.notice.take().is_some());
    assert_eq!(p, before);
    assert_eq!(bottom_runner("gather"), None);
    // asyncio.timeout always has a deadline: 4 s by default, here 3.5 s. The book's
    // coroutines take 5, 2, 3 and 7 s, so 5 and 7 are cancelled by it and main() raises.
    p.reduce(Action::Options(OptionEdit::Runner(RunnerKind::Timeout)));
    assert_eq!(p.bottom_scenario().main.runner.timeout(), Some(4.0));
    p.reduce(Action::Options(OptionEdit::Timeout("3.5".into())));
    assert_eq!(p.notice, None);
    assert_eq!(
        p.bottom_scenario().main.runner,
        asyncio_playground::core::scenario::Runner::Timeout {
            timeout: 3.5,
            return_exceptions: false
        }
    );
    assert_eq!(
        results(&p),
        [("TimeoutError".to_string(), ResultKind::Exception)]
    );
    assert_eq!(
        result_heading(RunnerKind::Timeout, Lang::En),
        Lang::En.result_of("asyncio.timeout", false)
    );
    // Its own return_exceptions, apart from the top program's.
    p.reduce(Action::Options(OptionEdit::BottomReturnExceptions(true)));
    assert!(!p.return_exceptions);
    assert_eq!(
        p.bottom_scenario().main.runner,
        asyncio_playground::core::scenario::Runner::Timeout {
            timeout: 3.5,
            return_exceptions: true
        }
    );
    // The choice survives a share link.
    let opened = share::decode(&encode(&p), Lang::En).unwrap().unwrap();
    assert_eq!(opened.bottom_scenario(), p.bottom_scenario());
}

#[path = "playground/editor.rs"]
mod editor;
#[path = "playground/editor_names.rs"]
mod editor_names;
#[path = "playground/versions.rs"]
mod versions;

#[path = "playground/linger.rs"]
mod linger;

#[test]
fn console_marks_lines_a_timer_race_decides() {
    // The book's coroutines under as_completed + write_to_file: at t=4.0 two timers set in
    // different loop passes are due together (3's second sleep and the write of 2.txt); on a
    // real clock they are microseconds apart, and the two lines printed at 4.0 came in either
    // order in real runs (PYTHON_VERSIONS.md, last section).
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Options(OptionEdit::Runner(
        RunnerKind::AsCompletedPipeline,
    )));
    let bottom = &p.derived.programs.bottom;
    let lines = bottom.console_lines(usize::MAX);
    assert!(lines.iter().filter(|l| l.t < 3.0).all(|l| !l.race));
    let at_4: Vec<&str> = lines
        .iter()
        .filter(|l| l.t == 4.0)
        .map(|l| l.text.as_str())
        .collect();
    assert_eq!(at_4.len(), 2, "{at_4:?}");
    assert!(lines.iter().filter(|l| l.t == 4.0).all(|l| l.race));
    assert!(bottom.has_race());
    // Book 2: 3 raises and 2 returns at t=3 in a race; nothing is printed then.
    p.reduce(Action::Open(Open::Preset("book-2-gather-exception".into())));
    let top = &p.derived.programs.top;
    let raced: Vec<&str> = top
        .lanes
        .iter()
        .filter(|lane| lane.items.iter().any(|i| i.t == 3.0 && i.race))
        .map(|lane| lane.name.as_str())
        .collect();
    assert!(raced.contains(&"2") && raced.contains(&"3"), "{raced:?}");
    assert!(top.console_lines(usize::MAX).iter().all(|l| !l.race));
}
