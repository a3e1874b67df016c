"""Which model the Translate tab offers for a direction, and checking the one a page asks for.

The tab lists the catalog's candidates for the direction (architecture, size, licence and
published chrF), with the profile's choice selected. What a page sends is untrusted: only a
profile from `PROFILES`, "" (the route the settings and the profile give) or one of the
listed models is accepted; anything else, a folder path above all, is refused with a message
and never loaded. Models of one's own are set in workbench.toml ([models]) by whoever runs
the server.
"""

from __future__ import annotations

from dataclasses import dataclass

from workbench.config import Settings
from workbench.errors import ConfigError, InputError
from workbench.text.languages import canonical
from workbench.translate.choices import PROFILES, check
from workbench.translate.quality import ModelChoice, model_choices

LONGEST_NAME = 200  # a model id longer than any real one is refused before any lookup


@dataclass(frozen=True)
class ModelOptions:
    """The model list of a direction: (label, value) pairs, and the value selected."""

    choices: tuple[tuple[str, str], ...]
    value: str


def model_options(settings: Settings, src: str, tgt: str, profile: str = "") -> ModelOptions:
    """The models offered for src -> tgt. "" stands for the route the settings give when
    workbench.toml sets a model for the direction, or when only a pivot serves the profile;
    otherwise the profile's choice is selected."""
    profile = _profile(profile or settings.profile)
    direction, candidates = _candidates(src, tgt)
    listed = tuple((_label(c), c.quality.model) for c in candidates)
    configured = settings.models.get(direction)
    chosen = [c.quality.model for c in candidates if profile in c.profiles]
    if configured:
        return ModelOptions(((_configured(configured), ""), *listed), "")
    if chosen:
        return ModelOptions(listed, chosen[0])
    return ModelOptions((("Through English (the profile's route)", ""), *listed), "")


def checked_choice(
    settings: Settings, src: str, tgt: str, profile: str, model: str
) -> tuple[str, str]:
    """(profile, model) as a page sent them, once known to be offered; else an InputError."""
    profile = _profile(profile or settings.profile)
    model = str(model or "").strip()
    if not model:
        return profile, ""
    if len(model) > LONGEST_NAME:
        raise InputError("That model name is too long: choose a model from the list.")
    direction, candidates = _candidates(src, tgt)
    offered = [c.quality.model for c in candidates]
    if model not in offered:
        names = ", ".join(offered) or "none: the direction goes through English"
        raise InputError(
            f"Unknown model {model!r} for {direction}: choose one from the list ({names}). "
            "Other models, or a folder on the server, are set in workbench.toml ([models]) by "
            "whoever runs the workbench."
        )
    return profile, model


def _profile(profile: str) -> str:
    try:
        return check("profile", str(profile)[:LONGEST_NAME], PROFILES)
    except ConfigError as exc:  # the page sent it, not workbench.toml
        raise InputError(f"{exc} (the Profile choice)") from None


def _candidates(src: str, tgt: str) -> tuple[str, tuple[ModelChoice, ...]]:
    src, tgt = canonical(src), canonical(tgt)
    if src == tgt:
        raise InputError("Choose two different languages to translate between.")
    return f"{src}-{tgt}", model_choices(src, tgt)


def _label(choice: ModelChoice) -> str:
    from workbench.translate.architectures import ARCHITECTURES

    q = choice.quality
    kind = ARCHITECTURES[q.architecture].label if q.architecture else "unknown kind"
    licence = q.licence.key if q.licence else "licence unknown"
    score = f"chrF {q.chrf:.1f}" if q.chrf is not None else "no published score"
    picks = f" · {' and '.join(choice.profiles)} profile" if choice.profiles else ""
    return f"{q.model} · {kind}, {q.size or 'size unknown'} · {licence} · {score}{picks}"


def _configured(model: str) -> str:
    name = model.replace("\\", "/").rstrip("/").rsplit("/", 1)[-1] or model
    return f"{name} (set in workbench.toml)"
