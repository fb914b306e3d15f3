//! What is wrong with something the learner typed, chose or opened — and how to say it.
//!
//! The reducer refuses a bad edit with a [`Problem`] and keeps the scenario as it was; the
//! page shows [`Problem::message`] in the learner's language until dismissed or until the
//! next accepted edit.

use super::i18n::{Lang, Texts, VersionTexts};
use super::model::options::{linger_field, runner_label, timeout_field};
use super::program::ProgramId;
use crate::core::scenario::RunnerKind;
use crate::core::NotInPython;

mod link;
pub use link::LinkError;

/// The control a problem is about, named as the page labels it.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    /// The k-th `sleep` of a coroutine (k from 1).
    Sleep {
        name: String,
        k: usize,
    },
    /// The timeout of the bottom program's runner (`as_completed`, `wait`, `wait_for`).
    Timeout(&'static str),
    /// How long the program's `main()` sleeps on after catching an exception.
    Linger(ProgramId),
    /// The name field of the coroutine at this index.
    Name(usize),
    /// Where a coroutine raises.
    Raises(String),
    Runner,
    ReturnWhen,
    Limit,
    Preset,
    Speed,
    Position,
    Language,
    Theme,
    Python,
    // The step editor's (model/editor.rs).
    /// A row of a coroutine's card (from 0): a step, or its raise.
    Step {
        name: String,
        step: usize,
    },
}

impl Field {
    pub fn label(&self, lang: Lang) -> String {
        let tx = Texts::of(lang);
        match self {
            Field::Sleep { name, k } => format!("{name} sleep {k}"),
            Field::Timeout(runner) => timeout_field(runner),
            Field::Linger(program) => linger_field(*program, lang),
            Field::Name(co) => format!("{} {}", tx.name, co.saturating_add(1)),
            Field::Raises(name) => match lang {
                Lang::En => format!("{name} raises"),
                Lang::Ru => format!("{name}: исключение"),
            },
            Field::Runner => tx.runner.into(),
            Field::ReturnWhen => "return_when".into(),
            Field::Limit => tx.limit.into(),
            Field::Preset => tx.preset.into(),
            Field::Speed => tx.speed.into(),
            Field::Position => tx.position.into(),
            Field::Language => tx.language.into(),
            Field::Theme => tx.theme.into(),
            Field::Python => VersionTexts::of(lang).python_version.into(),
            Field::Step { name, step } => match lang {
                Lang::En => format!("{name} step {}", step.saturating_add(1)),
                Lang::Ru => format!("{name} шаг {}", step.saturating_add(1)),
            },
        }
    }
}

/// Why an input was refused (or a link, a preset or a run failed).
#[derive(Clone, Debug, PartialEq)]
pub enum Problem {
    /// The text is not a number (empty, `abc`, `NaN`).
    NotANumber {
        field: Field,
        text: String,
    },
    /// A number outside `min..=max` (negative, `1e308`, `inf`).
    OutOfRange {
        field: Field,
        text: String,
        min: f64,
        max: f64,
    },
    /// A value no option of the list has.
    UnknownChoice {
        field: Field,
        value: String,
    },
    NameEmpty {
        co: usize,
    },
    NameTaken {
        co: usize,
        name: String,
    },
    NameTooLong {
        co: usize,
        chars: usize,
        max: usize,
    },
    /// Add at the editor's limit (`have` may exceed it: a link can carry more).
    TooManyCoroutines {
        max: usize,
        have: usize,
    },
    /// The browser refused to copy the code (no clipboard outside a secure page, or denied).
    CopyRefused,
    /// The browser refused an export's download (or could not draw the PNG).
    ExportRefused,
    /// A timeout for a runner that takes none.
    NoTimeout {
        runner: RunnerKind,
    },
    LastCoroutine,
    /// An edit of a coroutine that is no longer there (index).
    NoCoroutine(usize),
    NoSleep {
        name: String,
        k: usize,
    },
    BadPreset {
        stem: String,
        reason: String,
    },
    /// A share link that cannot be opened; `kept`: the scenario on screen stayed (a link
    /// pasted while the page was open), else the default example is shown (the first load).
    BadLink {
        reason: LinkError,
        kept: bool,
    },
    /// A live run stopped on a simulation error.
    RunFailed(String),
    /// A runner the chosen Python lacks (TaskGroup, asyncio.timeout before 3.11).
    NotInPython(NotInPython),
    // The step editor's refusals (model/editor.rs); `step` is a row of the card, from 0.
    /// A step would come after the coroutine's `return` or `raise`, where it never runs.
    StepAfterEnd {
        name: String,
    },
    /// No such row, or not of the kind the edit is for.
    NoStep {
        name: String,
        step: usize,
    },
    /// Moving the first row up or the last one down.
    AtEdge {
        name: String,
        step: usize,
        up: bool,
    },
    TooManySteps {
        name: String,
        max: usize,
    },
    /// A print, message or returned string over the core's limit.
    TextTooLong {
        field: Field,
        chars: usize,
        max: usize,
    },
    /// A return value that is not one the scenario format has.
    BadReturn {
        field: Field,
        text: String,
    },
    NoRaise {
        name: String,
    },
}

