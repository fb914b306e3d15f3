//! `cargo bench --bench gather`: a gather of 1k / 10k / 100k coroutines in the book's style,
//! simulated here, and the 10k scenario's generated program run by CPython 3.11 on the
//! differential harness's virtual-time loop, side by side in one run.
//!
//! A benchmark, not a timed test: it prints numbers and fails only when something is wrong
//! (the simulation errs, or CPython's console differs from the simulator's), never on speed.
//! Goal from the issue: the simulator ≥ 50× faster than CPython on the same 10k gather.
//!
//! `ASYNCIO_PYTHON` sets the interpreter (default `python3`, which must be 3.11);
//! `GATHER_BENCH_NO_PYTHON=1` skips the CPython half.

use asyncio_playground::core::scenario::{Coroutine, Main, Runner, Step};
use asyncio_playground::core::value::Value;
use asyncio_playground::core::{python, simulate, Limits, Report, Scenario, Semantics, Simulation};
use serde_json::{json, Value as Json};
use std::io::Write;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];
/// The CPython comparison uses this one of `SIZES`.
const COMPARED: usize = 10_000;

/// The benchmark's own caps: the default `Limits` stop input at 1000 coroutines.
fn limits() -> Limits {
    Limits {
        max_coroutines: 100_000,
        max_events: 10_000_000,
        ..Limits::default()
    }
}

/// n coroutines as in the book: connect, wait (i % 10) + 1 s, send, wait 1 s, return.
fn scenario(n: usize) -> Scenario {
    let coroutines = (0..n)
        .map(|i| Coroutine {
            name: i.to_string(),
            steps: vec![
                Step::Print(format!("Подключаюсь к {i}")),
                Step::Sleep((i % 10) as f64 + 1.0),
                Step::Print(format!("Отправляю команду test на устройство {i}")),
                Step::Sleep(1.0),
                Step::Return(Value::Str(format!("test {i}"))),
            ],
        })
        .collect();
    Scenario {
        coroutines,
        main: Main {
            runner: Runner::Gather {
                return_exceptions: false,
            },
            limit: None,
            linger: None,
        },
    }
}

/// Repetitions per size: enough for a stable median, bounded in total time.
fn repetitions(n: usize) -> usize {
    match n {
        0..=1_000 => 31,
        1_001..=10_000 => 11,
        _ => 5,
    }
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs[xs.len() / 2]
}

/// Runs a scenario to the end without building the report; false when it exceeds the caps.
fn completes(s: &Scenario, limits: &Limits) -> bool {
    let mut sim = Simulation::new(s, limits, Semantics::default());
    while !sim.is_done() {
        if sim.step().is_err() {
            return false;
        }
    }
    true
}

