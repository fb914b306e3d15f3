"""CPython side of `cargo bench --bench gather`: runs one generated program on CPython 3.11's own
asyncio with the differential harness's virtual clock (tests/differential/harness.py, imported,
not copied) and times it with time.perf_counter, excluding interpreter start-up.

Input (stdin): one JSON object {"id", "program", "functions", "names"}, as the harness takes it.
Argument: --repeat N (timed runs, default 5).
Output (stdout): one JSON object:
  "check"       the harness's own result for the program (console, raised, end_time, coroutines),
                from a run with the harness's per-coroutine wrappers, for the bench to compare;
  "callbacks"   loop callbacks CPython ran (Handle._run calls), from an untimed run without wrappers;
  "run_one_s"   seconds per timed `run_one` (compile + exec of the program + asyncio.run);
  "asyncio_run_s" seconds per timed `asyncio.run(main())` alone, inside those same runs.
Timed runs pass no `functions` (no wrappers), so the harness adds no wrapper coroutine or done-callback per
coroutine: what is timed is the generated program itself on the virtual-time loop.
"""
import asyncio
import json
import logging
import os
import sys
import time
import warnings

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "differential"))

import harness  # noqa: E402  (the differential test's module: VirtualClockLoop, run_one)
from asyncio import events  # noqa: E402


def setup():
    """What harness.main() does before reading stdin (`--order list`)."""
    harness.tasks.set = harness.OrderedSet
    harness.taskgroups.set = harness.OrderedSet
    harness.runners.tasks.all_tasks = harness.ordered_all_tasks
    asyncio.set_event_loop_policy(harness.Policy())
    warnings.simplefilter("ignore")
    logging.getLogger("asyncio").setLevel(logging.CRITICAL)


class TimedRun:
    """Stands in for `asyncio.run` inside the harness module and times the real one."""

    def __init__(self, real):
        self.real = real
        self.seconds = None

    def __call__(self, main, **kwargs):
        start = time.perf_counter()
        try:
            return self.real(main, **kwargs)
        finally:
            self.seconds = time.perf_counter() - start


def count_callbacks(case):
    real = events.Handle._run
    count = 0

    def counting(self):
        nonlocal count
        count += 1
        return real(self)

    events.Handle._run = counting
    try:
        harness.run_one(case)
    finally:
        events.Handle._run = real
    return count


def main():
    repeat = int(sys.argv[sys.argv.index("--repeat") + 1]) if "--repeat" in sys.argv else 5
    case = json.loads(sys.stdin.read())
    setup()
    check = harness.run_one(case)
    bare = dict(case, functions={})
    callbacks = count_callbacks(bare)
    timed = TimedRun(asyncio.run)
    harness.asyncio.run = timed  # harness.asyncio is this same asyncio module
    run_one_s, asyncio_run_s = [], []
    try:
        for _ in range(repeat):
            start = time.perf_counter()
            harness.run_one(bare)
            run_one_s.append(time.perf_counter() - start)
            asyncio_run_s.append(timed.seconds)
    finally:
        harness.asyncio.run = timed.real
    out = {"check": check, "callbacks": callbacks, "run_one_s": run_one_s, "asyncio_run_s": asyncio_run_s,
           "python": sys.version.split()[0]}
    sys.stdout.write(json.dumps(out, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
