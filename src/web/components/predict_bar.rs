//! Predict, Share as exercise, and the Exercises list (with this device's scores).

use yew::prelude::*;

use crate::web::exercises;
use crate::web::i18n::{Lang, PredictTexts};
use crate::web::model::predict::PredictAction;
use crate::web::model::Action;

#[derive(Properties, PartialEq)]
pub struct PredictBarProps {
    pub progress: Vec<(String, (usize, usize))>,
    /// "Link copied …" once the exercise link is on the clipboard.
    pub copied: bool,
    pub lang: Lang,
    pub on_action: Callback<Action>,
    pub on_share: Callback<()>,
}

#[function_component(PredictBar)]
pub fn predict_bar(props: &PredictBarProps) -> Html {
    let tx = PredictTexts::of(props.lang);
    let list = exercises::all().into_iter().map(|ex| {
        let score = props.progress.iter().find(|(id, _)| *id == ex.id);
        let id = ex.id.clone();
        let open = props.on_action.reform(move |_| Action::Predict(PredictAction::Exercise(id.clone())));
        html! { <li>
            <button onclick={open}>{ ex.title(props.lang).to_string() }</button>
            if let Some((_, (r, n))) = score { <span class="muted">{ format!(" ✓ {r} {} {n}", tx.of) }</span> }
        </li> }
    });
    html! {
        <div class="predict-bar">
            <button onclick={props.on_action.reform(|_| Action::Predict(PredictAction::Start))}>{ tx.predict }</button>
            <button onclick={props.on_share.reform(|_| ())}>{ tx.share_exercise }</button>
            if props.copied { <span role="status">{ tx.link_copied }</span> }
            <details class="exercises"><summary>{ tx.exercises }</summary><ul>{ for list }</ul></details>
        </div>
    }
}
