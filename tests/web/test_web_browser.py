"""The web app in a real browser: Debian's chromium driven by Playwright, against a live server.

One browser and one server for the module (browsers are slow to start on two
cores). The chromium binary is launched by its path, headless and without a
sandbox, with its own HOME; nothing is downloaded. When chromium is missing
(scripts/setup.sh installs it as root) the tests skip, saying why, unless
``CORROBORATE_REQUIRE_BROWSER=1``. ``CORROBORATE_WEB_SCREENSHOT=PATH`` saves the
story page's screenshot there too (how docs/web-story.png is made).
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator

import pytest
import uvicorn

CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
]
VIEWPORT = {"width": 1280, "height": 900}
#: The top of the story page: header, summary and the first claims.
SCREENSHOT_SIZE = {"width": 1280, "height": 1700}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def live_server(client) -> Iterator[str]:
    """The session's read-only app (its briefs already made), served by uvicorn on 127.0.0.1 in a thread."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(client.app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    """Debian's chromium, headless, launched by path (skips when it is not installed)."""
    executable = shutil.which("chromium")
    if executable is None:
        reason = "chromium not found; run scripts/setup.sh as root to install Debian's chromium"
        if os.environ.get("CORROBORATE_REQUIRE_BROWSER") == "1":
            pytest.fail(reason)
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    home = tmp_path_factory.mktemp("chromium-home")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS, env={**os.environ, "HOME": str(home)},
        )
        yield launched
        launched.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport=VIEWPORT)
    opened = context.new_page()
    opened.set_default_timeout(60_000)  # the first story view briefs it (spaCy) unless the cache has it
    yield opened
    context.close()


def test_click_a_citation_and_see_its_passage_highlighted(page, live_server, client, stories, tmp_path) -> None:
    cited = client.get(stories["example"]["api"]).json()["citations"]
    page.goto(f"{live_server}/stories")
    page.get_by_role("link", name=stories["example"]["label"]).click()
    page.wait_for_url(f"**{stories['example']['href']}")
    assert page.locator("h1").inner_text() == stories["example"]["label"]
    assert page.locator("#claims .badge").count() > 0

    screenshot = tmp_path / "web-story.png"
    page.screenshot(path=str(screenshot), full_page=True, clip={"x": 0, "y": 0, **SCREENSHOT_SIZE})
    assert screenshot.stat().st_size > 10_000
    if os.environ.get("CORROBORATE_WEB_SCREENSHOT"):
        shutil.copyfile(screenshot, os.environ["CORROBORATE_WEB_SCREENSHOT"])

    citation = page.locator("#claims a.cite").nth(3)
    number = int(citation.inner_text().strip("[]"))
    expected = cited[number - 1]
    citation.click()
    page.wait_for_url("**/articles/**")
    passage = page.locator("mark#passage")
    assert passage.text_content() == expected["text"]
    # scrolled into view: the highlighted passage is inside the viewport
    box = passage.bounding_box()
    assert box is not None and 0 <= box["y"] < VIEWPORT["height"]
    assert page.evaluate("window.scrollY") > 0 or box["y"] + box["height"] <= VIEWPORT["height"]


def test_hostile_article_runs_nothing_in_the_browser(page, live_server, stories) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{live_server}{stories['hostile']['href']}")
    title = page.locator("h1")
    assert "<script>alert(1)</script>" in title.inner_text()
    title.hover()
    page.locator("#sources h3 a").first.click()
    page.wait_for_url("**/articles/**")
    page.locator("h1").hover()
    page.locator(".article-text").hover()
    assert page.locator("script").count() == 0
    assert dialogs == []
