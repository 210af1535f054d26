"""Hostile inputs for the load stage: names, records, encodings and manifests that once lost a
file, a batch or a row. Every text here is written for the tests."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from unionstate_timeline.models import Document, DocumentInfo
from unionstate_timeline.reading.load import MAX_CHARS, iter_documents

GOOD = "Harbour works\n\nThe port of Tromso reopened on April 2, 2021, the mayor said.\n"


def _load(folder: Path) -> tuple[dict[str, Document], dict[str, DocumentInfo]]:
    docs: dict[str, Document] = {}
    skipped: dict[str, DocumentInfo] = {}
    for item in iter_documents([folder]):
        if isinstance(item, Document):
            docs[item.info.doc_id] = item
        else:
            skipped[item.doc_id] = item
    return docs, skipped


def _jsonl(path: Path, *lines: str) -> None:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_hostile_file_name_not_utf8_is_loaded_and_serialisable(tmp_path: Path) -> None:
    name = os.fsdecode(b"odd\xffname.txt")  # an undecodable byte, as old archives have
    (tmp_path / name).write_text(GOOD, encoding="utf-8")
    docs, skipped = _load(tmp_path)
    assert not skipped
    (doc,) = docs.values()
    assert doc.info.doc_id == "odd\ufffdname"
    assert "not valid UTF-8" in (doc.info.reason or "")
    json.loads(doc.info.model_dump_json())  # no surrogate left to break the writers


def test_hostile_huge_record_skips_only_itself(tmp_path: Path) -> None:
    huge = json.dumps({"id": "huge", "text": "lorem " * (MAX_CHARS // 6 + 10)})
    _jsonl(tmp_path / "feed.jsonl", huge, json.dumps({"id": "fine", "text": GOOD}))
    docs, skipped = _load(tmp_path)
    assert list(docs) == ["feed/fine"]
    assert "too long for the parser" in (skipped["feed/huge"].reason or "")


def test_hostile_lone_surrogate_is_replaced_in_place(tmp_path: Path) -> None:
    text = "Harbour works\\n\\nThe port \\ud83d reopened on April 2, 2021."
    _jsonl(
        tmp_path / "feed.jsonl", '{"id": "cut", "title": "Half \\udc00", "text": "' + text + '"}'
    )
    docs, _ = _load(tmp_path)
    doc = docs["feed/cut"]
    assert doc.text == "Harbour works\n\nThe port \ufffd reopened on April 2, 2021."
    assert "surrogate" in (doc.info.reason or "")
    assert doc.info.title == "Half \ufffd"
    json.loads(doc.model_dump_json())


def test_hostile_number_too_long_skips_only_its_line(tmp_path: Path) -> None:
    _jsonl(
        tmp_path / "feed.jsonl",
        '{"id": "big", "count": ' + "7" * 5000 + ', "text": "Numbers."}',
        json.dumps({"id": "fine", "text": GOOD}),
    )
    docs, skipped = _load(tmp_path)
    assert list(docs) == ["feed/fine"]
    (reason,) = [s.reason for s in skipped.values()]
    assert reason == "line 1 is not JSON (a number too long to read)"


def test_hostile_json_file_with_a_long_number_is_named(tmp_path: Path) -> None:
    (tmp_path / "list.json").write_text('[{"n": ' + "3" * 5000 + "}]", encoding="utf-8")
    _, skipped = _load(tmp_path)
    assert skipped["list"].reason == "not valid JSON (a number too long to read)"


def test_hostile_manifest_unbalanced_quote_keeps_later_rows(tmp_path: Path) -> None:
    for name in ("a", "b", "c"):
        (tmp_path / f"{name}.txt").write_text(GOOD.replace("Tromso", name.upper()), "utf-8")
    (tmp_path / "manifest.csv").write_text(
        'file,title\na.txt,"Open quote never closed\nb.txt,Second title\nc.txt,"Third, quoted"\n',
        encoding="utf-8",
    )
    docs, skipped = _load(tmp_path)
    assert "unbalanced quote on line 2" in (skipped["manifest.csv"].reason or "")
    assert docs["b"].info.title == "Second title"
    assert docs["c"].info.title == "Third, quoted"
    assert docs["a"].info.title != "Open quote never closed"


def test_hostile_manifest_multiline_blank_lines_still_read(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(GOOD, "utf-8")
    (tmp_path / "manifest.csv").write_text("file,title\n\na.txt,Alpha\n", encoding="utf-8")
    docs, skipped = _load(tmp_path)
    assert not skipped and docs["a"].info.title == "Alpha"


@pytest.mark.parametrize(
    "blankness", ["\u00a0\u00a0\n", "\u3000 \u3000", "\u200b\u200c\u2060\ufeff", " \u00a0\u200b\n"]
)
def test_hostile_unicode_whitespace_is_an_empty_file(tmp_path: Path, blankness: str) -> None:
    (tmp_path / "blank.txt").write_text(blankness, encoding="utf-8")
    _jsonl(tmp_path / "feed.jsonl", json.dumps({"id": "blank", "text": blankness}))
    docs, skipped = _load(tmp_path)
    assert not docs
    assert skipped["blank"].reason == "empty file"
    assert skipped["feed/blank"].reason == "line 1 has an empty text"


@pytest.mark.parametrize(
    "text", ["\u201cQuoted\u201d words \u2014 and more \u2014 in April 2021.", "Plain text only."]
)
def test_hostile_stray_byte_in_utf8_is_replaced(tmp_path: Path, text: str) -> None:
    (tmp_path / "stray.txt").write_bytes(text.encode("utf-8") + b" \xff tail\n")
    docs, _ = _load(tmp_path)
    doc = docs["stray"]
    assert doc.text == text + " \ufffd tail\n"
    assert "invalid UTF-8 byte(s) replaced" in (doc.info.reason or "")


def test_hostile_windows_1251_is_still_recognised(tmp_path: Path) -> None:
    text = "Минск и Москва подписали соглашение в апреле."
    (tmp_path / "cyr.txt").write_bytes(text.encode("cp1251"))
    docs, _ = _load(tmp_path)
    assert docs["cyr"].text == text
    assert "Windows-1251" in (docs["cyr"].info.reason or "")


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31"])
def test_hostile_unreasonable_manifest_dates_are_refused(tmp_path: Path, value: str) -> None:
    (tmp_path / "a.txt").write_text("The port reopened yesterday, the mayor said.\n", "utf-8")
    (tmp_path / "manifest.csv").write_text(f"file,published\na.txt,{value}\n", "utf-8")
    docs, _ = _load(tmp_path)
    assert docs["a"].published_hint is None
    assert "ignored" in (docs["a"].info.reason or "")


@pytest.mark.parametrize(
    "header", ["OSLO, December 31, 9999 /NTB/.", "Published on January 1, 0001", "Oslo, 1 Jan 0001"]
)
def test_hostile_unreasonable_page_dates_are_not_cues(tmp_path: Path, header: str) -> None:
    (tmp_path / "a.txt").write_text(f"{header}\n\nThe port reopened yesterday.\n", "utf-8")
    docs, _ = _load(tmp_path)
    assert all(c.year is None or 1800 <= c.year <= 2100 for c in docs["a"].date_cues)


def test_hostile_html_record_without_main_text_skips_only_itself(tmp_path: Path) -> None:
    menu = "<html><body><nav><a href='/'>Home</a> <a href='/x'>More</a></nav></body></html>"
    page = "<html><body><article>" + "<p>" + GOOD.replace("\n", " ") * 3 + "</p>" * 2
    _jsonl(
        tmp_path / "feed.jsonl",
        json.dumps({"id": "menu", "text": menu}),
        json.dumps({"id": "page", "text": page + "</article></body></html>"}),
        json.dumps({"id": "plain", "text": GOOD}),
    )
    docs, skipped = _load(tmp_path)
    assert sorted(docs) == ["feed/page", "feed/plain"]
    assert list(skipped) == ["feed/menu"]
    assert skipped["feed/menu"].reason == "line 1: HTML page with no main text"
    assert skipped["feed/menu"].path.endswith("feed.jsonl")
