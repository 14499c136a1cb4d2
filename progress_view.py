"""Planning behind a progress box, for one person's week and a household's alike: the plan runs in the page's worker
pool, the box says the queue place and then how long it took, and a plan that cannot be made is said plainly."""

from __future__ import annotations

import streamlit as st

from planner.extract import PlanError
from planner.page_text import plain, queue_text
from planner.workers import WorkerError


def in_worker(pool, title: str, note: str, fn, *args):
    """Run `fn(*args)` in the page's worker pool behind a progress box that says the queue place, then how long it
    took; its result, or None with the reason shown outside the box (which stays closed)."""
    with st.status(title, expanded=False) as status:
        st.write(note)
        said = [title]

        def waiting(ahead: int | None):  # every planner busy: say where this plan is in the queue
            label = queue_text(ahead, title)
            if label != said[-1]:  # only changes travel to the browser
                said.append(label)
                status.update(label=label)

        try:
            # In a worker process: the server's interpreter stays free for everyone else's page.
            result = pool.run(fn, *args, waiting=waiting)
        except (PlanError, WorkerError, ValueError) as exc:
            status.update(label="No plan", state="error")
            result, error = None, str(exc)
        else:
            found = "" if result.status == "optimal" else " (the best plan found in the time allowed)"
            status.update(label=f"Planned in {result.seconds:.1f} s{found}", state="complete")
    if result is None:
        st.error(plain(error))
    return result
