//! The Event loop and Why panels' words. English words CPython's handles with the core's own
//! labels; Russian words the same structured data here. Python names stay Python.

use crate::core::handles::{HandleView, TaskState};
use crate::core::trace::{EndState, What};
use crate::core::value::{number, str_repr};
use crate::core::{CauseStep, Origin, Report};

use super::Lang;

pub struct LoopTexts {
    pub region: &'static str,
    pub ready: &'static str,
    pub timers: &'static str,
    pub tasks: &'static str,
    pub pass: &'static str,
    pub loop_time: &'static str,
    pub empty: &'static str,
    /// Beside the handle the cursor's event ran in.
    pub running: &'static str,
    /// When the screen sits at a pass's start, between events.
    pub between: &'static str,
    pub program: &'static str,
    pub step_pass: &'static str,
    pub step_pass_back: &'static str,
    pub why: &'static str,
    pub why_region: &'static str,
    pub why_hint: &'static str,
    pub close: &'static str,
    pub ended: &'static str,
}

const EN: LoopTexts = LoopTexts {
    region: "Event loop",
    ready: "Ready queue",
    timers: "Timers",
    tasks: "Tasks",
    pass: "pass",
    loop_time: "loop time",
    empty: "empty",
    running: "running now",
    between: "at the start of the pass, before its callbacks run",
    program: "Loop of",
    step_pass: "Step pass",
    step_pass_back: "Step pass back",
    why: "Why?",
    why_region: "Why",
    why_hint: "Why? explains the event at the cursor; on a mark press ? or click it.",
    close: "Close",
    ended: "asyncio.run has returned: the loop is closed",
};

const RU: LoopTexts = LoopTexts {
    region: "Цикл событий",
    ready: "Очередь готовых",
    timers: "Таймеры",
    tasks: "Задачи",
    pass: "проход",
    loop_time: "время цикла",
    empty: "пусто",
    running: "выполняется сейчас",
    between: "в начале прохода, до его колбэков",
    program: "Цикл программы",
    step_pass: "Проход вперёд",
    step_pass_back: "Проход назад",
    why: "Почему?",
    why_region: "Почему",
    why_hint: "«Почему?» объясняет событие у курсора; на отметке нажмите ? или щёлкните её.",
    close: "Закрыть",
    ended: "asyncio.run вернулся: цикл закрыт",
};

impl LoopTexts {
    pub fn of(lang: Lang) -> &'static LoopTexts {
        match lang {
            Lang::En => &EN,
            Lang::Ru => &RU,
        }
    }
}

fn origin_ru(origin: Origin, calls: &[String]) -> String {
    match origin {
        Origin::Task { lane } => format!("задача {}", calls[lane]),
        Origin::Sleep { lane } => format!("sleep в {}", calls[lane]),
        Origin::Gather => "внешний future gather".into(),
        Origin::WaitFor => "waiter wait_for".into(),
        Origin::CancelAndWait => "waiter _cancel_and_wait".into(),
        Origin::AsCompletedGetter => "очередь as_completed".into(),
        Origin::AsCompletedTimeout => "таймаут as_completed".into(),
        Origin::Wait => "waiter wait".into(),
        Origin::TaskGroupOnCompleted => "TaskGroup".into(),
        Origin::SemaphoreWaiter { lane } => format!("семафор, для {}", calls[lane]),
        Origin::Timeout => "таймаут".into(),
        Origin::Shutdown => "завершающий gather asyncio.run".into(),
    }
}

/// A handle of the ready queue or the timer heap: "Task.__step of worker('5')".
pub fn handle_text(view: &HandleView, calls: &[String], lang: Lang) -> String {
    if lang == Lang::En {
        return view.label(calls);
    }
    match *view {
        HandleView::Step { lane } => format!("Task.__step задачи {}", calls[lane]),
        HandleView::Wakeup {
            lane,
            by,
            cancelled,
        } => format!(
            "Task.__wakeup задачи {}: {} — {}",
            calls[lane],
            origin_ru(by, calls),
            if cancelled {
                "отменено"
            } else {
                "готово"
            }
        ),
        HandleView::GatherDone { child, shutdown } => format!(
            "_done_callback {} для: {}",
            if shutdown {
                "завершающего gather asyncio.run"
            } else {
                "gather"
            },
            origin_ru(child, calls)
        ),
        HandleView::ReleaseWaiter { waiter } => {
            format!("_release_waiter для: {}", origin_ru(waiter, calls))
        }
        HandleView::AsCompletedDone { child } => {
            format!(
                "_on_completion as_completed для: {}",
                origin_ru(child, calls)
            )
        }
        HandleView::WaitDone { child } => {
            format!("_on_completion wait для: {}", origin_ru(child, calls))
        }
        HandleView::TaskGroupDone { child } => {
            format!("TaskGroup._on_task_done для: {}", origin_ru(child, calls))
        }
        HandleView::StopLoop => "_run_until_complete_cb (останавливает цикл)".into(),
        HandleView::SleepTimer { lane } => format!(
            "таймер sleep в {}: futures._set_result_unless_cancelled",
            calls[lane]
        ),
        HandleView::TimeoutTimer { waiter } => format!(
            "таймер таймаута: _release_waiter для: {}",
            origin_ru(waiter, calls)
        ),
        HandleView::AsCompletedTimeout => "_on_timeout as_completed".into(),
        HandleView::TimeoutExpired => "Timeout._on_timeout".into(),
    }
}

