//! The aria-live narration, the ⊘ tooltips' causes and the programs' outcomes in the status
//! line. Every sentence names its program and says only what follows from that program's
//! trace: who its `main()` still waits for, who nobody awaits any more, who cancelled whom.
//! Pure: no web crate, tested natively.

use crate::core::scenario::{ReturnWhen, Runner, RunnerKind};
use crate::core::trace::{CancelCause, Event, What};
use crate::core::value::{number, str_repr};

use super::i18n::{Lang, Narration, Texts};
use super::program::{PerProgram, ProgramId};
use super::timeline::{fmt_t, outcome_text, wait_sets, Derived, Program};

/// `template` with `{0}`, `{1}`, … replaced by `args` in one pass (an argument that itself
/// contains `{1}` stays as it is).
fn fill(template: &str, args: &[&str]) -> String {
    let mut out = String::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let arg = after
            .find('}')
            .and_then(|close| Some((close, args.get(after[..close].parse::<usize>().ok()?)?)));
        match arg {
            Some((close, a)) => {
                out.push_str(a);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn ends(what: &What) -> bool {
    what.end_state().is_some()
}

impl Program {
    /// How the narration and the status line name this program: the Python it runs.
    pub fn label(&self, lang: Lang) -> &'static str {
        match self.scenario.main.runner.kind() {
            RunnerKind::Sequential => Texts::of(lang).await_one_by_one,
            kind => kind.label(),
        }
    }

    fn lane_name(&self, lane: usize) -> String {
        self.report
            .as_ref()
            .ok()
            .and_then(|r| r.lanes.get(lane))
            .map_or_else(String::new, |l| l.name.clone())
    }

    fn names(&self, lanes: impl IntoIterator<Item = usize>) -> String {
        let names: Vec<String> = lanes.into_iter().map(|l| self.lane_name(l)).collect();
        names.join(", ")
    }

    /// The scenario coroutines that have not ended among the first `k` events.
    fn unfinished(&self, k: usize) -> Vec<usize> {
        let n = self.scenario.coroutines.len();
        let mut ended = vec![false; n];
        for e in self.events().iter().take(k) {
            if e.lane < n && ends(&e.what) {
                ended[e.lane] = true;
            }
        }
        (0..n).filter(|&l| !ended[l]).collect()
    }

    /// Why lane `lane` was cancelled, as the ⊘ mark's tooltip and the narration say it.
    pub fn cancel_text(
        &self,
        lane: usize,
        by: CancelCause,
        before_start: bool,
        lang: Lang,
    ) -> String {
        let nx = Narration::of(lang);
        let who = self.lane_name(lane);
        let timeout = number(self.scenario.main.runner.timeout().unwrap_or(0.0));
        let mut text = match by {
            CancelCause::Shutdown => fill(nx.by_shutdown, &[&who]),
            CancelCause::TaskGroup { failed } => {
                fill(nx.by_task_group, &[&who, &self.lane_name(failed)])
            }
            CancelCause::WaitFor => fill(nx.by_wait_for, &[&who, &timeout]),
            CancelCause::Timeout => fill(nx.by_timeout, &[&who, &timeout]),
            CancelCause::Awaited => fill(nx.by_awaited, &[&who]),
        };
        if before_start {
            text.push_str(", ");
            text.push_str(nx.before_start);
        } else if by == CancelCause::Shutdown {
            text.push_str("; ");
            text.push_str(nx.kept_running);
        }
        text
    }

    /// What `main()` awaited to get the `Awaited` event at `i`.
    fn awaited_from(&self, i: usize) -> String {
        let main = self.main_lane();
        match self.scenario.main.runner.kind() {
            RunnerKind::Gather | RunnerKind::AsCompletedPipeline => "gather".into(),
            RunnerKind::WaitForGather => "wait_for".into(),
            RunnerKind::Timeout => "async with asyncio.timeout".into(),
            RunnerKind::TaskGroup => "TaskGroup".into(),
            RunnerKind::AsCompleted => "as_completed".into(),
            RunnerKind::Wait => "asyncio.wait".into(),
            // The k-th await of the loop awaits the k-th coroutine.
            RunnerKind::Sequential => {
                let k = self.events()[..i]
                    .iter()
                    .filter(|e| e.lane == main && matches!(e.what, What::Awaited(_)))
                    .count();
                self.lane_name(k)
            }
        }
    }

    /// The sentence for event `i`, without program and time: what happened, then what it
    /// means for the program.
    fn sentence(&self, i: usize, lang: Lang) -> String {
        let e = &self.events()[i];
        let mut parts = vec![self.what_happened(i, lang)];
        if e.lane == self.main_lane() {
            parts.extend(self.after_main_event(i, lang));
        } else if e.lane < self.main_lane() && matches!(e.what, What::Returned(_) | What::Raised(_))
        {
            parts.extend(self.after_coroutine_end(i, lang));
        }
        parts.join("; ")
    }

    /// What event `i` is, in words.
    fn what_happened(&self, i: usize, lang: Lang) -> String {
        let (tx, nx) = (Texts::of(lang), Narration::of(lang));
        let e = &self.events()[i];
        let who = self.lane_name(e.lane);
        match &e.what {
            What::Start => format!("{who} {}", tx.n_started),
            What::Print(text) => format!("{who} {} {}", tx.n_printed, str_repr(text)),
            What::Sleep { seconds, .. } => {
                format!("{who} {} {} {}", tx.n_sleeps, number(*seconds), tx.sec)
            }
            What::WaitSemaphore => format!("{who} {}", tx.n_waits_semaphore),
            What::Returned(v) => format!("{who} {} {}", tx.n_returned, v.py_repr()),
            What::Raised(x) => format!("{who} {} {}", tx.n_raised, x.traceback_line()),
            What::Cancelled { before_start, by } => {
                self.cancel_text(e.lane, *by, *before_start, lang)
            }
            What::Yielded { outcome, .. } => {
                fill(nx.got_from, &[&who, &outcome_text(outcome), "as_completed"])
            }
            What::Awaited(o) => fill(
                nx.got_from,
                &[&who, &outcome_text(o), &self.awaited_from(i)],
            ),
            What::WaitReturned { done } => match &self.report {
                Ok(report) => {
                    let sets = format!("({})", wait_sets(done, report));
                    fill(nx.got_from, &[&who, &sets, "asyncio.wait"])
                }
                Err(_) => String::new(),
            },
        }
    }

    /// What `main()`'s event at `i` means for the coroutines still running.
    fn after_main_event(&self, i: usize, lang: Lang) -> Vec<String> {
        let nx = Narration::of(lang);
        let events = self.events();
        match &events[i].what {
            // asyncio.run's shutdown cancels whatever is still running.
            What::Returned(_) | What::Raised(_) => {
                let cancelled: Vec<usize> = events[i + 1..]
                    .iter()
                    .filter(|x| {
                        matches!(
                            x.what,
                            What::Cancelled {
                                by: CancelCause::Shutdown,
                                ..
                            }
                        )
                    })
                    .map(|x| x.lane)
                    .collect();
                self.naming(nx.run_cancels, cancelled)
            }
            // An exception from gather, or as_completed's TimeoutError: whatever still runs
            // is awaited by nobody now.
            What::Awaited(Err(_)) if self.gathers() => {
                self.naming(nx.keep_running, self.unfinished(i + 1))
            }
            What::Yielded { from: None, .. } => {
                self.naming(nx.keep_running, self.unfinished(i + 1))
            }
            _ => Vec::new(),
        }
    }

    /// `template` filled with the lanes' names, if there are any.
    fn naming(&self, template: &str, lanes: Vec<usize>) -> Vec<String> {
        if lanes.is_empty() {
            Vec::new()
        } else {
            vec![fill(template, &[&self.names(lanes)])]
        }
    }

    /// Whether `main()` awaits one gather of the coroutines.
    fn gathers(&self) -> bool {
        matches!(
            self.scenario.main.runner.kind(),
            RunnerKind::Gather | RunnerKind::WaitForGather | RunnerKind::Timeout
        )
    }

    /// What a coroutine returning or raising at `i` means to whoever awaits it.
    fn after_coroutine_end(&self, i: usize, lang: Lang) -> Vec<String> {
        let nx = Narration::of(lang);
        let events = self.events();
        let (e, main) = (&events[i], self.main_lane());
        let on_main = |x: &&Event| x.lane == main;
        if events[..i].iter().filter(on_main).any(|x| ends(&x.what)) {
            return vec![nx.main_ended.to_string()];
        }
        let raised = matches!(e.what, What::Raised(_));
        match &self.scenario.main.runner {
            Runner::Gather { return_exceptions }
            | Runner::WaitForGather {
                return_exceptions, ..
            }
            | Runner::Timeout {
                return_exceptions, ..
            } => {
                let n = self.scenario.coroutines.len();
                let before = &events[..i];
                let failed = before
                    .iter()
                    .find(|x| x.lane < n && matches!(x.what, What::Raised(_)));
                if before
                    .iter()
                    .any(|x| x.lane < n && matches!(x.what, What::Cancelled { .. }))
                {
                    // The gather was cancelled: each ⊘ says by whom.
                    Vec::new()
                } else if let (false, Some(f)) = (return_exceptions, failed) {
                    vec![fill(nx.gather_passed, &[&self.lane_name(f.lane)])]
                } else if !return_exceptions && raised {
                    let mut parts = vec![nx.gather_passes.to_string()];
                    parts.extend(self.naming(nx.keep_running, self.unfinished(i + 1)));
                    parts
                } else {
                    let waiting = self.unfinished(i + 1);
                    if waiting.is_empty() {
                        vec![nx.gather_has_all.to_string()]
                    } else {
                        vec![fill(nx.gather_waits, &[&self.names(waiting)])]
                    }
                }
            }
            Runner::AsCompleted { .. } | Runner::AsCompletedPipeline { .. } => {
                let yielded = events[i + 1..]
                    .iter()
                    .filter(on_main)
                    .any(|x| matches!(x.what, What::Yielded { from: Some(l), .. } if l == e.lane));
                let timed_out = events[..i]
                    .iter()
                    .filter(on_main)
                    .any(|x| matches!(x.what, What::Yielded { from: None, .. }));
                vec![match (yielded, timed_out) {
                    (true, _) => nx.hands_to_main,
                    (false, true) => nx.timed_out,
                    (false, false) => nx.never_gets,
                }
                .to_string()]
            }
            Runner::Wait {
                return_when,
                timeout,
            } => {
                let before = &events[..i];
                let n = self.scenario.coroutines.len();
                let returned = before
                    .iter()
                    .filter(on_main)
                    .any(|x| matches!(x.what, What::WaitReturned { .. }));
                // Whether the waiter was released already: by an earlier completion or by
                // the timeout (main() then resumes a pass later).
                let released = timeout.is_some_and(|t| e.t >= t)
                    || before.iter().any(|x| {
                        x.lane < n
                            && match return_when {
                                ReturnWhen::FirstCompleted => ends(&x.what),
                                ReturnWhen::FirstException => matches!(x.what, What::Raised(_)),
                                ReturnWhen::AllCompleted => false,
                            }
                    });
                let waiting = self.unfinished(i + 1);
                let wakes = waiting.is_empty()
                    || *return_when == ReturnWhen::FirstCompleted
                    || (*return_when == ReturnWhen::FirstException && raised);
                if returned {
                    vec![nx.wait_returned.to_string()]
                } else if released {
                    Vec::new()
                } else if wakes {
                    vec![nx.wait_wakes.to_string()]
                } else {
                    vec![fill(nx.wait_waits, &[&self.names(waiting)])]
                }
            }
            Runner::TaskGroup => {
                let cancelled: Vec<usize> = events[i + 1..]
                    .iter()
                    .filter(|x| {
                        matches!(x.what, What::Cancelled { by: CancelCause::TaskGroup { failed }, .. } if failed == e.lane)
                    })
                    .map(|x| x.lane)
                    .collect();
                let waiting = self.unfinished(i + 1);
                if !cancelled.is_empty() {
                    self.naming(nx.group_cancels, cancelled)
                } else if waiting.is_empty() {
                    vec![nx.group_done.to_string()]
                } else {
                    vec![fill(nx.group_waits, &[&self.names(waiting)])]
                }
            }
            Runner::Sequential => Vec::new(),
        }
    }

    /// How `main()` ended, once it did among the first `k` events: `main() returned None`.
    pub fn main_outcome(&self, k: usize, lang: Lang) -> Option<String> {
        let main = self.main_lane();
        let i = self
            .events()
            .iter()
            .take(k)
            .position(|e| e.lane == main && ends(&e.what))?;
        Some(self.what_happened(i, lang))
    }
}

impl Derived {
    /// The aria-live sentence for the event just before cursor `c`: its program, its time,
    /// what happened and what that means for the program's `main()`.
    pub fn narrate(&self, c: usize, lang: Lang) -> String {
        let Some(&(p, i)) = c.checked_sub(1).and_then(|k| self.merged.get(k)) else {
            return String::new();
        };
        let prog = &self.programs[p];
        let t = fmt_t(prog.events()[i].t);
        let sec = Texts::of(lang).sec;
        format!(
            "{}, t={t} {sec}: {}",
            prog.label(lang),
            prog.sentence(i, lang)
        )
    }

    /// Each program's `main()` outcome once it ended among `counts`, named by its program.
    pub fn outcomes(&self, counts: PerProgram<usize>, lang: Lang) -> Vec<String> {
        let nx = Narration::of(lang);
        ProgramId::ALL
            .into_iter()
            .filter_map(|id| {
                let prog = &self.programs[id];
                let outcome = prog.main_outcome(counts[id], lang)?;
                Some(fill(nx.outcome, &[prog.label(lang), &outcome]))
            })
            .collect()
    }
}
