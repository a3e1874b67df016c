"""Translation: translate the source into the target language and compare (Bleualign's idea).

The translations come from the user (one line per source sentence, `--src-mt FILE`), from
any callable or translator object, or else from the translation layer
(`workbench.translate.get_translator`). A candidate bead compares its source sentences'
translations, joined, with its target sentences, joined, on chrF's statistics: character
n-grams (3 and 4, spaces removed, as chrF counts them) and words. The counts are kept as
vectors, so a merged group is a sum and every candidate in the band is scored at once; the
comparison is their tf-idf cosine, a smooth stand-in for chrF that ranks the same way.

The cosine means little by itself (an unrelated pair of sentences shares many character
n-grams), so it is measured against sentence pairs from the same two documents that are
almost surely not translations of each other (pairs some 10 sentences off the diagonal):
the evidence is `scale * (z - center)` with z the cosine's z-score among those pairs (see
`calibrate.ZScoredSignal`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from typing import Any

from workbench.align.features import Features
from workbench.align.signals.base import Pair
from workbench.align.signals.calibrate import ZScoredSignal
from workbench.align.signals.lexical import weighted
from workbench.config import load_settings
from workbench.errors import InputError, ModelNotAvailable


def ngram_counts(text: str) -> Counter[str]:
    """Character 3- and 4-grams without spaces, and lower-cased words."""
    found: Counter[str] = Counter()
    folded = text.casefold()
    squeezed = "".join(folded.split())
    for n in (3, 4):
        for k in range(len(squeezed) - n + 1):
            found[squeezed[k : k + n]] += 1
    for word in folded.split():
        found[" " + word] += 1
    return found


class TranslationSignal(ZScoredSignal):
    """Compare machine translations of the source with the target."""

    name = "mt"
    default_weight = 1.0

    def __init__(
        self,
        weight: float | None = None,
        translations: Sequence[str] | None = None,
        translate: Callable[[Sequence[str]], Sequence[str]] | None = None,
        *,
        origin: str = "",
        scale: float = 1.0,
        center: float = 2.0,
        floor: float = 4.0,
    ):
        super().__init__(weight, scale=scale, center=center, floor=floor)
        if translations is None and translate is None:
            raise InputError("The mt signal needs translations (--src-mt FILE) or a translator.")
        self.translations = None if translations is None else [str(t) for t in translations]
        self.translate = translate
        self.origin = origin or ("user" if translations is not None else "callable")

    @classmethod
    def from_options(
        cls,
        *,
        src_mt: Any = None,
        settings: Any = None,
        src_lang: str = "",
        tgt_lang: str = "",
        db: Any = None,
        **_: Any,
    ) -> TranslationSignal:
        """From what `align()` was given: a list of translations, a callable, a translator."""
        if src_mt is None:
            translator = _layer_translator(src_lang, tgt_lang, settings, db)
            origin = str(getattr(translator, "signature", "") or "translator")
            return cls(translate=translator.translate, origin=origin)
        if isinstance(src_mt, str):
            raise InputError("src_mt must be a list of translations (one per source sentence).")
        if hasattr(src_mt, "translate") and callable(src_mt.translate):
            origin = getattr(src_mt, "signature", "") or type(src_mt).__name__
            return cls(translate=src_mt.translate, origin=str(origin))
        if callable(src_mt):
            return cls(translate=src_mt, origin=getattr(src_mt, "__name__", "callable"))
        return cls(translations=src_mt)

    def parameters(self) -> dict[str, Any]:
        return {"from": self.origin, "scale": self.scale, "center": self.center}

    def machine_translations(self, src: Sequence[str]) -> list[str]:
        if self.translations is None:
            if self.translate is None:
                raise InputError("The translation signal needs translations or a translator.")
            self.translations = [str(t) for t in self.translate(list(src))]
        if len(self.translations) != len(src):
            raise InputError(
                f"There are {len(self.translations)} translations for {len(src)} source "
                "sentences: give exactly one line per source sentence."
            )
        return self.translations

    def source_translations(self, pair: Pair) -> list[str]:
        return self.machine_translations(pair.src)

    def raw_vectors(self, pair: Pair) -> tuple[Features, Features]:
        mt = self.machine_translations(pair.src)
        # every n-gram of a translation should be found in its target, so none is dropped
        mt_counts = [ngram_counts(t) for t in mt]
        return weighted(mt_counts, [ngram_counts(t) for t in pair.tgt], carried="*")


def _layer_translator(src_lang: str, tgt_lang: str, settings: Any, db: Any = None) -> Any:
    """The translation layer's translator for the pair, loaded only when needed."""
    try:
        from workbench.translate import get_translator
    except ImportError:
        raise ModelNotAvailable(
            "The mt signal needs translations: pass --src-mt FILE (one translation per source "
            "sentence), or install the translation layer's models (`workbench models`)."
        ) from None
    if settings is None:
        settings = load_settings()
    return get_translator(src_lang, tgt_lang, settings, db=db)
