//! Predict mode's questions, Reveal, and after it the region "Your prediction": the score,
//! each answer graded against the core's prediction, where they part, the explanation.

use yew::prelude::*;

use crate::web::i18n::{Lang, PredictTexts};
use crate::web::model::predict::{causes_of, Answer, Cause, Predict, PredictAction, Question};
use crate::web::model::Action;
use crate::web::program::ProgramId;
use crate::web::timeline::{fmt_t, Derived};

use super::ByPtr;

#[derive(Properties, PartialEq)]
pub struct PredictPanelProps {
    pub predict: Predict,
    pub derived: ByPtr<Derived>,
    /// The two programs' titles.
    pub titles: [AttrValue; 2],
    pub title: Option<AttrValue>,
    pub explanation: Option<AttrValue>,
    pub lang: Lang,
    pub on_action: Callback<Action>,
}

fn question_text(q: Question, titles: &[AttrValue; 2], tx: &PredictTexts) -> String {
    let title = |p: ProgramId| titles[p as usize].to_string();
    match q {
        Question::Console(p) => format!("{} {}", tx.console_of, title(p)),
        Question::Gather => tx.gather.into(),
        Question::Order => tx.order.into(),
        Question::Raised(p) => format!("{}: {}", title(p), tx.raised),
        Question::Cancelled(p) => format!("{}: {}", title(p), tx.cancelled),
        Question::Returns(p) => format!("{}: {}", title(p), tx.returns),
    }
}

#[function_component(PredictPanel)]
pub fn predict_panel(props: &PredictPanelProps) -> Html {
    let tx = PredictTexts::of(props.lang);
    let done = props.predict.revealed;
    let act = |a: PredictAction| props.on_action.reform(move |_| Action::Predict(a.clone()));
    let show = |s: &str| {
        if s.is_empty() {
            tx.nothing_raised.to_string()
        } else {
            s.to_string()
        }
    };
    let questions = props.predict.asked.iter().enumerate().map(|(q, asked)| {
        let legend = question_text(asked.question, &props.titles, tx);
        let body = match &asked.answer {
            Answer::Order(order) => html! {
                <ol class="arrange">{ for order.iter().enumerate().map(|(at, &i)| {
                    let text = asked.given[i].clone();
                    html! { <li>
                        <code>{ text.clone() }</code>
                        <button disabled={done || at == 0} aria-label={format!("{text}: {}", tx.up)}
                            onclick={act(PredictAction::Move { q, at, up: true })}>{"↑"}</button>
                        <button disabled={done || at + 1 == order.len()} aria-label={format!("{text}: {}", tx.down)}
                            onclick={act(PredictAction::Move { q, at, up: false })}>{"↓"}</button>
                    </li> }
                }) }</ol>
            },
            Answer::Choice(chosen) => html! {
                <div class="choices">{ for asked.given.iter().enumerate().map(|(option, text)| html! {
                    <label><input type="radio" name={format!("q{q}")} disabled={done}
                        checked={*chosen == Some(option)} onclick={act(PredictAction::Choose { q, option })} />
                        <code>{ show(text) }</code></label>
                }) }</div>
            },
            Answer::Causes(causes) => html! {
                <div class="causes">{ for asked.given.iter().zip(causes).enumerate().map(|(co, (name, cause))| {
                    let on = props.on_action.reform(move |e: Event| {
                        let k = e.target_unchecked_into::<web_sys::HtmlSelectElement>().selected_index();
                        let cause = Cause::ALL[usize::try_from(k).unwrap_or(0).min(4)];
                        Action::Predict(PredictAction::Cause { q, co, cause })
                    });
                    html! { <label>{ name.clone() }{": "}
                        <select disabled={done} onchange={on}>
                            { for Cause::ALL.iter().zip(tx.causes).map(|(c, label)| html! {
                                <option selected={c == cause}>{ label }</option> }) }
                        </select></label> }
                }) }</div>
            },
            Answer::Seconds(text) => {
                let on = props.on_action.reform(move |e: InputEvent| {
                    let text = e.target_unchecked_into::<web_sys::HtmlInputElement>().value();
                    Action::Predict(PredictAction::Seconds { q, text })
                });
                html! { <input type="text" inputmode="decimal" aria-label={legend.clone()} disabled={done}
                    value={text.clone()} oninput={on} /> }
            }
        };
        html! { <fieldset class="question"><legend>{ legend }</legend>{ body }</fieldset> }
    });
    let report = done.then(|| {
        let d = &props.derived;
        let grades = props.predict.grades(d);
        let right = grades.iter().filter(|g| g.right).count();
        let items = props.predict.asked.iter().zip(&grades).map(|(asked, g)| {
            let truth = match asked.question {
                Question::Cancelled(_) => {
                    let named = asked.given.iter().zip(causes_of(&g.truth));
                    let parts: Vec<String> = named
                        .map(|(n, c)| {
                            format!(
                                "{n}: {}",
                                tx.causes[Cause::ALL.iter().position(|x| *x == c).unwrap_or(0)]
                            )
                        })
                        .collect();
                    parts.join("; ")
                }
                _ => g
                    .truth
                    .iter()
                    .map(|s| show(s))
                    .collect::<Vec<_>>()
                    .join(" · "),
            };
            html! { <li class={if g.right { "graded right" } else { "graded wrong" }}>
                <strong>{ if g.right { tx.right } else { tx.wrong } }</strong>{ " — " }
                { question_text(asked.question, &props.titles, tx) }
                <div>{ tx.real }{": "}<code>{ truth }</code></div>
                if let Some((_, k, t)) = g.parting {
                    <div>{ tx.parting(k, &fmt_t(t)) }</div>
                }
            </li> }
        });
        html! {
            <section class="your-prediction" aria-labelledby="your-prediction">
                <h3 id="your-prediction">{ tx.your_prediction }</h3>
                <p class="score">{ format!("{right} {} {}", tx.of, grades.len()) }</p>
                <ul>{ for items }</ul>
                if let Some(e) = &props.explanation { <p class="explanation">{ e.clone() }</p> }
            </section>
        }
    });
    html! {
        <section class="predict" aria-label={tx.predict}>
            if let Some(t) = &props.title { <h2>{ t.clone() }</h2> }
            // Once revealed the outputs are no longer hidden.
            if !done { <p class="muted">{ tx.hidden }{" "}{ tx.edit_leaves }</p> }
            { for questions }
            if !done {
                <button class="reveal" onclick={act(PredictAction::Reveal)}>{ tx.reveal }</button>
            }
            { for report }
            <button onclick={act(PredictAction::Leave)}>{ tx.leave }</button>
        </section>
    }
}
