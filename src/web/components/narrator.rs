//! The aria-live sentence that narrates each event during a run or a step.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NarratorProps {
    pub text: AttrValue,
}

#[function_component(Narrator)]
pub fn narrator(props: &NarratorProps) -> Html {
    html! {
        <p class="narration" role="status" aria-live="polite" aria-atomic="true">{ props.text.clone() }</p>
    }
}
