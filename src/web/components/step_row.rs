//! One row of a coroutine's card: a step (print text, sleep slider, return value) or its
//! raise (exception type and message), with ↑ ↓ ✕ buttons named after the step they move.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::core::scenario::Step;
use crate::core::value::ErrorType;
use crate::web::i18n::{EditorTexts, Lang};
use crate::web::model::{choice, Action, Edit, SLEEP_MAX};
use crate::web::problem::Field;

use super::Slider;

#[derive(Properties, PartialEq)]
pub struct StepRowProps {
    pub co: usize,
    pub name: AttrValue,
    /// The row's index in the card (from 0) and how many rows the card has.
    pub row: usize,
    pub rows: usize,
    pub step: Step,
    /// Whether moving the row up / down is accepted: the focus then follows the step.
    pub can_move: (bool, bool),
    /// For a sleep: which sleep of the coroutine it is (from 1), as its slider is named.
    #[prop_or_default]
    pub sleep_k: usize,
    pub lang: Lang,
    pub on_action: Callback<Action>,
}

/// A text field that sends its text on change and shows the scenario's value again at once:
/// an accepted text comes back with the render it causes, a refused one is quoted in the
/// message and must not stay in the field.
fn text_field(label: String, value: String, send: Callback<String>) -> Html {
    let shown = value.clone();
    let onchange = Callback::from(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        let typed = input.value();
        input.set_value(&shown);
        send.emit(typed);
    });
    html! {
        // The title shows a text too long for the field in full.
        <input type="text" class="step-text" value={value.clone()} title={value} aria-label={label}
            {onchange} />
    }
}

#[function_component(StepRow)]
pub fn step_row(props: &StepRowProps) -> Html {
    let (tx, et) = (super::texts(props.lang), EditorTexts::of(props.lang));
    let (co, step, name) = (props.co, props.row, props.name.clone());
    let field = Field::Step {
        name: name.to_string(),
        step,
    }
    .label(props.lang);
    let send = |make: fn(usize, usize, String) -> Edit| {
        props
            .on_action
            .reform(move |text: String| Action::Edit(make(co, step, text)))
    };
    let (kind, control) = match &props.step {
        Step::Print(text) => (
            "print",
            text_field(
                format!("{field}: print"),
                text.clone(),
                send(|co, step, text| Edit::Print { co, step, text }),
            ),
        ),
        Step::Return(value) => (
            "return",
            text_field(
                format!("{field}: {}", et.value),
                value.py_repr(),
                send(|co, step, text| Edit::Return { co, step, text }),
            ),
        ),
        Step::Sleep(seconds) => {
            let k = props.sleep_k;
            let onchange = props
                .on_action
                .reform(move |text: String| Action::Edit(Edit::Sleep { co, k, text }));
            let label = format!("{name} sleep {k}");
            let seconds = *seconds;
            (
                "sleep",
                html! {
                    <Slider label={label.clone()} exact_label={format!("{label}, {}", tx.seconds)}
                        value={seconds} min={0.0} max={SLEEP_MAX.max(seconds)} step={0.1}
                        unit={tx.sec} {onchange} />
                },
            )
        }
        Step::Raise { kind, message } => {
            let type_label = format!("{field}: {}", et.exception_type);
            let on_type = {
                let field = Field::Step {
                    name: name.to_string(),
                    step,
                };
                props.on_action.reform(move |e: Event| {
                    let select: HtmlSelectElement = e.target_unchecked_into();
                    Action::or_notice(
                        choice(field.clone(), select.value(), ErrorType::from_name)
                            .map(|kind| Action::Edit(Edit::RaiseType { co, kind })),
                    )
                })
            };
            let types = ErrorType::ALL.into_iter().map(|t| {
                html! { <option value={t.name()} selected={t == *kind}>{ t.name() }</option> }
            });
            let on_message = props
                .on_action
                .reform(move |text: String| Action::Edit(Edit::RaiseMessage { co, text }));
            (
                "raise",
                html! {
                    <span class="raise-fields">
                        <select aria-label={type_label} onchange={on_type} ~value={kind.name()}>
                            { for types }
                        </select>
                        { text_field(format!("{field}: {}", et.exception_message), message.clone(), on_message) }
                    </span>
                },
            )
        }
    };
    let k = step + 1;
    let n = props.rows;
    let move_label = |dir: &str| format!("{name}: {} {k} {} {n} {dir}", et.move_step, et.of);
    let on_move = |up: bool| {
        let cb = props.on_action.clone();
        let follow = if up {
            props.can_move.0
        } else {
            props.can_move.1
        };
        Callback::from(move |e: MouseEvent| {
            cb.emit(Action::Edit(Edit::MoveStep { co, step, up }));
            if follow {
                follow_step(&e, up);
            }
        })
    };
    let on_remove = props
        .on_action
        .reform(move |_: MouseEvent| Action::Edit(Edit::RemoveStep { co, step }));
    html! {
        <li class={classes!("step-row", kind)}>
            // Always there (hidden for a sleep, whose slider is labelled): the same children
            // in every row, so a button keeps its element, and its focus, when steps move.
            <span class="step-kind" aria-hidden="true">{ kind }</span>
            <span class="step-control">{ control }</span>
            <span class="step-buttons">
                <button type="button" aria-label={move_label(et.up)} onclick={on_move(true)}>{ "↑" }</button>
                <button type="button" aria-label={move_label(et.down)} onclick={on_move(false)}>{ "↓" }</button>
                <button type="button" aria-label={format!("{name}: {} {k} {} {n}", et.remove_step, et.of)}
                    onclick={on_remove}>{ "✕" }</button>
            </span>
        </li>
    }
}

/// Moves the focus to the same button (↑ or ↓) of the row above or below, where the moved
/// step is drawn next (rows are keyed by position), so pressing it again moves the step on.
fn follow_step(e: &MouseEvent, up: bool) {
    use wasm_bindgen::JsCast;
    // `target`, not `current_target`: yew listens at the root and delegates.
    let row = e
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|b| b.closest("li").ok().flatten());
    let next = row.and_then(|r| {
        if up {
            r.previous_element_sibling()
        } else {
            r.next_element_sibling()
        }
    });
    let button = next
        .and_then(|r| r.query_selector_all(".step-buttons button").ok())
        .and_then(|b| b.item(if up { 0 } else { 1 }))
        .and_then(|b| b.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(button) = button {
        let _ = button.focus();
    }
}
