//! A labelled range input that reports every movement while dragging (`input` events), with a
//! text field beside it for typing an exact value. Both send the raw text: the reducer parses
//! it and refuses, with a message, what is not a number in range.

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SliderProps {
    /// The accessible name (and visible label) of the range input.
    pub label: AttrValue,
    /// The accessible name of the exact-value field.
    pub exact_label: AttrValue,
    pub value: f64,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// Shown after the value, e.g. "s".
    #[prop_or_default]
    pub unit: AttrValue,
    pub onchange: Callback<String>,
}

#[function_component(Slider)]
pub fn slider(props: &SliderProps) -> Html {
    let oninput = props.onchange.reform(|e: InputEvent| {
        let input: HtmlInputElement = e.target_unchecked_into();
        input.value()
    });
    let on_exact = {
        let cb = props.onchange.clone();
        let shown = props.value.to_string();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let typed = input.value();
            // Show the current value again first: an accepted one arrives with the render the
            // edit causes; a refused one is quoted in the message and must not stay here.
            input.set_value(&shown);
            cb.emit(typed);
        })
    };
    html! {
        <div class="slider">
            <span class="slider-label" aria-hidden="true">{ props.label.clone() }</span>
            <input type="range" min={props.min.to_string()} max={props.max.to_string()}
                step={props.step.to_string()} value={props.value.to_string()}
                aria-label={props.label.clone()}
                aria-valuetext={format!("{} {}", props.value, props.unit)}
                {oninput} />
            <span class="slider-value">
                <input type="text" inputmode="decimal" class="exact" size="6"
                    value={props.value.to_string()} aria-label={props.exact_label.clone()}
                    onchange={on_exact} />
                <span aria-hidden="true">{ format!(" {}", props.unit) }</span>
            </span>
        </div>
    }
}
