//! The app: holds the [`Playground`] in a reducer and lays out the components. Effects (URL
//! hash, keyboard, clipboard, the live run) go through [`super::effects`]; what a playback
//! control or key does is the state's decision ([`Playground::on_control`]), carried out by
//! an [`effects::Player`].

use std::rc::Rc;

use yew::prelude::*;

use super::components::{
    AcrossVersions, BottomOptionsForm, ByPtr, CoroutinesPanel, DriftReport, EmbedLink,
    EventLoopPanel, ExportBar, GatherOptionsForm, GatherResult, Legend, Narrator, Notice,
    OutputConsole, PlaybackBar, PredictBar, PredictPanel, ProgramLanes, PythonCode, ResultsList,
    TitleBar, WhyPanel,
};
use super::components::{CodeText, ConsoleText};
use super::effects::{self, Player};
use super::event_loop::{current_lines, panel, why_view};
use super::exercises;
use super::i18n::PredictTexts;
use super::i18n::{Lang, Texts, VersionTexts};
use super::model::options::{result_heading, runner_label, yields};
use super::model::predict::{progress_from, progress_text};
use super::model::{Action, Control, Key, Open, Playground, Pref, Theme};
use super::problem::Problem;
use super::program::{PerProgram, ProgramId};
use super::share;
use super::timeline::fmt_t;
use super::versions::across;

/// The yew adapter of the model's reducer.
#[derive(Clone, PartialEq)]
struct State(Playground);

impl Reducible for State {
    type Action = Action;
    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        next.0.reduce(action);
        Rc::new(next)
    }
}

