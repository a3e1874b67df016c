"""What a model folder holds: its format, its architecture, the files that make it whole.

Formats: `transformers` (config.json and weights, as on the Hugging Face Hub), `ct2` (a
CTranslate2 model.bin with its vocabulary and SentencePiece model) and `marian-native` (a
Marian .npz with decoder.yml, .yml vocabularies and SentencePiece models, as OPUS-MT releases
its zips; CTranslate2 converts it). Architectures: `marian` (OPUS-MT), `nllb` (NLLB-200) and
`m2m100` (M2M100), the last two both M2M100 networks with fairseq language codes.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from workbench.errors import ModelNotAvailable

TRANSFORMERS, CT2, MARIAN_NATIVE = "transformers", "ct2", "marian-native"
WEIGHTS = ("model.safetensors", "pytorch_model.bin")
# A large checkpoint (facebook/nllb-200-3.3B) is cut into shards that an index names.
SHARD_INDEXES = ("model.safetensors.index.json", "pytorch_model.bin.index.json")
SPM_FAIRSEQ = "sentencepiece.bpe.model"
# Beside the weights and config.json, what each architecture's transformers folder needs.
TOKENIZER_FILES = {
    "marian": ("source.spm", "target.spm", "vocab.json"),
    "nllb": (SPM_FAIRSEQ, "tokenizer_config.json"),
    "m2m100": (SPM_FAIRSEQ, "vocab.json", "tokenizer_config.json"),
}
OPTIONAL_FILES = (
    "generation_config.json",
    "tokenizer_config.json",
    "special_tokens_map.json",
    "tokenizer.json",
    "vocab.json",
    "source.spm",
    "target.spm",
    SPM_FAIRSEQ,
)
CT2_VOCABULARIES = tuple(
    f"{side}_vocabulary.{ext}" for side in ("shared", "source", "target") for ext in ("json", "txt")
)
ALL_FILES = tuple(
    dict.fromkeys(
        ["config.json", *WEIGHTS, *OPTIONAL_FILES, "model.bin", *CT2_VOCABULARIES, "decoder.yml"]
    )
)


@dataclass(frozen=True)
class Layout:
    """A model folder's format, architecture, and the files of the model (names in the folder)."""

    format: str
    architecture: str
    files: tuple[str, ...]


def inspect_folder(folder: Path) -> Layout:
    """The layout of a complete model folder, or ModelNotAvailable naming what is missing."""
    if (folder / "model.bin").is_file():
        return _ct2(folder)
    if (folder / "decoder.yml").is_file():
        return _marian_native(folder)
    return _transformers(folder)


def _transformers(folder: Path) -> Layout:
    config = _json(folder / "config.json")
    if config is None:
        _incomplete(folder, ["config.json"], "model")
    architecture = _transformers_architecture(folder, config)
    needed = ["config.json", *TOKENIZER_FILES[architecture]]
    missing = [name for name in needed if not (folder / name).is_file()]
    weights = _weights(folder)
    if not weights:
        missing.append(" or ".join(WEIGHTS) + " (or the shards an index names)")
    if missing:
        _incomplete(folder, missing, _LABELS[architecture])
    return Layout(TRANSFORMERS, architecture, _present(folder, [*needed, *weights]))


def _weights(folder: Path) -> list[str]:
    """The weight files: one checkpoint, or an index and every shard it names ([]: none)."""
    for name in WEIGHTS:
        if (folder / name).is_file():
            return [name]
    for index in SHARD_INDEXES:
        shards = sorted(set(((_json(folder / index) or {}).get("weight_map") or {}).values()))
        if shards and all("/" not in s and (folder / s).is_file() for s in shards):
            return [index, *shards]
    return []


def _transformers_architecture(folder: Path, config: dict[str, Any]) -> str:
    kind = config.get("model_type")
    if kind == "marian":
        return "marian"
    if kind == "m2m_100":
        tokenizer = (_json(folder / "tokenizer_config.json") or {}).get("tokenizer_class", "")
        return "m2m100" if str(tokenizer).startswith("M2M100") else "nllb"
    raise ModelNotAvailable(
        f"The folder {folder} holds a {kind or 'unknown'} model; the workbench runs MarianMT "
        "(OPUS-MT), NLLB-200 and M2M100 translation models. Choose one of those."
    )


