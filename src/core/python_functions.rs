//! The functions of the generated program: one shared `async def worker(name, ...)` when
//! every coroutine has the same shape, the texts and values differing only in the coroutine's
//! name (the book's `connect_ssh(ip, command)`), else one `async def` each, named after the
//! coroutine and made a unique identifier.

use super::scenario::{Coroutine, Scenario, Step};
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

/// The function each coroutine calls: one shared `async def worker(name, ...)` when all have
/// the same shape (the book's `connect_ssh(ip, command)`), else one `async def` each.
pub fn function_names(scenario: &Scenario) -> Vec<String> {
    match shared_function(scenario) {
        Some(_) => vec![SHARED.to_string(); scenario.coroutines.len()],
        None => own_function_names(scenario),
    }
}

/// The name of the shared function, whose first argument is the coroutine's name.
pub const SHARED: &str = "worker";

/// One `async def` per coroutine, named after its lane name made a unique identifier.
pub fn own_function_names(scenario: &Scenario) -> Vec<String> {
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

/// Stands for the name inside a template (a private-use character: `repr` escapes it).
const MARKER: char = '\u{E000}';

/// One Python expression producing `texts[i]` when `name` is `names[i]`: a plain literal, `name`
/// itself, or an f-string. None when the texts differ in more than the name.
fn text_template(texts: &[&str], names: &[&str]) -> Option<String> {
    if texts
        .iter()
        .chain(names)
        .any(|t| t.contains(MARKER) || t.contains('\\'))
    {
        return None;
    }
    // The name as a whole word first ("a says" keeps the "a" of "says"), then anywhere.
    let fits = |template: &String| {
        texts
            .iter()
            .zip(names)
            .all(|(t, n)| template.replace(MARKER, n) == *t)
    };
    let template = [
        replace_words(texts[0], names[0]),
        texts[0].replace(names[0], &MARKER.to_string()),
    ]
    .into_iter()
    .find(fits)?;
    if !template.contains(MARKER) {
        return Some(str_repr(texts[0]));
    }
    if template == MARKER.to_string() {
        return Some("name".into());
    }
    let escaped = template.replace('{', "{{").replace('}', "}}");
    Some(format!(
        "f{}",
        str_repr(&escaped).replace("\\ue000", "{name}")
    ))
}

/// `text` with each whole-word occurrence of `name` (not touching a letter or digit) replaced
/// by the marker.
fn replace_words(text: &str, name: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    let mut before: Option<char> = None;
    while let Some(i) = rest.find(name) {
        let prev = rest[..i].chars().last().or(before);
        let next = rest[i + name.len()..].chars().next();
        let alone =
            !prev.is_some_and(char::is_alphanumeric) && !next.is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..i]);
        if alone {
            out.push(MARKER);
        } else {
            out.push_str(name);
        }
        before = name.chars().last();
        rest = &rest[i + name.len()..];
    }
    out.push_str(rest);
    out
}

/// A return value's expression for every coroutine at once, as `text_template` does for text.
fn value_template(values: &[&Value], names: &[&str]) -> Option<String> {
    let strs: Option<Vec<&str>> = values
        .iter()
        .map(|v| {
            if let Value::Str(s) = v {
                Some(s.as_str())
            } else {
                None
            }
        })
        .collect();
    if let Some(strs) = strs {
        return text_template(&strs, names);
    }
    if let Value::Tuple(first) = values[0] {
        let tuples: Option<Vec<&Vec<Value>>> = values
            .iter()
            .map(|v| match v {
                Value::Tuple(t) if t.len() == first.len() => Some(t),
                _ => None,
            })
            .collect();
        let tuples = tuples?;
        let items: Option<Vec<String>> = (0..first.len())
            .map(|k| value_template(&tuples.iter().map(|t| &t[k]).collect::<Vec<_>>(), names))
            .collect();
        let items = items?;
        return Some(if items.len() == 1 {
            format!("({},)", items[0])
        } else {
            format!("({})", items.join(", "))
        });
    }
    values
        .iter()
        .all(|v| *v == values[0])
        .then(|| values[0].py_repr())
}

/// The shared function's body lines (without indentation), its parameters after `name`, and
/// each coroutine's arguments for them; None unless every coroutine fits one template.
pub struct SharedFunction {
    pub body: Vec<String>,
    pub params: Vec<String>,
    pub args: Vec<Vec<String>>,
}

pub fn shared_function(scenario: &Scenario) -> Option<SharedFunction> {
    let cs = &scenario.coroutines;
    let first = &cs.first()?.steps;
    if cs.len() < 2 || cs.iter().any(|c| c.steps.len() != first.len()) {
        return None;
    }
    let names: Vec<&str> = cs.iter().map(|c| c.name.as_str()).collect();
    let varying_sleeps = (0..first.len())
        .filter(|&k| {
            matches!(first[k], Step::Sleep(_)) && cs.iter().any(|c| c.steps[k] != first[k])
        })
        .count();
    let mut shared = SharedFunction {
        body: Vec::new(),
        params: Vec::new(),
        args: vec![Vec::new(); cs.len()],
    };
    for (k, step) in first.iter().enumerate() {
        let at = |c: &Coroutine| c.steps[k].clone();
        let line = match step {
            Step::Print(_) => {
                let texts: Option<Vec<&str>> = cs
                    .iter()
                    .map(|c| {
                        if let Step::Print(t) = &c.steps[k] {
                            Some(t.as_str())
                        } else {
                            None
                        }
                    })
                    .collect();
                format!("print({})", text_template(&texts?, &names)?)
            }
            Step::Sleep(s) if cs.iter().all(|c| at(c) == Step::Sleep(*s)) => {
                format!("await asyncio.sleep({})", number(*s))
            }
            Step::Sleep(_) => {
                let param = if varying_sleeps == 1 {
                    "delay".to_string()
                } else {
                    format!("delay{}", shared.params.len() + 1)
                };
                for (i, c) in cs.iter().enumerate() {
                    let Step::Sleep(s) = c.steps[k] else {
                        return None;
                    };
                    shared.args[i].push(number(s));
                }
                shared.params.push(param.clone());
                format!("await asyncio.sleep({param})")
            }
            Step::Raise { kind, .. } => {
                let messages: Option<Vec<&str>> = cs
                    .iter()
                    .map(|c| match &c.steps[k] {
                        Step::Raise {
                            kind: other,
                            message,
                        } if other == kind => Some(message.as_str()),
                        _ => None,
                    })
                    .collect();
                format!(
                    "raise {}({})",
                    kind.name(),
                    text_template(&messages?, &names)?
                )
            }
            Step::Return(_) => {
                let values: Option<Vec<&Value>> = cs
                    .iter()
                    .map(|c| {
                        if let Step::Return(v) = &c.steps[k] {
                            Some(v)
                        } else {
                            None
                        }
                    })
                    .collect();
                format!("return {}", value_template(&values?, &names)?)
            }
        };
        shared.body.push(line);
    }
    Some(shared)
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
            own_function_names(&s),
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
    fn braces_and_words_containing_the_name_stay_literal() {
        // Every occurrence is the name when that is what the texts say.
        let texts = ["a {x} says", "b {x} sbys"];
        assert_eq!(
            text_template(&texts, &["a", "b"]).as_deref(),
            Some("f'{name} {{x}} s{name}ys'")
        );
        let texts = ["a {x} says", "b {x} says"];
        assert_eq!(
            text_template(&texts, &["a", "b"]).as_deref(),
            Some("f'{name} {{x}} says'")
        );
        assert_eq!(text_template(&["a\\b", "b\\b"], &["a", "b"]), None);
    }
}
