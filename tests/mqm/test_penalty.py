"""MQM arithmetic, checked against sums done by hand."""

import pytest

from workbench.errors import ConfigError, InputError
from workbench.mqm import typology
from workbench.mqm.penalty import PenaltyModel, model_from


def test_the_standard_weights_by_hand():
    model = PenaltyModel()
    errors = [
        ("accuracy/omission", "major"),  # 5
        ("fluency/spelling", "minor"),  # 1
        ("fluency/spelling", "minor"),  # 1
        ("style", "neutral"),  # 0
        ("terminology", "critical"),  # 25
    ]
    assert model.penalty(errors) == 32
    # 32 points over 400 source words: 80 per 1000 words, so 100 - 80
    assert model.score(32, 400) == pytest.approx(20.0)
    assert model.score(0, 400) == 100.0


def test_per_100_words_and_weights_from_the_config_table():
    model = model_from({"per_words": "100", "major": 10, "accuracy": 2, "accuracy/omission": 3})
    # omission: 10 x 3 (its own weight beats its dimension's); addition: 10 x 2 (accuracy's)
    assert model.penalty([("accuracy/omission", "major"), ("accuracy/addition", "major")]) == 50
    assert model.penalty([("style", "minor")]) == 1
    assert model.score(50, 250) == pytest.approx(100 - 20)  # 50 points / 250 words x 100
    assert model.signature() == (
        "mqm|neutral:0|minor:1|major:10|critical:25|accuracy:2|accuracy/omission:3|rwc:100|ewc:src"
    )


def test_no_words_evaluated_has_no_score_and_scores_go_below_zero():
    model = PenaltyModel()
    assert model.score(5, 0) is None
    assert model.score(25, 10) == pytest.approx(100 - 2500)


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"major": "lots"}, "not a number"),
        ({"minor": -1}, "0 or more"),
        ({"blocker": 3}, "Unknown MQM weight 'blocker'"),
        ({"per_words": 0}, "whole number"),
        ({"per_words": 2.5}, "whole number"),
    ],
)
def test_bad_weights_are_refused_saying_what_is_allowed(table, message):
    with pytest.raises(ConfigError, match=message):
        model_from(table)


def test_typology_has_the_mqm_core_types_and_reads_old_flags():
    assert "accuracy/over-translation" in typology.CATEGORIES
    assert "locale-convention/dates" in typology.CATEGORIES
    assert typology.category("Locale convention/numbers") == "locale-convention/numbers"
    assert typology.category("omission") == "accuracy/omission"  # an old flag's name
    assert {typology.from_flag(f) for f in typology.FLAG_CATEGORIES} <= set(typology.CATEGORIES)
    assert typology.from_flag("disagreement") is None
    with pytest.raises(InputError, match="Unknown MQM category 'typo'"):
        typology.category("typo")
    with pytest.raises(InputError, match="neutral, minor, major, critical"):
        typology.severity("blocker")


def test_the_mqm_table_of_workbench_toml(tmp_path):
    from workbench.config import load_settings

    toml = tmp_path / "workbench.toml"
    toml.write_text('[mqm]\nmajor = 10\nper_words = 100\n"accuracy/omission" = 2\n')
    settings = load_settings(config_file=toml, environ={"WORKBENCH_MQM": "ignored"})
    model = model_from(settings.mqm)
    assert (model.severities["major"], model.per_words) == (10.0, 100)
    assert model.weight("accuracy/omission", "major") == 20
