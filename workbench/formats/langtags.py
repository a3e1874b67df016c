"""Language tags as files write them (BCP 47: `en-US`, `ar-SA`, `ku-Arab-IQ`) -> codes.

TMX `xml:lang`, XLIFF `srcLang`/`trgLang` and TSV/JSONL column names are read with the text
layer's `canonical`; this only adds where in the file the tag was, for the error message.
"""

from __future__ import annotations

from workbench.errors import LanguageError
from workbench.text.languages import canonical


def language_of_tag(tag: str, where: str) -> str:
    """The workbench code of a tag; `where` (file and place) is named in the error."""
    try:
        return canonical(tag)
    except LanguageError as exc:
        raise LanguageError(f"{where}: {exc}") from None
