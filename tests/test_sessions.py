"""Ten people press "Plan my week" at the same moment on one server: each gets a plan, and it is their own."""

from __future__ import annotations

import asyncio
import re
from pathlib import Path

import pytest

from tests.sessions import CHROMIUM, PEOPLE, app_server, plan_together

pytestmark = pytest.mark.browser


def test_ten_sessions_planning_at_once_each_get_their_own_plan():
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's chromium is not installed: run ./scripts/test.sh, which installs it")
    assert len({p.profile() for p in PEOPLE}) == 10
    with app_server() as (url, _):
        outcomes = asyncio.run(plan_together(url, PEOPLE))
    assert [o.person for o in outcomes] == list(PEOPLE)
    for o in outcomes:
        assert "Breakfast" in o.day1 and o.energy_kcal > 0 and o.seconds > 0, o
        # The page compares the plan's targets (and the profile inside them) with the sidebar's details:
        # a plan made for someone else would bring the "details have changed" notice.
        assert not o.stale, f"{o.person} was shown a plan made for other details"
    assert len({o.day1 for o in outcomes}) > 1  # not one plan shown to everybody
    # more people than planners: some waited, and were told their place in the queue
    said = [m for o in outcomes for m in o.queue]
    assert any(re.fullmatch(r"Waiting for a free planner: (\d+ plans? ahead of yours|yours is next)", m) for m in said)
