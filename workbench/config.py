"""Settings: defaults < workbench.toml < WORKBENCH_* environment < command-line flags.

One typed, frozen object, built by `load_settings()` (never at import). The TOML file is the
one named by `--config` / `WORKBENCH_CONFIG`, else `./workbench.toml`, else
`<home>/workbench.toml`. Keys are the field names below; `[models]` maps a direction such as
`"en-ar"` to a Hugging Face model id or a local folder. A list (`allowed_hosts`, `job_roots`)
is a TOML array, or in the environment comma-separated names
(WORKBENCH_ALLOWED_HOSTS="a.org,b.org") or folders separated by the system's path separator
(WORKBENCH_JOB_ROOTS="/srv/reports:/srv/outputs").
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
import types
import typing
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from workbench.errors import ConfigError

ENV_PREFIX = "WORKBENCH_"


def default_home() -> Path:
    return Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share") / "workbench"


@dataclass(frozen=True)
class Settings:
    """Everything the workbench can be told. Paths are absolute once loaded."""

    home: Path = field(default_factory=default_home)
    database: Path | None = None  # default: <home>/workbench.db
    models_dir: Path | None = None  # default: <home>/models
    offline: bool = True  # HF_HUB_OFFLINE=1 unless a command explicitly downloads
    host: str = "127.0.0.1"
    port: int = 7860
    allowed_hosts: tuple[str, ...] = ()  # more names the UI answers to (docs/security.md)
    engine: str = "auto"  # auto | hf | ct2
    device: str = "auto"  # auto | cpu | cuda
    beam: int = 4
    batch_tokens: int = 4096
    workers: int = 0  # 0: one per core
    max_upload_mb: int = 50
    # What one file may hold (see workbench.userfiles.Limits and docs/security.md).
    max_report_mb: int = 20  # a report file (.txt .md .html .docx), and the text a .docx holds
    max_import_mb: int = 100  # a TMX, XLIFF, TSV or JSONL file to import, or a file of lines
    max_unpacked_mb: int = 200  # what a .docx's parts may unpack to, all together
    max_paragraphs: int = 100_000  # paragraphs in one report file
    max_sentences: int = 200_000  # sentences of one document, units of one imported file
    # Folders the UI's and the API's jobs may read from and write into (default: <home>/jobs);
    # the CLI (`workbench job run`) is not held to them.
    job_roots: tuple[Path, ...] = ()
    log_level: str = "WARNING"
    models: Mapping[str, str] = field(default_factory=dict)

    @property
    def database_path(self) -> Path:
        return self.database or self.home / "workbench.db"

    @property
    def models_path(self) -> Path:
        return self.models_dir or self.home / "models"

    @property
    def job_folders(self) -> tuple[Path, ...]:
        """The folders UI and API jobs are held to: `job_roots`, else <home>/jobs."""
        return self.job_roots or (self.home / "jobs",)

    def replace(self, **changes: Any) -> Settings:
        return dataclasses.replace(self, **changes)


def load_settings(
    overrides: Mapping[str, Any] | None = None,
    *,
    config_file: Path | None = None,
    environ: Mapping[str, str] | None = None,
) -> Settings:
    """Build the settings from every layer. `overrides` are the CLI flags (None = not given)."""
    environ = os.environ if environ is None else environ
    overrides = {k: v for k, v in (overrides or {}).items() if v is not None}
    from_env = _from_environment(environ)
    home = Path(overrides.get("home") or from_env.get("home") or default_home())
    toml_path = config_file or _find_config_file(environ, home)
    values: dict[str, Any] = {}
    if toml_path is not None:
        values.update(_read_toml(toml_path))
    values.update(from_env)
    values.update(overrides)
    return _build(values, source=str(toml_path or "defaults"))


def _find_config_file(environ: Mapping[str, str], home: Path) -> Path | None:
    if environ.get(ENV_PREFIX + "CONFIG"):
        return Path(environ[ENV_PREFIX + "CONFIG"])
    for candidate in (Path.cwd() / "workbench.toml", home / "workbench.toml"):
        if candidate.is_file():
            return candidate
    return None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(
            f"Config file {path} does not exist: create it or drop --config."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"Config file {path} is not valid TOML ({exc}): fix that line.") from None


def _from_environment(environ: Mapping[str, str]) -> dict[str, str]:
    names = {f.name for f in dataclasses.fields(Settings)} - {"models"}
    found = {}
    for key, value in environ.items():
        if key.startswith(ENV_PREFIX) and key[len(ENV_PREFIX) :].lower() in names:
            found[key[len(ENV_PREFIX) :].lower()] = value
    return found


def _build(values: Mapping[str, Any], *, source: str) -> Settings:
    hints = typing.get_type_hints(Settings)
    known = {f.name for f in dataclasses.fields(Settings)}
    unknown = sorted(set(values) - known)
    if unknown:
        raise ConfigError(
            f"Unknown setting(s) {', '.join(unknown)} in {source}: "
            f"valid names are {', '.join(sorted(known))}."
        )
    kwargs = {name: _coerce(name, value, hints[name]) for name, value in values.items()}
    for name, value in kwargs.items():
        if name.startswith("max_") and value < 1:
            raise ConfigError(f"Setting {name!r} is {value}; a limit must be at least 1.")
    settings = Settings(**kwargs)
    home = settings.home.expanduser().absolute()
    return settings.replace(
        home=home,
        database=settings.database and settings.database.expanduser().absolute(),
        models_dir=settings.models_dir and settings.models_dir.expanduser().absolute(),
        job_roots=tuple((home / root.expanduser()).absolute() for root in settings.job_roots),
    )


def _coerce(name: str, value: Any, hint: Any) -> Any:
    base = _non_optional(hint)
    try:
        if base is Path:
            return Path(value)
        if base is bool:
            return _to_bool(value)
        if base is int:
            if isinstance(value, bool):
                raise ValueError(value)
            return int(value)
        if base is str:
            return str(value)
        if base is tuple:
            return _items(value, typing.get_args(hint)[0])
        if isinstance(value, Mapping):
            return {str(k): str(v) for k, v in value.items()}
    except (TypeError, ValueError):
        pass
    raise ConfigError(f"Setting {name!r} has the value {value!r}, which is not a {_label(base)}.")


def _items(value: Any, kind: type) -> tuple[Any, ...]:
    """A list setting: a TOML array (or the flags' tuple), or from the environment one text,
    split at commas (names) or at the system's path separator (folders)."""
    if isinstance(value, str):
        value = value.split(os.pathsep if kind is Path else ",")
    if not isinstance(value, (list, tuple)) or not all(isinstance(i, (str, Path)) for i in value):
        raise ValueError(value)
    return tuple(kind(str(item).strip()) for item in value if str(item).strip())


def _non_optional(hint: Any) -> Any:
    if isinstance(hint, types.UnionType) or typing.get_origin(hint) is typing.Union:
        args = [a for a in typing.get_args(hint) if a is not type(None)]
        return args[0]
    return typing.get_origin(hint) or hint


def _to_bool(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    text = str(value).strip().lower()
    if text in {"1", "true", "yes", "on"}:
        return True
    if text in {"0", "false", "no", "off"}:
        return False
    raise ValueError(value)


def _label(base: Any) -> str:
    return {
        Path: "path", bool: "true/false", int: "whole number", str: "text",
        tuple: "list (a TOML array)",
    }.get(base, "table of direction = model")  # fmt: skip
