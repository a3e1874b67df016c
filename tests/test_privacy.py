import os
import subprocess
import sys


def test_import_switches_telemetry_off_without_importing_heavy_libraries():
    code = (
        "import os, sys; os.environ['GRADIO_ANALYTICS_ENABLED'] = 'True';"
        "import workbench;"
        "print(os.environ['GRADIO_ANALYTICS_ENABLED'], os.environ['HF_HUB_DISABLE_TELEMETRY'],"
        " os.environ['RAY_USAGE_STATS_ENABLED']);"
        "print(sorted(m for m in ('torch', 'transformers', 'gradio', 'ray') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split("\n")[:2] == ["False 1 0", "[]"]


def test_cli_entry_sets_offline_mode(cli, monkeypatch):
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    assert cli("--version").code == 0
    assert os.environ["HF_HUB_OFFLINE"] == "1"
    assert os.environ["GRADIO_ANALYTICS_ENABLED"] == "False"
