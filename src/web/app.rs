//! The app: holds the [`Playground`] in a reducer, owns the live run's handle, and lays out
//! the components. Effects (URL hash, keyboard, clipboard, the live run) go through
//! [`super::effects`].

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

use super::components::{
    BottomOptionsForm, ByPtr, Control, CoroutinesPanel, DriftReport, GatherOptionsForm,
    GatherResult, Legend, Narrator, Notice, OutputConsole, PlaybackBar, ProgramLanes, PythonCode,
    ResultsList, TitleBar,
};
use super::components::{CodeText, ConsoleText};
use super::effects::{self, KeyCommand, LiveRun};
use super::i18n::{Lang, Texts};
use super::model::{Action, Playground, Theme};
use super::problem::Problem;
use super::share;
use super::timeline::fmt_t;

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
        State(p)
    });
    let live: Rc<RefCell<Option<LiveRun>>> = use_mut_ref(|| None);
    let run_ids = use_mut_ref(|| 0u64);
    let copied = use_state_eq(|| None::<usize>);
    let p = &state.0;
    let tx = Texts::of(p.lang);
    let dispatch = state.dispatcher();

    // Keep the URL's hash in step with the scenario and speed.
    let hash = {
        // Encoded only when the scenario or the speed changed (not on every live frame). The
        // key holds the prediction itself, so a new one can never share the old one's address.
        let key = (
            ByPtr(p.derived.clone()),
            p.speed.to_bits(),
            p.return_exceptions,
        );
        let state = state.clone();
        use_memo(key, move |_| share::encode(&state.0))
    };
    use_effect_with(hash.clone(), |hash| effects::replace_hash(hash));
    // A link pasted into the address bar of the open page: opened, or refused (or emptied)
    // and the current link put back, so a reload shows what is on screen.
    {
        let latest = use_mut_ref(|| (hash.clone(), p.lang));
        *latest.borrow_mut() = (hash, p.lang);
        let dispatch = dispatch.clone();
        use_effect_with((), move |_| {
            let listener = effects::listen_hash(Callback::from(move |pasted: String| {
                let (current, lang) = latest.borrow().clone();
                match share::opened(&pasted, lang) {
                    Some(open @ Action::OpenLink(_)) => dispatch.dispatch(open),
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
        let (live, copied) = (live.clone(), copied.clone());
        use_effect_with(ByPtr(p.derived.clone()), move |_| {
            live.borrow_mut().take();
            copied.set(None);
        });
    }
    use_effect_with(p.lang, |lang| effects::set_document_lang(lang.code()));
    use_effect_with(p.theme, |theme| {
        effects::set_document_theme((*theme != Theme::System).then(|| theme.name()))
    });
    use_effect_with((), |_| effects::mark("app-interactive"));

    let on_action = dispatch.to_callback();
    // A language or theme the viewer chose is remembered on this device (only a choice: the
    // browser's own language is not pinned).
    let on_title_action = on_action.reform(|a: Action| {
        match &a {
            Action::SetLang(l) => effects::save_pref("lang", l.code()),
            Action::SetTheme(t) => effects::save_pref("theme", t.name()),
            _ => {}
        }
        a
    });

    let on_control = {
        let (live, dispatch, run_ids) = (live.clone(), dispatch.clone(), run_ids.clone());
        // The state this render shows (a handle, not a copy of the playground per frame).
        let state = state.clone();
        Callback::from(move |c: Control| {
            // Starts a new run, dropping the old one's handles first.
            let start = |speed: f64, from_start: bool| {
                live.borrow_mut().take();
                let id = {
                    let mut ids = run_ids.borrow_mut();
                    *ids += 1;
                    *ids
                };
                let plan = state.0.run_plan(speed, from_start);
                *live.borrow_mut() = Some(LiveRun::start(id, plan, dispatch.to_callback()));
            };
            let running = live.borrow().as_ref().is_some_and(LiveRun::is_running);
            match c {
                Control::Run => {
                    let paused = live
                        .borrow()
                        .as_ref()
                        .is_some_and(|r| r.is_running() && r.is_paused());
                    if paused {
                        if let Some(r) = live.borrow().as_ref() {
                            r.set_paused(false);
                        }
                    } else {
                        // Run during a run starts over; otherwise it goes on from the cursor.
                        start(state.0.speed, running);
                    }
                }
                Control::Pause => {
                    if let Some(r) = live.borrow().as_ref().filter(|r| r.is_running()) {
                        r.set_paused(!r.is_paused());
                    }
                }
                Control::Speed(s) => {
                    dispatch.dispatch(Action::SetSpeed(s));
                    if running {
                        // Goes on at the new speed from where it is — still paused if it was.
                        let paused = live.borrow().as_ref().is_some_and(LiveRun::is_paused);
                        start(s, false);
                        if let Some(r) = live.borrow().as_ref().filter(|_| paused) {
                            r.set_paused(true);
                        }
                    }
                }
                Control::Refused(problem) => dispatch.dispatch(Action::SetNotice(Some(problem))),
                other => {
                    live.borrow_mut().take();
                    dispatch.dispatch(Action::StopLive);
                    dispatch.dispatch(match other {
                        Control::Step => Action::StepForward,
                        Control::StepBack => Action::StepBack,
                        Control::Seek(c) => Action::Seek(c),
                        Control::SkipToEnd => Action::SkipToEnd,
                        _ => Action::Reset,
                    });
                }
            }
        })
    };

    // Keyboard: Space, ←, →, Home, End. The listener calls the latest `on_control`.
    let latest_control = use_mut_ref(|| on_control.clone());
    *latest_control.borrow_mut() = on_control.clone();
    {
        let latest_control = latest_control.clone();
        let running_ref = live.clone();
        use_effect_with((), move |_| {
            let listener = effects::listen_keys(Callback::from(move |k: KeyCommand| {
                let running = running_ref
                    .borrow()
                    .as_ref()
                    .is_some_and(|r| r.is_running() && !r.is_paused());
                let c = match k {
                    KeyCommand::PlayPause if running => Control::Pause,
                    KeyCommand::PlayPause => Control::Run,
                    KeyCommand::Step => Control::Step,
                    KeyCommand::StepBack => Control::StepBack,
                    KeyCommand::Home => Control::Reset,
                    KeyCommand::End => Control::SkipToEnd,
                };
                let cb = latest_control.borrow().clone();
                cb.emit(c);
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
                        dispatch.dispatch(Action::SetNotice(Some(Problem::CopyRefused)));
                    }
                }),
            );
        })
    };

    // What the screen shows: events up to the cursor (or as far as the live run got).
    let d = ByPtr(p.derived.clone());
    let cursor = p.cursor();
    let (counts, now) = match p.live() {
        Some(l) => (l.counts, l.now),
        None if cursor >= d.len() => (d.counts_at(cursor), f64::INFINITY),
        None => (d.counts_at(cursor), d.time_at(cursor)),
    };
    let top = d.program(0);
    let bottom = d.program(1);
    let deadline = bottom.scenario.main.runner.timeout();
    let status = {
        let t = if now.is_finite() {
            now
        } else {
            d.time_at(cursor)
        };
        let mut s = format!("t={} {} · {}/{}", fmt_t(t), tx.sec, cursor, d.len());
        if let Some(l) = p.live() {
            s.push_str(" · ");
            s.push_str(if l.paused { tx.paused } else { tx.live });
        }
        s
    };
    let bottom_title = format!("{}: {}", tx.bottom_program, p.bottom.runner.label(p.lang));
    let bottom_label = p.bottom.runner.result_heading(p.lang);
    let names: Vec<String> = p.coroutines.iter().map(|c| c.name.clone()).collect();
    let console = |i: usize, title: String| {
        let prog = d.program(i);
        ConsoleText {
            title: title.into(),
            lines: prog.console_lines(counts[i]),
            raised: prog.raised(counts[i]),
        }
    };
    let errors: Vec<String> = d
        .programs
        .iter()
        .filter_map(|prog| prog.report.as_ref().err().cloned())
        .collect();
    let unspecified = d.programs.iter().any(|prog| prog.has_unspecified_order());
    let narration = if cursor == 0 && p.live().is_none() {
        String::new()
    } else {
        d.narrate(cursor, p.lang)
    };
    let running = p.live().is_some();
    let paused = p.live().is_some_and(|l| l.paused);

    html! {
        <div class="playground">
            <TitleBar preset={p.preset.clone()} lang={p.lang} theme={p.theme} on_action={on_title_action} />
            if let Some(problem) = &p.notice {
                <Notice message={problem.message(p.lang)} dismiss_label={tx.dismiss}
                    ondismiss={dispatch.to_callback().reform(|_: ()| Action::SetNotice(None))} />
            }
            <div class="layout">
                <CoroutinesPanel coroutines={p.coroutines.clone()} lang={p.lang} on_action={on_action.clone()} />
                <main class="stage">
                    <PlaybackBar cursor={cursor} len={d.len()} running={running} paused={paused}
                        speed={p.speed} status={status} lang={p.lang} on_control={on_control.clone()} />
                    // One row with room for the drift report, so its arrival moves nothing.
                    <div class="run-line">
                        <Narrator text={narration} />
                        if let Some(drift) = p.drift {
                            <DriftReport drift={drift} speed={p.speed} lang={p.lang} />
                        }
                    </div>
                    { for errors.iter().map(|e| html! { <p class="notice warn" role="alert">{ format!("{}: {e}", tx.sim_error) }</p> }) }
                    <section class="program top" aria-labelledby="top-title">
                        <div class="program-head">
                            <h2 id="top-title">{ tx.top_program }</h2>
                            <GatherOptionsForm return_exceptions={p.return_exceptions} on_action={on_action.clone()} />
                        </div>
                        <ProgramLanes derived={d.clone()} program={0} visible={counts[0]} now={now}
                            deadline={None::<f64>} label={tx.top_program} lang={p.lang} />
                        <GatherResult names={names.clone()} outcome={top.awaited(counts[0])} lang={p.lang} />
                    </section>
                    <section class="program bottom" aria-labelledby="bottom-title">
                        <div class="program-head">
                            <h2 id="bottom-title">{ bottom_title.clone() }</h2>
                            <BottomOptionsForm options={p.bottom.clone()} lang={p.lang} on_action={on_action.clone()} />
                        </div>
                        <ProgramLanes derived={d.clone()} program={1} visible={counts[1]} now={now}
                            deadline={deadline} label={bottom_title.clone()} lang={p.lang} />
                        <ResultsList label={bottom_label} yields={p.bottom.runner.yields()}
                            items={bottom.result_items(counts[1])} raised={bottom.raised(counts[1])} lang={p.lang} />
                    </section>
                    if unspecified {
                        <p class="note unspecified">{ tx.unspecified_note }</p>
                    }
                    <Legend lang={p.lang} />
                    <p class="keys muted">{ tx.keyboard_help }</p>
                </main>
            </div>
            <div class="outputs">
                <OutputConsole lang={p.lang} programs={vec![
                    console(0, tx.top_program.to_string()),
                    console(1, bottom_title.clone()),
                ]} />
                <PythonCode label={tx.python_code} copy_label={tx.copy_code} copied_label={tx.copied}
                    programs={vec![
                        CodeText { title: tx.top_program.into(), code: top.python.clone().into() },
                        CodeText { title: bottom_title.into(), code: bottom.python.clone().into() },
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
