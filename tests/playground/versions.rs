//! The Python version: the state, what follows it, refusals, links, and "Across versions".

use std::time::Instant;

use super::*;
use asyncio_playground::core::scenario::{Coroutine, Main, Runner, Step};
use asyncio_playground::core::{python, Python};
use asyncio_playground::web::model::DEFAULT_PYTHON;
use asyncio_playground::web::share::opened;
use asyncio_playground::web::versions::{across, AcrossView};

fn preset(stem: &str) -> Playground {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Open(Open::Preset(stem.into())));
    assert_eq!(p.notice, None);
    p
}

fn version(p: &mut Playground, python: Python) {
    p.reduce(Action::Options(OptionEdit::Python(python)));
}

fn runner(p: &mut Playground, kind: RunnerKind) {
    p.reduce(Action::Options(OptionEdit::Runner(kind)));
}

/// A share link of this JSON document.
fn link(doc: &str) -> String {
    format!("v1={}", b64_encode(doc.as_bytes()))
}

/// t19: two children that finish in their first step, under a timeout shorter than a pass.
const QUICK: &str = r#"{"coroutines": [
    {"name": "a", "steps": [{"print": "a runs"}, {"return": 1}]},
    {"name": "b", "steps": [{"print": "b runs"}, {"return": 2}]}],
    "main": {"runner": "wait_for_gather", "timeout": 1e-10, "return_exceptions": true}}"#;

