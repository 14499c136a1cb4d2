"""Many people planning at once: one app server, 1, 5 and 10 browser sessions pressing "Plan my week" together.

    python benchmarks/bench_sessions.py [--sessions 1,5,10] [--rounds 2] [--browser-nice 19]
    python benchmarks/bench_sessions.py --planning-only     # no server, no browsers: planning alone

For each round: median and max seconds from the click to the plan's Day 1 tab being visible; the CPU
seconds spent by the server's interpreter, by the planner's worker processes and by the CBC solvers;
the memory of the server process and all its children (RSS summed, and PSS, which counts shared pages
once) before, at its peak and after; and the load average, since the figures mean little on a busy machine.
With --planning-only: the same people's plans started together from threads of one process, first each
in its own thread (as the page did before planner/workers.py), then through a WorkerPool; seconds from
the start to each plan. This leaves out the browsers, which on a 2-core machine take most of the CPU.
Needs Linux (/proc) and Debian's chromium. Prints figures; it is not a test and asserts nothing."""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from planner.settings import PlanSettings  # noqa: E402
from planner.targets import targets_for  # noqa: E402
from tests.sessions import PEOPLE, app_server, plan_together  # noqa: E402


def family(pid: int) -> list[int]:
    """The process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo += children.get(p, [])
    return out


def memory_mb(pid: int) -> tuple[float, float, int, float]:
    """(RSS summed, PSS summed, number of processes, RSS of the server alone) over the process and its
    descendants, in MB."""
    rss = pss = own = 0
    pids = family(pid)
    for p in pids:
        try:
            for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss += int(line.split()[1])
                    own += int(line.split()[1]) if p == pid else 0
                elif line.startswith("Pss:"):
                    pss += int(line.split()[1])
        except OSError:  # ended meanwhile
            continue
    return rss / 1024, pss / 1024, len(pids), own / 1024


TICK = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> dict[str, float]:
    """CPU seconds so far: the server's own interpreter, its live child processes (planner workers) and all
    processes they started and waited for (CBC solvers: counted once they end)."""
    out = {"server": 0.0, "workers": 0.0, "solvers": 0.0}
    for p in family(pid):
        try:
            fields = Path(f"/proc/{p}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        own, ended_children = (int(fields[11]) + int(fields[12])) / TICK, (int(fields[13]) + int(fields[14])) / TICK
        if p == pid:
            out["server"] += own
        elif "planner.workers" in Path(f"/proc/{p}/cmdline").read_bytes().decode(errors="replace"):
            out["workers"] += own
        else:
            out["solvers"] += own  # a solver still running
        out["solvers"] += ended_children
    return out


def machine_busy_seconds() -> float:
    """CPU seconds the whole machine has spent busy (all processes, including browsers and other users)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    return (sum(values) - values[3] - values[4]) / TICK  # minus idle and iowait


