//! What the lane marks mean (icon, pattern and word — never colour alone): every pattern the
//! lanes draw has an entry.

use yew::prelude::*;

use crate::web::i18n::{LanesText, Lang};

#[derive(Properties, PartialEq)]
pub struct LegendProps {
    pub lang: Lang,
}

#[function_component(Legend)]
pub fn legend(props: &LegendProps) -> Html {
    let tx = super::texts(props.lang);
    let lx = LanesText::of(props.lang);
    let icon = |class: &'static str, glyph: &'static str| {
        html! { <span class={classes!("mark-icon", class)} aria-hidden="true">{ glyph }</span> }
    };
    let swatch = |class: &'static str| {
        html! { <span class={classes!("swatch", class)} aria-hidden="true"></span> }
    };
    html! {
        <ul class="legend" aria-label={tx.legend}>
            <li>{ icon("start", "▸") }{ lx.legend_started }</li>
            <li>{ swatch("sleep") }{ tx.legend_sleep }</li>
            <li>{ swatch("grip") }{ lx.legend_handle }</li>
            <li>{ swatch("wait") }{ lx.legend_wait_semaphore }</li>
            <li>{ icon("print", "•") }{ tx.legend_print }</li>
            <li>{ icon("ok", "✓") }{ tx.legend_returned }</li>
            <li>{ icon("err", "✗") }{ tx.legend_raised }</li>
            <li>{ icon("cancel", "⊘") }{ tx.legend_cancelled }</li>
            <li>{ icon("yield", "◆") }{ lx.legend_main_gets }</li>
            <li>{ swatch("deadline-mark") }{ lx.legend_deadline }</li>
            <li>{ swatch("now") }{ lx.legend_now }</li>
            <li>{ icon("star", "*") }{ tx.order_unspecified }</li>
            <li>{ swatch("ghost") }{ tx.ghost_note }</li>
        </ul>
    }
}
