//! Reading what the learner typed or picked: seconds, and a list's value.

use crate::web::i18n::Lang;
use crate::web::problem::{Field, Problem};

/// Seconds typed or slid into a sleep or a timeout field: a number from 0 to the core's cap.
/// In the Russian interface a decimal comma is read as a point (`1,5`); in the English one a
/// comma is refused, since `1,000` there means a thousand.
pub fn seconds_from(field: Field, text: &str, lang: Lang) -> Result<f64, Problem> {
    let max = crate::core::Limits::default().max_seconds;
    let number = match lang {
        Lang::Ru => text.trim().replacen(',', ".", 1),
        Lang::En => text.trim().to_string(),
    };
    // An overflowing number (`1e309`, a pasted run of digits) parses to infinity: it is out
    // of range, not "not a number".
    let x: f64 = match number.parse() {
        Ok(x) if !f64::is_nan(x) => x,
        _ => {
            return Err(Problem::NotANumber {
                field,
                text: text.to_string(),
            })
        }
    };
    if !(0.0..=max).contains(&x) {
        return Err(Problem::OutOfRange {
            field,
            text: text.to_string(),
            min: 0.0,
            max,
        });
    }
    // `+ 0.0` turns `-0` into 0: the code would otherwise show `sleep(-0.0)`.
    Ok(x + 0.0)
}

/// A list's value, parsed; no option has any other (only a tampered page can send one, and
/// it must be refused, not silently replaced by a default).
pub fn choice<T>(
    field: Field,
    value: String,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, Problem> {
    parse(&value).ok_or(Problem::UnknownChoice { field, value })
}