/// What a task is doing between passes: "sleeping until 3", "awaiting gather's outer future".
pub fn task_state_text(state: &TaskState, calls: &[String], lang: Lang) -> String {
    if lang == Lang::En {
        return match state {
            TaskState::Awaiting(Origin::SemaphoreWaiter { .. }) => {
                "waiting for the semaphore".into()
            }
            other => other.label(calls),
        };
    }
    match *state {
        TaskState::Scheduled => "в очереди готовых".into(),
        TaskState::Sleeping { until } => format!("спит до t={}", number(until)),
        TaskState::Awaiting(Origin::SemaphoreWaiter { .. }) => "ждёт семафор".into(),
        TaskState::Awaiting(origin) => format!("ждёт: {}", origin_ru(origin, calls)),
        TaskState::Done(EndState::Returned) => "вернула значение".into(),
        TaskState::Done(EndState::Raised) => "выбросила исключение".into(),
        TaskState::Done(EndState::Cancelled) => "отменена".into(),
        TaskState::Done(EndState::NotStarted) => "не запускалась".into(),
    }
}

fn event_ru(what: &What, lane: &str, calls: &[String]) -> String {
    match what {
        What::Start => format!("{lane} запущена"),
        What::Print(text) => format!("{lane} напечатала {}", str_repr(text)),
        What::Sleep { seconds, .. } => {
            format!("{lane} ждёт asyncio.sleep({})", number(*seconds))
        }
        What::WaitSemaphore => format!("{lane} ждёт семафор"),
        What::Returned(v) => format!("{lane} вернула {}", v.py_repr()),
        What::Raised(e) => format!("{lane} выбросила {}", e.py_repr()),
        What::Cancelled { .. } => format!("{lane} отменена (CancelledError)"),
        What::Yielded {
            from: Some(from), ..
        } => format!(
            "{lane} получила следующий элемент as_completed, от {}",
            calls[*from]
        ),
        What::Yielded { from: None, .. } => {
            format!("{lane} получила TimeoutError от as_completed")
        }
        What::Awaited(_) => format!("{lane} получила то, что ждала"),
        What::WaitReturned { .. } => format!("{lane} получила (done, pending) от asyncio.wait"),
    }
}

/// One link of a "Why?" chain.
pub fn cause_text(step: &CauseStep, report: &Report, calls: &[String], lang: Lang) -> String {
    if lang == Lang::En {
        return step.describe(report, calls);
    }
    match *step {
        CauseStep::Event(i) => {
            let e = &report.events[i];
            let text = event_ru(&e.what, &calls[e.lane], calls);
            format!("t={}, проход {}: {text}", number(e.t), e.pass)
        }
        CauseStep::Handle(h) => {
            let run = &report.handles[h as usize];
            let cause = run.cause.map(|c| &report.handles[c as usize]);
            let timer = matches!(
                run.view,
                HandleView::SleepTimer { .. }
                    | HandleView::TimeoutTimer { .. }
                    | HandleView::AsCompletedTimeout
                    | HandleView::TimeoutExpired
            );
            let detail = match cause {
                Some(c) if timer => format!(
                    " (поставлен в проходе {} при t={}, срок {})",
                    c.pass,
                    number(c.time),
                    number(run.time)
                ),
                Some(c) if c.view == HandleView::StopLoop => {
                    " (запланирован завершением asyncio.run: _cancel_all_tasks)".into()
                }
                _ => String::new(),
            };
            let race = if run.race { " [гонка]" } else { "" };
            format!(
                "t={}, проход {}: выполнен {}{detail}{race}",
                number(run.time),
                run.pass,
                handle_text(&run.view, calls, lang)
            )
        }
        CauseStep::Run => "asyncio.run(main()) создал задачу main()".into(),
    }
}
