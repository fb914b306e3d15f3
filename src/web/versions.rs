//! "Across versions": the current scenario's two programs predicted under every CPython from
//! 3.8 to 3.13, versions with the same outcome grouped, the lines that differ side by side,
//! and why — the CPython change behind each boundary, with its issue number. Pure (tested
//! natively); the component only renders the [`AcrossView`].

use crate::core::scenario::{Runner, RunnerKind, Scenario};
use crate::core::trace::{Event, What};
use crate::core::value::{Exc, Value};
use crate::core::{Python, Semantics};

use super::i18n::{Lang, VersionTexts};
use super::program::{PerProgram, ProgramId};
use super::timeline::{fmt_t, Program};

/// An event the view compares: when (time, `_run_once` pass) and what.
type At = (f64, u64, String);

/// What the learner sees of one program's run: its printed lines, how each coroutine ended,
/// what `main()` got from its awaits, its results panel, what `asyncio.run` raised and when
/// it returned.
#[derive(Clone, Debug, PartialEq)]
struct Seen {
    lines: Vec<At>,
    /// By coroutine (lane); `None` if it never ended.
    ends: Vec<(String, Option<At>)>,
    got: Vec<At>,
    results: Vec<String>,
    raised: Option<String>,
    end_time: f64,
}

/// One program under one version.
#[derive(Clone, Debug, PartialEq)]
enum Run {
    Seen(Seen),
    /// The version has no such runner (`RunnerKind::since`).
    Lacks(RunnerKind),
    /// The core refused to finish it (a limit).
    Failed(String),
}

fn run(scenario: &Scenario, python: Python, tx: &VersionTexts) -> Run {
    if let Err(e) = scenario.check_python(python) {
        return Run::Lacks(e.runner);
    }
    let program = Program::new(scenario.clone(), Semantics::new(python));
    let report = match &program.report {
        Ok(report) => report,
        Err(e) => return Run::Failed(e.clone()),
    };
    let outcome = |o: &Result<Value, Exc>| match o {
        Ok(v) => v.py_repr(),
        Err(e) => e.traceback_line(),
    };
    let main = scenario.coroutines.len();
    let at = |e: &Event, text: String| (e.t, e.pass, text);
    let mut ends: Vec<(String, Option<At>)> = scenario
        .coroutines
        .iter()
        .map(|c| (c.name.clone(), None))
        .collect();
    let (mut lines, mut got) = (Vec::new(), Vec::new());
    for e in &report.events {
        let end = match &e.what {
            What::Print(text) => {
                lines.push(at(e, text.clone()));
                None
            }
            What::Returned(v) => Some(format!("{} {}", tx.returned, v.py_repr())),
            What::Raised(x) => Some(format!("{} {}", tx.raised_in, x.traceback_line())),
            What::Cancelled { .. } => Some(tx.cancelled.to_string()),
            What::Yielded { outcome: o, .. } | What::Awaited(o) if e.lane == main => {
                got.push(at(e, outcome(o)));
                None
            }
            What::WaitReturned { done } if e.lane == main => {
                let done: Vec<&str> = done.iter().map(|&i| ends[i].0.as_str()).collect();
                got.push(at(e, format!("done: {}", done.join(", "))));
                None
            }
            _ => None,
        };
        if let (Some(text), Some(slot)) = (end, ends.get_mut(e.lane)) {
            slot.1 = Some(at(e, text));
        }
    }
    let n = program.events_len();
    Run::Seen(Seen {
        lines,
        ends,
        got,
        results: program
            .result_items(n)
            .into_iter()
            .map(|(t, _)| t)
            .collect(),
        raised: program.raised(n),
        end_time: program.end_time(),
    })
}

/// Versions with one outcome: "3.8, 3.9, 3.10" and one summary line per program.
#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub versions: String,
    pub summary: Vec<String>,
}

/// A line that differs: what it is ("Program 2, line 3") and its text in each group.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    pub label: String,
    pub cells: Vec<String>,
}

/// The whole view.
#[derive(Clone, Debug, PartialEq)]
pub struct AcrossView {
    /// "Identical in every version 3.8–3.13", or what the versions split into.
    pub headline: String,
    /// The programs whose outcome every version shares, when another one differs (a group
    /// lists only the programs that differ).
    pub same: Vec<String>,
    pub groups: Vec<Group>,
    /// Side by side, one cell per group (empty when identical).
    pub rows: Vec<Row>,
    /// One sentence per version boundary where the outcome changes.
    pub reasons: Vec<String>,
}

/// The CPython change that explains the boundary between two consecutive versions, given
/// what the earlier one showed.
fn reason(
    scenarios: &PerProgram<Scenario>,
    (before, was): (Python, &PerProgram<Run>),
    after: Python,
    tx: &VersionTexts,
) -> String {
    let bottom = &scenarios.bottom.main.runner;
    let sentence = if matches!(was.bottom, Run::Lacks(RunnerKind::TaskGroup)) {
        tx.why_task_group
    } else if matches!(was.bottom, Run::Lacks(RunnerKind::Timeout)) {
        tx.why_timeout
    } else if after == Python::V3_11 && was.iter().any(raises_asyncio_timeout) {
        tx.why_timeout_error
    } else if after == Python::V3_12 && matches!(bottom, Runner::WaitForGather { .. }) {
        tx.why_wait_for
    } else {
        tx.why_unknown
    };
    format!("{before} → {after}: {sentence}")
}

fn raises_asyncio_timeout(run: &Run) -> bool {
    const NAME: &str = "asyncio.exceptions.TimeoutError";
    match run {
        Run::Seen(s) => {
            s.raised.as_deref().is_some_and(|r| r.contains(NAME))
                || s.results.iter().any(|r| r.contains(NAME))
        }
        Run::Lacks(_) | Run::Failed(_) => false,
    }
}

