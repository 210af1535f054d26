"""Bytes to text: size limits, OS errors as reasons, BOMs and encodings (UTF-8, UTF-16, cp1251)."""

from __future__ import annotations

import errno
import re
import stat
from pathlib import Path

from ..errors import InputError

_BOMS = (
    (b"\xff\xfe\x00\x00", "utf-32-le", "UTF-32"),
    (b"\x00\x00\xfe\xff", "utf-32-be", "UTF-32"),
    (b"\xef\xbb\xbf", "utf-8", "UTF-8"),
    (b"\xff\xfe", "utf-16-le", "UTF-16"),
    (b"\xfe\xff", "utf-16-be", "UTF-16"),
)
MAX_CHARS = 1_000_000  # spaCy's own limit (nlp.max_length) for one text
# Characters that show nothing and that str.strip() keeps: zero-width spaces and joiners, the
# word joiner, a BOM inside the text, the soft hyphen.
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad\u180e"))
_SURROGATES = re.compile("[\ud800-\udfff]")


def blank(text: str) -> bool:
    """Nothing to read: only whitespace (any Unicode space) and invisible characters."""
    return not text.translate(_INVISIBLE).strip()


def scrub(text: str) -> tuple[str, int]:
    """Lone UTF-16 surrogates (a truncated JSON escape, the undecodable bytes of a file name)
    replaced by U+FFFD one for one, so offsets still hold; and how many there were."""
    return _SURROGATES.subn("\ufffd", text)


def too_long(text: str) -> str | None:
    """The reason a text is too long for the parser, or None."""
    if len(text) <= MAX_CHARS:
        return None
    return f"too long for the parser ({len(text):,} characters; limit {MAX_CHARS:,})"


def decode_bytes(data: bytes, path: str) -> tuple[str, str | None]:
    """Decode file bytes as text; returns (text, warning). Raises InputError for binary data.

    A byte-order mark decides (UTF-8, UTF-16, UTF-32); then strict UTF-8; then Windows-1251
    with a warning, unless the bytes look binary.
    """
    if not data.strip():
        raise InputError(path, "empty file")
    for bom, codec, name in _BOMS:
        if data.startswith(bom):
            try:
                text, warning = data[len(bom) :].decode(codec), None
            except UnicodeDecodeError as exc:
                if name != "UTF-8":
                    raise InputError(path, f"invalid {name} ({exc.reason})") from None
                text = data[len(bom) :].decode(codec, errors="replace")
                warning = "invalid UTF-8 bytes replaced"
            if blank(text):
                raise InputError(path, "empty file")
            return text, warning
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file (contains NUL bytes)")
    text, warning = _utf8_or_cp1251(data)
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 8:
        raise InputError(path, "binary file (not text in any known encoding)")
    if blank(text):
        raise InputError(path, "empty file")
    return text, warning


def _utf8_or_cp1251(data: bytes) -> tuple[str, str | None]:
    """UTF-8, with a few stray bytes replaced (one, or one per ten good multi-byte characters);
    else Windows-1251, where every Cyrillic letter is a byte UTF-8 rejects."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd") - data.count("\ufffd".encode())
    good = sum(1 for ch in text if ord(ch) > 127) - text.count("\ufffd")
    if bad == 1 or bad * 10 <= good:
        return text, f"{bad} invalid UTF-8 byte(s) replaced by U+FFFD"
    return data.decode("cp1251", errors="replace"), "not UTF-8; decoded as Windows-1251"


def _os_reason(exc: BaseException) -> str:
    """A short, user-facing reason for an OS error."""
    if isinstance(exc, RuntimeError) or getattr(exc, "errno", None) == errno.ELOOP:
        return "symlink loop"
    if isinstance(exc, PermissionError):
        return "permission denied"
    if isinstance(exc, FileNotFoundError):
        return "no such file or folder (broken symlink?)"
    if isinstance(exc, IsADirectoryError):
        return "is a directory"
    return getattr(exc, "strerror", None) or str(exc)


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """Read a regular file, refusing ones over the size limit with a clear reason."""
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(str(path), "is a directory")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(str(path), "not a regular file")
        if info.st_size > max_bytes:
            raise InputError(str(path), _too_big(info.st_size, max_bytes))
        with path.open("rb") as fh:
            data = fh.read(max_bytes + 1)  # the file may grow after stat()
        if len(data) > max_bytes:
            raise InputError(str(path), _too_big(len(data), max_bytes))
        return data
    except (OSError, RuntimeError) as exc:
        raise InputError(str(path), _os_reason(exc)) from None


def _too_big(size: int, limit: int) -> str:
    return f"too big ({size:,} bytes; the limit is {limit:,} bytes, see --max-bytes)"
