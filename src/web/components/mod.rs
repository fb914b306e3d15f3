//! The playground's yew components, one per file, named after what the learner sees.
//! Each receives plain values and `Callback`s — never the whole state.

mod across_versions;
mod coroutine_card;
mod coroutines_panel;
mod drift_report;
mod embed_link;
mod event_loop_panel;
mod export_bar;
mod gather_result;
mod legend;
mod narrator;
mod notice;
mod output_console;
mod playback_bar;
mod predict_bar;
mod predict_panel;
mod program_lanes;
mod program_options;
mod python_code;
mod results_list;
mod sleep_handle;
mod slider;
mod step_row;
mod title_bar;
mod why_panel;

pub use across_versions::AcrossVersions;
pub use coroutine_card::CoroutineCard;
pub use coroutines_panel::CoroutinesPanel;
pub use drift_report::DriftReport;
pub use embed_link::EmbedLink;
pub use event_loop_panel::EventLoopPanel;
pub use export_bar::ExportBar;
pub use gather_result::{GatherResult, GatherResultProps};
pub use legend::Legend;
pub use narrator::Narrator;
pub use notice::Notice;
pub use output_console::{ConsoleText, OutputConsole};
pub use playback_bar::PlaybackBar;
pub use predict_bar::PredictBar;
pub use predict_panel::PredictPanel;
pub use program_lanes::{ProgramLanes, ProgramLanesProps};
pub use program_options::{BottomOptionsForm, GatherOptionsForm};
pub use python_code::{CodeText, PythonCode};
pub use results_list::ResultsList;
pub use slider::{Slider, SliderProps};
pub use step_row::StepRow;
pub use title_bar::TitleBar;
pub use why_panel::WhyPanel;

use std::rc::Rc;

use super::i18n::{Lang, Texts};

/// An `Rc` compared by pointer: props that hold a whole prediction re-render only when the
/// prediction was rebuilt, without comparing it deeply.
#[derive(Debug)]
pub struct ByPtr<T>(pub Rc<T>);

impl<T> Clone for ByPtr<T> {
    fn clone(&self) -> Self {
        ByPtr(self.0.clone())
    }
}

impl<T> PartialEq for ByPtr<T> {
    fn eq(&self, other: &Self) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for ByPtr<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

pub fn texts(lang: Lang) -> &'static Texts {
    Texts::of(lang)
}

/// A percentage along the time axis, for `left:` / `width:`.
pub fn pct(t: f64, axis_end: f64) -> f64 {
    if axis_end <= 0.0 {
        0.0
    } else {
        (t / axis_end * 100.0).clamp(0.0, 100.0)
    }
}
