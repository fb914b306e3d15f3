//! Playback controls and keys, turned into what to do: actions on the state and commands for
//! the live run's handle. Decided here, from the state alone (the one truth for "running" and
//! "paused"), so it is tested natively; `effects` only carries the commands out.

use crate::web::problem::Problem;

use super::playback::Play;
use super::prefs::Pref;
use super::{Action, Playground, RunPlan};

/// What a playback control asks for.
#[derive(Clone, Debug, PartialEq)]
pub enum Control {
    Run,
    Pause,
    Step,
    StepBack,
    /// One loop pass of the focused program on or back.
    StepPass,
    StepPassBack,
    /// The scrubber, in virtual seconds: every event at or before it has happened.
    Seek(f64),
    SkipToEnd,
    Reset,
    Speed(f64),
    /// A value no option or position has (only a tampered page sends one).
    Refused(Problem),
}

/// What a key press asks for (Space, ←, →, Home, End, [, ]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    PlayPause,
    StepBack,
    Step,
    Home,
    End,
    /// `]` and `[`.
    StepPass,
    StepPassBack,
}

/// One thing to do, in order.
#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    /// Apply an action to the state.
    Do(Action),
    /// Drop any live run's handles, then start this one (it reports `LiveMsg::Started`).
    StartRun(RunPlan),
    /// Stop or restart the live run's clock, as the state's pause now says.
    SetPaused(bool),
    /// Drop the live run's handles.
    StopRun,
}

impl Playground {
    /// What a control does now.
    pub fn on_control(&self, control: Control) -> Vec<Command> {
        let live = self.live();
        let paused = live.is_some_and(|l| l.paused);
        let pause = |paused: bool| {
            vec![
                Command::Do(Action::Playback(Play::Pause(paused))),
                Command::SetPaused(paused),
            ]
        };
        let move_to = |play: Play| match live {
            // Stopped first: a refused move must not leave a run the handle no longer drives.
            Some(_) => vec![
                Command::StopRun,
                Command::Do(Action::Playback(Play::Stop)),
                Command::Do(Action::Playback(play)),
            ],
            None => vec![Command::Do(Action::Playback(play))],
        };
        match control {
            Control::Run if paused => pause(false),
            // Run during a run starts over; otherwise it goes on from the cursor.
            Control::Run => vec![Command::StartRun(self.run_plan(self.speed, live.is_some()))],
            Control::Pause if live.is_some() => pause(!paused),
            Control::Pause => Vec::new(),
            Control::Speed(s) => {
                let mut commands = vec![Command::Do(Action::Prefs(Pref::Speed(s)))];
                if live.is_some() {
                    // Goes on at the new speed from where it is — still paused if it was.
                    commands.push(Command::StartRun(self.run_plan(s, false)));
                    if paused {
                        commands.extend(pause(true));
                    }
                }
                commands
            }
            Control::Refused(problem) => vec![Command::Do(Action::Notice(Some(problem)))],
            Control::Step => move_to(Play::Step),
            Control::StepBack => move_to(Play::Back),
            Control::StepPass | Control::StepPassBack => {
                match self.next_pass(control == Control::StepPass) {
                    Some(pass) => move_to(Play::ToPass(self.event_loop.focus, pass)),
                    None => Vec::new(),
                }
            }
            Control::Seek(t) => move_to(Play::SeekTime(t)),
            Control::SkipToEnd => move_to(Play::ToEnd),
            Control::Reset => move_to(Play::Reset),
        }
    }

    /// The control a key stands for now: Space pauses a run that plays, else runs (resumes).
    pub fn control_for(&self, key: Key) -> Control {
        match key {
            Key::PlayPause if self.live().is_some_and(|l| !l.paused) => Control::Pause,
            Key::PlayPause => Control::Run,
            Key::Step => Control::Step,
            Key::StepBack => Control::StepBack,
            Key::Home => Control::Reset,
            Key::End => Control::SkipToEnd,
            Key::StepPass => Control::StepPass,
            Key::StepPassBack => Control::StepPassBack,
        }
    }
}
