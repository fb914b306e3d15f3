//! What the lane marks mean (icon, pattern and word — never colour alone).

use yew::prelude::*;

use crate::web::i18n::Lang;

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub lang: Lang,
}

#[function_component(Legend)]
pub fn legend(props: &LegendProps) -> Html {
    let tx = super::texts(props.lang);
    html! {
        <ul class="legend" aria-label={tx.legend}>
            <li><span class="swatch sleep" aria-hidden="true"></span>{ tx.legend_sleep }</li>
            <li><span class="mark-icon print" aria-hidden="true">{"•"}</span>{ tx.legend_print }</li>
            <li><span class="mark-icon ok" aria-hidden="true">{"✓"}</span>{ tx.legend_returned }</li>
            <li><span class="mark-icon err" aria-hidden="true">{"✗"}</span>{ tx.legend_raised }</li>
            <li><span class="mark-icon cancel" aria-hidden="true">{"⊘"}</span>{ tx.legend_cancelled }</li>
            <li class="muted">{ tx.ghost_note }</li>
        </ul>
    }
}