def _ct2(folder: Path) -> Layout:
    vocabularies = [v for v in CT2_VOCABULARIES if (folder / v).is_file()]
    missing = [] if (folder / "config.json").is_file() else ["config.json"]
    if not vocabularies:
        missing.append("shared_vocabulary.json (or .txt)")
    if (folder / "source.spm").is_file():
        architecture = "marian"
    elif (folder / SPM_FAIRSEQ).is_file():
        tokens = _ct2_vocabulary(folder, vocabularies) if vocabularies else []
        architecture = "m2m100" if "__en__" in tokens else "nllb"
    else:
        raise ModelNotAvailable(
            f"The CTranslate2 model in {folder} has no SentencePiece model beside it: copy "
            f"source.spm and target.spm (OPUS-MT) or {SPM_FAIRSEQ} (NLLB-200, M2M100) from the "
            "model it was converted from into that folder."
        )
    if missing:
        _incomplete(folder, missing, "CTranslate2 model")
    return Layout(CT2, architecture, _present(folder, ["model.bin", "config.json", *vocabularies]))


def _marian_native(folder: Path) -> Layout:
    import yaml

    try:
        decoder = yaml.safe_load((folder / "decoder.yml").read_text(encoding="utf-8")) or {}
        names = [str(decoder["models"][0]), *map(str, decoder["vocabs"])]
    except (OSError, ValueError, KeyError, IndexError, TypeError, yaml.YAMLError):
        raise ModelNotAvailable(
            f"{folder / 'decoder.yml'} does not name its model and vocabularies (models: [...], "
            "vocabs: [...]): unpack the Marian release again."
        ) from None
    if any(not name.endswith(".yml") for name in names[1:]):
        raise ModelNotAvailable(
            f"{folder / 'decoder.yml'} names vocabularies that are not .yml files; the "
            "converter reads Marian's .yml vocabularies. Use the release as OPUS-MT published it."
        )
    needed = [*dict.fromkeys(names), "source.spm", "target.spm"]
    missing = [name for name in needed if "/" in name or not (folder / name).is_file()]
    if missing:
        _incomplete(folder, missing, "Marian model")
    return Layout(MARIAN_NATIVE, "marian", _present(folder, ["decoder.yml", *needed]))


_LABELS = {"marian": "MarianMT model", "nllb": "NLLB-200 model", "m2m100": "M2M100 model"}


def _incomplete(folder: Path, missing: list[str], what: str) -> NoReturn:
    raise ModelNotAvailable(
        f"The folder {folder} is not a complete {what}: {', '.join(missing)} missing. "
        "Download it again (`workbench models pull ID`) or point to another folder."
    )


def _present(folder: Path, names: list[str]) -> tuple[str, ...]:
    """The model's files: those it needs, and the optional ones that are there."""
    found = [*names, *(n for n in OPTIONAL_FILES if (folder / n).is_file())]
    return tuple(dict.fromkeys(found))


def read_vocabulary(folder: Path, layout: Layout) -> list[str]:
    """Every token the model knows, in its order (language tokens among them)."""
    if layout.format == CT2:
        return _ct2_vocabulary(folder, [v for v in CT2_VOCABULARIES if v in layout.files])
    if layout.format == MARIAN_NATIVE:
        from ctranslate2.converters.marian import load_vocab

        vocabs = [name for name in layout.files if name.endswith(".yml") and name != "decoder.yml"]
        return list(load_vocab(str(folder / vocabs[-1])))
    if layout.architecture == "marian":
        return list(_json(folder / "vocab.json") or {})
    if layout.architecture == "nllb":
        return _nllb_vocabulary(folder)
    return _m2m100_vocabulary(folder)


def _nllb_vocabulary(folder: Path) -> list[str]:
    tokenizer = _json(folder / "tokenizer.json")
    if tokenizer is not None:
        tokens = list(tokenizer.get("model", {}).get("vocab", {}))
        return tokens + [t["content"] for t in tokenizer.get("added_tokens", [])]
    config = _json(folder / "tokenizer_config.json") or {}
    codes = config.get("extra_special_tokens") or config.get("additional_special_tokens")
    if codes:
        return list(codes)
    from transformers.models.nllb.tokenization_nllb import FAIRSEQ_LANGUAGE_CODES

    return list(FAIRSEQ_LANGUAGE_CODES)


def _m2m100_vocabulary(folder: Path) -> list[str]:
    from transformers.models.m2m_100.tokenization_m2m_100 import FAIRSEQ_LANGUAGE_CODES

    config = _json(folder / "tokenizer_config.json") or {}
    codes = FAIRSEQ_LANGUAGE_CODES.get(config.get("language_codes", "m2m100"), [])
    return [*(_json(folder / "vocab.json") or {}), *(f"__{code}__" for code in codes)]


def ct2_vocabulary(folder: Path) -> list[str]:
    """The tokens of a CTranslate2 model folder."""
    return _ct2_vocabulary(folder, [v for v in CT2_VOCABULARIES if (folder / v).is_file()])


def _ct2_vocabulary(folder: Path, names: list[str]) -> list[str]:
    tokens: list[str] = []
    for name in names:
        text = (folder / name).read_text(encoding="utf-8")
        tokens += json.loads(text) if name.endswith(".json") else text.splitlines()
    return list(dict.fromkeys(tokens))


def _json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None
