//! The playground's state and its one reducer, free of any web crate (tested natively).
//!
//! The state holds what the learner edits — the shared coroutines, the top program's
//! `return_exceptions`, the bottom program's runner — plus speed and playback. The two
//! programs are core [`Scenario`]s *derived* from it ([`Playground::top_scenario`],
//! [`Playground::bottom_scenario`]); their predictions are cached in [`Derived`] and rebuilt
//! whenever an edit changes them.

use std::rc::Rc;

use crate::core::scenario::{Coroutine, Main, ReturnWhen, Runner, Step};
use crate::core::value::ErrorType;
use crate::core::Scenario;

use super::i18n::Lang;
use super::problem::{Field, Problem};
use super::timeline::Derived;

/// The bundled presets: file stem and JSON text (no fetch: they ship inside the wasm).
pub const PRESETS: [(&str, &str); 6] = [
    (
        "book-1-gather",
        include_str!("../../www/presets/book-1-gather.json"),
    ),
    (
        "book-2-gather-exception",
        include_str!("../../www/presets/book-2-gather-exception.json"),
    ),
    (
        "book-3-return-exceptions",
        include_str!("../../www/presets/book-3-return-exceptions.json"),
    ),
    (
        "book-4-as-completed",
        include_str!("../../www/presets/book-4-as-completed.json"),
    ),
    (
        "book-5-pipeline",
        include_str!("../../www/presets/book-5-pipeline.json"),
    ),
    (
        "as-completed-timeout",
        include_str!("../../www/presets/as-completed-timeout.json"),
    ),
];

/// The preset the page starts on.
pub const DEFAULT_PRESET: &str = "book-1-gather";

/// Speeds offered by the Speed control (virtual seconds per real second).
pub const SPEEDS: [f64; 7] = [0.25, 0.5, 1.0, 2.0, 3.0, 5.0, 10.0];

/// Largest value of a sleep slider (a longer sleep from a preset or a link widens it).
pub const SLEEP_MAX: f64 = 10.0;

/// Most coroutines the editor lets you add (a share link may carry more, up to the core's cap).
pub const MAX_EDITOR_COROUTINES: usize = 12;

/// Longest coroutine name the editor accepts.
pub const MAX_NAME_CHARS: usize = 40;

/// Seconds typed or slid into a sleep or a timeout field: a number from 0 to the core's cap.
/// In the Russian interface a decimal comma is read as a point (`1,5`); in the English one a
/// comma is refused, since `1,000` there means a thousand.
pub fn seconds_from(field: Field, text: &str, lang: Lang) -> Result<f64, Problem> {
    let max = crate::core::Limits::default().max_seconds;
    let number = match lang {
        Lang::Ru => text.trim().replacen(',', ".", 1),
        Lang::En => text.trim().to_string(),
    };
    // An overflowing number (`1e309`, a pasted run of digits) parses to infinity: it is out
    // of range, not "not a number".
    let x: f64 = match number.parse() {
        Ok(x) if !f64::is_nan(x) => x,
        _ => {
            return Err(Problem::NotANumber {
                field,
                text: text.to_string(),
            })
        }
    };
    if !(0.0..=max).contains(&x) {
        return Err(Problem::OutOfRange {
            field,
            text: text.to_string(),
            min: 0.0,
            max,
        });
    }
    // `+ 0.0` turns `-0` into 0: the code would otherwise show `sleep(-0.0)`.
    Ok(x + 0.0)
}

/// A list's value, parsed; no option has any other (only a tampered page can send one, and
/// it must be refused, not silently replaced by a default).
pub fn choice<T>(
    field: Field,
    value: String,
    parse: impl FnOnce(&str) -> Option<T>,
) -> Result<T, Problem> {
    parse(&value).ok_or(Problem::UnknownChoice { field, value })
}

/// A `raise` the learner put into a coroutine.
#[derive(Clone, Debug, PartialEq)]
pub struct RaiseSpec {
    /// The raise replaces everything from this index of `steps` on.
    pub at: usize,
    pub kind: ErrorType,
    pub message: String,
}

