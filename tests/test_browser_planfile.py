"""In a real browser, text from a plan file stays text: no link to another site, no heading, no image fetched;
and an unexpected error shows no details. Debian's chromium via Playwright, as in test_browser.py."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from urllib.parse import urlparse

import pytest

from tests.test_browser import ROOT, browser, free_port, idle, open_page, server, shot  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser
CORPUS = ROOT / "tests" / "corpus" / "plans"
OUTSIDE = "evil.example"


def upload(page, name: str):
    page.locator("[data-testid='stFileUploader'] input[type='file']").set_input_files(str(CORPUS / name))
    idle(page)


def foreign_links(page, own_host: str) -> list[str]:
    hrefs = page.locator("a[href]").evaluate_all("links => links.map(a => a.href)")
    return [h for h in hrefs if urlparse(h).hostname not in (own_host, None)]


def test_text_from_a_plan_file_is_never_rendered(browser, server):  # noqa: F811 (fixtures)
    page = open_page(browser, server)
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    own = urlparse(server).hostname
    page.get_by_role("tab", name="Save or open a plan").click()
    idle(page)

    upload(page, "markdown-notes.json")  # notes, warnings and shortfall reasons full of links and images
    page.get_by_text("Plan opened").wait_for()
    page.get_by_role("tab", name="Your week").click()
    idle(page)
    shot(page, "06-opened-markdown-plan")
    assert page.get_by_text("Oatmeal (cooked with water)").first.is_visible()  # our names, shown as written
    body = page.locator("[data-testid='stMain']").inner_text()
    assert "\\" not in body  # the escaping never shows
    assert page.locator("h1, h2, h3, h4, h5, h6").filter(has_text="heading").count() == 0

    page.get_by_role("tab", name="Save or open a plan").click()
    upload(page, "food-id-markdown.json")  # the message quotes the file's Markdown back
    error = page.locator("[data-testid='stAlert']").filter(has_text="could not be opened")
    error.wait_for()
    shot(page, "07-markdown-food-id")
    shown = error.inner_text().replace("\u2060", "")  # the invisible joiners that stop bare URLs becoming links
    assert "![x](https://evil.example/pixel.png) [click me](https://evil.example/) <img" in shown
    assert error.locator("a, img").count() == 0

    time.sleep(1)  # an image a renderer had let through would be requested by now
    assert foreign_links(page, own) == []
    assert page.locator(f"img[src*='{OUTSIDE}']").count() == 0
    assert [url for url in requests if OUTSIDE in url] == []
    assert requests, "the request listener saw nothing: the check above would prove nothing"


def test_an_unexpected_error_shows_no_details(browser, tmp_path):  # noqa: F811 (fixtures)
    """With the project's config, a script that fails shows no exception text, path or stack trace."""
    script = tmp_path / "fails.py"
    script.write_text("import streamlit as st\nst.title('About to fail')\nraise RuntimeError('secret at /srv/x')\n")
    port = free_port()
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port)],
                            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.time() + 60
        while time.time() < deadline:
            try:
                if urllib.request.urlopen(f"{url}/_stcore/health", timeout=2).read() == b"ok":
                    break
            except OSError:
                time.sleep(0.3)
        page = browser.new_page()
        page.goto(url)
        page.get_by_text("About to fail").wait_for(timeout=60_000)
        idle(page)
        text = page.locator("[data-testid='stMain']").inner_text()
        shot(page, "08-error-without-details")
        assert "secret" not in text and "RuntimeError" not in text and "Traceback" not in text
        assert str(tmp_path) not in text and "fails.py" not in text and "line 3" not in text
        page.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)
