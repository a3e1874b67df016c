"""Fixtures of the scoring tests."""

from __future__ import annotations

import pytest
from score_store import StoreReport, add_report


@pytest.fixture
def store_report(db) -> StoreReport:
    """The report "annual-2024" in English, Arabic and Sorani, translated and aligned."""
    return add_report(db)
