//! The bottom program's results: for as_completed, a list growing one item per completion in
//! completion order (TimeoutError items after the deadline); for the other runners, what
//! their `await` gave.

use yew::prelude::*;

use crate::web::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct ResultsListProps {
    /// The region's name: "as_completed results", "wait result" …
    pub label: AttrValue,
    /// as_completed: one line per yielded item.
    pub yields: bool,
    pub items: Vec<(String, bool)>,
    /// `asyncio.run` raised this (when the run is over).
    pub raised: Option<String>,
    pub lang: Lang,
}

#[function_component(ResultsList)]
pub fn results_list(props: &ResultsListProps) -> Html {
    let tx = super::texts(props.lang);
    let list = if props.items.is_empty() {
        html! { <p class="waiting">{ if props.yields { tx.results_empty } else { "…" } }</p> }
    } else {
        html! {
            <ol class="yielded">
                { for props.items.iter().map(|(s, err)| {
                    let err = *err;
                    html! { <li class={if err { "item exc" } else { "item" }}>
                        <span class="icon" aria-hidden="true">{ if err { "✗ " } else { "✓ " } }</span>
                        <code>{ s.clone() }</code></li> }
                }) }
            </ol>
        }
    };
    html! {
        <section class="result bottom-result" aria-label={props.label.clone()}>
            <h3>{ props.label.clone() }</h3>
            { list }
            if let Some(r) = &props.raised {
                <p class="raised"><span aria-hidden="true">{"✗ "}</span>{ tx.run_raised }{": "}<code class="exc-line">{ r.clone() }</code></p>
            }
        </section>
    }
}
