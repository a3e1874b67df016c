"""Language detection against FLORES-200 dev: how many sentences get their own language.

Every FLORES dev sentence of eng_Latn, arb_Arab, ckb_Arab and kmr_Latn is detected on its
own (one sentence is the hardest case: a paragraph or a file carries more evidence).

    PYTHONPATH=. python bench/detect_eval.py --data ../shared/data [--errors 5]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.flores import BROKEN, FILES, flores_arguments  # noqa: E402
from workbench.text.detect import detect  # noqa: E402


def main() -> None:
    folder, errors = flores_arguments(__doc__.split("\n")[0])
    print(f"{'lang':5} {'right':>7} {'of':>5} {'accuracy':>9}  confused with")
    for lang, name in FILES.items():
        lines = (folder / f"{name}.dev").read_text(encoding="utf-8").split("\n")
        lines = [line for line in lines if line.strip() and line.strip() not in BROKEN]
        start = time.perf_counter()
        found = [detect(line) for line in lines]
        seconds = time.perf_counter() - start
        wrong = [(got, line) for got, line in zip(found, lines, strict=True) if got != lang]
        confused = sorted({got for got, _ in wrong})
        right = len(lines) - len(wrong)
        print(
            f"{lang:5} {right:7d} {len(lines):5d} {right / len(lines):9.4f}  "
            f"{', '.join(confused) or '-'}  ({seconds:.2f} s)"
        )
        for got, line in wrong[:errors]:
            print(f"    {got}: {line[:90]}")


if __name__ == "__main__":
    main()
