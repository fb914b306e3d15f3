//! The options of each program: gather's `return_exceptions` (top); the bottom program's
//! runner, timeout (drawn as a deadline line), catch, return_when and semaphore limit.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::core::scenario::ReturnWhen;
use crate::web::i18n::Lang;
use crate::web::model::{Action, BottomOptions, BottomRunner, DEFAULT_TIMEOUT};

use super::Slider;

#[derive(Properties, PartialEq)]
pub struct GatherOptionsProps {
    pub return_exceptions: bool,
    pub on_action: Callback<Action>,
}

#[function_component(GatherOptionsForm)]
pub fn gather_options(props: &GatherOptionsProps) -> Html {
    let onchange = props.on_action.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::SetReturnExceptions(input.checked())
    });
    html! {
        <div class="options">
            <label class="check">
                <input type="checkbox" checked={props.return_exceptions} {onchange} />
                <code>{ "return_exceptions" }</code>
            </label>
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct BottomOptionsProps {
    pub options: BottomOptions,
    pub lang: Lang,
    pub on_action: Callback<Action>,
}

#[function_component(BottomOptionsForm)]
pub fn bottom_options(props: &BottomOptionsProps) -> Html {
    let tx = super::texts(props.lang);
    let o = &props.options;
    let on_runner = props.on_action.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::SetBottomRunner(
            BottomRunner::from_name(&select.value()).unwrap_or(BottomRunner::AsCompleted),
        )
    });
    let runners = BottomRunner::ALL.iter().map(|r| {
        html! { <option value={r.name()} selected={*r == o.runner}>{ r.label() }</option> }
    });
    let timeout_name = match o.runner {
        BottomRunner::AsCompleted | BottomRunner::AsCompletedPipeline => "as_completed",
        BottomRunner::Wait => "wait",
        _ => "wait_for",
    };
    let timeout_on = o.timeout.is_some() || o.runner == BottomRunner::WaitForGather;
    let on_timeout_toggle = props.on_action.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::SetTimeout(input.checked().then_some(DEFAULT_TIMEOUT))
    });
    let on_timeout = props.on_action.reform(|t: f64| Action::SetTimeout(Some(t)));
    let on_catch = props.on_action.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::SetCatch(input.checked())
    });
    let on_limit = props.on_action.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::SetLimit(select.value().parse().ok())
    });
    let on_when = props.on_action.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let w = ReturnWhen::ALL
            .into_iter()
            .find(|w| w.name() == select.value())
            .unwrap_or(ReturnWhen::AllCompleted);
        Action::SetReturnWhen(w)
    });
    let limit_value = o.limit.map_or("none".to_string(), |l| l.to_string());
    html! {
        <div class="options">
            <label class="field">
                <span>{ tx.runner }</span>
                <select aria-label={tx.runner} onchange={on_runner} ~value={o.runner.name()}>{ for runners }</select>
            </label>
            if o.runner.has_timeout() {
                <label class="check">
                    <input type="checkbox" checked={timeout_on} onchange={on_timeout_toggle}
                        disabled={o.runner == BottomRunner::WaitForGather}
                        aria-label={format!("{timeout_name} timeout")} />
                    <code>{ format!("{timeout_name} timeout") }</code>
                </label>
                if timeout_on {
                    <Slider label="Timeout seconds" value={o.timeout.unwrap_or(DEFAULT_TIMEOUT)}
                        min={0.0} max={10.0_f64.max(o.timeout.unwrap_or(0.0))} step={0.1} unit="s" oninput={on_timeout} />
                }
            }
            if o.runner == BottomRunner::AsCompleted {
                <label class="check">
                    <input type="checkbox" checked={o.catch} onchange={on_catch} />
                    <span>{ tx.catch }</span>
                </label>
            }
            if o.runner == BottomRunner::Wait {
                <label class="field">
                    <span>{ tx.return_when }</span>
                    <select aria-label={tx.return_when} onchange={on_when} ~value={o.return_when.name()}>
                        { for ReturnWhen::ALL.iter().map(|w| html! {
                            <option value={w.name()} selected={*w == o.return_when}>{ w.name() }</option>
                        }) }
                    </select>
                </label>
            }
            <label class="field">
                <span>{ tx.limit }</span>
                <select aria-label={tx.limit} onchange={on_limit} ~value={limit_value.clone()}>
                    <option value="none" selected={o.limit.is_none()}>{ "—" }</option>
                    { for (1..=5u32).map(|l| html! {
                        <option value={l.to_string()} selected={o.limit == Some(l)}>{ l }</option>
                    }) }
                </select>
            </label>
        </div>
    }
}
