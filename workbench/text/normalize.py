"""Normalization: the form of a text the workbench matches and scores on, per language.

The original text is always kept and displayed; `normalize(text, lang)` is the normalized form
stored beside it. `normalizer(scheme)` gives the named schemes used before scoring and
matching: a base ("ar-basic", "ckb-basic", "kmr-basic", "en-basic", or "none") optionally
followed by options ("+nodiacritics", "+digits", "+fold", "+lower"), e.g. "ar-basic+digits".
"ar-match", "ckb-match", "kmr-match" and "en-match" are presets for matching.

Arabic and Sorani share a script but not their letters: the Kurdish mappings (ك→ک, ي→ی,
ة→ە ...) are applied only to Sorani, and no step ever folds a Sorani letter (ک ی ە ڕ ڵ ۆ ێ
ڤ پ چ ژ گ) into an Arabic one. Alef/hamza folding ("+fold") exists for Arabic matching only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache

from workbench.errors import InputError
from workbench.text.languages import LANGUAGES, canonical

Step = Callable[[str], str]

OPTIONS: tuple[str, ...] = ("nodiacritics", "digits", "fold", "lower")
PRESETS: dict[str, str] = {
    "ar-match": "ar-basic+nodiacritics+digits+fold",
    "ckb-match": "ckb-basic+digits",
    "kmr-match": "kmr-basic+digits+lower",
    "en-match": "en-basic+lower",
}
SCHEMES: tuple[str, ...] = ("none", *(f"{lang}-basic" for lang in LANGUAGES), *PRESETS)

# --- characters -------------------------------------------------------------------------

# Bidi controls only steer display; they are noise to matching (FLORES has none, real
# Sorani pages are full of U+200F), so the normalized form drops them.
BIDI_CONTROLS = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
INVISIBLES = "\u200b\u200d\u2060\ufeff\u00ad"  # zero-width space/joiner, word joiner, BOM, SHY
ZWNJ = "\u200c"
TATWEEL = "\u0640"
HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06dc\u06df-\u06e8\u06ea-\u06ed]")
SPACES = re.compile("[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
LINE_BREAKS = re.compile("\r\n|[\r\u2028\u2029\x85]")

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬", "01234567890123456789.,")

# Sorani letters that never join to the next letter: a ZWNJ after them changes nothing.
NON_JOINING_ARABIC = "ءآأؤإاةدذرزژڕوۆە"

CKB_LETTERS = str.maketrans(
    {
        "ك": "ک",  # Arabic kaf -> Kurdish keheh
        "ڪ": "ک",
        "ي": "ی",  # Arabic yeh / alef maksura -> Farsi yeh
        "ى": "ی",
        "ة": "ە",  # teh marbuta -> ae
        "ڒ": "ڕ",  # reh with v above, a keyboard stand-in for ڕ
        **{chr(0x06F0 + i): chr(0x0660 + i) for i in range(10)},  # Persian -> Arabic-Indic
    }
)
# Legacy spellings written with a combining small v (U+065A/U+065B) or inverted v.
CKB_SEQUENCES = (
    (re.compile("[وۋ][\u065a\u065b]"), "ۆ"),
    (re.compile("[یيى][\u065a\u065b]"), "ێ"),
    (re.compile("ر[\u065c\u065a\u065b]"), "ڕ"),
    (re.compile("ل[\u065a\u065b]"), "ڵ"),
)
CKB_HEH_ZWNJ = re.compile("ه\u200c")
CKB_FINAL_HEH = re.compile("ه(?![\\w\u200c])")

AR_FOLD = str.maketrans(
    {"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ى": "ي", "ة": "ه", "ؤ": "و", "ئ": "ي"}
)

LATIN_QUOTES = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "`": "'",
        "´": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "«": '"',
        "»": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "…": "...",
    }
)
# Kurmanji typed on Turkish, French or Cyrillic keyboards, or pasted from them.
KMR_LOOKALIKES = str.maketrans(
    {
        "ș": "ş",
        "Ș": "Ş",
        "ı": "i",
        "İ": "I",
        "é": "ê",
        "è": "ê",
        "ë": "ê",
        "É": "Ê",
        "È": "Ê",
        "Ë": "Ê",
        "í": "î",
        "ì": "î",
        "ï": "î",
        "Í": "Î",
        "Ì": "Î",
        "Ï": "Î",
        "ú": "û",
        "ù": "û",
        "ü": "û",
        "Ú": "Û",
        "Ù": "Û",
        "Ü": "Û",
        "а": "a",
        "е": "e",
        "о": "o",
        "р": "p",
        "с": "c",
        "х": "x",
        "і": "i",
        "ј": "j",
        "у": "y",
        "ԛ": "q",
        "ԝ": "w",
        "А": "A",
        "В": "B",
        "Е": "E",
        "К": "K",
        "М": "M",
        "Н": "H",
        "О": "O",
        "Р": "P",
        "С": "C",
        "Т": "T",
        "Х": "X",
        "І": "I",
    }
)


# --- steps ------------------------------------------------------------------------------


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


@cache
def _presentation_table() -> dict[int, str]:
    table = {}
    for code in [*range(0xFB50, 0xFE00), *range(0xFE70, 0xFEFF)]:
        char = chr(code)
        if unicodedata.category(char) == "Cn":
            continue
        folded = unicodedata.normalize("NFKC", char)
        if folded != char:
            # isolated harakat forms (U+FE70...) decompose to " " + mark: keep the mark only
            table[code] = folded.strip() or folded
    return table


def presentation_forms(text: str) -> str:
    """Arabic presentation forms (ﻻ ﺍ ﻙ ...) as the letters they show."""
    return text.translate(_presentation_table())


def latin_ligatures(text: str) -> str:
    return re.sub("[\ufb00-\ufb06]", lambda m: unicodedata.normalize("NFKC", m[0]), text)


def controls(text: str, *, keep_zwnj: bool = False) -> str:
    """Drop bidi controls and invisible characters; ZWNJ too unless it carries meaning."""
    text = re.sub(f"[{BIDI_CONTROLS}{INVISIBLES}]", "", text)
    if not keep_zwnj:
        return text.replace(ZWNJ, "")
    text = re.sub(f"{ZWNJ}+", ZWNJ, text)
    # A ZWNJ means something only between a letter that joins forward and another letter.
    text = re.sub("(?<![\\w])\u200c|\u200c(?![\\w])", "", text)
    return re.sub(f"(?<=[{NON_JOINING_ARABIC}])\u200c", "", text)


def whitespace(text: str) -> str:
    """One space between words, no spaces at line ends, Unix line breaks, no blank edges."""
    text = LINE_BREAKS.sub("\n", text)
    lines = [SPACES.sub(" ", line).strip() for line in text.split("\n")]
    return re.sub("\n{3,}", "\n\n", "\n".join(lines)).strip("\n")


def tatweel(text: str) -> str:
    return text.replace(TATWEEL, "")


def diacritics(text: str) -> str:
    """Remove Arabic harakat (fatha, damma, kasra, shadda, sukun, tanwin, dagger alef ...)."""
    return HARAKAT.sub("", text)


def digits(text: str) -> str:
    """Arabic-Indic and Persian digits (and ٫ ٬) as 0-9 . ,"""
    return text.translate(DIGITS)


def fold_arabic(text: str) -> str:
    """Alef/hamza, alef maksura and teh marbuta folding, for Arabic matching only."""
    return text.translate(AR_FOLD)


def sorani_sequences(text: str) -> str:
    """Legacy Sorani letters written as a base letter and a combining small v."""
    for pattern, letter in CKB_SEQUENCES:
        text = pattern.sub(letter, text)
    return text


def sorani_letters(text: str) -> str:
    """The Kurdish mappings: Arabic and legacy letter forms as the Sorani letters they mean."""
    if "ھ" in text and "ە" not in text and not CKB_HEH_ZWNJ.search(text):
        # the legacy convention: ه wrote "e" and ھ wrote "h"
        text = text.replace("ه", "ە")
    text = text.replace("ھ", "ه")
    text = CKB_HEH_ZWNJ.sub("ە", text)  # a heh kept from joining is the vowel ە
    text = CKB_FINAL_HEH.sub("ە", text)  # Sorani words end in ە, never in h
    return text.translate(CKB_LETTERS)


def latin_punctuation(text: str) -> str:
    """Curly quotes, guillemets, dashes and the ellipsis character as plain ASCII."""
    return text.translate(LATIN_QUOTES)


def kurmanji_letters(text: str) -> str:
    return text.translate(KMR_LOOKALIKES)


def lower(text: str) -> str:
    return text.lower()


# --- schemes ----------------------------------------------------------------------------


def _keep_zwnj(text: str) -> str:
    return controls(text, keep_zwnj=True)


BASES: dict[str, tuple[Step, ...]] = {
    "none": (),
    "en-basic": (nfc, controls, latin_ligatures, latin_punctuation, whitespace),
    "ar-basic": (nfc, controls, presentation_forms, tatweel, whitespace),
    "ckb-basic": (
        nfc,
        presentation_forms,
        sorani_sequences,
        diacritics,
        tatweel,
        sorani_letters,
        _keep_zwnj,
        whitespace,
    ),
    "kmr-basic": (
        nfc,
        controls,
        latin_ligatures,
        kurmanji_letters,
        latin_punctuation,
        whitespace,
    ),
}
OPTION_STEPS: dict[str, Step] = {
    "nodiacritics": diacritics,
    "digits": digits,
    "fold": fold_arabic,
    "lower": lower,
}
# Which option makes sense for which base; folding Arabic letters in Sorani would merge
# letters Sorani keeps apart, and lower-casing Arabic script does nothing.
ALLOWED: dict[str, tuple[str, ...]] = {
    "none": ("digits", "lower"),
    "en-basic": ("digits", "lower"),
    "ar-basic": ("nodiacritics", "digits", "fold"),
    "ckb-basic": ("nodiacritics", "digits"),
    "kmr-basic": ("digits", "lower"),
}


@cache
def normalizer(scheme: str) -> Callable[[str], str]:
    """The function for a named scheme ("ar-basic", "ar-basic+digits", "ckb-match", ...)."""
    name = scheme.strip().lower()
    name = PRESETS.get(name, name)
    base, *options = name.split("+")
    if base not in BASES:
        raise InputError(
            f"Unknown normalization scheme {scheme!r}: use one of {', '.join(SCHEMES)}, "
            f"optionally with +{', +'.join(OPTIONS)} (e.g. ar-basic+digits)."
        )
    steps = list(BASES[base])
    # Options run before the final whitespace step: a mark they remove can leave a space.
    last = [steps.pop()] if steps and steps[-1] is whitespace else []
    for option in options:
        if option not in ALLOWED[base]:
            allowed = ", ".join("+" + o for o in ALLOWED[base]) or "none"
            raise InputError(f"The option +{option} does not apply to {base} (allowed: {allowed}).")
        steps.append(OPTION_STEPS[option])
    steps += last

    def run(text: str) -> str:
        for step in steps:
            text = step(text)
        # Removing a control between two marks can leave them out of canonical order.
        return nfc(text) if steps else text

    run.__name__ = f"normalize_{name}"
    return run


def fold_in_place(text: str, lang: str) -> str:
    """A form of `text` for finding words in it, of the same length, so that a position in it
    is the same position in the text: Western digits (and . , for ٫ ٬ ،), lower case where
    that keeps the length, and the letter folding of the language (alef and hamza forms in
    Arabic; Arabic letter forms as the Sorani letters in Sorani; look-alikes in Kurmanji)."""
    return lower_in_place(text.translate(_in_place_table(lang)))


@cache
def _in_place_table(lang: str) -> dict[int, int | str]:
    lang = canonical(lang)
    letters = {"ar": AR_FOLD, "ckb": CKB_LETTERS, "kmr": KMR_LOOKALIKES}.get(lang, {})
    return {**letters, **DIGITS, ord("،"): ","}  # the Arabic comma also groups thousands


def lower_in_place(text: str) -> str:
    """Lower case, except for the few letters whose lower case is longer ("İ")."""
    lowered = text.lower()
    if len(lowered) == len(text):
        return lowered
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def normalize(text: str, lang: str) -> str:
    """The stored normalized form of a text in `lang` (its "<lang>-basic" scheme)."""
    return normalizer(f"{canonical(lang)}-basic")(text)
