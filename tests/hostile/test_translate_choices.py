"""The Translate tab's profile and model, and the `translate` API's, are what a page or script
sends: a forged request may name any folder on the server, climb out with `..`, or send a
profile that does not exist. Sent through the raw HTTP queue to every handler that reads them
(found in /config, not listed by hand) and to the API, each must be refused with a message
saying what to choose, and no model may be loaded: nothing converted, nothing translated.
"""

from __future__ import annotations

import pytest

from tests.hostile.conftest import ServedApp
from tests.hostile.queue_client import Handler, QueueClient

pytestmark = pytest.mark.timeout(180)

TEXT = "Two schools closed."
MODELS = {
    "absolute": "/etc",
    "climbing": "../../../../models/en-ar",
    "home": "~/models",
    "url": "http://127.0.0.1:9/model",
    "long": "m" * 5000,
    "other-direction": "Helsinki-NLP/opus-mt-ar-en",
    "markup": "<img src=x onerror=alert(1)>",
}
PROFILES = {"unknown": "fast", "climbing": "../best", "long": "b" * 5000, "empty-ish": " "}


def _reading(client: QueueClient, elem_id: str) -> list[Handler]:
    """Every handler of the page that reads the component with this elem_id."""
    return [
        h for h in client.handlers() if any(c["props"].get("elem_id") == elem_id for c in h.inputs)
    ]


def _nothing_loaded(served: ServedApp) -> None:
    assert not list(served.folder.rglob("model.bin")), "a model was converted"
    count = served.db.connection().execute("SELECT count(*) FROM translation").fetchone()[0]
    assert count == 0, "something was translated"


@pytest.mark.parametrize("name", list(MODELS))
def test_the_tab_refuses_a_model_it_does_not_offer(served_app, tiny_model, name):
    model = MODELS[name]
    with served_app.client("reviewer") as client:
        client.open_page()
        handlers = _reading(client, "wb-model")
        assert len(handlers) == 2  # translate, and the expected quality of the model chosen
        for handler in handlers:
            answer = client.call(handler, client.defaults(handler, TEXT, wb_model=model))
            assert not answer.success and "not in the list of choices" in (answer.error or "")
            assert "Traceback" not in answer.raw
    _nothing_loaded(served_app)


def test_the_tab_refuses_a_model_folder_that_holds_a_real_model(served_app, tiny_model):
    folder = str(tiny_model("en", "ar"))
    with served_app.client("admin") as client:
        client.open_page()
        for handler in _reading(client, "wb-model"):
            answer = client.call(handler, client.defaults(handler, TEXT, wb_model=folder))
            assert not answer.success and "not in the list of choices" in (answer.error or "")
    _nothing_loaded(served_app)


@pytest.mark.parametrize("name", list(PROFILES))
def test_the_tab_refuses_a_profile_it_does_not_offer(served_app, name):
    with served_app.client("reviewer") as client:
        client.open_page()
        handlers = _reading(client, "wb-profile")
        assert len(handlers) >= 4  # translate, the model list (From, To, Profile), quality
        for handler in handlers:
            data = client.defaults(handler, TEXT, wb_profile=PROFILES[name])
            answer = client.call(handler, data)
            assert not answer.success and "not in the list of choices" in (answer.error or "")
    _nothing_loaded(served_app)


@pytest.mark.parametrize("name", list(MODELS))
def test_the_api_refuses_a_model_it_does_not_offer(served_app, name):
    model = MODELS[name]
    with served_app.client("reviewer") as client:
        api = client.handler("translate")
        answer = client.call(api, [[TEXT], "en", "ar", "", model, ""])
    assert not answer.success
    error = answer.error or ""
    assert "Unknown model" in error or "too long" in error
    assert "choose" in error and "Traceback" not in answer.raw
    _nothing_loaded(served_app)


@pytest.mark.parametrize("name", list(PROFILES))
def test_the_api_refuses_a_profile_it_does_not_offer(served_app, name):
    with served_app.client("reviewer") as client:
        api = client.handler("translate")
        answer = client.call(api, [[TEXT], "en", "ar", "", "", PROFILES[name]])
    assert not answer.success and "Unknown profile" in (answer.error or "")
    assert "use one of open, best" in (answer.error or "")
    _nothing_loaded(served_app)


def test_the_offered_choices_still_reach_the_model_layer(served_app):
    """The same calls with what the page offers get as far as the model (not here)."""
    with served_app.client("reviewer") as client:
        api = client.handler("translate")
        answer = client.call(api, [[TEXT], "en", "ar", "", "Helsinki-NLP/opus-mt-en-ar", "best"])
    assert not answer.success and "workbench models pull Helsinki-NLP/opus-mt-en-ar" in (
        answer.error or ""
    )
    _nothing_loaded(served_app)
