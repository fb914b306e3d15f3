//! The step editor's words.

use super::Lang;

/// The step editor's words (a block of its own: coroutine cards, their step rows).
pub struct EditorTexts {
    /// The button after the kind list.
    pub add_step: &'static str,
    pub new_step_kind: &'static str,
    pub move_step: &'static str,
    pub up: &'static str,
    pub down: &'static str,
    pub remove_step: &'static str,
    /// "of" in "step 2 of 5".
    pub of: &'static str,
    pub exception_type: &'static str,
    pub exception_message: &'static str,
    pub value: &'static str,
}

const EDITOR_EN: EditorTexts = EditorTexts {
    add_step: "add step",
    new_step_kind: "new step",
    move_step: "move step",
    up: "up",
    down: "down",
    remove_step: "remove step",
    of: "of",
    exception_type: "exception type",
    exception_message: "message",
    value: "return value",
};

const EDITOR_RU: EditorTexts = EditorTexts {
    add_step: "добавить шаг",
    new_step_kind: "новый шаг",
    move_step: "переместить шаг",
    up: "выше",
    down: "ниже",
    remove_step: "удалить шаг",
    of: "из",
    exception_type: "тип исключения",
    exception_message: "сообщение",
    value: "значение return",
};

impl EditorTexts {
    pub fn of(lang: Lang) -> &'static EditorTexts {
        match lang {
            Lang::En => &EDITOR_EN,
            Lang::Ru => &EDITOR_RU,
        }
    }
}