/// One coroutine as the editor holds it: its steps without the raise, and the raise apart,
/// so that choosing "raises: none" again restores the steps the raise had cut off.
#[derive(Clone, Debug, PartialEq)]
pub struct CoroutineSpec {
    pub name: String,
    pub steps: Vec<Step>,
    pub raise: Option<RaiseSpec>,
}

impl CoroutineSpec {
    /// From a scenario coroutine: a final `raise` becomes the [`RaiseSpec`].
    pub fn from_coroutine(c: &Coroutine) -> CoroutineSpec {
        let mut steps = c.steps.clone();
        let raise = match steps.last() {
            Some(Step::Raise { kind, message }) => {
                let r = RaiseSpec {
                    at: steps.len() - 1,
                    kind: *kind,
                    message: message.clone(),
                };
                steps.pop();
                Some(r)
            }
            _ => None,
        };
        CoroutineSpec {
            name: c.name.clone(),
            steps,
            raise,
        }
    }

    /// The scenario coroutine: the steps before the raise, then the raise.
    pub fn to_coroutine(&self) -> Coroutine {
        let steps = match &self.raise {
            None => self.steps.clone(),
            Some(r) => {
                let mut s: Vec<Step> = self.steps[..r.at.min(self.steps.len())].to_vec();
                s.push(Step::Raise {
                    kind: r.kind,
                    message: r.message.clone(),
                });
                s
            }
        };
        Coroutine {
            name: self.name.clone(),
            steps,
        }
    }

    /// The seconds of each `sleep` that runs (before the raise), in step order.
    pub fn sleeps(&self) -> Vec<f64> {
        let end = self.raise.as_ref().map_or(self.steps.len(), |r| r.at);
        self.steps[..end.min(self.steps.len())]
            .iter()
            .filter_map(|s| match s {
                Step::Sleep(x) => Some(*x),
                _ => None,
            })
            .collect()
    }

    /// How many sleeps the coroutine has when it does not raise (the raise choices).
    pub fn all_sleeps(&self) -> usize {
        self.steps
            .iter()
            .filter(|s| matches!(s, Step::Sleep(_)))
            .count()
    }

    /// The raise choice shown: `Some(k)` = raises right after its k-th sleep (0 = at once).
    pub fn raise_after_sleep(&self) -> Option<usize> {
        self.raise.as_ref().map(|r| {
            self.steps[..r.at.min(self.steps.len())]
                .iter()
                .filter(|s| matches!(s, Step::Sleep(_)))
                .count()
        })
    }

    /// Index in `steps` of the k-th sleep (k from 1).
    fn sleep_index(&self, k: usize) -> Option<usize> {
        self.steps
            .iter()
            .enumerate()
            .filter(|(_, s)| matches!(s, Step::Sleep(_)))
            .nth(k.checked_sub(1)?)
            .map(|(i, _)| i)
    }
}

/// The runners the bottom program can use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BottomRunner {
    AsCompleted,
    AsCompletedPipeline,
    Wait,
    WaitForGather,
    TaskGroup,
    Sequential,
}

impl BottomRunner {
    pub const ALL: [BottomRunner; 6] = [
        BottomRunner::AsCompleted,
        BottomRunner::AsCompletedPipeline,
        BottomRunner::Wait,
        BottomRunner::WaitForGather,
        BottomRunner::TaskGroup,
        BottomRunner::Sequential,
    ];

