"""A reviewer's browser on the served UI, for the review-screen browser tests: the served app
of Erbil water in four languages (`app`, one per test module) and a reviewer's logged-in page
on it (`page`). A test module takes the fixtures with
`app, page = reviewing.app, reviewing.page`."""

from __future__ import annotations

from contextlib import contextmanager

import pytest

WAIT_MS = 20_000
LANGS = ("en", "ar", "ckb", "kmr")


def review_page(
    browser,
    url: str,
    name: str = "amina",
    password: str = "correct horse",
    report: str = "Erbil water",
):
    """A new Chromium context at 1366x768, logged in as `name`, with `report` open in the
    Review tab: (context, page)."""
    from urllib.parse import quote

    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    page.locator("input[data-testid=textbox]").fill(name)
    page.locator("input[type=password]").fill(password)
    with page.expect_navigation():  # the login page moves on to the app by itself
        page.locator("button.primary").click()
    page.wait_for_selector("#wb-who .wb-notice")
    page.wait_for_load_state("load")  # else our goto can cut that navigation short (ERR_ABORTED)
    page.goto(url + "?report=" + quote(report))
    page.wait_for_selector("#wb-review-table tr[data-bead]")
    return context, page


@contextmanager
def serving(db, settings, alignment):
    """The UI served on `db` for the time of the `with`: (running server, db, alignment)."""
    from workbench.ui import server

    running = server.start(settings, db)
    try:
        yield running, db, alignment
    finally:
        running.stop()
        db.close()


@pytest.fixture(scope="module")
def app(tmp_path_factory, tiny_model):
    """The served app: (running server, database, Erbil water's alignment)."""
    from tests.review.samples import served_store

    folder = tmp_path_factory.mktemp("review")
    with serving(*served_store(folder, tiny_model, LANGS)) as served:
        yield served


@pytest.fixture
def page(app, browser):
    """amina's page with Erbil water open in the Review tab."""
    context, tab = review_page(browser, app[0].url)
    yield tab
    context.close()
