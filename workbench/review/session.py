"""Who is acting, on which store, with which settings: what every reviewer's call starts from.

The reviewer is resolved on the server for every call (`Context.user`): with accounts from the
login, read now from the store; without (the UI on loopback only) the person at this machine.
"""

from __future__ import annotations

import getpass
import re
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from workbench.config import Settings
from workbench.errors import PermissionDenied
from workbench.records import User
from workbench.review.machine import Translators
from workbench.review.quality import bead_scores
from workbench.review.rows import Sources
from workbench.store import users
from workbench.store.db import Database


@dataclass
class Context:
    """What every handler needs: the store, the settings, and whether accounts are on."""

    db: Database
    settings: Settings
    accounts: bool
    sources: Sources = field(default_factory=Sources)
    local_name: str = field(default_factory=lambda: _os_user())
    _exports: Path | None = None
    _translators: Translators | None = None

    def __post_init__(self) -> None:
        if self.sources.bead_scores is None:  # the scores `workbench score` stored
            self.sources.bead_scores = bead_scores(self.db)

    @property
    def translators(self) -> Translators:
        """The translators the MT column and the Translate tab use, made on first use."""
        if self._translators is None:
            self._translators = Translators(self.settings, self.db)
        return self._translators

    @property
    def exports(self) -> Path:
        """A private folder for files on their way to the browser."""
        if self._exports is None:
            self._exports = Path(tempfile.mkdtemp(prefix="workbench-exports-"))
        return self._exports

    def user(self, username: str | None) -> User:
        """Who is acting. With accounts the logged-in name, its role read now from the store;
        without (loopback only) the person at this machine, who may do everything."""
        if not self.accounts:
            return User(self.local_name, "admin")
        if not username:
            raise PermissionDenied("Log in first: this workbench has reviewer accounts.")
        return users.get_user(self.db, username)


def _os_user() -> str:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "local"
    return re.sub(r"[^\w.@-]", "_", name)[:64] or "local"
