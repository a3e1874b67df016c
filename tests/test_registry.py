"""The one name -> implementation helper: lazy "module:attr" lookups."""

import subprocess
import sys

import pytest

from workbench.errors import ConfigError, InputError, UnknownName
from workbench.registry import Registry, resolve

COLOURS = Registry("colour", {"red": "colorsys:rgb_to_hsv", "blue": "colorsys:hsv_to_rgb"},
                   aliases={"crimson": "red"})  # fmt: skip


def test_a_name_loads_its_target():
    import colorsys

    assert COLOURS.load("red") is colorsys.rgb_to_hsv
    assert COLOURS.load(" Crimson ") is colorsys.rgb_to_hsv


def test_an_unknown_name_lists_the_known_ones():
    with pytest.raises(UnknownName, match=r"Unknown colour 'green': use one of red, blue\."):
        COLOURS.load("green")


def test_the_error_class_can_be_the_callers():
    engines = Registry("engine", {"hf": "x:y"}, error=ConfigError)
    with pytest.raises(ConfigError, match="Unknown engine 'marian'"):
        engines.check("marian")


def test_a_target_without_attribute_is_refused():
    with pytest.raises(InputError, match="module:attr"):
        resolve("colorsys")


def test_listing_the_names_imports_nothing():
    code = (
        "import sys; from workbench.align.choices import SIGNAL_NAMES; "
        "from workbench.translate.choices import ENGINES; from workbench.qa.checks import CHECKS; "
        "from workbench.formats import FORMATS; "
        "print(SIGNAL_NAMES, ENGINES, [m for m in ('workbench.align.signals.lexical',"
        " 'ctranslate2', 'workbench.translate.hf', 'workbench.qa.numbers', 'workbench.formats.tmx')"
        " if m in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().endswith("[]"), out.stdout
    assert "'learned'" in out.stdout and "'ct2'" in out.stdout


@pytest.mark.parametrize(
    "registry",
    [
        "workbench.align.choices:SIGNALS",
        "workbench.translate.choices:ENGINE_CLASSES",
        "workbench.qa.checks:CHECKERS",
        "workbench.formats:WRITERS",
        "workbench.jobs.registry:BUILTIN_STEPS",
        "workbench.cli:COMMANDS",
    ],
)
def test_every_registered_target_exists(registry):
    found = resolve(registry)
    for name in found:
        assert callable(found.load(name)), name