fn quick_link(python: Option<&str>) -> String {
    let python = python.map_or(String::new(), |p| format!(r#", "python": "{p}""#));
    link(&format!(r#"{{"scenario": {QUICK}{python}}}"#))
}

fn console(p: &Playground, id: ProgramId) -> Vec<String> {
    let prog = &p.derived.programs[id];
    let mut lines: Vec<String> = prog
        .console_lines(prog.events_len())
        .into_iter()
        .map(|l| l.text)
        .collect();
    lines.extend(prog.raised(prog.events_len()));
    lines
}

#[test]
fn the_page_models_3_12_and_both_predictions_the_live_run_and_the_code_follow_the_version() {
    let mut p = Playground::new(Lang::En);
    assert_eq!((p.python, DEFAULT_PYTHON), (Python::V3_12, Python::V3_12));
    p.reduce(Action::Options(OptionEdit::Limit(Some(2))));
    for python in Python::ALL {
        version(&mut p, python);
        assert_eq!((p.python, p.notice.clone()), (python, None));
        assert_eq!(p.derived.semantics.python(), python);
        assert_eq!(p.run_plan(1.0, true).semantics.python(), python);
        for id in ProgramId::ALL {
            let program = &p.derived.programs[id];
            assert_eq!(
                program.python,
                python::program_for(&program.scenario, python)
            );
        }
        assert_eq!(p.preset, "", "the limit was an edit");
    }
    // 3.8 and 3.9 make the Semaphore inside main(): the code differs from 3.10's.
    let code = |p: &Playground| p.derived.programs.bottom.python.clone();
    version(&mut p, Python::V3_9);
    let old = code(&p);
    version(&mut p, Python::V3_10);
    assert_ne!(old, code(&p));
    // Another version of the same preset is still that preset.
    let mut p = preset("book-4-as-completed");
    version(&mut p, Python::V3_8);
    assert_eq!(p.preset, "book-4-as-completed");
}

#[test]
fn the_version_changes_the_timeouts_exception_and_wait_for_gathers_output_as_cpython_does() {
    let mut p = preset("as-completed-timeout");
    version(&mut p, Python::V3_10);
    let last = |p: &Playground| super::yielded(p).last().cloned().unwrap();
    assert_eq!(last(&p), "asyncio.exceptions.TimeoutError");
    let bottom = &p.derived.programs.bottom;
    assert_eq!(
        bottom.raised(bottom.events_len()).as_deref(),
        Some("asyncio.exceptions.TimeoutError")
    );
    version(&mut p, Python::V3_11);
    assert_eq!(last(&p), "TimeoutError");

    // wait_for(gather) of children done at once under a timeout shorter than a pass: 3.11
    // prints the gather's list, 3.12 raises TimeoutError (gh-96764).
    let mut p = share::decode(&quick_link(Some("3.11")), Lang::En)
        .unwrap()
        .unwrap();
    assert_eq!(
        console(&p, ProgramId::Bottom),
        ["a runs", "b runs", "[1, 2]"]
    );
    version(&mut p, Python::V3_12);
    assert_eq!(
        console(&p, ProgramId::Bottom),
        ["a runs", "b runs", "TimeoutError"]
    );
}

#[test]
fn a_runner_the_version_lacks_is_refused_and_so_is_a_version_that_lacks_the_runner() {
    let mut p = Playground::new(Lang::En);
    version(&mut p, Python::V3_10);
    let before = p.clone();
    runner(&mut p, RunnerKind::TaskGroup);
    let problem = p.notice.clone().expect("refused");
    assert_eq!(
        problem.message(Lang::En),
        "asyncio.TaskGroup exists from Python 3.11 on, not in 3.10"
    );
    assert_eq!(
        problem.message(Lang::Ru),
        "asyncio.TaskGroup есть в Python начиная с 3.11, в 3.10 его нет"
    );
    assert_eq!(
        Playground {
            notice: None,
            ..p.clone()
        },
        before
    );
    version(&mut p, Python::V3_11);
    runner(&mut p, RunnerKind::Timeout);
    assert_eq!(
        (p.bottom.runner, p.notice.clone()),
        (RunnerKind::Timeout, None)
    );
    let before = p.clone();
    version(&mut p, Python::V3_9);
    assert_eq!(
        p.notice.as_ref().map(|n| n.message(Lang::En)).as_deref(),
        Some("asyncio.timeout exists from Python 3.11 on, not in 3.9")
    );
    assert_eq!(
        Playground {
            notice: None,
            ..p.clone()
        },
        before,
        "nothing else changed"
    );
}

#[test]
fn links_keep_the_version_and_old_links_open_as_3_11() {
    let mut p = Playground::new(Lang::En);
    version(&mut p, Python::V3_9);
    let opened_p = decode(&encode(&p), Lang::En).unwrap().unwrap();
    assert_eq!(opened_p.python, Python::V3_9);
    assert_eq!(opened_p.derived.semantics.python(), Python::V3_9);
    // A link made before the version select: the 3.11 it was predicted with.
    let old = decode(&quick_link(None), Lang::En).unwrap().unwrap();
    assert_eq!(old.python, Python::V3_11);
    assert_eq!(
        console(&old, ProgramId::Bottom),
        ["a runs", "b runs", "[1, 2]"]
    );
    assert_eq!(
        decode(&quick_link(Some("3.7")), Lang::En).unwrap_err(),
        LinkError::Python
    );
    assert_eq!(
        LinkError::Python.message(Lang::En),
        "python: must be one of 3.8, 3.9, 3.10, 3.11, 3.12, 3.13"
    );
    // A link whose runner its version lacks: refused, the screen kept.
    let group = link(
        r#"{"scenario": {"coroutines": [{"name": "a", "steps": [{"return": 1}]}],
            "main": {"runner": "task_group"}}, "python": "3.10"}"#,
    );
    let Some(Action::Notice(Some(problem))) = opened(&group, Lang::Ru) else {
        panic!("refused")
    };
    assert_eq!(
        problem.message(Lang::Ru),
        "Ссылку не удалось открыть, поэтому сценарий на экране сохранён: \
         asyncio.TaskGroup есть в Python начиная с 3.11, в 3.10 его нет"
    );
    let before = Playground::new(Lang::En);
    let mut p = before.clone();
    p.reduce(Action::Notice(Some(problem)));
    assert_eq!(Playground { notice: None, ..p }, before);
    let first = share::initial(&group, Lang::En);
    assert_eq!(first.python, DEFAULT_PYTHON);
    assert!(first
        .notice
        .unwrap()
        .message(Lang::En)
        .ends_with("not in 3.10"));
}

fn across_of(p: &Playground, lang: Lang) -> AcrossView {
    across(&p.scenarios(), lang)
}

#[test]
fn across_versions_says_when_every_version_is_identical() {
    for stem in [
        "book-1-gather",
        "book-2-gather-exception",
        "book-3-return-exceptions",
        "book-4-as-completed",
        "book-5-pipeline",
    ] {
        let v = across_of(&preset(stem), Lang::En);
        assert_eq!(v.headline, "Identical in every version 3.8–3.13", "{stem}");
        assert_eq!(v.groups.len(), 1);
        assert_eq!(v.groups[0].versions, "3.8, 3.9, 3.10, 3.11, 3.12, 3.13");
        assert_eq!((v.rows.len(), v.reasons.len()), (0, 0));
    }
    let v = across_of(&Playground::new(Lang::Ru), Lang::Ru);
    assert_eq!(v.headline, "Одинаково во всех версиях 3.8–3.13");
}

#[test]
fn across_versions_shows_the_timeouts_class_until_3_10_and_says_why() {
    let v = across_of(&preset("as-completed-timeout"), Lang::En);
    assert_eq!(
        v.headline,
        "The outcome differs: 3.8, 3.9, 3.10 / 3.11, 3.12, 3.13"
    );
    // gather takes no timeout: program 1 is said once, as the same everywhere.
    assert_eq!(
        v.same,
        ["Program 1: ['task 1', 'task 2', 'task 3', 'task 4', 'task 5']; ends at t=8.93"]
    );
    assert_eq!(v.groups[0].summary.len(), 1);
    assert!(v.groups[0].summary[0].contains("asyncio.run raised asyncio.exceptions.TimeoutError"));
    let raised = v
        .rows
        .iter()
        .find(|r| r.label == "Program 2, asyncio.run raised");
    assert_eq!(
        raised.unwrap().cells,
        ["asyncio.exceptions.TimeoutError", "TimeoutError"]
    );
    assert_eq!(v.reasons.len(), 1);
    assert!(v.reasons[0].starts_with("3.10 → 3.11: until 3.10 asyncio raises its own"));
    assert!(v.reasons[0].contains("(bpo-42413)"));
    let ru = across_of(&preset("as-completed-timeout"), Lang::Ru);
    assert!(ru.reasons[0].starts_with("3.10 → 3.11: до 3.10 asyncio генерирует свой"));
    assert!(ru.reasons[0].contains("(bpo-42413)"));
}

#[test]
fn across_versions_shows_wait_for_gather_a_pass_sooner_from_3_12() {
    let mut p = Playground::new(Lang::En);
    runner(&mut p, RunnerKind::WaitForGather);
    let v = across_of(&p, Lang::En);
    assert_eq!(
        v.headline,
        "The outcome differs: 3.8, 3.9, 3.10 / 3.11 / 3.12, 3.13"
    );
    let row = |label: &str| {
        v.rows
            .iter()
            .find(|r| r.label == label)
            .unwrap()
            .cells
            .clone()
    };
    // The default timeout, 4 s: 5 and 7 are cancelled, main gets TimeoutError.
    assert_eq!(
        row("Program 2, 7"),
        [
            "t=4.0 · pass 10 · cancelled",
            "t=4.0 · pass 10 · cancelled",
            "t=4.0 · pass 9 · cancelled"
        ]
    );
    assert_eq!(
        row("Program 2, main() got 1"),
        [
            "t=4.0 · pass 12 · asyncio.exceptions.TimeoutError",
            "t=4.0 · pass 12 · TimeoutError",
            "t=4.0 · pass 11 · TimeoutError"
        ]
    );
    assert_eq!(v.reasons.len(), 2);
    assert!(v.reasons[0].contains("bpo-42413"));
    assert!(v.reasons[1].starts_with("3.11 → 3.12: 3.12 rewrote asyncio.wait_for"));
    assert!(v.reasons[1].contains("(gh-96764)"));

    // A child due in the deadline's pass: returns until 3.11, cancelled from 3.12.
    let tie = link(
        r#"{"scenario": {"coroutines": [
            {"name": "quick", "steps": [{"sleep": 1}, {"return": "q"}]},
            {"name": "slow", "steps": [{"sleep": 5}, {"return": "s"}]}],
            "main": {"runner": "wait_for_gather", "timeout": 1.0000000005}}}"#,
    );
    let p = decode(&tie, Lang::En).unwrap().unwrap();
    let v = across_of(&p, Lang::En);
    let quick = v
        .rows
        .iter()
        .find(|r| r.label == "Program 2, quick")
        .unwrap();
    assert!(quick.cells[1].ends_with("returned 'q'"), "{quick:?}");
    assert!(quick.cells[2].ends_with("cancelled"), "{quick:?}");
    assert!(v.reasons[1].contains("gh-96764"));
    // Children done at once under a timeout shorter than a pass: the list, then TimeoutError.
    let p = decode(&quick_link(None), Lang::En).unwrap().unwrap();
    let v = across_of(&p, Lang::En);
    assert_eq!(v.groups[0].versions, "3.8, 3.9, 3.10, 3.11");
    assert!(v.groups[0].summary[0].starts_with("Program 2: [1, 2]; ends"));
    assert!(v.groups[1].summary[0].starts_with("Program 2: TimeoutError; asyncio.run raised"));
    let line = v
        .rows
        .iter()
        .find(|r| r.label == "Program 2, line 3")
        .unwrap();
    assert_eq!(line.cells, ["t=0.0 · pass 3 · [1, 2]", "—"]);
}

