//! The Why region: an event's cause chain, newest first, back to `asyncio.run`.

use yew::prelude::*;

use crate::web::event_loop::WhyView;
use crate::web::i18n::{Lang, LoopTexts};
use crate::web::model::{Action, LoopAction};

#[derive(Properties, PartialEq)]
pub struct WhyPanelProps {
    pub why: WhyView,
    pub lang: Lang,
    pub on_action: Callback<Action>,
}

#[function_component(WhyPanel)]
pub fn why_panel(props: &WhyPanelProps) -> Html {
    let tx = LoopTexts::of(props.lang);
    let close = props
        .on_action
        .reform(|_: MouseEvent| Action::Loop(LoopAction::Why(None)));
    html! {
        <section class="why" role="region" aria-labelledby="why-title" aria-live="polite">
            <div class="loop-bar">
                <h2 id="why-title">{ tx.why_region }</h2>
                <button type="button" onclick={close}>{ tx.close }</button>
            </div>
            <ol>{ for props.why.steps.iter().map(|s| html! { <li>{ s.clone() }</li> }) }</ol>
        </section>
    }
}
