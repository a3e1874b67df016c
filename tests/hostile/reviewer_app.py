"""A served app with a reviewer, for hostile tests that go through the HTTP API as a client
would: the sample report Erbil water (en, ar, ckb), a reviewer amina, and the data folder
the server keeps (its `jobs/` folder is the default job root)."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

PASSWORD = "correct horse battery"


@dataclass
class ReviewerApp:
    client: Any  # gradio_client.Client, logged in as amina
    db: Any
    home: Path
    alignment_id: int
    bead_ids: list[int]

    @property
    def jobs(self) -> Path:
        return self.home / "jobs"

    def call_raw(self, api_name: str, body: str) -> tuple[str, str]:
        """POST `body` (JSON text, as any HTTP client may write it: "\\ud800" included, which
        gradio_client cannot send) to /call/v2/API_NAME as amina, then read the answer:
        ("complete", its data as JSON text) or ("error", the message)."""
        import httpx

        base = self.client.src.rstrip("/") + "/gradio_api/call/v2/" + api_name.lstrip("/")
        with httpx.Client(cookies=self.client.cookies, timeout=60) as http:
            posted = http.post(base, content=body.encode("ascii"),
                               headers={"content-type": "application/json"})  # fmt: skip
            posted.raise_for_status()
            answer = http.get(f"{base}/{posted.json()['event_id']}").text
        events = re.findall(r"^event: (\w+)\ndata: (.*)$", answer, re.MULTILINE)
        kind, data = events[-1]
        found = json.loads(data)
        return kind, found.get("error") or "" if isinstance(found, dict) else str(found)


@contextmanager
def reviewer_app(home: Path, **settings: Any) -> Iterator[ReviewerApp]:
    from gradio_client import Client

    from tests.ui.samples import add_report
    from workbench.accounts import create_user
    from workbench.config import load_settings
    from workbench.store import alignments
    from workbench.store.db import open_database
    from workbench.ui import server

    db = open_database(home / "ui.db")
    alignment = add_report(db)
    create_user(db, "amina", PASSWORD, "reviewer")
    running = server.start(load_settings({"home": home, **settings}), db)
    client = Client(running.url, auth=("amina", PASSWORD), verbose=False)
    beads = [b.id or 0 for b in alignments.current_beads(db, alignment.id or 0)]
    try:
        yield ReviewerApp(client, db, home, alignment.id or 0, beads)
    finally:
        client.close()
        running.stop()
        db.close()