#[function_component(App)]
fn app() -> Html {
    let state = use_reducer(|| {
        let saved = |key| effects::load_pref(key).unwrap_or_default();
        let lang = Lang::from_code(&saved("lang"))
            .unwrap_or_else(|| Lang::from_tag(&effects::browser_language()));
        let mut p = share::initial(&effects::read_hash(), lang);
        p.theme = Theme::from_name(&saved("theme")).unwrap_or(Theme::System);
        p.progress = progress_from(&saved("exercises"));
        State(p)
    });
    let player = use_memo((), |_| Player::default());
    // `?embed`: only the lanes, results and playback, for an iframe in a course page.
    let embed = *use_memo((), |_| effects::query_contains("embed"));
    let copied = use_state_eq(|| None::<usize>);
    let p = &state.0;
    let tx = Texts::of(p.lang);
    let dispatch = state.dispatcher();
    // While a sleep's end is dragged on the lanes the axis may grow but not shrink, so the
    // handle stays under the pointer; it fits the prediction again on release. The lanes'
    // callbacks stay the same across renders: a lane re-renders only when what it shows
    // changed (a live run renders every frame).
    let held_axis = use_state_eq(|| None::<f64>);
    let on_drag = use_callback((), {
        let held_axis = held_axis.clone();
        move |hold: Option<f64>, _| held_axis.set(hold)
    });
    let on_lanes_action = use_callback((), {
        let dispatch = dispatch.clone();
        move |a: Action, _| dispatch.dispatch(a)
    });

    // Keep the URL's hash in step with the scenario and speed.
    let hash = {
        // Encoded only when the scenario or the speed changed (not on every live frame). The
        // key holds the prediction itself, so a new one can never share the old one's address.
        // Before Reveal the address stays an exercise link, so a reload keeps the answers
        // hidden.
        let key = (
            ByPtr(p.derived.clone()),
            p.speed.to_bits(),
            p.return_exceptions,
            p.shows_answers(),
        );
        let state = state.clone();
        use_memo(key, move |(.., shown)| {
            if *shown {
                share::encode(&state.0)
            } else {
                share::encode_exercise(&state.0)
            }
        })
    };
    use_effect_with(hash.clone(), |hash| effects::replace_hash(hash));
    // A link pasted into the address bar of the open page: opened, or refused (or emptied)
    // and the current link put back, so a reload shows what is on screen.
    {
        let latest = use_mut_ref(|| (hash.clone(), p.lang));
        *latest.borrow_mut() = (hash.clone(), p.lang);
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = effects::listen_hash(Callback::from(move |pasted: String| {
                let (current, lang) = latest.borrow().clone();
                match share::opened(&pasted, lang) {
                    Some(open @ Action::Open(Open::Link(_))) => dispatch.dispatch(open),
                    other => {
                        effects::replace_hash(&current);
                        if let Some(notice) = other {
                            dispatch.dispatch(notice);
                        }
                    }
                }
            }));
            move || drop(listener)
        });
    }
    // A new prediction (an accepted edit, a preset, a link) ends the live run, and "Copied"
    // no longer describes the code shown; a refused edit leaves both alone.
    {
        let (player, copied) = (player.clone(), copied.clone());
        use_effect_with(ByPtr(p.derived.clone()), move |_| {
            player.stop();
            copied.set(None);
        });
    }
    use_effect_with(p.lang, |lang| effects::set_document_lang(lang.code()));
    use_effect_with(p.theme, |theme| {
        effects::set_document_theme((*theme != Theme::System).then(|| theme.name()))
    });
    use_effect_with((), |_| effects::mark("app-interactive"));
    // Exercises answered are remembered on this device.
    use_effect_with(p.progress.clone(), |progress| {
        if !progress.is_empty() {
            effects::save_pref("exercises", &progress_text(progress));
        }
    });
    let exercise_copied = use_state_eq(|| false);
    let on_share = {
        let (state, copied, dispatch) = (state.clone(), exercise_copied.clone(), dispatch.clone());
        Callback::from(move |()| {
            let (copied, dispatch) = (copied.clone(), dispatch.clone());
            let link = effects::page_url(&share::encode_exercise(&state.0));
            effects::copy_text(
                link,
                Callback::from(move |ok: bool| {
                    copied.set(ok);
                    if !ok {
                        dispatch.dispatch(Action::Notice(Some(Problem::CopyRefused)));
                    }
                }),
            );
        })
    };

    // Every version's prediction, rebuilt when the programs or the language change (a
    // slider moved, not the version chosen or a live frame).
    let across_view = use_memo((p.scenarios(), p.lang), |(scenarios, lang)| {
        across(scenarios, *lang)
    });

    let on_action = dispatch.to_callback();
    // A language or theme the viewer chose is remembered on this device (only a choice: the
    // browser's own language is not pinned).
    let on_title_action = on_action.reform(|a: Action| {
        match &a {
            Action::Prefs(Pref::Lang(l)) => effects::save_pref("lang", l.code()),
            Action::Prefs(Pref::Theme(t)) => effects::save_pref("theme", t.name()),
            _ => {}
        }
        a
    });

    // What a control or key does is decided from the state this render shows (a handle, not
    // a copy of the playground per frame); the player carries it out.
    let on_control = {
        let (state, player, dispatch) = (state.clone(), player.clone(), on_action.clone());
        Callback::from(move |c: Control| player.execute(state.0.on_control(c), &dispatch))
    };
    let on_key = {
        let on_control = on_control.clone();
        let state = state.clone();
        // In predict mode before Reveal the keys would walk the hidden answer.
        Callback::from(move |k: Key| {
            if state.0.shows_answers() {
                on_control.emit(state.0.control_for(k))
            }
        })
    };

    // Keyboard: Space, ←, →, Home, End. The listener calls the latest `on_key`.
    let latest_key = use_mut_ref(|| on_key.clone());
    *latest_key.borrow_mut() = on_key;
    {
        let latest_key = latest_key.clone();
        use_effect_with((), move |_| {
            let listener = effects::listen_keys(Callback::from(move |k: Key| {
                let cb = latest_key.borrow().clone();
                cb.emit(k);
            }));
            move || drop(listener)
        });
    }

    let on_copy = {
        let (copied, dispatch) = (copied.clone(), dispatch.clone());
        Callback::from(move |(i, text): (usize, String)| {
            let (copied, dispatch) = (copied.clone(), dispatch.clone());
            effects::copy_text(
                text,
                Callback::from(move |ok: bool| {
                    copied.set(ok.then_some(i));
                    if !ok {
                        dispatch.dispatch(Action::Notice(Some(Problem::CopyRefused)));
                    }
                }),
            );
        })
    };

    // What the screen shows: events up to the cursor (or as far as the live run got).
    let d = ByPtr(p.derived.clone());
    let cursor = p.cursor();
    let counts = p.live().map_or_else(|| d.counts_at(cursor), |l| l.counts);
    let now = p.screen_time();
    let (top, bottom) = (&d.programs.top, &d.programs.bottom);
    let axis_end = held_axis.map_or(d.axis_end, |a| a.max(d.axis_end));
    let deadline = bottom.scenario.main.runner.timeout();
    let status = {
        let t = if now.is_finite() {
            now
        } else {
            d.time_at(cursor)
        };
        let mut s = format!("t={} {} · {}/{}", fmt_t(t), tx.sec, cursor, d.events_len());
        if let Some(l) = p.live() {
            s.push_str(" · ");
            s.push_str(if l.paused { tx.paused } else { tx.live });
        }
        // Each program's own main() outcome, named by its program.
        for outcome in d.outcomes(counts, p.lang) {
            s.push_str(" · ");
            s.push_str(&outcome);
        }
        s
    };
    let bottom_title = format!(
        "{}: {}",
        tx.bottom_program,
        runner_label(p.bottom.runner, p.lang)
    );
    let bottom_label = result_heading(p.bottom.runner, p.lang);
    let names: Vec<String> = p.coroutines.iter().map(|c| c.name.clone()).collect();
    let console = |id: ProgramId, title: String| {
        let prog = &d.programs[id];
        ConsoleText {
            title: title.into(),
            lines: prog.console_lines(counts[id]),
            raised: prog.raised(counts[id]),
        }
    };
    let errors: Vec<String> = d
        .programs
        .iter()
        .filter_map(|prog| prog.report.as_ref().err().cloned())
        .collect();
    let unspecified = d.programs.iter().any(|prog| prog.has_unspecified_order());
    let race = d.programs.iter().any(|prog| prog.has_race());
    let narration = if cursor == 0 && p.live().is_none() {
        String::new()
    } else {
        d.narrate(cursor, p.lang)
    };
    // The loop at the screen's pass, replayed only when the pass or the language changes.
    let loop_at = p.loop_at();
    let loop_panel = use_memo((d.clone(), loop_at, p.lang), |(d, at, lang)| {
        panel(&d.programs[at.program], d.semantics, *at, *lang)
    });
    let why = p
        .event_loop
        .why
        .and_then(|(id, i)| Some((id, why_view(&d.programs[id], i, p.lang)?)));
    let chain = |id: ProgramId| match &why {
        Some((w, view)) if *w == id => view.events.clone(),
        _ => Vec::new(),
    };
    // The code's current lines change only with an event, not with a live frame.
    let current = use_memo(
        (d.clone(), counts.top, counts.bottom),
        |(d, top, bottom)| {
            [
                current_lines(&d.programs.top, *top),
                current_lines(&d.programs.bottom, *bottom),
            ]
        },
    );
    let focus = p.event_loop.focus;
    let cursor_event = counts[focus]
        .checked_sub(1)
        .filter(|_| loop_at.running.is_some());
    let running = p.live().is_some();
    // Predict mode hides every output until Reveal (not merely from sight: not rendered).
    let shown = p.shows_answers();
    let ptx = PredictTexts::of(p.lang);
    let exercise = p
        .predict
        .as_ref()
        .and_then(|pr| exercises::exercise(pr.exercise.as_deref()?).ok());
    let grades = p
        .predict
        .as_ref()
        .filter(|pr| pr.revealed)
        .map(|pr| pr.grades(&d))
        .unwrap_or_default();
    let parting = |id: ProgramId| {
        grades
            .iter()
            .find_map(|g| g.parting.filter(|(prog, _, _)| *prog == id))
            .map(|(_, k, t)| (t, AttrValue::from(ptx.parting(k, &fmt_t(t)))))
    };
    let paused = p.live().is_some_and(|l| l.paused);

    let playback = html! { <>
        if shown {
            <PlaybackBar cursor={cursor} len={d.events_len()} time={now.min(d.axis_end)}
                axis_end={d.axis_end} scrub_step={d.scrub_step()} running={running} paused={paused}
                speed={p.speed} status={status} lang={p.lang} on_control={on_control.clone()} />
            // One row with room for the drift report, so its arrival moves nothing.
            <div class="run-line">
                <Narrator text={narration} />
                if let Some(drift) = p.drift {
                    <DriftReport drift={drift} speed={p.speed} lang={p.lang} />
                }
            </div>
        }
        { for errors.iter().map(|e| html! { <p class="notice warn" role="alert">{ format!("{}: {e}", tx.sim_error) }</p> }) }
    </> };
    // Before Reveal in predict mode the lanes and results stay hidden: they are the answer.
    let programs = html! { <>
        <section class="program top" aria-labelledby="top-title">
            <div class="program-head">
                <h2 id="top-title">{ tx.top_program }</h2>
                if !embed {
                    <GatherOptionsForm return_exceptions={p.return_exceptions} linger={p.linger.top}
                        lang={p.lang} on_action={on_action.clone()} />
                }
            </div>
            if shown {
                <ProgramLanes derived={d.clone()} program={ProgramId::Top} parting={parting(ProgramId::Top)}
                    chain={chain(ProgramId::Top)} visible={counts.top} now={now} axis_end={axis_end} on_action={on_lanes_action.clone()}
                    on_drag={on_drag.clone()} deadline={None::<f64>} label={tx.top_program} lang={p.lang} />
                <GatherResult names={names.clone()} outcome={top.awaited(counts.top)} lang={p.lang} />
            }
        </section>
        <section class="program bottom" aria-labelledby="bottom-title">
            <div class="program-head">
                <h2 id="bottom-title">{ bottom_title.clone() }</h2>
                if !embed {
                    <BottomOptionsForm options={p.bottom.clone()} linger={p.linger.bottom}
                        lang={p.lang} on_action={on_action.clone()} />
                }
            </div>
            if shown {
                <ProgramLanes derived={d.clone()} program={ProgramId::Bottom} parting={parting(ProgramId::Bottom)}
                    chain={chain(ProgramId::Bottom)} visible={counts.bottom} now={now} axis_end={axis_end} on_action={on_lanes_action.clone()}
                    on_drag={on_drag.clone()} deadline={deadline} label={bottom_title.clone()} lang={p.lang} />
                <ResultsList label={bottom_label} yields={yields(p.bottom.runner)}
                    items={bottom.result_items(counts.bottom)} raised={bottom.raised(counts.bottom)} lang={p.lang} />
            }
        </section>
    </> };
    let notice = p.notice.as_ref().map(|problem| {
        html! {
            <Notice message={problem.message(p.lang)} dismiss_label={tx.dismiss}
                ondismiss={dispatch.to_callback().reform(|_: ()| Action::Notice(None))} />
        }
    });
    if embed {
        return html! {
            <main class="playground embed">
                <h1 class="visually-hidden">{ tx.title }</h1>
                { for notice }
                { playback }
                { programs }
                <EmbedLink hash={hash.to_string()} lang={p.lang} />
            </main>
        };
    }

    html! {
        <div class="playground">
            <TitleBar preset={p.preset.clone()} python={p.python} lang={p.lang} theme={p.theme} on_action={on_title_action} />
            { for notice }
            <div class="layout">
                <CoroutinesPanel coroutines={p.coroutines.clone()} lang={p.lang} on_action={on_action.clone()} />
                <main class="stage">
                    <PredictBar progress={p.progress.clone()} copied={*exercise_copied} lang={p.lang}
                        on_action={on_action.clone()} on_share={on_share} />
                    if let Some(pr) = &p.predict {
                        <PredictPanel predict={pr.clone()} derived={d.clone()} lang={p.lang} on_action={on_action.clone()}
                            titles={[AttrValue::from(tx.top_program), AttrValue::from(bottom_title.clone())]}
                            title={exercise.as_ref().map(|e| AttrValue::from(e.title(p.lang).to_string()))}
                            explanation={exercise.as_ref().map(|e| AttrValue::from(e.explanation(p.lang).to_string()))} />
                    }
                    { playback }
                    { programs }
                    if shown {
                        <EventLoopPanel panel={(*loop_panel).clone()} focus={focus}
                            titles={[AttrValue::from(tx.top_program), AttrValue::from(bottom_title.clone())]}
                            can_back={p.next_pass(false).is_some()} can_forward={p.next_pass(true).is_some()}
                            cursor_event={cursor_event} lang={p.lang} on_control={on_control.clone()} on_action={on_action.clone()} />
                        if let Some((_, view)) = &why {
                            <WhyPanel why={view.clone()} lang={p.lang} on_action={on_action.clone()} />
                        }
                    <AcrossVersions view={ByPtr(across_view)} lang={p.lang} />
                    }
                    if unspecified && shown {
                        <p class="note unspecified">{ tx.unspecified_note }</p>
                    }
                    if race && shown {
                        <p class="note race">{ tx.race_note }</p>
                    }
                    <Legend lang={p.lang} />
                    // The exports draw the whole prediction: hidden until Reveal, like the lanes.
                    if shown {
                        <ExportBar derived={d.clone()} lang={p.lang} on_action={on_action.clone()}
                            titles={PerProgram::new(tx.top_program.to_string(), bottom_title.clone())} />
                    }
                    <p class="keys muted">{ tx.keyboard_help }</p>
                </main>
            </div>
            <div class="outputs">
                if shown {
                <OutputConsole lang={p.lang} programs={vec![
                    console(ProgramId::Top, tx.top_program.to_string()),
                    console(ProgramId::Bottom, bottom_title.clone()),
                ]} />
                }
                <PythonCode label={tx.python_code} version={format!("{} {}", VersionTexts::of(p.lang).python, p.python)} copy_label={tx.copy_code} copied_label={tx.copied}
                    programs={vec![
                        CodeText { title: tx.top_program.into(), code: top.python.clone().into(), current: if shown { current[0].clone() } else { Vec::new() } },
                        CodeText { title: bottom_title.into(), code: bottom.python.clone().into(), current: if shown { current[1].clone() } else { Vec::new() } },
                    ]}
                    on_copy={on_copy} copied={*copied} />
            </div>
        </div>
    }
}

/// Render the app into `root` (rendering happens asynchronously, on yew's scheduler).
pub fn mount(root: web_sys::Element) {
    yew::Renderer::<App>::with_root(root).render();
}
