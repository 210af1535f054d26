"""Real input formats: HTML pages, news-please and news-tls records, manifests with the usual
column names. Every fixture is written for the tests."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from unionstate_timeline.cli import app
from unionstate_timeline.models import Document, DocumentInfo
from unionstate_timeline.reading.load import iter_documents

runner = CliRunner()

PAGE = """<!DOCTYPE html>
<html><head><title>Harbour bridge opens | Coast Gazette</title>
<meta property="og:site_name" content="Coast Gazette">
<meta property="article:published_time" content="2019-05-14T09:30:00+00:00">
</head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Harbour bridge opens</h1>
<p>The new harbour bridge opened to traffic after four years of construction, the port
authority said in a statement on its website.</p>
<p>The mayor cut the ribbon at a ceremony on May 13, 2019, and the first cars crossed the
bridge shortly after noon, officials said.</p>
<p>The mayors of the two harbour towns met at the bridge on May 13, 2019, to sign a
maintenance agreement, the council said.</p>
</article><footer>Share this article</footer></body></html>
"""
STORY = (
    "Harbour bridge opens\n\nThe mayor cut the ribbon at a ceremony on May 13, 2019, and the "
    "first cars crossed the bridge shortly after noon, officials said.\n"
)


def load(path: Path) -> dict[str, Document | DocumentInfo]:
    out: dict[str, Document | DocumentInfo] = {}
    for item in iter_documents([path]):
        out[item.info.doc_id if isinstance(item, Document) else item.doc_id] = item
    return out


def test_reading_formats_html_page_main_text_and_date(tmp_path: Path) -> None:
    (tmp_path / "bridge.html").write_text(PAGE, "utf-8")
    doc = load(tmp_path)["bridge"]
    assert isinstance(doc, Document)
    assert doc.text.startswith("Harbour bridge opens")
    assert "<p>" not in doc.text and "Home" not in doc.text
    assert doc.info.outlet == "Coast Gazette" and doc.info.text == doc.text
    cues = [(c.kind, c.year, c.month, c.day) for c in doc.date_cues]
    assert ("html", 2019, 5, 14) in cues


def test_reading_formats_html_build_cites_the_extracted_text(tmp_path: Path) -> None:
    (tmp_path / "bridge.html").write_text(PAGE, "utf-8")
    (tmp_path / "empty.html").write_text("<html><body><nav>Home</nav></body></html>", "utf-8")
    out = tmp_path / "t.json"
    result = runner.invoke(app, ["build", str(tmp_path), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "empty.html: HTML page with no main text" in result.output
    timeline = json.loads(out.read_text())
    doc = next(d for d in timeline["documents"] if d["doc_id"] == "bridge")
    assert doc["published"]["value"] == "2019-05-14"
    assert timeline["events"]
    for event in timeline["events"]:
        for cite in event["citations"]:
            assert doc["text"][cite["start"] : cite["end"]] == cite["quote"]


def test_reading_formats_news_please_record(tmp_path: Path) -> None:
    record = {
        "authors": [], "date_download": "2019-05-15 10:00:00", "date_modify": None,
        "date_publish": "2019-05-14 08:30:00", "description": "A bridge opens.",
        "filename": "bridge.json", "image_url": None, "language": "en", "localpath": None,
        "maintext": STORY, "source_domain": "gazette.example.org", "title": "Harbour bridge opens",
        "url": "https://gazette.example.org/2019/05/14/bridge",
    }  # fmt: skip
    (tmp_path / "bridge.json").write_text(json.dumps(record), "utf-8")
    docs = load(tmp_path)
    doc = next(iter(docs.values()))
    assert isinstance(doc, Document)
    assert doc.info.outlet == "gazette.example.org" and doc.info.url == record["url"]
    assert doc.published_hint == "2019-05-14" and doc.info.title == "Harbour bridge opens"


def test_reading_formats_news_tls_gzip_and_language(tmp_path: Path) -> None:
    lines = [
        {"id": "a1", "time": "2019-05-14", "text": STORY},
        {"id": "a2", "time": "2019-05-14", "text": "Le pont est ouvert.", "language": "fr"},
        {"id": "a1", "time": "2019-05-15", "text": STORY + "More.\n"},
    ]
    data = "".join(json.dumps(x) + "\n" for x in lines).encode()
    (tmp_path / "articles.jsonl.gz").write_bytes(gzip.compress(data))
    docs = load(tmp_path)
    assert isinstance(docs["articles/a1"], Document)
    assert docs["articles/a2"].reason == "line 2 is not in English (language 'fr')"  # type: ignore[union-attr]
    again = docs["articles/a1~3"]
    assert isinstance(again, Document) and "repeats an earlier record" in (again.info.reason or "")


@pytest.mark.model
def test_reading_formats_repeated_jsonl_id_is_renamed_and_build_warns(tmp_path: Path) -> None:
    """Bug 3: two records with one id become two documents with distinct ids (citations stay
    unambiguous); the build says so: a count by default, the reason with --verbose."""
    other = STORY.replace("ribbon", "cake").replace("May 13", "May 20")
    lines = [{"id": "r1", "text": STORY}, {"id": "r1", "text": other}]
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "batch.jsonl").write_text("".join(json.dumps(x) + "\n" for x in lines))
    out = tmp_path / "t.json"
    args = ["build", str(tmp_path / "in"), "-o", str(out), "--no-cache", "-q"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert "1 document with warnings (--verbose lists them)" in result.stderr
    ids = [d["doc_id"] for d in json.loads(out.read_text())["documents"]]
    assert ids == ["batch/r1", "batch/r1~2"]
    verbose = runner.invoke(app, [*args, "--verbose"])
    assert "batch/r1~2" in verbose.stderr and "repeats an earlier record" in verbose.stderr


def test_reading_formats_manifest_aliases_and_missing_files(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(STORY, "utf-8")
    (tmp_path / "manifest.csv").write_text(
        'filename,date,source_url\na.txt,"May 14, 2019",https://x.org/a\ngone.txt,2019-05-14,\n',
        "utf-8",
    )
    docs = load(tmp_path)
    a = docs["a"]
    assert isinstance(a, Document) and a.published_hint == "2019-05-14"
    assert a.info.url == "https://x.org/a"
    assert docs["manifest.csv"].reason == (  # type: ignore[union-attr]
        "malformed manifest: rows name files that are not there: gone.txt"
    )
