//! After a live run: how far the real timers drifted from the prediction.

use yew::prelude::*;

use crate::web::i18n::Lang;
use crate::web::model::Drift;

#[derive(Properties, PartialEq)]
pub struct DriftReportProps {
    pub drift: Drift,
    pub speed: f64,
    pub lang: Lang,
}

#[function_component(DriftReport)]
pub fn drift_report(props: &DriftReportProps) -> Html {
    let tx = super::texts(props.lang);
    let d = props.drift;
    html! {
        <p class="drift" id="drift" data-run={d.run.to_string()}>
            { format!("{}: {} {:.1} {ms}, p99 {:.1} {ms} ({}: {}, {}×)", tx.drift, tx.max, d.max_ms, d.p99_ms, tx.events, d.events, props.speed, ms = tx.ms) }
        </p>
    }
}
