//! The lanes' words: sleep handles and the legend.

use super::Lang;

/// The lanes' own words: the sleep handles and the legend's entries for every pattern drawn.
pub struct LanesText {
    /// After `<name> sleep <k>`: the handle on the lanes, apart from the editor's slider.
    pub on_timeline: &'static str,
    pub legend_started: &'static str,
    pub legend_wait_semaphore: &'static str,
    pub legend_main_gets: &'static str,
    pub legend_deadline: &'static str,
    pub legend_now: &'static str,
    pub legend_handle: &'static str,
}

const LANES_EN: LanesText = LanesText {
    on_timeline: "on the timeline",
    legend_started: "started",
    legend_wait_semaphore: "waits for the semaphore",
    legend_main_gets: "main() gets a result",
    legend_deadline: "timeout (deadline)",
    legend_now: "now",
    legend_handle: "drag (or ← →) to set the sleep",
};

const LANES_RU: LanesText = LanesText {
    on_timeline: "на шкале времени",
    legend_started: "запущена",
    legend_wait_semaphore: "ждёт семафор",
    legend_main_gets: "main() получает результат",
    legend_deadline: "таймаут (срок)",
    legend_now: "сейчас",
    legend_handle: "тяните (или ← →), чтобы задать sleep",
};

impl LanesText {
    pub fn of(lang: Lang) -> &'static LanesText {
        match lang {
            Lang::En => &LANES_EN,
            Lang::Ru => &LANES_RU,
        }
    }
}
