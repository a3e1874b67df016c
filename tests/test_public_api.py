"""The public Python API: `import workbench` then call; lazy, and stable after imports."""

import subprocess
import sys

import workbench


def test_align_is_callable_after_its_package_was_imported():
    import workbench.align.aligner  # noqa: F401  (binds workbench.align to the package)

    result = workbench.align(["One.", "Two."], ["Yek.", "Du."], src_lang="en", tgt_lang="kmr")
    assert [b.segments for b in result.beads] == [((0,), (0,)), ((1,), (1,))]


def test_translate_package_forwards_calls_to_the_api_function(monkeypatch):
    import workbench.translate.api as api

    monkeypatch.setattr(api, "translate", lambda texts, src, tgt, **kw: [f"{src}>{tgt}:{texts[0]}"])
    assert workbench.translate(["hello"], src="en", tgt="ar") == ["en>ar:hello"]


def test_every_public_name_resolves():
    missing = [n for n in workbench._API if not hasattr(workbench, n)]
    assert missing == []


def test_importing_workbench_loads_no_heavy_library():
    code = (
        "import sys, workbench; print([m for m in ('torch', 'gradio', 'ray') if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_translate_and_align_stay_callable_in_either_import_order():
    """First call first (the lazy function imports the package), or the package first."""
    calls = (
        "import workbench; f = workbench.align; f([], [], src_lang='en', tgt_lang='ar'); "
        "import workbench.align.aligner; workbench.align(['A.'], ['B.'], src_lang='en', "
        "tgt_lang='ar'); callable(workbench.translate) or exit(1); "
        "import workbench.translate.api; callable(workbench.translate) or exit(2); "
        "print(workbench.translate.get_translator.__name__)"
    )
    out = subprocess.run([sys.executable, "-c", calls], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "get_translator"
