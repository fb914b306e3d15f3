//! Differential test: random scenarios (every runner, ties, zero sleeps, errors, timeouts,
//! limits) are simulated here and their generated Python is run by CPython 3.11 on a virtual
//! clock (tests/differential/harness.py). Console text, order and timestamps, `raised`,
//! `end_time` and every coroutine's end state and time must be identical.
//!
//! `DIFF_CASES` sets how many scenarios (default 2000), `DIFF_SEED` the first seed,
//! `ASYNCIO_PYTHON` the interpreter (default `python3`, which must be 3.11).
#![cfg(not(target_arch = "wasm32"))]

use asyncio_playground::core::scenario::{Coroutine, Main, ReturnWhen, Runner, Step};
use asyncio_playground::core::value::{ErrorType, Value};
use asyncio_playground::core::{python, simulate, Limits, Report, Scenario};
use serde_json::{json, Value as Json};
use std::io::Write;
use std::process::{Command, Stdio};

/// xorshift64*: small, seedable, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545F4914F6CDD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())].clone()
    }
}

/// Sleeps drawn so that equal deadlines, zero sleeps and float sums (0.1 + 0.2) are common.
fn seconds(rng: &mut Rng) -> f64 {
    match rng.below(10) {
        0 => 0.0,
        1 => rng.pick(&[0.1, 0.2, 0.3, 0.7]),
        2 => rng.below(1000) as f64 / 100.0,
        _ => rng.pick(&[0.5, 1.0, 1.0, 1.5, 2.0, 2.0, 3.0, 5.0]),
    }
}

fn scalar(rng: &mut Rng, name: &str) -> Value {
    match rng.below(3) {
        0 => Value::Int(rng.below(100) as i64 - 10),
        1 => Value::Str(format!("test {name}")),
        _ => Value::Str(
            rng.pick(&["it's", "a\"b", "x\ny", "Привет", ""])
                .to_string(),
        ),
    }
}

fn coroutine(rng: &mut Rng, name: String) -> Coroutine {
    let mut steps = Vec::new();
    for _ in 0..rng.below(5) {
        steps.push(if rng.chance(45) {
            Step::Print(format!("{name} says {}", rng.below(10)))
        } else {
            Step::Sleep(seconds(rng))
        });
    }
    match rng.below(10) {
        0..=2 => steps.push(Step::Raise {
            kind: rng.pick(&ErrorType::ALL),
            message: rng.pick(&["boom", "", "Не могу подключиться"]).into(),
        }),
        3..=7 => steps.push(Step::Return(match rng.below(4) {
            0 => Value::None,
            1 => Value::Tuple((0..rng.below(3)).map(|_| scalar(rng, &name)).collect()),
            _ => scalar(rng, &name),
        })),
        _ => {}
    }
    Coroutine { name, steps }
}

fn timeout(rng: &mut Rng) -> Option<f64> {
    if rng.chance(40) {
        None
    } else {
        Some(seconds(rng))
    }
}

fn scenario(rng: &mut Rng) -> Scenario {
    let names = [
        "5",
        "2",
        "3",
        "7",
        "task 1",
        "10.1.1.1",
        "a'b",
        "main",
        "Роутер",
        "x",
    ];
    let n = 1 + rng.below(5);
    let mut chosen: Vec<String> = Vec::new();
    while chosen.len() < n {
        let name = rng.pick(&names).to_string();
        if !chosen.contains(&name) {
            chosen.push(name);
        }
    }
    let coroutines = chosen
        .into_iter()
        .map(|name| coroutine(rng, name))
        .collect();
    let runner = match rng.below(7) {
        0 => Runner::Gather {
            return_exceptions: rng.chance(50),
        },
        1 => Runner::AsCompleted {
            timeout: timeout(rng),
            catch: rng.chance(50),
        },
        2 => Runner::AsCompletedPipeline {
            timeout: timeout(rng),
            write_delay: seconds(rng),
        },
        3 => Runner::Wait {
            return_when: rng.pick(&ReturnWhen::ALL),
            timeout: timeout(rng),
        },
        4 => Runner::WaitForGather {
            timeout: seconds(rng),
            return_exceptions: rng.chance(50),
        },
        5 => Runner::TaskGroup,
        _ => Runner::Sequential,
    };
    let limit = if rng.chance(25) {
        Some(1 + rng.below(3) as u32)
    } else {
        None
    };
    Scenario {
        coroutines,
        main: Main { runner, limit },
    }
}

fn expected(report: &Report) -> Json {
    let coroutines: serde_json::Map<String, Json> = report
        .coroutines
        .iter()
        .map(|c| (c.name.clone(), json!([c.state.name(), c.end])))
        .collect();
    json!({
        "console": report.console.iter().map(|l| json!([l.t, l.text])).collect::<Vec<_>>(),
        "raised": report.raised,
        "end_time": report.end_time,
        "coroutines": coroutines,
    })
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
        let functions: serde_json::Map<String, Json> = python::function_names(scenario)
            .into_iter()
            .zip(&scenario.coroutines)
            .map(|(f, c)| (f, json!(c.name)))
            .collect();
        input.push_str(
            &json!({"id": id, "program": python::program(scenario), "functions": functions})
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
    for ((scenario, want), got) in all.iter().zip(&results) {
        let mut got = got.clone();
        got.as_object_mut().unwrap().remove("id");
        if &got != want {
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
    println!("differential: {count} scenarios identical to CPython 3.11");
}
