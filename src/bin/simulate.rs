//! `simulate FILE.json` prints what `asyncio.run(main())` does for a scenario, as JSON;
//! `simulate --python FILE.json` prints the Python program that does exactly that;
//! `--python-version 3.12` simulates (or writes the program for) that CPython instead of 3.11.
//! Flags in any order; `-` reads the scenario from stdin. Exit 2 with one line on stderr for
//! invalid input, an unknown version or a runner the version lacks.

use asyncio_playground::core::handles::TimerView;
use asyncio_playground::core::trace::What;
use asyncio_playground::core::{lane_calls, python, Limits, Scenario, Semantics, Simulation};
use serde_json::{json, Value as Json};
use std::io::{Read, Write};
use std::process::ExitCode;

const USAGE: &str =
    "usage: simulate [--python | --trace] [--python-version 3.8…3.13] FILE.json   (- reads stdin)";

fn main() -> ExitCode {
    match run(std::env::args().skip(1).collect()) {
        // A closed pipe (`simulate … | head`) is the reader's choice, not an error.
        Ok(out) => match writeln!(std::io::stdout(), "{out}") {
            Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => ExitCode::FAILURE,
            _ => ExitCode::SUCCESS,
        },
        Err(message) => {
            eprintln!("{}", message.replace('\n', " "));
            ExitCode::from(2)
        }
    }
}

/// What the command line asks for.
struct Args {
    /// `"json"`, `"--python"` or `"--trace"`.
    mode: &'static str,
    semantics: Semantics,
    path: String,
}

fn parse(args: Vec<String>) -> Result<Args, String> {
    let (mut mode, mut semantics, mut path) = (None, None, None);
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--python" | "--trace" if mode.is_none() => {
                mode = Some(if arg == "--python" {
                    "--python"
                } else {
                    "--trace"
                })
            }
            "--python-version" if semantics.is_none() => {
                let name = args.next().ok_or(USAGE)?;
                semantics = Some(Semantics::from_name(&name)?);
            }
            _ if path.is_none() && (arg == "-" || !arg.starts_with("--")) => path = Some(arg),
            _ => return Err(USAGE.to_string()),
        }
    }
    Ok(Args {
        mode: mode.unwrap_or("json"),
        semantics: semantics.unwrap_or_default(),
        path: path.ok_or(USAGE)?,
    })
}

fn run(args: Vec<String>) -> Result<String, String> {
    let Args {
        mode,
        semantics,
        path,
    } = parse(args)?;
    let text = if path == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| format!("stdin: {e}"))?;
        s
    } else {
        std::fs::read_to_string(&path).map_err(|e| format!("{path}: {e}"))?
    };
    let limits = Limits::default();
    let scenario = Scenario::from_json_with(&text, &limits).map_err(|e| e.to_string())?;
    scenario
        .check_python(semantics.python())
        .map_err(|e| e.to_string())?;
    if mode == "--python" {
        return Ok(python::program_for(&scenario, semantics.python()));
    }
    // Step by step, keeping the timer heap each pass starts its callbacks with (`--trace`).
    let mut sim = Simulation::new(&scenario, &limits, semantics);
    let mut heaps: Vec<Vec<TimerView>> = Vec::new();
    while !sim.is_done() {
        if mode == "--trace" {
            heaps.push(sim.snapshot().timers);
        }
        sim.step().map_err(|e| e.to_string())?;
    }
    let report = sim.report();
    let print_passes = report
        .events
        .iter()
        .filter(|e| matches!(e.what, What::Print(_)))
        .map(|e| e.pass);
    let mut out = json!({
        "console": report.console.iter().zip(print_passes).map(|(l, pass)| json!({"t": l.t, "pass": pass, "text": l.text})).collect::<Vec<_>>(),
        "raised": report.raised,
        "end_time": report.end_time,
        "coroutines": report.coroutines.iter().map(|c| json!({"name": c.name, "state": c.state.name(), "end": c.end})).collect::<Vec<_>>(),
    });
    if mode == "--trace" {
        out["trace"] = report
            .events
            .iter()
            .map(|e| json!({"t": e.t, "pass": e.pass, "lane": report.lanes[e.lane].name, "what": format!("{:?}", e.what), "unspecified_order": e.unspecified_order, "race": e.race}))
            .collect();
        let calls = lane_calls(&scenario, &report.lanes);
        let mut passes: Vec<Json> = Vec::new();
        for h in &report.handles {
            if passes.last().is_none_or(|p| p["pass"] != h.pass) {
                let timers = &heaps[h.pass as usize - 1];
                passes.push(json!({"pass": h.pass, "time": h.time, "ready": [],
                    "timers": timers.iter().map(|t| json!({"when": t.when, "what": t.what.label(&calls)})).collect::<Vec<_>>()}));
            }
            let ready = passes.last_mut().expect("pushed above")["ready"].as_array_mut();
            ready.expect("an array").push(json!(h.view.label(&calls)));
        }
        out["passes"] = Json::Array(passes);
    }
    Ok(serde_json::to_string_pretty(&out).expect("JSON values serialize"))
}
