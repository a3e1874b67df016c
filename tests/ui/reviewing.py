"""A reviewer's browser on the served UI, for the review-screen browser tests."""

from __future__ import annotations

WAIT_MS = 20_000


def review_page(browser, url: str, name: str = "amina", password: str = "correct horse"):
    """A new Chromium context at 1366x768, logged in as `name`, with Erbil water open in the
    Review tab: (context, page)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    page.set_default_timeout(WAIT_MS)
    page.goto(url)
    page.locator("input[data-testid=textbox]").fill(name)
    page.locator("input[type=password]").fill(password)
    page.locator("button.primary").click()
    page.wait_for_selector("#wb-who .wb-notice")
    page.goto(url + "?report=Erbil%20water")
    page.wait_for_selector("#wb-review-table tr[data-bead]")
    return context, page
