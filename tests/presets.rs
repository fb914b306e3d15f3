//! The book's examples ship as presets; each must print the book's lines (where the book's
//! order is determined), and `simulate` must keep its command-line contract.
#![cfg(not(target_arch = "wasm32"))]

#[path = "support/process.rs"]
mod process;
use process::run_piped;
use std::process::Command;

fn simulate(args: &[&str], stdin: &str) -> (i32, String, String) {
    let out = run_piped(
        Command::new(env!("CARGO_BIN_EXE_simulate")).args(args),
        stdin,
    );
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn console(preset: &str) -> (Vec<String>, serde_json::Value) {
    let (code, out, err) = simulate(&[&format!("www/presets/{preset}.json")], "");
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    let lines = json["console"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["text"].as_str().unwrap().to_string())
        .collect();
    (lines, json)
}

const CONNECTS: [&str; 4] = [
    "Подключаюсь к 5",
    "Подключаюсь к 2",
    "Подключаюсь к 3",
    "Подключаюсь к 7",
];

#[test]
fn book_example_1_gather() {
    let (lines, _) = console("book-1-gather");
    let mut book: Vec<&str> = CONNECTS.to_vec();
    book.extend(["2", "3", "5", "7"].map(|ip| match ip {
        "2" => "Отправляю команду test на устройство 2",
        "3" => "Отправляю команду test на устройство 3",
        "5" => "Отправляю команду test на устройство 5",
        _ => "Отправляю команду test на устройство 7",
    }));
    book.push("['test 5', 'test 2', 'test 3', 'test 7']");
    assert_eq!(lines, book);
}

#[test]
fn book_example_2_gather_raises() {
    let (lines, json) = console("book-2-gather-exception");
    let mut book = CONNECTS.to_vec();
    book.push("Отправляю команду test на устройство 2");
    assert_eq!(lines, book);
    assert_eq!(json["raised"], "OSError: Не могу подключиться к 3");
}

#[test]
fn book_example_3_return_exceptions() {
    let (lines, json) = console("book-3-return-exceptions");
    let mut book = CONNECTS.to_vec();
    book.extend([
        "Отправляю команду test на устройство 2",
        "Отправляю команду test на устройство 5",
        "Отправляю команду test на устройство 7",
        "['test 5', 'test 2', OSError('Не могу подключиться к 3'), 'test 7']",
    ]);
    assert_eq!(lines, book);
    assert_eq!(json["raised"], serde_json::Value::Null);
}

#[test]
fn book_example_4_as_completed() {
    let (lines, _) = console("book-4-as-completed");
    // The book's start order (2, 1, 4, 5, 3) is CPython's set order: unspecified, so compared as a set.
    let mut starts: Vec<&str> = lines[..5].iter().map(String::as_str).collect();
    starts.sort();
    assert_eq!(
        starts,
        [
            ">>> start task 1 sleep 0.03",
            ">>> start task 2 sleep 8.93",
            ">>> start task 3 sleep 5.09",
            ">>> start task 4 sleep 8.33",
            ">>> start task 5 sleep 3.43"
        ]
    );
    let rest: Vec<String> = ["1", "5", "3", "4", "2"]
        .iter()
        .flat_map(|i| [format!("<<< end   task {i}"), format!("DONE task {i}")])
        .collect();
    assert_eq!(lines[5..], rest[..]);
}

#[test]
fn book_example_5_pipeline_writes_in_completion_order() {
    let (lines, _) = console("book-5-pipeline");
    let received: Vec<&str> = lines
        .iter()
        .filter(|l| l.starts_with("Получен"))
        .map(String::as_str)
        .collect();
    let written: Vec<String> = lines
        .iter()
        .filter(|l| l.starts_with(">>>"))
        .cloned()
        .collect();
    let expected: Vec<String> = received
        .iter()
        .map(|l| {
            format!(
                ">>> Записываю результат в файл {}.txt",
                &l["Получен результат от ".len()..]
            )
        })
        .collect();
    assert_eq!(written, expected);
    assert_eq!(
        lines
            .iter()
            .filter(|l| l.starts_with("<<< Результат записан"))
            .count(),
        4
    );
}

#[test]
fn the_timeout_preset_raises_timeout_error_at_four_seconds() {
    let (lines, json) = console("as-completed-timeout");
    assert_eq!(lines.last().unwrap(), "DONE task 5");
    assert_eq!(json["raised"], "TimeoutError");
    assert_eq!(json["end_time"], 4.0);
}

#[test]
fn invalid_input_exits_2_with_one_line_naming_the_field() {
    let (code, out, err) = simulate(
        &["-"],
        r#"{"coroutines": [{"name": "a", "steps": [{"sleep": -1}]}], "main": {"runner": "gather"}}"#,
    );
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(err, "coroutines[0].steps[0].sleep: must be ≥ 0, got -1\n");
    let (code, _, err) = simulate(&["-"], "not json");
    assert_eq!(code, 2);
    assert_eq!(err.lines().count(), 1);
}

#[test]
fn a_raising_scenario_is_still_a_success() {
    let (code, out, _) = simulate(&["www/presets/book-2-gather-exception.json"], "");
    assert_eq!(code, 0);
    assert!(out.contains("\"raised\": \"OSError: Не могу подключиться к 3\""));
}

/// `simulate --python` output, run as a script by CPython (as `python3 file.py` would, on the
/// harness's virtual clock), writes to stdout exactly the simulated console.
#[test]
fn the_generated_program_prints_the_simulated_console_when_run_as_a_script() {
    for preset in [
        "book-1-gather",
        "book-3-return-exceptions",
        "book-4-as-completed",
        "book-5-pipeline",
    ] {
        let (code, program, _) = simulate(&["--python", &format!("www/presets/{preset}.json")], "");
        assert_eq!(code, 0);
        let runner = "import runpy, sys, asyncio; sys.path.insert(0, 'tests/differential'); import harness; \
                      harness.tasks.set = harness.OrderedSet; harness.RUN.reset(); \
                      asyncio.set_event_loop_policy(harness.Policy()); \
                      open('target/program.py', 'w').write(sys.stdin.read()); runpy.run_path('target/program.py', run_name='__main__')";
        let python = std::env::var("ASYNCIO_PYTHON").unwrap_or("python3".into());
        let out = run_piped(Command::new(python).args(["-c", runner]), &program);
        assert!(out.status.success(), "{preset}: the program failed");
        let (lines, _) = console(preset);
        assert_eq!(
            String::from_utf8(out.stdout).unwrap(),
            lines.join("\n") + "\n",
            "{preset}"
        );
    }
}

#[test]
fn python_version_selects_the_semantics_in_any_flag_order() {
    let preset = "www/presets/as-completed-timeout.json";
    let (code, out, _) = simulate(&["--python-version", "3.9", preset], "");
    assert_eq!(code, 0);
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["raised"], "asyncio.exceptions.TimeoutError");
    let (_, default, _) = simulate(&[preset], "");
    let (_, v311, _) = simulate(&[preset, "--python-version", "3.11"], "");
    assert_eq!(default, v311);
    let (code, traced, _) = simulate(&["--python-version", "3.12", "--trace", preset], "");
    let (_, traced_after, _) = simulate(&["--trace", preset, "--python-version", "3.12"], "");
    assert_eq!((code, &traced), (0, &traced_after));
    assert!(traced.contains("\"trace\""));
    let (code, program, _) = simulate(&["--python", "--python-version", "3.8", "-"], "{\"coroutines\": [{\"name\": \"a\", \"steps\": []}], \"main\": {\"runner\": \"gather\", \"limit\": 1}}");
    assert_eq!(code, 0);
    assert!(program.contains("    global semaphore\n    semaphore = asyncio.Semaphore(1)\n"));
}

