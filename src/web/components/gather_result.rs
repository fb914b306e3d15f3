//! The gather result: a slot per coroutine in argument order, empty until gather returns
//! them all at once — or the exception gather raised.

use yew::prelude::*;

use crate::core::value::Value;
use crate::web::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct GatherResultProps {
    pub names: Vec<String>,
    /// What gather gave, once it did.
    pub outcome: Option<Result<Value, crate::core::value::Exc>>,
    pub lang: Lang,
}

#[function_component(GatherResult)]
pub fn gather_result(props: &GatherResultProps) -> Html {
    let tx = super::texts(props.lang);
    let items: Option<&Vec<Value>> = match &props.outcome {
        Some(Ok(Value::List(items))) => Some(items),
        _ => None,
    };
    let slots = props.names.iter().enumerate().map(|(i, name)| {
        let value = items.and_then(|v| v.get(i));
        let (class, text) = match value {
            Some(Value::Exception(e)) => ("slot exc", format!("✗ {}", e.py_repr())),
            Some(v) => ("slot filled", v.py_repr()),
            None => ("slot empty", "…".to_string()),
        };
        html! {
            <li class={class}>
                <span class="slot-name">{ name.clone() }</span>
                <span class="slot-value">{ text }</span>
            </li>
        }
    });
    let line = match &props.outcome {
        None => html! { <p class="waiting">{ tx.gather_waiting }</p> },
        Some(Ok(v)) => html! { <p class="repr"><code>{ v.py_repr() }</code></p> },
        Some(Err(e)) => html! {
            <p class="raised"><span aria-hidden="true">{"✗ "}</span>{ tx.gather_raised }{": "}<code class="exc-line">{ e.traceback_line() }</code></p>
        },
    };
    let title = props.lang.result_of("gather", false);
    html! {
        <section class="result gather-result" aria-label={title.clone()}>
            <h3>{ title }</h3>
            <ol class="slots" aria-hidden="true">{ for slots }</ol>
            { line }
        </section>
    }
}
