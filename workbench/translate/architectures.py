"""How each architecture is told its languages, for both engines.

MarianMT (OPUS-MT): one source language per model; a multi-target model needs a `>>xxx<<`
token in front of the source text. NLLB-200 and M2M100 (the same M2M100 network, different
vocabularies): the source language code is the first source token (`eng_Latn` / `__en__`),
and the target language code is forced as the first output token (transformers:
`forced_bos_token_id`; CTranslate2: `target_prefix`), then dropped from the output.

`ARCHITECTURES[name]` gives the object; engines call its hooks, never test the name.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar

from workbench.errors import ConfigError


@dataclass(frozen=True)
class Tokens:
    """The language tokens one direction needs of one model ("" where none is needed)."""

    source: str = ""
    target: str = ""


class Architecture:
    """MarianMT by default; the fairseq multilingual models override the hooks that differ."""

    name: ClassVar[str] = "marian"
    label: ClassVar[str] = "MarianMT (OPUS-MT)"
    token_pattern: ClassVar[re.Pattern[str]] = re.compile(r"^>>[A-Za-z_]+<<$")
    source_spm: ClassVar[str] = "source.spm"
    prefix_steps: ClassVar[int] = 0  # output steps spent on a forced target-language token

    def language_tokens(self, vocabulary: Sequence[str]) -> list[str]:
        return [t for t in vocabulary if self.token_pattern.match(t)]

    def tokens(
        self,
        src: str,
        tgt: str,
        asked: str,
        vocabulary: Sequence[str],
        names: Mapping[str, Sequence[str]],
        model: str,
    ) -> Tokens:
        """`asked`: the target token the catalog names for this model ("" = find one)."""
        known = self.language_tokens(vocabulary)
        if asked:
            if asked not in known:
                raise ConfigError(
                    f"The catalog asks {model} for the target token {asked}, which its "
                    f"vocabulary lacks ({_some(known)}). Fix {src}-{tgt} in models/catalog.toml."
                )
            return Tokens(target=asked)
        if not known:
            return Tokens()
        for name in names.get(tgt, ()):
            if name in known:
                return Tokens(target=name)
        raise ConfigError(
            f"The model {model} is asked for its language by a target token ({_some(known)}), "
            f"but has none for {tgt}. Choose another model for {src}-{tgt}."
        )

    # --- CTranslate2
    def skipped(self, vocabulary: Sequence[str]) -> set[str]:
        """Output tokens that are not text (transformers drops them as special tokens)."""
        return {"</s>", "<unk>", "<pad>", "<s>"}

    def ct2_source(self, pieces: list[str], tokens: Tokens, add_eos: bool) -> list[str]:
        prefix = [tokens.target] if tokens.target else []
        return [*prefix, *pieces, *([] if add_eos else ["</s>"])]

    def ct2_text(self, text: str, tokens: Tokens) -> str:
        # As MarianTokenizer sees it: the target token is split off ">>ara<< text", leaving
        # " text" for SentencePiece.
        return " " + text if tokens.target else text

    def ct2_prefix(self, tokens: Tokens) -> list[str] | None:
        return None

    # --- transformers
    def hf_load(self, path: Any, dtype: Any) -> tuple[Any, Any]:
        import warnings

        from transformers import MarianMTModel, MarianTokenizer

        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # "Recommended: pip install sacremoses" (unused)
            tokenizer = MarianTokenizer.from_pretrained(path, local_files_only=True)
        model = MarianMTModel.from_pretrained(path, local_files_only=True, dtype=dtype)
        return tokenizer, model

    def hf_count(self, tokenizer: Any, text: str) -> int:
        return len(tokenizer.spm_source.encode(text, out_type=str))

    def hf_inputs(self, tokenizer: Any, texts: list[str], tokens: Tokens) -> Any:
        prefix = f"{tokens.target} " if tokens.target else ""
        return tokenizer([prefix + t for t in texts], return_tensors="pt", padding=True)

    def hf_generate(self, tokenizer: Any, tokens: Tokens, limit: int) -> dict[str, Any]:
        return {"max_new_tokens": limit + 1}  # the last step is the forced </s>

    def hf_dropped(self, tokenizer: Any) -> set[int]:
        """Output ids that are not text beyond the tokenizer's special tokens."""
        return set()

    def hf_decode(self, tokenizer: Any, output: Any, dropped: set[int]) -> list[str]:
        rows = output.tolist()
        if dropped:
            rows = [[i for i in row if i not in dropped] for row in rows]
        return list(tokenizer.batch_decode(rows, skip_special_tokens=True))


