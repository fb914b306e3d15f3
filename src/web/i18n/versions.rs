//! The words of the Python version select and the Across versions view.

use super::Lang;

/// The words of the Python version select and the "Across versions" view (their own block:
/// each sentence on why names the CPython change and its issue number).
pub struct VersionTexts {
    pub python_version: &'static str,
    /// The code panel's note of the version modelled: "Python 3.12".
    pub python: &'static str,
    pub across: &'static str,
    pub identical: &'static str,
    pub differs: &'static str,
    pub in_every_version: &'static str,
    pub versions: &'static str,
    pub why: &'static str,
    pub program: [&'static str; 2],
    pub line: &'static str,
    pub pass: &'static str,
    pub result: &'static str,
    pub raised: &'static str,
    pub ends_at: &'static str,
    pub exists_from: &'static str,
    pub returned: &'static str,
    pub raised_in: &'static str,
    pub cancelled: &'static str,
    /// What `main()` got from an await (a gather's list, an as_completed item).
    pub got: &'static str,
    pub why_task_group: &'static str,
    pub why_timeout: &'static str,
    pub why_timeout_error: &'static str,
    pub why_wait_for: &'static str,
    pub why_unknown: &'static str,
}

const VERSIONS_EN: VersionTexts = VersionTexts {
    python_version: "Python version",
    python: "Python",
    across: "Across versions",
    identical: "Identical in every version",
    differs: "The outcome differs",
    in_every_version: "The same in every version",
    versions: "Versions",
    why: "Why",
    program: ["Program 1", "Program 2"],
    line: "line",
    pass: "pass",
    result: "result",
    raised: "asyncio.run raised",
    ends_at: "ends at",
    exists_from: "exists from Python",
    returned: "returned",
    raised_in: "raised",
    cancelled: "cancelled",
    got: "main() got",
    why_task_group: "asyncio.TaskGroup was added in Python 3.11 (gh-90908); before it the program fails with AttributeError.",
    why_timeout: "asyncio.timeout was added in Python 3.11 (gh-90927); before it the program fails with AttributeError.",
    why_timeout_error: "until 3.10 asyncio raises its own asyncio.exceptions.TimeoutError, which \"except TimeoutError:\" does not catch; from 3.11 it is the builtin TimeoutError (bpo-42413).",
    why_wait_for: "3.12 rewrote asyncio.wait_for on asyncio.timeout (gh-96764): the gather is awaited inside main's own task, so at the deadline main is cancelled directly and TimeoutError reaches it a pass sooner; a child due in the deadline's pass is cancelled instead of returning, and a timeout shorter than one pass beats children that finish at once.",
    why_unknown: "asyncio's library code differs between these versions.",
};

const VERSIONS_RU: VersionTexts = VersionTexts {
    python_version: "Версия Python",
    python: "Python",
    across: "По версиям",
    identical: "Одинаково во всех версиях",
    differs: "Результат различается",
    in_every_version: "Одинаково во всех версиях",
    versions: "Версии",
    why: "Почему",
    program: ["Программа 1", "Программа 2"],
    line: "строка",
    pass: "проход",
    result: "результат",
    raised: "asyncio.run сгенерировал",
    ends_at: "конец в",
    exists_from: "есть в Python начиная с",
    returned: "вернула",
    raised_in: "сгенерировала",
    cancelled: "отменена",
    got: "main() получила",
    why_task_group: "asyncio.TaskGroup появился в Python 3.11 (gh-90908); раньше программа падает с AttributeError.",
    why_timeout: "asyncio.timeout появился в Python 3.11 (gh-90927); раньше программа падает с AttributeError.",
    why_timeout_error: "до 3.10 asyncio генерирует свой asyncio.exceptions.TimeoutError, который «except TimeoutError:» не ловит; с 3.11 это встроенный TimeoutError (bpo-42413).",
    why_wait_for: "в 3.12 asyncio.wait_for переписан на asyncio.timeout (gh-96764): gather ожидается внутри задачи main, поэтому в дедлайн отменяется сама main и TimeoutError доходит до неё на проход раньше; дочерняя задача, чей таймер приходится на проход дедлайна, отменяется, а не возвращает значение, а таймаут короче одного прохода опережает задачи, завершающиеся сразу.",
    why_unknown: "библиотечный код asyncio в этих версиях различается.",
};

impl VersionTexts {
    pub fn of(lang: Lang) -> &'static VersionTexts {
        match lang {
            Lang::En => &VERSIONS_EN,
            Lang::Ru => &VERSIONS_RU,
        }
    }
}