/// "asyncio.TaskGroup exists from Python 3.11 on, not in 3.10", in the learner's language.
pub fn not_in_python(e: &NotInPython, lang: Lang) -> String {
    match lang {
        Lang::En => e.to_string(),
        Lang::Ru => format!(
            "{} есть в Python начиная с {}, в {} его нет",
            e.runner.label(),
            e.runner.since(),
            e.python
        ),
    }
}

/// The learner's text, quoted, cut to a readable length (a pasted megabyte stays out).
fn quote(text: &str, lang: Lang) -> String {
    const MAX: usize = 40;
    let mut shown: String = text.chars().take(MAX).collect();
    if text.chars().nth(MAX).is_some() {
        shown.push('…');
    }
    match lang {
        Lang::En => format!("\"{shown}\""),
        Lang::Ru => format!("«{shown}»"),
    }
}

fn num(x: f64) -> String {
    crate::core::value::number(x)
}

impl Problem {
    pub fn message(&self, lang: Lang) -> String {
        let en = lang == Lang::En;
        let q = |text: &str| quote(text, lang);
        let pick = |e: String, r: String| if en { e } else { r };
        match self {
            Problem::NotANumber { field, text } if text.trim().is_empty() => {
                let f = field.label(lang);
                if en {
                    format!("{f}: enter a number of seconds")
                } else {
                    format!("{f}: введите число секунд")
                }
            }
            Problem::NotANumber { field, text } => {
                let (f, t) = (field.label(lang), q(text));
                if en && text.contains(',') {
                    format!(
                        "{f}: {t} is not a number of seconds (write decimals with a point: 1.5)"
                    )
                } else if en {
                    format!("{f}: {t} is not a number of seconds")
                } else {
                    format!("{f}: {t} — не число секунд")
                }
            }
            Problem::OutOfRange {
                field,
                text,
                min,
                max,
            } => {
                let (f, t, min, max) = (field.label(lang), q(text), num(*min), num(*max));
                if en {
                    format!("{f}: {t} is out of range; enter {min} to {max} seconds")
                } else {
                    format!("{f}: {t} — вне диапазона; введите от {min} до {max} секунд")
                }
            }
            Problem::UnknownChoice { field, value } => {
                let (f, v) = (field.label(lang), q(value));
                if en {
                    format!("{f}: {v} is not one of the choices")
                } else {
                    format!("{f}: варианта {v} нет")
                }
            }
            Problem::NameEmpty { co } => {
                let f = Field::Name(*co).label(lang);
                if en {
                    format!("{f}: a coroutine needs a name")
                } else {
                    format!("{f}: у сопрограммы должно быть имя")
                }
            }
            Problem::NameTaken { co, name } => {
                let (f, n) = (Field::Name(*co).label(lang), q(name));
                if en {
                    format!("{f}: there is already a coroutine named {n}")
                } else {
                    format!("{f}: сопрограмма с именем {n} уже есть")
                }
            }
            Problem::NameTooLong { co, chars, max } => {
                let f = Field::Name(*co).label(lang);
                if en {
                    format!("{f}: a name has at most {max} characters (this one has {chars})")
                } else {
                    format!("{f}: имя — не длиннее {max} символов (в этом {chars})")
                }
            }
            Problem::TooManyCoroutines { max, have } => {
                if en {
                    format!(
                        "The editor adds coroutines only up to {max} (this scenario has {have})"
                    )
                } else {
                    format!("Редактор добавляет сопрограммы только до {max} (здесь их {have})")
                }
            }
            Problem::NoTimeout { runner } => {
                let runner = runner_label(*runner, lang);
                if en {
                    format!("{runner} takes no timeout")
                } else {
                    format!("{runner} не принимает timeout")
                }
            }
            Problem::CopyRefused => if en {
                "The browser did not let the page copy the code; select it and copy it by hand"
            } else {
                "Браузер не дал странице скопировать код; выделите его и скопируйте вручную"
            }
            .into(),
            Problem::ExportRefused => if en {
                "The browser did not let the page save the export"
            } else {
                "Браузер не дал странице сохранить экспорт"
            }
            .into(),
            Problem::LastCoroutine => if en {
                "A program needs at least one coroutine"
            } else {
                "Программе нужна хотя бы одна сопрограмма"
            }
            .into(),
            Problem::NoCoroutine(co) => {
                if en {
                    format!("There is no coroutine {} any more", co.saturating_add(1))
                } else {
                    format!("Сопрограммы {} уже нет", co.saturating_add(1))
                }
            }
            Problem::NoSleep { name, k } => {
                if en {
                    format!("{name} has no sleep {k}")
                } else {
                    format!("У сопрограммы {name} нет sleep {k}")
                }
            }
            Problem::BadPreset { stem, reason } => {
                if en {
                    format!("Preset {} cannot be opened: {reason}", q(stem))
                } else {
                    format!("Пример {} не открывается: {reason}", q(stem))
                }
            }
            Problem::BadLink { reason, kept } => {
                let tx = Texts::of(lang);
                let what = if *kept { tx.bad_link_kept } else { tx.bad_link };
                format!("{what}: {}", reason.message(lang))
            }
            Problem::NotInPython(e) => not_in_python(e, lang),
            Problem::RunFailed(reason) => {
                if en {
                    format!("The run stopped: {reason}")
                } else {
                    format!("Запуск остановлен: {reason}")
                }
            }
            // The step editor's refusals.
            Problem::StepAfterEnd { name } => pick(
                format!("{name}: no step can come after its return or raise (it would never run)"),
                format!("{name}: после return или raise шагов не бывает (они бы не выполнились)"),
            ),
            Problem::NoStep { name, step } => {
                let k = step.saturating_add(1);
                pick(
                    format!("{name} has no such step {k}"),
                    format!("У {name} нет такого шага {k}"),
                )
            }
            Problem::AtEdge { name, step, up } => {
                let f = Field::Step {
                    name: name.clone(),
                    step: *step,
                }
                .label(lang);
                match (en, up) {
                    (true, true) => format!("{f} is already the first"),
                    (true, false) => format!("{f} is already the last"),
                    (false, true) => format!("{f} — уже первый"),
                    (false, false) => format!("{f} — уже последний"),
                }
            }
            Problem::TooManySteps { name, max } => pick(
                format!("{name}: a coroutine has at most {max} steps"),
                format!("{name}: в сопрограмме не больше {max} шагов"),
            ),
            Problem::TextTooLong { field, chars, max } => {
                let f = field.label(lang);
                pick(
                    format!("{f}: a text has at most {max} characters (this one has {chars})"),
                    format!("{f}: текст — не длиннее {max} символов (в этом {chars})"),
                )
            }
            Problem::BadReturn { field, text } => {
                let (f, t) = (field.label(lang), q(text));
                pick(
                    format!("{f}: {t} is not a value; write 'text' in quotes, a whole number, None or a tuple such as ('5', 'test')"),
                    format!("{f}: {t} — не значение; напишите 'текст' в кавычках, целое число, None или кортеж, например ('5', 'test')"),
                )
            }
            Problem::NoRaise { name } => pick(
                format!("{name} does not raise"),
                format!("{name}: исключения нет"),
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_text_is_cut_in_the_message() {
        let p = Problem::NotANumber {
            field: Field::Sleep {
                name: "a".into(),
                k: 1,
            },
            text: "9".repeat(1_000_000),
        };
        let m = p.message(Lang::En);
        assert!(m.len() < 100, "{m}");
        assert!(
            m.starts_with("a sleep 1: \"9999") && m.contains("…\""),
            "{m}"
        );
    }

    #[test]
    fn every_message_is_in_both_languages() {
        let problems = [
            Problem::OutOfRange {
                field: Field::Timeout("wait"),
                text: "-1".into(),
                min: 0.0,
                max: 1e6,
            },
            Problem::UnknownChoice {
                field: Field::Runner,
                value: "race".into(),
            },
            Problem::TooManyCoroutines { max: 12, have: 12 },
        ];
        for p in problems {
            assert_ne!(p.message(Lang::En), p.message(Lang::Ru));
        }
        assert_eq!(
            Problem::OutOfRange {
                field: Field::Timeout("wait"),
                text: "-1".into(),
                min: 0.0,
                max: 1e6,
            }
            .message(Lang::En),
            "wait timeout: \"-1\" is out of range; enter 0 to 1000000 seconds"
        );
    }
}
