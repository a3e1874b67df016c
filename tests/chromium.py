"""Debian's Chromium driven by Playwright, for every browser test (never `playwright install`)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run", "--disable-sync",
]  # fmt: skip


@contextmanager
def chromium() -> Iterator:
    """A Playwright Browser on Debian's Chromium; a clear failure when it is not installed."""
    if not Path(CHROMIUM).exists():
        pytest.fail("Debian's Chromium is missing: `make system-packages` installs it.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            yield browser
        finally:
            browser.close()
