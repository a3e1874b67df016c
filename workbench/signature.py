"""How a result was made, as ordered `key:value` fields, after sacrebleu's `Signature`.

Translations, pivots, the translation cache, alignments and scores all carry one; the text
form (`model:x|rev:y|...|version:0.1.0`) is what the store keeps. `format()` writes it,
`parse()` reads it back (also signatures stored before this type existed), the workbench
version is appended once, and `comparable()` tells whether two stored results were made the
same way. A field without a colon (`align`, `mqm`) is a bare tag; a value may hold bracketed
signatures (a pivot's legs), whose `|` do not split the outer one.

The workbench's own normalization key is `textnorm:`; sacrebleu's TER has a `norm:` of its
own, so scores stored with the old `|norm:<scheme>` after sacrebleu's version are read as
`textnorm`.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from workbench import __version__

if TYPE_CHECKING:
    from workbench.records import Score

VERSION = "version"
TEXTNORM = "textnorm"
# Keys that say which release made a result, not how: two results differing only in them
# were made the same way.
RELEASE_KEYS = frozenset({VERSION})

Field = tuple[str, str | None]


@dataclass(frozen=True, slots=True)
class Signature:
    """Ordered fields; a field's value is None for a bare tag such as `align`."""

    fields: tuple[Field, ...] = ()

    @classmethod
    def of(cls, *tags: str, **values: object) -> Signature:
        """`Signature.of("align", signals="length(w=1)")` -> `align|signals:length(w=1)`."""
        return cls(tuple((t, None) for t in tags) + tuple((k, str(v)) for k, v in values.items()))

    @classmethod
    def parse(cls, text: str) -> Signature:
        """The fields of a stored signature; the legacy trailing `norm:` becomes `textnorm`."""
        fields: list[Field] = []
        for part in _split(text.strip()):
            key, colon, value = part.partition(":")
            fields.append((key, value) if colon else (key, None))
        return cls(tuple(_rename_legacy_norm(fields)))

    def format(self) -> str:
        return "|".join(k if v is None else f"{k}:{v}" for k, v in self.fields)

    def __str__(self) -> str:
        return self.format()

    def __iter__(self) -> Iterator[Field]:
        return iter(self.fields)

    def get(self, key: str, default: str | None = None) -> str | None:
        for k, v in self.fields:
            if k == key:
                return v
        return default

    def then(self, other: Signature | Iterable[Field]) -> Signature:
        """This signature followed by `other`'s fields."""
        more = other.fields if isinstance(other, Signature) else tuple(other)
        return Signature(self.fields + more)

    def with_version(self, version: str | None = None) -> Signature:
        """The workbench version appended, unless a version field is already last."""
        if self.fields and self.fields[-1][0] == VERSION:
            return self
        return self.then([(VERSION, __version__ if version is None else version)])

    def differences(self, other: Signature, ignore: Iterable[str] = RELEASE_KEYS) -> list[str]:
        """The keys whose values differ (or that only one side has), in first-seen order."""
        skip = set(ignore)
        mine = [f for f in self.fields if f[0] not in skip]
        theirs = [f for f in other.fields if f[0] not in skip]
        if mine == theirs:
            return []
        keys = dict.fromkeys(k for k, _ in (*mine, *theirs))
        return [k for k in keys if _values(mine, k) != _values(theirs, k)] or ["(order)"]

    def comparable(self, other: Signature | str, ignore: Iterable[str] = RELEASE_KEYS) -> bool:
        """True when both were made the same way (release fields aside)."""
        if isinstance(other, str):
            other = Signature.parse(other)
        return not self.differences(other, ignore)


def comparable(a: str, b: str, ignore: Iterable[str] = RELEASE_KEYS) -> bool:
    """Whether two stored signature strings describe results made the same way."""
    return Signature.parse(a).comparable(Signature.parse(b), ignore)


def scores_comparable(a: Score, b: Score) -> bool:
    """Whether two stored scores measure the same thing the same way: the same metric, and
    signatures that differ at most in the release (so a report may set them side by side)."""
    return a.metric == b.metric and comparable(a.signature, b.signature)


def differences(a: str, b: str, ignore: Iterable[str] = RELEASE_KEYS) -> list[str]:
    """The keys in which two stored signature strings differ."""
    return Signature.parse(a).differences(Signature.parse(b), ignore)


def _values(fields: list[Field], key: str) -> list[str | None]:
    return [v for k, v in fields if k == key]


def _split(text: str) -> list[str]:
    """`a|b:[c|d] [e]|f` -> ["a", "b:[c|d] [e]", "f"]: bars inside brackets do not split."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch == "[":
            depth += 1
        elif ch == "]":
            depth = max(depth - 1, 0)
        elif ch == "|" and depth == 0:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return [p for p in parts if p]


def _rename_legacy_norm(fields: list[Field]) -> list[Field]:
    """Scores stored before `textnorm` ended in `...|version:X|norm:<scheme>`."""
    if len(fields) >= 2 and fields[-1][0] == "norm" and fields[-2][0] == VERSION:
        return [*fields[:-1], (TEXTNORM, fields[-1][1])]
    return fields
