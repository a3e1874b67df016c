"""Batch jobs: throughput with 1 and 2 local workers, Ray against local, and kill -9 cycles.

python bench/jobs_bench.py [--documents 200] [--sentences 20] [--kills 10] [--skip-ray]

A folder of generated English documents (sentences of the sample corpora, drawn with a fixed
seed) is translated into Arabic by a random-weight MarianMT model of moderate size (its
output is nonsense; the work is real: tokenize, decode, detokenize), through the real job
machinery: spec, items in the store, worker processes, translation memory, outputs. Each
timed run starts from an empty database, so nothing comes from the memory. Then the job is
killed (SIGKILL) at random moments and resumed, `--kills` times, and the outputs are checked
against an uninterrupted run: segments lost, segments committed twice, and segments a model
had to translate again because a kill cut their item short.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from workbench.jobs.steps.translate import TranslateChunk  # noqa: E402

MODEL_SIZE = {  # between the test models (d_model 32) and opus-mt (512, 6+6 layers)
    "d_model": 128,
    "encoder_layers": 3,
    "decoder_layers": 3,
    "encoder_attention_heads": 4,
    "decoder_attention_heads": 4,
    "encoder_ffn_dim": 512,
    "decoder_ffn_dim": 512,
}


class TracedChunk(TranslateChunk):
    """The translate step, noting every segment handed to a model in $BENCH_TRACE."""

    def compute(self, payload: Any, worker: Any) -> Any:
        from workbench.jobs.steps.translate import _identity, _load

        key = ("translate", *_identity(payload))
        translator = worker.model(key, lambda: _load(payload, worker))
        for leg in getattr(translator, "legs", [translator]):
            if hasattr(leg, "inner") and not isinstance(leg.inner, _Traced):
                leg.inner = _Traced(leg.inner)
        return super().compute(payload, worker)


class _Traced:
    def __init__(self, inner: Any):
        self.inner = inner

    def __getattr__(self, name: str) -> Any:
        return getattr(self.inner, name)

    def translate(self, texts: list[str]) -> list[str]:
        with open(os.environ["BENCH_TRACE"], "a", encoding="utf-8") as fh:
            fh.write("".join(json.dumps(t, ensure_ascii=False) + "\n" for t in texts))
        return self.inner.translate(texts)


def make_documents(folder: Path, documents: int, sentences: int, seed: int = 7) -> None:
    """NAME.en.txt files of sentences drawn from the sample corpora, each made unique."""
    from workbench.text.ingest import read_document

    pool = sorted(
        {
            s.text
            for path in sorted((ROOT / "corpora").glob("*/*.en.*"))
            for s in read_document(path, "en").segments
        }
    )
    chance = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(documents):
        picked = [f"[{n}.{i}] {chance.choice(pool)}" for i in range(sentences)]
        paragraphs = [" ".join(picked[i : i + 4]) for i in range(0, len(picked), 4)]
        (folder / f"doc{n:03d}.en.txt").write_text("\n\n".join(paragraphs) + "\n")


def corpus_texts() -> list[str]:
    """Every version of the sample corpora, read by the text layer (any encoding)."""
    from workbench.text.ingest import read_document

    return [
        read_document(path).raw_text
        for path in sorted((ROOT / "corpora").glob("*/*.*"))
        if path.suffix in (".txt", ".md", ".html", ".docx")
    ]


def count(db: Path, sql: str) -> int:
    conn = sqlite3.connect(db)
    try:
        return conn.execute(sql).fetchone()[0]
    finally:
        conn.close()


SOURCE_SEGMENTS = (
    "SELECT count(*) FROM segment s JOIN document d ON d.id = s.document_id"
    " WHERE d.origin = 'original'"
)


def write_setup(base: Path, model: Path, chunk: int) -> tuple[Path, Path]:
    config = base / "workbench.toml"
    config.write_text(
        f'models_dir = "{base / "models"}"\nbeam = 1\n[models]\n"en-ar" = "{model}"\n'
    )
    spec = base / "job.toml"
    spec.write_text(
        f'output = "out"\n[inputs]\npaths = ["{base / "docs"}"]\n'
        f'[translate]\nfrom = "en"\nto = ["ar"]\nchunk = {chunk}\n'
    )
    return config, spec


def environment(base: Path, config: Path) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        WORKBENCH_CONFIG=str(config),
        WORKBENCH_HOME=str(base / "home"),
        WORKBENCH_JOB_STEPS="translate=bench.jobs_bench:TracedChunk",
        PYTHONPATH=os.pathsep.join(filter(None, [str(ROOT), env.get("PYTHONPATH")])),
        BENCH_TRACE=str(base / "trace.jsonl"),
        SOURCE_DATE_EPOCH="1700000000",
    )
    return env


def cli(
    base: Path, env: dict[str, str], db: Path, *args: str, cores: int | None = None
) -> subprocess.Popen:
    """`workbench job ARGS` in its own session, on the first `cores` cores when given (a
    single-core worker runs one thread: the engine sizes its pool from the cores it may use)."""
    allowed = sorted(os.sched_getaffinity(0))[:cores] if cores else None
    return subprocess.Popen(
        [sys.executable, "-m", "workbench", "--database", str(db), "job", *args, "--quiet"],
        preexec_fn=(lambda: os.sched_setaffinity(0, allowed)) if allowed else None,
        cwd=base,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )


def timed_run(
    base: Path, env: dict[str, str], spec: Path, name: str, *extra: str, cores: int | None = None
) -> float:
    db = base / f"{name}.db"
    output = base / "out"
    if output.exists():
        subprocess.run(["rm", "-rf", str(output)], check=True)
    start = time.perf_counter()
    process = cli(base, env, db, "run", str(spec), *extra, cores=cores)
    out, err = process.communicate()
    elapsed = time.perf_counter() - start
    if process.returncode != 0:
        raise SystemExit(f"{name} failed:\n{out}\n{err}")
    output.rename(base / f"out-{name}")
    return elapsed


def done_items(db: Path) -> int:
    if not db.exists():
        return 0
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)
    try:
        return conn.execute("SELECT count(*) FROM job_item WHERE status = 'done'").fetchone()[0]
    except sqlite3.OperationalError:
        return 0
    finally:
        conn.close()


def kill_cycles(base: Path, env: dict[str, str], spec: Path, kills: int, total_items: int) -> dict:
    """Run, kill -9 after a random share of the remaining items, again, `kills` times; then
    resume to the end."""
    db = base / "crash.db"
    trace = Path(env["BENCH_TRACE"])
    trace.write_text("")
    chance = random.Random(2024)
    landed = []
    for _ in range(kills):
        done = done_items(db)
        target = done + max(1, int((total_items - done) * chance.uniform(0.05, 0.3)))
        process = cli(base, env, db, "run", str(spec))
        while done_items(db) < target and process.poll() is None:
            time.sleep(0.005)
        time.sleep(chance.uniform(0, 0.02))  # sometimes between items, sometimes mid-commit
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        landed.append(done_items(db))
    process = cli(base, env, db, "resume", "1")
    out, err = process.communicate()
    if process.returncode != 0:
        raise SystemExit(f"the final resume failed:\n{out}\n{err}")
    return {"db": db, "landed": landed, "trace": trace}


def check(base: Path, crash: dict, reference: Path) -> dict[str, int]:
    """Lost and duplicated segments after the kills, against the uninterrupted run."""
    conn = sqlite3.connect(crash["db"])
    source = conn.execute(
        "SELECT s.text FROM segment s JOIN document d ON d.id = s.document_id"
        " WHERE d.origin = 'original'"
    ).fetchall()
    machine = conn.execute(
        "SELECT d.report_id, count(*) FROM document d WHERE d.origin = 'machine'"
        " GROUP BY d.report_id"
    ).fetchall()
    machine_segments = conn.execute(
        "SELECT count(*) FROM segment s JOIN document d ON d.id = s.document_id"
        " WHERE d.origin = 'machine' AND s.text != ''"
    ).fetchone()[0]
    memory = conn.execute("SELECT count(*), count(DISTINCT key) FROM translation").fetchone()
    items = conn.execute(
        "SELECT count(*), sum(status = 'done'), sum(attempts) FROM job_item"
    ).fetchone()
    conn.close()
    distinct = len({row[0] for row in source})
    files = {p.relative_to(base / "out"): p.read_bytes() for p in (base / "out").rglob("*.txt")}
    expected = {p.relative_to(reference): p.read_bytes() for p in reference.rglob("*.txt")}
    handed = [json.loads(line) for line in crash["trace"].read_text().splitlines()]
    return {
        "segments": len(source),
        "lost": len(source) - machine_segments,
        "duplicated (committed twice)": (sum(n - 1 for _, n in machine) + memory[0] - memory[1]),
        "files differing from the uninterrupted run": sum(
            files.get(k) != v for k, v in expected.items()
        )
        + len(set(files) - set(expected)),
        "items": items[0],
        "items done": items[1],
        "handed to a model": len(handed),
        "handed again after a kill (in flight, never committed)": len(handed) - len(set(handed)),
        "distinct segments": distinct,
    }


RUNS = {  # name: (the job's flags, the cores it may use: None for all)
    "local, 1 worker": (("--workers", "1"), None),
    "local, 1 worker, 1 core": (("--workers", "1"), 1),
    "local, 2 workers": (("--workers", "2"), None),
    "ray, 2 actors": (("--workers", "2", "--executor", "ray"), None),
}


def throughput(base: Path, env: dict[str, str], spec: Path, rounds: int, runs: dict) -> dict:
    """Seconds per run, rounds interleaved so the machine's load hits every kind alike."""
    times: dict[str, list[float]] = {name: [] for name in runs}
    for round_ in range(rounds):
        for number, (name, (flags, cores)) in enumerate(runs.items()):
            label = f"run{number}-{round_}"
            times[name].append(timed_run(base, env, spec, label, *flags, cores=cores))
    return times


