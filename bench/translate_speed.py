"""Translation speed on this machine: the workbench's default path against plain transformers
and raw CTranslate2, measured side by side in one run on the same model and sentences, for an
opus-mt-shaped MarianMT and an NLLB-200-600M-shaped model.

    python bench/translate_speed.py [--shape opus|nllb|both] [--sentences N] [--naive N]
                                    [--batched N] [--length 40] [--data DIR] [--no-memory]

The models have random weights and the exact shapes of the real ones: opus-mt (d_model 512,
6+6 layers, 8 heads, FFN 2048, about 60k vocabulary) and facebook/nllb-200-distilled-600M
(M2M100, d_model 1024, 12+12 layers, 16 heads, FFN 4096, 256,206 vocabulary). Random weights
never choose </s> (its embedding is zero, every other logit is a few units), and every run is
held to the same output length, so every engine does the same work. Sentences: FLORES-200 dev
English from ../shared/data when present, else the English of the project's corpora.
transformers is slow on a CPU, so its runs take the first --naive (per sentence, beam 4) and
--batched (batch 32) sentences only: their rates (sentences per second) compare, their total
times do not. Memory per loaded model: in a fresh process that has imported the libraries,
the resident memory added by loading the model, and the peak while it translates 16 sentences
(Linux: VmRSS, and VmHWM reset after the imports). The machine's load average is printed with
the figures: on a busy machine they are indicative only.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

FLORES = "flores200-dev/eng_Latn.dev"
BEAM = 4


@dataclass(frozen=True)
class Shape:
    """One model shape and how each engine is told its languages."""

    name: str
    label: str
    tgt: str
    sentences: int  # defaults: the NLLB shape is about 5x the work per sentence
    naive: int
    batched: int

    @property
    def nllb(self) -> bool:
        return self.name == "nllb"


SHAPES = {
    "opus": Shape("opus", "random opus-mt-shaped MarianMT (en->ar)", "ar", 500, 24, 128),
    "nllb": Shape("nllb", "random NLLB-200-600M-shaped model (en->ckb)", "ckb", 96, 6, 32),
}


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


def build_model(shape: Shape, folder: Path, sentences: list[str]) -> Path:
    if shape.nllb:
        from workbench.translate.tiny_nllb import NLLB_600M, NLLB_VOCAB, build_tiny_nllb

        return build_tiny_nllb(
            folder, texts=sentences, vocab_size=8000, sizes=NLLB_600M, min_vocab=NLLB_VOCAB
        )
    from workbench.translate.tiny import OPUS_MT_BASE, build_tiny_model

    return build_tiny_model(
        "en", "ar", folder, texts=sentences, vocab_size=8000, architecture=OPUS_MT_BASE,
        min_vocab=60000,
    )  # fmt: skip


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


def load_hf(shape: Shape, folder: Path, device: str):
    """(tokenizer, model, generate options fixing the output at `length` pieces)."""
    import warnings

    import torch
    from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

    from workbench.translate.hf import quiet_transformers

    quiet_transformers()
    dtype = torch.float16 if device == "cuda" else torch.float32
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # "Recommended: pip install sacremoses" (unused)
        kwargs = {"src_lang": "eng_Latn"} if shape.nllb else {}
        tokenizer = AutoTokenizer.from_pretrained(folder, **kwargs)
    model = AutoModelForSeq2SeqLM.from_pretrained(folder, dtype=dtype).to(device).eval()
    if not shape.nllb:
        return tokenizer, model, {}
    # the first output token is the forced target language code
    return tokenizer, model, {"forced_bos_token_id": tokenizer.convert_tokens_to_ids("ckb_Arab")}


def hf_texts(shape: Shape, sentences: list[str]) -> list[str]:
    return list(sentences) if shape.nllb else [">>ara<< " + s for s in sentences]


def hf_runs(shape: Shape, folder: Path, sentences: list[str], args) -> dict:
    import torch

    torch.set_num_threads(args.threads)
    tokenizer, model, language = load_hf(shape, folder, args.device)
    texts = hf_texts(shape, sentences)
    # Marian spends its last step on the forced </s>; NLLB its first on the language code.
    fixed = {"max_new_tokens": args.length + 1, "min_new_tokens": args.length + shape.nllb}

    def generate(batch: list[str], beam: int) -> int:
        inputs = tokenizer(batch, return_tensors="pt", padding=True).to(args.device)
        with torch.inference_mode():
            out = model.generate(**inputs, **fixed, **language, num_beams=beam, do_sample=False)
        return out.shape[1] - 2  # minus the start token and the forced </s> or language code

    def per_sentence() -> list[int]:
        return [generate([t], BEAM) for t in texts[: args.naive]]

    def batched(beam: int) -> list[int]:
        part = texts[: args.batched]
        return [generate(part[i : i + 32], beam) for i in range(0, len(part), 32)]

    generate(texts[:2], 1)  # warm-up
    seconds, lengths = timed(per_sentence)
    results = {"naive": (f"naive generate(), per sentence, beam {BEAM}", args.naive, seconds,
                         set(lengths))}  # fmt: skip
    done("naive generate(), per sentence", args.naive, seconds)
    for beam in (BEAM, 1):
        seconds, lengths = timed(lambda b=beam: batched(b))
        count = min(args.batched, len(texts))
        label = f"generate(), batch 32, beam {beam}"
        results[f"hf{beam}"] = (label, count, seconds, set(lengths))
        done(label, count, seconds)
    return results


def ct2_source(shape: Shape, sp, sentences: list[str]) -> tuple[list[list[str]], list | None]:
    """CTranslate2's source tokens and target prefix, as the workbench makes them."""
    if shape.nllb:
        tokens = [["eng_Latn", *sp.encode(s, out_type=str), "</s>"] for s in sentences]
        return tokens, [["ckb_Arab"]] * len(sentences)
    return [[">>ara<<", *sp.encode(" " + s, out_type=str), "</s>"] for s in sentences], None


