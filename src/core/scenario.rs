//! The scenario: which coroutines run, what each step does, and how `main` awaits them.
//! One JSON format serves presets, share links and the `simulate` command. Parsing is strict
//! and every rejection names the field (`coroutines[2].steps[0].sleep: …`); nothing panics.

use super::value::{number, ErrorType, Value};
use serde_json::{json, Map, Value as Json};
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub coroutines: Vec<Coroutine>,
    pub main: Main,
}

/// One `async def`: its lane name and the statements of its body, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Coroutine {
    pub name: String,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// `print(text)`
    Print(String),
    /// `await asyncio.sleep(seconds)`; 0 is a bare yield, as in CPython.
    Sleep(f64),
    /// `raise Kind(message)`
    Raise { kind: ErrorType, message: String },
    /// `return value`
    Return(Value),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Main {
    pub runner: Runner,
    /// Every coroutine runs inside `async with asyncio.Semaphore(limit)`.
    pub limit: Option<u32>,
}

/// How `main()` awaits the coroutines.
#[derive(Clone, Debug, PartialEq)]
pub enum Runner {
    Gather {
        return_exceptions: bool,
    },
    AsCompleted {
        timeout: Option<f64>,
        catch: bool,
    },
    AsCompletedPipeline {
        timeout: Option<f64>,
        write_delay: f64,
    },
    Wait {
        return_when: ReturnWhen,
        timeout: Option<f64>,
    },
    WaitForGather {
        timeout: f64,
        return_exceptions: bool,
    },
    TaskGroup,
    Sequential,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnWhen {
    FirstCompleted,
    FirstException,
    AllCompleted,
}

impl ReturnWhen {
    pub const ALL: [ReturnWhen; 3] = [
        ReturnWhen::FirstCompleted,
        ReturnWhen::FirstException,
        ReturnWhen::AllCompleted,
    ];

    pub fn name(self) -> &'static str {
        match self {
            ReturnWhen::FirstCompleted => "FIRST_COMPLETED",
            ReturnWhen::FirstException => "FIRST_EXCEPTION",
            ReturnWhen::AllCompleted => "ALL_COMPLETED",
        }
    }
}

impl Runner {
    pub const NAMES: [&'static str; 7] = [
        "gather",
        "as_completed",
        "as_completed_pipeline",
        "wait",
        "wait_for_gather",
        "task_group",
        "sequential",
    ];

    pub fn name(&self) -> &'static str {
        match self {
            Runner::Gather { .. } => "gather",
            Runner::AsCompleted { .. } => "as_completed",
            Runner::AsCompletedPipeline { .. } => "as_completed_pipeline",
            Runner::Wait { .. } => "wait",
            Runner::WaitForGather { .. } => "wait_for_gather",
            Runner::TaskGroup => "task_group",
            Runner::Sequential => "sequential",
        }
    }

    /// The `timeout=` the runner passes, if any: its deadline, in seconds after the start.
    pub fn timeout(&self) -> Option<f64> {
        match self {
            Runner::AsCompleted { timeout, .. }
            | Runner::AsCompletedPipeline { timeout, .. }
            | Runner::Wait { timeout, .. } => *timeout,
            Runner::WaitForGather { timeout, .. } => Some(*timeout),
            Runner::Gather { .. } | Runner::TaskGroup | Runner::Sequential => None,
        }
    }
}

/// Caps that keep a hostile or runaway scenario bounded in time and memory.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_coroutines: usize,
    pub max_steps: usize,
    pub max_text: usize,
    /// Largest sleep, timeout or write delay, in seconds.
    pub max_seconds: f64,
    /// Largest number of loop callbacks one run may execute.
    pub max_events: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_coroutines: 1000,
            max_steps: 100,
            max_text: 1000,
            max_seconds: 1_000_000.0,
            max_events: 1_000_000,
        }
    }
}

/// Why a scenario was rejected: the field's path and what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}

fn err<T>(path: &str, message: impl Into<String>) -> Result<T, ScenarioError> {
    Err(ScenarioError {
        path: path.to_string(),
        message: message.into(),
    })
}

impl Scenario {
    /// Parses and validates JSON text with the default limits.
    pub fn from_json(text: &str) -> Result<Scenario, ScenarioError> {
        Scenario::from_json_with(text, &Limits::default())
    }

