"""The Translate tab: a text translated in the browser, with its signature and the languages it
went through, and the translation models on this machine."""

from __future__ import annotations

import gradio as gr

from workbench.review.machine import ENGINES
from workbench.text.languages import LANGUAGES
from workbench.ui import handlers, render
from workbench.ui.tabs.base import PRIVATE, Start, Tab, Updates, shows_problems, username


class TranslateTab(Tab):
    id, label = "translate", "Translate"

    def render(self) -> None:
        with gr.Row():
            self.src = gr.Dropdown(
                label="From", choices=list(LANGUAGES), value="en", elem_id="wb-src"
            )
            self.tgt = gr.Dropdown(
                label="To", choices=list(LANGUAGES), value="ar", elem_id="wb-tgt"
            )
            self.engine = gr.Radio(label="Engine", choices=list(ENGINES), value="auto")
            self.model = gr.Textbox(
                label="Model (optional: a Hugging Face id or a folder on this machine)",
                elem_id="wb-model",
            )
        with gr.Row():
            self.text = gr.Textbox(label="Text", lines=8, elem_id="wb-source-text")
            self.output = gr.Textbox(
                label="Translation", lines=8, interactive=False, rtl=True, elem_id="wb-output"
            )
        self.button = gr.Button("Translate", variant="primary", elem_id="wb-translate")
        self.message = gr.HTML(elem_id="wb-translate-message")
        self.path = gr.HTML(elem_id="wb-path")
        self.signature = gr.Textbox(label="Signature", interactive=False, elem_id="wb-signature")
        with gr.Accordion("Translation models on this machine", open=False):
            self.models = gr.HTML(elem_id="wb-models")

    def loaded(self) -> list[gr.components.Component]:
        return [self.models]

    def load(self, start: Start) -> Updates:
        return {self.models: handlers.models_html(self.ctx)}

    def wire(self) -> None:
        self.button.click(self.translating, outputs=self.message, **PRIVATE).then(
            self.translate, inputs={self.text, self.src, self.tgt, self.engine, self.model},
            outputs=[self.output, self.signature, self.path, self.message], **PRIVATE,
        )  # fmt: skip
        self.src.change(self.source_direction, inputs={self.src}, outputs=self.text, **PRIVATE)

    def translating(self) -> Updates:
        note = "Translating… (the first use of a model loads it: seconds to a minute)"
        return {self.message: render.notice(note)}

    @shows_problems
    def translate(self, values: dict, request: gr.Request) -> Updates:
        made = handlers.translate(
            self.ctx, username(request), values[self.text] or "", values[self.src],
            values[self.tgt], values[self.engine] or "", values[self.model] or "",
        )  # fmt: skip
        route = " → ".join(render.language_label(lang) for lang in made.path)
        via = " (through a pivot)" if len(made.path) > 2 else ""
        rtl = render.direction(values[self.tgt]) == "rtl"
        return {
            self.output: gr.Textbox(value=made.text, rtl=rtl),
            self.signature: made.signature,
            self.path: render.notice(f"Path: {route}{via}", "info"),
            self.message: "",
        }

    def source_direction(self, values: dict) -> Updates:
        """Arabic and Sorani are typed right to left."""
        return {self.text: gr.Textbox(rtl=render.direction(values[self.src]) == "rtl")}
