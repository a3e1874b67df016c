"""A tiny LaBSE-shaped sentence-transformers model built offline, for tests and demos.

Shaped as sentence-transformers/LaBSE is: a BERT encoder with a WordPiece tokenizer
(trained here on the project's own text), the [CLS] vector, a dense layer with tanh, and
normalisation, saved with sentence-transformers' own `save`. Its weights are random, so
**its embeddings mean nothing**; it exercises the real loading and encoding path.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable
from pathlib import Path

from workbench.translate.tiny import (
    MANIFEST,
    _check_target_folder,
    _training_lines,
    _write_json,
)

HIDDEN = 32


def build_tiny_embedder(
    out: Path | str, *, texts: Iterable[str | Path] | None = None, seed: int = 0
) -> Path:
    """Write a tiny sentence-transformers model into `out` and return the folder."""
    import torch
    from sentence_transformers import SentenceTransformer
    from sentence_transformers.sentence_transformer import modules as models
    from transformers import BertConfig, BertModel, BertTokenizerFast

    out = Path(out)
    _check_target_folder(out)
    torch.manual_seed(seed)
    with tempfile.TemporaryDirectory() as work:
        bert = Path(work) / "bert"
        _wordpiece(_training_lines(texts), bert)
        config = BertConfig(
            vocab_size=len(BertTokenizerFast.from_pretrained(bert)),
            hidden_size=HIDDEN,
            num_hidden_layers=2,
            num_attention_heads=2,
            intermediate_size=2 * HIDDEN,
            max_position_embeddings=256,
        )
        BertModel(config).save_pretrained(bert)
        encoder = models.Transformer(str(bert), max_seq_length=128)
        pooling = models.Pooling(HIDDEN, pooling_mode="cls")
        dense = models.Dense(HIDDEN, HIDDEN, activation_function=torch.nn.Tanh())
        SentenceTransformer(modules=[encoder, pooling, dense, models.Normalize()]).save(str(out))
    _write_json(out / MANIFEST, {"tiny": True, "kind": "embedder", "seed": seed})
    return out


def _wordpiece(lines: list[str], folder: Path) -> None:
    """A BERT WordPiece tokenizer trained on `lines`, saved in `folder`."""
    from tokenizers import BertWordPieceTokenizer
    from transformers import BertTokenizerFast

    trainer = BertWordPieceTokenizer(lowercase=False, strip_accents=False)
    trainer.train_from_iterator(lines, vocab_size=2000, min_frequency=1)
    folder.mkdir(parents=True)
    trainer.save_model(str(folder))
    BertTokenizerFast(str(folder / "vocab.txt"), do_lower_case=False).save_pretrained(folder)
