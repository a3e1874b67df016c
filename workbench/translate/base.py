"""The `Translator` protocol, and the translation algorithm every engine shares.

`Engine.translate()` is written once: skip empty lines, split over-long sentences at clause
boundaries, batch by length under a token budget, decode, put pieces back together in input
order. An engine (transformers, CTranslate2) fills in three steps: load, count pieces,
translate one batch; how a model is told its languages is the architecture's part
(architectures.py: MarianMT, NLLB-200, M2M100). Shapes: `texts` is a list of N strings; the
result is a list of N strings.
"""

from __future__ import annotations

import json
from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Protocol, TypeVar, runtime_checkable

from workbench.signature import Signature
from workbench.translate.architectures import ARCHITECTURES, Tokens
from workbench.translate.locate import ModelFiles
from workbench.translate.splitting import batches, split_long

T = TypeVar("T")


@runtime_checkable
class Translator(Protocol):
    """Anything that translates a list of texts, in order, and says how."""

    @property
    def signature(self) -> str: ...

    def translate(self, texts: Sequence[str]) -> list[str]: ...


@dataclass(frozen=True)
class Decoding:
    """The decoding settings: they change the output, so they are in every key and signature."""

    beam: int = 4
    max_input_pieces: int = 200  # longer sentences are translated in clause-sized pieces
    max_ratio: int = 2  # output limit: ratio * (input length rounded up to a bucket) + slack
    slack: int = 16
    bucket: int = 8
    max_length: int = 0  # a fixed output limit in pieces instead (0: the rule above)
    batch_tokens: int = 4096  # padded input pieces x beam per batch (not in the key)

    def bucket_of(self, length: int) -> int:
        """Inputs are batched within buckets of similar length, so that each sentence's output
        limit depends on its own length only, never on the sentences it was batched with."""
        return -(-length // self.bucket) * self.bucket

    def output_limit(self, bucket: int) -> int:
        return min(self.max_length or self.max_ratio * bucket + self.slack, 510)

    def describe_limit(self) -> str:
        return (
            str(self.max_length)
            if self.max_length
            else f"{self.max_ratio}n+{self.slack}/{self.bucket}"
        )

    def batch_budget(self) -> int:
        """Input pieces per batch: each beam is a row of work, so wider beams batch fewer
        sentences (measured with CTranslate2 int8: beam 4 runs best at about 32 sentences)."""
        return max(1, self.batch_tokens // self.beam)

    def key_fields(self) -> dict[str, Any]:
        fields = asdict(self)
        fields.pop("batch_tokens")
        return fields


@dataclass(frozen=True)
class Runtime:
    """Where and how an engine runs."""

    device: str = "auto"  # auto | cpu | cuda
    threads: int = 1
    compute_type: str = ""  # "" = the engine's default for the device
    convert_dir: Path | None = None  # where CTranslate2 copies are kept


@dataclass(frozen=True)
class Identity:
    """What makes two translations of the same text interchangeable (the memory's key)."""

    model: str
    revision: str
    engine: str
    settings: str  # canonical JSON of the decoding settings, compute type and target token
    src: str
    tgt: str


_LOADED: dict[tuple[object, ...], object] = {}


def shared(key: tuple[object, ...], load: Callable[[], T]) -> T:
    """A loaded model, reused by every translator of this process that needs the same one."""
    if key not in _LOADED:
        _LOADED[key] = load()
    return _LOADED[key]  # type: ignore[return-value]


def unload_models() -> None:
    """Forget every loaded model (frees their memory once no translator holds them)."""
    _LOADED.clear()


class Engine(ABC):
    """One model (MarianMT, NLLB-200 or M2M100) on one engine, for one direction."""

    name = "base"

    def __init__(
        self,
        files: ModelFiles,
        src: str,
        tgt: str,
        tokens: Tokens,
        decoding: Decoding,
        runtime: Runtime,
    ):
        self.files, self.src, self.tgt = files, src, tgt
        self.architecture = ARCHITECTURES[files.architecture]
        self.tokens = tokens
        self.decoding = decoding
        self.runtime = runtime
        self.compute_type = self._load()

    @property
    def target_token(self) -> str:
        return self.tokens.target

    @abstractmethod
    def _load(self) -> str:
        """Load the model; return the compute type actually used (e.g. int8, float32)."""

    @abstractmethod
    def count_pieces(self, text: str) -> int:
        """How many source pieces `text` becomes (without the target token and </s>)."""

    @abstractmethod
    def translate_batch(self, texts: list[str], limit: int) -> list[str]:
        """Translate one batch, at most `limit` output pieces each, in order."""

    @property
    def identity(self) -> Identity:
        settings = {
            **self.decoding.key_fields(),
            "compute": self.compute_type,
            "token": self.target_token,
        }
        if self.tokens.source:  # NLLB and M2M100 are told the source language too
            settings["source_token"] = self.tokens.source
        return Identity(
            self.files.id,
            self.files.revision,
            self.name,
            json.dumps(settings, sort_keys=True),
            self.src,
            self.tgt,
        )

    @property
    def signature(self) -> str:
        return Signature.parse(self.leg_signature).with_version().format()

    @property
    def leg_signature(self) -> str:
        d = self.decoding
        revision = self.files.revision
        short = revision if revision.startswith("sha256:") else revision[:12]
        made = Signature.of(
            model=self.files.id,
            rev=short,
            engine=self.name,
            compute=self.compute_type,
            beam=d.beam,
            maxlen=d.describe_limit(),
            split=d.max_input_pieces,
            tok=self.target_token or "none",
        )
        if self.tokens.source:
            made = made.then([("srctok", self.tokens.source)])
        if self.files.tiny:
            made = made.then([("tiny", "nonsense")])
        return made.format()

    def translate(self, texts: Sequence[str]) -> list[str]:
        texts = [str(t) for t in texts]
        pieces: list[str] = []
        owners: list[int] = []
        for i, text in enumerate(texts):
            if text.strip():
                for piece in split_long(
                    text.strip(), self.count_pieces, self.decoding.max_input_pieces
                ):
                    pieces.append(piece)
                    owners.append(i)
        outputs = self._translate_pieces(pieces)
        joined: list[list[str]] = [[] for _ in texts]
        for owner, output in zip(owners, outputs, strict=True):
            joined[owner].append(output)
        return [" ".join(parts) for parts in joined]

    def _translate_pieces(self, pieces: list[str]) -> list[str]:
        # + the source tokens (</s>, and a language token when there is one)
        lengths = [self.count_pieces(p) + 2 for p in pieces]
        groups: dict[int, list[int]] = {}  # output limit -> pieces that have it
        for i, length in enumerate(lengths):
            limit = self.decoding.output_limit(self.decoding.bucket_of(length))
            groups.setdefault(limit, []).append(i)
        outputs = [""] * len(pieces)
        for limit, members in sorted(groups.items(), reverse=True):
            for batch in batches([lengths[i] for i in members], self.decoding.batch_budget()):
                chosen = [members[j] for j in batch]
                translated = self.translate_batch([pieces[i] for i in chosen], limit)
                for i, out in zip(chosen, translated, strict=True):
                    outputs[i] = out
        return outputs


MarianEngine = Engine  # the name before NLLB-200 and M2M100 joined
