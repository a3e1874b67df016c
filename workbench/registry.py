"""One way to name an implementation: a lazy "module:attr" lookup (after OpusFilter's
`import_class`).

A `Registry` maps the names a user types (an engine, a signal, an executor, a QA check, a job
step, a command) to "module:attr" strings. Nothing is imported until a name is used, so front
ends can list the names at start-up without loading numpy, torch or ray, and a registry can
travel to a worker process as plain text. An unknown name is an `UnknownName` error that
lists the known ones. `call_through` makes a package forward calls to its public function.
"""

from __future__ import annotations

import importlib
import sys
import types
from collections.abc import Iterator, Mapping
from typing import Any

from workbench.errors import UnknownName, WorkbenchError


def resolve(target: str) -> Any:
    """The object "module:attr" names (imported now)."""
    module, _, attr = target.partition(":")
    if not module or not attr:
        raise UnknownName(f"{target!r} does not name an implementation: write it as module:attr.")
    return getattr(importlib.import_module(module), attr)


class Registry(Mapping[str, str]):
    """Names -> "module:attr", in the order they are offered; `aliases` are other spellings
    of a name (not listed, but accepted). `what` names the kind of thing in errors
    ("alignment signal"), `error` is the WorkbenchError class an unknown name raises."""

    def __init__(
        self,
        what: str,
        entries: Mapping[str, str],
        *,
        aliases: Mapping[str, str] | None = None,
        error: type[WorkbenchError] = UnknownName,
    ):
        self.what = what
        self._entries = dict(entries)
        self._aliases = dict(aliases or {})
        self._error = error

    def __getitem__(self, name: str) -> str:
        return self._entries[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries)

    def __len__(self) -> int:
        return len(self._entries)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self._entries)

    def check(self, name: str) -> str:
        """The registered name for `name` (as given, or trimmed and lower-cased, aliases
        followed), or an error that lists the names there are."""
        if name in self._entries:
            return name
        key = str(name).strip().lower()
        key = self._aliases.get(key, key)
        if key not in self._entries:
            raise self._error(f"Unknown {self.what} {name!r}: use one of {', '.join(self)}.")
        return key

    def load(self, name: str) -> Any:
        """The implementation registered as `name` (imported on first use)."""
        return resolve(self._entries[self.check(name)])


def call_through(package: str, target: str) -> None:
    """Calling the module `package` calls `target` ("module:attr", imported on first call).

    `workbench.translate` and `workbench.align` name both a package and the public function
    people call (`workbench.translate(texts, src="en", tgt="ar")`). Importing any module of
    the package makes Python bind the package onto `workbench` after the package has run,
    hiding the lazy function of `workbench.__getattr__`, and nothing the package does can
    undo that binding. So the package module itself forwards calls; Python documents this
    (a `types.ModuleType` subclass set as the module's `__class__`) as the way to customise
    a module. Renaming either package would break `import workbench.translate.api` for the
    people who use it.
    """

    class CallablePackage(types.ModuleType):
        def __call__(self, *args: Any, **kwargs: Any) -> Any:
            return resolve(target)(*args, **kwargs)

    sys.modules[package].__class__ = CallablePackage
