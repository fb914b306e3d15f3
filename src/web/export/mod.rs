//! What a teacher takes away from the page: the timeline as a standalone SVG ([`svg`]) and
//! the run's trace as JSON — `simulate --trace`'s shape (one builder, `core::report_json`)
//! per program, with which program and which Python. Pure: the downloads are `effects`'.

mod svg;

pub use svg::{timeline_svg, SvgSize};

use serde_json::json;

use crate::core::{report_json, Limits};
use crate::web::program::ProgramId;
use crate::web::timeline::Derived;

/// File names of the downloads.
pub const SVG_FILE: &str = "asyncio-timeline.svg";
pub const PNG_FILE: &str = "asyncio-timeline.png";
pub const TRACE_FILE: &str = "asyncio-trace.json";

/// The trace of both programs: `{"python", "programs": [{"program", "runner", "scenario",
/// …simulate --trace's fields}]}`; a program the core refused to finish has `"error"`.
pub fn trace_json(d: &Derived) -> String {
    let programs: Vec<_> = ProgramId::ALL
        .into_iter()
        .map(|id| {
            let scenario = &d.programs[id].scenario;
            let mut out = report_json(scenario, &Limits::default(), d.semantics, true)
                .unwrap_or_else(|e| json!({ "error": e }));
            out["program"] = json!(match id {
                ProgramId::Top => "top",
                ProgramId::Bottom => "bottom",
            });
            out["runner"] = json!(scenario.main.runner.name());
            out["scenario"] = scenario.to_json();
            out
        })
        .collect();
    let out = json!({ "python": d.semantics.python().name(), "programs": programs });
    serde_json::to_string_pretty(&out).expect("JSON values serialize")
}
