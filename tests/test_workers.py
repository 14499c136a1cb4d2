"""The pool of planning processes: same plans as in-process, clear errors, a fair queue, no orphans."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from planner.foods import FoodFilter, UnknownFoodError
from planner.model import plan_week
from planner.settings import PlanSettings
from planner.targets import Profile, targets_for
from planner.workers import WorkerError, WorkerPool


@pytest.fixture(scope="module")
def pool():
    p = WorkerPool(2)
    yield p
    p.close()


def job(foods, profile: Profile, seed: int):
    rule = FoodFilter(pregnant_or_lactating=profile.condition != "none")
    # a generous time limit, so the solver's answer depends on the seed alone, not on the machine's load
    return foods, targets_for(profile), PlanSettings(days=3, food_filter=rule, seed=seed, time_limit_s=30)


def menu(plan):
    return plan.days, plan.daily_totals, plan.shortfalls, plan.status, plan.targets


def test_two_plans_in_parallel_match_the_same_plans_made_in_process(pool, foods):
    jobs = [job(foods, Profile("female", 31, pregnancy_trimester=2), 4), job(foods, Profile("male", 45), 7)]
    answers, heard = [None, None], []

    def plan(i):
        answers[i] = pool.run(plan_week, *jobs[i], waiting=heard.append)

    threads = [threading.Thread(target=plan, args=(i,)) for i in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert heard == [None, None]  # two workers: neither waited in the queue
    for answer, args in zip(answers, jobs, strict=True):
        assert menu(answer) == menu(plan_week(*args))
    assert answers[0].targets.profile.pregnancy_trimester == 2 and answers[1].targets.profile.sex == "male"


def test_a_failing_job_raises_its_own_error_and_the_pool_goes_on(pool, foods):
    foods_, targets, _ = job(foods, Profile("female", 30), 0)
    with pytest.raises(UnknownFoodError, match="unknown food id 'sardine'"):
        pool.run(plan_week, foods_, targets, PlanSettings(liked=("sardine",)))
    assert pool.run(divmod, 7, 2) == (3, 1)


def test_a_worker_that_dies_gives_a_clear_error_and_is_replaced(pool):
    with pytest.raises(WorkerError, match=r"stopped before it answered \(exit code 3\)"):
        pool.run(os._exit, 3)
    assert {pool.run(os.getpid) for _ in range(4)} <= {w.proc.pid for w in pool._workers}
    assert all(w.proc.poll() is None for w in pool._workers)


def test_a_job_that_cannot_be_sent_fails_at_once(pool):
    with pytest.raises(WorkerError, match="cannot be sent to a planning process"):
        pool.run(lambda: 1)
    with pytest.raises(WorkerError, match="cannot be sent to a planning process"):
        pool.run(divmod, threading.Lock(), 1)
    assert pool.waiting() == 0


def until(condition, timeout_s: float = 30) -> bool:
    deadline = time.time() + timeout_s
    while not condition() and time.time() < deadline:
        time.sleep(0.01)
    return condition()


def test_the_queue_tells_each_caller_its_place(tmp_path):
    pool = WorkerPool(1)
    gate = tmp_path / "gate"
    os.mkfifo(gate)  # reading it blocks the one worker until the test writes to it
    heard: dict[str, list] = {"first": [], "second": [], "quitter": [], "third": []}

    def call(name, fn, *args):
        def waiting(ahead):
            heard[name].append(ahead)
            if name == "quitter" and len(heard[name]) == 2:
                raise KeyboardInterrupt  # as a page left before its turn
        with contextlib.suppress(KeyboardInterrupt):
            pool.run(fn, *args, waiting=waiting)

    threads = {"first": threading.Thread(target=call, args=("first", Path.read_text, gate))}
    try:
        threads["first"].start()
        assert until(lambda: heard["first"] == [None])
        for n, name in enumerate(("second", "quitter", "third"), 1):
            threads[name] = threading.Thread(target=call, args=(name, divmod, 1, 1))
            threads[name].start()
            assert until(lambda n=n: pool.waiting() == n)
        threads["quitter"].join(30)
        assert heard["quitter"] == [1, 1] and pool.waiting() == 2
        assert until(lambda: 1 in heard["third"])  # moved up when the quitter left
        gate.write_text("open")
        for t in threads.values():
            t.join(30)
        assert heard["first"] == [None]
        assert set(heard["second"]) == {0, None} and heard["second"][-1] is None
        places = heard["third"][:-1]
        assert places[0] == 2 and places == sorted(places, reverse=True) and heard["third"][-1] is None
        assert pool.waiting() == 0
    finally:
        pool.close()


def test_workers_end_with_the_process_that_started_them():
    code = ("import sys, threading, time; from planner.workers import WorkerPool; p = WorkerPool(2);"
            "p.run(divmod, 1, 1); threading.Thread(target=p.run, args=(time.sleep, 120), daemon=True).start()\n"
            "while len(p._idle) == 2: time.sleep(0.01)\n"  # one worker busy for two minutes, one idle
            "print(*[w.proc.pid for w in p._workers], flush=True); sys.stdin.read()")
    server = subprocess.Popen([sys.executable, "-c", code], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parents[1])
    pids = [int(p) for p in server.stdout.readline().split()]
    assert len(pids) == 2 and all(alive(p) for p in pids)
    server.send_signal(signal.SIGKILL)  # no goodbye: the workers must notice on their own
    server.wait()
    deadline = time.time() + 10
    while any(alive(p) for p in pids) and time.time() < deadline:
        time.sleep(0.1)
    assert not any(alive(p) for p in pids)


def alive(pid: int) -> bool:
    """Running, not a zombie waiting for its parent to read its exit."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False
