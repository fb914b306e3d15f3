//! Differential test: random scenarios (every runner, ties, zero sleeps, errors, timeouts,
//! limits) are simulated here and their generated Python is run by CPython 3.11 on a virtual
//! clock (tests/differential/harness.py). Console text, order and timestamps, `raised`,
//! `end_time` and every coroutine's end state and time must be identical.
//!
//! Each console line's loop pass is compared too and, for the first `DIFF_PASS_CASES`
//! scenarios (default 300), each pass's ready-queue and timer counts as its callbacks start.
//!
//! `DIFF_CASES` sets how many scenarios (default 2000), `DIFF_SEED` the first seed,
//! `ASYNCIO_PYTHON` the interpreter (default `python3`, which must be 3.11).
#![cfg(not(target_arch = "wasm32"))]

mod common;

use asyncio_playground::core::trace::What;
use asyncio_playground::core::{python, simulate, Limits, Report, Scenario, Semantics, Simulation};
use common::{scenario, Rng};
use serde_json::{json, Value as Json};
use std::io::Write;
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
fn pass_counts(scenario: &Scenario) -> Json {
    let mut sim = Simulation::new(scenario, &Limits::default(), Semantics::default());
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

fn python() -> String {
    std::env::var("ASYNCIO_PYTHON").unwrap_or_else(|_| "python3".into())
}

/// Runs the cases through the harness in one CPython process; returns its JSON lines.
fn run_cpython(cases: &[(Scenario, Json)], order: &str) -> Vec<Json> {
    let harness = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/differential/harness.py");
    let mut child = Command::new(python())
        .args([harness, "--order", order])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .expect("CPython 3.11 runs the harness (set ASYNCIO_PYTHON)");
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
        input.push_str(
            &json!({"id": id, "program": python::program(scenario), "functions": functions,
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
    assert!(output.status.success(), "the harness failed");
    String::from_utf8(output.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn cases(count: usize, seed: u64) -> Vec<(Scenario, Json)> {
    let mut rng = Rng(seed | 1);
    (0..count)
        .map(|_| {
            let s = scenario(&mut rng);
            let report = simulate(&s, &Limits::default()).expect("a generated scenario runs");
            (s, expected(&report))
        })
        .collect()
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn simulator_matches_cpython_311_exactly() {
    let count = env_number("DIFF_CASES", 2000) as usize;
    let all = cases(count, env_number("DIFF_SEED", 0x5EED));
    let results = run_cpython(&all, "list");
    assert_eq!(results.len(), all.len(), "one result per program");
    let mut failures = 0;
    let mut passes = 0;
    let pass_cases = env_number("DIFF_PASS_CASES", 300) as usize;
    for (i, ((scenario, want), got)) in all.iter().zip(&results).enumerate() {
        let mut want = want.clone();
        let mut got = strip(got);
        if i < pass_cases {
            want["passes"] = pass_counts(scenario);
            got["passes"] = results[i]["passes"].clone();
            passes += want["passes"].as_array().unwrap().len();
        }
        if got != want {
            failures += 1;
            if failures <= 3 {
                eprintln!(
                    "MISMATCH\nscenario: {}\nsimulator: {want}\ncpython:   {got}\n",
                    scenario.to_json_string()
                );
            }
        }
    }
    assert_eq!(
        failures, 0,
        "{failures} of {count} scenarios differ from CPython"
    );
    println!("differential: {count} scenarios identical to CPython 3.11; in the first {}, {passes} passes with the same ready and timer counts", count.min(pass_cases));
}

/// With CPython's own set order (object addresses decide as_completed's start order, which
/// can change everything downstream, e.g. who gets a Semaphore first), the simulator started
/// in the order CPython actually used must again match exactly.
#[test]
fn simulator_matches_cpython_under_its_real_set_order() {
    let count = env_number("DIFF_CASES", 2000) as usize / 2;
    let all = cases(count, env_number("DIFF_SEED", 0x5EED) ^ 0xABCD);
    let results = run_cpython(&all, "real");
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
            Simulation::with_set_order(scenario, &Limits::default(), Semantics::default(), &order)
                .unwrap_or_else(|_| {
                    Simulation::new(scenario, &Limits::default(), Semantics::default())
                });
        reordered +=
            usize::from(order.len() == names.len() && order.windows(2).any(|w| w[0] > w[1]));
        let want = expected(&simulation.run().expect("a generated scenario runs"));
        if strip(got) != want {
            failures += 1;
            if failures <= 3 {
                eprintln!("MISMATCH (real set order)\nscenario: {}\nsimulator: {want}\ncpython:   {got}\n", scenario.to_json_string());
            }
        }
    }
    assert_eq!(
        failures, 0,
        "{failures} of {count} scenarios differ under CPython's own set order"
    );
    assert!(
        reordered > 0,
        "CPython's set order never differed from list order: the test proved nothing"
    );
    println!("differential (real set order): {count} scenarios identical, {reordered} started out of list order");
}

#[test]
fn the_generator_covers_the_shared_function_form() {
    let all = cases(500, 99);
    let shared = all
        .iter()
        .filter(|(s, _)| s.coroutines.len() > 1 && python::function_names(s)[0] == python::SHARED)
        .count();
    assert!(
        shared > 50,
        "only {shared} of 500 scenarios use the shared function"
    );
}
