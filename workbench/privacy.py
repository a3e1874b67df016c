"""Keep every library quiet: no analytics, no telemetry, no surprise downloads.

Called by the CLI entry point and by the first use of the Python API, before gradio,
huggingface_hub, transformers or ray are imported (they read these variables at import).
"""

from __future__ import annotations

import os

QUIET_ENVIRONMENT = {
    "GRADIO_ANALYTICS_ENABLED": "False",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
    "DO_NOT_TRACK": "1",
    "RAY_USAGE_STATS_ENABLED": "0",
    "RAY_DISABLE_DOCKER_CPU_WARNING": "1",
    "TOKENIZERS_PARALLELISM": "false",
    "MPLBACKEND": "Agg",
}


def quiet_environment(*, offline: bool = True) -> None:
    """Set the privacy variables; with `offline`, forbid Hugging Face Hub downloads too.

    Values the user set explicitly win, except the telemetry and analytics switches, which
    are always off.
    """
    for key, value in QUIET_ENVIRONMENT.items():
        os.environ[key] = value
    if offline:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
