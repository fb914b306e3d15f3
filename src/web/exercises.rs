//! The built-in exercises (`www/exercises/*.json`, shipped inside the wasm): a scenario like
//! a preset, the questions it asks, a title and an explanation in both languages.
//! `tests/exercises.rs` simulates each and checks its explanation against the core.

use serde_json::Value as Json;

use crate::core::{Limits, Python, Scenario};

use super::i18n::Lang;
use super::model::predict::{Predict, Question};
use super::model::Playground;
use super::problem::{Field, Problem};

macro_rules! exercises {
    ($($id:literal),* $(,)?) => {
        [$(($id, include_str!(concat!("../../www/exercises/", $id, ".json")))),*]
    };
}

/// Each exercise's id (its file stem) and JSON text.
pub const EXERCISES: [(&str, &str); 12] = exercises![
    "01-gather-siblings",
    "02-return-exceptions",
    "03-completion-order",
    "04-as-completed-timeout",
    "05-sequential",
    "06-wait-for-cancels",
    "07-taskgroup",
    "08-semaphore",
    "09-sleep-zero",
    "10-equal-deadlines",
    "11-asyncio-timeout",
    "12-timeout-error-3-10",
];

#[derive(Clone, Debug, PartialEq)]
pub struct Exercise {
    pub id: String,
    /// English, Russian.
    pub title: [String; 2],
    pub explanation: [String; 2],
    pub python: Python,
    pub return_exceptions: bool,
    pub ask: Vec<Question>,
    pub scenario: Scenario,
}

fn words(doc: &Json, key: &str) -> Result<[String; 2], String> {
    let text = |lang: &str| {
        doc[key][lang]
            .as_str()
            .map(str::to_string)
            .ok_or(format!("{key}.{lang}: missing"))
    };
    Ok([text("en")?, text("ru")?])
}

fn parse(id: &str, text: &str) -> Result<Exercise, String> {
    let doc: Json = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let python = doc["python"].as_str().and_then(Python::from_name);
    let ask = doc["ask"].as_array().ok_or("ask: missing")?;
    let ask = ask
        .iter()
        .map(|q| {
            q.as_str()
                .and_then(Question::from_name)
                .ok_or(format!("ask: {q} is not a question"))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let scenario = Scenario::from_value(&doc["scenario"], &Limits::default())
        .map_err(|e| format!("scenario: {e}"))?;
    Ok(Exercise {
        id: id.to_string(),
        title: words(&doc, "title")?,
        explanation: words(&doc, "explanation")?,
        python: python.ok_or("python: not a version")?,
        return_exceptions: doc["return_exceptions"].as_bool().unwrap_or(false),
        ask,
        scenario,
    })
}

/// An exercise by id; an unknown or broken one says why.
pub fn exercise(id: &str) -> Result<Exercise, Problem> {
    let (_, text) =
        EXERCISES
            .iter()
            .find(|(s, _)| *s == id)
            .ok_or_else(|| Problem::UnknownChoice {
                field: Field::Preset,
                value: id.to_string(),
            })?;
    parse(id, text).map_err(|reason| Problem::BadPreset {
        stem: id.to_string(),
        reason,
    })
}

/// Every exercise that parses (all do: the tests say so), in list order.
pub fn all() -> Vec<Exercise> {
    EXERCISES
        .iter()
        .filter_map(|(id, _)| exercise(id).ok())
        .collect()
}

impl Exercise {
    pub fn title(&self, lang: Lang) -> &str {
        &self.title[lang as usize]
    }

    pub fn explanation(&self, lang: Lang) -> &str {
        &self.explanation[lang as usize]
    }

    /// The playground opened on it, in predict mode.
    pub fn playground(&self, lang: Lang) -> Result<Playground, Problem> {
        self.scenario
            .check_python(self.python)
            .map_err(Problem::NotInPython)?;
        let mut p = Playground::from_scenario(
            &self.scenario,
            self.return_exceptions,
            None,
            1.0,
            self.python,
            lang,
        );
        p.predict = Some(Predict::asking(
            &p.derived,
            &self.ask,
            Some(self.id.clone()),
        ));
        Ok(p)
    }
}
