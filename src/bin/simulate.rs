//! `simulate FILE.json` prints what `asyncio.run(main())` does for a scenario, as JSON;
//! `simulate --python FILE.json` prints the Python program that does exactly that;
//! `--python-version 3.12` simulates (or writes the program for) that CPython instead of 3.11.
//! Flags in any order; `-` reads the scenario from stdin. Exit 2 with one line on stderr for
//! invalid input, an unknown version or a runner the version lacks.

use asyncio_playground::core::{python, report_json, Limits, Scenario, Semantics};
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
    let out = report_json(&scenario, &limits, semantics, mode == "--trace")?;
    Ok(serde_json::to_string_pretty(&out).expect("JSON values serialize"))
}
