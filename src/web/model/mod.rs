//! The playground's state and its one reducer, free of any web crate (tested natively).
//!
//! The state holds what the learner edits — the shared coroutines ([`editor`]), the
//! programs' options ([`options`]) — plus the viewer's preferences ([`prefs`]) and playback
//! ([`playback`]). The two programs are core [`Scenario`]s *derived* from it
//! ([`Playground::top_scenario`], [`Playground::bottom_scenario`]); their predictions are
//! cached in [`Derived`] and rebuilt whenever an edit changes them. Playback controls and
//! keys become actions and live-run commands in [`controls`].

use std::rc::Rc;

use crate::core::scenario::{Main, Runner, RunnerKind, DEFAULT_TIMEOUT};
use crate::core::{Python, Scenario, Semantics};

use super::i18n::Lang;
use super::problem::{Field, Problem};
use super::program::PerProgram;
use super::timeline::Derived;

pub mod controls;
pub mod editor;
pub mod event_loop;
pub mod input;
pub mod options;
pub mod playback;
pub mod predict;
pub mod prefs;
pub mod presets;

pub use controls::{Command, Control, Key};
pub use editor::{
    CoroutineSpec, Edit, RaiseSpec, MAX_EDITOR_COROUTINES, MAX_NAME_CHARS, SLEEP_MAX,
};
pub use event_loop::{LoopAction, LoopAt, LoopUi};
pub use input::{choice, seconds_from};
pub use options::{bottom_runner, bottom_runners, BottomOptions, OptionEdit};
pub use playback::{Drift, LiveMsg, LiveState, Play, Playback, RunPlan};
pub use prefs::{Pref, Theme, SPEEDS};
pub use presets::{DEFAULT_PRESET, PRESETS};

/// The Python version a new page models.
pub const DEFAULT_PYTHON: Python = Python::V3_12;

/// Everything the learner can do, and what the live run reports.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// Change the coroutines.
    Edit(Edit),
    /// Change the programs' options.
    Options(OptionEdit),
    Playback(Play),
    /// The Event loop and Why panels.
    Loop(LoopAction),
    Live(LiveMsg),
    Prefs(Pref),
    Open(Open),
    /// Predict mode: answer, reveal, leave; open an exercise.
    Predict(predict::PredictAction),
    /// Show a problem (or dismiss it with `None`).
    Notice(Option<Problem>),
}

/// A whole scenario to put on screen.
#[derive(Clone, Debug, PartialEq)]
pub enum Open {
    /// A bundled preset, by file stem.
    Preset(String),
    /// A decoded share link (pasted while the page is open); language and theme stay.
    Link(Box<Playground>),
}

impl Action {
    /// The action, or a notice saying why there is none.
    pub fn or_notice(action: Result<Action, Problem>) -> Action {
        action.unwrap_or_else(|p| Action::Notice(Some(p)))
    }
}

/// The whole playground.
#[derive(Clone, Debug, PartialEq)]
pub struct Playground {
    pub coroutines: Vec<CoroutineSpec>,
    /// The top program: `asyncio.gather(*coroutines, return_exceptions=…)`.
    pub return_exceptions: bool,
    pub bottom: BottomOptions,
    /// Each program's `main()` catching an exception and sleeping on this long (`Main::linger`).
    pub linger: PerProgram<Option<f64>>,
    /// The CPython version both programs, the live run and the code follow.
    pub python: Python,
    pub speed: f64,
    pub lang: Lang,
    pub theme: Theme,
    /// The preset last chosen (the Preset list shows it).
    pub preset: String,
    pub playback: Playback,
    pub event_loop: LoopUi,
    /// Drift of the last finished live run.
    pub drift: Option<Drift>,
    /// What the learner is told is wrong (a refused edit, a broken share link, a failed run).
    pub notice: Option<Problem>,
    /// The derived programs and their predictions.
    pub derived: Rc<Derived>,
    /// Predict mode: the outputs stay hidden until Reveal.
    pub predict: Option<predict::Predict>,
    /// Exercises answered on this device: id and (right, questions).
    pub progress: Vec<(String, (usize, usize))>,
}

/// Both programs over the same coroutines: gather on top, the bottom runner below.
fn scenarios(
    coroutines: &[CoroutineSpec],
    return_exceptions: bool,
    bottom: &BottomOptions,
    linger: PerProgram<Option<f64>>,
) -> PerProgram<Scenario> {
    let coroutines: Vec<_> = coroutines.iter().map(CoroutineSpec::to_coroutine).collect();
    let gather = Main {
        runner: Runner::Gather { return_exceptions },
        limit: None,
        linger: linger.top,
    };
    PerProgram::new(
        Scenario {
            coroutines: coroutines.clone(),
            main: gather,
        },
        Scenario {
            coroutines,
            main: Main {
                linger: linger.bottom,
                ..bottom.to_main()
            },
        },
    )
}

