"""The CTranslate2 engine: the same model converted once, the same SentencePiece tokenizers.

The converted copy lives in <models_dir>/ct2/, one folder per model and revision; it is made
on first use (or by `workbench models convert`), written to a temporary folder and renamed,
so an interrupted conversion never leaves a half-written model. Weights keep the checkpoint's
precision; the compute type is chosen at load: int8 on a CPU, float16 on a GPU.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from pathlib import Path

from workbench.errors import ModelNotAvailable
from workbench.translate.base import MarianEngine, shared
from workbench.translate.locate import ModelFiles

SPECIAL = {"</s>", "<unk>", "<pad>"}


def converted_path(files: ModelFiles, convert_dir: Path) -> Path:
    revision = files.revision.removeprefix("sha256:")[:16]
    return convert_dir / f"{files.id.strip('/').replace('/', '--')}--{revision}"


def ensure_converted(files: ModelFiles, convert_dir: Path) -> Path:
    """The CTranslate2 copy of `files`, converting it first if there is none yet."""
    target = converted_path(files, convert_dir)
    if (target / "model.bin").is_file():
        return target
    from ctranslate2.converters import TransformersConverter

    from workbench.translate.hf import quiet_transformers

    quiet_transformers()
    convert_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".converting-", dir=convert_dir))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # transformers' advice while loading the model
            TransformersConverter(str(files.path)).convert(str(work / "model"), force=True)
        try:
            (work / "model").rename(target)
        except OSError:
            if not (target / "model.bin").is_file():  # not a concurrent conversion that won
                raise
    except Exception as exc:
        raise ModelNotAvailable(
            f"Cannot convert {files.id} ({files.path}) for CTranslate2: {exc}. "
            "Use --engine hf for this model."
        ) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return target


class Ct2Engine(MarianEngine):
    name = "ct2"

    def _load(self) -> str:
        import ctranslate2
        import sentencepiece

        wanted = self.runtime.device
        gpu = ctranslate2.get_cuda_device_count() > 0 if wanted == "auto" else wanted == "cuda"
        self.device = "cuda" if gpu else "cpu"
        compute = self.runtime.compute_type or ("float16" if gpu else "int8")
        key = (self.name, self.files.path, self.files.revision, self.device, compute)
        self.translator = shared(key, lambda: self._load_translator(compute))
        path = self.files.path
        self.source = sentencepiece.SentencePieceProcessor(model_file=str(path / "source.spm"))
        config = _tokenizer_config(path)
        # Mirror MarianTokenizer (transformers 5): a shared vocabulary decodes with the
        # source SentencePiece model, separate vocabularies with the target one.
        self.decoder = (
            sentencepiece.SentencePieceProcessor(model_file=str(path / "target.spm"))
            if config.get("separate_vocabs")
            else self.source
        )
        self.clean_up = bool(config.get("clean_up_tokenization_spaces"))
        return compute

    def _load_translator(self, compute: str):
        import ctranslate2

        convert_dir = self.runtime.convert_dir or self.files.path.parent / "ct2"
        return ctranslate2.Translator(
            str(ensure_converted(self.files, convert_dir)),
            device=self.device,
            compute_type=compute,
            inter_threads=1,
            intra_threads=self.runtime.threads,
        )

    def count_pieces(self, text: str) -> int:
        return len(self.source.encode(text, out_type=str))

    def translate_batch(self, texts: list[str], limit: int) -> list[str]:
        # As MarianTokenizer sees it: the target token is split off ">>ara<< text", leaving
        # " text" for SentencePiece.
        prefix = [self.target_token] if self.target_token else []
        space = " " if self.target_token else ""
        tokens = [[*prefix, *self.source.encode(space + t, out_type=str), "</s>"] for t in texts]
        results = self.translator.translate_batch(
            tokens,
            beam_size=self.decoding.beam,
            max_decoding_length=limit,
            max_input_length=0,  # never truncate (pieces are already short enough)
        )
        return [self._decode(r.hypotheses[0]) for r in results]

    def _decode(self, pieces: list[str]) -> str:
        text = self.decoder.decode_pieces([p for p in pieces if p not in SPECIAL])
        text = text.replace("\u2581", " ").strip()
        return _clean_up(text) if self.clean_up else text


def _tokenizer_config(folder: Path) -> dict:
    try:
        return json.loads((folder / "tokenizer_config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _clean_up(text: str) -> str:
    """The space clean-up transformers applies when a tokenizer config asks for it."""
    for before, after in (
        (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"),
        (" n't", "n't"), (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
    ):  # fmt: skip
        text = text.replace(before, after)
    return text
