//! Differential test: random scenarios (every runner the version has, ties, zero sleeps,
//! errors, timeouts, limits) are simulated under each Python version's semantics, and the
//! version's generated Python is run by that CPython on a virtual clock
//! (tests/differential/harness.py). Console text, order and timestamps, `raised`, `end_time`
//! and every coroutine's end state and time must be identical.
//!
//! The interpreters are `$PYENV_ROOT/versions/3.X.*/bin/python3` (`~/.pyenv` by default), the
//! newest patch release of each of 3.8 … 3.13. A missing version fails the test unless
//! `DIFF_ALLOW_MISSING=1`. `DIFF_CASES` sets how many scenarios per version (default 300),
//! `DIFF_SEED` the first seed.
//!
//! Each console line's loop pass is compared too and, for the first `DIFF_PASS_CASES`
//! scenarios of each version (default 100), each pass's ready-queue and timer counts as its
//! callbacks start.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use asyncio_playground::core::trace::What;
use asyncio_playground::core::{
    python, simulate_in, Limits, Python, Report, Scenario, Semantics, Simulation,
};
use common::{scenario, Rng};
use serde_json::{json, Value as Json};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

fn expected(report: &Report) -> Json {
    let coroutines: serde_json::Map<String, Json> = report
        .coroutines
        .iter()
        .map(|c| (c.name.clone(), json!([c.state.name(), c.end])))
        .collect();
    json!({
        "console": report.console.iter().zip(print_passes(report)).map(|(l, pass)| json!([l.t, l.text, pass])).collect::<Vec<_>>(),
        "raised": report.raised,
        "end_time": report.end_time,
        "coroutines": coroutines,
    })
}

/// The pass of each printed line, in console order.
fn print_passes(report: &Report) -> impl Iterator<Item = u64> + '_ {
    report
        .events
        .iter()
        .filter(|e| matches!(e.what, What::Print(_)))
        .map(|e| e.pass)
}

/// `[ready, timers]` of every pass as its callbacks start, as the harness samples CPython's.
fn pass_counts(scenario: &Scenario, python: Python) -> Json {
    let mut sim = Simulation::new(scenario, &Limits::default(), Semantics::new(python));
    let mut counts = Vec::new();
    while !sim.is_done() {
        let snap = sim.snapshot();
        counts.push(json!([snap.ready.len(), snap.timers.len()]));
        sim.step().expect("a generated scenario runs");
    }
    Json::Array(counts)
}

/// The harness's answer without its bookkeeping fields (and without the pass counts, which
/// only the first `DIFF_PASS_CASES` scenarios compare).
fn strip(got: &Json) -> Json {
    let mut got = got.clone();
    let map = got.as_object_mut().unwrap();
    map.remove("id");
    map.remove("task_order");
    map.remove("passes");
    got
}

/// An installed CPython: its full version (`3.12.1`) and interpreter.
struct Interpreter {
    python: Python,
    version: String,
    path: PathBuf,
}

