"""Runs generated programs under CPython's own asyncio (3.8 to 3.13) on a virtual clock and reports what they did.

Only the clock is replaced: `loop.time()` is a number that the selector moves to the earliest timer
instead of sleeping, so a 10-second program runs in milliseconds with exact `loop.time()` values.
Equal deadlines fire in registration order (a real monotonic clock gives them that order).

`--order list` also fixes the orders CPython leaves to set iteration (as_completed's start order,
TaskGroup abort, asyncio.run's shutdown cancels) to list/creation order, the simulator's documented
choice, so results compare exactly. `--order real` keeps CPython's own set order.

Input: JSON lines {"id", "program", "functions": {function name: coroutine name, or null for a
function shared by all whose first argument is the name}, "names": [coroutine names]} on stdin.
Output: JSON lines {"id", "console": [[t, text, pass]], "raised", "end_time", "coroutines": {name: [state, end]},
"task_order": [names of the scenario coroutines in the order they became tasks],
"passes": [[ready, timers] for each `_run_once` until asyncio.run's `_cancel_all_tasks` returns]}.
A line's pass is the number of `_run_once` calls so far, the current one included. `ready` and `timers`
are the handles not cancelled in `loop._ready` and `loop._scheduled` when the pass starts its callbacks
(its first `_ready.popleft()`, or its end if it runs none): CPython keeps cancelled timers in the heap
until they reach its head, the simulator's view leaves them out.
"""
import asyncio
import builtins
import collections
import heapq
import itertools
import json
import logging
import sys
import traceback
import warnings
from asyncio import events, runners, tasks

assert sys.version_info[:2] >= (3, 8), f"the simulator models CPython 3.8 to 3.13, this is {sys.version}"

_sequence = itertools.count()


class _TimerHandle(events.TimerHandle):
    """A timer that breaks deadline ties by registration order."""

    __slots__ = ("_seq",)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._seq = next(_sequence)

    def __lt__(self, other):
        return (self._when, self._seq) < (other._when, other._seq)


class _Ready(collections.deque):
    """The ready queue, sampled at the first `popleft` of a pass: when its callbacks start."""

    def popleft(self):
        self.loop.sample()
        return super().popleft()


class VirtualClockLoop(asyncio.SelectorEventLoop):
    def __init__(self):
        super().__init__()
        self._now = 0.0
        self.created = []
        self.passes = 0
        self.sampled = True
        self._ready = _Ready()
        self._ready.loop = self
        real_select = self._selector.select

        def select(timeout=None):
            if timeout is None:
                raise RuntimeError("nothing is ready and no timer is set: the program would wait forever")
            if timeout > 0:
                self._now = self._scheduled[0]._when
            return real_select(0)

        self._selector.select = select

    def time(self):
        return self._now

    def _run_once(self):
        self.passes += 1
        self.sampled = not RUN.counting
        super()._run_once()
        self.sample()

    def sample(self):
        if not self.sampled:
            self.sampled = True
            live = lambda handles: sum(not (h._cancelled or hasattr(h._callback, "harness")) for h in handles)
            RUN.passes.append([live(self._ready), live(self._scheduled)])

    def call_at(self, when, callback, *args, context=None):
        self._check_closed()
        timer = _TimerHandle(when, callback, args, self, context)
        heapq.heappush(self._scheduled, timer)
        timer._scheduled = True
        return timer

    def create_task(self, coro, **kwargs):  # `context=` exists from 3.11
        task = super().create_task(coro, **kwargs)
        self.created.append(task)
        RUN.on_task(task)
        return task

    def close(self):
        RUN.end_time = self._now
        super().close()


class OrderedSet(dict):
    """A set that iterates in insertion order: stands in for `set` inside asyncio's modules."""

    def __init__(self, items=()):
        super().__init__((item, None) for item in items)

    def add(self, item):
        self[item] = None

    def remove(self, item):
        del self[item]

    def discard(self, item):
        self.pop(item, None)


def ordered_all_tasks(loop=None):
    loop = loop or events.get_running_loop()
    return OrderedSet(t for t in loop.created if not t.done())


