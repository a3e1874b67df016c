"""How long `workbench --help` takes, against a bare `python -c pass`, measured side by side.

python bench/cli_startup.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time


def timed(argv: list[str], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, check=True, stdout=subprocess.DEVNULL)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "workbench --help": [sys.executable, "-m", "workbench", "--help"],
        "workbench --version": [sys.executable, "-m", "workbench", "--version"],
        "workbench reports --help": [sys.executable, "-m", "workbench", "reports", "--help"],
    }
    results = {}
    for _ in range(2):  # interleave rounds so machine noise hits every command alike
        for name, argv in commands.items():
            results.setdefault(name, []).extend(timed(argv, args.runs // 2))
    base = statistics.median(results["python -c pass"])
    print(f"{'command':28} {'median ms':>10} {'min ms':>8} {'over bare python':>17}")
    for name, times in results.items():
        med = statistics.median(times)
        print(
            f"{name:28} {med * 1000:10.1f} {min(times) * 1000:8.1f} {(med - base) * 1000:14.1f} ms"
        )


if __name__ == "__main__":
    main()
