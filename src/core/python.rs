//! The Python program a scenario stands for, in the book's style, for one CPython version
//! (3.8–3.13). It prints exactly the simulated console and raises exactly the simulated
//! exception: `programs.rs` is its twin, statement for statement, and the differential test
//! holds them to it under each version.

use super::programs::{file_named_by_first_item, WRITE_END, WRITE_START};
pub use super::python_functions::{function_names, SHARED};
use super::python_functions::{own_function_names, shared_function};
use super::scenario::{Runner, Scenario, Step};
use super::semantics::Python;
use super::value::{number, str_repr};

fn body_lines(steps: &[Step], indent: &str, out: &mut Vec<String>) {
    for step in steps {
        out.push(match step {
            Step::Print(text) => format!("{indent}print({})", str_repr(text)),
            Step::Sleep(s) => format!("{indent}await asyncio.sleep({})", number(*s)),
            Step::Raise { kind, message } => {
                format!("{indent}raise {}({})", kind.name(), str_repr(message))
            }
            Step::Return(v) => format!("{indent}return {}", v.py_repr()),
        });
    }
}

/// `asyncio.gather(*coroutines[, return_exceptions=True])`.
fn gather(return_exceptions: bool) -> String {
    let flag = if return_exceptions {
        ", return_exceptions=True"
    } else {
        ""
    };
    format!("asyncio.gather(*coroutines{flag})")
}

fn timeout_arg(timeout: &Option<f64>) -> String {
    timeout
        .map(|t| format!(", timeout={}", number(t)))
        .unwrap_or_default()
}

/// The whole program for Python 3.11, ready for `python3`.
pub fn program(scenario: &Scenario) -> String {
    program_for(scenario, Python::V3_11)
}