class Run:
    """What one program did."""

    def reset(self):
        self.console, self.ends, self.names, self.end_time, self.task_order = [], {}, {}, None, []
        self.passes, self.counting, self.records = [], True, {}

    def now(self):
        try:
            return events.get_running_loop().time()
        except RuntimeError:
            return None

    def pass_number(self):
        try:
            return events.get_running_loop().passes
        except RuntimeError:
            return None

    def on_task(self, task):
        name = self.names.get(id(task.get_coro()))
        if name is not None:
            self.task_order.append(name)
            # A task cancelled before its first step never enters the wrapper below.
            record = lambda t: t.cancelled() and self.ends.setdefault(name, ["cancelled", self.now()])
            record.harness = True  # not the program's: `sample` leaves its handle out
            task.add_done_callback(record)
            self.records[task] = record

    def wrap(self, fn, name):
        async def body(*args):
            # Started, the task's end is recorded below: the callback for a task cancelled
            # before its first step must go, or its handle would add a pass of its own when the
            # task ends with no callback of the program's (as_completed's after its timeout).
            task = asyncio.current_task()
            record = self.records.pop(task, None)
            if record is not None:
                task.remove_done_callback(record)
            try:
                result = await fn(*args)
            except asyncio.CancelledError:
                self.ends[name if name is not None else args[0]] = ["cancelled", self.now()]
                raise
            except BaseException:
                self.ends[name if name is not None else args[0]] = ["raised", self.now()]
                raise
            self.ends[name if name is not None else args[0]] = ["returned", self.now()]
            return result

        def make(*args):
            coro = body(*args)
            # A shared function (name None) takes the coroutine's name as its first argument.
            self.names[id(coro)] = args[0] if name is None else name
            return coro

        return make


RUN = Run()


def capture_print(*args, sep=" ", end="\n", file=None, flush=False):
    RUN.console.append([RUN.now(), sep.join(str(a) for a in args), RUN.pass_number()])


class Policy(asyncio.DefaultEventLoopPolicy):
    def new_event_loop(self):
        return VirtualClockLoop()


def run_one(case):
    RUN.reset()
    namespace = {"__name__": "scenario"}
    exec(compile(case["program"], "scenario.py", "exec"), namespace)
    for fn, name in case["functions"].items():
        namespace[fn] = RUN.wrap(namespace[fn], name)
    raised = None
    builtins.print, real_print = capture_print, builtins.print
    try:
        asyncio.run(namespace["main"]())
    except BaseException as e:  # what escapes asyncio.run, as its traceback's last line
        raised = traceback.format_exception_only(type(e), e)[-1].rstrip("\n")
    finally:
        builtins.print = real_print
    names = case.get("names") or list(case["functions"].values())
    coroutines = {name: RUN.ends.get(name, ["not_started", None]) for name in names}
    return {"id": case["id"], "console": RUN.console, "raised": raised, "end_time": RUN.end_time,
            "coroutines": coroutines, "task_order": RUN.task_order, "passes": RUN.passes}


def cancel_all_tasks_then_stop_counting(loop, cancel_all_tasks=runners._cancel_all_tasks):
    """The simulator ends with `_cancel_all_tasks`; the passes of the async-generator and
    executor shutdowns after it are not counted."""
    cancel_all_tasks(loop)
    RUN.counting = False


def main():
    runners._cancel_all_tasks = cancel_all_tasks_then_stop_counting
    order = sys.argv[sys.argv.index("--order") + 1] if "--order" in sys.argv else "list"
    if order == "list":
        tasks.set = OrderedSet
        if sys.version_info >= (3, 11):
            from asyncio import taskgroups

            taskgroups.set = OrderedSet
        runners.tasks.all_tasks = ordered_all_tasks
    asyncio.set_event_loop_policy(Policy())
    # Never-awaited coroutines and never-retrieved task exceptions are real CPython messages
    # on stderr, not part of what a program prints; keep the test output readable.
    warnings.simplefilter("ignore")
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)
    for line in sys.stdin:
        if line.strip():
            sys.stdout.write(json.dumps(run_one(json.loads(line)), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
