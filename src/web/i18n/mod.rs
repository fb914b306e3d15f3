//! The interface's words in English and Russian. Program output (prints, values, exception
//! messages) is never translated: it stays as the scenario wrote it. Python names used as
//! control names (`sleep`, `raises`, `return_exceptions`, `as_completed timeout`) stay too.

mod editor;
pub mod event_loop;
mod export;
mod lanes;
mod narration;
mod predict;
mod versions;

pub use editor::EditorTexts;
pub use event_loop::LoopTexts;
pub use export::ExportTexts;
pub use lanes::LanesText;
pub use narration::Narration;
pub use predict::PredictTexts;
pub use versions::VersionTexts;

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
    /// The note under the programs when a timer race decides an event (`≈`).
    pub race_note: &'static str,
    /// The console's `≈`, on hover.
    pub timer_race: &'static str,
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

const EN: Texts = Texts {
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
    race_note: "Marks and lines with ≈ come from timers with the same deadline that were set at different moments (e.g. sleep(1) at t=3 and sleep(4) at t=0). Here they fire in one pass in the order shown; on a real clock the later one is a few microseconds late, so real Python may order them, and what follows from them, differently from run to run.",
    drift: "Real timers vs prediction",
    live: "running live",
    paused: "paused",
    ghost_note: "faint marks: the prediction",
    keyboard_help: "Keys: Space run/pause, ← → step, [ ] step pass, ? on a mark: why, Home/End",
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
    timer_race: "a timer race: on a real clock the order may differ",
    n_yields: "as_completed yields",
};

const RU: Texts = Texts {
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
    race_note: "Отметки и строки с ≈ идут от таймеров с одинаковым сроком, заведённых в разные моменты (например, sleep(1) при t=3 и sleep(4) при t=0). Здесь они срабатывают в одном проходе в показанном порядке; на настоящих часах поздний опаздывает на микросекунды, поэтому настоящий Python может от запуска к запуску упорядочить их и то, что из них следует, иначе.",
    drift: "Реальные таймеры и прогноз",
    live: "идёт выполнение",
    paused: "пауза",
    ghost_note: "бледные отметки: прогноз",
    keyboard_help: "Клавиши: пробел запуск/пауза, ← → шаг, [ ] проход, ? на отметке: почему, Home/End",
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
    timer_race: "гонка таймеров: на настоящих часах порядок может быть другим",
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
