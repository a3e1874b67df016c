"""The review UI: a Gradio app over the store, made by `workbench.ui.app.build_app(settings)`.

`review` and `actions` hold what the screens show and what reviewers do (pure functions over
the store, tested without a browser); `render` turns them into escaped HTML; `app` lays the
screens out and wires every event in one place; `server` serves it (`workbench serve`).
Only this package imports gradio, and only when the UI is built.
"""
