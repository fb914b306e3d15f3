//! The narration's words (`narration.rs`).

use super::Lang;

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

const NARRATION_EN: Narration = Narration {
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

const NARRATION_RU: Narration = Narration {
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