/// Loop callbacks the run executes (`Limits::max_events` counts them): the smallest cap the
/// run completes under, found by bisection (a run over the cap stops with `TooManyEvents`).
fn loop_callbacks(s: &Scenario, limits: &Limits) -> u64 {
    let (mut lo, mut hi) = (0u64, limits.max_events); // fails at lo (unless 0), succeeds at hi
    while lo + 1 < hi {
        let mid = lo + (hi - lo) / 2;
        let capped = Limits {
            max_events: mid,
            ..*limits
        };
        if completes(s, &capped) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    hi
}

/// Where `simulate`'s time goes: `Simulation::new`, the loop passes (`step` until done) and
/// `report()` (which `Simulation::run` calls at the end). Medians of a few runs.
struct Phases {
    new: Duration,
    steps: Duration,
    report: Duration,
}

fn phases(s: &Scenario, limits: &Limits, reps: usize) -> Phases {
    let (mut new, mut steps, mut report) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..reps {
        let t0 = Instant::now();
        let mut sim = Simulation::new(s, limits, Semantics::default());
        let t1 = Instant::now();
        while !sim.is_done() {
            sim.step().expect("the warm-up run completed");
        }
        let t2 = Instant::now();
        std::hint::black_box(sim.report());
        let t3 = Instant::now();
        new.push(t1 - t0);
        steps.push(t2 - t1);
        report.push(t3 - t2);
    }
    Phases {
        new: median(new),
        steps: median(steps),
        report: median(report),
    }
}

struct Row {
    n: usize,
    median: Duration,
    min: Duration,
    reps: usize,
    events: usize,
    callbacks: u64,
    passes: u64,
    phases: Phases,
}

impl Row {
    fn ns_per_coroutine(&self) -> f64 {
        self.median.as_nanos() as f64 / self.n as f64
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn bench_simulator(n: usize, limits: &Limits) -> (Row, Report) {
    let s = scenario(n);
    // Warm-up run, which is also the report checked against CPython.
    let report = simulate(&s, limits).unwrap_or_else(|e| panic!("n={n}: {e}"));
    assert_eq!(report.raised, None, "n={n}: the gather raised");
    assert_eq!(report.console.len(), 2 * n + 1, "n={n}: console lines");
    let reps = repetitions(n);
    let mut times = Vec::with_capacity(reps);
    for _ in 0..reps {
        let start = Instant::now();
        let r = simulate(&s, limits);
        times.push(start.elapsed());
        std::hint::black_box(r.expect("same scenario as the warm-up"));
    }
    let row = Row {
        n,
        min: *times.iter().min().expect("reps > 0"),
        median: median(times),
        reps,
        events: report.events.len(),
        callbacks: loop_callbacks(&s, limits),
        passes: report.events.last().map_or(0, |e| e.pass),
        phases: phases(&s, limits, if n > 10_000 { 1 } else { 3 }),
    };
    (row, report)
}

struct CPython {
    version: String,
    run_one: Duration,
    asyncio_run: Duration,
    repeats: usize,
    callbacks: u64,
    check: Json,
    program_lines: usize,
    shared: bool,
}

fn durations(v: &Json, key: &str) -> Vec<Duration> {
    v[key]
        .as_array()
        .unwrap_or_else(|| panic!("driver output lacks {key}"))
        .iter()
        .map(|x| Duration::from_secs_f64(x.as_f64().expect("seconds")))
        .collect()
}

fn run_cpython(s: &Scenario) -> CPython {
    let python = std::env::var("ASYNCIO_PYTHON").unwrap_or_else(|_| "python3".to_string());
    let driver = concat!(env!("CARGO_MANIFEST_DIR"), "/benches/cpython_gather.py");
    // The harness's protocol (as tests/differential.rs speaks it): coroutines of one shape share
    // one `worker(name, ...)` function, whose wrapper takes the name from its first argument.
    let names = python::function_names(s);
    let shared = s.coroutines.len() > 1 && names[0] == python::SHARED;
    let functions: serde_json::Map<String, Json> = names
        .into_iter()
        .zip(&s.coroutines)
        .map(|(f, c)| (f, if shared { Json::Null } else { json!(c.name) }))
        .collect();
    let names: Vec<&str> = s.coroutines.iter().map(|c| c.name.as_str()).collect();
    let program = python::program(s);
    let case = json!({"id": 0, "program": program, "functions": functions, "names": names});
    let repeats = 5;
    let mut child = Command::new(&python)
        .args([driver, "--repeat", &repeats.to_string()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {python}: {e}"));
    child
        .stdin
        .take()
        .expect("piped")
        .write_all(case.to_string().as_bytes())
        .expect("write the program to the driver");
    let out = child.wait_with_output().expect("driver output");
    assert!(
        out.status.success(),
        "{python} {driver} failed: {}",
        out.status
    );
    let v: Json = serde_json::from_slice(&out.stdout).expect("driver prints one JSON object");
    CPython {
        version: v["python"].as_str().unwrap_or("?").to_string(),
        run_one: median(durations(&v, "run_one_s")),
        asyncio_run: median(durations(&v, "asyncio_run_s")),
        repeats,
        callbacks: v["callbacks"].as_u64().expect("callbacks"),
        check: v["check"].clone(),
        program_lines: program.lines().count(),
        shared,
    }
}

/// CPython's console, end time and coroutine ends must equal the simulator's, line for line.
fn compare(report: &Report, check: &Json) -> Result<String, String> {
    let console = check["console"].as_array().ok_or("no console")?;
    if console.len() != report.console.len() {
        return Err(format!(
            "CPython printed {} lines, the simulator {}",
            console.len(),
            report.console.len()
        ));
    }
    for (k, (py, sim)) in console.iter().zip(&report.console).enumerate() {
        let (t, text) = (py[0].as_f64(), py[1].as_str());
        if t != Some(sim.t) || text != Some(sim.text.as_str()) {
            return Err(format!(
                "line {k}: CPython {py}, simulator [{}, {:?}]",
                sim.t, sim.text
            ));
        }
    }
    if !check["raised"].is_null() {
        return Err(format!("CPython raised {}", check["raised"]));
    }
    if check["end_time"].as_f64() != Some(report.end_time) {
        return Err(format!(
            "end_time: CPython {}, simulator {}",
            check["end_time"], report.end_time
        ));
    }
    for c in &report.coroutines {
        let py = &check["coroutines"][&c.name];
        if py[0].as_str() != Some(c.state.name()) || py[1].as_f64() != c.end {
            return Err(format!(
                "coroutine {}: CPython {py}, simulator {} at {:?}",
                c.name,
                c.state.name(),
                c.end
            ));
        }
    }
    let first = &report.console[0];
    let last = &report.console[report.console.len() - 1];
    let shown: String = last.text.chars().take(60).collect();
    Ok(format!(
        "{} lines identical (time and text); first [{}] {:?}; last [{}] {:?}… ({} chars); \
         end_time {}; {} coroutines returned at the same times",
        report.console.len(),
        first.t,
        first.text,
        last.t,
        shown,
        last.text.chars().count(),
        report.end_time,
        report.coroutines.len()
    ))
}

fn main() {
    // `cargo bench` passes `--bench`; this harness-less bench takes no arguments of its own.
    let limits = limits();
    println!("gather of n coroutines (book style: print, sleep (i % 10) + 1 s, print, sleep 1 s, return)");
    println!(
        "simulator: median of repeated `simulate` calls (limits: {} coroutines, {} loop callbacks)",
        limits.max_coroutines, limits.max_events
    );
    println!();
    println!(
        "{:>8} {:>5} {:>11} {:>11} {:>9} {:>10} {:>7} {:>14} {:>16} {:>14}",
        "n",
        "reps",
        "median ms",
        "min ms",
        "events",
        "callbacks",
        "passes",
        "events/s",
        "callbacks/s",
        "ns/coroutine"
    );
    let mut rows = Vec::new();
    let mut compared = None;
    for n in SIZES {
        let (row, report) = bench_simulator(n, &limits);
        let secs = row.median.as_secs_f64();
        println!(
            "{:>8} {:>5} {:>11.3} {:>11.3} {:>9} {:>10} {:>7} {:>14.0} {:>16.0} {:>14.0}",
            row.n,
            row.reps,
            ms(row.median),
            ms(row.min),
            row.events,
            row.callbacks,
            row.passes,
            row.events as f64 / secs,
            row.callbacks as f64 / secs,
            row.ns_per_coroutine()
        );
        if n == COMPARED {
            compared = Some(report);
        }
        rows.push(row);
    }
    println!("  events = trace events (report.events.len()); callbacks = loop callbacks run");
    println!("  (Limits::max_events counts these); passes = _run_once passes.");

    println!();
    println!("where the time goes, through the public Simulation API (median of 3 runs; 1 run above 10k):");
    println!(
        "{:>8} {:>10} {:>16} {:>18} {:>16} {:>17}",
        "n", "new ms", "loop passes ms", "loop ns/callback", "report() ms", "report ns/coro"
    );
    for r in &rows {
        let p = &r.phases;
        println!(
            "{:>8} {:>10.3} {:>16.3} {:>18.0} {:>16.3} {:>17.0}",
            r.n,
            ms(p.new),
            ms(p.steps),
            p.steps.as_nanos() as f64 / r.callbacks as f64,
            ms(p.report),
            p.report.as_nanos() as f64 / r.n as f64
        );
    }

    println!();
    let growth: Vec<String> = rows
        .iter()
        .map(|r| format!("{:.0} ns", r.ns_per_coroutine()))
        .collect();
    let first = &rows[0];
    let last = &rows[rows.len() - 1];
    let spread = last.ns_per_coroutine() / first.ns_per_coroutine();
    let per_step: Vec<String> = rows
        .windows(2)
        .map(|w| {
            format!(
                "{}→{}: n ×{}, time ×{:.2}",
                w[0].n,
                w[1].n,
                w[1].n / w[0].n,
                w[1].median.as_secs_f64() / w[0].median.as_secs_f64()
            )
        })
        .collect();
    let verdict = if spread < 1.5 {
        "roughly linear"
    } else if spread < 3.0 {
        "slightly worse than linear"
    } else {
        "clearly worse than linear"
    };
    println!(
        "growth: ns per coroutine at {}: {} (×{:.2} from 1k to 100k) → {verdict}",
        SIZES.map(|n| format!("{}k", n / 1000)).join(" / "),
        growth.join(" / "),
        spread
    );
    println!("  {}", per_step.join("; "));

    println!();
    if std::env::var_os("GATHER_BENCH_NO_PYTHON").is_some() {
        println!("CPython comparison skipped (GATHER_BENCH_NO_PYTHON)");
        return;
    }
    let report = compared.expect("COMPARED is one of SIZES");
    let sim = rows.iter().find(|r| r.n == COMPARED).expect("COMPARED row");
    let s = scenario(COMPARED);
    let py = run_cpython(&s);
    match compare(&report, &py.check) {
        Ok(summary) => println!("same output: {summary}"),
        Err(diff) => panic!("CPython and the simulator differ on the {COMPARED} gather: {diff}"),
    }
    println!(
        "CPython {} virtual-time loop, {COMPARED} coroutines, median of {} runs (interpreter start-up excluded);",
        py.version, py.repeats
    );
    println!(
        "  program: python::program(&scenario), {} lines{}",
        py.program_lines,
        if py.shared {
            ", one shared `worker(name, delay)` as the book writes it"
        } else {
            ""
        }
    );
    println!(
        "  asyncio.run(main()) alone:                 {:>10.3} ms  ({} loop callbacks; simulator {})",
        ms(py.asyncio_run),
        py.callbacks,
        sim.callbacks
    );
    println!(
        "  run_one (compile + exec + asyncio.run):    {:>10.3} ms",
        ms(py.run_one)
    );
    println!(
        "  simulator `simulate`:                      {:>10.3} ms",
        ms(sim.median)
    );
    let ratio = py.asyncio_run.as_secs_f64() / sim.median.as_secs_f64();
    let ratio_total = py.run_one.as_secs_f64() / sim.median.as_secs_f64();
    println!();
    println!(
        "ratio: simulator is {ratio:.1}× faster than CPython's virtual-time loop on the same \
         {}k-coroutine gather (asyncio.run alone; {ratio_total:.1}× against the whole run_one)",
        COMPARED / 1000
    );
    let looped = sim.phases.new + sim.phases.steps;
    println!(
        "  without report() (Simulation::new + loop passes, {:.3} ms): {:.1}× — report() is {:.0}% of `simulate` at {}k",
        ms(looped),
        py.asyncio_run.as_secs_f64() / looped.as_secs_f64(),
        100.0 * sim.phases.report.as_secs_f64()
            / (looped + sim.phases.report).as_secs_f64(),
        COMPARED / 1000
    );
    println!(
        "goal ≥ 50×: {}",
        if ratio >= 50.0 { "met" } else { "NOT met" }
    );
}
