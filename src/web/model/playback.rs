//! Playback: the cursor over the merged event list, and a live run on real timers — what the
//! screen shows of it and how the reducer follows it.

use crate::core::{Scenario, Semantics};
use crate::web::problem::{Field, Problem};
use crate::web::program::{PerProgram, ProgramId};

use super::Playground;

/// Where playback is.
#[derive(Clone, Debug, PartialEq)]
pub enum Playback {
    /// Showing the merged event list up to `cursor` (events `0..cursor` happened).
    Cursor(usize),
    /// Scrubbed to virtual time `t`, between events: `0..cursor` are those at or before it.
    At { cursor: usize, t: f64 },
    /// At the start of loop pass `pass` of `program` (at time `t`), between events: those
    /// before `cursor` happened.
    Pass {
        program: ProgramId,
        pass: u64,
        cursor: usize,
        t: f64,
    },
    /// A live run on real timers is under way (or paused).
    Live(LiveState),
}

/// A live run as the screen sees it. This is the one truth for "running" and "paused": the
/// run's handle in `effects` only follows the commands derived from it.
#[derive(Clone, Debug, PartialEq)]
pub struct LiveState {
    /// Which run: messages from any other (older) run are ignored.
    pub run_id: u64,
    /// Events of each program that have actually happened.
    pub counts: PerProgram<usize>,
    /// Virtual time the real clock has reached.
    pub now: f64,
    /// Paused by the learner (a hidden tab also stops the run's clock, but that is the
    /// clock's business, not a pause the learner sees or undoes).
    pub paused: bool,
    /// Real minus predicted time of each event, in ms.
    pub drift_ms: Vec<f64>,
}

/// What a live run starts from: both programs, skipped at once past `from` events of each
/// (virtual time `from_t`), then played at `speed`.
#[derive(Clone, Debug, PartialEq)]
pub struct RunPlan {
    pub scenarios: PerProgram<Scenario>,
    /// The version they were predicted for.
    pub semantics: Semantics,
    pub from: PerProgram<usize>,
    pub from_t: f64,
    pub speed: f64,
}

/// How far the real timers drifted from the prediction over a run.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Drift {
    /// The run measured: each run's report is told apart on the page, even when two runs
    /// drift alike.
    pub run: u64,
    pub max_ms: f64,
    pub p99_ms: f64,
    pub events: usize,
}

impl Drift {
    /// Max and 99th percentile (nearest rank) of the absolute drifts.
    pub fn of(run: u64, samples: &[f64]) -> Option<Drift> {
        if samples.is_empty() {
            return None;
        }
        let mut abs: Vec<f64> = samples.iter().map(|x| x.abs()).collect();
        abs.sort_by(f64::total_cmp);
        let rank = ((0.99 * abs.len() as f64).ceil() as usize).clamp(1, abs.len());
        Some(Drift {
            run,
            max_ms: abs[abs.len() - 1],
            p99_ms: abs[rank - 1],
            events: abs.len(),
        })
    }
}

/// A move of the playback cursor, or the learner's pause of a live run.
#[derive(Clone, Debug, PartialEq)]
pub enum Play {
    Step,
    Back,
    Seek(usize),
    /// To a virtual time (the scrubber).
    SeekTime(f64),
    ToEnd,
    Reset,
    /// Stop a live run where it is (a move during a run does this first).
    Stop,
    /// Pause or resume the live run (nothing without one).
    Pause(bool),
    /// To the start of a loop pass of one program.
    ToPass(ProgramId, u64),
}

/// What a live run reports; a message from any run but the current one is ignored.
#[derive(Clone, Debug, PartialEq)]
pub enum LiveMsg {
    /// The run began, past `from` events of each program, at virtual time `from_t` (its
    /// [`RunPlan`]).
    Started {
        run_id: u64,
        from: PerProgram<usize>,
        from_t: f64,
    },
    /// `program`'s events `..count` have happened; the last of them (virtual time `t`,
    /// predicted `predicted_ms` after the run's start at its speed) at `real_ms` after the
    /// run's start, paused time excluded.
    Events {
        run_id: u64,
        program: ProgramId,
        count: usize,
        t: f64,
        predicted_ms: f64,
        real_ms: f64,
    },
    Frame {
        run_id: u64,
        now: f64,
    },
    Done {
        run_id: u64,
    },
    Failed {
        run_id: u64,
        message: String,
    },
}

impl Playground {
    /// The merged cursor the screen shows (a live run: how far it got).
    pub fn cursor(&self) -> usize {
        match &self.playback {
            Playback::Cursor(c)
            | Playback::At { cursor: c, .. }
            | Playback::Pass { cursor: c, .. } => *c,
            Playback::Live(l) => self.derived.cursor_for_counts(l.counts),
        }
    }

