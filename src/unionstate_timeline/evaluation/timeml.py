"""Read TimeML files (TimeBank, AQUAINT, TempEval-3): the text, its document date and its TIMEX3s.

The text is the content of the `<TEXT>` element with every inline tag removed (the whole root
when a file has no `<TEXT>`); each TIMEX3 keeps character offsets into that text. The document
creation time is the TIMEX3 with functionInDocument="CREATION_TIME" (usually inside `<DCT>`); it
is the reference date, never a timex to find.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ..errors import InputError


@dataclass(frozen=True)
class TimemlTimex:
    """One gold TIMEX3 with offsets into the document text."""

    start: int
    end: int
    text: str
    type: str
    value: str
    tid: str = ""
    mod: str | None = None


@dataclass(frozen=True)
class TimemlDocument:
    """One TimeML file: its id, its text, the creation time and the timexes of the text."""

    doc_id: str
    text: str
    dct: str | None
    timexes: list[TimemlTimex] = field(default_factory=list)

    @property
    def dct_date(self) -> date | None:
        """The creation time as a calendar day, when it names one."""
        try:
            return date.fromisoformat(self.dct[:10]) if self.dct else None
        except ValueError:
            return None


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _walk(elem: ET.Element, parts: list[str], found: list[TimemlTimex], pos: int) -> int:
    """Append elem's text to parts, recording the TIMEX3s inside it; returns the new offset."""
    start = pos
    if elem.text:
        parts.append(elem.text)
        pos += len(elem.text)
    for child in elem:
        pos = _walk(child, parts, found, pos)
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    if _local(elem.tag) == "TIMEX3" and elem.get("functionInDocument") != "CREATION_TIME":
        text = "".join(parts)[start:pos]
        found.append(
            TimemlTimex(
                start=start,
                end=pos,
                text=text,
                type=elem.get("type", ""),
                value=elem.get("value", ""),
                tid=elem.get("tid", ""),
                mod=elem.get("mod"),
            )
        )
    return pos


def _creation_time(root: ET.Element) -> str | None:
    for elem in root.iter():
        if _local(elem.tag) == "TIMEX3" and elem.get("functionInDocument") == "CREATION_TIME":
            return elem.get("value")
    return None


def parse_timeml(source: str, doc_id: str = "doc") -> TimemlDocument:
    """A TimeML document from its XML text. Raises ValueError when it is not well-formed."""
    try:
        root = ET.fromstring(source)
    except ET.ParseError as exc:
        raise ValueError(f"not well-formed XML: {exc}") from exc
    body = next((e for e in root.iter() if _local(e.tag) == "TEXT"), root)
    parts: list[str] = []
    found: list[TimemlTimex] = []
    _walk(body, parts, found, 0)
    docid = next((e.text for e in root.iter() if _local(e.tag) == "DOCID" and e.text), None)
    return TimemlDocument(
        doc_id=(docid or doc_id).strip(),
        text="".join(parts),
        dct=_creation_time(root),
        timexes=sorted(found, key=lambda t: (t.start, t.end)),
    )


def read_timeml_dir(directory: str | Path) -> list[TimemlDocument]:
    """Every *.tml / *.xml file of a folder (recursively), sorted by path."""
    root = Path(directory)
    if not root.is_dir():
        raise InputError(str(root), "not a folder of TimeML files")
    paths = sorted(p for p in root.rglob("*") if p.suffix.lower() in (".tml", ".xml", ".timeml"))
    if not paths:
        raise InputError(str(root), "no TimeML file (*.tml, *.xml) in this folder")
    docs = []
    for path in paths:
        try:
            source = path.read_text(encoding="utf-8")
            doc = parse_timeml(source, path.stem)
        except (OSError, UnicodeDecodeError, ValueError) as exc:
            raise InputError(str(path), f"cannot read TimeML: {exc}") from exc
        docs.append(TimemlDocument(path.stem, doc.text, doc.dct, doc.timexes))
    return docs
