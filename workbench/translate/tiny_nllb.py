"""Tiny NLLB-200 and M2M100 models built offline, for tests and demos: random weights, real
tokenizers holding the language codes.

Shaped as the facebook models are: an M2M100 network (`model_type` m2m_100, decoder start
</s>, pad 1, eos 2), a SentencePiece BPE model `sentencepiece.bpe.model` (trained on the
project's own text) with the fairseq offsets, and the language codes of the workbench's
languages (`eng_Latn arb_Arab ckb_Arab kmr_Latn` for NLLB; M2M100's own `__en__ __ar__ ...`).
One model serves every direction between them, as the real ones do. **Its translations are
nonsense**, and its config says so.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from workbench.translate.architectures import Nllb
from workbench.translate.tiny import (
    MANIFEST,
    TINY,
    TINY_WARNING,
    _check_target_folder,
    _training_lines,
    _write_json,
    train_sentencepiece,
)

SPM = "sentencepiece.bpe.model"
# The shape of facebook/nllb-200-distilled-600M (vocabulary 256206).
NLLB_600M = {
    "d_model": 1024,
    "encoder_layers": 12,
    "decoder_layers": 12,
    "encoder_attention_heads": 16,
    "decoder_attention_heads": 16,
    "encoder_ffn_dim": 4096,
    "decoder_ffn_dim": 4096,
}
NLLB_VOCAB = 256206
M2M100_MADEUP = 8  # M2M100Tokenizer's num_madeup_words


def build_tiny_nllb(
    out_dir: Path | str,
    *,
    architecture: str = "nllb",
    texts: Iterable[str | Path] | None = None,
    seed: int = 0,
    vocab_size: int = 800,
    sizes: Mapping[str, Any] | None = None,
    min_vocab: int = 0,
) -> Path:
    """Build a tiny NLLB-200 (or, with architecture="m2m100", M2M100) model in `out_dir`.

    `texts`: strings or Paths to train SentencePiece on (default: the project's corpora).
    `sizes` replaces the tiny sizes (NLLB_600M is the distilled 600M model's shape) and
    `min_vocab` gives the network a real model's vocabulary size (benchmarks).
    """
    if architecture not in ("nllb", "m2m100"):
        raise ValueError(f"architecture must be nllb or m2m100, not {architecture!r}")
    out = Path(out_dir)
    _check_target_folder(out)
    lines = _training_lines(texts)
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".tiny-", dir=out.parent))
    try:
        _write_spm(work, lines, vocab_size)
        write = _nllb_tokenizer if architecture == "nllb" else _m2m100_tokenizer
        size = write(work)
        _write_model(work, architecture, max(size, min_vocab), seed, {**TINY, **(sizes or {})})
        _write_json(
            work / MANIFEST,
            {
                "id": f"workbench-tiny/{architecture}",
                "tiny": True,
                "warning": TINY_WARNING,
                "architecture": architecture,
                "seed": seed,
            },
        )
        if out.exists():
            shutil.rmtree(out)
        work.rename(out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return out


def _write_spm(folder: Path, lines: list[str], vocab_size: int) -> None:
    """A BPE model with fairseq's special pieces: <unk> 0, <s> 1, </s> 2 (as NLLB's is)."""
    proto = train_sentencepiece(lines, vocab_size, "bpe", bos_id=1, eos_id=2, pad_id=-1)
    (folder / SPM).write_bytes(proto)


def _nllb_tokenizer(folder: Path) -> int:
    """tokenizer.json and tokenizer_config.json as the Hub's NLLB models have them, made by
    transformers from the SentencePiece model; returns the vocabulary size."""
    from transformers import AutoTokenizer

    from workbench.translate.hf import quiet_transformers

    quiet_transformers()
    codes = list(Nllb.codes.values())
    config = {
        "tokenizer_class": "NllbTokenizer",
        "extra_special_tokens": codes,
        "src_lang": codes[0],
        "model_max_length": 1024,
    }
    _write_json(folder / "tokenizer_config.json", config)
    tokenizer = AutoTokenizer.from_pretrained(folder, local_files_only=True)
    tokenizer.save_pretrained(folder)
    return len(tokenizer)


def _m2m100_tokenizer(folder: Path) -> int:
    """vocab.json (fairseq layout) and tokenizer_config.json as facebook/m2m100_418M has them;
    returns the network's vocabulary size (pieces, 100 language codes, made-up words)."""
    import sentencepiece as spm
    from transformers import M2M100Tokenizer

    processor = spm.SentencePieceProcessor(model_file=str(folder / SPM))
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for i in range(3, processor.get_piece_size()):
        vocab.setdefault(processor.id_to_piece(i), len(vocab))
    _write_json(folder / "vocab.json", vocab)
    tokenizer = M2M100Tokenizer(
        vocab_file=str(folder / "vocab.json"),
        spm_file=str(folder / SPM),
        num_madeup_words=M2M100_MADEUP,
    )
    tokenizer.save_pretrained(folder)
    return len(vocab) + len(tokenizer.lang_code_to_id) + M2M100_MADEUP


def _write_model(
    folder: Path, architecture: str, vocab_size: int, seed: int, sizes: Mapping[str, Any]
) -> None:
    import torch
    from transformers import M2M100Config, M2M100ForConditionalGeneration

    config = M2M100Config(
        vocab_size=vocab_size,
        **sizes,
        max_position_embeddings=1024,
        activation_function="relu",
        scale_embedding=True,
        init_std=0.5,  # large enough that different inputs give different outputs
        dropout=0.0,
        pad_token_id=1,
        bos_token_id=0,
        eos_token_id=2,
        decoder_start_token_id=2,
        tokenizer_class="NllbTokenizer" if architecture == "nllb" else "M2M100Tokenizer",
        workbench_tiny=TINY_WARNING,
    )
    with torch.random.fork_rng(devices=[]):
        torch.manual_seed(seed)
        model = M2M100ForConditionalGeneration(config)
    with torch.no_grad():
        embeddings = model.get_input_embeddings().weight
        embeddings[1].zero_()  # <pad>, as a trained model has it
        # The decoder starts from </s>; a zero </s> row also gives </s> a logit of 0 among
        # random ones of a few units: a tiny model almost never stops early.
        embeddings[2].zero_()
    model.save_pretrained(folder)