class Peak(threading.Thread):
    """Samples the server's memory every 0.2 s while a round runs."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.rss, self.procs, self.done = pid, 0.0, 0, threading.Event()

    def run(self):
        while not self.done.wait(0.2):
            rss, _, procs, _ = memory_mb(self.pid)
            self.rss, self.procs = max(self.rss, rss), max(self.procs, procs)


def show_memory(when: str, pid: int) -> None:
    rss, pss, procs, own = memory_mb(pid)
    print(f"  server memory {when}: RSS {rss:.0f} MB, PSS {pss:.0f} MB over {procs} processes "
          f"(the server process alone: RSS {own:.0f} MB)", flush=True)


def one_round(url: str, pid: int, n: int, label: str) -> None:
    """n sessions press "Plan my week" together; print the waits, CPU and memory of the server."""
    peak = Peak(pid)
    peak.start()
    start = {}  # counters at the clicks: opening the pages and entering details are not counted

    def at_click():
        start.update(cpu=cpu_seconds(pid), busy=machine_busy_seconds(), load=os.getloadavg()[0])

    outcomes = asyncio.run(plan_together(url, PEOPLE[:n], at_click=at_click))
    cpu, busy = cpu_seconds(pid), machine_busy_seconds() - start["busy"]
    peak.done.set()
    peak.join()
    waits = sorted(o.seconds for o in outcomes)
    wrong = sum(o.stale for o in outcomes)
    cut = sum(o.cut_short for o in outcomes)
    print(f"{label}: click to plan median {statistics.median(waits):.1f} s, max {waits[-1]:.1f} s; "
          f"{cut} stopped by the time limit; peak RSS {peak.rss:.0f} MB over {peak.procs} processes; "
          f"load at the clicks {start['load']:.2f}"
          f"{f'; {wrong} WRONG PLANS' if wrong else ''}", flush=True)
    print("  CPU seconds from the clicks to the last plan: "
          + ", ".join(f"{k} {cpu[k] - start['cpu'][k]:.1f}" for k in cpu)
          + f"; whole machine {busy:.1f} (browsers and anything else running included)")
    said = sum(bool(o.queue) for o in outcomes)
    if said:
        print(f"  {said} of {n} sessions were told their place in the queue, e.g. {outcomes[-1].queue}")
    show_memory("after", pid)


def planning_only(sizes, rounds: int) -> None:
    """n plans started together: in threads of this interpreter, then through a pool of worker processes."""
    import time

    from planner.foods import FoodFilter, load_foods
    from planner.model import plan_week
    from planner.workers import WorkerPool

    foods = load_foods()
    jobs = []
    for person in PEOPLE:
        rule = FoodFilter(pregnant_or_lactating=person.profile().condition != "none")
        jobs.append((foods, targets_for(person.profile()), PlanSettings(food_filter=rule)))
    pool = WorkerPool()
    pool.run(divmod, 1, 1)  # the workers have started

    def together(n: int, call) -> tuple[list[float], int]:
        done, statuses = [0.0] * n, []
        start = time.perf_counter()

        def one(i):
            statuses.append(call(plan_week, *jobs[i]).status)
            done[i] = time.perf_counter() - start

        threads = [threading.Thread(target=one, args=(i,)) for i in range(n)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return sorted(done), sum(s != "optimal" for s in statuses)

    for n in sizes:
        for way, call in (("threads in one process", lambda fn, *a: fn(*a)), (f"pool of {pool.size}", pool.run)):
            for r in range(rounds):
                waits, cut = together(n, call)
                print(f"{n:2} plans at once, {way:22} round {r + 1}: median {statistics.median(waits):.1f} s, "
                      f"max {waits[-1]:.1f} s; {cut} stopped by the time limit; load {os.getloadavg()[0]:.2f}",
                      flush=True)
    pool.close()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--sessions", default="1,5,10", help="comma-separated numbers of sessions (at most 10)")
    ap.add_argument("--rounds", type=int, default=2, help="rounds per number of sessions")
    ap.add_argument("--browser-nice", type=int, default=0,
                    help="run this script and the browsers at this lower CPU priority (19: the lowest), as if the "
                         "browsers were on the people's own machines and not sharing the server's cores")
    ap.add_argument("--planning-only", action="store_true", help="no server and no browsers (see above)")
    args = ap.parse_args()
    if args.planning_only:
        print(f"{os.cpu_count()} CPUs; load average at start {os.getloadavg()[0]:.2f}", flush=True)
        return planning_only([int(s) for s in args.sessions.split(",")], args.rounds)
    print(f"{os.cpu_count()} CPUs; load average at start {os.getloadavg()[0]:.2f}; browsers at nice "
          f"{args.browser_nice}", flush=True)
    with app_server() as (url, proc):
        os.nice(args.browser_nice)  # after the server started: it and its workers keep the normal priority
        show_memory("at start", proc.pid)
        for n in (int(s) for s in args.sessions.split(",")):
            for r in range(args.rounds):
                one_round(url, proc.pid, n, f"{n:2} sessions, round {r + 1}")
    print(f"load average at end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
