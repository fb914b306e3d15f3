//! The bottom program's results, as its `main()` gets them ([`Program::result_items`]): for
//! as_completed a list growing one item per completion (TimeoutError items after the
//! deadline); asyncio.wait's done and pending tasks; each await of the one-by-one loop; the
//! value of wait_for or a TaskGroup's task results.
//!
//! [`Program::result_items`]: crate::web::timeline::Program::result_items

use yew::prelude::*;

use crate::web::i18n::Lang;
use crate::web::timeline::ResultKind;

#[derive(Properties, PartialEq)]
pub struct ResultsListProps {
    /// The region's name: "as_completed results", "asyncio.wait result" …
    pub label: AttrValue,
    /// as_completed: one line per yielded item.
    pub yields: bool,
    pub items: Vec<(String, ResultKind)>,
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
                { for props.items.iter().map(|(s, kind)| {
                    let (class, icon) = match kind {
                        ResultKind::Value => ("item", "✓ "),
                        ResultKind::Exception => ("item exc", "✗ "),
                        ResultKind::Pending => ("item pending", "◷ "),
                    };
                    html! { <li class={class}>
                        <span class="icon" aria-hidden="true">{ icon }</span>
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
