//! Hostile input: arbitrary bytes, arbitrary JSON, mutated valid scenarios and share links go
//! through link decoding, parsing, validation, simulation and code generation; arbitrary
//! sequences of editor actions go through the reducer. Nothing may panic or run unbounded;
//! every rejection must say what is wrong. A proptest harness, so it runs in CI on stable Rust.
//!
//! `FUZZ_CASES` sets the cases per target (default 2000); the long run is
//! `FUZZ_CASES=2000000 CARGO_PROFILE_TEST_OPT_LEVEL=2 cargo test --test fuzz` (six targets; the
//! editor's action sequences are the slowest, as every accepted edit re-simulates).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use asyncio_playground::core::value::ErrorType;
use asyncio_playground::core::{python, simulate, Limits, Python, Scenario, SimError};
use asyncio_playground::web::i18n::Lang;
use asyncio_playground::web::model::bottom_runners;
use asyncio_playground::web::model::editor::StepKind;
use asyncio_playground::web::model::{
    Action, Edit, Open, OptionEdit, Playground, Pref, PRESETS, SPEEDS,
};
use asyncio_playground::web::program::ProgramId;
use asyncio_playground::web::share;
use common::{scenario, Rng};
use proptest::prelude::*;
use serde_json::Value as Json;

fn cases() -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000)
}

/// Parse, then (if valid) simulate and generate Python. Returns an error message or nothing.
fn exercise(text: &str) -> Result<(), String> {
    let limits = Limits::default();
    let scenario = Scenario::from_json_with(text, &limits).map_err(|e| e.to_string())?;
    match simulate(&scenario, &limits) {
        Ok(report) => {
            assert!(
                report.events.len() as u64 <= limits.max_events * 4,
                "the trace stays bounded"
            );
        }
        Err(SimError::TooManyEvents(_)) => {}
        Err(e) => panic!("a valid scenario failed to run: {e}"),
    }
    assert!(python::program(&scenario).ends_with("asyncio.run(main())\n"));
    Ok(())
}

fn json_value() -> impl Strategy<Value = Json> {
    let leaf = prop_oneof![
        Just(Json::Null),
        any::<bool>().prop_map(Json::Bool),
        any::<i64>().prop_map(Json::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Json::Null, Json::Number)),
        prop_oneof![
            prop::sample::select(vec![
                "print",
                "sleep",
                "raise",
                "return",
                "gather",
                "OSError",
                "<img src=x onerror=alert(1)>"
            ])
            .prop_map(String::from),
            ".*",
        ]
        .prop_map(Json::String),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..8).prop_map(Json::Array),
            prop::collection::vec(
                (
                    prop_oneof![
                        prop::sample::select(vec![
                            "coroutines",
                            "main",
                            "name",
                            "steps",
                            "runner",
                            "timeout",
                            "limit",
                            "type"
                        ])
                        .prop_map(String::from),
                        "[a-z_]{1,12}",
                    ],
                    inner
                ),
                0..6
            )
            .prop_map(|kv| Json::Object(kv.into_iter().collect())),
        ]
    })
}

/// Replaces one node of a valid scenario's JSON (picked by `path_seed`) with `replacement`.
fn mutate(mut json: Json, path_seed: u64, replacement: Json) -> Json {
    let mut rng = Rng(path_seed | 1);
    let mut node = &mut json;
    loop {
        let children = match node {
            Json::Array(a) if !a.is_empty() => a.len(),
            Json::Object(o) if !o.is_empty() => o.len(),
            _ => break,
        };
        if rng.chance(30) {
            break;
        }
        let k = rng.below(children);
        node = match node {
            Json::Array(a) => &mut a[k],
            Json::Object(o) => o.values_mut().nth(k).unwrap(),
            _ => unreachable!(),
        };
    }
    *node = replacement;
    json
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        if let Err(message) = exercise(&String::from_utf8_lossy(&bytes)) {
            prop_assert!(!message.is_empty());
        }
    }

    #[test]
    fn arbitrary_json(json in json_value()) {
        if let Err(message) = exercise(&json.to_string()) {
            prop_assert!(!message.is_empty());
        }
    }

    #[test]
    fn mutated_valid_scenarios(seed in any::<u64>(), path in any::<u64>(), replacement in json_value()) {
        let valid = scenario(&mut Rng(seed | 1)).to_json();
        let text = mutate(valid, path, replacement).to_string();
        if let Err(message) = exercise(&text) {
            // Errors name the field they are about (or say the whole scenario is not an object).
            prop_assert!(message.contains(": ") || message.starts_with("the scenario"), "{}", message);
        }
    }
}

