//! The editor: every coroutine's card and the Add coroutine button.

use yew::prelude::*;

use crate::web::i18n::Lang;
use crate::web::model::{Action, CoroutineSpec, Edit};

use super::CoroutineCard;

#[derive(Properties, PartialEq)]
pub struct CoroutinesPanelProps {
    pub coroutines: Vec<CoroutineSpec>,
    pub lang: Lang,
    pub on_action: Callback<Action>,
}

#[function_component(CoroutinesPanel)]
pub fn coroutines_panel(props: &CoroutinesPanelProps) -> Html {
    let tx = super::texts(props.lang);
    let n = props.coroutines.len();
    let cards = props.coroutines.iter().enumerate().map(|(i, c)| {
        html! {
            <CoroutineCard key={i} index={i} spec={c.clone()} can_remove={n > 1}
                lang={props.lang} on_action={props.on_action.clone()} />
        }
    });
    let on_add = props
        .on_action
        .reform(|_: MouseEvent| Action::Edit(Edit::Add));
    html! {
        <section class="editor" aria-labelledby="editor-title">
            <h2 id="editor-title">{ tx.coroutines }</h2>
            <ol class="cards">{ for cards }</ol>
            // Never disabled: at the editor's limit a press says why nothing was added.
            <button type="button" class="add" onclick={on_add}>{ tx.add_coroutine }</button>
        </section>
    }
}
