"""The Translate tab: a text translated in the browser, the translation memory first, with the
model's expected quality beside the output, where each sentence came from, its signature and
the languages it went through, and the translation models on this machine."""

from __future__ import annotations

import gradio as gr

from workbench.review.modelchoice import model_options
from workbench.text.languages import LANGUAGES
from workbench.translate.choices import ENGINES, PROFILES
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
            self.profile = gr.Radio(
                label="Profile (open: permissive licences; best: best published score)",
                choices=list(PROFILES), value=self.ctx.settings.profile, elem_id="wb-profile",
            )  # fmt: skip
        with gr.Row(equal_height=False):
            self.model = gr.Dropdown(label="Model", choices=[], elem_id="wb-model", scale=2)
            self.quality = gr.HTML(elem_id="wb-expected-quality", scale=3)  # beside the output
        with gr.Row():
            self.text = gr.Textbox(label="Text", lines=8, max_lines=14, elem_id="wb-source-text")
            self.output = gr.Textbox(
                label="Translation", lines=8, max_lines=14, interactive=False, rtl=True,
                elem_id="wb-output",
            )  # fmt: skip
        self.button = gr.Button("Translate", variant="primary", elem_id="wb-translate")
        self.message = gr.HTML(elem_id="wb-translate-message")
        self.path = gr.HTML(elem_id="wb-path")
        with gr.Accordion("Where each sentence came from (translation memory first)"):
            self.origins = gr.HTML(elem_id="wb-origins")
        self.signature = gr.Textbox(label="Signature", interactive=False, elem_id="wb-signature")
        with gr.Accordion("Translation models on this machine", open=False):
            self.models = gr.HTML(elem_id="wb-models")

    def loaded(self) -> list[gr.components.Component]:
        return [self.models, self.model, self.quality]

    def load(self, start: Start) -> Updates:
        chosen = {c: c.value for c in (self.src, self.tgt, self.profile)}
        shown = self.choices(chosen)
        problem = shown.pop(self.message, "")  # e.g. a bad profile in workbench.toml
        return {self.models: handlers.models_html(self.ctx), self.quality: problem, **shown}

    def wire(self) -> None:
        direction = {self.src, self.tgt, self.profile}
        self.button.click(self.translating, outputs=self.message, **PRIVATE).then(
            self.translate,
            inputs={self.text, self.src, self.tgt, self.engine, self.model, self.profile},
            outputs=[self.output, self.signature, self.path, self.origins, self.quality,
                     self.message], **PRIVATE,
        )  # fmt: skip
        self.src.change(self.source_direction, inputs={self.src}, outputs=self.text, **PRIVATE)
        for chooser in (self.src, self.tgt, self.profile):
            chooser.input(self.choices, inputs=direction,
                          outputs=[self.model, self.quality, self.message], **PRIVATE)  # fmt: skip
        self.model.input(self.expected, inputs={*direction, self.model},
                         outputs=[self.quality, self.message], **PRIVATE)  # fmt: skip

    def translating(self) -> Updates:
        note = "Translating… (the first use of a model loads it: seconds to a minute)"
        return {self.message: render.notice(note)}

    @shows_problems
    def translate(self, values: dict, request: gr.Request) -> Updates:
        src, tgt = values[self.src], values[self.tgt]
        made = handlers.translate(
            self.ctx, username(request), values[self.text] or "", src, tgt,
            values[self.engine] or "", values[self.model] or "", values[self.profile] or "",
        )  # fmt: skip
        route = " → ".join(render.language_label(lang) for lang in made.path)
        via = " (through a pivot)" if len(made.path) > 2 else ""
        rtl = render.direction(tgt) == "rtl"
        return {
            self.output: gr.Textbox(value=made.text, rtl=rtl),
            self.signature: made.signature,
            self.path: render.notice(f"Path: {route}{via}. {_counts(made.origins)}", "info"),
            self.origins: render.origins_table(made.origins, src, tgt),
            **self.expected(values),
            self.message: "",
        }

    @shows_problems
    def choices(self, values: dict) -> Updates:
        """The models for the direction and profile chosen, the profile's one selected."""
        src, tgt, profile = values[self.src], values[self.tgt], values[self.profile] or ""
        offered = model_options(self.ctx.settings, src, tgt, profile)
        return {
            self.model: gr.Dropdown(choices=list(offered.choices), value=offered.value),
            **self.expected({**values, self.model: offered.value}),
        }

    @shows_problems
    def expected(self, values: dict) -> Updates:
        """The model in use: its licence, expected quality and any draft-only warning."""
        note = handlers.translation_quality(
            self.ctx, values[self.src], values[self.tgt], values[self.profile] or "",
            values[self.model] or "",
        )  # fmt: skip
        return {self.quality: note, self.message: ""}

    def source_direction(self, values: dict) -> Updates:
        """Arabic and Sorani are typed right to left."""
        return {self.text: gr.Textbox(rtl=render.direction(values[self.src]) == "rtl")}


def _counts(origins) -> str:
    """ "3 sentences: 1 from the memory, 2 by the machine (1 with memory offers)." """
    memory = sum(1 for o in origins if o.origin in ("memory", "fill"))
    offered = sum(1 for o in origins if o.origin == "machine" and o.offers)
    shown = f"{len(origins)} sentences: {memory} from the memory, {len(origins) - memory} by "
    return shown + f"the machine ({offered} with memory offers)."