#[test]
fn across_versions_says_which_versions_lack_the_runner_and_since_when() {
    let mut p = Playground::new(Lang::En);
    runner(&mut p, RunnerKind::TaskGroup);
    let v = across_of(&p, Lang::En);
    assert_eq!(
        v.headline,
        "The outcome differs: 3.8, 3.9, 3.10 / 3.11, 3.12, 3.13"
    );
    assert_eq!(
        v.groups[0].summary[0],
        "Program 2: asyncio.TaskGroup exists from Python 3.11"
    );
    assert!(v.rows.iter().all(|r| r.cells[0] == "—"), "{:?}", v.rows);
    assert_eq!(v.reasons.len(), 1);
    assert!(v.reasons[0].contains("(gh-90908)"));
    runner(&mut p, RunnerKind::Timeout);
    let ru = across_of(&p, Lang::Ru);
    assert_eq!(
        ru.groups[0].summary[0],
        "Программа 2: asyncio.timeout есть в Python начиная с 3.11"
    );
    // 3.8–3.10 lack it; 3.11 on differ by nothing else.
    assert_eq!(ru.reasons.len(), 1);
    assert!(ru.reasons[0].contains("(gh-90927)"));
}

#[test]
fn every_difference_of_the_presets_under_every_runner_is_explained() {
    let unexplained = across_of(&Playground::new(Lang::En), Lang::En);
    assert!(unexplained.reasons.is_empty());
    for (stem, _) in PRESETS {
        for kind in bottom_runners() {
            for limit in [None, Some(1), Some(2)] {
                let mut p = preset(stem);
                runner(&mut p, kind);
                p.reduce(Action::Options(OptionEdit::Limit(limit)));
                let v = across_of(&p, Lang::En);
                assert!(
                    v.reasons
                        .iter()
                        .all(|r| !r.contains("library code differs")),
                    "{stem} {kind:?} {limit:?}: {:?}",
                    v.reasons
                );
            }
        }
    }
}

