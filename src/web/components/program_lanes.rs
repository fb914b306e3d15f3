//! One program's lanes on the shared time axis: a lane per coroutine (and main(), and the
//! pipeline's writers) with sleeps as hatched segments and marks for print • return ✓ raise ✗
//! cancel ⊘. Events not reached yet are faint (the prediction, a ghost); a timeout is a
//! deadline line. Every mark is focusable and says its time and value; the end of each
//! scenario coroutine's sleep is a handle that sets it (`SleepHandle`).

use yew::prelude::*;

use crate::core::trace::LaneKind;
use crate::web::i18n::{Lang, Texts};
use crate::web::model::{Action, LoopAction};
use crate::web::program::ProgramId;
use crate::web::timeline::{fmt_t, ticks, Derived, Item, LaneView, Mark, Program};

use super::sleep_handle::SleepHandle;
use super::{pct, ByPtr};

#[derive(Properties, PartialEq)]
pub struct ProgramLanesProps {
    pub derived: ByPtr<Derived>,
    pub program: ProgramId,
    /// How many of this program's events have happened (the rest is ghost).
    pub visible: usize,
    /// The virtual time the screen shows (`f64::INFINITY` = the end).
    pub now: f64,
    pub deadline: Option<f64>,
    /// After Reveal: where the learner's prediction parts from asyncio, and what it says.
    #[prop_or_default]
    pub parting: Option<(f64, AttrValue)>,
    pub label: AttrValue,
    pub lang: Lang,
    /// The axis' right end as drawn (held while a sleep is dragged).
    pub axis_end: f64,
    /// A sleep handle's edits.
    pub on_action: Callback<Action>,
    /// A sleep handle's drag: the axis to hold, then `None` on release.
    pub on_drag: Callback<Option<f64>>,
    /// This program's events in the open Why? chain (marked on the lanes).
    pub chain: Vec<usize>,
}

/// What a mark says on hover and to assistive technology: its time, then what happened
/// (Python words stay Python).
fn tip(item: &Item, prog: &Program, lane: usize, lang: Lang) -> String {
    let tx = Texts::of(lang);
    // `*`: CPython's set order; `≈`: a timer race. Either way real Python may differ.
    let star = match (item.unspecified_order, item.race) {
        (true, true) => " * ≈",
        (true, false) => " *",
        (false, true) => " ≈",
        (false, false) => "",
    };
    let t = fmt_t(item.t);
    let sec = tx.sec;
    match &item.mark {
        Mark::Start => format!("t={t} {sec}: {}{star}", tx.n_started),
        Mark::Sleep { seconds } => format!(
            "t={t}–{} {sec}: await asyncio.sleep({})",
            fmt_t(item.end),
            crate::core::value::number(*seconds)
        ),
        Mark::WaitSemaphore => format!(
            "t={t}–{} {sec}: async with semaphore: {}",
            fmt_t(item.end),
            tx.n_waits_semaphore
        ),
        Mark::Print(text) => format!(
            "t={t} {sec}: print {}{star}",
            crate::core::value::str_repr(text)
        ),
        Mark::Returned(v) => format!("t={t} {sec}: ✓ return {v}"),
        Mark::Raised(e) => format!("t={t} {sec}: ✗ {e}"),
        Mark::Cancelled { before_start, by } => {
            let why = prog.cancel_text(lane, *by, *before_start, lang);
            format!("t={t} {sec}: ⊘ {why}{star}")
        }
        Mark::Yielded(v) => format!("t={t} {sec}: {} {v}", tx.n_yields),
        Mark::Awaited(v) => format!("t={t} {sec}: await → {v}"),
    }
}