    /// The core's runner name (also the `<option>` value).
    pub fn name(self) -> &'static str {
        match self {
            BottomRunner::AsCompleted => "as_completed",
            BottomRunner::AsCompletedPipeline => "as_completed_pipeline",
            BottomRunner::Wait => "wait",
            BottomRunner::WaitForGather => "wait_for_gather",
            BottomRunner::TaskGroup => "task_group",
            BottomRunner::Sequential => "sequential",
        }
    }

    /// What the learner reads: the Python it stands for.
    pub fn label(self, lang: Lang) -> &'static str {
        match self {
            BottomRunner::AsCompleted => "asyncio.as_completed",
            BottomRunner::AsCompletedPipeline => "as_completed + write_to_file",
            BottomRunner::Wait => "asyncio.wait",
            BottomRunner::WaitForGather => "asyncio.wait_for(gather)",
            BottomRunner::TaskGroup => "asyncio.TaskGroup",
            BottomRunner::Sequential => super::i18n::Texts::of(lang).await_one_by_one,
        }
    }

    /// The heading of the results panel: what the program's `main()` gets, and from what.
    pub fn result_heading(self, lang: Lang) -> String {
        match self {
            BottomRunner::AsCompleted | BottomRunner::AsCompletedPipeline => {
                lang.result_of("as_completed", true)
            }
            BottomRunner::Wait => lang.result_of("asyncio.wait", false),
            BottomRunner::WaitForGather => lang.result_of("asyncio.wait_for", false),
            BottomRunner::TaskGroup => lang.result_of("asyncio.TaskGroup", false),
            BottomRunner::Sequential => lang.result_of("await", true),
        }
    }

    pub fn from_name(name: &str) -> Option<BottomRunner> {
        BottomRunner::ALL.into_iter().find(|r| r.name() == name)
    }

    /// True for the runners that yield results one by one (an as_completed results list).
    pub fn yields(self) -> bool {
        matches!(
            self,
            BottomRunner::AsCompleted | BottomRunner::AsCompletedPipeline
        )
    }

    /// The Python function whose `timeout=` the runner offers (`None`: it takes none).
    pub fn timeout_name(self) -> Option<&'static str> {
        match self {
            BottomRunner::AsCompleted | BottomRunner::AsCompletedPipeline => Some("as_completed"),
            BottomRunner::Wait => Some("wait"),
            BottomRunner::WaitForGather => Some("wait_for"),
            BottomRunner::TaskGroup | BottomRunner::Sequential => None,
        }
    }
}

/// The bottom program's options (each runner reads the ones it has).
#[derive(Clone, Debug, PartialEq)]
pub struct BottomOptions {
    pub runner: BottomRunner,
    /// `timeout=` of as_completed / wait / wait_for (wait_for always has one).
    pub timeout: Option<f64>,
    /// as_completed: `try/except Exception` around each `await`.
    pub catch: bool,
    pub return_when: ReturnWhen,
    pub write_delay: f64,
    /// `asyncio.Semaphore(limit)` around every coroutine.
    pub limit: Option<u32>,
}

impl Default for BottomOptions {
    fn default() -> Self {
        BottomOptions {
            runner: BottomRunner::AsCompleted,
            timeout: None,
            catch: false,
            return_when: ReturnWhen::AllCompleted,
            write_delay: 1.0,
            limit: None,
        }
    }
}

/// Timeout a runner gets when one is switched on without a value.
pub const DEFAULT_TIMEOUT: f64 = 4.0;

impl BottomOptions {
    pub fn to_main(&self) -> Main {
        let runner = match self.runner {
            BottomRunner::AsCompleted => Runner::AsCompleted {
                timeout: self.timeout,
                catch: self.catch,
            },
            BottomRunner::AsCompletedPipeline => Runner::AsCompletedPipeline {
                timeout: self.timeout,
                write_delay: self.write_delay,
            },
            BottomRunner::Wait => Runner::Wait {
                return_when: self.return_when,
                timeout: self.timeout,
            },
            BottomRunner::WaitForGather => Runner::WaitForGather {
                timeout: self.timeout.unwrap_or(DEFAULT_TIMEOUT),
                return_exceptions: false,
            },
            BottomRunner::TaskGroup => Runner::TaskGroup,
            BottomRunner::Sequential => Runner::Sequential,
        };
        Main {
            runner,
            limit: self.limit,
        }
    }

