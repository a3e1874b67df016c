"""The review UI: a Gradio app over the store, made by `workbench.ui.app.build_app(settings)`.

Only Gradio (and the HTTP server) lives here: what the screens show and what reviewers do is
the review domain (`workbench.review`). `handlers` turns a screen's plain values into the
domain's calls and escaped HTML (`render`), tested without a browser; `tabs/` holds one module
per tab (widgets, layout, events, page-load values, message box); `app` loops over the tabs;
`api` is the public API for gradio_client; `server` serves it all (`workbench serve`).
Only this package imports gradio, and only when the UI is built.
"""
