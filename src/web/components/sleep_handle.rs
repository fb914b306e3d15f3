//! The end of a sleep bar on the lanes, as a handle that sets that sleep (as RxMarbles lets one
//! drag marbles): drag it with a pointer, or focus it and press ← → (Shift: by 1 s). It sends
//! the same `Edit::Sleep` as the editor's slider, so the lanes re-predict while it moves.

use yew::prelude::*;

use crate::core::value::number;
use crate::web::effects;
use crate::web::i18n::{LanesText, Lang, Texts};
use crate::web::model::{Action, Edit, SLEEP_MAX};
use crate::web::timeline::{dragged_seconds, fmt_t, stepped_seconds};

use super::pct;

#[derive(Properties, PartialEq)]
pub struct SleepHandleProps {
    /// The coroutine (its lane) and which of its sleeps, from 1.
    pub co: usize,
    pub k: usize,
    pub name: AttrValue,
    pub seconds: f64,
    /// Where the sleep starts and where its bar ends (earlier than start + seconds if cut).
    pub start: f64,
    pub end: f64,
    pub axis_end: f64,
    pub lang: Lang,
    pub on_action: Callback<Action>,
    /// The axis to hold while this handle is dragged (`None`: the drag ended).
    pub on_drag: Callback<Option<f64>>,
}

/// What a drag keeps from the moment the handle was grabbed: the pointer's x, the axis'
/// width in pixels and seconds, and the time under the handle.
#[derive(Clone, Copy)]
struct Grab {
    x: f64,
    width: f64,
    axis_end: f64,
    t: f64,
}

#[function_component(SleepHandle)]
pub fn sleep_handle(props: &SleepHandleProps) -> Html {
    let grab = use_mut_ref(|| None::<Grab>);
    let (co, k, seconds) = (props.co, props.k, props.seconds);
    // A move within the same 0.1 s sends nothing.
    let set = {
        let on_action = props.on_action.clone();
        move |new: f64| {
            if new != seconds {
                let text = number(new);
                on_action.emit(Action::Edit(Edit::Sleep { co, k, text }));
            }
        }
    };
    let onpointerdown = {
        let (grab, on_drag) = (grab.clone(), props.on_drag.clone());
        let (axis_end, t) = (props.axis_end, props.end);
        Callback::from(move |e: PointerEvent| {
            let Some(width) = effects::grab_pointer(&e) else {
                return;
            };
            e.prevent_default();
            *grab.borrow_mut() = Some(Grab {
                x: f64::from(e.client_x()),
                width,
                axis_end,
                t,
            });
            on_drag.emit(Some(axis_end));
        })
    };
    let onpointermove = {
        let (grab, start, set) = (grab.clone(), props.start, set.clone());
        Callback::from(move |e: PointerEvent| {
            let Some(g) = *grab.borrow() else { return };
            let dx = f64::from(e.client_x()) - g.x;
            set(dragged_seconds(start, g.t, dx, g.width, g.axis_end));
        })
    };
    let release = {
        let on_drag = props.on_drag.clone();
        Callback::from(move |_: PointerEvent| {
            if grab.borrow_mut().take().is_some() {
                on_drag.emit(None);
            }
        })
    };
    let onkeydown = {
        Callback::from(move |e: KeyboardEvent| {
            let up = match e.key().as_str() {
                "ArrowRight" | "ArrowUp" => true,
                "ArrowLeft" | "ArrowDown" => false,
                _ => return,
            };
            e.prevent_default();
            set(stepped_seconds(seconds, up, e.shift_key()));
        })
    };
    let tx = Texts::of(props.lang);
    let label = format!(
        "{} sleep {} {}",
        props.name,
        props.k,
        LanesText::of(props.lang).on_timeline
    );
    html! {
        <span class="handle" role="slider" tabindex="0" aria-label={label.clone()}
            aria-valuemin="0" aria-valuemax={SLEEP_MAX.max(props.seconds).to_string()}
            aria-valuenow={props.seconds.to_string()}
            aria-valuetext={format!("{} {}", number(props.seconds), tx.sec)}
            title={format!("{label}: {} {}", fmt_t(props.seconds), tx.sec)}
            data-left={format!("{:.3}", pct(props.end, props.axis_end))}
            {onpointerdown} {onpointermove} onpointerup={release.clone()} onpointercancel={release}
            {onkeydown}></span>
    }
}
