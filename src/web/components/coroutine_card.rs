//! One coroutine in the editor: its name, a slider per `sleep`, where it raises, remove.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::core::scenario::Step;
use crate::web::i18n::Lang;
use crate::web::model::{choice, Action, CoroutineSpec, Edit, SLEEP_MAX};
use crate::web::problem::Field;

use super::Slider;

#[derive(Properties, PartialEq)]
pub struct CoroutineCardProps {
    pub index: usize,
    pub spec: CoroutineSpec,
    pub can_remove: bool,
    pub lang: Lang,
    pub on_action: Callback<Action>,
}

/// A short summary of the body: `print · sleep · return 'test 5'`.
fn summary(spec: &CoroutineSpec) -> String {
    let c = spec.to_coroutine();
    c.steps
        .iter()
        .map(|s| match s {
            Step::Print(_) => "print".to_string(),
            Step::Sleep(x) => format!("sleep({})", crate::core::value::number(*x)),
            Step::Raise { kind, .. } => format!("raise {}", kind.name()),
            Step::Return(v) => format!("return {}", v.py_repr()),
        })
        .collect::<Vec<_>>()
        .join(" · ")
}

#[function_component(CoroutineCard)]
pub fn coroutine_card(props: &CoroutineCardProps) -> Html {
    let tx = super::texts(props.lang);
    let co = props.index;
    let name = props.spec.name.clone();
    let on_rename = {
        let cb = props.on_action.clone();
        let old = name.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let new = input.value();
            // Show the current name again first: an accepted name arrives with the render the
            // rename causes; a refused one (empty, taken, too long) must not stay in the field.
            input.set_value(&old);
            cb.emit(Action::Edit(Edit::Rename { co, name: new }));
        })
    };
    let raises_label = Field::Raises(name.clone()).label(props.lang);
    let on_raise = {
        let field = Field::Raises(name.clone());
        props.on_action.reform(move |e: Event| {
            let select: HtmlSelectElement = e.target_unchecked_into();
            let parse = |v: &str| match v {
                "none" => Some(None),
                k => k.parse::<usize>().ok().map(Some),
            };
            Action::or_notice(
                choice(field.clone(), select.value(), parse)
                    .map(|after_sleep| Action::Edit(Edit::Raise { co, after_sleep })),
            )
        })
    };
    let on_remove = props
        .on_action
        .reform(move |_: MouseEvent| Action::Edit(Edit::Remove(co)));
    let sliders = props
        .spec
        .sleeps()
        .into_iter()
        .enumerate()
        .map(|(i, seconds)| {
            let k = i + 1;
            let onchange = props
                .on_action
                .reform(move |text: String| Action::Edit(Edit::Sleep { co, k, text }));
            let label = format!("{name} sleep {k}");
            html! {
                <Slider key={k} label={label.clone()} exact_label={format!("{label}, {}", tx.seconds)}
                    value={seconds} min={0.0} max={SLEEP_MAX.max(seconds)} step={0.1} unit={tx.sec}
                    {onchange} />
            }
        });
    let chosen = props.spec.raise_after_sleep();
    let raise_options = (0..=props.spec.all_sleeps()).map(|k| {
        let text = if k == 0 {
            tx.raises_at_start.to_string()
        } else {
            format!("{} {k}", tx.raises_after_sleep)
        };
        html! { <option value={k.to_string()} selected={chosen == Some(k)}>{ text }</option> }
    });
    html! {
        <li class="card">
            <div class="card-head">
                <label class="name-field">
                    <span class="visually-hidden">{ format!("{} {}", tx.name, co + 1) }</span>
                    <input type="text" class="name" value={name.clone()}
                        aria-label={format!("{} {}", tx.name, co + 1)} onchange={on_rename} />
                </label>
                if props.can_remove {
                    <button type="button" class="remove" onclick={on_remove}
                        aria-label={format!("{} {name}", tx.remove)}>{ "×" }</button>
                }
            </div>
            <p class="summary">{ summary(&props.spec) }</p>
            { for sliders }
            <label class="raises">
                <span>{ raises_label.clone() }</span>
                <select aria-label={raises_label} onchange={on_raise}
                    ~value={chosen.map_or("none".to_string(), |k| k.to_string())}>
                    <option value="none" selected={chosen.is_none()}>{ tx.raises_none }</option>
                    { for raise_options }
                </select>
            </label>
        </li>
    }
}
