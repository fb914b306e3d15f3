//! Reading a core `Report` in rule tests (`core_semantics.rs`, `core_versions.rs`).

use asyncio_playground::core::trace::What;
use asyncio_playground::core::Report;

/// The console as (time, text).
pub fn lines(r: &Report) -> Vec<(f64, &str)> {
    r.console.iter().map(|l| (l.t, l.text.as_str())).collect()
}

/// The pass of the first event on `lane` matching `pred`.
pub fn pass_of(r: &Report, lane: usize, pred: impl Fn(&What) -> bool) -> u64 {
    r.events
        .iter()
        .find(|e| e.lane == lane && pred(&e.what))
        .expect("event present")
        .pass
}
