"""One module per tab of the review UI; `TABS` is their order on the page.

A tab is a `Tab` (`base.py`): it builds its widgets (`render`), wires its events (`wire`), says
what the page load fills in (`loaded`, `load`) and shows its own errors in its own message box.
Adding a tab is one module here and one entry in `TABS`.
"""

from __future__ import annotations

from workbench.ui.tabs.base import Tab


def tab_classes() -> list[type[Tab]]:
    """The tabs, in their order on the page."""
    from workbench.ui.tabs.jobs import JobsTab
    from workbench.ui.tabs.quality import QualityTab
    from workbench.ui.tabs.reports import ReportsTab
    from workbench.ui.tabs.review import ReviewTab
    from workbench.ui.tabs.translate import TranslateTab

    return [ReportsTab, ReviewTab, TranslateTab, QualityTab, JobsTab]
