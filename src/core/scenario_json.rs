//! The scenario's JSON form, one format for presets, share links and the `simulate` command.
//! Parsing is strict and every rejection names the field (`coroutines[2].steps[0].sleep: …`);
//! nothing panics. Runners and their options come from the registry in `scenario.rs`.

use super::scenario::{
    Coroutine, Limits, Main, Opt, ReturnWhen, Runner, RunnerKind, RunnerOptions, Scenario,
    ScenarioError, Step,
};
use super::value::{number, ErrorType, Value};
use serde_json::{json, Map, Value as Json};

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
    let Some(kind) = RunnerKind::from_name(runner_name) else {
        let names: Vec<&str> = RunnerKind::ALL.iter().map(|k| k.name()).collect();
        return err(
            "main.runner",
            format!("{runner_name:?} is not one of: {}", names.join(", ")),
        );
    };
    let keys: Vec<&str> = ["runner", "limit", "linger"]
        .into_iter()
        .chain(kind.options().iter().map(|o| o.key()))
        .collect();
    let map = object(json, "main", &keys)?;
    let mut o = RunnerOptions::default();
    for &opt in kind.options() {
        let path = format!("main.{}", opt.key());
        let value = map.get(opt.key());
        match opt {
            Opt::ReturnExceptions => o.return_exceptions = boolean(value, &path)?,
            Opt::Catch => o.catch = boolean(value, &path)?,
            Opt::Timeout { .. } => o.timeout = optional_seconds(value, &path, limits)?,
            Opt::RequiredTimeout { of } => match value {
                Some(j) => o.timeout = Some(seconds(j, &path, limits)?),
                None => {
                    return err(&path, format!("missing ({of} needs a number of seconds)"));
                }
            },
            Opt::WriteDelay => {
                if let Some(j) = value {
                    o.write_delay = seconds(j, &path, limits)?;
                }
            }
            Opt::ReturnWhen => match value {
                None => {}
                Some(Json::String(s)) => match ReturnWhen::from_name(s) {
                    Some(w) => o.return_when = w,
                    None => {
                        let names: Vec<&str> = ReturnWhen::ALL.iter().map(|w| w.name()).collect();
                        return err(&path, format!("{s:?} is not one of: {}", names.join(", ")));
                    }
                },
                Some(_) => return err(&path, "must be a string"),
            },
        }
    }
    let limit = match map.get("limit") {
        None | Some(Json::Null) => None,
        Some(j) => match j.as_u64() {
            Some(n) if (1..=u32::MAX as u64).contains(&n) => Some(n as u32),
            _ => return err("main.limit", "must be a whole number ≥ 1"),
        },
    };
    Ok(Main {
        runner: Runner::new(kind, &o),
        limit,
        linger: optional_seconds(map.get("linger"), "main.linger", limits)?,
    })
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
    let o = main.runner.options();
    let mut map = Map::new();
    map.insert("runner".into(), json!(main.runner.name()));
    for &opt in main.runner.kind().options() {
        let value = match opt {
            Opt::ReturnExceptions => json!(o.return_exceptions),
            Opt::Catch => json!(o.catch),
            Opt::Timeout { .. } | Opt::RequiredTimeout { .. } => {
                o.timeout.map(seconds_json).unwrap_or(Json::Null)
            }
            Opt::WriteDelay => seconds_json(o.write_delay),
            Opt::ReturnWhen => json!(o.return_when.name()),
        };
        map.insert(opt.key().into(), value);
    }
    if let Some(limit) = main.limit {
        map.insert("limit".into(), json!(limit));
    }
    if let Some(linger) = main.linger {
        map.insert("linger".into(), seconds_json(linger));
    }
    Json::Object(map)
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
            (base(r#"[{"name": "a", "steps": []}]"#, r#"{"runner": "race"}"#), "main.runner: \"race\" is not one of: gather, as_completed, as_completed_pipeline, wait, wait_for_gather, task_group, sequential, timeout"),
            (base(r#"[{"name": "a", "steps": []}]"#, r#"{"runner": "gather", "timeout": 1}"#), "main.timeout: unknown field; expected one of: runner, limit, linger, return_exceptions"),
            (base(r#"[{"name": "a", "steps": [{"raise": {"type": "KeyError"}}]}]"#, gather), "coroutines[0].steps[0].raise.type: \"KeyError\" is not one of: OSError, ValueError, RuntimeError, ConnectionError, TimeoutError"),
            (base(r#"[{"name": "a", "steps": [{"return": 1.5}]}]"#, gather), "coroutines[0].steps[0].return: must be a string, an integer, null or a list (a tuple)"),
            (base(r#"[]"#, gather), "coroutines: needs at least one coroutine"),
            (base(r#"[{"name": "a", "steps": []}]"#, r#"{"runner": "gather", "limit": 0}"#), "main.limit: must be a whole number ≥ 1"),
            (base(r#"[{"name": "a", "steps": []}]"#, r#"{"runner": "gather", "linger": -1}"#), "main.linger: must be ≥ 0, got -1"),
            (base(r#"[{"name": "a", "steps": []}]"#, r#"{"runner": "gather", "linger": "5"}"#), "main.linger: must be a number of seconds"),
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

    #[test]
    fn every_runner_round_trips_from_its_registry_entry() {
        let coroutines = r#"[{"name": "a", "steps": []}]"#;
        for kind in RunnerKind::ALL {
            assert_eq!(RunnerKind::from_name(kind.name()), Some(kind));
            let o = RunnerOptions {
                return_exceptions: true,
                catch: true,
                timeout: Some(2.5),
                write_delay: 0.5,
                return_when: ReturnWhen::FirstException,
            };
            let runner = Runner::new(kind, &o);
            assert_eq!(runner.kind(), kind);
            // What the runner takes reads back as given; the rest stays at the defaults.
            let mut back = RunnerOptions::default();
            runner.options_into(&mut back);
            assert_eq!(Runner::new(kind, &back), runner);
            let main = Main {
                runner,
                limit: Some(2),
                linger: Some(0.5),
            };
            let text = format!(
                r#"{{"coroutines": {coroutines}, "main": {}}}"#,
                main_json(&main)
            );
            assert_eq!(parse(&text).unwrap().main, main, "{}", kind.label());
        }
        assert_eq!(RunnerKind::Timeout.since(), crate::core::Python::V3_11);
        assert_eq!(
            parse(&format!(
                r#"{{"coroutines": {coroutines}, "main": {{"runner": "timeout"}}}}"#
            ))
            .unwrap_err(),
            "main.timeout: missing (asyncio.timeout needs a number of seconds)"
        );
    }
}