/// Twelve coroutines, the editor's most, under wait_for(gather) with a Semaphore: both programs
/// under all six versions (twelve simulations) per slider move.
#[test]
fn across_versions_of_twelve_coroutines_is_quick() {
    let coroutines = (0..MAX_EDITOR_COROUTINES)
        .map(|i| Coroutine {
            name: format!("c{i}"),
            steps: vec![
                Step::Print(format!("start {i}")),
                Step::Sleep((i % 5) as f64 + 0.5),
                Step::Print(format!("end {i}")),
                Step::Sleep(1.0),
            ],
        })
        .collect();
    let scenario = Scenario {
        coroutines,
        main: Main {
            runner: Runner::WaitForGather {
                timeout: 4.0,
                return_exceptions: false,
            },
            limit: Some(3),
            linger: None,
        },
    };
    let p = Playground::from_scenario(&scenario, false, None, 1.0, DEFAULT_PYTHON, Lang::En);
    let scenarios = p.scenarios();
    across(&scenarios, Lang::En);
    let runs = 20;
    let start = Instant::now();
    for _ in 0..runs {
        across(&scenarios, Lang::En);
    }
    let ms = start.elapsed().as_secs_f64() * 1000.0 / f64::from(runs);
    println!("budget: across versions of 12 coroutines (12 simulations): {ms:.2} ms");
    assert!(ms < 250.0, "{ms} ms");
}
