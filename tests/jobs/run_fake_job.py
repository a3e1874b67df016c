"""Run a job with the fake steps in a process of its own (the crash tests kill it).

python tests/jobs/run_fake_job.py DATABASE SPEC [local|ray]
"""

from __future__ import annotations

import sys


def main() -> None:
    from tests.jobs.fake_steps import FAKE_STEPS
    from workbench.jobs import api
    from workbench.jobs.registry import register_step
    from workbench.store.db import open_database

    for name, target in FAKE_STEPS.items():
        register_step(name, target)
    db = open_database(sys.argv[1])
    executor = sys.argv[3] if len(sys.argv) > 3 else "local"
    summary = api.run_job(sys.argv[2], db=db, executor=executor, workers=2)
    print(summary["status"], summary["ran"])


if __name__ == "__main__":
    main()
