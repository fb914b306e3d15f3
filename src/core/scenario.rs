//! The scenario: which coroutines run, what each step does, and how `main` awaits them, with
//! the registry of runners and their options. Its JSON form is in `scenario_json.rs`.

use super::semantics::Python;
use super::value::{ErrorType, Value};
use std::fmt;

#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub coroutines: Vec<Coroutine>,
    pub main: Main,
}

/// One `async def`: its lane name and the statements of its body, in order.
#[derive(Clone, Debug, PartialEq)]
pub struct Coroutine {
    pub name: String,
    pub steps: Vec<Step>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Step {
    /// `print(text)`
    Print(String),
    /// `await asyncio.sleep(seconds)`; 0 is a bare yield, as in CPython.
    Sleep(f64),
    /// `raise Kind(message)`
    Raise { kind: ErrorType, message: String },
    /// `return value`
    Return(Value),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Main {
    pub runner: Runner,
    /// Every coroutine runs inside `async with asyncio.Semaphore(limit)`.
    pub limit: Option<u32>,
    /// `main()` catches an `Exception` of its body and sleeps this long, so the tasks left
    /// running (gather's siblings, as_completed's after its timeout) can be watched.
    pub linger: Option<f64>,
}

impl Scenario {
    /// `Ok` if `python` has the scenario's runner; else the error naming from which version.
    pub fn check_python(&self, python: Python) -> Result<(), NotInPython> {
        self.main.runner.kind().check(python)
    }
}

/// How `main()` awaits the coroutines. Its options are those `kind().options()` lists.
#[derive(Clone, Debug, PartialEq)]
pub enum Runner {
    Gather {
        return_exceptions: bool,
    },
    AsCompleted {
        timeout: Option<f64>,
        catch: bool,
    },
    AsCompletedPipeline {
        timeout: Option<f64>,
        write_delay: f64,
    },
    Wait {
        return_when: ReturnWhen,
        timeout: Option<f64>,
    },
    WaitForGather {
        timeout: f64,
        return_exceptions: bool,
    },
    TaskGroup,
    Sequential,
    /// `async with asyncio.timeout(timeout): result = await asyncio.gather(...)`.
    Timeout {
        timeout: f64,
        return_exceptions: bool,
    },
}

/// The registry of runners: the parser, the JSON writer, the code generator and a UI all
/// read it, so a new runner is an entry here plus the matches the compiler points at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RunnerKind {
    Gather,
    AsCompleted,
    AsCompletedPipeline,
    Wait,
    WaitForGather,
    TaskGroup,
    Sequential,
    Timeout,
}

impl RunnerKind {
    pub const ALL: [RunnerKind; 8] = [
        RunnerKind::Gather,
        RunnerKind::AsCompleted,
        RunnerKind::AsCompletedPipeline,
        RunnerKind::Wait,
        RunnerKind::WaitForGather,
        RunnerKind::TaskGroup,
        RunnerKind::Sequential,
        RunnerKind::Timeout,
    ];

    /// The name in the JSON and in share links.
    pub fn name(self) -> &'static str {
        match self {
            RunnerKind::Gather => "gather",
            RunnerKind::AsCompleted => "as_completed",
            RunnerKind::AsCompletedPipeline => "as_completed_pipeline",
            RunnerKind::Wait => "wait",
            RunnerKind::WaitForGather => "wait_for_gather",
            RunnerKind::TaskGroup => "task_group",
            RunnerKind::Sequential => "sequential",
            RunnerKind::Timeout => "timeout",
        }
    }

