//! A visible message (role=alert) with a dismiss button: a refused input, a broken share
//! link, a failed run.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeProps {
    pub message: AttrValue,
    pub dismiss_label: AttrValue,
    pub ondismiss: Callback<()>,
}

#[function_component(Notice)]
pub fn notice(props: &NoticeProps) -> Html {
    let onclick = props.ondismiss.reform(|_: MouseEvent| ());
    html! {
        <div class="notice warn toast" role="alert" id="notice">
            <span>{ props.message.clone() }</span>
            <button type="button" class="dismiss" {onclick}>{ props.dismiss_label.clone() }</button>
        </div>
    }
}
