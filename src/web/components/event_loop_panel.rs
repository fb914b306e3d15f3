//! The Event loop panel: one program's loop at the screen's pass — its time, the ready queue
//! (the handle the cursor's event ran in marked), the timer heap, each task's state — with
//! Step pass / Step pass back, the program toggle, and Why? for the cursor's event.

use yew::prelude::*;

use crate::web::event_loop::LoopPanel;
use crate::web::i18n::{Lang, LoopTexts};
use crate::web::model::{Action, Control, LoopAction};
use crate::web::program::ProgramId;
use crate::web::timeline::fmt_t;

#[derive(Properties, PartialEq)]
pub struct EventLoopPanelProps {
    /// `None` once `asyncio.run` has returned.
    pub panel: Option<LoopPanel>,
    pub focus: ProgramId,
    /// The programs' titles, top first.
    pub titles: [AttrValue; 2],
    pub can_back: bool,
    pub can_forward: bool,
    /// The focused program's event at the cursor, which Why? explains.
    pub cursor_event: Option<usize>,
    pub lang: Lang,
    pub on_control: Callback<Control>,
    pub on_action: Callback<Action>,
}

#[function_component(EventLoopPanel)]
pub fn event_loop_panel(props: &EventLoopPanelProps) -> Html {
    let tx = LoopTexts::of(props.lang);
    let sec = super::texts(props.lang).sec;
    let off = |b: bool| if b { "false" } else { "true" };
    let control = |c: Control| props.on_control.reform(move |_: MouseEvent| c.clone());
    let toggle = ProgramId::ALL.iter().zip(&props.titles).map(|(&id, title)| {
        let onclick = props
            .on_action
            .reform(move |_: MouseEvent| Action::Loop(LoopAction::Focus(id)));
        let pressed = if id == props.focus { "true" } else { "false" };
        html! { <button type="button" aria-pressed={pressed} {onclick}>{ title.clone() }</button> }
    });
    let why = props.cursor_event.map(|i| {
        let focus = props.focus;
        let onclick = props
            .on_action
            .reform(move |_: MouseEvent| Action::Loop(LoopAction::Why(Some((focus, i)))));
        html! { <button type="button" class="why-button" {onclick}>{ tx.why }</button> }
    });
    let body = match &props.panel {
        None => html! { <p class="muted">{ tx.ended }</p> },
        Some(p) => {
            let ready = p.ready.iter().enumerate().map(|(i, h)| {
                let now = p.running == Some(i);
                html! {
                    <li class={classes!(now.then_some("running"))} aria-current={now.then_some("step")}>
                        <code>{ h.clone() }</code>
                        if now { <span class="tag">{ format!(" ← {}", tx.running) }</span> }
                    </li>
                }
            });
            let timers = p.timers.iter().map(|(when, what)| {
                html! { <li><span class="when">{ format!("t={} {sec}", fmt_t(*when)) }</span>{ " " }<code>{ what.clone() }</code></li> }
            });
            let tasks = p.tasks.iter().map(|(who, state)| {
                html! { <li><code>{ who.clone() }</code>{ ": " }{ state.clone() }</li> }
            });
            let empty = || html! { <li class="muted">{ tx.empty }</li> };
            html! {
                <>
                    <p class="loop-head">
                        <strong>{ format!("{} {}", tx.pass, p.pass) }</strong>
                        { format!(" · {} t={} {sec}", tx.loop_time, fmt_t(p.time)) }
                        if p.running.is_none() { { format!(" · {}", tx.between) } }
                    </p>
                    <div class="loop-lists">
                        <div>
                            <h3 id="loop-ready">{ tx.ready }</h3>
                            <ol aria-labelledby="loop-ready">
                                { for ready }
                                if p.ready.is_empty() { { empty() } }
                            </ol>
                        </div>
                        <div>
                            <h3 id="loop-timers">{ tx.timers }</h3>
                            <ol aria-labelledby="loop-timers">
                                { for timers }
                                if p.timers.is_empty() { { empty() } }
                            </ol>
                        </div>
                        <div>
                            <h3 id="loop-tasks">{ tx.tasks }</h3>
                            <ul aria-labelledby="loop-tasks">{ for tasks }</ul>
                        </div>
                    </div>
                </>
            }
        }
    };
    html! {
        <section class="event-loop" role="region" aria-labelledby="event-loop-title">
            <div class="loop-bar">
                <h2 id="event-loop-title">{ tx.region }</h2>
                <span class="loop-toggle" role="group" aria-label={tx.program}>{ for toggle }</span>
                <button type="button" onclick={control(Control::StepPassBack)} aria-disabled={off(props.can_back)}>
                    <span aria-hidden="true">{"« "}</span>{ tx.step_pass_back }</button>
                <button type="button" onclick={control(Control::StepPass)} aria-disabled={off(props.can_forward)}>
                    <span aria-hidden="true">{"» "}</span>{ tx.step_pass }</button>
                { for why }
            </div>
            { body }
        </section>
    }
}