    pub fn from_json_with(text: &str, limits: &Limits) -> Result<Scenario, ScenarioError> {
        let json: Json = serde_json::from_str(text).map_err(|e| ScenarioError {
            path: String::new(),
            message: format!("not valid JSON: {e}"),
        })?;
        Scenario::from_value(&json, limits)
    }

    pub fn from_value(json: &Json, limits: &Limits) -> Result<Scenario, ScenarioError> {
        if !json.is_object() {
            return err(
                "",
                "the scenario must be a JSON object with coroutines and main",
            );
        }
        let top = object(json, "", &["coroutines", "main"])?;
        let list = match top.get("coroutines") {
            Some(Json::Array(list)) => list,
            Some(_) => return err("coroutines", "must be a list"),
            None => return err("coroutines", "missing"),
        };
        if list.is_empty() {
            return err("coroutines", "needs at least one coroutine");
        }
        if list.len() > limits.max_coroutines {
            return err(
                "coroutines",
                format!(
                    "{} coroutines; at most {} are allowed",
                    list.len(),
                    limits.max_coroutines
                ),
            );
        }
        let mut coroutines: Vec<Coroutine> = Vec::with_capacity(list.len());
        let mut names = std::collections::HashSet::new();
        for (i, c) in list.iter().enumerate() {
            let coroutine = parse_coroutine(c, &format!("coroutines[{i}]"), limits)?;
            if !names.insert(coroutine.name.clone()) {
                return err(
                    &format!("coroutines[{i}].name"),
                    format!("{:?} is used twice; names must be unique", coroutine.name),
                );
            }
            coroutines.push(coroutine);
        }
        let main = match top.get("main") {
            Some(m) => parse_main(m, limits)?,
            None => return err("main", "missing"),
        };
        Ok(Scenario { coroutines, main })
    }

    /// The same JSON format the parser reads, so presets and share links round-trip.
    pub fn to_json(&self) -> Json {
        let coroutines: Vec<Json> = self
            .coroutines
            .iter()
            .map(|c| json!({"name": c.name, "steps": c.steps.iter().map(step_json).collect::<Vec<_>>()}))
            .collect();
        json!({"coroutines": coroutines, "main": main_json(&self.main)})
    }

    pub fn to_json_string(&self) -> String {
        self.to_json().to_string()
    }
}

fn object<'a>(
    json: &'a Json,
    path: &str,
    allowed: &[&str],
) -> Result<&'a Map<String, Json>, ScenarioError> {
    let Json::Object(map) = json else {
        return err(path, "must be an object");
    };
    if let Some(unknown) = map.keys().find(|k| !allowed.contains(&k.as_str())) {
        let field = if path.is_empty() {
            unknown.clone()
        } else {
            format!("{path}.{unknown}")
        };
        return err(
            &field,
            format!("unknown field; expected one of: {}", allowed.join(", ")),
        );
    }
    Ok(map)
}

fn text(json: &Json, path: &str, limits: &Limits) -> Result<String, ScenarioError> {
    match json {
        Json::String(s) if s.chars().count() > limits.max_text => err(
            path,
            format!("text longer than {} characters", limits.max_text),
        ),
        Json::String(s) => Ok(s.clone()),
        _ => err(path, "must be a string"),
    }
}

/// A number of seconds: finite, ≥ 0 and at most `limits.max_seconds`.
fn seconds(json: &Json, path: &str, limits: &Limits) -> Result<f64, ScenarioError> {
    let Some(x) = json.as_f64() else {
        return err(path, "must be a number of seconds");
    };
    if !x.is_finite() {
        return err(path, "must be a finite number");
    }
    if x < 0.0 {
        return err(path, format!("must be ≥ 0, got {}", number(x)));
    }
    if x > limits.max_seconds {
        return err(
            path,
            format!(
                "must be at most {} seconds, got {}",
                number(limits.max_seconds),
                number(x)
            ),
        );
    }
    Ok(x)
}

fn optional_seconds(
    json: Option<&Json>,
    path: &str,
    limits: &Limits,
) -> Result<Option<f64>, ScenarioError> {
    match json {
        None | Some(Json::Null) => Ok(None),
        Some(j) => seconds(j, path, limits).map(Some),
    }
}

fn boolean(json: Option<&Json>, path: &str) -> Result<bool, ScenarioError> {
    match json {
        None => Ok(false),
        Some(Json::Bool(b)) => Ok(*b),
        Some(_) => err(path, "must be true or false"),
    }
}

