//! The event loop as the learner walks it: which program's loop the panel shows, the pass the
//! screen is at (also between events: a pass in which no lane changes), and whose "Why?" is
//! open.

use crate::web::problem::{Field, Problem};
use crate::web::program::ProgramId;
use crate::web::timeline::Derived;

use super::playback::Playback;
use super::Playground;

/// The panel's own state.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LoopUi {
    /// The program whose loop the panel shows.
    pub focus: ProgramId,
    /// The event whose cause chain is shown: (program, index in its events).
    pub why: Option<(ProgramId, usize)>,
}

impl Default for LoopUi {
    fn default() -> LoopUi {
        LoopUi {
            focus: ProgramId::Top,
            why: None,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum LoopAction {
    Focus(ProgramId),
    Why(Option<(ProgramId, usize)>),
}

/// Where the focused program's loop is: before pass `pass` runs its callbacks, or during
/// it, having just run handle `running` (an index into `Report::handles`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LoopAt {
    pub program: ProgramId,
    pub pass: u64,
    pub running: Option<u32>,
}

impl Derived {
    /// The last pass `program` runs (1 when it ran nothing).
    pub fn last_pass(&self, program: ProgramId) -> u64 {
        let report = self.programs[program].report.as_ref().ok();
        report.and_then(|r| r.handles.last()).map_or(1, |h| h.pass)
    }

    /// The merged cursor as pass `pass` of `program` begins: its events of earlier passes
    /// happened, and whatever the merged order puts before them.
    pub fn cursor_at_pass(&self, program: ProgramId, pass: u64) -> usize {
        let events = self.programs[program].events();
        let happened = events.partition_point(|e| e.pass < pass);
        let position = |i: usize| self.merged.iter().position(|&m| m == (program, i));
        match (events.get(happened), happened) {
            (Some(_), _) => position(happened).unwrap_or(0),
            (None, 0) => 0,
            (None, n) => position(n - 1).map_or(0, |c| c + 1),
        }
    }

    /// The loop time as pass `pass` of `program` begins.
    pub fn pass_time(&self, program: ProgramId, pass: u64) -> f64 {
        let report = self.programs[program].report.as_ref().ok();
        let handles = report.map_or(&[][..], |r| &r.handles[..]);
        let first = handles.partition_point(|h| h.pass < pass);
        handles.get(first).map_or(0.0, |h| h.time)
    }
}

impl Playground {
    /// The focused program's loop at the screen's position.
    pub fn loop_at(&self) -> LoopAt {
        let program = self.event_loop.focus;
        if let Playback::Pass {
            program: p, pass, ..
        } = self.playback
        {
            if p == program {
                return LoopAt {
                    program,
                    pass,
                    running: None,
                };
            }
        }
        let k = match self.live() {
            Some(l) => l.counts[program],
            None => self.derived.counts_at(self.cursor())[program],
        };
        let last = k
            .checked_sub(1)
            .map(|i| &self.derived.programs[program].events()[i]);
        LoopAt {
            program,
            pass: last.map_or(1, |e| e.pass),
            running: last.and_then(|e| e.handle),
        }
    }

    /// The pass one before or after the screen's, if the focused program has it.
    pub fn next_pass(&self, forward: bool) -> Option<u64> {
        let at = self.loop_at();
        let last = self.derived.last_pass(at.program);
        match forward {
            true => (at.pass < last).then_some(at.pass + 1),
            false => (at.pass > 1).then(|| at.pass - 1),
        }
    }

    /// The screen at the start of pass `pass` of `program`.
    pub(super) fn go_to_pass(&mut self, program: ProgramId, pass: u64) -> Result<(), Problem> {
        let d = &self.derived;
        if !(1..=d.last_pass(program)).contains(&pass) {
            return Err(Problem::UnknownChoice {
                field: Field::Position,
                value: pass.to_string(),
            });
        }
        self.playback = Playback::Pass {
            program,
            pass,
            cursor: d.cursor_at_pass(program, pass),
            t: d.pass_time(program, pass),
        };
        Ok(())
    }

    pub(super) fn on_loop(&mut self, action: LoopAction) -> Result<(), Problem> {
        match action {
            LoopAction::Focus(program) => self.event_loop.focus = program,
            LoopAction::Why(Some((program, i)))
                if i >= self.derived.programs[program].events_len() =>
            {
                return Err(Problem::UnknownChoice {
                    field: Field::Position,
                    value: i.to_string(),
                })
            }
            LoopAction::Why(why) => self.event_loop.why = why,
        }
        Ok(())
    }
}
