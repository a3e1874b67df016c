"""Tiny MarianMT models built offline, for tests and demos: random weights, real tokenizers.

A tiny model has the same files, the same special tokens and the same target-language tokens
as the catalog model for its direction, so the code that loads and runs it is exactly the code
that runs a real Helsinki-NLP model. Its SentencePiece tokenizer is trained on the project's own
text (corpora/ when present, else a short text shipped with the package). Its weights are
random: **its translations are nonsense**, and its config says so.
"""

from __future__ import annotations

import io
import json
import shutil
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from workbench.errors import InputError

TINY_WARNING = "random weights: this model's translations are nonsense (tests and demos only)"
MANIFEST = "workbench-model.json"
PACKAGE_TEXT = Path(__file__).with_name("tiny_corpus.txt")
CORPORA = Path(__file__).resolve().parents[2] / "corpora"
SPECIAL = ("</s>", "<unk>", "<pad>")
TINY = {
    "d_model": 32,
    "encoder_layers": 2,
    "decoder_layers": 2,
    "encoder_attention_heads": 4,
    "decoder_attention_heads": 4,
    "encoder_ffn_dim": 64,
    "decoder_ffn_dim": 64,
}
# The shape of the Helsinki-NLP opus-mt models (e.g. opus-mt-en-de: vocabulary 58101).
OPUS_MT_BASE = {
    "d_model": 512,
    "encoder_layers": 6,
    "decoder_layers": 6,
    "encoder_attention_heads": 8,
    "decoder_attention_heads": 8,
    "encoder_ffn_dim": 2048,
    "decoder_ffn_dim": 2048,
}