    /// The Python it stands for.
    pub fn label(self) -> &'static str {
        match self {
            RunnerKind::Gather => "asyncio.gather",
            RunnerKind::AsCompleted => "asyncio.as_completed",
            RunnerKind::AsCompletedPipeline => "as_completed + write_to_file",
            RunnerKind::Wait => "asyncio.wait",
            RunnerKind::WaitForGather => "asyncio.wait_for(gather)",
            RunnerKind::TaskGroup => "asyncio.TaskGroup",
            RunnerKind::Sequential => "await, one by one",
            RunnerKind::Timeout => "asyncio.timeout",
        }
    }

    /// The options it takes besides `limit`, in the order error messages list them.
    pub fn options(self) -> &'static [Opt] {
        match self {
            RunnerKind::Gather => &[Opt::ReturnExceptions],
            RunnerKind::AsCompleted => &[Opt::Timeout { of: "as_completed" }, Opt::Catch],
            RunnerKind::AsCompletedPipeline => {
                &[Opt::Timeout { of: "as_completed" }, Opt::WriteDelay]
            }
            RunnerKind::Wait => &[Opt::ReturnWhen, Opt::Timeout { of: "wait" }],
            RunnerKind::WaitForGather => &[
                Opt::RequiredTimeout { of: "wait_for" },
                Opt::ReturnExceptions,
            ],
            RunnerKind::TaskGroup | RunnerKind::Sequential => &[],
            RunnerKind::Timeout => &[
                Opt::RequiredTimeout {
                    of: "asyncio.timeout",
                },
                Opt::ReturnExceptions,
            ],
        }
    }

    /// The first Python version that has it.
    pub fn since(self) -> Python {
        match self {
            RunnerKind::TaskGroup | RunnerKind::Timeout => Python::V3_11,
            _ => Python::V3_8,
        }
    }

    pub fn from_name(name: &str) -> Option<RunnerKind> {
        RunnerKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// `Ok` if `python` has it; else the error saying from which version it exists.
    pub fn check(self, python: Python) -> Result<(), NotInPython> {
        if python >= self.since() {
            Ok(())
        } else {
            Err(NotInPython {
                runner: self,
                python,
            })
        }
    }
}

/// A runner the chosen Python lacks (`asyncio.TaskGroup` before 3.11, …).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NotInPython {
    pub runner: RunnerKind,
    pub python: Python,
}

impl fmt::Display for NotInPython {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} exists from Python {} on, not in {}",
            self.runner.label(),
            self.runner.since().name(),
            self.python.name()
        )
    }
}

impl std::error::Error for NotInPython {}

/// A runner option.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Opt {
    /// `return_exceptions=`, false unless given.
    ReturnExceptions,
    /// `as_completed`'s loop catches `Exception`s and goes on; false unless given.
    Catch,
    /// `timeout=` of the function `of`, none unless given (`null` in JSON).
    Timeout { of: &'static str },
    /// A timeout the function `of` cannot do without: the JSON must give it.
    RequiredTimeout { of: &'static str },
    /// `write_to_file`'s sleep, 1 s unless given.
    WriteDelay,
    /// `return_when=`, `ALL_COMPLETED` unless given.
    ReturnWhen,
}

impl Opt {
    /// The JSON key.
    pub fn key(self) -> &'static str {
        match self {
            Opt::ReturnExceptions => "return_exceptions",
            Opt::Catch => "catch",
            Opt::Timeout { .. } | Opt::RequiredTimeout { .. } => "timeout",
            Opt::WriteDelay => "write_delay",
            Opt::ReturnWhen => "return_when",
        }
    }

    /// For a timeout: the Python function that takes it, and whether it must be given.
    pub fn timeout_of(self) -> Option<(&'static str, bool)> {
        match self {
            Opt::Timeout { of } => Some((of, false)),
            Opt::RequiredTimeout { of } => Some((of, true)),
            _ => None,
        }
    }
}

/// Every runner option at once, as a UI with one options panel holds them: build a runner of
/// any kind from it (`Runner::new`) and read a runner's values back (`Runner::options_into`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct RunnerOptions {
    pub return_exceptions: bool,
    pub catch: bool,
    /// `Opt::Timeout` and `Opt::RequiredTimeout` (which falls back to `DEFAULT_TIMEOUT`).
    pub timeout: Option<f64>,
    pub write_delay: f64,
    pub return_when: ReturnWhen,
}

/// The timeout a runner that needs one gets when the options hold none.
pub const DEFAULT_TIMEOUT: f64 = 4.0;