fn parse_coroutine(json: &Json, path: &str, limits: &Limits) -> Result<Coroutine, ScenarioError> {
    let map = object(json, path, &["name", "steps"])?;
    let name_path = format!("{path}.name");
    let name = match map.get("name") {
        Some(n) => text(n, &name_path, limits)?,
        None => return err(&name_path, "missing"),
    };
    if name.trim().is_empty() {
        return err(&name_path, "must not be empty");
    }
    let steps_path = format!("{path}.steps");
    let list = match map.get("steps") {
        Some(Json::Array(list)) => list,
        Some(_) => return err(&steps_path, "must be a list"),
        None => return err(&steps_path, "missing"),
    };
    if list.len() > limits.max_steps {
        return err(
            &steps_path,
            format!(
                "{} steps; at most {} are allowed",
                list.len(),
                limits.max_steps
            ),
        );
    }
    let mut steps = Vec::with_capacity(list.len());
    for (k, s) in list.iter().enumerate() {
        let step_path = format!("{steps_path}[{k}]");
        if let Some(Step::Raise { .. } | Step::Return(_)) = steps.last() {
            return err(&step_path, "nothing may follow a raise or a return");
        }
        steps.push(parse_step(s, &step_path, limits)?);
    }
    Ok(Coroutine { name, steps })
}

fn parse_step(json: &Json, path: &str, limits: &Limits) -> Result<Step, ScenarioError> {
    let map = object(json, path, &["print", "sleep", "raise", "return"])?;
    if map.len() != 1 {
        return err(
            path,
            "a step has exactly one of: print, sleep, raise, return",
        );
    }
    let (key, value) = map.iter().next().expect("one key checked above");
    let path = format!("{path}.{key}");
    match key.as_str() {
        "print" => Ok(Step::Print(text(value, &path, limits)?)),
        "sleep" => Ok(Step::Sleep(seconds(value, &path, limits)?)),
        "raise" => {
            let r = object(value, &path, &["type", "message"])?;
            let kind = match r.get("type") {
                Some(Json::String(t)) => match ErrorType::from_name(t) {
                    Some(kind) => kind,
                    None => {
                        let names: Vec<&str> = ErrorType::ALL.iter().map(|t| t.name()).collect();
                        return err(
                            &format!("{path}.type"),
                            format!("{t:?} is not one of: {}", names.join(", ")),
                        );
                    }
                },
                Some(_) => return err(&format!("{path}.type"), "must be a string"),
                None => return err(&format!("{path}.type"), "missing"),
            };
            let message = match r.get("message") {
                Some(m) => text(m, &format!("{path}.message"), limits)?,
                None => String::new(),
            };
            Ok(Step::Raise { kind, message })
        }
        _ => Ok(Step::Return(return_value(value, &path, limits)?)),
    }
}

fn return_value(json: &Json, path: &str, limits: &Limits) -> Result<Value, ScenarioError> {
    let scalar = |j: &Json, p: &str| -> Result<Value, ScenarioError> {
        match j {
            Json::String(_) => Ok(Value::Str(text(j, p, limits)?)),
            Json::Number(n) => match n.as_i64() {
                Some(i) => Ok(Value::Int(i)),
                None => err(p, "must be a whole number between -2^63 and 2^63-1"),
            },
            _ => err(p, "must be a string or an integer"),
        }
    };
    match json {
        Json::Null => Ok(Value::None),
        Json::Array(items) if items.len() > limits.max_steps => err(
            path,
            format!("a tuple of at most {} items", limits.max_steps),
        ),
        Json::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, j)| scalar(j, &format!("{path}[{i}]")))
            .collect::<Result<Vec<_>, _>>()
            .map(Value::Tuple),
        other => scalar(other, path).map_err(|e| ScenarioError {
            message: "must be a string, an integer, null or a list (a tuple)".into(),
            ..e
        }),
    }
}

