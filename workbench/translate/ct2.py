"""The CTranslate2 engine: the same model converted once, the same SentencePiece tokenizers.

A transformers model is converted on first use (or by `workbench models convert`), a
Marian-native one with CTranslate2's OPUS-MT converter; a CTranslate2 folder is used as it is.
Copies live in <models_dir>/ct2/, one folder per model and revision, written to a temporary
folder and renamed, so an interrupted conversion never leaves a half-written model. Weights
keep the checkpoint's precision; the compute type is chosen at load: int8 on a CPU, float16
on a GPU, or what --compute-type says.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import warnings
from pathlib import Path
from typing import Any

from workbench.errors import ConfigError, ModelNotAvailable
from workbench.translate.base import Engine, shared
from workbench.translate.folders import CT2, MARIAN_NATIVE, ct2_vocabulary
from workbench.translate.locate import ModelFiles


def converted_path(files: ModelFiles, convert_dir: Path) -> Path:
    if files.format == CT2:
        return files.path
    revision = files.revision.removeprefix("sha256:")[:16]
    return convert_dir / f"{files.id.strip('/').replace('/', '--')}--{revision}"


def ensure_converted(files: ModelFiles, convert_dir: Path) -> Path:
    """The CTranslate2 copy of `files`, converting it first if there is none yet."""
    target = converted_path(files, convert_dir)
    if (target / "model.bin").is_file():
        return target
    convert_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".converting-", dir=convert_dir))
    try:
        convert(files, work / "model")
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


def convert(files: ModelFiles, out: Path) -> None:
    """Write the CTranslate2 model of `files` into the new folder `out`."""
    from workbench.translate.hf import quiet_transformers

    quiet_transformers()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # transformers' advice while loading the model
        if files.format == MARIAN_NATIVE:
            from ctranslate2.converters import OpusMTConverter

            OpusMTConverter(str(files.path)).convert(str(out), force=True)
        else:
            _converter(str(files.path)).convert(str(out), force=True)


def _converter(path: str) -> Any:
    """CTranslate2's transformers converter, told M2M100's language tokens.

    CTranslate2 4.8 reads them from `additional_special_tokens`, which transformers 5's
    M2M100Tokenizer no longer fills: without them the vocabulary is 100 tokens short.
    """
    from ctranslate2.converters import TransformersConverter

    class Converter(TransformersConverter):  # type: ignore[misc]  # ctranslate2 is read untyped
        def load_tokenizer(
            self, tokenizer_class: Any, model_name_or_path: Any, **kwargs: Any
        ) -> Any:
            tokenizer = super().load_tokenizer(tokenizer_class, model_name_or_path, **kwargs)
            languages = getattr(tokenizer, "lang_token_to_id", None)
            if languages:
                base = tokenizer.get_vocab
                tokenizer.get_vocab = lambda: {**base(), **languages}
            return tokenizer

    return Converter(path)


class Ct2Engine(Engine):
    name = "ct2"

    def _load(self) -> str:
        import ctranslate2
        import sentencepiece

        self.device = _device(self.runtime.device, ctranslate2)
        compute = self.runtime.compute_type or ("float16" if self.device == "cuda" else "int8")
        _check_compute(compute, self.device, ctranslate2)
        key = (self.name, self.files.path, self.files.revision, self.device, compute)
        self.translator, self.config, self.skipped = shared(
            key, lambda: self._load_translator(compute)
        )
        path = self.files.path
        spm = self.architecture.source_spm
        self.source = sentencepiece.SentencePieceProcessor(model_file=str(path / spm))
        config = _tokenizer_config(path)
        # Mirror MarianTokenizer (transformers 5): a shared vocabulary decodes with the
        # source SentencePiece model, separate vocabularies with the target one.
        self.decoder = (
            sentencepiece.SentencePieceProcessor(model_file=str(path / "target.spm"))
            if config.get("separate_vocabs")
            else self.source
        )
        self.clean_up = bool(config.get("clean_up_tokenization_spaces"))
        self.prefix = self.architecture.ct2_prefix(self.tokens)
        return compute

    def _load_translator(self, compute: str) -> Any:
        import ctranslate2

        convert_dir = self.runtime.convert_dir or self.files.path.parent / "ct2"
        folder = ensure_converted(self.files, convert_dir)
        translator = ctranslate2.Translator(
            str(folder),
            device=self.device,
            compute_type=compute,
            inter_threads=1,
            intra_threads=self.runtime.threads,
        )
        skipped = self.architecture.skipped(ct2_vocabulary(folder))  # what it can output
        return translator, _json(folder / "config.json"), skipped

    def count_pieces(self, text: str) -> int:
        return len(self.source.encode(text, out_type=str))

    def translate_batch(self, texts: list[str], limit: int) -> list[str]:
        arch, add_eos = self.architecture, bool(self.config.get("add_source_eos"))
        pieces = [self.source.encode(arch.ct2_text(t, self.tokens), out_type=str) for t in texts]
        tokens = [arch.ct2_source(p, self.tokens, add_eos) for p in pieces]
        results = self.translator.translate_batch(
            tokens,
            target_prefix=[self.prefix] * len(tokens) if self.prefix else None,
            beam_size=self.decoding.beam,
            max_decoding_length=limit + arch.prefix_steps,
            max_input_length=0,  # never truncate (pieces are already short enough)
        )
        skip = len(self.prefix or ())
        return [self._decode(r.hypotheses[0][skip:]) for r in results]

    def _decode(self, pieces: list[str]) -> str:
        text = self.decoder.decode_pieces([p for p in pieces if p not in self.skipped])
        text = text.replace("\u2581", " ").strip()
        return _clean_up(text) if self.clean_up else text


def _device(wanted: str, ctranslate2: Any) -> str:
    gpus = ctranslate2.get_cuda_device_count()
    if wanted == "cuda" and gpus == 0:
        raise ConfigError(
            "--device cuda: CTranslate2 sees no CUDA GPU on this machine (or this build has no "
            "CUDA support). Use --device cpu (or auto)."
        )
    return ("cuda" if gpus > 0 else "cpu") if wanted == "auto" else wanted


def _check_compute(compute: str, device: str, ctranslate2: Any) -> None:
    supported = ctranslate2.get_supported_compute_types(device)
    if compute not in supported:
        raise ConfigError(
            f"CTranslate2 cannot compute in {compute} on this {device}: it supports "
            f"{', '.join(sorted(supported))}. Choose one of those with --compute-type."
        )


def _tokenizer_config(folder: Path) -> dict[str, Any]:
    return _json(folder / "tokenizer_config.json")


def _json(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _clean_up(text: str) -> str:
    """The space clean-up transformers applies when a tokenizer config asks for it."""
    for before, after in (
        (" .", "."), (" ?", "?"), (" !", "!"), (" ,", ","), (" ' ", "'"),
        (" n't", "n't"), (" 'm", "'m"), (" 's", "'s"), (" 've", "'ve"), (" 're", "'re"),
    ):  # fmt: skip
        text = text.replace(before, after)
    return text
