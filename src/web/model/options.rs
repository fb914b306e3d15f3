//! The programs' options: the top program's `return_exceptions`, the bottom program's runner
//! and its options. The runners and the options each takes come from the core's registry
//! (`RunnerKind`, `Opt`, `RunnerOptions`); this file adds only what the learner reads about
//! them, so a new runner shows up here through the compiler's exhaustive matches.

use crate::core::scenario::{Main, Opt, ReturnWhen, Runner, RunnerKind, RunnerOptions};
use crate::core::Python;
use crate::web::i18n::{Lang, Texts, VersionTexts};
use crate::web::program::ProgramId;

/// The runners the bottom program offers: every registered kind but `gather`, which is the
/// top program.
pub fn bottom_runners() -> impl Iterator<Item = RunnerKind> {
    RunnerKind::ALL
        .into_iter()
        .filter(|k| *k != RunnerKind::Gather)
}

/// A bottom runner by its registry name (`gather` is not one).
pub fn bottom_runner(name: &str) -> Option<RunnerKind> {
    RunnerKind::from_name(name).filter(|k| *k != RunnerKind::Gather)
}

/// What the learner reads for a runner: the Python it stands for, in words where it has none.
pub fn runner_label(kind: RunnerKind, lang: Lang) -> &'static str {
    match kind {
        RunnerKind::Sequential => Texts::of(lang).await_one_by_one,
        other => other.label(),
    }
}

/// The heading of the results panel: what the program's `main()` gets, and from what.
pub fn result_heading(kind: RunnerKind, lang: Lang) -> String {
    match kind {
        RunnerKind::Gather => lang.result_of("gather", false),
        RunnerKind::AsCompleted | RunnerKind::AsCompletedPipeline => {
            lang.result_of("as_completed", true)
        }
        RunnerKind::Wait => lang.result_of("asyncio.wait", false),
        RunnerKind::WaitForGather => lang.result_of("asyncio.wait_for", false),
        RunnerKind::TaskGroup => lang.result_of("asyncio.TaskGroup", false),
        RunnerKind::Sequential => lang.result_of("await", true),
        RunnerKind::Timeout => lang.result_of("asyncio.timeout", false),
    }
}

/// True for the runners that yield results one by one (an as_completed results list).
pub fn yields(kind: RunnerKind) -> bool {
    match kind {
        RunnerKind::AsCompleted | RunnerKind::AsCompletedPipeline => true,
        RunnerKind::Gather
        | RunnerKind::Wait
        | RunnerKind::WaitForGather
        | RunnerKind::TaskGroup
        | RunnerKind::Sequential
        | RunnerKind::Timeout => false,
    }
}

/// The Python function whose `timeout=` the runner takes, and whether it must have one.
pub fn timeout_of(kind: RunnerKind) -> Option<(&'static str, bool)> {
    kind.options().iter().find_map(|o| o.timeout_of())
}

/// What the learner reads for the timeout of the function `of`: `as_completed timeout`, and
/// `asyncio.timeout` for the runner that is one.
pub fn timeout_field(of: &str) -> String {
    if of.ends_with("timeout") {
        of.to_string()
    } else {
        format!("{of} timeout")
    }
}

/// The seconds `main()` sleeps on when the learner switches it on.
pub const DEFAULT_LINGER: f64 = 5.0;

/// The program as the learner reads it in a label: `Program 1`.
pub fn program_name(program: ProgramId, lang: Lang) -> &'static str {
    VersionTexts::of(lang).program[program as usize]
}

/// What the learner reads for a program's linger seconds: `Program 1: main() sleeps on`.
pub fn linger_field(program: ProgramId, lang: Lang) -> String {
    let name = program_name(program, lang);
    format!("{name}: {}", Texts::of(lang).linger_field)
}

/// True if the runner takes the option.
pub fn takes(kind: RunnerKind, opt: Opt) -> bool {
    kind.options().contains(&opt)
}

/// The bottom program's runner and options: one set of values for every runner (those that
/// take a timeout share it), so switching runners and back finds them as they were.
#[derive(Clone, Debug, PartialEq)]
pub struct BottomOptions {
    pub runner: RunnerKind,
    pub options: RunnerOptions,
    /// `asyncio.Semaphore(limit)` around every coroutine.
    pub limit: Option<u32>,
}

impl Default for BottomOptions {
    fn default() -> Self {
        BottomOptions {
            runner: RunnerKind::AsCompleted,
            options: RunnerOptions::default(),
            limit: None,
        }
    }
}

impl BottomOptions {
    pub fn to_main(&self) -> Main {
        Main {
            runner: Runner::new(self.runner, &self.options),
            limit: self.limit,
            linger: None,
        }
    }

    /// From a scenario's `main` (a gather main: the default runner).
    pub fn from_main(main: &Main) -> BottomOptions {
        let mut bottom = BottomOptions {
            limit: main.limit,
            ..BottomOptions::default()
        };
        if main.runner.kind() != RunnerKind::Gather {
            bottom.runner = main.runner.kind();
            main.runner.options_into(&mut bottom.options);
        }
        bottom
    }
}

/// A change to the programs' options (the reducer applies it: a refusal names a
/// [`RunnerKind`], so this file cannot know the problems without an import circle).
#[derive(Clone, Debug, PartialEq)]
pub enum OptionEdit {
    /// The top program: `gather(…, return_exceptions=…)`.
    ReturnExceptions(bool),
    /// The bottom program's own `return_exceptions=` (wait_for(gather), timeout).
    BottomReturnExceptions(bool),
    Runner(RunnerKind),
    /// The CPython version both programs are predicted for.
    Python(Python),
    /// Switches the runner's timeout on (at the core's `DEFAULT_TIMEOUT`) or off.
    TimeoutOn(bool),
    /// The timeout's seconds, as typed or slid.
    Timeout(String),
    Catch(bool),
    ReturnWhen(ReturnWhen),
    Limit(Option<u32>),
    /// Switches the program's `main()` catching its runner's exception and sleeping on (for
    /// `DEFAULT_LINGER`) on or off.
    LingerOn {
        program: ProgramId,
        on: bool,
    },
    /// How long it sleeps on, as typed or slid.
    Linger {
        program: ProgramId,
        text: String,
    },
}