/// The whole program for `python`. A runner the version lacks is written all the same (it
/// fails there as CPython does); `Scenario::check_python` says so beforehand.
pub fn program_for(scenario: &Scenario, python: Python) -> String {
    // 3.8 and 3.9 bind a Semaphore to the event loop when it is made (3.10+ at its first
    // wait), so there it must be made inside `main()`, under `asyncio.run`'s loop.
    let semaphore_in_main = python < Python::V3_10;
    let mut out: Vec<String> = vec!["import asyncio".into(), String::new()];
    match scenario.main.limit {
        Some(limit) if !semaphore_in_main => {
            out.push(format!("semaphore = asyncio.Semaphore({limit})"));
            out.push(String::new());
        }
        _ => {}
    }
    let indent = if scenario.main.limit.is_some() {
        "        "
    } else {
        "    "
    };
    let define = |signature: String, body: Vec<String>, out: &mut Vec<String>| {
        out.push(String::new());
        out.push(format!("async def {signature}:"));
        if scenario.main.limit.is_some() {
            out.push("    async with semaphore:".into());
        }
        if body.is_empty() {
            out.push(format!("{indent}pass"));
        }
        out.extend(body.into_iter().map(|line| format!("{indent}{line}")));
        out.push(String::new());
    };
    let calls: Vec<String> = match shared_function(scenario) {
        Some(shared) => {
            let params: Vec<&str> = std::iter::once("name")
                .chain(shared.params.iter().map(String::as_str))
                .collect();
            define(
                format!("{SHARED}({})", params.join(", ")),
                shared.body,
                &mut out,
            );
            scenario
                .coroutines
                .iter()
                .zip(&shared.args)
                .map(|(c, args)| {
                    let args: Vec<String> = std::iter::once(str_repr(&c.name))
                        .chain(args.iter().cloned())
                        .collect();
                    format!("{SHARED}({})", args.join(", "))
                })
                .collect()
        }
        None => {
            let names = own_function_names(scenario);
            for (c, name) in scenario.coroutines.iter().zip(&names) {
                let mut body = Vec::new();
                body_lines(&c.steps, "", &mut body);
                define(format!("{name}()"), body, &mut out);
            }
            names.iter().map(|n| format!("{n}()")).collect()
        }
    };
    if let Runner::AsCompletedPipeline { write_delay, .. } = &scenario.main.runner {
        out.push(String::new());
        out.push("async def write_to_file(filename, data):".into());
        out.push(format!("    print(f\"{WRITE_START}{{filename}}\")"));
        out.push(format!("    await asyncio.sleep({})", number(*write_delay)));
        out.push(format!("    print(f\"{WRITE_END}{{filename}}\")"));
        out.push(String::new());
    }
    out.push(String::new());
    out.push("async def main():".into());
    match scenario.main.limit {
        Some(limit) if semaphore_in_main => {
            out.push("    global semaphore".into());
            out.push(format!("    semaphore = asyncio.Semaphore({limit})"));
        }
        _ => {}
    }
    let coroutines = format!("    coroutines = [{}]", calls.join(", "));
    let lines: Vec<String> = match &scenario.main.runner {
        Runner::Gather { return_exceptions } => vec![
            coroutines,
            format!("    result = await {}", gather(*return_exceptions)),
            "    print(result)".into(),
        ],
        Runner::WaitForGather {
            timeout,
            return_exceptions,
        } => vec![
            coroutines,
            format!(
                "    result = await asyncio.wait_for({}, timeout={})",
                gather(*return_exceptions),
                number(*timeout)
            ),
            "    print(result)".into(),
        ],
        Runner::Timeout {
            timeout,
            return_exceptions,
        } => vec![
            coroutines,
            format!("    async with asyncio.timeout({}):", number(*timeout)),
            format!("        result = await {}", gather(*return_exceptions)),
            "    print(result)".into(),
        ],
        Runner::AsCompleted { timeout, catch } => {
            let mut l = vec![
                coroutines,
                format!(
                    "    for coro in asyncio.as_completed(coroutines{}):",
                    timeout_arg(timeout)
                ),
            ];
            if *catch {
                l.extend(
                    [
                        "        try:",
                        "            result = await coro",
                        "        except Exception as error:",
                        "            print(f\"ERROR {error!r}\")",
                        "        else:",
                        "            print(f\"DONE {result}\")",
                    ]
                    .map(String::from),
                );
            } else {
                l.extend(
                    [
                        "        result = await coro",
                        "        print(f\"DONE {result}\")",
                    ]
                    .map(String::from),
                );
            }
            l
        }
        Runner::AsCompletedPipeline { timeout, .. } => {
            let file = if file_named_by_first_item(scenario) {
                "result[0]"
            } else {
                "result"
            };
            vec![
                coroutines,
                "    tasks = []".into(),
                format!("    for coro in asyncio.as_completed(coroutines{}):", timeout_arg(timeout)),
                "        result = await coro".into(),
                format!("        tasks.append(asyncio.create_task(write_to_file(f\"{{{file}}}.txt\", result)))"),
                "    await asyncio.gather(*tasks)".into(),
            ]
        }
        Runner::Wait {
            return_when,
            timeout,
        } => {
            let tasks: Vec<String> = scenario
                .coroutines
                .iter()
                .zip(&calls)
                .map(|(c, call)| format!("asyncio.create_task({call}, name={})", str_repr(&c.name)))
                .collect();
            vec![
                format!("    tasks = [{}]", tasks.join(", ")),
                format!(
                    "    done, pending = await asyncio.wait(tasks{}, return_when=asyncio.{})",
                    timeout_arg(timeout),
                    return_when.name()
                ),
                "    for task in tasks:".into(),
                "        if task in pending:".into(),
                "            print(f\"{task.get_name()}: pending\")".into(),
                "        elif task.exception() is not None:".into(),
                "            print(f\"{task.get_name()}: {task.exception()!r}\")".into(),
                "        else:".into(),
                "            print(f\"{task.get_name()}: {task.result()!r}\")".into(),
            ]
        }
        Runner::TaskGroup => vec![
            coroutines,
            "    async with asyncio.TaskGroup() as tg:".into(),
            "        tasks = [tg.create_task(coro) for coro in coroutines]".into(),
            "    print([task.result() for task in tasks])".into(),
        ],
        Runner::Sequential => vec![
            coroutines,
            "    results = []".into(),
            "    for coro in coroutines:".into(),
            "        results.append(await coro)".into(),
            "    print(results)".into(),
        ],
    };
    match scenario.main.linger {
        None => out.extend(lines),
        Some(linger) => {
            out.push("    try:".into());
            out.extend(lines.into_iter().map(|line| format!("    {line}")));
            out.push("    except Exception as error:".into());
            out.push("        print(f\"main() caught {error!r}\")".into());
            out.push(format!("        await asyncio.sleep({})", number(linger)));
        }
    }
    out.extend(
        [
            "",
            "",
            "if __name__ == \"__main__\":",
            "    asyncio.run(main())",
        ]
        .map(String::from),
    );
    out.join("\n") + "\n"
}
/// Where the generated program's statements are, as 1-based line numbers: what a code view
/// highlights for "the line each coroutine is at".
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LineMap {
    /// Each coroutine's `async def` line (coroutines sharing one function share it).
    pub defs: Vec<usize>,
    /// Each coroutine's `async with semaphore:` line, when there is a limit.
    pub semaphore: Vec<Option<usize>>,
    /// `steps[i][k]`: the line of coroutine `i`'s step `k`.
    pub steps: Vec<Vec<usize>>,
    /// `async def main():`.
    pub main_def: usize,
    /// The lines where `main()` may wait, in order: each `await`, and a TaskGroup's
    /// `async with` (its exit awaits the tasks).
    pub main_awaits: Vec<usize>,
}

