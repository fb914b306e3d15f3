//! The interface's words in English and Russian. Program output (prints, values, exception
//! messages) is never translated: it stays as the scenario wrote it. Python names used as
//! control names (`sleep`, `raises`, `return_exceptions`, `as_completed timeout`) stay too.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lang {
    En,
    Ru,
}

impl Lang {
    /// From a browser language tag (`ru-RU` → Russian, anything else → English).
    pub fn from_tag(tag: &str) -> Lang {
        if tag.to_ascii_lowercase().starts_with("ru") {
            Lang::Ru
        } else {
            Lang::En
        }
    }

    /// From the Language list's value (`en`, `ru`); `None` for anything else.
    pub fn from_code(code: &str) -> Option<Lang> {
        [Lang::En, Lang::Ru].into_iter().find(|l| l.code() == code)
    }

    /// The heading of what a Python call gave: "gather result", "as_completed results".
    pub fn result_of(self, call: &str, many: bool) -> String {
        match (self, many) {
            (Lang::En, false) => format!("{call} result"),
            (Lang::En, true) => format!("{call} results"),
            (Lang::Ru, false) => format!("результат {call}"),
            (Lang::Ru, true) => format!("результаты {call}"),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Ru => "ru",
        }
    }
}

/// Every interface string, one field each.
pub struct Texts {
    pub title: &'static str,
    pub subtitle: &'static str,
    pub language: &'static str,
    pub theme: &'static str,
    pub themes: [&'static str; 3],
    pub preset: &'static str,
    pub preset_names: [&'static str; 6],
    pub coroutines: &'static str,
    pub add_coroutine: &'static str,
    pub remove: &'static str,
    pub name: &'static str,
    pub raises_none: &'static str,
    pub raises_at_start: &'static str,
    pub raises_after_sleep: &'static str,
    pub run: &'static str,
    pub pause: &'static str,
    pub step: &'static str,
    pub step_back: &'static str,
    pub skip_to_end: &'static str,
    pub reset: &'static str,
    pub speed: &'static str,
    pub position: &'static str,
    pub playback: &'static str,
    pub top_program: &'static str,
    pub bottom_program: &'static str,
    pub runner: &'static str,
    pub catch: &'static str,
    /// The checkbox of `main()`'s `try: … except Exception: … await asyncio.sleep(linger)`.
    pub linger: &'static str,
    /// Its seconds (after the program's name).
    pub linger_field: &'static str,
    pub limit: &'static str,
    pub return_when: &'static str,
    pub gather_waiting: &'static str,
    pub gather_raised: &'static str,
    pub results_empty: &'static str,
    pub run_raised: &'static str,
    pub console: &'static str,
    pub python_code: &'static str,
    pub copy_code: &'static str,
    pub copied: &'static str,
    pub time_axis: &'static str,
    pub deadline: &'static str,
    pub unspecified_note: &'static str,
    pub drift: &'static str,
    pub live: &'static str,
    pub paused: &'static str,
    pub ghost_note: &'static str,
    pub keyboard_help: &'static str,
    pub legend: &'static str,
    pub legend_sleep: &'static str,
    pub legend_print: &'static str,
    pub legend_returned: &'static str,
    pub legend_raised: &'static str,
    pub legend_cancelled: &'static str,
    pub bad_link: &'static str,
    pub bad_link_kept: &'static str,
    pub seconds: &'static str,
    pub timeout_seconds: &'static str,
    pub dismiss: &'static str,
    pub sim_error: &'static str,
    pub n_started: &'static str,
    pub n_printed: &'static str,
    pub n_sleeps: &'static str,
    pub n_waits_semaphore: &'static str,
    pub n_returned: &'static str,
    pub n_raised: &'static str,
    /// The unit of seconds after a number.
    pub sec: &'static str,
    pub events: &'static str,
    pub max: &'static str,
    pub ms: &'static str,
    pub await_one_by_one: &'static str,
    pub order_unspecified: &'static str,
    pub n_yields: &'static str,
}

pub const EN: Texts = Texts {
    title: "asyncio playground",
    subtitle: "The same coroutines awaited two ways, on one time axis: gather (top) and as_completed (bottom).",
    language: "Language",
    theme: "Theme",
    themes: ["System", "Light", "Dark"],
    preset: "Preset",
    preset_names: [
        "Book 1: gather",
        "Book 2: gather, an exception",
        "Book 3: return_exceptions=True",
        "Book 4: as_completed",
        "Book 5: as_completed + write_to_file",
        "as_completed with a timeout",
    ],
    coroutines: "Coroutines",
    add_coroutine: "Add coroutine",
    remove: "Remove",
    name: "name",
    raises_none: "does not raise",
    raises_at_start: "raises at once",
    raises_after_sleep: "raises after sleep",
    run: "Run",
    pause: "Pause",
    step: "Step",
    step_back: "Step back",
    skip_to_end: "Skip to end",
    reset: "Reset",
    speed: "Speed",
    position: "Position",
    playback: "Playback",
    top_program: "Program 1: asyncio.gather",
    bottom_program: "Program 2",
    runner: "Runner",
    catch: "catch exceptions (try/except)",
    linger: "main() catches the exception and sleeps on",
    linger_field: "main() sleeps on",
    limit: "Semaphore limit",
    return_when: "return_when",
    gather_waiting: "gather has not returned yet",
    gather_raised: "gather raised",
    results_empty: "nothing yielded yet",
    run_raised: "asyncio.run raised",
    console: "Console",
    python_code: "Python code",
    copy_code: "Copy code",
    copied: "Copied",
    time_axis: "time, s",
    deadline: "timeout",
    unspecified_note: "CPython does not specify the order in which as_completed starts its coroutines (and asyncio.run cancels leftover tasks): it iterates a set. Lines marked * may come in another order in real Python.",
    drift: "Real timers vs prediction",
    live: "running live",
    paused: "paused",
    ghost_note: "faint marks: the prediction",
    keyboard_help: "Keys: Space run/pause, ← → step, Home/End",
    legend: "Legend",
    legend_sleep: "sleep",
    legend_print: "print",
    legend_returned: "returned",
    legend_raised: "raised",
    legend_cancelled: "cancelled",
    bad_link: "This link could not be opened, so the default example is shown",
    bad_link_kept: "This link could not be opened, so the scenario on screen is kept",
    seconds: "seconds",
    timeout_seconds: "timeout, seconds",
    dismiss: "Dismiss",
    sim_error: "The simulation stopped",
    n_started: "started",
    n_printed: "printed",
    n_sleeps: "sleeps",
    n_waits_semaphore: "waits for the semaphore",
    n_returned: "returned",
    n_raised: "raised",
    sec: "s",
    events: "events",
    max: "max",
    ms: "ms",
    await_one_by_one: "await one by one",
    order_unspecified: "order unspecified by CPython",
    n_yields: "as_completed yields",
};

pub const RU: Texts = Texts {
    title: "Песочница asyncio",
    subtitle: "Одни и те же сопрограммы, запущенные двумя способами, на общей оси времени: gather (сверху) и as_completed (снизу).",
    language: "Язык",
    theme: "Тема",
    themes: ["Как в системе", "Светлая", "Тёмная"],
    preset: "Пример",
    preset_names: [
        "Книга 1: gather",
        "Книга 2: gather, исключение",
        "Книга 3: return_exceptions=True",
        "Книга 4: as_completed",
        "Книга 5: as_completed + write_to_file",
        "as_completed с таймаутом",
    ],
    coroutines: "Сопрограммы",
    add_coroutine: "Добавить сопрограмму",
    remove: "Удалить",
    name: "имя",
    raises_none: "без исключения",
    raises_at_start: "исключение сразу",
    raises_after_sleep: "исключение после sleep",
    run: "Запуск",
    pause: "Пауза",
    step: "Шаг",
    step_back: "Шаг назад",
    skip_to_end: "В конец",
    reset: "Сброс",
    speed: "Скорость",
    position: "Позиция",
    playback: "Воспроизведение",
    top_program: "Программа 1: asyncio.gather",
    bottom_program: "Программа 2",
    runner: "Способ",
    catch: "перехватывать исключения (try/except)",
    linger: "main() перехватывает исключение и спит дальше",
    linger_field: "main() спит дальше",
    limit: "Лимит семафора",
    return_when: "return_when",
    gather_waiting: "gather ещё не вернул результат",
    gather_raised: "gather сгенерировал исключение",
    results_empty: "пока ничего не получено",
    run_raised: "asyncio.run сгенерировал исключение",
    console: "Консоль",
    python_code: "Код на Python",
    copy_code: "Копировать код",
    copied: "Скопировано",
    time_axis: "время, с",
    deadline: "таймаут",
    unspecified_note: "CPython не задаёт порядок, в котором as_completed запускает сопрограммы (и asyncio.run отменяет оставшиеся задачи): он перебирает множество. Строки со * в настоящем Python могут идти в другом порядке.",
    drift: "Реальные таймеры и прогноз",
    live: "идёт выполнение",
    paused: "пауза",
    ghost_note: "бледные отметки: прогноз",
    keyboard_help: "Клавиши: пробел запуск/пауза, ← → шаг, Home/End",
    legend: "Обозначения",
    legend_sleep: "sleep",
    legend_print: "print",
    legend_returned: "вернула",
    legend_raised: "исключение",
    legend_cancelled: "отменена",
    bad_link: "Ссылку не удалось открыть, поэтому показан пример по умолчанию",
    bad_link_kept: "Ссылку не удалось открыть, поэтому сценарий на экране сохранён",
    seconds: "секунды",
    timeout_seconds: "таймаут, секунды",
    dismiss: "Закрыть",
    sim_error: "Симуляция остановлена",
    n_started: "запущена",
    n_printed: "напечатала",
    n_sleeps: "спит",
    n_waits_semaphore: "ждёт семафор",
    n_returned: "вернула",
    n_raised: "сгенерировала",
    sec: "с",
    events: "событий",
    max: "макс.",
    ms: "мс",
    await_one_by_one: "await по очереди",
    order_unspecified: "порядок в CPython не задан",
    n_yields: "as_completed выдаёт",
};

impl Texts {
    pub fn of(lang: Lang) -> &'static Texts {
        match lang {
            Lang::En => &EN,
            Lang::Ru => &RU,
        }
    }
}

/// The narration's sentence parts (`narration.rs`): `{0}`, `{1}` are filled in there.
/// A block of its own, so that it can change without touching the interface's words.
pub struct Narration {
    /// `{0}` got `{1}` from `{2}` (main()'s await).
    pub got_from: &'static str,
    pub gather_waits: &'static str,
    pub gather_has_all: &'static str,
    pub gather_passes: &'static str,
    pub gather_passed: &'static str,
    pub keep_running: &'static str,
    pub main_ended: &'static str,
    pub hands_to_main: &'static str,
    pub never_gets: &'static str,
    pub timed_out: &'static str,
    pub wait_returned: &'static str,
    pub wait_waits: &'static str,
    pub wait_wakes: &'static str,
    pub group_cancels: &'static str,
    pub group_waits: &'static str,
    pub group_done: &'static str,
    pub run_cancels: &'static str,
    pub by_shutdown: &'static str,
    pub kept_running: &'static str,
    pub by_task_group: &'static str,
    pub by_wait_for: &'static str,
    pub by_timeout: &'static str,
    pub by_awaited: &'static str,
    pub before_start: &'static str,
    /// `{0}`'s main() and how it ended (the status line).
    pub outcome: &'static str,
}

pub const NARRATION_EN: Narration = Narration {
    got_from: "{0} got {1} from {2}",
    gather_waits: "gather still waits for {0}",
    gather_has_all: "gather has every result and returns the list to main()",
    gather_passes: "gather passes this exception on to main() at once",
    gather_passed: "gather has already passed {0}'s exception on to main(); nobody awaits this",
    keep_running: "{0} keep running, unawaited",
    main_ended: "main() has ended; nobody awaits this",
    hands_to_main: "as_completed hands it to main()",
    never_gets: "main() never gets it",
    timed_out: "as_completed has timed out; nobody awaits this",
    wait_returned: "asyncio.wait has already returned; nobody awaits this",
    wait_waits: "asyncio.wait still waits for {0}",
    wait_wakes: "asyncio.wait now wakes main()",
    group_cancels: "so the TaskGroup cancels {0}",
    group_waits: "the TaskGroup still waits for {0}",
    group_done: "every task of the TaskGroup is done; main() leaves async with",
    run_cancels: "asyncio.run now cancels {0}, still running",
    by_shutdown: "asyncio.run cancelled {0} after main() ended",
    kept_running: "it had kept running until then",
    by_task_group: "the TaskGroup cancelled {0} because {1} raised",
    by_wait_for: "wait_for's timeout ({1} s) cancelled gather, and gather cancelled {0}",
    by_timeout:
        "asyncio.timeout({1}) expired and cancelled main(); the gather main() awaited cancelled {0}",
    by_awaited: "{0} was cancelled: the CancelledError came out of what it awaited",
    before_start: "before it started",
    outcome: "{0}: {1}",
};

pub const NARRATION_RU: Narration = Narration {
    got_from: "{0} получила {1} от {2}",
    gather_waits: "gather ещё ждёт {0}",
    gather_has_all: "у gather есть все результаты, он возвращает список main()",
    gather_passes: "gather сразу передаёт это исключение main()",
    gather_passed: "gather уже передал исключение {0} в main(); этот результат никто не ждёт",
    keep_running: "{0} продолжают работать, их никто не ждёт",
    main_ended: "main() уже завершилась; этот результат никто не ждёт",
    hands_to_main: "as_completed передаёт его main()",
    never_gets: "main() его так и не получит",
    timed_out: "у as_completed истёк таймаут; этот результат никто не ждёт",
    wait_returned: "asyncio.wait уже вернул управление; этот результат никто не ждёт",
    wait_waits: "asyncio.wait ещё ждёт {0}",
    wait_wakes: "asyncio.wait теперь будит main()",
    group_cancels: "поэтому TaskGroup отменяет {0}",
    group_waits: "TaskGroup ещё ждёт {0}",
    group_done: "все задачи TaskGroup завершены; main() выходит из async with",
    run_cancels: "asyncio.run теперь отменяет {0}: они ещё работают",
    by_shutdown: "asyncio.run отменил {0} после завершения main()",
    kept_running: "до этого она продолжала работать",
    by_task_group: "TaskGroup отменил {0}, потому что {1} сгенерировала исключение",
    by_wait_for: "таймаут wait_for ({1} с) отменил gather, а gather отменил {0}",
    by_timeout:
        "asyncio.timeout({1}) истёк и отменил main(); gather, который ждала main(), отменил {0}",
    by_awaited: "{0} отменена: CancelledError пришла из того, что она ждала",
    before_start: "до её запуска",
    outcome: "{0}: {1}",
};

impl Narration {
    pub fn of(lang: Lang) -> &'static Narration {
        match lang {
            Lang::En => &NARRATION_EN,
            Lang::Ru => &NARRATION_RU,
        }
    }
}

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

pub const VERSIONS_EN: VersionTexts = VersionTexts {
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

pub const VERSIONS_RU: VersionTexts = VersionTexts {
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
