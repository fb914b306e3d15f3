//! Export SVG, Export PNG, Export trace: the timeline for slides and the run's trace, built
//! when asked (not on every render) and handed to `effects` to download.

use yew::prelude::*;

use crate::web::effects;
use crate::web::export::{timeline_svg, trace_json, PNG_FILE, SVG_FILE, TRACE_FILE};
use crate::web::i18n::{ExportTexts, Lang};
use crate::web::model::Action;
use crate::web::problem::Problem;
use crate::web::program::PerProgram;
use crate::web::timeline::Derived;

use super::ByPtr;

#[derive(Properties, PartialEq)]
pub struct ExportBarProps {
    pub derived: ByPtr<Derived>,
    /// The programs' headings, drawn as the SVG's titles.
    pub titles: PerProgram<String>,
    pub lang: Lang,
    /// A refused download's notice.
    pub on_action: Callback<Action>,
}

#[function_component(ExportBar)]
pub fn export_bar(props: &ExportBarProps) -> Html {
    let ex = ExportTexts::of(props.lang);
    let refused = props
        .on_action
        .reform(|_: ()| Action::Notice(Some(Problem::ExportRefused)));
    let svg = {
        let (d, titles, lang) = (props.derived.clone(), props.titles.clone(), props.lang);
        move || timeline_svg(&d, &titles, lang)
    };
    let on_svg = {
        let (svg, refused) = (svg.clone(), refused.clone());
        Callback::from(move |_: MouseEvent| {
            if !effects::download_text(SVG_FILE, "image/svg+xml", &svg().0) {
                refused.emit(());
            }
        })
    };
    let on_png = {
        let refused = refused.clone();
        Callback::from(move |_: MouseEvent| {
            let (text, size) = svg();
            let refused = refused.clone();
            let done = Callback::from(move |ok: bool| {
                if !ok {
                    refused.emit(());
                }
            });
            effects::download_png(&text, size.width, size.height, PNG_FILE, done);
        })
    };
    let on_trace = {
        let d = props.derived.clone();
        Callback::from(move |_: MouseEvent| {
            if !effects::download_text(TRACE_FILE, "application/json", &trace_json(&d)) {
                refused.emit(());
            }
        })
    };
    html! {
        <div class="export" role="group" aria-label={ex.export}>
            <button type="button" onclick={on_svg}>{ ex.export_svg }</button>
            <button type="button" onclick={on_png}>{ ex.export_png }</button>
            <button type="button" onclick={on_trace}>{ ex.export_trace }</button>
        </div>
    }
}
