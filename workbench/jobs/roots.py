"""Where a job started from the UI or its API may read and write: inside the job roots.

Whoever starts a job at the browser is not the machine's user, and a spec names paths on the
server: without a fence a reviewer could ingest any file the server can read and write
outputs wherever it can write. So the output of such a job must lie inside one of the job
roots (the setting `job_roots`, default `<home>/jobs`) and its inputs inside a job root or
the sample corpus, checked after resolving links and `..` — the spec's own paths first,
before anything on the disk is listed, then every file found. `workbench job run` (the
machine's own user, at its own terminal) is not held to them.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from workbench.errors import JobSpecError
from workbench.jobs.inputs import Inputs, literal_part
from workbench.jobs.spec import JobSpec

ADVICE = "The server's admin can allow more folders with job_roots in workbench.toml."


def check_spec_paths(spec: JobSpec, write: Sequence[Path], read: Sequence[Path]) -> None:
    """Refuse a spec whose output is outside `write`, or one of whose inputs (a glob: the
    folder it starts from) is outside `read`. Nothing is listed or read."""
    if not _inside(spec.output, write):
        raise JobSpecError(
            f"The job spec's output {spec.output} is outside the folders a job started here "
            f"may write into ({_listed(write)}): write into one of them. {ADVICE}"
        )
    for entry in spec.inputs:
        target = spec.base / Path(entry).expanduser()
        if not _inside(literal_part(target), read):
            raise _outside(f"the input {entry!r} ({target})", read)


def check_found(found: Inputs, read: Sequence[Path]) -> None:
    """Refuse inputs whose files, links resolved, lie outside `read` (a glob's ** follows
    links to folders)."""
    for path in found.files():
        if not _inside(path, read):
            raise _outside(f"the input file {path}", read)


def _inside(path: Path, roots: Sequence[Path]) -> bool:
    real = path.resolve()
    return any(real == root.resolve() or real.is_relative_to(root.resolve()) for root in roots)


def _outside(what: str, read: Sequence[Path]) -> JobSpecError:
    return JobSpecError(
        f"The job spec: {what} is outside the folders a job started here may read "
        f"({_listed(read)}): put the files into one of them. {ADVICE}"
    )


def _listed(roots: Sequence[Path]) -> str:
    return ", ".join(str(root) for root in roots)
