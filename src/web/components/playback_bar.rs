//! Run, Pause, Step, Step back, the scrubber (in virtual time), Skip to end, Reset and the Speed control.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::web::i18n::Lang;
use crate::web::model::{choice, Control, SPEEDS};
use crate::web::problem::Field;

#[derive(Properties, PartialEq)]
pub struct PlaybackBarProps {
    pub cursor: usize,
    pub len: usize,
    /// The scrubber's value: the virtual time the screen shows.
    pub time: f64,
    pub axis_end: f64,
    pub scrub_step: f64,
    pub running: bool,
    pub paused: bool,
    pub speed: f64,
    /// "t=… s" of the cursor.
    pub status: AttrValue,
    pub lang: Lang,
    pub on_control: Callback<Control>,
}

#[function_component(PlaybackBar)]
pub fn playback_bar(props: &PlaybackBarProps) -> Html {
    let tx = super::texts(props.lang);
    let cb = |c: Control| props.on_control.reform(move |_: MouseEvent| c.clone());
    // `aria-disabled`, not `disabled`: a button pressed to its end (Step at the last event)
    // keeps the keyboard focus instead of dropping it to the page.
    let off = |b: bool| if b { "true" } else { "false" };
    let (at_start, at_end) = (props.cursor == 0, props.cursor >= props.len);
    let on_seek = props.on_control.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        choice(Field::Position, input.value(), |v| v.parse().ok())
            .map_or_else(Control::Refused, Control::Seek)
    });
    let on_speed = props.on_control.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let offered = |v: &str| v.parse().ok().filter(|s| SPEEDS.contains(s));
        choice(Field::Speed, select.value(), offered).map_or_else(Control::Refused, Control::Speed)
    });
    let speeds = SPEEDS.iter().map(|&s| {
        html! { <option value={s.to_string()} selected={s == props.speed}>{ format!("{s}×") }</option> }
    });
    html! {
        <div class="playback" role="group" aria-label={tx.playback}>
            <div class="buttons">
                <button type="button" class="run primary" onclick={cb(Control::Run)}
                    data-space="run-pause">
                    <span aria-hidden="true">{"► "}</span>{ tx.run }</button>
                <button type="button" onclick={cb(Control::Pause)} aria-disabled={off(!props.running)}
                    data-space="run-pause"
                    aria-pressed={if props.paused { "true" } else { "false" }}>
                    <span aria-hidden="true">{"‖ "}</span>{ tx.pause }</button>
                <button type="button" onclick={cb(Control::StepBack)} aria-disabled={off(at_start)}>
                    <span aria-hidden="true">{"◀ "}</span>{ tx.step_back }</button>
                <button type="button" onclick={cb(Control::Step)} aria-disabled={off(at_end)}>
                    <span aria-hidden="true">{"▶ "}</span>{ tx.step }</button>
                <button type="button" onclick={cb(Control::SkipToEnd)} aria-disabled={off(at_end && !props.running)}>
                    <span aria-hidden="true">{"⇥ "}</span>{ tx.skip_to_end }</button>
                <button type="button" onclick={cb(Control::Reset)} aria-disabled={off(at_start && !props.running)}>
                    <span aria-hidden="true">{"↺ "}</span>{ tx.reset }</button>
                <label class="speed">
                    <span>{ tx.speed }</span>
                    <select aria-label={tx.speed} onchange={on_speed} ~value={props.speed.to_string()}>{ for speeds }</select>
                </label>
            </div>
            <div class="scrub">
                <input type="range" class="scrubber" aria-label={tx.position} min="0"
                    max={props.axis_end.to_string()} step={props.scrub_step.to_string()}
                    value={props.time.to_string()}
                    aria-valuetext={props.status.clone()} oninput={on_seek} />
                <span class="status">{ props.status.clone() }</span>
            </div>
        </div>
    }
}