def ct2_runs(shape: Shape, folder: Path, settings, sentences: list[str], args) -> dict:
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
    spm = "sentencepiece.bpe.model" if shape.nllb else "source.spm"
    sp = sentencepiece.SentencePieceProcessor(model_file=str(folder / spm))
    length = args.length + shape.nllb  # the target prefix counts in the decoding length

    def run(beam: int) -> list[int]:
        tokens, prefix = ct2_source(shape, sp, sentences)
        results = translator.translate_batch(
            tokens,
            target_prefix=prefix,
            beam_size=beam,
            max_batch_size=32,
            max_decoding_length=length,
            min_decoding_length=length,
        )
        [sp.decode_pieces(r.hypotheses[0][shape.nllb :]) for r in results]
        return [len(r.hypotheses[0]) - shape.nllb for r in results]

    run(1)  # warm-up
    out = {}
    for beam in (BEAM, 1):
        seconds, lengths = timed(lambda b=beam: run(b))
        label = f"raw CTranslate2 translate_batch, {compute}, beam {beam}"
        out[f"ct2{beam}"] = (label, len(sentences), seconds, set(lengths))
        done(label, len(sentences), seconds)
    return out


def workbench_runs(shape: Shape, folder: Path, settings, sentences: list[str], args) -> tuple:
    from workbench.translate import get_translator

    out = {}
    for beam in (BEAM, 1):
        translator = get_translator(
            "en", shape.tgt, settings, model=str(folder), beam=beam, max_length=args.length
        )
        translator.translate(sentences[:2])  # warm-up
        seconds, _ = timed(lambda t=translator: t.translate(sentences))
        kind = "default" if beam == BEAM else "greedy"
        label = f"workbench {kind} ({translator.name}), beam {beam}"
        out[f"wb{beam}"] = (label, len(sentences), seconds, {args.length})
        done(label, len(sentences), seconds)
        if beam == BEAM:
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


# --- memory per loaded model, each in a fresh process ---------------------------------

PROBES = ("transformers", "ctranslate2", "workbench")