def print_throughput(times: dict[str, list[float]], segments: int) -> None:
    median = {name: statistics.median(values) for name, values in times.items()}
    print(f"{'run':24} {'seconds':>8} {'segments/s':>11} {'vs 1 worker':>12}  every run (s)")
    for name, seconds in median.items():
        every = " ".join(f"{t:.1f}" for t in times[name])
        ratio = median["local, 1 worker"] / seconds
        print(f"{name:24} {seconds:8.1f} {segments / seconds:11.1f} {ratio:11.2f}x  {every}")
    if "ray, 2 actors" in median:
        ratio = median["local, 2 workers"] / median["ray, 2 actors"]
        print(f"ray against local, 2 workers each: {ratio:.2f}x the local throughput")


def identical_outputs(base: Path, reference: Path) -> bool:
    return all(
        (reference / path.relative_to(run)).read_bytes() == path.read_bytes()
        for run in base.glob("out-*")
        for path in run.rglob("*.txt")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=200)
    parser.add_argument("--sentences", type=int, default=20)
    parser.add_argument("--chunk", type=int, default=16)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--skip-ray", action="store_true")
    args = parser.parse_args()
    from workbench.translate.tiny import build_tiny_model

    with tempfile.TemporaryDirectory(prefix="jobs-bench-") as folder:
        base = Path(folder)
        make_documents(base / "docs", args.documents, args.sentences)
        model = build_tiny_model(
            "en", "ar", base / "model", texts=corpus_texts(), architecture=MODEL_SIZE
        )
        config, spec = write_setup(base, model, args.chunk)
        env = environment(base, config)
        warm = timed_run(base, env, spec, "warm-up", "--workers", "2")  # ct2 conversion
        segments = count(base / "warm-up.db", SOURCE_SEGMENTS)
        total_items = count(base / "warm-up.db", "SELECT count(*) FROM job_item")
        runs = {k: v for k, v in RUNS.items() if not (args.skip_ray and "ray" in k)}
        times = throughput(base, env, spec, args.rounds, runs)
        print(
            f"{args.documents} documents, {segments} segments, {total_items} items, en->ar, "
            f"chunk {args.chunk}, model {MODEL_SIZE['d_model']}d "
            f"{MODEL_SIZE['encoder_layers']}+{MODEL_SIZE['decoder_layers']} layers, greedy; "
            f"{os.cpu_count()} cores; median of {args.rounds} interleaved rounds"
        )
        print(f"(warm-up run, converting the model for CTranslate2: {warm:.1f} s)")
        print_throughput(times, segments)
        reference = base / "out-run0-0"
        print(f"outputs of every run identical: {identical_outputs(base, reference)}")
        crash = kill_cycles(base, env, spec, args.kills, total_items)
        print(
            f"\n{args.kills} kill -9 / resume cycles (items done when each kill landed, "
            f"of {total_items}: {crash['landed']})"
        )
        for name, value in check(base, crash, reference).items():
            print(f"  {name}: {value}")


if __name__ == "__main__":
    main()
