"""The review UI as its own process (`python -m workbench ... serve`), as a user starts it.

Its output goes to a file the test can read afterwards (the server's log); it is stopped with
Ctrl+C (SIGINT), or killed, and never outlives the test.
"""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

STARTUP_S = 120


@dataclass
class Served:
    process: subprocess.Popen
    url: str
    log: Path

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def stop(self) -> int:
        """Ctrl+C, then a kill if it has not stopped within 30 s; returns the exit code."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
            try:
                return self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
        return self.process.wait(timeout=30)

    def kill(self) -> None:
        """kill -9: no chance to finish anything."""
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)


def serve(
    args: list[str],
    home: Path,
    log: Path,
    *,
    env: dict | None = None,
    port: int = 0,
    program: tuple[str, ...] = ("-m", "workbench"),
) -> Served:
    """Start `python -m workbench ARGS` (a command that serves) and wait for its URL.
    `program` may replace `-m workbench` by `-c SCRIPT` that ends by calling the CLI."""
    from workbench.ui.server import free_port

    environment = {**os.environ, "WORKBENCH_HOME": str(home), **(env or {})}
    environment["WORKBENCH_PORT"] = str(port or free_port())
    with open(log, "w", encoding="utf-8") as out:
        process = subprocess.Popen(
            [sys.executable, *program, *args],
            stdout=out, stderr=subprocess.STDOUT, env=environment,
        )  # fmt: skip
    served = Served(process, "", log)
    deadline = time.monotonic() + STARTUP_S
    while time.monotonic() < deadline and process.poll() is None:
        found = re.search(r"Review UI: (http://\S+)", served.output())
        if found:
            served.url = found[1]
            return served
        time.sleep(0.2)
    served.stop()
    raise AssertionError("the UI did not say where it serves:\n" + served.output())
