"""What the translation layer gives the review UI: translations, the MT column, the models here.

A translator is made once per direction, engine and model and then kept (the translation
layer loads each model once per process); every translation goes through the translation
memory, so a page's MT column is translated the first time it is shown and read back after.
Where a model is missing, the translation layer's error says which and how to get it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

from workbench.config import Settings
from workbench.errors import InputError
from workbench.memory.first import MemoryPolicy, SegmentSource
from workbench.review.rows import MachineTranslations
from workbench.store.db import Database
from workbench.text.languages import canonical
from workbench.translate.choices import ENGINES
from workbench.translate.tmfirst import MemoryFirstTranslator


@dataclass(frozen=True)
class Origin:
    """Where one sentence's translation came from: "memory" (an exact human match, score 100
    or 101 in the same context), "fill" (a fuzzy match inserted) or "machine"; and the fuzzy
    matches offered for it (score, the memory's source and target)."""

    source: str
    translation: str
    origin: str
    score: int = 0
    offers: tuple[tuple[int, str, str], ...] = ()

    def as_dict(self) -> dict[str, Any]:
        offers = [{"score": s, "source": src, "target": tgt} for s, src, tgt in self.offers]
        return {**asdict(self), "offers": offers}


@dataclass(frozen=True)
class Translated:
    """A text's translation, how it was made, the languages it went through, and where each
    sentence's translation came from. `signature` starts with the memory's part
    ("tm:exact|"); `model_signature` is the models' alone, as the API always gave it."""

    text: str
    signature: str
    path: tuple[str, ...]
    origins: tuple[Origin, ...] = ()
    model_signature: str = ""


class Translators:
    """Translators by (src, tgt, engine, model), made on first use; one call at a time each."""

    def __init__(self, settings: Settings, db: Database):
        self.settings, self.db = settings, db
        self._made: dict[tuple[str, ...], tuple[Any, threading.Lock]] = {}
        self._lock = threading.Lock()

    def translate(
        self, texts: Sequence[str], src: str, tgt: str, *, engine: str = "", model: str = ""
    ) -> tuple[list[str], Any]:
        """The translations of `texts` and the translator that made them."""
        translator, lock = self.get(src, tgt, engine=engine, model=model)
        with lock:  # engines are not meant to be driven from several threads at once
            return translator.translate(list(texts)), translator

    def memory_first(
        self,
        texts: Sequence[str],
        src: str,
        tgt: str,
        *,
        engine: str = "",
        model: str = "",
        profile: str = "",
    ) -> tuple[list[str], MemoryFirstTranslator]:
        """The translations of `texts`, the translation memory's exact human matches first
        (fuzzy ones offered), and the wrapper that says where each came from."""
        translator, lock = self.get(src, tgt, engine=engine, model=model, profile=profile)
        first = MemoryFirstTranslator(translator, self.db, src, tgt, MemoryPolicy())
        with lock:
            return first.translate(list(texts)), first

    def get(
        self, src: str, tgt: str, *, engine: str = "", model: str = "", profile: str = ""
    ) -> tuple[Any, threading.Lock]:
        """The translator, and the lock to hold while it works."""
        from workbench.translate import get_translator

        key = (src, tgt, engine, model, profile)
        with self._lock:
            if key not in self._made:
                translator = get_translator(
                    src, tgt, self.settings, engine=engine or None, model=model or None,
                    db=self.db, profile=profile or None,
                )  # fmt: skip
                self._made[key] = (translator, threading.Lock())
            return self._made[key]


def translate_text(
    translators: Translators,
    text: str,
    src: str,
    tgt: str,
    *,
    engine: str = "",
    model: str = "",
    profile: str = "",
) -> Translated:
    """Translate a text, keeping its paragraphs, as the Translate tab does: the translation
    memory first, then the model (`model` and `profile` as `checked_choice` accepts them)."""
    from workbench.review.modelchoice import checked_choice
    from workbench.translate.documents import text_layout

    src, tgt = canonical(src), canonical(tgt)
    if src == tgt:
        raise InputError("Choose two different languages to translate between.")
    if engine and engine not in ENGINES:
        raise InputError(f"Unknown engine {engine!r}: use one of {', '.join(ENGINES)}.")
    profile, model = checked_choice(translators.settings, src, tgt, profile, model)
    if not text.strip():
        raise InputError("Type or paste the text to translate first.")
    layout = text_layout(text, src)
    outputs, first = translators.memory_first(
        layout.sentences, src, tgt, engine="" if engine == "auto" else engine, model=model,
        profile=profile,
    )  # fmt: skip
    origins = tuple(map(_origin, layout.sentences, outputs, first.sources))
    translated = layout.rebuild(outputs)
    assert isinstance(translated, str)  # a text's layout rebuilds text (only Word's is bytes)
    return Translated(
        translated, str(first.signature), first.path, origins, str(first.inner.signature)
    )


def _origin(source: str, translation: str, found: SegmentSource) -> Origin:
    offers = tuple((m.score, m.source, m.target) for m in found.offers)
    return Origin(source, translation, found.origin, found.score, offers)


def column_translations(translators: Translators) -> MachineTranslations:
    """The MT column's source: each text translated (None where there is no text)."""

    def translate(texts: Sequence[str], src: str, tgt: str) -> list[str | None]:
        todo = list(dict.fromkeys(t for t in texts if t.strip()))
        done = dict(zip(todo, translators.translate(todo, src, tgt)[0], strict=True))
        return [done.get(t) if t.strip() else None for t in texts]

    return translate


def model_rows(settings: Settings) -> list[dict[str, Any]]:
    """Every direction: its route, its models, whether they are here, and how to get them."""
    from workbench.translate.models import direction_status

    rows = []
    for status in direction_status(settings):
        missing = [m for m, files in zip(status.models, status.files, strict=True) if not files]
        rows.append(
            {
                "direction": status.direction,
                "route": status.route.split("-"),
                "models": list(dict.fromkeys(status.models)),
                "here": status.available,
                "problem": status.problem,
                "commands": [f"workbench models pull {m}" for m in dict.fromkeys(missing)],
            }
        )
    return rows