    /// From a scenario's `main` (a gather main keeps the current bottom runner).
    fn apply_main(&mut self, main: &Main) {
        self.limit = main.limit;
        match &main.runner {
            Runner::Gather { .. } | Runner::Timeout { .. } => {}
            Runner::AsCompleted { timeout, catch } => {
                self.runner = BottomRunner::AsCompleted;
                self.timeout = *timeout;
                self.catch = *catch;
            }
            Runner::AsCompletedPipeline {
                timeout,
                write_delay,
            } => {
                self.runner = BottomRunner::AsCompletedPipeline;
                self.timeout = *timeout;
                self.write_delay = *write_delay;
            }
            Runner::Wait {
                return_when,
                timeout,
            } => {
                self.runner = BottomRunner::Wait;
                self.return_when = *return_when;
                self.timeout = *timeout;
            }
            Runner::WaitForGather { timeout, .. } => {
                self.runner = BottomRunner::WaitForGather;
                self.timeout = Some(*timeout);
            }
            Runner::TaskGroup => self.runner = BottomRunner::TaskGroup,
            Runner::Sequential => self.runner = BottomRunner::Sequential,
        }
    }
}

/// The colour theme: the system's, or forced light or dark (a viewer preference, not part of
/// a share link).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    System,
    Light,
    Dark,
}

impl Theme {
    pub const ALL: [Theme; 3] = [Theme::System, Theme::Light, Theme::Dark];

    /// The `<option>` value and the `data-theme` attribute (none for the system's).
    pub fn name(self) -> &'static str {
        match self {
            Theme::System => "system",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    pub fn from_name(name: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.name() == name)
    }
}

/// Where playback is.
#[derive(Clone, Debug, PartialEq)]
pub enum Playback {
    /// Showing the merged event list up to `cursor` (events `0..cursor` happened).
    Cursor(usize),
    /// A live run on real timers is under way (or paused).
    Live(LiveState),
}

/// A live run as the screen sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveState {
    /// Which run: messages from any other (older) run are ignored.
    pub run_id: u64,
    /// Events of each program that have actually happened.
    pub counts: [usize; 2],
    /// Virtual time the real clock has reached.
    pub now: f64,
    pub paused: bool,
    /// Real minus predicted time of each event, in ms.
    pub drift_ms: Vec<f64>,
}

/// What a live run starts from: both programs, skipped at once past `from` events of each
/// (virtual time `from_t`), then played at `speed`.
#[derive(Clone, Debug, PartialEq)]
pub struct RunPlan {
    pub scenarios: [Scenario; 2],
    pub from: [usize; 2],
    pub from_t: f64,
    pub speed: f64,
}

/// How far the real timers drifted from the prediction over a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drift {
    pub max_ms: f64,
    pub p99_ms: f64,
    pub events: usize,
}

impl Drift {
    /// Max and 99th percentile (nearest rank) of the absolute drifts.
    pub fn of(samples: &[f64]) -> Option<Drift> {
        if samples.is_empty() {
            return None;
        }
        let mut abs: Vec<f64> = samples.iter().map(|x| x.abs()).collect();
        abs.sort_by(f64::total_cmp);
        let rank = ((0.99 * abs.len() as f64).ceil() as usize).clamp(1, abs.len());
        Some(Drift {
            max_ms: abs[abs.len() - 1],
            p99_ms: abs[rank - 1],
            events: abs.len(),
        })
    }
}

