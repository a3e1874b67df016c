"""Language codes: the four the workbench serves, the aliases people use for them, direction."""

from __future__ import annotations

from workbench.errors import LanguageError

LANGUAGES: tuple[str, ...] = ("en", "ar", "ckb", "kmr")

NAMES: dict[str, str] = {
    "en": "English",
    "ar": "Arabic",
    "ckb": "Central Kurdish (Sorani)",
    "kmr": "Northern Kurdish (Kurmanji)",
}

# How a sentence names a version ("English says 27; Sorani says 72").
SHORT_NAMES: dict[str, str] = {"en": "English", "ar": "Arabic", "ckb": "Sorani", "kmr": "Kurmanji"}

SCRIPTS: dict[str, str] = {"en": "Latn", "ar": "Arab", "ckb": "Arab", "kmr": "Latn"}

# Keys are lower case with "_" read as "-"; region subtags ("en-GB", "ar-IQ") are handled by
# `canonical`, so only the language part and script-qualified forms are listed here.
_ALIASES: dict[str, str] = {
    "en": "en",
    "eng": "en",
    "english": "en",
    "en-latn": "en",
    "eng-latn": "en",
    "ar": "ar",
    "ara": "ar",
    "arb": "ar",
    "arabic": "ar",
    "ar-arab": "ar",
    "arb-arab": "ar",
    "ckb": "ckb",
    "ckb-arab": "ckb",
    "ku-arab": "ckb",
    "kur-arab": "ckb",
    "sorani": "ckb",
    "central kurdish": "ckb",
    "kurdish (sorani)": "ckb",
    "kmr": "kmr",
    "kmr-latn": "kmr",
    "ku-latn": "kmr",
    "kur-latn": "kmr",
    "kurmanji": "kmr",
    "northern kurdish": "kmr",
    "kurdish (kurmanji)": "kmr",
}


def canonical(code: str) -> str:
    """The workbench's code for a language name or code ("eng", "ku-Latn", "Sorani" ...).

    Raises LanguageError, naming the codes it knows, for anything else, and for a bare "ku",
    which could be either Kurdish.
    """
    key = " ".join(str(code).strip().lower().replace("_", "-").split())
    parts = key.split("-")
    while parts:  # drop region subtags from the end: "ku-Arab-IQ" -> "ku-arab"
        if "-".join(parts) in _ALIASES:
            return _ALIASES["-".join(parts)]
        if len(parts) == 1 or not _is_region(parts[-1]):
            break
        parts.pop()
    if key in ("ku", "kur", "kurdish") or key.startswith(("ku-", "kur-")):
        raise LanguageError(
            f"{code!r} could be either Kurdish: use ckb (Sorani, Arabic script) "
            "or kmr (Kurmanji, Latin script)."
        )
    raise LanguageError(
        f"Unknown language {code!r}: use one of {', '.join(LANGUAGES)} "
        "(en English, ar Arabic, ckb Sorani, kmr Kurmanji)."
    )


def _is_region(subtag: str) -> bool:
    return (subtag.isalpha() and len(subtag) == 2) or (subtag.isdigit() and len(subtag) == 3)


def is_rtl(lang: str) -> bool:
    """Whether text in this language is written right to left (Arabic and Sorani)."""
    return SCRIPTS[canonical(lang)] == "Arab"


def script(lang: str) -> str:
    """The ISO 15924 script of a language: "Latn" or "Arab"."""
    return SCRIPTS[canonical(lang)]
