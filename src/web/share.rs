//! Share links: the whole playground (coroutines, both programs' options, Python version,
//! speed) in the URL hash as `#v1=<base64url(JSON)>`. Decoding is strict — size cap, base64, UTF-8, JSON shape,
//! then the core's own scenario validation — and every failure says what is wrong.

use serde_json::{json, Value as Json};

use crate::core::scenario::Runner;
use crate::core::{Limits, Python, Scenario};

use super::i18n::Lang;
use super::model::predict::Predict;
use super::model::{Action, Open, Playground, SPEEDS};
use super::problem::{LinkError, Problem};

/// Longest hash accepted (characters after `#`).
pub const MAX_HASH: usize = 64 * 1024;

const PREFIX: &str = "v1=";

/// The link document's keys.
const FIELDS: [&str; 6] = [
    "scenario",
    "return_exceptions",
    "top_linger",
    "python",
    "speed",
    "predict",
];

/// The version of a link without `python`: links made before the page had a version select
/// were predicted with 3.11.
pub const UNVERSIONED_PYTHON: Python = Python::V3_11;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// base64url without padding.
pub fn b64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// base64url, padding optional; `None` on any other character or a dangling bit group.
pub fn b64_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    if bits >= 6 {
        return None;
    }
    Some(out)
}

/// The hash (without `#`) that reproduces `p`.
pub fn encode(p: &Playground) -> String {
    encode_as(p, false)
}

/// The hash of `p` as an exercise: it opens in predict mode, answers hidden.
pub fn encode_exercise(p: &Playground) -> String {
    encode_as(p, true)
}

fn encode_as(p: &Playground, predict: bool) -> String {
    let mut doc = json!({
        "scenario": p.bottom_scenario().to_json(),
        "return_exceptions": p.return_exceptions,
        "python": p.python.name(),
        "speed": p.speed,
    });
    // The bottom's linger is in its scenario; the top's only when set, as in the scenario.
    if let Some(linger) = p.linger.top {
        doc["top_linger"] = json!(linger);
    }
    if predict {
        doc["predict"] = Json::Bool(true);
    }
    format!("{PREFIX}{}", b64_encode(doc.to_string().as_bytes()))
}

/// Reads a hash (with or without `#`). `Ok(None)`: no scenario in it (an empty hash).
pub fn decode(hash: &str, lang: Lang) -> Result<Option<Playground>, LinkError> {
    let hash = hash.strip_prefix('#').unwrap_or(hash);
    // What a pasted link often drags along: spaces or a line break, percent-encoded or not
    // (none of these can be part of base64url).
    let mut hash = hash.trim();
    while let Some(h) = ["%20", "%0a", "%0d"].iter().find_map(|end| {
        let cut = hash.len().checked_sub(end.len())?;
        let tail = hash.get(cut..)?;
        tail.eq_ignore_ascii_case(end).then(|| &hash[..cut])
    }) {
        hash = h.trim_end();
    }
    if hash.is_empty() {
        return Ok(None);
    }
    if hash.len() > MAX_HASH {
        return Err(LinkError::TooLong {
            kb: hash.len() / 1024,
            max_kb: MAX_HASH / 1024,
        });
    }
    let data = hash.strip_prefix(PREFIX).ok_or(LinkError::NotPlayground)?;
    // A link cut short can end inside a base64 group or inside a UTF-8 character (Cyrillic
    // text is two bytes a letter): both say "cut off", not "not base64" or "not UTF-8".
    let dangling = data.len() % 4 == 1
        && data
            .get(..data.len() - 1)
            .is_some_and(|whole| b64_decode(whole).is_some());
    let bytes = b64_decode(data).ok_or(if dangling {
        LinkError::CutOff
    } else {
        LinkError::NotBase64
    })?;
    let text = String::from_utf8(bytes).map_err(|e| match e.utf8_error().error_len() {
        None => LinkError::CutOff,
        Some(_) => LinkError::NotUtf8,
    })?;
    let doc: Json = serde_json::from_str(&text).map_err(|e| {
        if e.is_eof() {
            LinkError::CutOff
        } else {
            LinkError::NotJson(e.to_string())
        }
    })?;
    let Json::Object(map) = &doc else {
        return Err(LinkError::NotObject);
    };
    if let Some(k) = map.keys().find(|k| !FIELDS.contains(&k.as_str())) {
        return Err(LinkError::UnknownField(k.clone()));
    }
    let scenario_json = map.get("scenario").ok_or(LinkError::NoScenario)?;
    let scenario = Scenario::from_value(scenario_json, &Limits::default())
        .map_err(|e| LinkError::Invalid(e.to_string()))?;
    if matches!(scenario.main.runner, Runner::Gather { .. }) {
        return Err(LinkError::GatherBelow);
    }
    let return_exceptions = match map.get("return_exceptions") {
        None => false,
        Some(Json::Bool(b)) => *b,
        Some(_) => return Err(LinkError::ReturnExceptions),
    };
    // Links made before the option have none: the top program does not linger.
    let top_linger = match map.get("top_linger") {
        None => None,
        Some(j) => Some(
            j.as_f64()
                .filter(|s| (0.0..=Limits::default().max_seconds).contains(s))
                .ok_or(LinkError::TopLinger)?,
        ),
    };
    let speed = match map.get("speed") {
        None => 1.0,
        Some(j) => j
            .as_f64()
            .filter(|s| SPEEDS.contains(s))
            .ok_or(LinkError::Speed)?,
    };
    let python = match map.get("python") {
        None => UNVERSIONED_PYTHON,
        Some(j) => j
            .as_str()
            .and_then(Python::from_name)
            .ok_or(LinkError::Python)?,
    };
    // Links made before exercises have no `predict`: they open normally.
    let predict = match map.get("predict") {
        None => false,
        Some(Json::Bool(b)) => *b,
        Some(_) => return Err(LinkError::Predict),
    };
    scenario
        .check_python(python)
        .map_err(LinkError::NotInPython)?;
    let mut p = Playground::from_scenario(
        &scenario,
        return_exceptions,
        top_linger,
        speed,
        python,
        lang,
    );
    if predict {
        p.predict = Some(Predict::fitting(&p.derived));
    }
    Ok(Some(p))
}

/// The playground a page opens with: the link in `hash`, or the default example (with the
/// reason when the link is broken).
pub fn initial(hash: &str, lang: Lang) -> Playground {
    match decode(hash, lang) {
        Ok(Some(p)) => p,
        Ok(None) => Playground::new(lang),
        Err(reason) => {
            let mut p = Playground::new(lang);
            p.notice = Some(Problem::BadLink {
                reason,
                kept: false,
            });
            p
        }
    }
}

/// What a link pasted into an open page does: open it, or say why not and keep the scenario
/// on screen. `None` for an empty hash (the page puts the current link back).
pub fn opened(hash: &str, lang: Lang) -> Option<Action> {
    match decode(hash, lang) {
        Ok(Some(p)) => Some(Action::Open(Open::Link(Box::new(p)))),
        Ok(None) => None,
        Err(reason) => Some(Action::Notice(Some(Problem::BadLink {
            reason,
            kept: true,
        }))),
    }
}