fn parse_main(json: &Json, limits: &Limits) -> Result<Main, ScenarioError> {
    let runner_name = match json.get("runner") {
        Some(Json::String(r)) => r.as_str(),
        Some(_) => return err("main.runner", "must be a string"),
        None if json.is_object() => return err("main.runner", "missing"),
        None => return err("main", "must be an object"),
    };
    let keys: &[&str] = match runner_name {
        "gather" => &["runner", "limit", "return_exceptions"],
        "as_completed" => &["runner", "limit", "timeout", "catch"],
        "as_completed_pipeline" => &["runner", "limit", "timeout", "write_delay"],
        "wait" => &["runner", "limit", "return_when", "timeout"],
        "wait_for_gather" => &["runner", "limit", "timeout", "return_exceptions"],
        "task_group" | "sequential" => &["runner", "limit"],
        other => {
            return err(
                "main.runner",
                format!("{other:?} is not one of: {}", Runner::NAMES.join(", ")),
            );
        }
    };
    let map = object(json, "main", keys)?;
    let timeout = || optional_seconds(map.get("timeout"), "main.timeout", limits);
    let runner = match runner_name {
        "gather" => Runner::Gather {
            return_exceptions: boolean(map.get("return_exceptions"), "main.return_exceptions")?,
        },
        "as_completed" => Runner::AsCompleted {
            timeout: timeout()?,
            catch: boolean(map.get("catch"), "main.catch")?,
        },
        "as_completed_pipeline" => Runner::AsCompletedPipeline {
            timeout: timeout()?,
            write_delay: match map.get("write_delay") {
                None => 1.0,
                Some(j) => seconds(j, "main.write_delay", limits)?,
            },
        },
        "wait" => Runner::Wait {
            return_when: match map.get("return_when") {
                None => ReturnWhen::AllCompleted,
                Some(Json::String(s)) => {
                    match ReturnWhen::ALL.into_iter().find(|w| w.name() == s) {
                        Some(w) => w,
                        None => {
                            return err(
                                "main.return_when",
                                format!(
                            "{s:?} is not one of: FIRST_COMPLETED, FIRST_EXCEPTION, ALL_COMPLETED"
                        ),
                            )
                        }
                    }
                }
                Some(_) => return err("main.return_when", "must be a string"),
            },
            timeout: timeout()?,
        },
        "wait_for_gather" => Runner::WaitForGather {
            timeout: match map.get("timeout") {
                Some(j) => seconds(j, "main.timeout", limits)?,
                None => {
                    return err(
                        "main.timeout",
                        "missing (wait_for needs a number of seconds)",
                    )
                }
            },
            return_exceptions: boolean(map.get("return_exceptions"), "main.return_exceptions")?,
        },
        "task_group" => Runner::TaskGroup,
        _ => Runner::Sequential,
    };
    let limit = match map.get("limit") {
        None | Some(Json::Null) => None,
        Some(j) => match j.as_u64() {
            Some(n) if (1..=u32::MAX as u64).contains(&n) => Some(n as u32),
            _ => return err("main.limit", "must be a whole number ≥ 1"),
        },
    };
    Ok(Main { runner, limit })
}