/// Everything the learner can do, and what the live run reports.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The k-th sleep (from 1) of coroutine `co`, as typed or slid (parsed by the reducer).
    SetSleep {
        co: usize,
        k: usize,
        text: String,
    },
    /// `None` = does not raise; `Some(k)` = raises right after its k-th sleep.
    SetRaise {
        co: usize,
        after_sleep: Option<usize>,
    },
    Rename {
        co: usize,
        name: String,
    },
    AddCoroutine,
    RemoveCoroutine(usize),
    SetReturnExceptions(bool),
    SetBottomRunner(BottomRunner),
    /// Switches the runner's timeout on (at [`DEFAULT_TIMEOUT`]) or off.
    ToggleTimeout(bool),
    /// The timeout's seconds, as typed or slid.
    SetTimeout(String),
    SetCatch(bool),
    SetReturnWhen(ReturnWhen),
    SetLimit(Option<u32>),
    LoadPreset(String),
    /// Open a decoded share link (pasted while the page is open); language and theme stay.
    OpenLink(Box<Playground>),
    SetSpeed(f64),
    SetLang(Lang),
    SetTheme(Theme),
    StepForward,
    StepBack,
    Seek(usize),
    SkipToEnd,
    Reset,
    /// A live run began, past `from` events of each program, at virtual time `from_t` (its
    /// [`RunPlan`]).
    LiveStarted {
        run_id: u64,
        from: [usize; 2],
        from_t: f64,
    },
    /// `program`'s events `..count` have happened; the last of them (virtual time `t`,
    /// predicted `predicted_ms` after the run's start at its speed) at `real_ms` after the
    /// run's start, paused time excluded.
    LiveEvents {
        run_id: u64,
        program: usize,
        count: usize,
        t: f64,
        predicted_ms: f64,
        real_ms: f64,
    },
    LiveFrame {
        run_id: u64,
        now: f64,
    },
    LivePaused {
        run_id: u64,
        paused: bool,
    },
    LiveDone {
        run_id: u64,
    },
    LiveFailed {
        run_id: u64,
        message: String,
    },
    /// Stop a live run where it is (Step, Step back … do this first).
    StopLive,
    /// Show a problem (or dismiss it with `None`).
    SetNotice(Option<Problem>),
}

/// The whole playground.
#[derive(Clone, Debug, PartialEq)]
pub struct Playground {
    pub coroutines: Vec<CoroutineSpec>,
    /// The top program: `asyncio.gather(*coroutines, return_exceptions=…)`.
    pub return_exceptions: bool,
    pub bottom: BottomOptions,
    pub speed: f64,
    pub lang: Lang,
    pub theme: Theme,
    /// The preset last chosen (the Preset list shows it).
    pub preset: String,
    pub playback: Playback,
    /// Drift of the last finished live run.
    pub drift: Option<Drift>,
    /// What the learner is told is wrong (a refused edit, a broken share link, a failed run).
    pub notice: Option<Problem>,
    /// The derived programs and their predictions.
    pub derived: Rc<Derived>,
}

impl Action {
    /// The action, or a notice saying why there is none.
    pub fn or_notice(action: Result<Action, Problem>) -> Action {
        action.unwrap_or_else(|p| Action::SetNotice(Some(p)))
    }
}

impl Playground {
    /// The default screen: the book's first example, gather on top, as_completed below.
    pub fn new(lang: Lang) -> Playground {
        let mut p = Playground::blank(lang);
        // Bundled and checked by tests/presets.rs; should it ever fail, the page says so.
        if let Err(problem) = p.load_preset(DEFAULT_PRESET) {
            p.notice = Some(problem);
        }
        p
    }

    /// No coroutines and no prediction yet: what `new` and `from_scenario` fill in.
    fn blank(lang: Lang) -> Playground {
        Playground {
            coroutines: Vec::new(),
            return_exceptions: false,
            bottom: BottomOptions::default(),
            speed: 1.0,
            lang,
            theme: Theme::System,
            preset: String::new(),
            playback: Playback::Cursor(0),
            drift: None,
            notice: None,
            derived: Rc::new(Derived::default()),
        }
    }

    /// Rebuilds the state from a scenario (its coroutines; a gather main sets the top's
    /// `return_exceptions`, any other main the bottom runner).
    pub fn from_scenario(
        scenario: &Scenario,
        return_exceptions: bool,
        speed: f64,
        lang: Lang,
    ) -> Playground {
        let mut p = Playground::blank(lang);
        p.set_scenario(scenario, return_exceptions);
        p.speed = speed;
        p.edited();
        p
    }

    /// Everything a scenario decides — the coroutines and both programs' options — and nothing
    /// left over from before: a gather scenario keeps the default bottom runner, any other the
    /// given `return_exceptions`.
    fn set_scenario(&mut self, scenario: &Scenario, return_exceptions: bool) {
        self.coroutines = scenario
            .coroutines
            .iter()
            .map(CoroutineSpec::from_coroutine)
            .collect();
        self.bottom = BottomOptions::default();
        self.bottom.apply_main(&scenario.main);
        self.return_exceptions = match scenario.main.runner {
            Runner::Gather {
                return_exceptions: own,
            } => own,
            _ => return_exceptions,
        };
    }

