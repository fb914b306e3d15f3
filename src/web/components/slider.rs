//! A labelled range input that reports every movement while dragging (`input` events).

use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct SliderProps {
    /// The accessible name (and visible label).
    pub label: AttrValue,
    pub value: f64,
    pub min: f64,
    pub max: f64,
    pub step: f64,
    /// Shown after the value, e.g. "s".
    #[prop_or_default]
    pub unit: AttrValue,
    pub oninput: Callback<f64>,
}

#[function_component(Slider)]
pub fn slider(props: &SliderProps) -> Html {
    let oninput = {
        let cb = props.oninput.clone();
        Callback::from(move |e: InputEvent| {
            let input: HtmlInputElement = e.target_unchecked_into();
            if let Ok(v) = input.value().parse::<f64>() {
                cb.emit(v);
            }
        })
    };
    html! {
        <label class="slider">
            <span class="slider-label">{ props.label.clone() }</span>
            <input type="range" min={props.min.to_string()} max={props.max.to_string()}
                step={props.step.to_string()} value={props.value.to_string()}
                aria-label={props.label.clone()}
                aria-valuetext={format!("{} {}", props.value, props.unit)}
                {oninput} />
            <output class="slider-value">{ format!("{} {}", props.value, props.unit) }</output>
        </label>
    }
}