/// The newest installed patch release of every version, and the versions not installed.
fn interpreters() -> (Vec<Interpreter>, Vec<Python>) {
    let root = std::env::var("PYENV_ROOT")
        .map(PathBuf::from)
        .unwrap_or_else(|_| {
            PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".pyenv")
        });
    let installed: Vec<String> = std::fs::read_dir(root.join("versions"))
        .map(|dir| {
            dir.filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for python in Python::ALL {
        let prefix = format!("{}.", python.name());
        let patch = |v: &String| v[prefix.len()..].parse::<u32>().ok();
        let newest = installed
            .iter()
            .filter(|v| v.starts_with(&prefix) && patch(v).is_some())
            .max_by_key(|v| patch(v));
        let path = newest.map(|v| root.join("versions").join(v).join("bin/python3"));
        match (newest, path) {
            (Some(version), Some(path)) if path.exists() => found.push(Interpreter {
                python,
                version: version.clone(),
                path,
            }),
            _ => missing.push(python),
        }
    }
    (found, missing)
}

/// A summary line on stderr, past the test harness's capture, so `cargo test` always shows it.
fn summary(line: &str) {
    let _ = writeln!(std::io::stderr(), "{line}");
}

/// Fails on a missing version unless `DIFF_ALLOW_MISSING=1`; says which either way.
fn require_all(missing: &[Python]) {
    if missing.is_empty() {
        return;
    }
    let names: Vec<&str> = missing.iter().map(|p| p.name()).collect();
    let allowed = std::env::var("DIFF_ALLOW_MISSING").is_ok_and(|v| v == "1");
    summary(&format!(
        "differential: CPython {} not installed",
        names.join(", ")
    ));
    assert!(
        allowed,
        "CPython {} not installed under pyenv (DIFF_ALLOW_MISSING=1 to run without)",
        names.join(", ")
    );
}

/// Runs the cases through the harness in one CPython process; returns its JSON lines.
fn run_cpython(interpreter: &Interpreter, cases: &[(Scenario, Json)], order: &str) -> Vec<Json> {
    let harness = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/differential/harness.py");
    let mut child = Command::new(&interpreter.path)
        .args([harness, "--order", order])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("{}: {e}", interpreter.path.display()));
    let mut input = String::new();
    for (id, (scenario, _)) in cases.iter().enumerate() {
        // A shared function takes the coroutine's name as its first argument (null below).
        let shared =
            scenario.coroutines.len() > 1 && python::function_names(scenario)[0] == python::SHARED;
        let functions: serde_json::Map<String, Json> = python::function_names(scenario)
            .into_iter()
            .zip(&scenario.coroutines)
            .map(|(f, c)| (f, if shared { Json::Null } else { json!(c.name) }))
            .collect();
        let program = python::program_for(scenario, interpreter.python);
        input.push_str(
            &json!({"id": id, "program": program, "functions": functions,
            "names": scenario.coroutines.iter().map(|c| c.name.clone()).collect::<Vec<_>>()})
            .to_string(),
        );
        input.push('\n');
    }
    // Write from another thread: the harness answers while we are still sending.
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    assert!(
        output.status.success(),
        "the harness failed under {}",
        interpreter.version
    );
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// `count` random scenarios whose runner `python` has, with their simulated report.
fn cases(count: usize, seed: u64, python: Python) -> Vec<(Scenario, Json)> {
    let mut rng = Rng(seed | 1);
    let semantics = Semantics::new(python);
    let mut all = Vec::with_capacity(count);
    while all.len() < count {
        let s = scenario(&mut rng);
        if s.check_python(python).is_err() {
            continue;
        }
        let report =
            simulate_in(&s, &Limits::default(), semantics).expect("a generated scenario runs");
        all.push((s, expected(&report)));
    }
    all
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs `check` for every installed version on its own thread (the harness processes run
/// side by side) and prints each version's summary line in version order.
fn for_every_version(check: fn(&Interpreter) -> Result<String, String>) {
    let (found, missing) = interpreters();
    let results: Vec<(String, Result<String, String>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = found
            .iter()
            .map(|i| scope.spawn(move || (i.version.clone(), check(i))))
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let mut failed = Vec::new();
    for (version, result) in &results {
        match result {
            Ok(line) => summary(&format!("{version}: {line}")),
            Err(e) => {
                summary(&format!("{version}: {e}"));
                failed.push(version.clone());
            }
        }
    }
    assert!(failed.is_empty(), "CPython {} differ", failed.join(", "));
    require_all(&missing);
}

fn mismatch(label: &str, scenario: &Scenario, want: &Json, got: &Json) {
    eprintln!(
        "MISMATCH ({label})\nscenario: {}\nsimulator: {want}\ncpython:   {got}\n",
        scenario.to_json_string()
    );
}

#[test]
fn simulator_matches_every_cpython_exactly() {
    for_every_version(|interpreter| {
        let count = env_number("DIFF_CASES", 300) as usize;
        let all = cases(count, env_number("DIFF_SEED", 0x5EED), interpreter.python);
        let results = run_cpython(interpreter, &all, "list");
        assert_eq!(results.len(), all.len(), "one result per program");
        let pass_cases = env_number("DIFF_PASS_CASES", 100) as usize;
        let mut failures = 0;
        let mut passes = 0;
        for (i, ((scenario, want), got)) in all.iter().zip(&results).enumerate() {
            let mut want = want.clone();
            let mut stripped = strip(got);
            if i < pass_cases {
                want["passes"] = pass_counts(scenario, interpreter.python);
                stripped["passes"] = got["passes"].clone();
                passes += want["passes"].as_array().map_or(0, Vec::len);
            }
            if stripped != want {
                failures += 1;
                if failures <= 3 {
                    mismatch(&interpreter.version, scenario, &want, &stripped);
                }
            }
        }
        if failures == 0 {
            Ok(format!(
                "{count} identical; in the first {}, {passes} passes with the same ready and timer counts",
                count.min(pass_cases)
            ))
        } else {
            Err(format!("{failures} of {count} differ"))
        }
    });
}

/// With CPython's own set order (object addresses decide as_completed's start order, which
/// can change everything downstream, e.g. who gets a Semaphore first), the simulator started
/// in the order CPython actually used must again match exactly.
#[test]
fn simulator_matches_every_cpython_under_its_real_set_order() {
    for_every_version(|interpreter| {
        let count = env_number("DIFF_CASES", 300) as usize / 2;
        let seed = env_number("DIFF_SEED", 0x5EED) ^ 0xABCD;
        let all = cases(count, seed, interpreter.python);
        let results = run_cpython(interpreter, &all, "real");
        let semantics = Semantics::new(interpreter.python);
        let mut failures = 0;
        let mut reordered = 0;
        for ((scenario, _), got) in all.iter().zip(&results) {
            let names: Vec<&str> = scenario
                .coroutines
                .iter()
                .map(|c| c.name.as_str())
                .collect();
            let order: Vec<usize> = got["task_order"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|n| names.iter().position(|m| Some(*m) == n.as_str()))
                .collect();
            let simulation =
                Simulation::with_set_order(scenario, &Limits::default(), semantics, &order)
                    .unwrap_or_else(|_| Simulation::new(scenario, &Limits::default(), semantics));
            reordered +=
                usize::from(order.len() == names.len() && order.windows(2).any(|w| w[0] > w[1]));
            let want = expected(&simulation.run().expect("a generated scenario runs"));
            if strip(got) != want {
                failures += 1;
                if failures <= 3 {
                    mismatch(
                        &format!("{}, real set order", interpreter.version),
                        scenario,
                        &want,
                        got,
                    );
                }
            }
        }
        if failures > 0 {
            return Err(format!(
                "{failures} of {count} differ under the real set order"
            ));
        }
        if reordered == 0 {
            return Err(
                "its set order never differed from list order: the test proved nothing".into(),
            );
        }
        Ok(format!(
            "{count} identical under the real set order, {reordered} started out of list order"
        ))
    });
}

#[test]
fn the_generator_covers_the_shared_function_form() {
    let all = cases(500, 99, Python::V3_11);
    let shared = all
        .iter()
        .filter(|(s, _)| s.coroutines.len() > 1 && python::function_names(s)[0] == python::SHARED)
        .count();
    assert!(
        shared > 50,
        "only {shared} of 500 scenarios use the shared function"
    );
}
