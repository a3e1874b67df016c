"""The model catalog (models/catalog.toml): which model serves which direction, and how.

A direction either names a model (Hugging Face id or local folder, revision, target token) or
pivots through another language. `Catalog.route()` turns a request into the legs to run,
applying the user's overrides (`[models]` in workbench.toml, or --model).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from workbench.errors import ConfigError, InputError
from workbench.text.languages import LANGUAGES, canonical

CATALOG_PATH = Path(__file__).resolve().parents[2] / "models" / "catalog.toml"


@dataclass(frozen=True)
class Direction:
    """One direction of the catalog: a model, or a pivot language."""

    src: str
    tgt: str
    model: str = ""
    revision: str = ""
    target_token: str = ""
    pivot: str = ""
    alternatives: tuple[str, ...] = ()
    note: str = ""
    overridden: bool = False  # chosen by the user: the target token is found in its vocabulary

    @property
    def name(self) -> str:
        return f"{self.src}-{self.tgt}"


@dataclass(frozen=True)
class Catalog:
    directions: Mapping[str, Direction]
    token_names: Mapping[str, tuple[str, ...]]
    path: Path

    def language(self, code: str) -> str:
        """The workbench code for `code` ("eng", "Sorani", ...), or a LanguageError."""
        return canonical(code)

    def direction(self, src: str, tgt: str) -> Direction:
        src, tgt = self.language(src), self.language(tgt)
        if src == tgt:
            raise InputError(f"Source and target are both {src!r}: choose two languages.")
        found = self.directions.get(f"{src}-{tgt}")
        if found is None:
            raise ConfigError(
                f"The catalog {self.path} has no entry for {src}-{tgt}: add one "
                f'(a model, or pivot = "en"), or set [models] "{src}-{tgt}" in workbench.toml.'
            )
        return found

    def route(
        self, src: str, tgt: str, overrides: Mapping[str, str] | None = None
    ) -> list[Direction]:
        """The legs that translate src into tgt, pivots expanded, overrides applied."""
        direction = self.direction(src, tgt)
        overrides = overrides or {}
        for name in overrides:
            if name not in self.directions:
                raise ConfigError(
                    f"[models] in workbench.toml names {name!r}, which is not a direction: "
                    f'use SRC-TGT with codes {", ".join(LANGUAGES)}, e.g. "en-ckb".'
                )
        override = overrides.get(direction.name)
        if override:
            return [Direction(direction.src, direction.tgt, model=override, overridden=True)]
        if direction.pivot:
            return [
                *self.route(direction.src, direction.pivot, overrides),
                *self.route(direction.pivot, direction.tgt, overrides),
            ]
        return [direction]

    def model_tokens(self, src: str, tgt: str) -> list[str]:
        """Every target token the catalog asks of the model that serves src-tgt."""
        direction = self.direction(src, tgt)
        if direction.pivot:
            return []
        tokens = [
            d.target_token
            for d in self.directions.values()
            if d.model == direction.model and d.target_token
        ]
        return list(dict.fromkeys(tokens))

    def models(self) -> list[tuple[str, str]]:
        """The distinct (model, revision) pairs the catalog names."""
        pairs = [(d.model, d.revision) for d in self.directions.values() if d.model]
        return list(dict.fromkeys(pairs))


def load_catalog(path: Path | None = None) -> Catalog:
    return _load(Path(path or CATALOG_PATH).resolve())


@lru_cache(maxsize=4)
def _load(path: Path) -> Catalog:
    try:
        with open(path, "rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(
            f"The model catalog {path} is missing: restore models/catalog.toml from the project."
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"The model catalog {path} is not valid TOML ({exc}).") from None
    directions = {
        name: _direction(name, entry, path) for name, entry in data.get("directions", {}).items()
    }
    tokens = {lang: tuple(names) for lang, names in data.get("target_tokens", {}).items()}
    return Catalog(directions, tokens, path)


def _direction(name: str, entry: Mapping, path: Path) -> Direction:
    src, _, tgt = name.partition("-")
    if src not in LANGUAGES or tgt not in LANGUAGES:
        raise ConfigError(f"{path}: direction {name!r} is not SRC-TGT with codes {LANGUAGES}.")
    if bool(entry.get("model")) == bool(entry.get("pivot")):
        raise ConfigError(f"{path}: direction {name!r} needs either a model or a pivot.")
    direction = Direction(src, tgt)
    fields = ("model", "revision", "target_token", "pivot", "note")
    return replace(
        direction,
        **{f: str(entry[f]) for f in fields if f in entry},
        alternatives=tuple(entry.get("alternatives", ())),
    )
