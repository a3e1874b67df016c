"""Gradio's per-session state, its component configs made when first asked for.

Gradio keeps a SessionState per browser page or API caller, and making one computed the config
of every component of the app at once (hundreds: the Review tab alone has over a hundred),
about 40 ms of CPU. A browser page pays that once; but a call of the HTTP API
(`/gradio_api/call/<name>`) without a session_hash is a session of its own, so every such call
paid it, and the server kept up to 10,000 of those copies. Here a component's config is made
the first time something reads it (Gradio reads them all when a page reconnects): the same
values, made later. `install` puts this in place of the holder Gradio made.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, MutableMapping
from copy import copy
from typing import Any

from gradio.state_holder import SessionState, StateHolder


class _Configs(MutableMapping):
    """Block id -> its config, made on first access (what SessionState.config_values holds)."""

    def __init__(self, state: LazySessionState, ids: list[int]):
        self._state, self._ids, self._made = state, ids, {}

    def _make(self, key: int) -> dict:
        if key not in self._made:
            config = self._state.blocks_config
            self._made[key] = config.config_for_block(key, [], config.blocks[key])
        return self._made[key]

    def __getitem__(self, key: int) -> Any:
        if key in self._made or key in self._ids:
            return self._make(key)
        raise KeyError(key)

    def __setitem__(self, key: int, value: Any) -> None:
        self._made[key] = value
        if key not in self._ids:
            self._ids.append(key)

    def __delitem__(self, key: int) -> None:
        self._made.pop(key, None)
        self._ids.remove(key)

    def __contains__(self, key: object) -> bool:
        return key in self._made or key in self._ids

    def __iter__(self) -> Iterator[int]:
        return iter(list(self._ids))

    def __len__(self) -> int:
        return len(self._ids)


class LazySessionState(SessionState):
    """SessionState as Gradio makes it, but for `config_values`, filled as it is read."""

    def __init__(self, blocks: Any):  # deliberately not SessionState.__init__: see the module
        self.blocks_config = copy(blocks.default_config)
        ids = [k for k in self.blocks_config.blocks if k in blocks.blocks]
        self.config_values = _Configs(self, ids)  # type: ignore[assignment]
        self.state_data: dict[int, Any] = {}
        self._state_ttl = {}
        self.is_closed = False
        self.STATE_TTL_WHEN_CLOSED = 1 if os.getenv("GRADIO_IS_E2E_TEST", None) else 3600


class LazyStateHolder(StateHolder):
    def __getitem__(self, session_id: str) -> SessionState:
        if session_id not in self.session_data:
            self.session_data[session_id] = LazySessionState(self.blocks)
        return super().__getitem__(session_id)


def install(web: Any, blocks: Any) -> None:
    """Use LazyStateHolder in the Gradio app mounted in `web` (a FastAPI app)."""
    from gradio.routes import App

    found = [r.app for r in web.routes if isinstance(getattr(r, "app", None), App)]
    if len(found) != 1:
        raise RuntimeError("Expected one mounted Gradio app; the session holder stays Gradio's.")
    holder = LazyStateHolder()
    holder.set_blocks(blocks)
    found[0].state_holder = holder
