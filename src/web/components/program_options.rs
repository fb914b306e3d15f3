//! The options of each program: gather's `return_exceptions` (top); the bottom program's
//! runner and the options the core's registry lists for it — timeout (drawn as a deadline
//! line), return_exceptions, catch, return_when — and the semaphore limit; for both, `main()`
//! catching the exception and sleeping on.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::core::scenario::{Opt, ReturnWhen};
use crate::web::i18n::Lang;
use crate::web::model::options::{
    linger_field, program_name, runner_label, takes, timeout_field, timeout_of,
};
use crate::web::model::{bottom_runner, bottom_runners, choice, Action, BottomOptions, OptionEdit};
use crate::web::problem::Field;
use crate::web::program::ProgramId;

use super::Slider;

#[derive(Properties, PartialEq)]
struct LingerProps {
    program: ProgramId,
    linger: Option<f64>,
    lang: Lang,
    on_action: Callback<Action>,
}

/// `main()` catching its runner's exception and sleeping on, and for how long.
#[function_component(LingerOption)]
fn linger_option(props: &LingerProps) -> Html {
    let tx = super::texts(props.lang);
    let program = props.program;
    let field = linger_field(program, props.lang);
    let on_toggle = props.on_action.reform(move |e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::Options(OptionEdit::LingerOn {
            program,
            on: input.checked(),
        })
    });
    let on_seconds = props
        .on_action
        .reform(move |text| Action::Options(OptionEdit::Linger { program, text }));
    html! {
        <>
            <label class="check">
                <input type="checkbox" checked={props.linger.is_some()} onchange={on_toggle}
                    aria-label={format!("{}: {}", program_name(program, props.lang), tx.linger)} />
                <span>{ tx.linger }</span>
            </label>
            if let Some(seconds) = props.linger {
                <Slider label={field.clone()} exact_label={format!("{field}, {}", tx.seconds)}
                    value={seconds} min={0.0} max={10.0_f64.max(seconds)} step={0.1} unit={tx.sec}
                    onchange={on_seconds} />
            }
        </>
    }
}

#[derive(Properties, PartialEq)]
pub struct GatherOptionsProps {
    pub return_exceptions: bool,
    pub linger: Option<f64>,
    pub lang: Lang,
    pub on_action: Callback<Action>,
}

#[function_component(GatherOptionsForm)]
pub fn gather_options(props: &GatherOptionsProps) -> Html {
    let onchange = props.on_action.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::Options(OptionEdit::ReturnExceptions(input.checked()))
    });
    html! {
        <div class="options">
            <label class="check">
                <input type="checkbox" checked={props.return_exceptions} {onchange} />
                <code>{ "return_exceptions" }</code>
            </label>
            <LingerOption program={ProgramId::Top} linger={props.linger} lang={props.lang}
                on_action={props.on_action.clone()} />
        </div>
    }
}

#[derive(Properties, PartialEq)]
pub struct BottomOptionsProps {
    pub options: BottomOptions,
    pub linger: Option<f64>,
    pub lang: Lang,
    pub on_action: Callback<Action>,
}