/// A share link decodes to a playground or to a message; a decoded one encodes to a link that
/// decodes to the same playground.
fn exercise_link(hash: &str) {
    match share::decode(hash, Lang::En) {
        Ok(Some(playground)) => {
            let again = share::encode(&playground);
            let reread = share::decode(&again, Lang::En)
                .expect("an encoded link decodes")
                .expect("and is not empty");
            assert_eq!(share::encode(&reread), again);
        }
        Ok(None) => {}
        Err(e) => assert!(!e.message(Lang::En).is_empty() && !e.message(Lang::Ru).is_empty()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_share_links(text in ".{0,300}", encoded in prop::collection::vec(any::<u8>(), 0..300)) {
        exercise_link(&text);
        exercise_link(&format!("#v1={}", share::b64_encode(&encoded)));
    }

    #[test]
    fn share_links_of_mutated_scenarios(seed in any::<u64>(), path in any::<u64>(), replacement in json_value(), speed in json_value()) {
        let mut valid = scenario(&mut Rng(seed | 1)).to_json();
        if path % 4 == 0 {
            valid = mutate(valid, path, replacement);
        }
        let doc = serde_json::json!({"scenario": valid, "return_exceptions": path % 3 == 0, "speed": if path % 5 == 0 { speed } else { 1.into() }});
        exercise_link(&format!("#v1={}", share::b64_encode(doc.to_string().as_bytes())));
    }
}

/// Text a learner (or a tampered page) can put into a seconds field.
fn typed_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "", " ", "0", "-0", "1,5", "2.5", "1e6", "1e308", "1e309", "-1", "NaN", "inf", "abc",
            "0x10", "1_000",
        ])
        .prop_map(String::from),
        any::<f64>().prop_map(|x| x.to_string()),
        ".{0,20}",
    ]
}

/// Return values a learner may type: Python's, nearly Python's, nonsense.
fn return_text() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "None",
            "42",
            "-7",
            "'test 5'",
            "\"x\"",
            "('5', 'test')",
            "(1,)",
            "()",
            "'open",
            "(1, (2,))",
            "1.5",
            "'\\x41\\u0416'",
        ])
        .prop_map(String::from),
        ".{0,20}",
    ]
}

