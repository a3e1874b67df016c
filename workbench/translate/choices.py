"""The choices a user makes about machine translation, declared once.

The CLI, job specs, the settings and the UI import these; `check()` turns a wrong value into
an error that lists the valid ones.
"""

from __future__ import annotations

from workbench.errors import ConfigError
from workbench.registry import Registry

# The engines that run a model, each an `Engine` class (imported at first use).
ENGINE_CLASSES = Registry(
    "engine",
    {"hf": "workbench.translate.hf:HfEngine", "ct2": "workbench.translate.ct2:Ct2Engine"},
    error=ConfigError,
)
ENGINES = ("auto", *ENGINE_CLASSES)  # auto: CTranslate2 when it can run the model, else hf
DEVICES = ("auto", "cpu", "cuda")
COMPUTE_TYPES = ("int8", "int8_float16", "float16", "float32")
PROFILES = ("open", "best")  # open: permissive licences only; best: best published score
ARCHITECTURES = ("marian", "nllb", "m2m100")

HELP = {
    "engine": "auto (default): CTranslate2 when it can run the model, else transformers.",
    "device": "auto (default): a CUDA GPU when one is visible, else the CPU.",
    "compute_type": (
        "Precision: int8 (CPU default, CTranslate2 only), int8_float16 (CUDA, CTranslate2), "
        "float16 (GPU default), float32 (transformers on a CPU)."
    ),
    "profile": "open (default): permissive licences only; best: the best published score.",
    "batch_tokens": "Input pieces x beam per batch (memory against speed; default 4096).",
}


def check(what: str, value: str, choices: tuple[str, ...]) -> str:
    """`value` lower-cased if it is one of `choices`, else a ConfigError naming them."""
    found = str(value).strip().lower()
    if found not in choices:
        raise ConfigError(f"Unknown {what} {value!r}: use one of {', '.join(choices)}.")
    return found
