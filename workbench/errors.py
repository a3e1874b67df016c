"""Errors a user can act on.

Every error the workbench raises on purpose is a `WorkbenchError`. Its message says what went
wrong *and what to do next*; the CLI prints it without a traceback and exits with `exit_code`.
"""

from __future__ import annotations

# The exit status of the command line for each outcome; an error's `exit_code` is one of
# these. Listed in `workbench --help` and docs/cli.md.
EXIT_CODES = {
    0: "done",
    1: "failed (the store, a job, a job with failed items)",
    2: "bad input: a file, value, setting or language that cannot be used",
    3: "not found: no such report, document, alignment, job or user",
    4: "a translation model is not on this machine",
    5: "not allowed: your role does not permit it",
    6: "conflict: someone changed it first, or it exists already",
    70: "internal error (a bug: the crash log says where)",
    130: "interrupted",
}


class WorkbenchError(Exception):
    """Base class: a problem the user can fix. `str(err)` is the whole message."""

    exit_code = 1


class ConfigError(WorkbenchError):
    """A setting in workbench.toml, the environment or a flag is wrong."""

    exit_code = 2


class InputError(WorkbenchError):
    """A file or value given by the user cannot be used as it is."""

    exit_code = 2


class UnknownName(InputError):
    """A name (an engine, signal, metric, format, executor, check or step) that is not one of
    those the workbench knows; the message lists them."""


class LanguageError(InputError):
    """A language code the workbench does not know."""


class NotFound(WorkbenchError):
    """A report, document, alignment, job or user that does not exist."""

    exit_code = 3


class StoreError(WorkbenchError):
    """The database cannot be opened, migrated or written."""


class ModelNotAvailable(WorkbenchError):
    """A translation model is not on this machine."""

    exit_code = 4


class PermissionDenied(WorkbenchError):
    """The user's role does not allow this action."""

    exit_code = 5


class JobError(WorkbenchError):
    """A batch job cannot be started, resumed or cancelled."""


class JobSpecError(InputError):
    """A job spec (TOML or JSON) is missing a field or has a wrong value in one."""


class StepFailed(JobError, InputError):
    """A job run on the user's behalf (a UI button, quickstart) stopped at an item; the
    message is the step's own, which says what to do."""


class UnknownReport(JobSpecError, NotFound):
    """A job spec names a stored report that the store does not have."""

    exit_code = 3


class Conflict(WorkbenchError):
    """Someone else changed the same bead first (the action was not applied), or what was to
    be made exists already."""

    exit_code = 6


class EditConflict(Conflict):
    """A text changed since the reviewer started editing it. `current` holds the texts as they
    are now (column -> text), so a screen can show them and let the reviewer decide."""

    def __init__(self, message: str, current: dict[int, str]):
        super().__init__(message)
        self.current = current


class ReadOnlyStore(StoreError):
    """The database can be read but not written (a read-only file, folder or disk); `why`
    says which, in SQLite's or the system's words."""

    why = ""
