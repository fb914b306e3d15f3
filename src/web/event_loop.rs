//! What the Event loop, Why and code panels show of one program at the screen's position:
//! the loop before a pass (replayed by the core, nothing kept per pass), the cause chain of
//! an event, and the line each coroutine is at. Pure: tested natively.

use crate::core::handles::HandleView;
use crate::core::trace::{LaneKind, What};
use crate::core::{lane_calls, snapshot, why, Limits, Semantics};

use super::i18n::event_loop::{cause_text, handle_text, task_state_text};
use super::i18n::Lang;
use super::model::LoopAt;
use super::timeline::Program;

/// The loop as a pass begins, worded.
#[derive(Clone, Debug, PartialEq)]
pub struct LoopPanel {
    pub pass: u64,
    pub time: f64,
    /// The handles this pass runs, in order.
    pub ready: Vec<String>,
    /// Which of them ran the cursor's event (`None`: the screen is between events).
    pub running: Option<usize>,
    /// (deadline, what it calls), in heap order.
    pub timers: Vec<(f64, String)>,
    /// (how the program calls it, its state), in creation order.
    pub tasks: Vec<(String, String)>,
}

/// The panel at `at`; `None` once `asyncio.run` has returned or the prediction failed.
pub fn panel(program: &Program, semantics: Semantics, at: LoopAt, lang: Lang) -> Option<LoopPanel> {
    let report = program.report.as_ref().ok()?;
    let snap = snapshot(&program.scenario, &Limits::default(), semantics, at.pass).ok()??;
    let calls = lane_calls(&program.scenario, &report.lanes);
    // The pass's handles run in ready-queue order, so the running one's place in it is its
    // distance from the pass's first handle.
    let first = report.handles.partition_point(|h| h.pass < at.pass);
    let running = at
        .running
        .map(|h| h as usize - first)
        .filter(|&i| report.handles.get(first + i).map(|h| h.view) == snap.ready.get(i).copied());
    let word = |v: &HandleView| handle_text(v, &calls, lang);
    Some(LoopPanel {
        pass: snap.pass,
        time: snap.time,
        ready: snap.ready.iter().map(word).collect(),
        running,
        timers: snap
            .timers
            .iter()
            .map(|t| (t.when, word(&t.what)))
            .collect(),
        tasks: snap
            .tasks
            .iter()
            .map(|t| {
                (
                    calls[t.lane].clone(),
                    task_state_text(&t.state, &calls, lang),
                )
            })
            .collect(),
    })
}

/// Why event `index` happened, worded, and the events its chain's handles ran (to mark).
#[derive(Clone, Debug, PartialEq)]
pub struct WhyView {
    pub steps: Vec<String>,
    pub events: Vec<usize>,
}

pub fn why_view(program: &Program, index: usize, lang: Lang) -> Option<WhyView> {
    let report = program.report.as_ref().ok()?;
    if index >= report.events.len() {
        return None;
    }
    let chain = why(report, index);
    let calls = lane_calls(&program.scenario, &report.lanes);
    let handles: Vec<u32> = chain
        .iter()
        .filter_map(|s| match s {
            crate::core::CauseStep::Handle(h) => Some(*h),
            _ => None,
        })
        .collect();
    let events = (report.events.iter().enumerate())
        .filter(|(i, e)| *i == index || e.handle.is_some_and(|h| handles.contains(&h)))
        .map(|(i, _)| i)
        .collect();
    Some(WhyView {
        steps: chain
            .iter()
            .map(|s| cause_text(s, report, &calls, lang))
            .collect(),
        events,
    })
}

/// The line each coroutine and `main()` is at after the program's first `k` events, with
/// who is there ("5, 2" when several run one shared function), by line. A finished one
/// shows only while its last event is the cursor's.
pub fn current_lines(program: &Program, k: usize) -> Vec<(usize, String)> {
    let events = &program.events()[..k.min(program.events_len())];
    let map = &program.lines;
    let mut at: Vec<(usize, String)> = Vec::new();
    let Ok(report) = &program.report else {
        return at;
    };
    for (lane, info) in report.lanes.iter().enumerate() {
        let mine = || events.iter().enumerate().filter(|(_, e)| e.lane == lane);
        let Some((last_i, last)) = mine().next_back() else {
            continue;
        };
        let is_cursor = last_i + 1 == events.len();
        let line = match (info.kind, &last.what) {
            (_, What::Cancelled { .. }) => None,
            (_, What::Returned(_) | What::Raised(_)) if !is_cursor => None,
            (LaneKind::Coroutine, What::Start) => map.defs.get(lane).copied(),
            (LaneKind::Coroutine, What::WaitSemaphore) => {
                map.semaphore.get(lane).copied().flatten()
            }
            (LaneKind::Coroutine, _) => {
                let done = mine()
                    .filter(|(_, e)| {
                        matches!(
                            e.what,
                            What::Print(_)
                                | What::Sleep { .. }
                                | What::Returned(_)
                                | What::Raised(_)
                        )
                    })
                    .count();
                // A body without `return` returns None after its last step.
                let steps = map.steps.get(lane);
                steps.and_then(|s| s.get(done.saturating_sub(1)).or(s.last()).copied())
            }
            (LaneKind::Main, _) => {
                // The pipeline awaits its writers' gather once as_completed is exhausted.
                let yields = mine()
                    .filter(|(_, e)| matches!(e.what, What::Yielded { .. }))
                    .count();
                let second =
                    yields >= program.scenario.coroutines.len() && map.main_awaits.len() > 1;
                map.main_awaits.get(usize::from(second)).copied()
            }
            (LaneKind::Writer, _) => None,
        };
        if let Some(line) = line {
            match at.iter_mut().find(|(l, _)| *l == line) {
                Some((_, who)) => {
                    who.push_str(", ");
                    who.push_str(&info.name);
                }
                None => at.push((line, info.name.clone())),
            }
        }
    }
    at.sort_by_key(|(l, _)| *l);
    at
}
