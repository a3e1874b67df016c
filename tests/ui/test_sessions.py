"""Gradio's session state, its component configs made when first read (ui.sessions): the same
configs Gradio makes, and an API call no longer makes any of them."""

from __future__ import annotations

from gradio.state_holder import SessionState

from workbench.config import load_settings
from workbench.ui import sessions
from workbench.ui.app import build_app


def test_a_lazy_session_holds_what_gradios_own_holds(db, home):
    app = build_app(load_settings(), db, accounts=False)
    lazy, eager = sessions.LazySessionState(app), SessionState(app)
    assert set(vars(lazy)) == set(vars(eager))  # a Gradio upgrade that adds one shows here
    assert dict(lazy.config_values) == eager.config_values
    assert list(lazy.components) == list(eager.components)


def test_configs_are_made_only_when_read(db, home, monkeypatch):
    app = build_app(load_settings(), db, accounts=False)
    made = []
    real = type(app.default_config).config_for_block

    def counted(*args, **kwargs):
        made.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(type(app.default_config), "config_for_block", staticmethod(counted))
    state = sessions.LazySessionState(app)
    assert made == []
    first = next(iter(state.config_values))
    assert state.config_values[first] == SessionState(app).config_values[first]
    assert made.count(first) == 2  # once for the lazy state, once for Gradio's own


def test_the_served_app_uses_the_lazy_holder(db, home):
    from gradio.routes import App

    from workbench.ui.server import create_server_app

    web = create_server_app(load_settings(), db)
    [mounted] = [r.app for r in web.routes if isinstance(getattr(r, "app", None), App)]
    assert isinstance(mounted.state_holder, sessions.LazyStateHolder)
    assert isinstance(mounted.state_holder["an API call"], sessions.LazySessionState)