/// What the editor holds of a scenario: its coroutines, the top's `return_exceptions` and
/// linger (from a gather main, else the ones given), the bottom's options and linger (from
/// any other main).
fn editor_of(
    scenario: &Scenario,
    return_exceptions: bool,
    top_linger: Option<f64>,
) -> (
    Vec<CoroutineSpec>,
    bool,
    BottomOptions,
    PerProgram<Option<f64>>,
) {
    let coroutines = scenario
        .coroutines
        .iter()
        .map(CoroutineSpec::from_coroutine)
        .collect();
    let return_exceptions = match scenario.main.runner {
        Runner::Gather {
            return_exceptions: own,
        } => own,
        _ => return_exceptions,
    };
    let linger = match scenario.main.runner {
        Runner::Gather { .. } => PerProgram::new(scenario.main.linger, None),
        _ => PerProgram::new(top_linger, scenario.main.linger),
    };
    (
        coroutines,
        return_exceptions,
        BottomOptions::from_main(&scenario.main),
        linger,
    )
}

impl Playground {
    /// The default screen: the book's first example, gather on top, as_completed below.
    pub fn new(lang: Lang) -> Playground {
        match presets::preset(DEFAULT_PRESET) {
            Ok(scenario) => {
                let mut p =
                    Playground::from_scenario(&scenario, false, None, 1.0, DEFAULT_PYTHON, lang);
                p.preset = DEFAULT_PRESET.to_string();
                p
            }
            // Bundled and checked by tests/presets.rs; should it ever fail, the page says so
            // (over programs of no coroutines).
            Err(problem) => {
                let empty = Scenario {
                    coroutines: Vec::new(),
                    main: BottomOptions::default().to_main(),
                };
                let mut p =
                    Playground::from_scenario(&empty, false, None, 1.0, DEFAULT_PYTHON, lang);
                p.notice = Some(problem);
                p
            }
        }
    }

    /// The state of a scenario (its coroutines; a gather main sets the top's
    /// `return_exceptions` and linger, any other main the bottom runner and its linger),
    /// showing its whole prediction under `python` (whose lack of the runner
    /// `Scenario::check_python` tells beforehand).
    pub fn from_scenario(
        scenario: &Scenario,
        return_exceptions: bool,
        top_linger: Option<f64>,
        speed: f64,
        python: Python,
        lang: Lang,
    ) -> Playground {
        let (coroutines, return_exceptions, bottom, linger) =
            editor_of(scenario, return_exceptions, top_linger);
        let programs = scenarios(&coroutines, return_exceptions, &bottom, linger);
        let derived = Derived::new(programs, Semantics::new(python));
        Playground {
            coroutines,
            return_exceptions,
            bottom,
            linger,
            python,
            speed,
            lang,
            theme: Theme::System,
            preset: String::new(),
            playback: Playback::Cursor(derived.events_len()),
            event_loop: LoopUi::default(),
            drift: None,
            notice: None,
            derived: Rc::new(derived),
            predict: None,
            progress: Vec::new(),
        }
    }

    /// Both programs as the editor now describes them.
    pub fn scenarios(&self) -> PerProgram<Scenario> {
        scenarios(
            &self.coroutines,
            self.return_exceptions,
            &self.bottom,
            self.linger,
        )
    }

    /// The top program: `gather`.
    pub fn top_scenario(&self) -> Scenario {
        self.scenarios().top
    }

    /// The bottom program: as_completed or the runner picked.
    pub fn bottom_scenario(&self) -> Scenario {
        self.scenarios().bottom
    }

    /// Applies an action; a refused one changes nothing but the notice, which says why.
    pub fn reduce(&mut self, action: Action) {
        if let Err(problem) = self.apply(action) {
            self.notice = Some(problem);
        }
    }

