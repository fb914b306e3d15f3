//! The programs' options: the top program's `return_exceptions`, the bottom program's
//! runner and its options. `BottomRunner` and `BottomOptions` are kept together here, apart
//! from everything else, because a runner registry from the core is to replace them; this
//! file therefore imports nothing of the web layer but words.

use crate::core::scenario::{Main, ReturnWhen, Runner};
use crate::web::i18n::{Lang, Texts};

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
            BottomRunner::Sequential => Texts::of(lang).await_one_by_one,
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

    /// From a scenario's `main` (a gather main: the default runner).
    pub fn from_main(main: &Main) -> BottomOptions {
        let mut options = BottomOptions {
            limit: main.limit,
            ..BottomOptions::default()
        };
        match &main.runner {
            Runner::Gather { .. } | Runner::Timeout { .. } => {}
            Runner::AsCompleted { timeout, catch } => {
                options.runner = BottomRunner::AsCompleted;
                options.timeout = *timeout;
                options.catch = *catch;
            }
            Runner::AsCompletedPipeline {
                timeout,
                write_delay,
            } => {
                options.runner = BottomRunner::AsCompletedPipeline;
                options.timeout = *timeout;
                options.write_delay = *write_delay;
            }
            Runner::Wait {
                return_when,
                timeout,
            } => {
                options.runner = BottomRunner::Wait;
                options.return_when = *return_when;
                options.timeout = *timeout;
            }
            Runner::WaitForGather { timeout, .. } => {
                options.runner = BottomRunner::WaitForGather;
                options.timeout = Some(*timeout);
            }
            Runner::TaskGroup => options.runner = BottomRunner::TaskGroup,
            Runner::Sequential => options.runner = BottomRunner::Sequential,
        }
        options
    }
}

/// A change to the programs' options (the reducer applies it: a refusal names a
/// [`BottomRunner`], so this file cannot know the problems without an import circle).
#[derive(Clone, Debug, PartialEq)]
pub enum OptionEdit {
    /// The top program: `gather(…, return_exceptions=…)`.
    ReturnExceptions(bool),
    Runner(BottomRunner),
    /// Switches the runner's timeout on (at [`DEFAULT_TIMEOUT`]) or off.
    TimeoutOn(bool),
    /// The timeout's seconds, as typed or slid.
    Timeout(String),
    Catch(bool),
    ReturnWhen(ReturnWhen),
    Limit(Option<u32>),
}
