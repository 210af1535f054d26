"""Typed errors raised by the library; only the CLI turns them into messages and exit codes."""

from __future__ import annotations


class TimelineError(Exception):
    """Base class of every error this package raises on purpose."""

    exit_code = 1


class InputError(TimelineError):
    """A path or file the user gave cannot be used."""

    exit_code = 3

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class ModelNotFoundError(TimelineError):
    """No spaCy model could be loaded."""

    exit_code = 4


class OutputError(TimelineError):
    """An output file cannot be written."""

    exit_code = 5


class ContractError(TimelineError):
    """A timeline file does not follow the timeline.json contract."""

    exit_code = 3


class IncrementalError(TimelineError):
    """An incremental build (`build --base`) cannot reuse the base timeline."""

    exit_code = 3
