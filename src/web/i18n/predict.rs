//! The words of predict mode, the exercises list and the teacher's link.

use super::Lang;

pub struct PredictTexts {
    pub predict: &'static str,
    pub reveal: &'static str,
    pub leave: &'static str,
    pub share_exercise: &'static str,
    pub link_copied: &'static str,
    pub your_prediction: &'static str,
    pub exercises: &'static str,
    pub hidden: &'static str,
    pub edit_leaves: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub console_of: &'static str,
    pub gather: &'static str,
    pub order: &'static str,
    pub raised: &'static str,
    pub cancelled: &'static str,
    pub returns: &'static str,
    pub nothing_raised: &'static str,
    /// Not cancelled; asyncio.run's shutdown; the TaskGroup; the timeout; what it awaited.
    pub causes: [&'static str; 5],
    pub right: &'static str,
    pub wrong: &'static str,
    pub real: &'static str,
    pub parts_at: &'static str,
    pub of: &'static str,
}

const EN: PredictTexts = PredictTexts {
    predict: "Predict",
    reveal: "Reveal",
    leave: "Leave predict mode",
    share_exercise: "Share as exercise",
    link_copied: "Link copied: it opens as an exercise, answers hidden",
    your_prediction: "Your prediction",
    exercises: "Exercises",
    hidden: "The outputs are hidden until you reveal them.",
    edit_leaves: "Editing the scenario leaves predict mode.",
    up: "up",
    down: "down",
    console_of: "Console of",
    gather: "What does gather return or raise?",
    order: "In which order do the results come?",
    raised: "What does asyncio.run raise?",
    cancelled: "Which coroutines end cancelled, and by whom?",
    returns: "When does asyncio.run return (seconds)?",
    nothing_raised: "nothing: it returns",
    causes: [
        "not cancelled",
        "asyncio.run's shutdown",
        "the TaskGroup",
        "the timeout",
        "what it awaited",
    ],
    right: "right",
    wrong: "wrong",
    real: "asyncio",
    parts_at: "Your prediction parts from asyncio at item",
    of: "of",
};

const RU: PredictTexts = PredictTexts {
    predict: "Предсказать",
    reveal: "Показать ответ",
    leave: "Выйти из режима предсказания",
    share_exercise: "Поделиться как упражнением",
    link_copied: "Ссылка скопирована: откроется как упражнение, ответы скрыты",
    your_prediction: "Ваше предсказание",
    exercises: "Упражнения",
    hidden: "Результаты скрыты, пока вы их не покажете.",
    edit_leaves: "Изменение сценария выключает режим предсказания.",
    up: "вверх",
    down: "вниз",
    console_of: "Консоль:",
    gather: "Что вернёт или выбросит gather?",
    order: "В каком порядке придут результаты?",
    raised: "Что выбросит asyncio.run?",
    cancelled: "Какие корутины будут отменены и кем?",
    returns: "Когда вернётся asyncio.run (секунды)?",
    nothing_raised: "ничего: возвращается",
    causes: [
        "не отменена",
        "завершение asyncio.run",
        "TaskGroup",
        "таймаут",
        "то, что она ждала",
    ],
    right: "верно",
    wrong: "неверно",
    real: "asyncio",
    parts_at: "Ваше предсказание расходится с asyncio в пункте",
    of: "из",
};

impl PredictTexts {
    pub fn of(lang: Lang) -> &'static PredictTexts {
        match lang {
            Lang::En => &EN,
            Lang::Ru => &RU,
        }
    }

    /// Where a prediction parts from asyncio: the 0-based position `k` in the list, at time `t`.
    pub fn parting(&self, k: usize, t: &str) -> String {
        format!("{} {}, t={t}", self.parts_at, k + 1)
    }
}