#[function_component(BottomOptionsForm)]
pub fn bottom_options(props: &BottomOptionsProps) -> Html {
    let tx = super::texts(props.lang);
    let o = &props.options;
    let current = o.runner.name();
    let on_runner = props.on_action.reform(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let chosen = select.value();
        // Shown again until the render an accepted choice causes: a refused one (a runner the
        // version lacks) must not stay in the list.
        select.set_value(current);
        Action::or_notice(
            choice(Field::Runner, chosen, bottom_runner)
                .map(|r| Action::Options(OptionEdit::Runner(r))),
        )
    });
    let runners = bottom_runners().map(|r| {
        html! { <option value={r.name()} selected={r == o.runner}>{ runner_label(r, props.lang) }</option> }
    });
    let on_return_exceptions = props.on_action.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::Options(OptionEdit::BottomReturnExceptions(input.checked()))
    });
    // The timeout the program passes (wait_for and asyncio.timeout always have one).
    let timeout = o.to_main().runner.timeout();
    let on_timeout_toggle = props.on_action.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::Options(OptionEdit::TimeoutOn(input.checked()))
    });
    let on_timeout = props
        .on_action
        .reform(|text| Action::Options(OptionEdit::Timeout(text)));
    let on_catch = props.on_action.reform(|e: Event| {
        let input: HtmlInputElement = e.target_unchecked_into();
        Action::Options(OptionEdit::Catch(input.checked()))
    });
    let on_limit = props.on_action.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let parse = |v: &str| match v {
            "none" => Some(None),
            l => l.parse::<u32>().ok().map(Some),
        };
        Action::or_notice(
            choice(Field::Limit, select.value(), parse)
                .map(|limit| Action::Options(OptionEdit::Limit(limit))),
        )
    });
    let on_when = props.on_action.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let parse = |v: &str| ReturnWhen::ALL.into_iter().find(|w| w.name() == v);
        Action::or_notice(
            choice(Field::ReturnWhen, select.value(), parse)
                .map(|w| Action::Options(OptionEdit::ReturnWhen(w))),
        )
    });
    let limit_value = o.limit.map_or("none".to_string(), |l| l.to_string());
    // The list offers 1–5, and a link's own limit when it is another.
    let limits: Vec<u32> = (1..=5u32)
        .chain(o.limit.filter(|l| !(1..=5).contains(l)))
        .collect();
    html! {
        <div class="options">
            <label class="field">
                <span>{ tx.runner }</span>
                <select aria-label={tx.runner} onchange={on_runner} ~value={o.runner.name()}>{ for runners }</select>
            </label>
            if let Some((timeout_name, required)) = timeout_of(o.runner) {
                <label class="check">
                    <input type="checkbox" checked={timeout.is_some()} onchange={on_timeout_toggle}
                        disabled={required}
                        aria-label={timeout_field(timeout_name)} />
                    <code>{ timeout_field(timeout_name) }</code>
                </label>
                if let Some(seconds) = timeout {
                    <Slider label={tx.timeout_seconds}
                        exact_label={format!("{}, {}", timeout_field(timeout_name), tx.seconds)}
                        value={seconds} min={0.0} max={10.0_f64.max(seconds)} step={0.1} unit={tx.sec}
                        onchange={on_timeout} />
                }
            }
            if takes(o.runner, Opt::ReturnExceptions) {
                <label class="check">
                    <input type="checkbox" checked={o.options.return_exceptions}
                        onchange={on_return_exceptions}
                        aria-label={format!("{}: return_exceptions", o.runner.label())} />
                    <code>{ "return_exceptions" }</code>
                </label>
            }
            if takes(o.runner, Opt::Catch) {
                <label class="check">
                    <input type="checkbox" checked={o.options.catch} onchange={on_catch} />
                    <span>{ tx.catch }</span>
                </label>
            }
            if takes(o.runner, Opt::ReturnWhen) {
                <label class="field">
                    <span>{ tx.return_when }</span>
                    <select aria-label={tx.return_when} onchange={on_when} ~value={o.options.return_when.name()}>
                        { for ReturnWhen::ALL.iter().map(|w| html! {
                            <option value={w.name()} selected={*w == o.options.return_when}>{ w.name() }</option>
                        }) }
                    </select>
                </label>
            }
            <label class="field">
                <span>{ tx.limit }</span>
                <select aria-label={tx.limit} onchange={on_limit} ~value={limit_value.clone()}>
                    <option value="none" selected={o.limit.is_none()}>{ "—" }</option>
                    { for limits.into_iter().map(|l| html! {
                        <option value={l.to_string()} selected={o.limit == Some(l)}>{ l }</option>
                    }) }
                </select>
            </label>
            <LingerOption program={ProgramId::Bottom} linger={props.linger} lang={props.lang}
                on_action={props.on_action.clone()} />
        </div>
    }
}
