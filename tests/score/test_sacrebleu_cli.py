"""Golden numbers from sacrebleu's own command line, run as a subprocess on the same files.

`workbench score` / `workbench compare` read the files as sacrebleu's CLI does (one segment
per line, trailing whitespace removed) and must print the numbers it prints.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest
from score_cases import CASES

CLI_CASES = [c for c in CASES if c != "whitespace-and-punctuation"]  # lines stripped differently


def write_case(folder, case: str) -> tuple[str, list[str]]:
    hyps, refs = CASES[case]
    (folder / "hyp.txt").write_text("".join(h + "\n" for h in hyps), encoding="utf-8")
    paths = []
    for k, stream in enumerate(refs):
        path = folder / f"ref{k}.txt"
        path.write_text("".join(r + "\n" for r in stream), encoding="utf-8")
        paths.append(str(path))
    return str(folder / "hyp.txt"), paths


def sacrebleu_cli(*args: str, cwd) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "sacrebleu", *args], capture_output=True, text=True, cwd=cwd
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def ref_options(refs: list[str]) -> list[str]:
    return [opt for ref in refs for opt in ("--ref", ref)]


@pytest.mark.parametrize("case", CLI_CASES)
@pytest.mark.parametrize(("metrics", "extra"), [("bleu,chrf,ter", []), ("chrf++", ["-cw", "2"])])
def test_corpus_scores_match_sacrebleus_cli(cli, tmp_path, case, metrics, extra):
    hyp, refs = write_case(tmp_path, case)
    names = ["chrf"] if metrics == "chrf++" else metrics.split(",")
    theirs = json.loads(
        sacrebleu_cli(*refs, "-i", hyp, "-m", *names, *extra, "-w", "6", "-f", "json", cwd=tmp_path)
    )
    theirs = theirs if isinstance(theirs, list) else [theirs]
    ours = cli("score", "--hyp", hyp, *ref_options(refs), "--metrics", metrics, "--json")
    assert ours.code == 0, ours.err
    ours = json.loads(ours.out)
    assert len(ours) == len(theirs)
    for mine, expected in zip(ours, theirs, strict=True):
        assert mine["name"] == expected["name"]
        assert float(f"{mine['score']:.6f}") == expected["score"]
        assert mine["sacrebleu_signature"] == expected["signature"]
        assert mine["signature"] == expected["signature"] + "|textnorm:none"


@pytest.mark.parametrize("case", CLI_CASES[:2])
@pytest.mark.parametrize("metrics", [["bleu"], ["bleu", "chrf", "ter"]])
def test_drop_in_json_is_sacrebleus_json(cli, tmp_path, case, metrics):
    """`workbench score REF -i HYP -m ... -w 3 -f json` prints what sacrebleu prints."""
    hyp, refs = write_case(tmp_path, case)
    theirs = json.loads(sacrebleu_cli(*refs, "-i", hyp, "-m", *metrics, "-w", "3", cwd=tmp_path))
    named = [opt for m in metrics for opt in ("-m", m)]
    ours = cli("score", *refs, "-i", hyp, *named, "-w", "3", "-f", "json")
    assert ours.code == 0, ours.err
    assert json.loads(ours.out) == theirs


def test_drop_in_score_only_reads_hypotheses_from_standard_input(cli, tmp_path, monkeypatch):
    import io

    hyp, refs = write_case(tmp_path, CLI_CASES[0])
    theirs = sacrebleu_cli(*refs, "-i", hyp, "-m", "bleu", "-b", "-w", "2", cwd=tmp_path)
    with open(hyp, encoding="utf-8") as fh:
        monkeypatch.setattr("sys.stdin", io.StringIO(fh.read()))
    ours = cli("score", *refs, "-m", "bleu", "-b", "-w", "2")
    assert ours.code == 0, ours.err
    assert ours.out.strip() == theirs.strip()


def test_dash_is_standard_input_too(cli, tmp_path, monkeypatch):
    import io

    hyp, refs = write_case(tmp_path, CLI_CASES[0])
    with open(hyp, encoding="utf-8") as fh:
        monkeypatch.setattr("sys.stdin", io.StringIO(fh.read()))
    piped = cli("score", *refs, "-i", "-", "-m", "chrf", "-b")
    direct = cli("score", *refs, "-i", hyp, "-m", "chrf", "-b")
    assert piped.code == 0, piped.err
    assert piped.out == direct.out


@pytest.mark.parametrize("case", CLI_CASES)
@pytest.mark.parametrize("metric", ["bleu", "chrf", "ter"])
def test_sentence_scores_match_sacrebleus_cli(cli, tmp_path, case, metric):
    hyp, refs = write_case(tmp_path, case)
    out = sacrebleu_cli(*refs, "-i", hyp, "-m", metric, "-sl", "-w", "4", cwd=tmp_path)
    theirs = [line.split(" = ")[1].split()[0] for line in out.splitlines() if " = " in line]
    signature = out.splitlines()[0].split(" = ")[0].split("|", 1)[1]
    ours = cli(
        "score", "--hyp", hyp, *ref_options(refs), "--metrics", metric, "--sentence", "--json"
    )
    assert ours.code == 0, ours.err
    data = json.loads(ours.out)
    name = next(iter(data["signatures"]))
    assert [f"{row[name]:.4f}" for row in data["segments"]] == theirs
    assert data["signatures"][name] == signature + "|textnorm:none"


def perturbed(refs: list[str], keep_every: int, seed: int) -> list[str]:
    out = []
    for i, ref in enumerate(refs):
        words = ref.split()
        out.append(" ".join(w for k, w in enumerate(words) if (k + i + seed) % keep_every))
    return out


@pytest.fixture
def systems(tmp_path):
    base = (
        "اجتمعت اللجنة في 3 أيار 2024 لمناقشة الميزانية السنوية والخطط المقبلة",
        "وافق الأعضاء على الخطة بعد نقاش طويل حول التمويل والموظفين",
        "لیژنەکە لە ٣ی ئایاری ٢٠٢٤ کۆبووەوە بۆ گفتوگۆکردن لەسەر بودجە",
        "The committee thanked the staff for their work during the difficult year",
        "Komîteyê di 3ê Gulanê de civîn kir û budçe nirxand",
    )
    refs = [f"{line} {i}" for i in range(12) for line in base]
    files = {
        "ref": refs,
        "base": perturbed(refs, 3, 0),
        "sys1": perturbed(refs, 4, 1),
        "sys2": perturbed(refs, 7, 2),
    }
    for name, lines in files.items():
        (tmp_path / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return tmp_path


NUMBER = r"(-?\d+\.\d+)"


@pytest.mark.parametrize("test", ["bs", "ar"])
def test_paired_tests_match_sacrebleus_cli(cli, systems, test):
    samples = {"bs": "300", "ar": "600"}[test]
    # sacrebleu's CLI runs ar without intervals; the workbench adds them unless told not to
    no_intervals = ["--confidence", "0"] if test == "ar" else []
    out = sacrebleu_cli(
        "ref.txt",
        "-i",
        "base.txt",
        "sys1.txt",
        "sys2.txt",
        "-m",
        "bleu",
        "chrf",
        "ter",
        f"--paired-{test}",
        f"--paired-{test}-n",
        samples,
        "-f",
        "text",
        "-w",
        "4",
        "-q",
        cwd=systems,
    )
    ours = cli(
        "compare",
        "--ref",
        str(systems / "ref.txt"),
        "--baseline",
        str(systems / "base.txt"),
        "--system",
        str(systems / "sys1.txt"),
        "--system",
        str(systems / "sys2.txt"),
        f"--paired-{test}",
        "--samples",
        samples,
        *no_intervals,
        "--json",
    )
    assert ours.code == 0, ours.err
    rows = json.loads(ours.out)["rows"]
    p_values = re.findall(r"\(p = (\d\.\d+)\)", out)
    assert [f"{r['p_value']:.4f}" for r in rows if r["p_value"] is not None] == p_values
    if test == "bs":  # sacrebleu's CLI prints intervals for bs only
        intervals = re.findall(rf"{NUMBER} \({NUMBER} ± {NUMBER}\)", out)
        assert [(f"{r['score']:.4f}", f"{r['mean']:.4f}", f"{r['ci']:.4f}") for r in rows] == [
            tuple(found) for found in intervals
        ]
    signatures = re.findall(r" - (\S+)\s+(nrefs:\S+)", out)
    assert [sig + "|textnorm:none" for _, sig in signatures] == list(
        json.loads(ours.out)["signatures"].values()
    )
