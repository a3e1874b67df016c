"""The model catalog (models/catalog.toml): which models can serve each direction, their
licences and published quality, and which one a profile chooses.

A direction lists candidates (a model, the target token a Marian model needs, the published
FLORES-200 devtest chrF and BLEU of that model for that direction, and where they were
published) and may name a pivot language for when a profile finds no candidate.
`[embedders]` lists the sentence-embedding models the aligner can use, with their languages.
`Catalog.route()` turns a request into the legs to run: the user's overrides (`[models]` in
workbench.toml, or --model) first, then the profile's choice, then the pivot.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from workbench.errors import ConfigError, InputError
from workbench.text.languages import LANGUAGES, canonical
from workbench.translate.choices import ARCHITECTURES, PROFILES, check

CATALOG_PATH = Path(__file__).resolve().parents[2] / "models" / "catalog.toml"


@dataclass(frozen=True)
class Licence:
    key: str
    name: str
    permissive: bool


@dataclass(frozen=True)
class Source:
    """Where published scores come from."""

    key: str
    name: str
    url: str = ""
    detail: str = ""


@dataclass(frozen=True)
class ModelInfo:
    """What the catalog knows of one model."""

    id: str
    architecture: str
    licence: Licence
    size: str = ""
    revision: str = ""
    download: str = ""  # "" = the Hugging Face Hub; else the URL of a Marian-native zip
    note: str = ""


@dataclass(frozen=True)
class Embedder:
    """A sentence-embedding model for the alignment's embeddings signal."""

    id: str
    licence: Licence
    languages: frozenset[str]
    size: str = ""
    revision: str = ""
    note: str = ""
    package: str = ""  # the Python package that carries it (not on the Hub); then:
    encoder: str = ""  # its encoder class, "module:Class"

    def covers(self, *langs: str) -> bool:
        return all(lang.lower() in self.languages for lang in langs)


@dataclass(frozen=True)
class Candidate:
    """A model that can serve a direction, with its published score for that direction."""

    model: str
    target_token: str = ""
    chrf: float | None = None
    bleu: float | None = None
    scores: Source | None = None
    note: str = ""