/// The program of `program_for` and where each statement of it is. Found in the text
/// itself, so the map cannot drift from what is generated.
pub fn program_lines(scenario: &Scenario, python: Python) -> (String, LineMap) {
    let text = program_for(scenario, python);
    let lines: Vec<&str> = text.lines().collect();
    let def_line = |name: &str| {
        let head = format!("async def {name}(");
        lines
            .iter()
            .position(|l| l.starts_with(&head))
            .map_or(0, |i| i + 1)
    };
    let limited = scenario.main.limit.is_some();
    let mut map = LineMap::default();
    for (c, f) in scenario.coroutines.iter().zip(function_names(scenario)) {
        let def = def_line(&f);
        let body = def + 1 + usize::from(limited);
        map.defs.push(def);
        map.semaphore.push(limited.then_some(def + 1));
        map.steps
            .push((0..c.steps.len()).map(|k| body + k).collect());
    }
    map.main_def = def_line("main");
    map.main_awaits = (map.main_def..lines.len())
        .filter(|&i| {
            lines[i].contains("await ") || lines[i].contains("async with asyncio.TaskGroup")
        })
        .map(|i| i + 1)
        .collect();
    (text, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_back_to_the_same_float() {
        assert_eq!(number(5.0), "5");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(1e-7), "1e-7");
        assert_eq!(number(8.93), "8.93");
    }

    #[test]
    fn same_shaped_coroutines_share_one_function_like_the_book() {
        let json = r#"{"coroutines": [
            {"name": "5", "steps": [{"print": "Подключаюсь к 5"}, {"sleep": 5}, {"return": "test 5"}]},
            {"name": "2", "steps": [{"print": "Подключаюсь к 2"}, {"sleep": 2}, {"return": "test 2"}]}],
            "main": {"runner": "gather"}}"#;
        let program = program(&Scenario::from_json(json).unwrap());
        assert!(
            program
                .contains("async def worker(name, delay):\n    print(f'Подключаюсь к {name}')\n"),
            "{program}"
        );
        assert!(
            program.contains("coroutines = [worker('5', 5), worker('2', 2)]"),
            "{program}"
        );
    }

    #[test]
    fn a_lingering_main_wraps_the_runner_in_try_after_the_semaphore() {
        let json = r#"{"coroutines": [{"name": "5", "steps": [{"sleep": 5}]}],
            "main": {"runner": "gather", "limit": 2, "linger": 2.5}}"#;
        let program = program_for(&Scenario::from_json(json).unwrap(), Python::V3_9);
        let main = &program[program.find("async def main").unwrap()..];
        assert!(
            main.starts_with(
                "async def main():\n    global semaphore\n    semaphore = asyncio.Semaphore(2)\n    try:\n        coroutines = [coro_5()]\n        result = await asyncio.gather(*coroutines)\n        print(result)\n    except Exception as error:\n        print(f\"main() caught {error!r}\")\n        await asyncio.sleep(2.5)\n\n"
            ),
            "{main}"
        );
    }
}
