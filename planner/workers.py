"""Worker processes that plan outside the web server's interpreter, one job each, with a first-come queue.

Why not multiprocessing or ProcessPoolExecutor: under `streamlit run`, sys.modules["__main__"] is the page
itself, so their spawn and forkserver children re-run app.py as "__mp_main__" before taking a job. Each
worker here is a plain `python -m planner.workers`; a job and its answer cross its stdin and stdout as
pickles. A worker ends when its stdin closes (the pool closed it, or the server ended in any way) or
within a second of its parent dying mid-job; the CBC solver it started ends by its own time limit."""

from __future__ import annotations

import contextlib
import os
import pickle
import subprocess
import sys
import threading
import time
import traceback
import weakref
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
POLL_S = 0.25  # how often a queued caller hears its place
WARM = ("planner.model", "planner.extract")  # imported by each worker at start, not during the first job


class WorkerError(RuntimeError):
    """A worker process stopped before it answered, or the pool is closed; the message says what to do."""


def machine_size() -> int:
    """How many workers this machine runs at once: the CPUs this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class _Worker:
    """One worker process; `call` sends a job and waits for its answer."""

    def __init__(self):
        # A session of its own: Ctrl-C in the server's terminal reaches the server, which then closes the pool.
        self.proc = subprocess.Popen([sys.executable, "-m", "planner.workers"], cwd=ROOT, stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, start_new_session=True)

    def call(self, job: bytes):
        try:
            self.proc.stdin.write(job)
            self.proc.stdin.flush()
            ok, value = pickle.load(self.proc.stdout)
        except (OSError, EOFError, pickle.UnpicklingError):
            self.stop()
            raise WorkerError(f"The planning process stopped before it answered (exit code {self.proc.returncode}). "
                              "Please try again.") from None
        if ok:
            return value
        raise value

    def stop(self, timeout_s: float = 5.0) -> None:
        with contextlib.suppress(OSError):  # a dead worker's pipe
            self.proc.stdin.close()  # the worker reads end-of-file and leaves
        try:
            self.proc.wait(timeout_s)
        except subprocess.TimeoutExpired:  # still busy with a job nobody waits for
            self.proc.kill()
            self.proc.wait()
        self.proc.stdout.close()


def _stop_all(workers: list[_Worker]) -> None:
    for worker in list(workers):
        worker.stop(timeout_s=1.0)


class WorkerPool:
    """`size` worker processes (one per CPU by default) behind a first-come queue; safe to share between threads."""

    def __init__(self, size: int | None = None):
        self.size = size or machine_size()
        self._cond = threading.Condition()
        self._workers = [_Worker() for _ in range(self.size)]  # all of them, busy or not
        self._idle = list(self._workers)
        self._queue: list[object] = []  # a ticket per caller waiting for a worker, first come first
        self._closed = False
        self._finalizer = weakref.finalize(self, _stop_all, self._workers)  # also at the server's exit

    def run(self, fn: Callable, *args, waiting: Callable[[int | None], object] | None = None):
        """fn(*args) in a worker process (fn, args and the answer must pickle); its exception is raised here.

        While every worker is busy the call waits its turn: `waiting(ahead)` is called at once and then
        every POLL_S seconds with the number of calls queued before this one (0: it is next), and once
        with None when a worker takes the job. It runs in the caller's thread and may raise to give up."""
        try:
            job = pickle.dumps((fn, args), protocol=pickle.HIGHEST_PROTOCOL)
        except (pickle.PicklingError, AttributeError, TypeError) as exc:  # a lambda, a lock, an open file...
            raise WorkerError(f"This job cannot be sent to a planning process: {exc}.") from exc
        worker = self._take(waiting)
        try:
            if worker.proc.poll() is not None:  # died while idle: a fresh one takes the job
                worker = self._replace(worker)
            return worker.call(job)
        except WorkerError:
            worker = self._replace(worker)
            raise
        finally:
            self._give_back(worker)

    def _take(self, waiting) -> _Worker:
        ticket = object()
        timeout = 0.0
        with self._cond:
            self._queue.append(ticket)
        try:
            while True:
                with self._cond:
                    # first come, first served: the n-th in the queue goes when n workers are idle
                    go = self._cond.wait_for(lambda: self._closed or self._queue.index(ticket) < len(self._idle),
                                             timeout)
                    if self._closed:
                        raise WorkerError("The planner is shutting down; please reload the page.")
                    if go:
                        self._queue.remove(ticket)
                        worker = self._idle.pop()
                        break
                    ahead = self._queue.index(ticket)
                if waiting is not None:
                    waiting(ahead)
                timeout = POLL_S
        except BaseException:
            with self._cond:
                if ticket in self._queue:
                    self._queue.remove(ticket)
                self._cond.notify_all()
            raise
        if waiting is not None:
            try:
                waiting(None)
            except BaseException:
                self._give_back(worker)
                raise
        return worker

    def _replace(self, dead: _Worker) -> _Worker:
        dead.stop(timeout_s=1.0)
        fresh = _Worker()
        with self._cond:
            self._workers[self._workers.index(dead)] = fresh
        return fresh

    def _give_back(self, worker: _Worker) -> None:
        with self._cond:
            closed = self._closed
            if not closed:
                self._idle.append(worker)
                self._cond.notify_all()
        if closed:
            worker.stop()

    def waiting(self) -> int:
        """How many calls are queued for a worker now."""
        with self._cond:
            return len(self._queue)

    def close(self) -> None:
        """Stop the idle workers now and each busy one when its job ends; queued calls get a WorkerError."""
        with self._cond:
            self._closed = True
            idle, self._idle = self._idle, []
            self._cond.notify_all()
        for worker in idle:
            worker.stop()


def _watch_parent(parent: int) -> None:
    """End this worker when the process that started it has gone (it then belongs to init or a subreaper)."""
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(1)


def serve() -> None:
    """A worker's life: read a job from stdin, run it, write (ok, answer) to stdout; end at end-of-file."""
    answers = os.fdopen(os.dup(1), "wb")
    os.dup2(2, 1)  # whatever a job prints goes to stderr, not into the answers
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    for name in WARM:
        __import__(name)
    jobs = sys.stdin.buffer
    while True:
        try:
            fn, args = pickle.load(jobs)
        except EOFError:
            return
        try:
            answer = pickle.dumps((True, fn(*args)), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception as exc:  # the caller gets it, with where it happened
            exc.add_note("In the worker process:\n" + "".join(traceback.format_exception(exc)))
            try:
                answer = pickle.dumps((False, exc), protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                answer = pickle.dumps((False, WorkerError(f"{type(exc).__name__}: {exc}")))
        answers.write(answer)
        answers.flush()


if __name__ == "__main__":
    serve()