impl Default for RunnerOptions {
    /// The defaults a missing JSON key means.
    fn default() -> Self {
        RunnerOptions {
            return_exceptions: false,
            catch: false,
            timeout: None,
            write_delay: 1.0,
            return_when: ReturnWhen::AllCompleted,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReturnWhen {
    FirstCompleted,
    FirstException,
    AllCompleted,
}

impl ReturnWhen {
    pub const ALL: [ReturnWhen; 3] = [
        ReturnWhen::FirstCompleted,
        ReturnWhen::FirstException,
        ReturnWhen::AllCompleted,
    ];

    /// The constant's name in `asyncio`.
    pub fn name(self) -> &'static str {
        match self {
            ReturnWhen::FirstCompleted => "FIRST_COMPLETED",
            ReturnWhen::FirstException => "FIRST_EXCEPTION",
            ReturnWhen::AllCompleted => "ALL_COMPLETED",
        }
    }

    pub fn from_name(name: &str) -> Option<ReturnWhen> {
        ReturnWhen::ALL.into_iter().find(|w| w.name() == name)
    }
}

impl Runner {
    pub fn kind(&self) -> RunnerKind {
        match self {
            Runner::Gather { .. } => RunnerKind::Gather,
            Runner::AsCompleted { .. } => RunnerKind::AsCompleted,
            Runner::AsCompletedPipeline { .. } => RunnerKind::AsCompletedPipeline,
            Runner::Wait { .. } => RunnerKind::Wait,
            Runner::WaitForGather { .. } => RunnerKind::WaitForGather,
            Runner::TaskGroup => RunnerKind::TaskGroup,
            Runner::Sequential => RunnerKind::Sequential,
            Runner::Timeout { .. } => RunnerKind::Timeout,
        }
    }

    /// The runner of `kind` with the options it takes from `o`.
    pub fn new(kind: RunnerKind, o: &RunnerOptions) -> Runner {
        let required = o.timeout.unwrap_or(DEFAULT_TIMEOUT);
        match kind {
            RunnerKind::Gather => Runner::Gather {
                return_exceptions: o.return_exceptions,
            },
            RunnerKind::AsCompleted => Runner::AsCompleted {
                timeout: o.timeout,
                catch: o.catch,
            },
            RunnerKind::AsCompletedPipeline => Runner::AsCompletedPipeline {
                timeout: o.timeout,
                write_delay: o.write_delay,
            },
            RunnerKind::Wait => Runner::Wait {
                return_when: o.return_when,
                timeout: o.timeout,
            },
            RunnerKind::WaitForGather => Runner::WaitForGather {
                timeout: required,
                return_exceptions: o.return_exceptions,
            },
            RunnerKind::TaskGroup => Runner::TaskGroup,
            RunnerKind::Sequential => Runner::Sequential,
            RunnerKind::Timeout => Runner::Timeout {
                timeout: required,
                return_exceptions: o.return_exceptions,
            },
        }
    }

    /// Writes the options this runner takes into `o`, leaving the others as they are.
    pub fn options_into(&self, o: &mut RunnerOptions) {
        match *self {
            Runner::Gather { return_exceptions } => o.return_exceptions = return_exceptions,
            Runner::AsCompleted { timeout, catch } => (o.timeout, o.catch) = (timeout, catch),
            Runner::AsCompletedPipeline {
                timeout,
                write_delay,
            } => (o.timeout, o.write_delay) = (timeout, write_delay),
            Runner::Wait {
                return_when,
                timeout,
            } => (o.return_when, o.timeout) = (return_when, timeout),
            Runner::WaitForGather {
                timeout,
                return_exceptions,
            }
            | Runner::Timeout {
                timeout,
                return_exceptions,
            } => (o.timeout, o.return_exceptions) = (Some(timeout), return_exceptions),
            Runner::TaskGroup | Runner::Sequential => {}
        }
    }

    /// Its options, the others at their defaults.
    pub fn options(&self) -> RunnerOptions {
        let mut o = RunnerOptions::default();
        self.options_into(&mut o);
        o
    }

    pub fn name(&self) -> &'static str {
        self.kind().name()
    }

    /// The `timeout=` the runner passes, if any: its deadline, in seconds after the start.
    pub fn timeout(&self) -> Option<f64> {
        self.options().timeout
    }
}

/// Caps that keep a hostile or runaway scenario bounded in time and memory.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_coroutines: usize,
    pub max_steps: usize,
    pub max_text: usize,
    /// Largest sleep, timeout or write delay, in seconds.
    pub max_seconds: f64,
    /// Largest number of loop callbacks one run may execute.
    pub max_events: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_coroutines: 1000,
            max_steps: 100,
            max_text: 1000,
            max_seconds: 1_000_000.0,
            max_events: 1_000_000,
        }
    }
}

/// Why a scenario was rejected: the field's path and what is wrong with it.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

impl std::error::Error for ScenarioError {}