/// "3.8, 3.9, 3.10".
fn names(versions: &[Python]) -> String {
    let names: Vec<&str> = versions.iter().map(|p| p.name()).collect();
    names.join(", ")
}

fn summary(run: &Run, program: &str, tx: &VersionTexts) -> String {
    match run {
        Run::Lacks(kind) => format!(
            "{program}: {} {} {}",
            kind.label(),
            tx.exists_from,
            kind.since()
        ),
        Run::Failed(e) => format!("{program}: {e}"),
        Run::Seen(s) => {
            let mut text = format!("{program}: {}", s.results.join(", "));
            if let Some(r) = &s.raised {
                text.push_str(&format!("; {} {r}", tx.raised));
            }
            text.push_str(&format!("; {} t={}", tx.ends_at, fmt_t(s.end_time)));
            text
        }
    }
}

/// The rows of one program where the groups' runs differ (groups that did not run it show "—").
fn rows(runs: &[&Run], program: &str, tx: &VersionTexts) -> Vec<Row> {
    let seen: Vec<Option<&Seen>> = runs
        .iter()
        .map(|r| match r {
            Run::Seen(s) => Some(s),
            Run::Lacks(_) | Run::Failed(_) => None,
        })
        .collect();
    let longest = |f: fn(&Seen) -> usize| seen.iter().flatten().map(|s| f(s)).max().unwrap_or(0);
    let mut out = Vec::new();
    let mut push = |label: String, cell: &dyn Fn(&Seen) -> Option<String>| {
        let cells: Vec<Option<String>> = seen.iter().map(|s| s.and_then(cell)).collect();
        let ran: Vec<&Option<String>> = cells
            .iter()
            .zip(&seen)
            .filter(|(_, s)| s.is_some())
            .map(|(c, _)| c)
            .collect();
        if ran.windows(2).any(|w| w[0] != w[1]) {
            let cells = cells.into_iter().map(|c| c.unwrap_or("—".into())).collect();
            out.push(Row { label, cells });
        }
    };
    let cell = |(t, pass, text): &At| format!("t={} · {} {pass} · {text}", fmt_t(*t), tx.pass);
    for i in 0..longest(|s| s.lines.len()) {
        push(format!("{program}, {} {}", tx.line, i + 1), &|s| {
            s.lines.get(i).map(cell)
        });
    }
    for i in 0..longest(|s| s.ends.len()) {
        let name = seen
            .iter()
            .flatten()
            .find_map(|s| s.ends.get(i))
            .map(|e| &e.0);
        let name = name.cloned().unwrap_or_default();
        push(format!("{program}, {name}"), &|s| {
            s.ends.get(i)?.1.as_ref().map(cell)
        });
    }
    for i in 0..longest(|s| s.got.len()) {
        push(format!("{program}, {} {}", tx.got, i + 1), &|s| {
            s.got.get(i).map(cell)
        });
    }
    push(format!("{program}, {}", tx.raised), &|s| s.raised.clone());
    push(format!("{program}, {}", tx.ends_at), &|s| {
        Some(format!("t={}", fmt_t(s.end_time)))
    });
    out
}

/// Both programs under every version, grouped and explained in `lang`.
pub fn across(scenarios: &PerProgram<Scenario>, lang: Lang) -> AcrossView {
    let tx = VersionTexts::of(lang);
    let runs: Vec<PerProgram<Run>> = Python::ALL
        .iter()
        .map(|&p| PerProgram::from_fn(|id| run(&scenarios[id], p, tx)))
        .collect();
    // Groups in the order of their first version.
    let mut groups: Vec<(Vec<Python>, &PerProgram<Run>)> = Vec::new();
    for (&p, r) in Python::ALL.iter().zip(&runs) {
        match groups.iter_mut().find(|(_, g)| *g == r) {
            Some((versions, _)) => versions.push(p),
            None => groups.push((vec![p], r)),
        }
    }
    let reasons = Python::ALL
        .windows(2)
        .zip(runs.windows(2))
        .filter(|(_, r)| r[0] != r[1])
        .map(|(p, r)| reason(scenarios, (p[0], &r[0]), p[1], tx))
        .collect();
    let (first, last) = (Python::ALL[0], Python::ALL[Python::ALL.len() - 1]);
    let headline = if groups.len() == 1 {
        format!("{} {first}–{last}", tx.identical)
    } else {
        let split: Vec<String> = groups.iter().map(|(v, _)| names(v)).collect();
        format!("{}: {}", tx.differs, split.join(" / "))
    };
    let same = |id: ProgramId| groups.iter().all(|(_, r)| r[id] == groups[0].1[id]);
    let rows = if groups.len() == 1 {
        Vec::new()
    } else {
        ProgramId::ALL
            .into_iter()
            .flat_map(|id| {
                let program_runs: Vec<&Run> = groups.iter().map(|(_, r)| &r[id]).collect();
                rows(&program_runs, tx.program[id as usize], tx)
            })
            .collect()
    };
    AcrossView {
        headline,
        same: ProgramId::ALL
            .into_iter()
            .filter(|&id| groups.len() > 1 && same(id))
            .map(|id| summary(&groups[0].1[id], tx.program[id as usize], tx))
            .collect(),
        groups: groups
            .iter()
            .map(|(versions, r)| Group {
                versions: names(versions),
                summary: ProgramId::ALL
                    .into_iter()
                    .filter(|&id| groups.len() == 1 || !same(id))
                    .map(|id| summary(&r[id], tx.program[id as usize], tx))
                    .collect(),
            })
            .collect(),
        rows,
        reasons,
    }
}