fn seconds_json(x: f64) -> Json {
    // Whole seconds stay integers in the JSON, as a person writes them.
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn value_json(v: &Value) -> Json {
    match v {
        Value::None => Json::Null,
        Value::Int(i) => json!(i),
        Value::Str(s) => json!(s),
        Value::Tuple(items) | Value::List(items) => {
            Json::Array(items.iter().map(value_json).collect())
        }
        Value::Exception(e) => json!(e.py_repr()),
    }
}

fn step_json(step: &Step) -> Json {
    match step {
        Step::Print(t) => json!({"print": t}),
        Step::Sleep(s) => json!({"sleep": seconds_json(*s)}),
        Step::Raise { kind, message } => {
            json!({"raise": {"type": kind.name(), "message": message}})
        }
        Step::Return(v) => json!({"return": value_json(v)}),
    }
}

fn main_json(main: &Main) -> Json {
    let opt = |t: &Option<f64>| t.map(seconds_json).unwrap_or(Json::Null);
    let mut m = match &main.runner {
        Runner::Gather { return_exceptions } => json!({"return_exceptions": return_exceptions}),
        Runner::AsCompleted { timeout, catch } => json!({"timeout": opt(timeout), "catch": catch}),
        Runner::AsCompletedPipeline {
            timeout,
            write_delay,
        } => {
            json!({"timeout": opt(timeout), "write_delay": seconds_json(*write_delay)})
        }
        Runner::Wait {
            return_when,
            timeout,
        } => json!({"return_when": return_when.name(), "timeout": opt(timeout)}),
        Runner::WaitForGather {
            timeout,
            return_exceptions,
        } => {
            json!({"timeout": seconds_json(*timeout), "return_exceptions": return_exceptions})
        }
        Runner::TaskGroup | Runner::Sequential => json!({}),
    };
    let map = m.as_object_mut().expect("built as an object");
    map.insert("runner".into(), json!(main.runner.name()));
    if let Some(limit) = main.limit {
        map.insert("limit".into(), json!(limit));
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Scenario, String> {
        Scenario::from_json(text).map_err(|e| e.to_string())
    }

    #[test]
    fn rejections_name_the_field() {
        let base = |coroutines: &str, main: &str| {
            format!(r#"{{"coroutines": {coroutines}, "main": {main}}}"#)
        };
        let gather = r#"{"runner": "gather", "return_exceptions": false}"#;
        let cases = [
            (base(r#"[{"name": "a", "steps": [{"sleep": -1}]}]"#, gather), "coroutines[0].steps[0].sleep: must be ≥ 0, got -1"),
            (base(r#"[{"name": "a", "steps": [{"sleep": "x"}]}]"#, gather), "coroutines[0].steps[0].sleep: must be a number of seconds"),
            (base(r#"[{"name": "a", "steps": [{"sleep": 1e308}]}]"#, gather), "coroutines[0].steps[0].sleep: must be at most 1000000 seconds, got 1e308"),
            (base(r#"[{"name": "a", "steps": []}, {"name": "a", "steps": []}]"#, gather), "coroutines[1].name: \"a\" is used twice; names must be unique"),
            (base(r#"[{"name": "a", "steps": [{"return": 1}, {"print": "x"}]}]"#, gather), "coroutines[0].steps[1]: nothing may follow a raise or a return"),
            (base(r#"[{"name": "a", "steps": [], "colour": 1}]"#, gather), "coroutines[0].colour: unknown field; expected one of: name, steps"),
            (base(r#"[{"name": "", "steps": []}]"#, gather), "coroutines[0].name: must not be empty"),
            (base(r#"[{"name": "a", "steps": []}]"#, r#"{"runner": "race"}"#), "main.runner: \"race\" is not one of: gather, as_completed, as_completed_pipeline, wait, wait_for_gather, task_group, sequential"),
            (base(r#"[{"name": "a", "steps": []}]"#, r#"{"runner": "gather", "timeout": 1}"#), "main.timeout: unknown field; expected one of: runner, limit, return_exceptions"),
            (base(r#"[{"name": "a", "steps": [{"raise": {"type": "KeyError"}}]}]"#, gather), "coroutines[0].steps[0].raise.type: \"KeyError\" is not one of: OSError, ValueError, RuntimeError, ConnectionError, TimeoutError"),
            (base(r#"[{"name": "a", "steps": [{"return": 1.5}]}]"#, gather), "coroutines[0].steps[0].return: must be a string, an integer, null or a list (a tuple)"),
            (base(r#"[]"#, gather), "coroutines: needs at least one coroutine"),
            (base(r#"[{"name": "a", "steps": []}]"#, r#"{"runner": "gather", "limit": 0}"#), "main.limit: must be a whole number ≥ 1"),
            ("[1, 2".to_string(), "not valid JSON: EOF while parsing a list at line 1 column 5"),
        ];
        for (input, expected) in cases {
            assert_eq!(parse(&input).unwrap_err(), expected, "input: {input}");
        }
    }

    #[test]
    fn caps_runaway_input() {
        let many: Vec<String> = (0..1001)
            .map(|i| format!(r#"{{"name": "c{i}", "steps": []}}"#))
            .collect();
        let text = format!(
            r#"{{"coroutines": [{}], "main": {{"runner": "sequential"}}}}"#,
            many.join(",")
        );
        assert_eq!(
            parse(&text).unwrap_err(),
            "coroutines: 1001 coroutines; at most 1000 are allowed"
        );
    }

    #[test]
    fn round_trips_through_json() {
        let text = r#"{"coroutines": [{"name": "5", "steps": [{"print": "Подключаюсь к 5"}, {"sleep": 0.5},
            {"raise": {"type": "OSError", "message": "x"}}]}, {"name": "t", "steps": [{"return": ["a", 1]}]}],
            "main": {"runner": "wait", "return_when": "FIRST_EXCEPTION", "timeout": 2.5, "limit": 2}}"#;
        let s = parse(text).unwrap();
        assert_eq!(Scenario::from_json(&s.to_json_string()).unwrap(), s);
    }
}
