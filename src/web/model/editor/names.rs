//! A coroutine's name inside its texts, as the book's f-strings put it
//! (`print(f"Подключаюсь к {ip}")`, `return f"{command} {ip}"`): a rename carries through
//! them, and a new coroutine copies its neighbour's shape under a name of the same pattern.

use crate::core::scenario::Step;
use crate::core::value::Value;

/// `text` with each whole-token occurrence of `old` replaced by `new`.
///
/// The rule: an occurrence counts only when neither the character before nor the one after
/// it is a letter or digit — the same test the code generator uses to find the name for an
/// f-string (`core::python_functions`), so a renamed book scenario still gets one shared
/// function. `5` → `r1` changes `Подключаюсь к 5` and `test 5`, but not `15`, `v5` or `5a`;
/// an empty `old` changes nothing.
pub fn replace_token(text: &str, old: &str, new: &str) -> String {
    if old.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut before: Option<char> = None;
    while let Some(i) = rest.find(old) {
        let prev = rest[..i].chars().last().or(before);
        let next = rest[i + old.len()..].chars().next();
        let alone =
            !prev.is_some_and(char::is_alphanumeric) && !next.is_some_and(char::is_alphanumeric);
        out.push_str(&rest[..i]);
        out.push_str(if alone { new } else { old });
        before = old.chars().last();
        rest = &rest[i + old.len()..];
    }
    out.push_str(rest);
    out
}

/// `value` with the name replaced in its strings (a tuple's too); integers stay.
fn replace_in_value(value: &Value, old: &str, new: &str) -> Value {
    match value {
        Value::Str(s) => Value::Str(replace_token(s, old, new)),
        Value::Tuple(items) => Value::Tuple(
            items
                .iter()
                .map(|v| replace_in_value(v, old, new))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// `step` with the name replaced in its print text, raise message or return value.
pub fn replace_in_step(step: &Step, old: &str, new: &str) -> Step {
    match step {
        Step::Print(text) => Step::Print(replace_token(text, old, new)),
        Step::Raise { kind, message } => Step::Raise {
            kind: *kind,
            message: replace_token(message, old, new),
        },
        Step::Return(v) => Step::Return(replace_in_value(v, old, new)),
        Step::Sleep(s) => Step::Sleep(*s),
    }
}

/// A name ending in a number: its prefix and the number (`r12` → `("r", 12)`, `5` → `("", 5)`).
fn numbered(name: &str) -> Option<(&str, u64)> {
    let prefix = name.trim_end_matches(|c: char| c.is_ascii_digit());
    let number = name[prefix.len()..].parse().ok()?;
    Some((prefix, number))
}

/// The name of a new coroutine: when every name is one prefix and a number (`5`, `2`, `7`;
/// `r1`, `r2`), that prefix and the number after the largest (`8`, `r3`); else the first
/// free of `c1`, `c2`, …. A name over `max_chars` falls back to `c…` too.
pub fn next_name(names: &[&str], max_chars: usize) -> String {
    let free = |n: &String| n.chars().count() <= max_chars && !names.contains(&n.as_str());
    let parts: Option<Vec<(&str, u64)>> = names.iter().map(|n| numbered(n)).collect();
    let pattern = parts.and_then(|parts| {
        let prefix = parts.first()?.0;
        let largest = parts.iter().map(|p| p.1).max()?;
        let next = largest.checked_add(1)?;
        parts
            .iter()
            .all(|p| p.0 == prefix)
            .then(|| format!("{prefix}{next}"))
    });
    pattern.filter(free).unwrap_or_else(|| {
        (1..)
            .map(|i| format!("c{i}"))
            .find(free)
            .expect("an unused name exists")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_tokens_are_replaced() {
        assert_eq!(
            replace_token("Подключаюсь к 5", "5", "r1"),
            "Подключаюсь к r1"
        );
        assert_eq!(replace_token("5 15 v5 5a 5,5", "5", "x"), "x 15 v5 5a x,x");
        assert_eq!(replace_token("a says aa", "a", "b"), "b says aa");
        assert_eq!(replace_token("text", "", "b"), "text");
    }

    #[test]
    fn new_names_follow_the_pattern() {
        assert_eq!(next_name(&["5", "2", "3", "7"], 40), "8");
        assert_eq!(next_name(&["r1", "r2"], 40), "r3");
        assert_eq!(next_name(&["маршрутизатор-1"], 40), "маршрутизатор-2");
        assert_eq!(next_name(&["r1", "2"], 40), "c1");
        assert_eq!(next_name(&["a", "c1"], 40), "c2");
        assert_eq!(next_name(&["18446744073709551615"], 40), "c1");
        assert_eq!(next_name(&["x9"], 2), "c1");
    }
}