class FairseqMultilingual(Architecture):
    """NLLB-200 and M2M100: language codes as the first source and first target token."""

    source_spm: ClassVar[str] = "sentencepiece.bpe.model"
    prefix_steps: ClassVar[int] = 1
    codes: ClassVar[Mapping[str, str]] = {}

    def tokens(
        self, src: Any, tgt: Any, asked: Any, vocabulary: Any, names: Any, model: Any
    ) -> Tokens:  # noqa: ARG002
        known = set(self.language_tokens(vocabulary))
        for lang in (src, tgt):
            code = self.codes.get(lang, "")
            if code not in known:
                raise ConfigError(
                    f"The {self.label} model {model} has no language code for {lang}"
                    f"{f' ({code})' if code else ''}: it cannot translate {src}-{tgt}. "
                    "Choose another model for this direction."
                )
        return Tokens(self.codes[src], self.codes[tgt])

    def skipped(self, vocabulary: Sequence[str]) -> set[str]:
        made_up = (t for t in vocabulary if t.startswith("madeupword"))  # M2M100's padding
        return {*super().skipped(vocabulary), "<mask>", *self.language_tokens(vocabulary), *made_up}

    def ct2_source(self, pieces: list[str], tokens: Tokens, add_eos: bool) -> list[str]:
        return [tokens.source, *pieces, *([] if add_eos else ["</s>"])]

    def ct2_text(self, text: str, tokens: Tokens) -> str:
        return text

    def ct2_prefix(self, tokens: Tokens) -> list[str] | None:
        return [tokens.target]

    def hf_load(self, path: Any, dtype: Any) -> Any:
        from transformers import AutoModelForSeq2SeqLM, AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        model = AutoModelForSeq2SeqLM.from_pretrained(path, local_files_only=True, dtype=dtype)
        return tokenizer, model

    def hf_count(self, tokenizer: Any, text: str) -> int:
        return len(tokenizer.tokenize(text))

    def hf_inputs(self, tokenizer: Any, texts: Any, tokens: Any) -> Any:
        # The language code is put in by hand rather than by setting `tokenizer.src_lang`:
        # the tokenizer is shared by every direction of the model, even across threads.
        source = tokenizer.convert_tokens_to_ids(tokens.source)
        ids = tokenizer(texts, add_special_tokens=False)["input_ids"]
        eos = tokenizer.eos_token_id
        legacy = getattr(tokenizer, "legacy_behaviour", False)
        rows = [[*row, eos, source] if legacy else [source, *row, eos] for row in ids]
        return tokenizer.pad({"input_ids": rows}, return_tensors="pt")

    def hf_generate(self, tokenizer: Any, tokens: Any, limit: Any) -> Any:
        # forced_bos: the target code is the first output token, then `limit` pieces
        return {
            "forced_bos_token_id": tokenizer.convert_tokens_to_ids(tokens.target),
            "max_new_tokens": limit + 1,
        }

    def hf_dropped(self, tokenizer: Any) -> Any:
        # transformers 5's M2M100Tokenizer no longer counts its language codes as special
        languages = getattr(tokenizer, "lang_token_to_id", None)
        if languages:  # and the made-up words after them, never trained
            end = max(languages.values()) + 1
            return {*languages.values(), *range(end, end + tokenizer.num_madeup_words)}
        return set(tokenizer.convert_tokens_to_ids(self.language_tokens(tokenizer.get_vocab())))


class Nllb(FairseqMultilingual):
    name = "nllb"
    label = "NLLB-200"
    token_pattern = re.compile(r"^[a-z]{3}_[A-Z][a-z]{3}$")
    codes = {"en": "eng_Latn", "ar": "arb_Arab", "ckb": "ckb_Arab", "kmr": "kmr_Latn"}


class M2M100(FairseqMultilingual):
    name = "m2m100"
    label = "M2M100"
    token_pattern = re.compile(r"^__[a-z]{2,3}__$")
    codes = {"en": "__en__", "ar": "__ar__"}  # M2M100 has no Kurdish


ARCHITECTURES: dict[str, Architecture] = {a.name: a for a in (Architecture(), Nllb(), M2M100())}


def _some(tokens: Sequence[str]) -> str:
    if not tokens:
        return "it has no target tokens"
    shown = ", ".join(tokens[:8])
    return shown + (f" and {len(tokens) - 8} more" if len(tokens) > 8 else "")
