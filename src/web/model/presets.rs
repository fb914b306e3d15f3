//! The bundled presets: the book's examples, shipped inside the wasm (nothing is fetched).

use crate::core::Scenario;
use crate::web::problem::{Field, Problem};

/// The bundled presets: file stem and JSON text (no fetch: they ship inside the wasm).
pub const PRESETS: [(&str, &str); 6] = [
    (
        "book-1-gather",
        include_str!("../../../www/presets/book-1-gather.json"),
    ),
    (
        "book-2-gather-exception",
        include_str!("../../../www/presets/book-2-gather-exception.json"),
    ),
    (
        "book-3-return-exceptions",
        include_str!("../../../www/presets/book-3-return-exceptions.json"),
    ),
    (
        "book-4-as-completed",
        include_str!("../../../www/presets/book-4-as-completed.json"),
    ),
    (
        "book-5-pipeline",
        include_str!("../../../www/presets/book-5-pipeline.json"),
    ),
    (
        "as-completed-timeout",
        include_str!("../../../www/presets/as-completed-timeout.json"),
    ),
];

/// The preset the page starts on.
pub const DEFAULT_PRESET: &str = "book-1-gather";

/// A preset's scenario; an unknown or broken one says why.
pub fn preset(stem: &str) -> Result<Scenario, Problem> {
    let (_, text) =
        PRESETS
            .iter()
            .find(|(s, _)| *s == stem)
            .ok_or_else(|| Problem::UnknownChoice {
                field: Field::Preset,
                value: stem.to_string(),
            })?;
    Scenario::from_json(text).map_err(|e| Problem::BadPreset {
        stem: stem.to_string(),
        reason: e.to_string(),
    })
}
