//! One coroutine in the editor: its name, a row per step (and its raise), "add step", where
//! it raises, remove.

use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::core::scenario::Step;
use crate::web::i18n::{EditorTexts, Lang};
use crate::web::model::editor::StepKind;
use crate::web::model::{choice, Action, CoroutineSpec, Edit};
use crate::web::problem::Field;

use super::StepRow;

#[derive(Properties, PartialEq)]
pub struct CoroutineCardProps {
    pub index: usize,
    pub spec: CoroutineSpec,
    pub can_remove: bool,
    pub lang: Lang,
    pub on_action: Callback<Action>,
}

#[function_component(CoroutineCard)]
pub fn coroutine_card(props: &CoroutineCardProps) -> Html {
    let (tx, et) = (super::texts(props.lang), EditorTexts::of(props.lang));
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
    let shown = props.spec.to_coroutine().steps;
    let rows = shown.len();
    let mut sleeps = 0;
    let step_rows = shown.into_iter().enumerate().map(|(row, step)| {
        sleeps += usize::from(matches!(step, Step::Sleep(_)));
        let can_move = (
            props.spec.can_move(row, true),
            props.spec.can_move(row, false),
        );
        html! {
            <StepRow key={row} {co} name={name.clone()} {row} {rows} {step} sleep_k={sleeps} {can_move}
                lang={props.lang} on_action={props.on_action.clone()} />
        }
    });
    let kind_list = use_node_ref();
    let on_add_step = {
        let kind_list = kind_list.clone();
        let field = Field::Step {
            name: name.clone(),
            step: rows,
        };
        props.on_action.reform(move |_: MouseEvent| {
            let value = kind_list
                .cast::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            Action::or_notice(
                choice(field.clone(), value, StepKind::from_name)
                    .map(|kind| Action::Edit(Edit::AddStep { co, kind })),
            )
        })
    };
    // `selected` on the first: yew inserts the options last first, and the browser would
    // select the first one inserted.
    let kinds = StepKind::ALL.iter().enumerate().map(|(i, k)| {
        html! { <option value={k.name()} selected={i == 0}>{ k.name() }</option> }
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
                    // The title shows a name too long for the field in full.
                    <input type="text" class="name" value={name.clone()} title={name.clone()}
                        aria-label={format!("{} {}", tx.name, co + 1)} onchange={on_rename} />
                </label>
                if props.can_remove {
                    <button type="button" class="remove" onclick={on_remove}
                        aria-label={format!("{} {name}", tx.remove)}>{ "×" }</button>
                }
            </div>
            <ol class="steps">{ for step_rows }</ol>
            <div class="add-step">
                <select ref={kind_list} aria-label={format!("{name}: {}", et.new_step_kind)}>
                    { for kinds }
                </select>
                <button type="button" aria-label={format!("{name}: {}", et.add_step)}
                    onclick={on_add_step}>{ et.add_step }</button>
            </div>
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
