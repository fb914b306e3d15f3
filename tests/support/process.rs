//! Running a command of the project (the `simulate` binary, `python3`) with input piped in.

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs `command` in the project folder with `stdin` piped in; returns its output.
pub fn run_piped(command: &mut Command, stdin: &str) -> Output {
    let mut child = command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    child.wait_with_output().unwrap()
}
