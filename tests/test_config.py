from pathlib import Path

import pytest

from workbench.config import Settings, load_settings
from workbench.errors import ConfigError


def test_defaults_put_everything_under_home(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    settings = load_settings(environ={"WORKBENCH_HOME": str(tmp_path / "h")})
    assert settings.home == tmp_path / "h"
    assert settings.database_path == tmp_path / "h" / "workbench.db"
    assert settings.models_path == tmp_path / "h" / "models"
    assert settings.offline is True
    assert (settings.host, settings.port) == ("127.0.0.1", 7860)


def test_default_home_is_under_local_share(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path))
    monkeypatch.delenv("XDG_DATA_HOME", raising=False)
    assert load_settings(environ={}).home == tmp_path / ".local" / "share" / "workbench"


def test_layers_toml_then_environment_then_flags(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "workbench.toml").write_text(
        'port = 8000\nhost = "0.0.0.0"\nbeam = 2\n[models]\n"en-ar" = "/models/en-ar"\n'
    )
    env = {"WORKBENCH_HOME": str(tmp_path), "WORKBENCH_PORT": "9000", "WORKBENCH_BEAM": "3"}
    settings = load_settings({"beam": 1, "host": None}, environ=env)
    assert settings.port == 9000  # env beats toml
    assert settings.beam == 1  # flag beats env
    assert settings.host == "0.0.0.0"  # toml beats default; a None flag is "not given"
    assert settings.models == {"en-ar": "/models/en-ar"}


def test_toml_in_home_is_read_when_cwd_has_none(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "h").mkdir()
    (tmp_path / "h" / "workbench.toml").write_text("offline = false\n")
    assert load_settings(environ={"WORKBENCH_HOME": str(tmp_path / "h")}).offline is False


@pytest.mark.parametrize(
    ("env", "message"),
    [
        (
            {"WORKBENCH_PORT": "eighty"},
            "'port' has the value 'eighty', which is not a whole number",
        ),
        (
            {"WORKBENCH_OFFLINE": "maybe"},
            "'offline' has the value 'maybe', which is not a true/false",
        ),
    ],
)
def test_bad_values_name_the_setting(tmp_path, monkeypatch, env, message):
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=message):
        load_settings(environ={"WORKBENCH_HOME": str(tmp_path), **env})


def test_unknown_toml_key_lists_valid_names(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "workbench.toml").write_text("prot = 1\n")
    with pytest.raises(ConfigError, match="Unknown setting.*prot.*valid names are"):
        load_settings(environ={"WORKBENCH_HOME": str(tmp_path)})


def test_broken_toml_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "workbench.toml").write_text("port = \n")
    with pytest.raises(ConfigError, match="is not valid TOML"):
        load_settings(environ={"WORKBENCH_HOME": str(tmp_path)})


def test_missing_explicit_config_file(tmp_path):
    with pytest.raises(ConfigError, match="does not exist"):
        load_settings(config_file=tmp_path / "nope.toml", environ={})


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        Settings().port = 1  # type: ignore[misc]


def test_allowed_hosts_are_layered_like_the_others(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert load_settings(environ={}).allowed_hosts == ()
    (tmp_path / "workbench.toml").write_text('allowed_hosts = ["review.example.org"]\n')
    assert load_settings(environ={}).allowed_hosts == ("review.example.org",)
    env = {"WORKBENCH_ALLOWED_HOSTS": "a.example, b.example,"}
    assert load_settings(environ=env).allowed_hosts == ("a.example", "b.example")
    flags = {"allowed_hosts": ("c.example",)}
    assert load_settings(flags, environ=env).allowed_hosts == ("c.example",)


def test_allowed_hosts_must_be_a_list_of_texts(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "workbench.toml").write_text("allowed_hosts = [1, 2]\n")
    with pytest.raises(ConfigError, match="'allowed_hosts' has the value .* not a list"):
        load_settings(environ={})