/// Any editor action, with indices and text that may be out of range or nonsense.
fn editor_action() -> impl Strategy<Value = Action> {
    let co = 0..14usize;
    let step = 0..8usize;
    prop_oneof![
        (co.clone(), 0..4usize, typed_text()).prop_map(|(co, k, text)| Action::Edit(Edit::Sleep {
            co,
            k,
            text
        })),
        (co.clone(), prop::option::of(0..4usize))
            .prop_map(|(co, after_sleep)| Action::Edit(Edit::Raise { co, after_sleep })),
        (co.clone(), ".{0,45}").prop_map(|(co, name)| Action::Edit(Edit::Rename { co, name })),
        Just(Action::Edit(Edit::Add)),
        co.clone().prop_map(|co| Action::Edit(Edit::Remove(co))),
        (co.clone(), prop::sample::select(StepKind::ALL.to_vec()))
            .prop_map(|(co, kind)| Action::Edit(Edit::AddStep { co, kind })),
        (co.clone(), step.clone())
            .prop_map(|(co, step)| Action::Edit(Edit::RemoveStep { co, step })),
        (co.clone(), step.clone(), any::<bool>())
            .prop_map(|(co, step, up)| Action::Edit(Edit::MoveStep { co, step, up })),
        (co.clone(), step.clone(), ".{0,30}")
            .prop_map(|(co, step, text)| Action::Edit(Edit::Print { co, step, text })),
        (co.clone(), step, return_text()).prop_map(|(co, step, text)| Action::Edit(Edit::Return {
            co,
            step,
            text
        })),
        (co.clone(), prop::sample::select(ErrorType::ALL.to_vec()))
            .prop_map(|(co, kind)| Action::Edit(Edit::RaiseType { co, kind })),
        (co, ".{0,30}").prop_map(|(co, text)| Action::Edit(Edit::RaiseMessage { co, text })),
        any::<bool>().prop_map(|on| Action::Options(OptionEdit::ReturnExceptions(on))),
        prop::sample::select(bottom_runners().collect::<Vec<_>>())
            .prop_map(|r| Action::Options(OptionEdit::Runner(r))),
        prop::sample::select(Python::ALL.to_vec())
            .prop_map(|v| Action::Options(OptionEdit::Python(v))),
        any::<bool>().prop_map(|on| Action::Options(OptionEdit::TimeoutOn(on))),
        typed_text().prop_map(|text| Action::Options(OptionEdit::Timeout(text))),
        any::<bool>().prop_map(|on| Action::Options(OptionEdit::Catch(on))),
        prop::option::of(0..7u32).prop_map(|limit| Action::Options(OptionEdit::Limit(limit))),
        (prop::sample::select(ProgramId::ALL.to_vec()), any::<bool>())
            .prop_map(|(program, on)| Action::Options(OptionEdit::LingerOn { program, on })),
        (prop::sample::select(ProgramId::ALL.to_vec()), typed_text())
            .prop_map(|(program, text)| Action::Options(OptionEdit::Linger { program, text })),
        prop_oneof![prop::sample::select(SPEEDS.to_vec()), any::<f64>()]
            .prop_map(|s| Action::Prefs(Pref::Speed(s))),
        prop_oneof![
            prop::sample::select(PRESETS.iter().map(|p| p.0.to_string()).collect::<Vec<_>>()),
            ".{0,12}"
        ]
        .prop_map(|stem| Action::Open(Open::Preset(stem))),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// An edit is either accepted (no message, and the screen is still a valid, shareable
    /// scenario) or refused with a message and nothing else changed.
    #[test]
    fn editor_action_sequences(actions in prop::collection::vec(editor_action(), 1..24)) {
        let mut p = Playground::new(Lang::En);
        for action in actions {
            let shown = format!("{action:?}");
            p.reduce(Action::Notice(None));
            let before = p.clone();
            p.reduce(action);
            match p.notice.take() {
                Some(problem) => {
                    // The whole state, not only what the link carries.
                    prop_assert_eq!(&p, &before, "refused {} changed the state", shown);
                    prop_assert!(!problem.message(Lang::Ru).is_empty());
                }
                None => {
                    let link = share::encode(&p);
                    let reopened = share::decode(&link, Lang::En);
                    prop_assert!(matches!(&reopened, Ok(Some(r)) if r.python == p.python), "{} made an unshareable screen: {:?}", shown, reopened.err());
                }
            }
            for program in &p.derived.programs {
                if let Err(e) = &program.report {
                    prop_assert!(e.contains("events"), "{}: {}", shown, e);
                }
            }
        }
    }
}

/// Crashes found by fuzzing stay fixed here.
#[test]
fn regressions() {
    for text in [
        r#"{"coroutines": [{"name": "a", "steps": [{"sleep": 1e308}]}], "main": {"runner": "gather"}}"#,
        r#"{"coroutines": [{"name": "a", "steps": [{"sleep": NaN}]}], "main": {"runner": "gather"}}"#,
        r#"{"coroutines": [{"name": "a", "steps": [{}]}], "main": {"runner": "gather"}}"#,
        r#"{"coroutines": [{"name": "a", "steps": [{"return": 1e400}]}], "main": {"runner": "gather"}}"#,
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
    ] {
        assert!(exercise(text).is_err(), "{text} is rejected");
    }
}

/// Links that end inside a multi-byte character, or drag a line break along, decode or say why.
#[test]
fn link_regressions() {
    for hash in [
        "#v1=AAAé",
        "#v1=Aé",
        "#v1=é%0",
        "#v1=A%0a%0D%20",
        "#%0a",
        "#v1=\u{0}",
    ] {
        exercise_link(hash);
    }
}
