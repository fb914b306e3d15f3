//! A run as JSON: what `simulate` prints, and with `trace` (`simulate --trace`, the page's
//! *Export trace*) every event and every loop pass with its ready handles and timer heap.
//! One builder, so the command line and the page can never disagree on the shape.

use super::handles::TimerView;
use super::inspect::lane_calls;
use super::runners::Simulation;
use super::scenario::{Limits, Scenario};
use super::semantics::Semantics;
use super::trace::What;
use serde_json::{json, Value as Json};

/// Runs `scenario` pass by pass and describes the run; `trace` adds `trace` and `passes`.
pub fn report_json(
    scenario: &Scenario,
    limits: &Limits,
    semantics: Semantics,
    trace: bool,
) -> Result<Json, String> {
    // Step by step, keeping the timer heap each pass starts its callbacks with.
    let mut sim = Simulation::new(scenario, limits, semantics);
    let mut heaps: Vec<Vec<TimerView>> = Vec::new();
    while !sim.is_done() {
        if trace {
            heaps.push(sim.snapshot().timers);
        }
        sim.step().map_err(|e| e.to_string())?;
    }
    let report = sim.report();
    let print_passes = report
        .events
        .iter()
        .filter(|e| matches!(e.what, What::Print(_)))
        .map(|e| e.pass);
    let mut out = json!({
        "console": report.console.iter().zip(print_passes).map(|(l, pass)| json!({"t": l.t, "pass": pass, "text": l.text})).collect::<Vec<_>>(),
        "raised": report.raised,
        "end_time": report.end_time,
        "coroutines": report.coroutines.iter().map(|c| json!({"name": c.name, "state": c.state.name(), "end": c.end})).collect::<Vec<_>>(),
    });
    if trace {
        out["trace"] = report
            .events
            .iter()
            .map(|e| json!({"t": e.t, "pass": e.pass, "lane": report.lanes[e.lane].name, "what": format!("{:?}", e.what), "unspecified_order": e.unspecified_order, "race": e.race}))
            .collect();
        let calls = lane_calls(scenario, &report.lanes);
        let mut passes: Vec<Json> = Vec::new();
        for h in &report.handles {
            if passes.last().is_none_or(|p| p["pass"] != h.pass) {
                let timers = &heaps[h.pass as usize - 1];
                passes.push(json!({"pass": h.pass, "time": h.time, "ready": [],
                    "timers": timers.iter().map(|t| json!({"when": t.when, "what": t.what.label(&calls)})).collect::<Vec<_>>()}));
            }
            let ready = passes.last_mut().expect("pushed above")["ready"].as_array_mut();
            ready.expect("an array").push(json!(h.view.label(&calls)));
        }
        out["passes"] = Json::Array(passes);
    }
    Ok(out)
}
