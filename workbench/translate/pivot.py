"""Translating through a pivot language: each leg's output is the next leg's input."""

from __future__ import annotations

import json
from collections.abc import Sequence

from workbench.signature import Signature
from workbench.translate.base import Identity, Translator


class PivotTranslator:
    """Chains translators, e.g. ar->en then en->ckb; the path is part of the signature."""

    def __init__(self, legs: Sequence[Translator], path: Sequence[str]):
        if len(legs) < 2 or len(path) != len(legs) + 1:
            raise ValueError("a pivot needs at least two legs and one more language than legs")
        self.legs = list(legs)
        self.path = tuple(path)

    def translate(self, texts: Sequence[str]) -> list[str]:
        current = list(texts)
        for leg in self.legs:
            current = leg.translate(current)
        return current

    @property
    def leg_signature(self) -> str:
        legs = " ".join(f"[{getattr(leg, 'leg_signature', leg.signature)}]" for leg in self.legs)
        return Signature.of(pivot=">".join(self.path), legs=legs).format()

    @property
    def signature(self) -> str:
        return Signature.parse(self.leg_signature).with_version().format()

    @property
    def identity(self) -> Identity:
        parts = [leg.identity for leg in self.legs]  # type: ignore[attr-defined]
        return Identity(
            model=" > ".join(p.model for p in parts),
            revision=json.dumps([p.revision for p in parts]),
            engine=json.dumps([p.engine for p in parts]),
            settings=json.dumps([p.settings for p in parts]),
            src=self.path[0],
            tgt=self.path[-1],
        )
