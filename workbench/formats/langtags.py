"""Language tags as files write them (BCP 47: `en-US`, `ar-SA`, `ku-Arab-IQ`, `ckb`) -> codes.

TMX `xml:lang`, XLIFF `srcLang`/`trgLang` and TSV/JSONL column names carry region and script
subtags and ISO 639-2/3 codes that the workbench's four codes (en, ar, ckb, kmr) do not. A
bare `ku` is refused: it does not say whether the text is Sorani or Kurmanji, and the two
need different normalization.
"""

from __future__ import annotations

from workbench.errors import LanguageError

CODES = ("en", "ar", "ckb", "kmr")
_PRIMARY = {
    "en": "en",
    "eng": "en",
    "ar": "ar",
    "ara": "ar",
    "arb": "ar",  # Modern Standard Arabic
    "ckb": "ckb",
    "kmr": "kmr",
}
_KURDISH_BY_SCRIPT = {"arab": "ckb", "latn": "kmr"}


def language_of_tag(tag: str, where: str) -> str:
    """The workbench code of a tag; `where` (file and place) is named in the error."""
    parts = tag.strip().replace("_", "-").lower().split("-")
    primary = parts[0]
    if primary in _PRIMARY:
        return _PRIMARY[primary]
    if primary in ("ku", "kur"):
        scripts = [p for p in parts[1:] if p in _KURDISH_BY_SCRIPT]
        if scripts:
            return _KURDISH_BY_SCRIPT[scripts[0]]
        raise LanguageError(
            f"{where}: the language {tag!r} does not say which Kurdish it is. Write ckb "
            "(Sorani) or kmr (Kurmanji), or ku-Arab / ku-Latn, and import again."
        )
    raise LanguageError(
        f"{where}: the language {tag!r} is not one the workbench handles "
        f"({', '.join(CODES)}); use one of those codes."
    )
