//! Share links: the whole playground (coroutines, both programs' options, speed) in the URL
//! hash as `#v1=<base64url(JSON)>`. Decoding is strict — size cap, base64, UTF-8, JSON shape,
//! then the core's own scenario validation — and every failure says what is wrong.

use serde_json::{json, Value as Json};

use crate::core::scenario::Runner;
use crate::core::{Limits, Scenario};

use super::i18n::Lang;
use super::model::{Action, Playground, SPEEDS};
use super::problem::Problem;

/// Longest hash accepted (characters after `#`).
pub const MAX_HASH: usize = 64 * 1024;

const PREFIX: &str = "v1=";

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
    let doc = json!({
        "scenario": p.bottom_scenario().to_json(),
        "return_exceptions": p.return_exceptions,
        "speed": p.speed,
    });
    format!("{PREFIX}{}", b64_encode(doc.to_string().as_bytes()))
}

/// Why a link cannot be opened. The core's own validation (`Invalid`) names the JSON field,
/// in the scenario format's words.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    TooLong {
        kb: usize,
    },
    NotPlayground,
    NotBase64,
    NotUtf8,
    NotJson(String),
    /// The data ends too early: the link was cut off (a chat, a line break).
    CutOff,
    NotObject,
    UnknownField(String),
    NoScenario,
    Invalid(String),
    GatherBelow,
    ReturnExceptions,
    Speed,
}

impl LinkError {
    pub fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        let pick = |e: &str, r: &str| if en { e.to_string() } else { r.to_string() };
        let speeds: Vec<String> = SPEEDS.iter().map(f64::to_string).collect();
        let speeds = speeds.join(", ");
        let max = MAX_HASH / 1024;
        match self {
            LinkError::TooLong { kb } => pick(
                &format!("the link is too long ({kb} KB; at most {max} KB)"),
                &format!("ссылка слишком длинная ({kb} КБ; не больше {max} КБ)"),
            ),
            LinkError::NotPlayground => pick(
                "the link does not start with #v1= (not a playground link)",
                "ссылка не начинается с #v1= (это не ссылка песочницы)",
            ),
            LinkError::NotBase64 => pick(
                "the link's data is not valid base64url",
                "данные ссылки — не base64url",
            ),
            LinkError::NotUtf8 => pick(
                "the link's data is not UTF-8 text",
                "данные ссылки — не текст UTF-8",
            ),
            LinkError::NotJson(why) => pick(
                &format!("not valid JSON: {why}"),
                &format!("данные ссылки — не JSON: {why}"),
            ),
            LinkError::CutOff => pick(
                "the link is cut off (its data ends too early); copy the whole link",
                "ссылка обрезана (её данные обрываются); скопируйте ссылку целиком",
            ),
            LinkError::NotObject => pick(
                "the link's data must be a JSON object",
                "данные ссылки должны быть объектом JSON",
            ),
            LinkError::UnknownField(k) => pick(
                &format!("{k}: unknown field"),
                &format!("{k}: неизвестное поле"),
            ),
            LinkError::NoScenario => pick("scenario: missing", "scenario: отсутствует"),
            LinkError::Invalid(why) => format!("scenario.{why}"),
            LinkError::GatherBelow => pick(
                "scenario.main.runner: the second program cannot be gather",
                "scenario.main.runner: вторая программа не может быть gather",
            ),
            LinkError::ReturnExceptions => pick(
                "return_exceptions: must be true or false",
                "return_exceptions: должно быть true или false",
            ),
            LinkError::Speed => pick(
                &format!("speed: must be one of {speeds}"),
                &format!("speed: должна быть одной из {speeds}"),
            ),
        }
    }
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
    if let Some(k) = map
        .keys()
        .find(|k| !["scenario", "return_exceptions", "speed"].contains(&k.as_str()))
    {
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
    let speed = match map.get("speed") {
        None => 1.0,
        Some(j) => j
            .as_f64()
            .filter(|s| SPEEDS.contains(s))
            .ok_or(LinkError::Speed)?,
    };
    Ok(Some(Playground::from_scenario(
        &scenario,
        return_exceptions,
        speed,
        lang,
    )))
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
        Ok(Some(p)) => Some(Action::OpenLink(Box::new(p))),
        Ok(None) => None,
        Err(reason) => Some(Action::SetNotice(Some(Problem::BadLink {
            reason,
            kept: true,
        }))),
    }
}