    /// The virtual time the screen shows: a live run's moment, the scrubbed time, or the last
    /// event's before the cursor — `f64::INFINITY` at the end (all drawn as happened).
    pub fn screen_time(&self) -> f64 {
        let d = &self.derived;
        match &self.playback {
            Playback::Live(l) => l.now,
            Playback::At { t, .. } | Playback::Pass { t, .. } => *t,
            Playback::Cursor(c) if *c >= d.events_len() => f64::INFINITY,
            Playback::Cursor(c) => d.time_at(*c),
        }
    }

    pub fn live(&self) -> Option<&LiveState> {
        match &self.playback {
            Playback::Live(l) => Some(l),
            Playback::Cursor(_) | Playback::At { .. } | Playback::Pass { .. } => None,
        }
    }

    /// The live run Run starts: from the start when asked or when the cursor is at the end;
    /// else from where the screen is — the cursor after stepping, or the very moment a live
    /// run has reached (a new speed goes on from there, it does not jump back to the last
    /// event).
    pub fn run_plan(&self, speed: f64, from_start: bool) -> RunPlan {
        let d = &self.derived;
        let (from, from_t) = match (self.live(), self.cursor()) {
            (_, c) if from_start || c >= d.events_len() => (PerProgram::default(), 0.0),
            (Some(l), _) => (l.counts, l.now),
            (None, c) => (d.counts_at(c), self.screen_time()),
        };
        RunPlan {
            // The very programs predicted, so the live run cannot differ from the ghost.
            scenarios: d.programs.each_ref().map(|p| p.scenario.clone()),
            semantics: d.semantics,
            from,
            from_t,
            speed,
        }
    }

    pub(super) fn play(&mut self, play: Play) -> Result<(), Problem> {
        let (c, len) = (self.cursor(), self.derived.events_len());
        match play {
            Play::Step => self.playback = Playback::Cursor((c + 1).min(len)),
            Play::Back => self.playback = Playback::Cursor(c.saturating_sub(1)),
            Play::Seek(c) => {
                if c > len {
                    return Err(Problem::UnknownChoice {
                        field: Field::Position,
                        value: c.to_string(),
                    });
                }
                self.playback = Playback::Cursor(c);
            }
            Play::SeekTime(t) => {
                if !(0.0..=self.derived.axis_end).contains(&t) {
                    return Err(Problem::UnknownChoice {
                        field: Field::Position,
                        value: t.to_string(),
                    });
                }
                let cursor = self.derived.cursor_at_time(t);
                self.playback = Playback::At { cursor, t };
            }
            Play::ToEnd => self.playback = Playback::Cursor(len),
            Play::Reset => {
                self.playback = Playback::Cursor(0);
                self.drift = None;
            }
            Play::Stop => self.playback = Playback::Cursor(c),
            Play::ToPass(program, pass) => return self.go_to_pass(program, pass),
            Play::Pause(paused) => {
                if let Playback::Live(l) = &mut self.playback {
                    l.paused = paused;
                }
            }
        }
        Ok(())
    }

    /// Follows the current live run (a message of any other run changes nothing).
    pub(super) fn on_live(&mut self, msg: LiveMsg) {
        let cursor = self.cursor();
        let d = &self.derived;
        if let LiveMsg::Started {
            run_id,
            from,
            from_t,
        } = msg
        {
            self.playback = Playback::Live(LiveState {
                run_id,
                counts: PerProgram::from_fn(|p| from[p].min(d.programs[p].events_len())),
                now: from_t,
                paused: false,
                drift_ms: Vec::new(),
            });
            self.drift = None;
            return;
        }
        let Playback::Live(l) = &mut self.playback else {
            return;
        };
        match msg {
            LiveMsg::Events {
                run_id,
                program,
                count,
                t,
                predicted_ms,
                real_ms,
            } if run_id == l.run_id => {
                let count = count.min(d.programs[program].events_len());
                // One sample per event (a batch happened in one loop pass, at one time).
                let new = count.saturating_sub(l.counts[program]);
                l.counts[program] = count;
                l.drift_ms
                    .extend(std::iter::repeat_n(real_ms - predicted_ms, new));
                l.now = l.now.max(t);
            }
            LiveMsg::Frame { run_id, now } if run_id == l.run_id => l.now = now,
            LiveMsg::Done { run_id } if run_id == l.run_id => {
                self.drift = Drift::of(run_id, &l.drift_ms);
                self.playback = Playback::Cursor(d.events_len());
            }
            LiveMsg::Failed { run_id, message } if run_id == l.run_id => {
                self.notice = Some(Problem::RunFailed(message));
                self.playback = Playback::Cursor(cursor);
            }
            _ => {}
        }
    }
}