    pub fn coroutines(&self) -> Vec<Coroutine> {
        self.coroutines
            .iter()
            .map(CoroutineSpec::to_coroutine)
            .collect()
    }

    /// The top program: `gather`.
    pub fn top_scenario(&self) -> Scenario {
        Scenario {
            coroutines: self.coroutines(),
            main: Main {
                runner: Runner::Gather {
                    return_exceptions: self.return_exceptions,
                },
                limit: None,
            },
        }
    }

    /// The bottom program: as_completed or the runner picked.
    pub fn bottom_scenario(&self) -> Scenario {
        Scenario {
            coroutines: self.coroutines(),
            main: self.bottom.to_main(),
        }
    }

    /// After an accepted edit: an earlier problem is over; if the programs changed, re-predict,
    /// stop any live run and show the whole new prediction (an edit that changes nothing, such
    /// as retyping a value, leaves the prediction and a live run alone).
    fn edited(&mut self) {
        self.notice = None;
        let programs = [self.top_scenario(), self.bottom_scenario()];
        let same =
            |i: usize| self.derived.programs.get(i).map(|p| &p.scenario) == Some(&programs[i]);
        if same(0) && same(1) {
            return;
        }
        // Edited, the scenario is no longer the preset the list names.
        self.preset.clear();
        let [top, bottom] = programs;
        self.derived = Rc::new(Derived::new(top, bottom));
        self.playback = Playback::Cursor(self.derived.len());
        self.drift = None;
    }

    /// Loads a bundled preset; an unknown one leaves everything as it is.
    fn load_preset(&mut self, stem: &str) -> Result<(), Problem> {
        let (_, text) =
            PRESETS
                .iter()
                .find(|(s, _)| *s == stem)
                .ok_or_else(|| Problem::UnknownChoice {
                    field: Field::Preset,
                    value: stem.to_string(),
                })?;
        let scenario = Scenario::from_json(text).map_err(|e| Problem::BadPreset {
            stem: stem.to_string(),
            reason: e.to_string(),
        })?;
        // A preset is the whole screen, the same whatever was chosen before.
        self.set_scenario(&scenario, false);
        self.edited();
        self.preset = stem.to_string();
        Ok(())
    }

    /// The merged cursor the screen shows (a live run: how far it got).
    pub fn cursor(&self) -> usize {
        match &self.playback {
            Playback::Cursor(c) => *c,
            Playback::Live(l) => self.derived.cursor_for_counts(l.counts),
        }
    }

    /// The live run Run starts: from the start when asked or when the cursor is at the end;
    /// else from where the screen is — the cursor after stepping, or the very moment a live
    /// run has reached (a new speed goes on from there, it does not jump back to the last
    /// event).
    pub fn run_plan(&self, speed: f64, from_start: bool) -> RunPlan {
        let d = &self.derived;
        let (from, from_t) = match (self.live(), self.cursor()) {
            (_, c) if from_start || c >= d.len() => ([0, 0], 0.0),
            (Some(l), _) => (l.counts, l.now),
            (None, c) => (d.counts_at(c), d.time_at(c)),
        };
        RunPlan {
            // The very programs predicted, so the live run cannot differ from the ghost.
            scenarios: [0, 1].map(|i| d.program(i).scenario.clone()),
            from,
            from_t,
            speed,
        }
    }

    pub fn live(&self) -> Option<&LiveState> {
        match &self.playback {
            Playback::Live(l) => Some(l),
            Playback::Cursor(_) => None,
        }
    }

    /// True if `run_id` is the live run under way.
    fn is_current(&self, run_id: u64) -> bool {
        self.live().is_some_and(|l| l.run_id == run_id)
    }

    /// Applies an action; a refused one changes nothing but the notice, which says why.
    pub fn reduce(&mut self, action: Action) {
        if let Err(problem) = self.apply(action) {
            self.notice = Some(problem);
        }
    }

