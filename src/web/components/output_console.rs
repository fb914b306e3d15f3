//! The console: what each program prints, line by line with its virtual time, exactly as
//! `python3` would print it; then the traceback's last line if `asyncio.run` raised.

use yew::prelude::*;

use crate::web::i18n::{Lang, Texts};
use crate::web::timeline::{fmt_t, ConsoleLine};

/// One program's printed lines so far.
#[derive(Clone, PartialEq)]
pub struct ConsoleText {
    pub title: AttrValue,
    pub lines: Vec<ConsoleLine>,
    pub raised: Option<String>,
}

#[derive(Properties, PartialEq)]
pub struct OutputConsoleProps {
    pub programs: Vec<ConsoleText>,
    pub lang: Lang,
}

#[function_component(OutputConsole)]
pub fn output_console(props: &OutputConsoleProps) -> Html {
    let tx = Texts::of(props.lang);
    let blocks = props.programs.iter().enumerate().map(|(i, p)| {
        html! {
            <figure class="console-block" data-program={i.to_string()}>
                <figcaption>{ p.title.clone() }</figcaption>
                <ol class="console-lines" tabindex="0" aria-label={p.title.clone()}>
                    { for p.lines.iter().map(|l| html! {
                        <li class="line">
                            <span class="t">{ format!("{:>5}", fmt_t(l.t)) }</span>
                            <span class="out">{ l.text.clone() }</span>
                            if l.unspecified_order { <span class="star" title={tx.order_unspecified}>{"*"}</span> }
                            if l.race { <span class="star race" title={tx.timer_race}>{"≈"}</span> }
                        </li>
                    }) }
                    if let Some(r) = &p.raised {
                        <li class="line stderr"><span class="t">{"  err"}</span>
                            <span class="out">{ "Traceback (most recent call last): …" }</span></li>
                        <li class="line stderr"><span class="t"></span><span class="out exc-line">{ r.clone() }</span></li>
                    }
                </ol>
            </figure>
        }
    });
    html! {
        <section class="console" aria-label={tx.console}>
            <h2>{ tx.console }</h2>
            <div class="console-grid">{ for blocks }</div>
        </section>
    }
}
