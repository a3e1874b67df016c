"""A deterministic stand-in translator for tests of code that only needs *a* translator.

`FakeTranslator("en", "ar").translate(["Hello."]) == ["[ar] Hello."]`; it remembers what it
was asked (`calls`), so a test can see what reached it.
"""

from __future__ import annotations

from collections.abc import Sequence

from workbench import __version__
from workbench.translate.base import Identity


class FakeTranslator:
    def __init__(self, src: str, tgt: str):
        self.src, self.tgt = src, tgt
        self.calls: list[list[str]] = []
        self.identity = Identity("fake", "", "fake", "{}", src, tgt)

    @property
    def signature(self) -> str:

        return f"fake:{self.src}-{self.tgt}|version:{__version__}"

    def translate(self, texts: Sequence[str]) -> list[str]:
        self.calls.append(list(texts))
        return [f"[{self.tgt}] {t.strip()}" if t.strip() else "" for t in texts]
