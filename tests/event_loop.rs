//! The loop made visible, natively: the Event loop panel's data at a pass, stepping by pass
//! (also through passes where no lane changes), Why? chains and the generated code's line map.

use asyncio_playground::core::python::program_lines;
use asyncio_playground::core::scenario::Step;
use asyncio_playground::core::{Python, Scenario};
use asyncio_playground::web::event_loop::{current_lines, panel, why_view, LoopPanel};
use asyncio_playground::web::i18n::Lang;
use asyncio_playground::web::model::{
    Action, Command, Control, Key, LoopAction, LoopAt, Open, Play, Playback, Playground,
};
use asyncio_playground::web::program::ProgramId;

fn preset(stem: &str) -> Playground {
    let mut p = Playground::new(Lang::En);
    p.reduce(Action::Open(Open::Preset(stem.to_string())));
    p
}

fn top_panel(p: &Playground, pass: u64, lang: Lang) -> LoopPanel {
    let at = LoopAt {
        program: ProgramId::Top,
        pass,
        running: None,
    };
    panel(&p.derived.programs.top, p.derived.semantics, at, lang).expect("the loop runs then")
}

/// What a control does, applied (no live run here, so only actions).
fn control(p: &mut Playground, c: Control) {
    for command in p.on_control(c) {
        match command {
            Command::Do(a) => p.reduce(a),
            other => panic!("unexpected {other:?}"),
        }
    }
}

#[test]
fn pass_2_of_book_1_runs_the_four_tasks_first_steps_in_order() {
    let p = preset("book-1-gather");
    let panel = top_panel(&p, 2, Lang::En);
    assert_eq!(
        panel.ready,
        ["5", "2", "3", "7"].map(|n| format!("Task.__step of worker('{n}')"))
    );
    assert_eq!(panel.time, 0.0);
    assert!(panel.timers.is_empty());
    let main = panel.tasks.iter().find(|(who, _)| who == "main()").unwrap();
    assert_eq!(main.1, "awaiting gather's outer future");
    let ru = top_panel(&p, 2, Lang::Ru);
    assert_eq!(ru.ready[0], "Task.__step задачи worker('5')");
    assert_eq!(ru.tasks[0].1, "ждёт: внешний future gather");
}

#[test]
fn book_2_gathers_done_callback_hands_the_oserror_while_5_and_7_sleep_on() {
    let p = preset("book-2-gather-exception");
    let last = p.derived.last_pass(ProgramId::Top);
    let found = (1..=last)
        .map(|pass| top_panel(&p, pass, Lang::En))
        .find(|panel| {
            panel
                .ready
                .iter()
                .any(|h| h == "gather's _done_callback for the task of coro_3()")
        })
        .expect("a pass runs gather's _done_callback for 3");
    assert_eq!(found.time, 3.0);
    let timers: Vec<&str> = found.timers.iter().map(|(_, w)| w.as_str()).collect();
    assert_eq!(
        timers,
        [
            "the sleep timer of coro_5(): futures._set_result_unless_cancelled",
            "the sleep timer of coro_7(): futures._set_result_unless_cancelled"
        ]
    );
    assert_eq!(
        found.timers.iter().map(|(t, _)| *t).collect::<Vec<_>>(),
        [5.0, 7.0]
    );
    // main() is woken by gather's outer future, which now holds the OSError.
    let next = top_panel(&p, found.pass + 1, Lang::En);
    assert!(
        next.ready[0].starts_with("Task.__wakeup of main(): gather's outer future is done"),
        "{:?}",
        next.ready
    );
}

#[test]
fn step_pass_walks_passes_where_no_lane_changes() {
    let mut p = preset("book-1-gather");
    control(&mut p, Control::Reset);
    assert_eq!(p.loop_at().pass, 1);
    let mut seen_quiet = false;
    let mut pass = 1;
    while p.next_pass(true).is_some() {
        let before = p.cursor();
        let c = p.control_for(Key::StepPass);
        control(&mut p, c);
        pass += 1;
        assert_eq!(p.loop_at().pass, pass);
        assert!(matches!(p.playback, Playback::Pass { pass: q, .. } if q == pass));
        seen_quiet |= p.cursor() == before && pass > 2;
    }
    assert!(seen_quiet, "gather's wake-up hop changes no lane");
    assert_eq!(pass, p.derived.last_pass(ProgramId::Top));
    control(&mut p, Control::StepPassBack);
    assert_eq!(p.loop_at().pass, pass - 1);
    // Step still moves one event, from between events.
    let c = p.cursor();
    control(&mut p, Control::Step);
    assert_eq!(p.cursor(), c + 1);
    assert!(matches!(p.playback, Playback::Cursor(_)));
    // Out of range is refused.
    p.reduce(Action::Playback(Play::ToPass(ProgramId::Top, 0)));
    assert!(p.notice.is_some());
}

