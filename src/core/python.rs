//! The Python 3.11 program a scenario stands for, in the book's style. It prints exactly the
//! simulated console and raises exactly the simulated exception: `runners.rs` is its twin,
//! statement for statement, and the differential test holds them to it.

use super::runners::{file_named_by_first_item, WRITE_END, WRITE_START};
use super::scenario::{Runner, Scenario, Step};
use super::value::{number, str_repr, Value};

const RESERVED: &[&str] = &[
    "False",
    "None",
    "True",
    "and",
    "as",
    "assert",
    "async",
    "await",
    "break",
    "class",
    "continue",
    "def",
    "del",
    "elif",
    "else",
    "except",
    "finally",
    "for",
    "from",
    "global",
    "if",
    "import",
    "in",
    "is",
    "lambda",
    "nonlocal",
    "not",
    "or",
    "pass",
    "raise",
    "return",
    "try",
    "while",
    "with",
    "yield",
    "asyncio",
    "main",
    "semaphore",
    "write_to_file",
    "print",
    "coroutines",
    "result",
    "results",
    "tasks",
    "task",
    "coro",
    "tg",
    "done",
    "pending",
    "error",
    "match",
    "case",
    "type",
];

/// The `async def` name of each coroutine: its lane name made an identifier, unique.
pub fn function_names(scenario: &Scenario) -> Vec<String> {
    let mut names: Vec<String> = Vec::with_capacity(scenario.coroutines.len());
    for (i, c) in scenario.coroutines.iter().enumerate() {
        let mut base = String::new();
        for ch in c.name.chars() {
            if ch.is_ascii_alphanumeric() {
                base.push(ch);
            } else if !base.ends_with('_') {
                base.push('_');
            }
        }
        let base = base.trim_matches('_').to_string();
        let starts_ok = base
            .chars()
            .next()
            .is_some_and(|ch| ch.is_ascii_alphabetic());
        let base = if base.is_empty() {
            format!("coroutine_{}", i + 1)
        } else if !starts_ok || RESERVED.contains(&base.as_str()) {
            format!("coro_{base}")
        } else {
            base
        };
        let mut name = base.clone();
        let mut k = 2;
        while names.contains(&name) {
            name = format!("{base}_{k}");
            k += 1;
        }
        names.push(name);
    }
    names
}

fn literal(v: &Value) -> String {
    v.py_repr()
}

fn body_lines(steps: &[Step], indent: &str, out: &mut Vec<String>) {
    for step in steps {
        out.push(match step {
            Step::Print(text) => format!("{indent}print({})", str_repr(text)),
            Step::Sleep(s) => format!("{indent}await asyncio.sleep({})", number(*s)),
            Step::Raise { kind, message } => {
                format!("{indent}raise {}({})", kind.name(), str_repr(message))
            }
            Step::Return(v) => format!("{indent}return {}", literal(v)),
        });
    }
    if steps.is_empty() {
        out.push(format!("{indent}pass"));
    }
}

fn timeout_arg(timeout: &Option<f64>) -> String {
    timeout
        .map(|t| format!(", timeout={}", number(t)))
        .unwrap_or_default()
}

/// The whole program, ready for `python3`.
pub fn program(scenario: &Scenario) -> String {
    let names = function_names(scenario);
    let mut out: Vec<String> = vec!["import asyncio".into(), String::new()];
    if let Some(limit) = scenario.main.limit {
        out.push(format!("semaphore = asyncio.Semaphore({limit})"));
        out.push(String::new());
    }
    for (c, name) in scenario.coroutines.iter().zip(&names) {
        out.push(String::new());
        out.push(format!("async def {name}():"));
        if scenario.main.limit.is_some() {
            out.push("    async with semaphore:".into());
            body_lines(&c.steps, "        ", &mut out);
        } else {
            body_lines(&c.steps, "    ", &mut out);
        }
        out.push(String::new());
    }
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
    let calls: Vec<String> = names.iter().map(|n| format!("{n}()")).collect();
    let coroutines = format!("    coroutines = [{}]", calls.join(", "));
    let lines: Vec<String> = match &scenario.main.runner {
        Runner::Gather { return_exceptions } => vec![
            coroutines,
            format!(
                "    result = await asyncio.gather(*coroutines{})",
                if *return_exceptions {
                    ", return_exceptions=True"
                } else {
                    ""
                }
            ),
            "    print(result)".into(),
        ],
        Runner::WaitForGather {
            timeout,
            return_exceptions,
        } => {
            vec![
                coroutines,
                format!(
                "    result = await asyncio.wait_for(asyncio.gather(*coroutines{}), timeout={})",
                if *return_exceptions { ", return_exceptions=True" } else { "" },
                number(*timeout)
            ),
                "    print(result)".into(),
            ]
        }
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
                .zip(&names)
                .map(|(c, n)| format!("asyncio.create_task({n}(), name={})", str_repr(&c.name)))
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
    out.extend(lines);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_names_are_unique_identifiers() {
        let json = r#"{"coroutines": [{"name": "5", "steps": []}, {"name": "task 1", "steps": []}, {"name": "task-1", "steps": []},
            {"name": "main", "steps": []}, {"name": "Привет", "steps": []}, {"name": "10.1.1.1", "steps": []}],
            "main": {"runner": "gather"}}"#;
        let s = Scenario::from_json(json).unwrap();
        assert_eq!(
            function_names(&s),
            [
                "coro_5",
                "task_1",
                "task_1_2",
                "coro_main",
                "coroutine_5",
                "coro_10_1_1_1"
            ]
        );
    }

    #[test]
    fn numbers_parse_back_to_the_same_float() {
        assert_eq!(number(5.0), "5");
        assert_eq!(number(0.1), "0.1");
        assert_eq!(number(1e-7), "1e-7");
        assert_eq!(number(8.93), "8.93");
    }
}