    fn apply(&mut self, action: Action) -> Result<(), Problem> {
        match action {
            Action::Edit(edit) => edit.apply(&mut self.coroutines, self.lang)?,
            Action::Options(edit) => self.set_option(edit)?,
            Action::Open(Open::Preset(stem)) => {
                // A preset is the whole screen, the same whatever was chosen before.
                let scenario = presets::preset(&stem)?;
                scenario
                    .check_python(self.python)
                    .map_err(Problem::NotInPython)?;
                (
                    self.coroutines,
                    self.return_exceptions,
                    self.bottom,
                    self.linger,
                ) = editor_of(&scenario, false, None);
                self.edited();
                self.predict = None;
                self.preset = stem;
                return Ok(());
            }
            // Predicted by `from_scenario` already; the viewer's language and theme stay.
            Action::Open(Open::Link(opened)) => {
                *self = Playground {
                    lang: self.lang,
                    theme: self.theme,
                    progress: std::mem::take(&mut self.progress),
                    ..*opened
                };
                return Ok(());
            }
            Action::Playback(play) => return self.play(play),
            Action::Loop(action) => return self.on_loop(action),
            Action::Live(msg) => {
                self.on_live(msg);
                return Ok(());
            }
            Action::Prefs(pref) => return self.set_pref(pref),
            Action::Predict(p) => return self.on_predict(p),
            Action::Notice(notice) => {
                self.notice = notice;
                return Ok(());
            }
        }
        self.edited();
        Ok(())
    }

    /// After an accepted edit: an earlier problem is over; if the programs or the version
    /// changed, re-predict, stop any live run and show the whole new prediction (an edit that
    /// changes nothing, such as retyping a value, leaves the prediction and a live run alone).
    fn edited(&mut self) {
        self.notice = None;
        let programs = self.scenarios();
        let old = &self.derived.programs;
        let same = old.top.scenario == programs.top && old.bottom.scenario == programs.bottom;
        if same && self.derived.semantics.python() == self.python {
            return;
        }
        // Edited, the scenario is no longer the preset the list names (another version of
        // Python runs the same preset).
        if !same {
            self.preset.clear();
        }
        // The answers were for the old prediction: predict mode ends (its panel says so).
        self.predict = None;
        self.derived = Rc::new(Derived::new(programs, Semantics::new(self.python)));
        self.playback = Playback::Cursor(self.derived.events_len());
        self.event_loop.why = None;
        self.drift = None;
    }

    fn set_option(&mut self, edit: OptionEdit) -> Result<(), Problem> {
        let bottom = &mut self.bottom;
        match edit {
            OptionEdit::ReturnExceptions(on) => self.return_exceptions = on,
            OptionEdit::BottomReturnExceptions(on) => bottom.options.return_exceptions = on,
            // A runner that needs a timeout and has none of the learner's gets the core's
            // DEFAULT_TIMEOUT in `to_main`, so switching back to as_completed does not turn
            // on a timeout nobody set.
            OptionEdit::Runner(RunnerKind::Gather) => {
                return Err(Problem::UnknownChoice {
                    field: Field::Runner,
                    value: RunnerKind::Gather.name().into(),
                })
            }
            OptionEdit::Runner(r) => {
                r.check(self.python).map_err(Problem::NotInPython)?;
                bottom.runner = r;
            }
            OptionEdit::Python(python) => {
                bottom.runner.check(python).map_err(Problem::NotInPython)?;
                self.python = python;
            }
            OptionEdit::TimeoutOn(on) => bottom.options.timeout = on.then_some(DEFAULT_TIMEOUT),
            OptionEdit::Timeout(text) => {
                let runner = bottom.runner;
                let (name, _) = options::timeout_of(runner).ok_or(Problem::NoTimeout { runner })?;
                let seconds = seconds_from(Field::Timeout(name), &text, self.lang)?;
                bottom.options.timeout = Some(seconds);
            }
            OptionEdit::Catch(on) => bottom.options.catch = on,
            OptionEdit::ReturnWhen(w) => bottom.options.return_when = w,
            OptionEdit::Limit(Some(0)) => {
                return Err(Problem::UnknownChoice {
                    field: Field::Limit,
                    value: "0".into(),
                })
            }
            OptionEdit::Limit(limit) => bottom.limit = limit,
            OptionEdit::LingerOn { program, on } => {
                self.linger[program] = on.then_some(options::DEFAULT_LINGER)
            }
            OptionEdit::Linger { program, text } => {
                let seconds = seconds_from(Field::Linger(program), &text, self.lang)?;
                self.linger[program] = Some(seconds);
            }
        }
        Ok(())
    }

    fn set_pref(&mut self, pref: Pref) -> Result<(), Problem> {
        match pref {
            Pref::Speed(s) if !SPEEDS.contains(&s) => {
                return Err(Problem::UnknownChoice {
                    field: Field::Speed,
                    value: s.to_string(),
                })
            }
            Pref::Speed(s) => self.speed = s,
            Pref::Lang(l) => self.lang = l,
            Pref::Theme(t) => self.theme = t,
        }
        Ok(())
    }
}
