"""Translation speed on this machine: the workbench's default path against plain transformers
and raw CTranslate2, measured side by side in one run on the same model and sentences.

    python bench/translate_speed.py [--sentences 500] [--naive 40] [--length 40] [--data DIR]

The model is a random-weight MarianMT with the exact opus-mt shape (d_model 512, 6+6 layers,
8 heads, FFN 2048, about 60k vocabulary). Random weights never choose </s> (its embedding is
zero, every other logit is a few units), and every run is held to the same output length, so
every engine does the same work. Sentences: FLORES-200 dev English from ../shared/data when
present, else the English of the project's corpora. transformers is slow on a CPU, so its
runs take the first --naive (per sentence) and --batched (batch 32) sentences only: their
rates (sentences per second) compare, their total times do not.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLORES = "flores200-dev/eng_Latn.dev"


def default_data() -> Path:
    """../shared/data beside the checkout (or beside the folder of worktrees)."""
    candidates = [ROOT.parent / "shared" / "data", ROOT.parent.parent / "shared" / "data"]
    return next((c for c in candidates if c.is_dir()), candidates[0])


def english_sentences(data: Path, count: int) -> tuple[list[str], str]:
    flores = data / FLORES
    if flores.is_file():
        lines = flores.read_text(encoding="utf-8").splitlines()
        return [s for s in lines if s.strip()][:count], str(flores)
    from workbench.text.segment import segment

    files = sorted((ROOT / "corpora").rglob("*.en.txt"))
    found = [s for f in files for s in segment(f.read_text(encoding="utf-8"), "en")]
    if not found:
        sys.exit("No English sentences: pass --data with FLORES-200, or add corpora/.")
    return (found * (count // len(found) + 1))[:count], f"{len(files)} corpus file(s), repeated"


def build_model(folder: Path, sentences: list[str]) -> Path:
    from workbench.translate.tiny import OPUS_MT_BASE, build_tiny_model

    return build_tiny_model(
        "en",
        "ar",
        folder,
        texts=sentences,
        vocab_size=8000,
        architecture=OPUS_MT_BASE,
        min_vocab=60000,
    )


def timed(work) -> tuple[tuple[float, float], object]:
    """((wall seconds, CPU seconds of this process), result). On a machine shared with other
    work the CPU seconds are the steadier measure of how much work a method does."""
    wall, cpu = time.perf_counter(), time.process_time()
    result = work()
    return (time.perf_counter() - wall, time.process_time() - cpu), result


def done(label: str, count: int, seconds: tuple[float, float]) -> None:
    """A line as each run ends, so a long run on a busy machine shows where it is."""
    wall, cpu = seconds
    print(
        f"  {label}: {count} sentences, {wall:.1f} s ({cpu:.1f} s CPU)", file=sys.stderr, flush=True
    )


def hf_runs(folder: Path, sentences: list[str], args) -> dict:
    import warnings

    import torch
    from transformers import MarianMTModel, MarianTokenizer

    from workbench.translate.hf import quiet_transformers

    quiet_transformers()
    torch.set_num_threads(args.threads)
    dtype = torch.float16 if args.device == "cuda" else torch.float32
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Recommended: pip install sacremoses" (unused)
        tokenizer = MarianTokenizer.from_pretrained(folder)
    model = MarianMTModel.from_pretrained(folder, dtype=dtype).to(args.device).eval()
    texts = [">>ara<< " + s for s in sentences]
    # max_new_tokens = length + 1: transformers spends its last step on the forced </s>.
    fixed = {"max_new_tokens": args.length + 1, "min_new_tokens": args.length}

    def generate(batch: list[str], **options) -> int:
        inputs = tokenizer(batch, return_tensors="pt", padding=True).to(args.device)
        with torch.inference_mode():
            out = model.generate(**inputs, **fixed, **options)
        return out.shape[1] - 2  # minus the start token and the forced </s>

    def per_sentence() -> list[int]:
        return [generate([t]) for t in texts[: args.naive]]  # the model's own config: beam 4

    def batched(beam: int) -> list[int]:
        part = texts[: args.batched]
        return [generate(part[i : i + 32], num_beams=beam) for i in range(0, len(part), 32)]

    generate(texts[:2])  # warm-up
    seconds, lengths = timed(per_sentence)
    results = {"naive": ("naive generate(), per sentence, beam 4", args.naive, seconds,
                         set(lengths))}  # fmt: skip
    done("naive generate(), per sentence", args.naive, seconds)
    for beam in (4, 1):
        seconds, lengths = timed(lambda b=beam: batched(b))
        count = min(args.batched, len(texts))
        label = f"generate(), batch 32, beam {beam}"
        results[f"hf{beam}"] = (label, count, seconds, set(lengths))
        done(label, count, seconds)
    return results


def ct2_runs(folder: Path, settings, sentences: list[str], args) -> dict:
    import ctranslate2
    import sentencepiece

    from workbench.translate.ct2 import ensure_converted
    from workbench.translate.locate import locate

    if args.device == "cuda" and ctranslate2.get_cuda_device_count() == 0:
        print("(raw CTranslate2 skipped: it sees no GPU here)")
        return {}
    compute = "float16" if args.device == "cuda" else "int8"
    converted = ensure_converted(locate(str(folder), "", settings), settings.models_path / "ct2")
    translator = ctranslate2.Translator(
        str(converted), device=args.device, compute_type=compute, intra_threads=args.threads
    )
    sp = sentencepiece.SentencePieceProcessor(model_file=str(folder / "source.spm"))

    def run(beam: int) -> list[int]:
        tokens = [[">>ara<<", *sp.encode(" " + s, out_type=str), "</s>"] for s in sentences]
        results = translator.translate_batch(
            tokens,
            beam_size=beam,
            max_batch_size=32,
            max_decoding_length=args.length,
            min_decoding_length=args.length,
        )
        [sp.decode_pieces(r.hypotheses[0]) for r in results]
        return [len(r.hypotheses[0]) for r in results]

    run(1)  # warm-up
    out = {}
    for beam in (4, 1):
        seconds, lengths = timed(lambda b=beam: run(b))
        label = f"raw CTranslate2 translate_batch, {compute}, beam {beam}"
        out[f"ct2{beam}"] = (label, len(sentences), seconds, set(lengths))
        done(label, len(sentences), seconds)
    return out


def workbench_runs(folder: Path, settings, sentences: list[str], args) -> tuple:
    from workbench.translate import get_translator

    out = {}
    for beam in (4, 1):
        translator = get_translator(
            "en", "ar", settings, model=str(folder), beam=beam, max_length=args.length
        )
        translator.translate(sentences[:2])  # warm-up
        seconds, _ = timed(lambda t=translator: t.translate(sentences))
        label = f"workbench {'default' if beam == 4 else 'greedy'} ({translator.name}), beam {beam}"
        out[f"wb{beam}"] = (label, len(sentences), seconds, {args.length})
        done(label, len(sentences), seconds)
        if beam == 4:
            signature = translator.signature
            single = []
            for sentence in sentences[:20]:
                seconds, _ = timed(lambda s=sentence, t=translator: t.translate([s]))
                single.append(seconds[0])
            latency = statistics.median(single)
    return out, signature, latency


def report(results: dict, signature: str, latency: float) -> None:
    wall = {key: n / seconds[0] for key, (_, n, seconds, _) in results.items()}
    cpu = {key: n / seconds[1] for key, (_, n, seconds, _) in results.items()}
    head = f"{'method':<52} {'sent.':>5} {'wall s':>7} {'sent/s':>7} {'x naive':>7}"
    print(f"\n{head} {'CPU s':>7} {'sent/CPU s':>10} {'x naive':>7}  out")
    for key, (label, n, (wall_s, cpu_s), lengths) in results.items():
        out = ",".join(str(x) for x in sorted(lengths))
        print(
            f"{label:<52} {n:>5} {wall_s:>7.1f} {wall[key]:>7.2f} {wall[key] / wall['naive']:>7.1f}"
            f" {cpu_s:>7.1f} {cpu[key]:>10.2f} {cpu[key] / cpu['naive']:>7.1f}  {out}"
        )
    checks = [
        ("workbench default / naive generate()", "wb4", "naive", ">= 10"),
        ("workbench default / batched generate(), beam 4", "wb4", "hf4", ">= 3"),
        ("raw CTranslate2 / workbench default, beam 4", "ct24", "wb4", "<= 1.10"),
        ("raw CTranslate2 / workbench greedy, beam 1", "ct21", "wb1", "<= 1.10"),
    ]
    print(f"\n{'ratio':<52} {'wall':>7} {'CPU':>7}  goal")
    for label, top, bottom, goal in checks:
        if top in wall and bottom in wall:
            by_wall, by_cpu = wall[top] / wall[bottom], cpu[top] / cpu[bottom]
            print(f"{label:<52} {by_wall:>7.2f} {by_cpu:>7.2f}  {goal}")
    print(f"{'single-sentence latency, default path (median of 20)':<52} {latency * 1000:>7.0f} ms")
    print(f"\ndefault path signature: {signature}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sentences", type=int, default=500)
    parser.add_argument("--naive", type=int, default=24, help="sentences, per-sentence runs")
    parser.add_argument("--batched", type=int, default=128, help="sentences, batched runs")
    parser.add_argument("--length", type=int, default=40, help="output pieces per sentence")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--data", type=Path, default=default_data(), help="public data folder")
    args = parser.parse_args()

    from workbench.config import load_settings
    from workbench.privacy import quiet_environment

    quiet_environment()
    sentences, source = english_sentences(args.data, args.sentences)
    with tempfile.TemporaryDirectory(prefix="wb-bench-") as work:
        work = Path(work)
        settings = load_settings({"home": work / "home", "device": args.device}, environ={})
        seconds, folder = timed(lambda: build_model(work / "model", sentences))
        print(
            f"{len(sentences)} sentences from {source}; {args.device}, {args.threads} thread(s); "
            f"random opus-mt-shaped model built in {seconds[0]:.0f} s; {args.length} output pieces"
        )
        results = hf_runs(folder, sentences, args)
        results |= ct2_runs(folder, settings, sentences, args)
        more, signature, latency = workbench_runs(folder, settings, sentences, args)
        results |= more
        report(results, signature, latency)


if __name__ == "__main__":
    main()