#[test]
fn an_unknown_version_or_a_runner_the_version_lacks_exits_2_with_one_line() {
    let preset = "www/presets/book-1-gather.json";
    let (code, out, err) = simulate(&["--python-version", "3.7", preset], "");
    assert_eq!((code, out.as_str()), (2, ""));
    assert_eq!(
        err,
        "unknown Python version \"3.7\": expected one of 3.8, 3.9, 3.10, 3.11, 3.12, 3.13\n"
    );
    let (code, _, err) = simulate(&[preset, "--python-version"], "");
    assert_eq!((code, err.lines().count()), (2, 1));
    let group = r#"{"coroutines": [{"name": "a", "steps": []}], "main": {"runner": "task_group"}}"#;
    for flag in ["--python", "--trace"] {
        let (code, _, err) = simulate(&[flag, "--python-version", "3.10", "-"], group);
        assert_eq!(code, 2);
        assert_eq!(
            err,
            "asyncio.TaskGroup exists from Python 3.11 on, not in 3.10\n"
        );
    }
}

#[test]
fn trace_lists_each_pass_with_its_ready_handles_and_timer_heap() {
    let (code, out, err) = simulate(&["--trace", "www/presets/book-1-gather.json"], "");
    assert_eq!(code, 0, "{err}");
    let json: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(json["console"][0]["pass"], 2);
    let fifth = &json["passes"][4];
    assert_eq!(
        (fifth["pass"].as_u64(), fifth["time"].as_f64()),
        (Some(5), Some(3.0))
    );
    assert_eq!(
        fifth["ready"],
        serde_json::json!([
            "the sleep timer of worker('3'): futures._set_result_unless_cancelled",
            "the sleep timer of worker('2'): futures._set_result_unless_cancelled",
        ])
    );
    assert_eq!(fifth["timers"][0]["when"], 5.0);
    assert_eq!(fifth["timers"].as_array().unwrap().len(), 2);
}
