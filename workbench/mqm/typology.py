"""The MQM Core error typology this workbench uses, and its severities, declared once.

A category is a dimension ("accuracy", "terminology") or a dimension and an error type
("accuracy/omission"). Older flags named one of six flat categories; `from_flag` reads them
as categories of this typology, so old data is scored and shown with the new.
"""

from __future__ import annotations

from workbench.errors import InputError

DIMENSIONS: dict[str, tuple[str, ...]] = {
    "accuracy": (
        "addition", "omission", "mistranslation", "untranslated", "over-translation",
        "under-translation",
    ),
    "fluency": ("grammar", "spelling", "punctuation", "inconsistency"),
    "terminology": (),
    "style": (),
    "locale-convention": ("numbers", "dates", "names"),
}  # fmt: skip
CATEGORIES: tuple[str, ...] = tuple(
    name
    for dimension, types in DIMENSIONS.items()
    for name in (dimension, *(f"{dimension}/{t}" for t in types))
)
SEVERITIES: tuple[str, ...] = ("neutral", "minor", "major", "critical")
# The six flat categories flags had before the typology, and what each is in it.
FLAG_CATEGORIES: dict[str, str] = {
    "accuracy/mistranslation": "accuracy/mistranslation",
    "omission": "accuracy/omission",
    "addition": "accuracy/addition",
    "terminology": "terminology",
    "fluency": "fluency",
    "style": "style",
}


def category(name: str) -> str:
    """The typology's name for `name` (a category, or an old flag's); an InputError naming
    the valid ones otherwise."""
    cleaned = name.strip().lower().replace(" ", "-")
    found = cleaned if cleaned in CATEGORIES else FLAG_CATEGORIES.get(cleaned)
    if found is None:
        raise InputError(f"Unknown MQM category {name!r}: use one of {', '.join(CATEGORIES)}.")
    return found


def severity(name: str) -> str:
    cleaned = name.strip().lower()
    if cleaned not in SEVERITIES:
        raise InputError(f"Unknown MQM severity {name!r}: use one of {', '.join(SEVERITIES)}.")
    return cleaned


def from_flag(flag_category: str) -> str | None:
    """The category an old-style flag names, or None for a flag that marks no translation
    error (the aligner's "disagreement" flags)."""
    cleaned = str(flag_category).strip().lower()
    if cleaned in CATEGORIES:
        return cleaned
    return FLAG_CATEGORIES.get(cleaned)


def dimension(name: str) -> str:
    """ "accuracy/omission" -> "accuracy"."""
    return name.split("/", 1)[0]
