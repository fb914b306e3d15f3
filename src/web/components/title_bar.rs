//! The page's title with the Preset list, the Python version and the Language switch.

use web_sys::HtmlSelectElement;
use yew::prelude::*;

use crate::core::Python;
use crate::web::i18n::{Lang, VersionTexts};
use crate::web::model::{choice, Action, Open, OptionEdit, Pref, Theme, PRESETS};
use crate::web::problem::Field;

#[derive(Properties, PartialEq)]
pub struct TitleBarProps {
    pub preset: AttrValue,
    pub python: Python,
    pub lang: Lang,
    pub theme: Theme,
    pub on_action: Callback<Action>,
}

#[function_component(TitleBar)]
pub fn title_bar(props: &TitleBarProps) -> Html {
    let tx = super::texts(props.lang);
    let on_preset = props.on_action.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::Open(Open::Preset(select.value()))
    });
    let current = props.python.name();
    let on_python = props.on_action.reform(move |e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        let chosen = select.value();
        // Shown again until the render an accepted version causes: a refused one (it lacks
        // the runner) must not stay in the list.
        select.set_value(current);
        Action::or_notice(
            choice(Field::Python, chosen, Python::from_name)
                .map(|p| Action::Options(OptionEdit::Python(p))),
        )
    });
    let pythons = Python::ALL.iter().map(|p| {
        html! { <option value={p.name()} selected={*p == props.python}>{ p.name() }</option> }
    });
    let python_version = VersionTexts::of(props.lang).python_version;
    let on_lang = props.on_action.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::or_notice(
            choice(Field::Language, select.value(), Lang::from_code)
                .map(|l| Action::Prefs(Pref::Lang(l))),
        )
    });
    let on_theme = props.on_action.reform(|e: Event| {
        let select: HtmlSelectElement = e.target_unchecked_into();
        Action::or_notice(
            choice(Field::Theme, select.value(), Theme::from_name)
                .map(|t| Action::Prefs(Pref::Theme(t))),
        )
    });
    let themes = Theme::ALL.iter().zip(tx.themes).map(|(t, label)| {
        html! { <option value={t.name()} selected={*t == props.theme}>{ label }</option> }
    });
    let presets = PRESETS.iter().enumerate().map(|(i, (stem, _))| {
        html! { <option value={*stem} selected={props.preset == *stem}>{ tx.preset_names[i] }</option> }
    });
    html! {
        <header class="title-bar">
            <div class="title">
                <h1>{ tx.title }</h1>
                <p class="subtitle">{ tx.subtitle }</p>
            </div>
            <div class="pickers">
                <label class="field">
                    <span>{ tx.preset }</span>
                    <select aria-label={tx.preset} onchange={on_preset} ~value={props.preset.to_string()}>
                        if props.preset.is_empty() {
                            // A share link's own scenario: no preset is chosen.
                            <option value="" selected=true disabled=true>{ "—" }</option>
                        }
                        { for presets }
                    </select>
                </label>
                <label class="field">
                    <span>{ python_version }</span>
                    <select aria-label={python_version} onchange={on_python} ~value={props.python.name()}>{ for pythons }</select>
                </label>
                <label class="field">
                    <span>{ tx.language }</span>
                    <select aria-label={tx.language} onchange={on_lang} ~value={props.lang.code()}>
                        <option value="en" selected={props.lang == Lang::En}>{ "English" }</option>
                        <option value="ru" selected={props.lang == Lang::Ru}>{ "Русский" }</option>
                    </select>
                </label>
                <label class="field">
                    <span>{ tx.theme }</span>
                    <select aria-label={tx.theme} onchange={on_theme} ~value={props.theme.name()}>{ for themes }</select>
                </label>
            </div>
        </header>
    }
}