def resident_mb(field: str) -> int:
    """VmRSS (now) or VmHWM (peak since the last reset) of this process, in MB."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024
    return -1


def probe(method: str, shape: Shape, folder: Path, home: Path, args) -> None:
    """Load the model one way and translate 16 sentences; print the MB the model added once
    loaded, and at the peak of translating (the imports' own memory left out)."""
    import ctranslate2  # noqa: F401  (every probe pays for the same imports)
    import torch
    import transformers  # noqa: F401

    from workbench.config import load_settings
    from workbench.translate import get_translator

    torch.set_num_threads(args.threads)
    sentences = english_sentences(args.data, 16)[0]
    Path("/proc/self/clear_refs").write_text("5")  # the peak counts from here
    base = resident_mb("VmRSS")
    if method == "transformers":
        tokenizer, model, language = load_hf(shape, folder, args.device)
        loaded = resident_mb("VmRSS")
        inputs = tokenizer(hf_texts(shape, sentences), return_tensors="pt", padding=True)
        with torch.inference_mode():
            model.generate(**inputs, **language, max_new_tokens=args.length, num_beams=BEAM)
    else:
        settings = load_settings({"home": home, "device": args.device}, environ={})
        engine = "ct2" if method == "ctranslate2" else None
        translator = get_translator("en", shape.tgt, settings, model=str(folder), engine=engine,
                                    max_length=args.length)  # fmt: skip
        loaded = resident_mb("VmRSS")
        translator.translate(sentences)
    print(loaded - base, resident_mb("VmHWM") - base)


def memory(shape: Shape, folder: Path, home: Path, args) -> dict[str, tuple[int, int]]:
    """(MB once loaded, MB at the peak) per way of loading; CTranslate2 copies exist already."""
    found = {}
    for method in PROBES:
        command = [sys.executable, __file__, "--probe", method, "--shape", shape.name,
                   "--model", str(folder), "--home", str(home), "--length", str(args.length),
                   "--device", args.device, "--threads", str(args.threads),
                   "--data", str(args.data)]  # fmt: skip
        run = subprocess.run(command, capture_output=True, text=True)
        words = (run.stdout.strip().splitlines() or [""])[-1].split()
        found[method] = (int(words[0]), int(words[1])) if run.returncode == 0 else (-1, -1)
    return found


def print_memory(found: dict[str, tuple[int, int]]) -> None:
    print(f"\n{'memory per loaded model (beyond the imports)':<52} {'loaded':>7} {'peak':>7}")
    labels = {
        "transformers": "transformers, float32",
        "ctranslate2": "CTranslate2 (engine ct2), int8",
        "workbench": "workbench default path",
    }
    for method, (loaded, peak) in found.items():
        print(f"{labels[method]:<52} {loaded:>4} MB {peak:>4} MB")


def bench(shape: Shape, args, work: Path, data_source: tuple[list[str], str]) -> None:
    from workbench.config import load_settings

    sentences, source = data_source
    sentences = sentences[: args.sentences or shape.sentences]
    args.naive = args.naive_given or shape.naive
    args.batched = args.batched_given or shape.batched
    home = work / f"home-{shape.name}"
    settings = load_settings({"home": home, "device": args.device}, environ={})
    seconds, folder = timed(lambda: build_model(shape, work / shape.name, sentences))
    print(f"\n=== {shape.label}")
    print(
        f"{len(sentences)} sentences from {source}; {args.device}, {args.threads} thread(s); "
        f"model built in {seconds[0]:.0f} s; {args.length} output pieces; "
        f"load average {load_average()}"
    )
    results = hf_runs(shape, folder, sentences, args)
    results |= ct2_runs(shape, folder, settings, sentences, args)
    more, signature, latency = workbench_runs(shape, folder, settings, sentences, args)
    results |= more
    report(results, signature, latency)
    if not args.no_memory:
        print_memory(memory(shape, folder, home, args))
    print(f"load average at the end: {load_average()}")


def load_average() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shape", choices=[*SHAPES, "both"], default="both")
    parser.add_argument("--sentences", type=int, default=0, help="(default: per shape)")
    parser.add_argument("--naive", dest="naive_given", type=int, default=0,
                        help="sentences, per-sentence runs (default: per shape)")  # fmt: skip
    parser.add_argument("--batched", dest="batched_given", type=int, default=0,
                        help="sentences, batched runs (default: per shape)")  # fmt: skip
    parser.add_argument("--length", type=int, default=40, help="output pieces per sentence")
    parser.add_argument("--device", choices=["cpu", "cuda"], default="cpu")
    parser.add_argument("--threads", type=int, default=len(os.sched_getaffinity(0)))
    parser.add_argument("--data", type=Path, default=default_data(), help="public data folder")
    parser.add_argument("--no-memory", action="store_true", help="skip the peak memory probes")
    parser.add_argument("--probe", choices=PROBES, help=argparse.SUPPRESS)
    parser.add_argument("--model", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--home", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    from workbench.privacy import quiet_environment

    quiet_environment()
    if args.probe:
        probe(args.probe, SHAPES[args.shape], args.model, args.home, args)
        return
    shapes = list(SHAPES.values()) if args.shape == "both" else [SHAPES[args.shape]]
    largest = max(args.sentences or s.sentences for s in shapes)
    data_source = english_sentences(args.data, largest)
    print(f"load average at the start: {load_average()} ({os.cpu_count()} cores)")
    with tempfile.TemporaryDirectory(prefix="wb-bench-") as work:
        for shape in shapes:
            bench(shape, args, Path(work), data_source)


if __name__ == "__main__":
    main()