fn render_item(
    item: &Item,
    axis_end: f64,
    ghost: bool,
    now: f64,
    main: bool,
    tip: String,
    chained: bool,
) -> Html {
    let x = pct(item.t, axis_end);
    let state = if ghost { "ghost" } else { "real" };
    let chained = chained.then_some("why-chain");
    match &item.mark {
        Mark::Sleep { .. } | Mark::WaitSemaphore => {
            if item.end <= item.t {
                return html! {};
            }
            let kind = if matches!(item.mark, Mark::Sleep { .. }) {
                "sleep"
            } else {
                "wait"
            };
            let width = pct(item.end, axis_end) - x;
            let fill = if ghost {
                0.0
            } else {
                ((now - item.t) / (item.end - item.t)).clamp(0.0, 1.0) * 100.0
            };
            html! {
                <span class={classes!("seg", kind, state, chained)} title={tip} data-event={item.index.to_string()}
                    data-left={format!("{x:.3}")} data-width={format!("{width:.3}")}>
                    <span class="seg-fill" data-width={format!("{fill:.1}")}></span>
                </span>
            }
        }
        mark => {
            let (icon, kind, label) = match mark {
                Mark::Start => ("▸", "start", None),
                Mark::Print(_) => ("•", "print", None),
                Mark::Returned(v) => ("✓", "ok", (!main).then(|| v.clone())),
                Mark::Raised(e) => ("✗", "err", Some(e.clone())),
                Mark::Cancelled { .. } => ("⊘", "cancel", Some("CancelledError".to_string())),
                Mark::Yielded(_) => ("◆", "yield", None),
                Mark::Awaited(_) => ("◆", "awaited", None),
                Mark::Sleep { .. } | Mark::WaitSemaphore => unreachable!("segments handled above"),
            };
            let side = if x > 55.0 { "left" } else { "right" };
            // The tooltip opens inwards near the axis' ends (it is wider than the margin).
            let tip_side = match x {
                x if x > 70.0 => Some("tip-left"),
                x if x < 30.0 => Some("tip-right"),
                _ => None,
            };
            html! {
                <span class={classes!("mark", kind, state, tip_side, chained)} data-left={format!("{x:.3}")} data-event={item.index.to_string()}
                    tabindex="0" role="img" aria-label={tip.clone()} data-tip={tip}>
                    <span class="icon" aria-hidden="true">{ icon }</span>
                    if let Some(label) = label {
                        <span class={classes!("end-label", side)} aria-hidden="true">{ label }</span>
                    }
                </span>
            }
        }
    }
}

/// The first and last time a lane shows anything.
fn lane_span(lane: &LaneView) -> (f64, f64) {
    let first = lane.items.first().map_or(0.0, |i| i.t);
    let last = lane.items.iter().map(|i| i.end).fold(first, f64::max);
    (first, last)
}

#[derive(Properties, PartialEq)]
struct LaneRowProps {
    derived: ByPtr<Derived>,
    program: ProgramId,
    lane: usize,
    /// How many of this lane's items happened.
    visible: usize,
    /// The screen's time, clamped to the lane's span.
    now: f64,
    axis_end: f64,
    lang: Lang,
    on_action: Callback<Action>,
    on_drag: Callback<Option<f64>>,
    /// This lane's events in the open Why? chain.
    chain: Vec<usize>,
}

/// One lane: its name, a thin line for its life, its segments and marks.
/// A node ref whose subtree gets its `data-left` / `data-width` applied after every render
/// (each lane row re-renders on its own, so each applies its own).
#[hook]
fn use_geometry() -> NodeRef {
    let root = use_node_ref();
    {
        let root = root.clone();
        use_effect(move || {
            if let Some(el) = root.cast::<web_sys::Element>() {
                crate::web::effects::apply_geometry(&el);
            }
        });
    }
    root
}

