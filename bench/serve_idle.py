"""How much CPU an idle `workbench serve` takes (no browser open, nothing to do).

Starts `workbench serve` on a fresh home (the sample corpus loaded), waits until it answers,
then reads the process's utime + stime from /proc/<pid>/stat before and after `--seconds` of
nothing, and prints the share of one core it used. Linux only.

    .venv/bin/python bench/serve_idle.py --seconds 30
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path


def cpu_seconds(pid: int) -> float:
    """utime + stime of the process, in seconds (fields 14 and 15 of /proc/<pid>/stat)."""
    stat = Path(f"/proc/{pid}/stat").read_text()
    fields = stat[stat.rindex(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def serve(home: Path) -> tuple[subprocess.Popen, str]:
    env = {**os.environ, "WORKBENCH_HOME": str(home), "GRADIO_ANALYTICS_ENABLED": "False"}
    subprocess.run(
        [sys.executable, "-m", "workbench", "quickstart", "--no-serve"],
        env=env, check=True, capture_output=True,
    )  # fmt: skip
    from workbench.ui.server import free_port

    process = subprocess.Popen(
        [sys.executable, "-m", "workbench", "serve", "--port", str(free_port())],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env,
    )  # fmt: skip
    for line in process.stdout:  # type: ignore[union-attr]
        found = re.search(r"Review UI: (http://\S+)", line)
        if found:
            return process, found[1]
    raise SystemExit("workbench serve did not say where it serves")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--settle", type=float, default=5.0, help="wait after start-up")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        process, url = serve(Path(home))
        try:
            time.sleep(args.settle)
            before, start = cpu_seconds(process.pid), time.monotonic()
            time.sleep(args.seconds)
            used, wall = cpu_seconds(process.pid) - before, time.monotonic() - start
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(timeout=30)
    print(f"idle workbench serve ({url}): {used:.2f} s CPU in {wall:.0f} s")
    print(f"= {100 * used / wall:.2f} % of one core")
    print(f"load average: {os.getloadavg()}")


if __name__ == "__main__":
    main()
