"""unionstate-timeline: news articles in, one merged, chronological, cited timeline out."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from .pipeline import build as build

__all__ = ["build", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "build":
        from .pipeline import build

        return build
    raise AttributeError(name)
