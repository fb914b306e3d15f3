//! Why a share link cannot be opened, in words.

use super::not_in_python;
use crate::core::value::number;
use crate::core::{Limits, NotInPython, Python};
use crate::web::i18n::Lang;
use crate::web::model::prefs::SPEEDS;

/// Why a link cannot be opened. The core's own validation (`Invalid`) names the JSON field,
/// in the scenario format's words.
#[derive(Clone, Debug, PartialEq)]
pub enum LinkError {
    TooLong {
        kb: usize,
        max_kb: usize,
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
    /// `top_linger`: not a number of seconds in range.
    TopLinger,
    /// `predict`: not true or false.
    Predict,
    Speed,
    /// `python`: not one of the versions offered.
    Python,
    /// The link's runner does not exist in the link's Python.
    NotInPython(NotInPython),
}

impl LinkError {
    pub fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        let pick = |e: &str, r: &str| if en { e.to_string() } else { r.to_string() };
        let speeds: Vec<String> = SPEEDS.iter().map(f64::to_string).collect();
        let speeds = speeds.join(", ");
        let pythons: Vec<&str> = Python::ALL.iter().map(|p| p.name()).collect();
        let pythons = pythons.join(", ");
        let max_seconds = number(Limits::default().max_seconds);
        match self {
            LinkError::TooLong { kb, max_kb } => pick(
                &format!("the link is too long ({kb} KB; at most {max_kb} KB)"),
                &format!("ссылка слишком длинная ({kb} КБ; не больше {max_kb} КБ)"),
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
            LinkError::TopLinger => pick(
                &format!("top_linger: must be a number of seconds from 0 to {max_seconds}"),
                &format!("top_linger: должно быть числом секунд от 0 до {max_seconds}"),
            ),
            LinkError::Predict => pick(
                "predict: must be true or false",
                "predict: должно быть true или false",
            ),
            LinkError::Speed => pick(
                &format!("speed: must be one of {speeds}"),
                &format!("speed: должна быть одной из {speeds}"),
            ),
            LinkError::Python => pick(
                &format!("python: must be one of {pythons}"),
                &format!("python: должна быть одной из {pythons}"),
            ),
            LinkError::NotInPython(e) => not_in_python(e, lang),
        }
    }
}