@dataclass(frozen=True)
class Direction:
    """One direction of the catalog, or one leg of a route (then `model` is set)."""

    src: str
    tgt: str
    model: str = ""
    revision: str = ""
    target_token: str = ""
    pivot: str = ""
    candidates: tuple[Candidate, ...] = ()
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
    models_info: Mapping[str, ModelInfo]
    embedders: Mapping[str, Embedder] = field(default_factory=dict)

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
                f'(candidates, or pivot = "en"), or set [models] "{src}-{tgt}" in workbench.toml.'
            )
        return found

    def choose(self, direction: Direction, profile: str = "open") -> Candidate | None:
        """The candidate the profile takes for a direction (None: go through the pivot).

        open: the first candidate with a permissive licence. best: the best published chrF;
        candidates without a published score come after those with one, in catalog order.
        """
        profile = check("profile", profile, PROFILES)
        if profile == "open":
            allowed = [c for c in direction.candidates if self.info(c.model).licence.permissive]
            return allowed[0] if allowed else None
        if not direction.candidates:
            return None
        return max(
            direction.candidates,
            key=lambda c: (c.chrf is not None, c.chrf or 0.0, -direction.candidates.index(c)),
        )

    def route(
        self,
        src: str,
        tgt: str,
        overrides: Mapping[str, str] | None = None,
        profile: str = "open",
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
        chosen = self.choose(direction, profile)
        if chosen is not None:
            return [self._leg(direction, chosen)]
        if direction.pivot:
            return [
                *self.route(direction.src, direction.pivot, overrides, profile),
                *self.route(direction.pivot, direction.tgt, overrides, profile),
            ]
        raise ConfigError(
            f"No model of the {profile} profile serves {direction.name} and the catalog names no "
            f'pivot for it: use --profile best, or set [models] "{direction.name}".'
        )

    def _leg(self, direction: Direction, chosen: Candidate) -> Direction:
        return Direction(
            direction.src,
            direction.tgt,
            model=chosen.model,
            revision=self.info(chosen.model).revision,
            target_token=chosen.target_token,
            note=chosen.note,
        )

    def info(self, model: str) -> ModelInfo:
        return self.models_info[model]

    def candidate(self, model: str, src: str, tgt: str) -> Candidate | None:
        """The catalog's entry for `model` serving src-tgt (None: the catalog does not list it)."""
        direction = self.directions.get(f"{src}-{tgt}")
        found = [c for c in (direction.candidates if direction else ()) if c.model == model]
        return found[0] if found else None

    def model_tokens(self, src: str, tgt: str) -> list[str]:
        """Every target token the catalog asks of the model that serves src-tgt (open profile)."""
        chosen = self.choose(self.direction(src, tgt))
        if chosen is None:
            return []
        tokens = [
            c.target_token
            for d in self.directions.values()
            for c in d.candidates
            if c.model == chosen.model and c.target_token
        ]
        return list(dict.fromkeys(tokens))

    def embedders_for(self, src: str, tgt: str) -> list[Embedder]:
        """The embedders trained on both languages, in the catalog's order."""
        return [e for e in self.embedders.values() if e.covers(src, tgt)]

    def models(self) -> list[tuple[str, str]]:
        """The distinct (model, revision) pairs the catalog names."""
        return [(info.id, info.revision) for info in self.models_info.values()]


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
    where = _Where(path)
    licences = {
        key: Licence(key, str(e.get("name", key)), bool(e.get("permissive", False)))
        for key, e in data.get("licences", {}).items()
    }
    sources = {
        key: Source(key, str(e.get("name", key)), str(e.get("url", "")), str(e.get("detail", "")))
        for key, e in data.get("sources", {}).items()
    }
    infos = {
        model: _model(model, entry, licences, where)
        for model, entry in data.get("models", {}).items()
    }
    directions = {
        name: _direction(name, entry, infos, sources, where)
        for name, entry in data.get("directions", {}).items()
    }
    tokens = {lang: tuple(names) for lang, names in data.get("target_tokens", {}).items()}
    embedders = {
        model: _embedder(model, entry, licences, where)
        for model, entry in data.get("embedders", {}).items()
    }
    return Catalog(directions, tokens, path, infos, embedders)


@dataclass(frozen=True)
class _Where:
    path: Path

    def error(self, message: str) -> ConfigError:
        return ConfigError(f"{self.path}: {message}")


def _model(
    model: str, entry: Mapping[str, Any], licences: Mapping[str, Licence], where: _Where
) -> ModelInfo:
    licence = licences.get(str(entry.get("licence", "")))
    if licence is None:
        raise where.error(
            f"model {model!r} needs a licence that [licences] defines ({', '.join(licences)})."
        )
    architecture = str(entry.get("architecture", ""))
    if architecture not in ARCHITECTURES:
        raise where.error(
            f"model {model!r} needs an architecture: one of {', '.join(ARCHITECTURES)}."
        )
    fields = {f: str(entry[f]) for f in ("size", "revision", "download", "note") if f in entry}
    return ModelInfo(model, architecture, licence, **fields)


def _embedder(
    model: str, entry: Mapping[str, Any], licences: Mapping[str, Licence], where: _Where
) -> Embedder:
    licence = licences.get(str(entry.get("licence", "")))
    languages = entry.get("languages")
    if licence is None or not isinstance(languages, list) or not languages:
        raise where.error(
            f"embedder {model!r} needs a licence that [licences] defines and a list of languages."
        )
    fields = {
        f: str(entry[f]) for f in ("size", "revision", "note", "package", "encoder") if f in entry
    }
    if bool(fields.get("package")) != (":" in fields.get("encoder", "")):
        raise where.error(
            f"embedder {model!r}: a package embedder needs both `package` and `encoder` "
            '("module:Class"); a Hugging Face model neither.'
        )
    return Embedder(model, licence, frozenset(str(x).lower() for x in languages), **fields)


def _direction(
    name: str,
    entry: Mapping[str, Any],
    infos: Mapping[str, ModelInfo],
    sources: Mapping[str, Source],
    where: _Where,
) -> Direction:
    src, _, tgt = name.partition("-")
    if src not in LANGUAGES or tgt not in LANGUAGES:
        raise where.error(f"direction {name!r} is not SRC-TGT with codes {LANGUAGES}.")
    listed = entry.get("candidates", ())
    candidates = tuple(_candidate(name, c, infos, sources, where) for c in listed)
    pivot = str(entry.get("pivot", ""))
    if not candidates and not pivot:
        raise where.error(f"direction {name!r} needs candidates or a pivot.")
    return Direction(src, tgt, pivot=pivot, candidates=candidates, note=str(entry.get("note", "")))


def _candidate(
    direction: str,
    entry: Any,
    infos: Mapping[str, ModelInfo],
    sources: Mapping[str, Source],
    where: _Where,
) -> Candidate:
    if not isinstance(entry, Mapping) or str(entry.get("model", "")) not in infos:
        raise where.error(
            f"direction {direction!r} lists a candidate whose model is not in [models]: {entry!r}."
        )
    chrf, bleu = (_score(entry.get(k), direction, where) for k in ("chrf", "bleu"))
    source = sources.get(str(entry.get("scores", "")))
    if (chrf is not None or bleu is not None) and source is None:
        raise where.error(
            f"direction {direction!r}: the scores of {entry['model']} need `scores`, "
            f"a key of [sources] ({', '.join(sources)})."
        )
    return Candidate(
        str(entry["model"]),
        str(entry.get("target_token", "")),
        chrf,
        bleu,
        source,
        str(entry.get("note", "")),
    )


def _score(value: Any, direction: str, where: _Where) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 100:
        raise where.error(f"direction {direction!r}: a score must be 0-100, not {value!r}.")
    return float(value)