    fn coroutine_mut(&mut self, co: usize) -> Result<&mut CoroutineSpec, Problem> {
        self.coroutines.get_mut(co).ok_or(Problem::NoCoroutine(co))
    }

    fn apply(&mut self, action: Action) -> Result<(), Problem> {
        let (n, lang) = (self.coroutines.len(), self.lang);
        match action {
            Action::SetSleep { co, k, text } => {
                let c = self.coroutine_mut(co)?;
                let field = Field::Sleep {
                    name: c.name.clone(),
                    k,
                };
                let i = c.sleep_index(k).ok_or_else(|| Problem::NoSleep {
                    name: c.name.clone(),
                    k,
                })?;
                c.steps[i] = Step::Sleep(seconds_from(field, &text, lang)?);
                self.edited();
            }
            Action::SetRaise { co, after_sleep } => {
                let c = self.coroutine_mut(co)?;
                match after_sleep {
                    None => c.raise = None,
                    Some(k) => {
                        let at = if k == 0 {
                            c.steps
                                .iter()
                                .position(|s| matches!(s, Step::Sleep(_)))
                                .unwrap_or(c.steps.len())
                        } else {
                            c.sleep_index(k).ok_or_else(|| Problem::UnknownChoice {
                                field: Field::Raises(c.name.clone()),
                                value: k.to_string(),
                            })? + 1
                        };
                        let (kind, message) = match &c.raise {
                            Some(r) => (r.kind, r.message.clone()),
                            None => (
                                ErrorType::OSError,
                                format!("Не могу подключиться к {}", c.name),
                            ),
                        };
                        c.raise = Some(RaiseSpec { at, kind, message });
                    }
                }
                self.edited();
            }
            Action::Rename { co, name } => {
                self.coroutine_mut(co)?;
                let name = name.trim().to_string();
                let chars = name.chars().count();
                if name.is_empty() {
                    return Err(Problem::NameEmpty { co });
                }
                if chars > MAX_NAME_CHARS {
                    return Err(Problem::NameTooLong {
                        co,
                        chars,
                        max: MAX_NAME_CHARS,
                    });
                }
                let taken = self
                    .coroutines
                    .iter()
                    .enumerate()
                    .any(|(i, c)| i != co && c.name == name);
                if taken {
                    return Err(Problem::NameTaken { co, name });
                }
                self.coroutines[co].name = name;
                self.edited();
            }
            Action::AddCoroutine => {
                if n >= MAX_EDITOR_COROUTINES {
                    return Err(Problem::TooManyCoroutines {
                        max: MAX_EDITOR_COROUTINES,
                        have: n,
                    });
                }
                let name = (1..)
                    .map(|i| format!("c{i}"))
                    .find(|name| self.coroutines.iter().all(|c| &c.name != name))
                    .expect("an unused name exists");
                self.coroutines.push(CoroutineSpec {
                    steps: vec![
                        Step::Print(format!("start {name}")),
                        Step::Sleep(1.0 + n as f64 % 5.0),
                        Step::Print(format!("end {name}")),
                        Step::Return(crate::core::value::Value::Str(name.clone())),
                    ],
                    name,
                    raise: None,
                });
                self.edited();
            }
            Action::RemoveCoroutine(co) => {
                self.coroutine_mut(co)?;
                if n == 1 {
                    return Err(Problem::LastCoroutine);
                }
                self.coroutines.remove(co);
                self.edited();
            }
            Action::SetReturnExceptions(on) => {
                self.return_exceptions = on;
                self.edited();
            }
            // wait_for without a timeout of the learner's gets DEFAULT_TIMEOUT in `to_main`,
            // so switching back to as_completed does not turn on a timeout nobody set.
            Action::SetBottomRunner(r) => {
                self.bottom.runner = r;
                self.edited();
            }
            Action::ToggleTimeout(on) => {
                self.bottom.timeout = on.then_some(DEFAULT_TIMEOUT);
                self.edited();
            }
            Action::SetTimeout(text) => {
                let runner = self.bottom.runner;
                let name = runner.timeout_name().ok_or(Problem::NoTimeout { runner })?;
                self.bottom.timeout = Some(seconds_from(Field::Timeout(name), &text, lang)?);
                self.edited();
            }
            Action::SetCatch(on) => {
                self.bottom.catch = on;
                self.edited();
            }
            Action::SetReturnWhen(w) => {
                self.bottom.return_when = w;
                self.edited();
            }
            Action::SetLimit(limit) => {
                if limit == Some(0) {
                    return Err(Problem::UnknownChoice {
                        field: Field::Limit,
                        value: "0".into(),
                    });
                }
                self.bottom.limit = limit;
                self.edited();
            }
            Action::LoadPreset(stem) => self.load_preset(&stem)?,
            // Predicted by `from_scenario` already; the viewer's language and theme stay.
            Action::OpenLink(opened) => {
                let theme = self.theme;
                *self = *opened;
                self.lang = lang;
                self.theme = theme;
            }
            Action::SetSpeed(s) => {
                if !SPEEDS.contains(&s) {
                    return Err(Problem::UnknownChoice {
                        field: Field::Speed,
                        value: s.to_string(),
                    });
                }
                self.speed = s;
            }
            Action::SetLang(l) => self.lang = l,
            Action::SetTheme(t) => self.theme = t,
            Action::StepForward => {
                let c = self.cursor();
                self.playback = Playback::Cursor((c + 1).min(self.derived.len()));
            }
            Action::StepBack => {
                let c = self.cursor();
                self.playback = Playback::Cursor(c.saturating_sub(1));
            }
            Action::Seek(c) => {
                if c > self.derived.len() {
                    return Err(Problem::UnknownChoice {
                        field: Field::Position,
                        value: c.to_string(),
                    });
                }
                self.playback = Playback::Cursor(c);
            }
            Action::SkipToEnd => self.playback = Playback::Cursor(self.derived.len()),
            Action::Reset => {
                self.playback = Playback::Cursor(0);
                self.drift = None;
            }
            Action::StopLive => {
                let c = self.cursor();
                self.playback = Playback::Cursor(c);
            }
            Action::LiveStarted {
                run_id,
                from,
                from_t,
            } => {
                let d = &self.derived;
                self.playback = Playback::Live(LiveState {
                    run_id,
                    counts: [0, 1].map(|p| from[p].min(d.program(p).events_len())),
                    now: from_t,
                    paused: false,
                    drift_ms: Vec::new(),
                });
                self.drift = None;
            }
            Action::LiveEvents {
                run_id,
                program,
                count,
                t,
                predicted_ms,
                real_ms,
            } => {
                if !self.is_current(run_id) || program > 1 {
                    return Ok(());
                }
                if let Playback::Live(l) = &mut self.playback {
                    let count = count.min(self.derived.program(program).events_len());
                    // One sample per event (a batch happened in one loop pass, at one time).
                    let new = count.saturating_sub(l.counts[program]);
                    l.counts[program] = count;
                    l.drift_ms
                        .extend(std::iter::repeat_n(real_ms - predicted_ms, new));
                    if t > l.now {
                        l.now = t;
                    }
                }
            }
            Action::LiveFrame { run_id, now } => {
                if let (true, Playback::Live(l)) = (self.is_current(run_id), &mut self.playback) {
                    l.now = now;
                }
            }
            Action::LivePaused { run_id, paused } => {
                if let (true, Playback::Live(l)) = (self.is_current(run_id), &mut self.playback) {
                    l.paused = paused;
                }
            }
            Action::LiveDone { run_id } => {
                if let (true, Playback::Live(l)) = (self.is_current(run_id), &self.playback) {
                    self.drift = Drift::of(&l.drift_ms);
                    self.playback = Playback::Cursor(self.derived.len());
                }
            }
            Action::LiveFailed { run_id, message } => {
                if self.is_current(run_id) {
                    self.notice = Some(Problem::RunFailed(message));
                    let c = self.cursor();
                    self.playback = Playback::Cursor(c);
                }
            }
            Action::SetNotice(n) => self.notice = n,
        }
        Ok(())
    }
}
