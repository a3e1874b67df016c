"""What quality to expect of a translation: the published scores of the models that make it.

Scores are FLORES-200 devtest chrF and BLEU as the catalog records them, per model and
direction. A route is "draft only" when a leg's published chrF is under 40, or when nothing
is published for a leg: then every sentence needs a reviewer. Nothing here loads a model;
`translation_summary()` is what a front end shows beside a translation (the model in use,
its licence, expected quality and the warning), `model_choices()` the models it may offer for
a direction, `signature_quality()` what a quality report shows for a stored machine
translation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from workbench.config import Settings
from workbench.translate.architectures import ARCHITECTURES
from workbench.translate.catalog import Catalog, Direction, Licence, load_catalog
from workbench.translate.choices import PROFILES, check

DRAFT_BELOW = 40.0  # chrF
DRAFT = "draft only: review every sentence"


@dataclass(frozen=True)
class LegQuality:
    """One model serving one direction, and what is published about it."""

    src: str
    tgt: str
    model: str
    architecture: str = ""  # "" for a model the catalog does not know
    licence: Licence | None = None
    chrf: float | None = None
    bleu: float | None = None
    source: str = ""  # where the scores were published
    size: str = ""
    # Without a score of its own: the best published one of its architecture for the direction
    kin_chrf: float | None = None
    kin_model: str = ""

    @property
    def draft_only(self) -> bool:
        return self.chrf is None or self.chrf < DRAFT_BELOW

    def describe(self) -> str:
        if self.chrf is None:
            return "no published score"
        bleu = f" / BLEU {self.bleu:.1f}" if self.bleu is not None else ""
        return f"chrF {self.chrf:.1f}{bleu} (FLORES-200 devtest, {self.source})"


@dataclass(frozen=True)
class ExpectedQuality:
    """The expected quality of a route: one leg, or each leg of a pivot."""

    legs: tuple[LegQuality, ...]

    @property
    def draft_only(self) -> bool:
        return any(leg.draft_only for leg in self.legs)

    @property
    def chrf(self) -> float | None:
        """The published chrF of a one-model route (a pivot's is never published)."""
        return self.legs[0].chrf if len(self.legs) == 1 else None

    def describe(self) -> str:
        if len(self.legs) == 1:
            return self.legs[0].describe()
        return "; ".join(f"{leg.src}->{leg.tgt}: {leg.describe()}" for leg in self.legs)

    def warning(self) -> str:
        """ "" when no leg is draft-only; else the plain warning and why."""
        if not self.draft_only:
            return ""
        reasons = []
        for leg in (leg for leg in self.legs if leg.draft_only):
            name = f"{leg.src}->{leg.tgt}"
            if leg.chrf is None:
                kin = (
                    f"; the best published for a model of its kind is chrF {leg.kin_chrf:.1f}, "
                    f"{leg.kin_model}"
                    if leg.kin_chrf is not None
                    else ""
                )
                reasons.append(f"{name}: no published score for {leg.model}{kin}")
            else:
                reasons.append(f"{name}: published chrF {leg.chrf:.1f} is under {DRAFT_BELOW:.0f}")
        return f"{DRAFT} ({'; '.join(reasons)})"

    def licences(self) -> list[Licence]:
        found = {leg.licence.key: leg.licence for leg in self.legs if leg.licence}
        return list(found.values())


def leg_quality(model: str, src: str, tgt: str, catalog: Catalog | None = None) -> LegQuality:
    """What the catalog knows of `model` serving src-tgt (a folder or unknown id: nothing)."""
    catalog = catalog or load_catalog()
    info = catalog.models_info.get(model)
    if info is None:
        return LegQuality(src, tgt, model)
    candidate = catalog.candidate(model, src, tgt)
    scored = candidate is not None and candidate.chrf is not None
    kin = [] if scored else _kin(catalog, info.architecture, src, tgt)
    return LegQuality(
        src,
        tgt,
        model,
        info.architecture,
        info.licence,
        candidate.chrf if candidate and scored else None,
        candidate.bleu if candidate and scored else None,
        candidate.scores.name if candidate and scored and candidate.scores else "",
        info.size,
        kin[0].chrf if kin else None,
        kin[0].model if kin else "",
    )


def _kin(catalog: Catalog, architecture: str, src: str, tgt: str) -> list[Any]:
    """The scored candidates of the direction with this architecture, best first."""
    direction = catalog.directions.get(f"{src}-{tgt}")
    found = [
        c
        for c in (direction.candidates if direction else ())
        if c.chrf is not None and catalog.info(c.model).architecture == architecture
    ]
    return sorted(found, key=lambda c: -(c.chrf or 0.0))


def route_quality(legs: Sequence[Direction], catalog: Catalog | None = None) -> ExpectedQuality:
    catalog = catalog or load_catalog()
    return ExpectedQuality(tuple(leg_quality(d.model, d.src, d.tgt, catalog) for d in legs))


@dataclass(frozen=True)
class TranslationSummary:
    """What a front end shows about translating src into tgt with the current choices."""

    direction: str
    profile: str
    route: tuple[str, ...]  # languages, e.g. ("ar", "en", "ckb")
    models: tuple[str, ...]  # per leg
    architectures: tuple[str, ...]  # per leg: "MarianMT (OPUS-MT)", "NLLB-200", ... or ""
    licences: tuple[str, ...]  # per leg: the licence's name, or "unknown"
    permissive: bool  # every leg's licence allows any use
    expected: str  # "chrF 46.7 / BLEU 8.9 (FLORES-200 devtest, ...)", "no published score"
    draft_only: bool
    warning: str  # "" or "draft only: review every sentence (...)"


def translation_summary(
    src: str,
    tgt: str,
    settings: Settings,
    *,
    profile: str | None = None,
    model: str | None = None,
) -> TranslationSummary:
    """The model in use for src -> tgt, its licence, expected quality and the draft warning
    (the Translate tab shows this beside the translation)."""

    catalog = load_catalog()
    direction = catalog.direction(src, tgt)
    overrides = dict(settings.models)
    if model:
        overrides[direction.name] = model
    profile = check("profile", profile or settings.profile, PROFILES)
    legs = catalog.route(direction.src, direction.tgt, overrides, profile=profile)
    quality = route_quality(legs, catalog)
    return TranslationSummary(
        direction=direction.name,
        profile=profile,
        route=(legs[0].src, *(leg.tgt for leg in legs)),
        models=tuple(leg.model for leg in legs),
        architectures=tuple(
            ARCHITECTURES[q.architecture].label if q.architecture else "" for q in quality.legs
        ),
        licences=tuple(q.licence.name if q.licence else "unknown" for q in quality.legs),
        permissive=all(q.licence and q.licence.permissive for q in quality.legs),
        expected=quality.describe(),
        draft_only=quality.draft_only,
        warning=quality.warning(),
    )


@dataclass(frozen=True)
class ModelChoice:
    """A model the user may choose for a direction, and the profiles that take it."""

    quality: LegQuality  # its architecture, size, licence and published scores
    profiles: tuple[str, ...]  # e.g. ("open",), ("best",), or () for neither


def model_choices(src: str, tgt: str, catalog: Catalog | None = None) -> tuple[ModelChoice, ...]:
    """Every model the catalog knows for src -> tgt, in its order, with what each is expected
    to give (the Translate tab's model list; pass one's `quality.model` as `model` to
    `translation_summary` and `get_translator`). Empty when only a pivot serves it."""

    catalog = catalog or load_catalog()
    direction = catalog.direction(src, tgt)
    chosen = {p: catalog.choose(direction, p) for p in PROFILES}
    return tuple(
        ModelChoice(
            leg_quality(c.model, direction.src, direction.tgt, catalog),
            tuple(p for p, found in chosen.items() if found == c),
        )
        for c in direction.candidates
    )


_MODEL = re.compile(r"(?:^|[|\[])model:([^|\]]+)")
_PIVOT = re.compile(r"(?:^|\|)pivot:([a-z>]+)\|")  # after a memory part such as "tm:exact|"


def signature_quality(signature: str, src: str, tgt: str) -> ExpectedQuality | None:
    """The expected quality of the models a translator signature names, or a report's system
    name (model ids joined by ">", `workbench.score.pairs.system_name`). None when it names
    no model the catalog knows, e.g. a human translation."""
    catalog = load_catalog()
    models = _MODEL.findall(signature)
    if not models:
        models = signature.split(">")
        if not any(m in catalog.models_info for m in models):
            return None
    pivot = _PIVOT.search(signature)
    path = pivot.group(1).split(">") if pivot else _path(catalog, src, tgt, len(models))
    if len(path) != len(models) + 1:
        return None
    legs = zip(models, path, path[1:], strict=False)
    return ExpectedQuality(tuple(leg_quality(m, a, b, catalog) for m, a, b in legs))


def _path(catalog: Catalog, src: str, tgt: str, legs: int) -> list[str]:
    """src, tgt; through the catalog's pivot for the direction when there are two legs."""
    direction = catalog.directions.get(f"{src}-{tgt}")
    pivot = direction.pivot if direction and direction.pivot else "en"
    return [src, pivot, tgt] if legs == 2 else [src, tgt]
