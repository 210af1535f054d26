"""Atomic file writes: a reader sees the old file or the new one, never half of it."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from ..errors import OutputError


def _cannot_write(target: Path, exc: OSError) -> OutputError:
    return OutputError(f"{target}: cannot write ({exc.strerror or exc})")


def _mode_for(target: Path) -> int:
    """Keep an existing file's permissions; a new file gets what a plain open() would give.

    mkstemp creates 0600, which would surprise a user sharing exports.
    """
    try:
        return target.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: str | os.PathLike[str], text: str | Iterable[str]) -> None:
    """Write text (UTF-8; a string or its pieces) to path through a temp file in the same
    folder and os.replace.

    A reader sees the old file or the new one, never half of it; a failed write leaves no temp.
    A target that is not a regular file (a device, a FIFO) is written in place, never replaced.
    """
    import stat

    pieces = [text] if isinstance(text, str) else text
    target = Path(path)
    try:
        mode = target.stat().st_mode
    except OSError:
        mode = stat.S_IFREG  # not there yet (or not reachable): the atomic path reports it
    if not stat.S_ISREG(mode) and not stat.S_ISDIR(mode):
        # a device, FIFO or socket (-o /dev/null): a rename would replace the node itself
        try:
            with open(target, "w", encoding="utf-8", newline="") as fh:
                fh.writelines(pieces)
        except OSError as exc:
            raise _cannot_write(target, exc) from exc
        return
    folder = target.parent if str(target.parent) else Path(".")
    try:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".tmp")
    except OSError as exc:
        raise _cannot_write(target, exc) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.writelines(pieces)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, _mode_for(target))
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise _cannot_write(target, exc) from exc
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