def build_tiny_model(
    src: str,
    tgt: str,
    out_dir: Path | str,
    *,
    texts: Iterable[str | Path] | None = None,
    target_tokens: Sequence[str] | None = None,
    seed: int = 0,
    vocab_size: int = 800,
    architecture: Mapping[str, Any] | None = None,
    min_vocab: int = 0,
) -> Path:
    """Build a tiny MarianMT model for src->tgt in `out_dir` (about a second) and return it.

    `texts`: strings of text, or Paths of text files, to train SentencePiece on (default: the
    project's corpora). `target_tokens`: the >>xxx<< tokens the model knows (default: those of
    the catalog model that serves the direction, e.g. >>ckb<< and >>kmr<< for en-ckb).
    `architecture` replaces the tiny sizes (OPUS_MT_BASE is the real models' shape) and
    `min_vocab` pads the vocabulary with unused pieces up to a real model's size (benchmarks).
    """
    from workbench.translate.catalog import load_catalog

    catalog = load_catalog()
    src, tgt = catalog.language(src), catalog.language(tgt)
    if target_tokens is None:
        target_tokens = catalog.model_tokens(src, tgt)
    out = Path(out_dir)
    _check_target_folder(out)
    lines = _training_lines(texts)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tiny-", dir=out.parent))
    try:
        pieces = _write_tokenizer(work, lines, vocab_size, src, tgt)
        vocab = _write_vocab(work, pieces, target_tokens, min_vocab)
        _write_model(work, vocab, seed, {**TINY, **(architecture or {})})
        _write_manifest(work, src, tgt, target_tokens, seed)
        if out.exists():
            shutil.rmtree(out)
        work.rename(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def _check_target_folder(out: Path) -> None:
    if out.is_file():
        raise InputError(f"{out} is a file; give a folder for the tiny model.")
    if out.is_dir() and any(out.iterdir()) and not _is_tiny(out):
        raise InputError(
            f"{out} already holds other files; choose an empty or new folder for the tiny model."
        )


def _is_tiny(folder: Path) -> bool:
    try:
        return bool(json.loads((folder / MANIFEST).read_text(encoding="utf-8")).get("tiny"))
    except (OSError, ValueError):
        return False


def _training_lines(texts: Iterable[str | Path] | None) -> list[str]:
    from workbench.text.readers import SUPPORTED

    if texts is None:
        found = sorted(p for p in CORPORA.rglob("*") if p.suffix.lower() in SUPPORTED)
        texts = found or [PACKAGE_TEXT]
    lines: list[str] = []
    for item in texts:
        text = "\n".join(_read(item)) if isinstance(item, Path) else item
        lines += [s for s in (ln.strip() for ln in text.splitlines()) if s and s[0] != "#"]
    if not lines:
        raise InputError("No text to train the tiny model's tokenizer on: give texts or files.")
    return lines


def _read(path: Path) -> tuple[str, ...]:
    """The paragraphs of a file in any format and encoding the text layer reads."""
    from workbench.text.readers import read_file

    return read_file(path).paragraphs


def _write_tokenizer(
    folder: Path, lines: list[str], vocab_size: int, src: str, tgt: str
) -> list[str]:
    """Train one SentencePiece model on all languages; it serves as source and target spm."""
    import sentencepiece as spm

    proto = train_sentencepiece(lines, vocab_size, "unigram", bos_id=-1, eos_id=-1)
    (folder / "source.spm").write_bytes(proto)
    (folder / "target.spm").write_bytes(proto)
    processor = spm.SentencePieceProcessor(model_proto=proto)
    pieces = [processor.id_to_piece(i) for i in range(processor.get_piece_size())]
    config = {
        "source_lang": src,
        "target_lang": tgt,
        "unk_token": "<unk>",
        "eos_token": "</s>",
        "pad_token": "<pad>",
        "model_max_length": 512,
        "separate_vocabs": False,
        "tokenizer_class": "MarianTokenizer",
    }
    _write_json(folder / "tokenizer_config.json", config)
    _write_json(folder / "special_tokens_map.json", {t[1:-1] + "_token": t for t in SPECIAL})
    return [p for p in pieces if p not in SPECIAL and p != "<s>"]


def train_sentencepiece(lines: list[str], vocab_size: int, model_type: str, **ids: Any) -> bytes:
    """A SentencePiece model (its bytes) trained on `lines`, <unk> 0, the other ids given."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(lines),
        model_writer=model,
        vocab_size=vocab_size,
        hard_vocab_limit=False,  # small texts give fewer pieces than asked for
        character_coverage=1.0,  # every Arabic-script and Latin letter must survive
        model_type=model_type,
        num_threads=1,  # deterministic
        unk_id=0,
        minloglevel=2,
        **ids,
    )
    return model.getvalue()


def _write_vocab(
    folder: Path, pieces: list[str], target_tokens: Sequence[str], min_vocab: int
) -> dict[str, int]:
    """Marian's layout: </s> = 0, <unk> = 1, the pieces, then <pad> last (the decoder start)."""
    filler = [f"<unused{i}>" for i in range(min_vocab - len(pieces) - len(target_tokens) - 3)]
    tokens = ["</s>", "<unk>", *target_tokens, *pieces, *filler, "<pad>"]
    vocab = {token: i for i, token in enumerate(dict.fromkeys(tokens))}
    _write_json(folder / "vocab.json", vocab)
    return vocab


def _write_model(folder: Path, vocab: dict[str, int], seed: int, sizes: dict[str, Any]) -> None:
    import torch
    from transformers import MarianConfig, MarianMTModel

    from workbench.translate.hf import quiet_transformers

    quiet_transformers()
    pad = vocab["<pad>"]
    config = MarianConfig(
        vocab_size=len(vocab),
        **sizes,
        max_position_embeddings=512,
        activation_function="swish",
        scale_embedding=True,
        init_std=0.5,  # large enough that different inputs give different outputs
        pad_token_id=pad,
        decoder_start_token_id=pad,
        eos_token_id=0,
        forced_eos_token_id=0,
        bad_words_ids=[[pad]],
        num_beams=4,
        max_length=512,
        workbench_tiny=TINY_WARNING,
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = MarianMTModel(config)
    with torch.no_grad():
        embeddings = model.get_input_embeddings().weight
        # The decoder starts from <pad>'s embedding in transformers and from a zero vector in
        # CTranslate2: the row must be zero for both engines to agree.
        embeddings[pad].zero_()
        # A zero </s> row gives </s> a logit of 0 among random ones of a few units: it almost
        # never wins, so a tiny model never answers with an empty string.
        embeddings[vocab["</s>"]].zero_()
    model.generation_config.bad_words_ids = [[pad]]
    model.generation_config.num_beams = 4
    model.generation_config.max_length = 512
    model.save_pretrained(folder)


def _write_manifest(folder: Path, src: str, tgt: str, tokens: Sequence[str], seed: int) -> None:
    _write_json(
        folder / MANIFEST,
        {
            "id": f"workbench-tiny/{src}-{tgt}",
            "tiny": True,
            "warning": TINY_WARNING,
            "source_lang": src,
            "target_lang": tgt,
            "target_tokens": list(tokens),
            "seed": seed,
        },
    )


def _write_json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def export_marian_native(folder: Path | str, out_dir: Path | str) -> Path:
    """The same tiny MarianMT model as Marian itself writes it (and OPUS-MT releases it):
    `model.npz` with its `special:model.yml`, `decoder.yml`, a `.yml` vocabulary and the
    SentencePiece models. For tests of Marian-native import: the weights are the transformers
    model's, so both must translate alike. Post-norm transformers only (as OPUS-MT's are)."""
    import numpy as np
    import yaml
    from safetensors.numpy import load_file

    source, out = Path(folder), Path(out_dir)
    _check_target_folder(out)
    config = json.loads((source / "config.json").read_text(encoding="utf-8"))
    vocab = json.loads((source / "vocab.json").read_text(encoding="utf-8"))
    weights = load_file(source / "model.safetensors")
    pad = config["pad_token_id"]
    if pad != len(vocab) - 1:
        raise InputError(f"{source} does not have Marian's layout (<pad> last).")
    arrays: dict[str, Any] = {  # Marian has no <pad>: its decoder starts from a zero vector instead
        "Wemb": weights["model.shared.weight"][:pad],
        "decoder_ff_logit_out_b": weights["final_logits_bias"][:, :pad],
    }
    for side in ("encoder", "decoder"):
        for i in range(config[f"{side}_layers"]):
            arrays |= _marian_layer(weights, side, i)
    options = {
        "type": "transformer",
        "dim-emb": config["d_model"],
        "enc-depth": config["encoder_layers"],
        "dec-depth": config["decoder_layers"],
        "transformer-heads": config["encoder_attention_heads"],
        "transformer-ffn-activation": config["activation_function"],
        "transformer-preprocess": "",
        "transformer-postprocess": "dan",
        "transformer-postprocess-emb": "d",
        "transformer-decoder-autoreg": "self-attention",
        "transformer-no-projection": False,
        "transformer-guided-alignment-layer": "last",
        "tied-embeddings-all": True,
    }
    text = yaml.safe_dump(options).encode("utf-8") + b"\0"
    arrays["special:model.yml"] = np.frombuffer(text, dtype=np.int8)
    out.mkdir(parents=True, exist_ok=True)
    np.savez(out / "model.npz", **arrays)
    tokens = sorted((i, t) for t, i in vocab.items() if i != pad)
    lines = [f"{json.dumps(t, ensure_ascii=False)}: {i}\n" for i, t in tokens]
    (out / "vocab.yml").write_text("".join(lines), encoding="utf-8")
    decoder = {"models": ["model.npz"], "vocabs": ["vocab.yml", "vocab.yml"], "beam-size": 4}
    (out / "decoder.yml").write_text(yaml.safe_dump(decoder), encoding="utf-8")
    for name in ("source.spm", "target.spm"):
        shutil.copyfile(source / name, out / name)
    manifest = json.loads((source / MANIFEST).read_text(encoding="utf-8"))
    _write_json(out / MANIFEST, {**manifest, "id": manifest["id"] + "-native"})
    return out


PROJECTIONS = (("q", "q_proj"), ("k", "k_proj"), ("v", "v_proj"), ("o", "out_proj"))


def _marian_layer(weights: dict[str, Any], side: str, i: int) -> dict[str, Any]:
    """One layer's weights under Marian's names (its matrices are transposed)."""
    ours, theirs = f"model.{side}.layers.{i}", f"{side}_l{i + 1}"
    arrays = {}

    def linear(name: str, suffix: str, module: str) -> None:
        arrays[f"{name}_W{suffix}"] = weights[f"{module}.weight"].T.copy()
        arrays[f"{name}_b{suffix}"] = weights[f"{module}.bias"][None, :]

    def norm(name: str, module: str) -> None:
        arrays[f"{name}_ln_scale"] = weights[f"{module}.weight"][None, :]
        arrays[f"{name}_ln_bias"] = weights[f"{module}.bias"][None, :]

    blocks = [("self", "self_attn")] + ([("context", "encoder_attn")] if side == "decoder" else [])
    for name, module in blocks:
        for suffix, projection in PROJECTIONS:
            linear(f"{theirs}_{name}", suffix, f"{ours}.{module}.{projection}")
        norm(f"{theirs}_{name}_Wo", f"{ours}.{module}_layer_norm")
    linear(f"{theirs}_ffn", "1", f"{ours}.fc1")
    linear(f"{theirs}_ffn", "2", f"{ours}.fc2")
    norm(f"{theirs}_ffn_ffn", f"{ours}.final_layer_norm")
    return arrays