#[function_component(LaneRow)]
fn lane_row(props: &LaneRowProps) -> Html {
    let end = props.axis_end;
    let lane = &props.derived.programs[props.program].lanes[props.lane];
    let kind = match lane.kind {
        LaneKind::Coroutine => "coroutine",
        LaneKind::Main => "main",
        LaneKind::Writer => "writer",
    };
    let (first, last) = lane_span(lane);
    let life = (last > first).then(|| {
        let x = pct(first, end);
        html! { <span class="life" data-left={format!("{x:.3}")} data-width={format!("{:.3}", pct(last, end) - x)}></span> }
    });
    let main = lane.kind == LaneKind::Main;
    let prog = &props.derived.programs[props.program];
    let tip_of = |i: &Item| tip(i, prog, props.lane, props.lang);
    let handles = lane.sleep_handles().map(|(k, i, seconds)| {
        html! {
            <SleepHandle key={k} co={props.lane} k={k} name={lane.name.clone()} seconds={seconds}
                start={i.t} end={i.end} axis_end={end} lang={props.lang}
                on_action={props.on_action.clone()} on_drag={props.on_drag.clone()} />
        }
    });
    let root = use_geometry();
    // Why? on a mark: a click, or ? with it focused.
    let program = props.program;
    let why = move |target: Option<web_sys::EventTarget>| {
        use wasm_bindgen::JsCast;
        let el = target?.dyn_into::<web_sys::Element>().ok()?;
        let index = el
            .closest("[data-event]")
            .ok()??
            .get_attribute("data-event")?;
        Some(Action::Loop(LoopAction::Why(Some((
            program,
            index.parse().ok()?,
        )))))
    };
    let onclick = {
        let on = props.on_action.clone();
        Callback::from(move |e: MouseEvent| {
            if let Some(a) = why(e.target()) {
                on.emit(a);
            }
        })
    };
    let onkeydown = {
        let on = props.on_action.clone();
        Callback::from(move |e: KeyboardEvent| match why(e.target()) {
            Some(a) if e.key() == "?" => on.emit(a),
            _ => {}
        })
    };
    html! {
        <div class={classes!("lane", kind)} ref={root}>
            <span class="lane-name" title={lane.name.clone()}>{ lane.name.clone() }</span>
            <div class="track" {onclick} {onkeydown}>
                { for life }
                { for lane.items.iter().enumerate().map(|(k, i)| render_item(i, end, k >= props.visible, props.now, main, tip_of(i), props.chain.contains(&i.index))) }
                <div class="handles">{ for handles }</div>
            </div>
        </div>
    }
}

#[function_component(ProgramLanes)]
pub fn program_lanes(props: &ProgramLanesProps) -> Html {
    let tx = Texts::of(props.lang);
    let d = &props.derived;
    let end = props.axis_end;
    let prog = &d.programs[props.program];
    let ticks = ticks(end).map(|t| {
        html! { <span class="tick" data-left={format!("{:.3}", pct(t, end))}>{ fmt_t(t) }</span> }
    });
    let lanes = prog.lanes.iter().enumerate().map(|(i, lane)| {
        // Each lane re-renders only when what it shows changed: how many of its events
        // happened, and the time within its own span (a finished lane stays still).
        let visible = lane
            .items
            .iter()
            .take_while(|it| it.index < props.visible)
            .count();
        let (first, last) = lane_span(lane);
        let now = props.now.clamp(first, last);
        let chain = lane
            .items
            .iter()
            .map(|it| it.index)
            .filter(|i| props.chain.contains(i))
            .collect::<Vec<_>>();
        html! {
            <LaneRow key={i} derived={props.derived.clone()} program={props.program} lane={i}
                visible={visible} now={now} axis_end={end} lang={props.lang}
                on_action={props.on_action.clone()} on_drag={props.on_drag.clone()} chain={chain} />
        }
    });
    let now_line = (props.now.is_finite() && props.now < end).then(|| {
        html! { <span class="now-line" data-left={format!("{:.3}", pct(props.now, end))} aria-hidden="true"></span> }
    });
    let deadline = props.deadline.map(|t| {
        let label = format!("{} {} {}", tx.deadline, fmt_t(t), tx.sec);
        html! {
            <span class="deadline" data-left={format!("{:.3}", pct(t, end))} role="img" aria-label={label.clone()}>
                <span class="deadline-label">{ label }</span>
            </span>
        }
    });
    let parting = props.parting.as_ref().map(|(t, label)| html! {
        <span class="deadline parting" data-left={format!("{:.3}", pct(*t, end))} role="img" aria-label={label.clone()}>
            <span class="deadline-label">{ label.clone() }</span>
        </span>
    });
    let root = use_geometry();
    html! {
        <div class="lanes" role="group" aria-label={props.label.clone()} ref={root}>
            <div class="axis" aria-hidden="true">
                <span class="lane-name axis-name">{ tx.time_axis }</span>
                <div class="ticks">{ for ticks }</div>
            </div>
            <div class="lane-rows">
                { for lanes }
                <div class="overlay">{ for now_line }{ for deadline }{ for parting }</div>
            </div>
        </div>
    }
}