#[test]
fn the_panel_follows_the_cursors_event_and_the_focused_program() {
    let mut p = preset("book-1-gather");
    p.reduce(Action::Playback(Play::Seek(1)));
    let at = p.loop_at();
    assert_eq!((at.program, at.pass), (ProgramId::Top, 1));
    let shown = panel(&p.derived.programs.top, p.derived.semantics, at, Lang::En).unwrap();
    assert_eq!(shown.running, Some(0));
    assert_eq!(shown.ready, ["Task.__step of main()"]);
    p.reduce(Action::Loop(LoopAction::Focus(ProgramId::Bottom)));
    assert_eq!(p.loop_at().program, ProgramId::Bottom);
}

#[test]
fn why_names_the_chain_back_to_asyncio_run_and_marks_its_events() {
    let p = preset("book-2-gather-exception");
    let top = &p.derived.programs.top;
    let raised = top
        .events()
        .iter()
        .position(|e| matches!(e.what, asyncio_playground::core::trace::What::Raised(_)))
        .unwrap();
    let view = why_view(top, raised, Lang::En).unwrap();
    assert!(view.steps[0].contains("raised OSError"), "{:?}", view.steps);
    assert!(view
        .steps
        .iter()
        .any(|s| s.contains("the sleep timer of coro_3()")));
    assert_eq!(
        view.steps.last().unwrap(),
        "asyncio.run(main()) created main()'s task"
    );
    assert!(view.events.contains(&raised) && view.events.len() > 1);
    let ru = why_view(top, raised, Lang::Ru).unwrap();
    assert!(ru.steps[0].contains("выбросила OSError"), "{:?}", ru.steps);
    assert_eq!(
        ru.steps.last().unwrap(),
        "asyncio.run(main()) создал задачу main()"
    );
}

#[test]
fn every_steps_line_holds_its_statement() {
    for stem in [
        "book-1-gather",
        "book-2-gather-exception",
        "book-4-as-completed",
        "book-5-pipeline",
    ] {
        let scenario: Scenario = asyncio_playground::web::model::presets::preset(stem).unwrap();
        for python in Python::ALL {
            let (text, map) = program_lines(&scenario, python);
            let lines: Vec<&str> = text.lines().collect();
            assert_eq!(
                text,
                asyncio_playground::core::python::program_for(&scenario, python)
            );
            for (i, c) in scenario.coroutines.iter().enumerate() {
                assert!(lines[map.defs[i] - 1].starts_with("async def "));
                for (k, step) in c.steps.iter().enumerate() {
                    let line = lines[map.steps[i][k] - 1].trim();
                    let head = match step {
                        Step::Print(_) => "print(",
                        Step::Sleep(_) => "await asyncio.sleep(",
                        Step::Raise { kind, .. } => kind.name(),
                        Step::Return(_) => "return ",
                    };
                    assert!(line.contains(head), "{stem} {i} {k}: {line}");
                }
            }
            assert_eq!(lines[map.main_def - 1], "async def main():");
            assert!(!map.main_awaits.is_empty());
            assert!(map
                .main_awaits
                .iter()
                .all(|&l| lines[l - 1].contains("await")));
        }
    }
}

#[test]
fn current_lines_name_each_coroutine_at_its_shared_functions_line() {
    let p = preset("book-1-gather");
    let top = &p.derived.programs.top;
    // After pass 2: each worker printed and awaits its sleep; main awaits gather.
    let k = top.events().iter().filter(|e| e.pass <= 2).count();
    let at = current_lines(top, k);
    let lines: Vec<&str> = top.python.lines().collect();
    let sleep = at
        .iter()
        .find(|(l, _)| lines[l - 1].contains("asyncio.sleep"))
        .unwrap();
    assert_eq!(sleep.1, "5, 2, 3, 7");
    let main = at
        .iter()
        .find(|(l, _)| lines[l - 1].contains("await asyncio.gather"))
        .unwrap();
    assert_eq!(main.1, "main()");
}
