"""FLORES-200 dev as the text evaluations read it: the four languages' files, and the
command line that finds them (`--data DIR`, `--errors N`)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

FILES = {"en": "eng_Latn", "ar": "arb_Arab", "ckb": "ckb_Arab", "kmr": "kmr_Latn"}
BROKEN = {"nan"}  # ckb_Arab.dev line 245 is the literal string "nan" (see the data README)


def flores_arguments(description: str) -> tuple[Path, int]:
    """The FLORES-200 dev folder under --data, and how many errors to print per language."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--data", type=Path, default=Path("../shared/data"), help="data folder")
    parser.add_argument("--errors", type=int, default=0, help="print this many errors per language")
    args = parser.parse_args()
    folder = args.data / "flores200-dev"
    if not folder.is_dir():
        sys.exit(f"No FLORES-200 dev folder at {folder}: pass --data DIR.")
    return folder, args.errors
