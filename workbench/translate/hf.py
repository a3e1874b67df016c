"""The transformers engine: MarianTokenizer -> MarianMTModel.generate() -> batch_decode().

(transformers 5 has no translation pipeline.) Runs under torch.inference_mode with one
thread per core, on the GPU when there is one (in float16 there, float32 on the CPU).
"""

from __future__ import annotations

import warnings

from workbench.translate.base import MarianEngine, shared


def quiet_transformers() -> None:
    """No progress bars or advice on stderr: the CLI shows its own progress."""
    from transformers.utils import logging

    logging.set_verbosity_error()
    logging.disable_progress_bar()


class HfEngine(MarianEngine):
    name = "hf"

    def _load(self) -> str:
        import torch

        torch.set_num_threads(self.runtime.threads)
        wanted = self.runtime.device
        self.device = (
            ("cuda" if torch.cuda.is_available() else "cpu") if wanted == "auto" else wanted
        )
        compute = "float16" if self.device == "cuda" else "float32"
        key = (self.name, self.files.path, self.files.revision, self.device, compute)
        self.tokenizer, self.model = shared(key, lambda: self._load_model(compute))
        return compute

    def _load_model(self, compute: str) -> tuple:
        import torch
        from transformers import MarianMTModel, MarianTokenizer

        quiet_transformers()
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Recommended: pip install sacremoses" (unused)
            tokenizer = MarianTokenizer.from_pretrained(self.files.path, local_files_only=True)
        model = MarianMTModel.from_pretrained(
            self.files.path, local_files_only=True, dtype=getattr(torch, compute)
        )
        return tokenizer, model.to(self.device).eval()

    def count_pieces(self, text: str) -> int:
        return len(self.tokenizer.spm_source.encode(text, out_type=str))

    def translate_batch(self, texts: list[str], limit: int) -> list[str]:
        import torch

        prefix = f"{self.target_token} " if self.target_token else ""
        inputs = self.tokenizer([prefix + t for t in texts], return_tensors="pt", padding=True)
        with torch.inference_mode():
            output = self.model.generate(
                **inputs.to(self.device),
                num_beams=self.decoding.beam,
                do_sample=False,
                max_new_tokens=limit + 1,  # the last step is the forced </s>
            )
        return self.tokenizer.batch_decode(output, skip_special_tokens=True)
