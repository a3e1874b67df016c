"""The transformers engine: tokenizer -> model.generate() -> batch_decode().

(transformers 5 has no translation pipeline.) Runs under torch.inference_mode with one
thread per core, on the GPU when there is one (in float16 there, float32 on the CPU). The
architecture says which classes to load and how the languages are given (architectures.py).
"""

from __future__ import annotations

from typing import Any

from workbench.errors import ConfigError, ModelNotAvailable
from workbench.translate.base import Engine, shared
from workbench.translate.folders import TRANSFORMERS

COMPUTE = ("float32", "float16")


def quiet_transformers() -> None:
    """No progress bars or advice on stderr: the CLI shows its own progress."""
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()


class HfEngine(Engine):
    name = "hf"

    def _load(self) -> str:
        import torch

        if self.files.format != TRANSFORMERS:
            raise ModelNotAvailable(
                f"{self.files.id} is a {self.files.format} model: transformers cannot load it. "
                "Use --engine ct2 (or auto)."
            )
        torch.set_num_threads(self.runtime.threads)
        self.device = _device(self.runtime.device, torch)
        compute = self.runtime.compute_type or ("float16" if self.device == "cuda" else "float32")
        if compute not in COMPUTE:
            raise ConfigError(
                f"transformers computes in {' or '.join(COMPUTE)}, not {compute}: use "
                "--engine ct2 for int8, or another --compute-type."
            )
        key = (self.name, self.files.path, self.files.revision, self.device, compute)
        self.tokenizer, self.model, self.dropped = shared(key, lambda: self._load_model(compute))
        return compute

    def _load_model(self, compute: str) -> tuple[Any, Any, set[int]]:
        import torch

        quiet_transformers()
        tokenizer, model = self.architecture.hf_load(self.files.path, getattr(torch, compute))
        dropped = self.architecture.hf_dropped(tokenizer)
        return tokenizer, model.to(self.device).eval(), dropped

    def count_pieces(self, text: str) -> int:
        return self.architecture.hf_count(self.tokenizer, text)

    def translate_batch(self, texts: list[str], limit: int) -> list[str]:
        import torch

        inputs = self.architecture.hf_inputs(self.tokenizer, texts, self.tokens)
        options = self.architecture.hf_generate(self.tokenizer, self.tokens, limit)
        with torch.inference_mode():
            output = self.model.generate(
                **inputs.to(self.device),
                num_beams=self.decoding.beam,
                do_sample=False,
                **options,
            )
        return self.architecture.hf_decode(self.tokenizer, output, self.dropped)


def _device(wanted: str, torch: Any) -> str:
    if wanted == "auto":
        return "cuda" if torch.cuda.is_available() else "cpu"
    if wanted == "cuda" and not torch.cuda.is_available():
        raise ConfigError(
            "--device cuda: torch sees no CUDA GPU on this machine (or this torch is a CPU "
            "build). Use --device cpu (or auto)."
        )
    return wanted
