"""Fixtures of the UI tests: a stored sample report, handler contexts and reviewers."""

from __future__ import annotations

import pytest

from tests.review.samples import add_report
from workbench.config import load_settings
from workbench.records import User
from workbench.review.session import Context

REVIEWER = User("amina", "reviewer")
VIEWER = User("omar", "viewer")


@pytest.fixture
def alignment(db):
    """Erbil water in en, ar, ckb: five one-to-one beads, confidence falling bead by bead."""
    return add_report(db)


@pytest.fixture
def ctx(db, home):
    """Handlers' context without accounts (the local user may do everything)."""
    return Context(db, load_settings(), accounts=False, local_name="local")


@pytest.fixture
def accounts_ctx(db, home):
    """Handlers' context with accounts: a reviewer amina and a viewer omar."""
    from workbench.accounts import create_user

    create_user(db, "amina", "correct horse", "reviewer")
    create_user(db, "omar", "battery staple", "viewer")
    return Context(db, load_settings(), accounts=True)
