"""Load stage: decoding, manifests, article collections, datelines, furniture masking."""

from __future__ import annotations

import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from unionstate_timeline.errors import InputError
from unionstate_timeline.models import Document, DocumentInfo
from unionstate_timeline.reading.decode import decode_bytes
from unionstate_timeline.reading.document import make_document
from unionstate_timeline.reading.load import iter_documents
from unionstate_timeline.reading.page import find_dateline, mask_furniture

RAW = Path(__file__).resolve().parent.parent / "data" / "raw"
ARTICLE = "Talks held\n\nThe presidents met in Sochi on December 7, 2019, officials said.\n"


def load(*paths: Path, **kw: int) -> dict[str, Document | DocumentInfo]:
    out = {}
    for item in iter_documents(paths, **kw):
        info = item.info if isinstance(item, Document) else item
        assert info.doc_id not in out, f"{info.doc_id} reported twice"
        out[info.doc_id] = item
    return out


def info(item: Document | DocumentInfo) -> DocumentInfo:
    return item.info if isinstance(item, Document) else item


# --- decoding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "warning"),
    [
        ("Minsk – Moscow".encode(), "Minsk – Moscow", None),
        (b"\xef\xbb\xbf" + "Minsk – Moscow".encode(), "Minsk – Moscow", None),
        (b"\xff\xfe" + "Minsk – Moscow".encode("utf-16-le"), "Minsk – Moscow", None),
        (b"\xfe\xff" + "Minsk – Moscow".encode("utf-16-be"), "Minsk – Moscow", None),
        ("Минск и Москва".encode("cp1251"), "Минск и Москва", "not UTF-8; decoded as Windows-1251"),
    ],
)
def test_load_decode_encodings(data: bytes, text: str, warning: str | None):
    assert decode_bytes(data, "f.txt") == (text, warning)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\n", "empty file"),
        (b"\xff\xfe", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file (contains NUL bytes)"),
        (bytes(range(1, 32)) * 20 + b"\xff", "binary file (not text in any known encoding)"),
        (b"\xff\xfe\x00\xd8", "invalid UTF-16 (unexpected end of data)"),
    ],
)
def test_load_decode_rejects_with_reason(data: bytes, reason: str):
    with pytest.raises(InputError) as exc:
        decode_bytes(data, "f.txt")
    assert exc.value.reason == reason


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=2000))
def test_load_decode_arbitrary_bytes_never_crash(data: bytes):
    try:
        text, _ = decode_bytes(data, "f.txt")
    except InputError:
        return
    doc = make_document("f", "f.txt", text)
    assert len(doc.body) == len(doc.text) == len(text)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=1500))
def test_load_make_document_arbitrary_text_keeps_offsets(text: str):
    doc = make_document("f", "f.txt", text)
    assert len(doc.body) == len(text)
    for i, (a, b) in enumerate(zip(doc.body, text, strict=True)):
        assert a == b or (a == " " and b not in "\n\r"), i
    if doc.info.dateline:
        assert doc.info.dateline in text
    if doc.info.title:
        assert doc.info.title in text


@settings(max_examples=100, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "All news",
                "Skip to main content",
                "Share to",
                "© Someone/TASS",
                "Leave A Reply",
                "Bob says",
                "A caption without a stop",
                "x" * 130 + ".",
                "",
                "  ",
                "\r",
                "MOSCOW, May 9. /TASS/",
            ]
        ),
        max_size=20,
    )
)
def test_load_mask_furniture_keeps_length_and_newlines(lines: list[str]):
    text = "\n".join(lines)
    body = mask_furniture(text)
    assert len(body) == len(text)
    assert [i for i, c in enumerate(text) if c in "\r\n"] == [
        i for i, c in enumerate(body) if c in "\r\n"
    ]


# --- datelines, titles, furniture ----------------------------------------------------------------


def test_load_dateline_tass():
    assert find_dateline("MOSCOW, December 8. /TASS/. Russian President Vladimir Putin") == (
        "MOSCOW, December 8. /TASS/",
        12,
        8,
        None,
        "TASS",
    )


def test_load_dateline_primepress():
    found = find_dateline("MINSK, Nov 4 - PrimePress. Belarus and Russia signed")
    assert found is not None
    assert found[1:] == (11, 4, None, "PrimePress")


def test_load_dateline_with_year():
    found = find_dateline("MINSK, January 26, 2000 - The treaty entered into force")
    assert found is not None and found[1:4] == (1, 26, 2000)


def test_load_raw_000_title_dateline_outlet():
    doc = make_document("000", "000.txt", (RAW / "000_065e5666339aa224.txt").read_text("utf-8"))
    assert doc.info.outlet == "TASS"
    assert doc.info.dateline == "MOSCOW, December 8. /TASS/"
    assert doc.info.title == (
        "Putin congratulates Lukashenko on 20th anniversary of signing Union State Treaty"
    )
    assert doc.dateline == (12, 8, None)
    # furniture and the photo caption are blanked, offsets unchanged
    assert "All news" in doc.text and "All news" not in doc.body
    assert "© Mikhail Klimentyev/TASS" not in doc.body
    assert len(doc.body) == len(doc.text)


def test_load_raw_002_reader_comments_blanked():
    text = (RAW / "002_484c683cf57c04f4.txt").read_text("utf-8")
    body = make_document("002", "002.txt", text).body
    first_comment = text.index("Raptar Driver says")
    assert body[first_comment:].strip() == ""
    assert "Leave A Reply" not in body
    assert body[:first_comment].strip()  # the article itself is kept
    assert len(body) == len(text)


# --- folders, manifests, collections --------------------------------------------------------------


def test_load_folder_ids_and_manifest_csv(tmp_path: Path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "sub" / "b.md").write_text(ARTICLE.replace("Sochi", "Minsk"), "utf-8")
    (tmp_path / "notes.csv").write_text("not an article", "utf-8")
    (tmp_path / ".hidden.txt").write_text(ARTICLE + "x", "utf-8")
    (tmp_path / "manifest.csv").write_text(
        "file,url,outlet,published,title\n"
        "a.txt,https://example.org/a,BelTA,2019-12-08,Talks in Sochi\n",
        "utf-8",
    )
    docs = load(tmp_path)
    assert sorted(docs) == ["a", "sub/b"]
    a = docs["a"]
    assert isinstance(a, Document)
    assert (a.info.outlet, a.info.url, a.info.title) == (
        "BelTA",
        "https://example.org/a",
        "Talks in Sochi",
    )
    assert a.published_hint == "2019-12-08"
    assert isinstance(docs["sub/b"], Document) and docs["sub/b"].published_hint is None


def test_load_manifest_jsonl_bad_line_reported_good_rows_used(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE + "More.\n", "utf-8")
    (tmp_path / "manifest.jsonl").write_text(
        '{"file": "a.txt", "outlet": "TASS", "published": "2019-12-08"}\n{"file": "b.txt",\n'
        '"just a string"\n',
        "utf-8",
    )
    docs = load(tmp_path)
    assert info(docs["manifest.jsonl"]).status == "skipped"
    assert info(docs["manifest.jsonl"]).reason == (
        "malformed manifest: line 2 is not JSON (Expecting property name enclosed in double "
        "quotes); line 3 is not a JSON object"
    )
    a = docs["a"]
    assert isinstance(a, Document) and a.info.outlet == "TASS"
    assert isinstance(docs["b"], Document)


def test_load_manifest_csv_without_file_column(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "manifest.csv").write_text("document,outlet\na.txt,TASS\n", "utf-8")
    docs = load(tmp_path)
    assert info(docs["manifest.csv"]).reason == (
        "malformed manifest: no 'file' column; manifest ignored"
    )
    assert info(docs["a"]).status == "ok" and info(docs["a"]).outlet is None


def test_load_manifest_future_or_bad_published_date_flagged(tmp_path: Path):
    future = (date.today() + timedelta(days=400)).isoformat()
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE + "b\n", "utf-8")
    rows = [{"file": "a.txt", "published": future}, {"file": "b.txt", "published": "31/02/2019"}]
    (tmp_path / "manifest.jsonl").write_text("\n".join(map(json.dumps, rows)), "utf-8")
    docs = load(tmp_path)
    a, b = docs["a"], docs["b"]
    assert isinstance(a, Document) and isinstance(b, Document)
    assert a.published_hint is None and b.published_hint is None
    assert a.info.status == "ok" and a.info.reason == (
        f"published date {future} is in the future; ignored"
    )
    assert b.info.reason == "published date '31/02/2019' is not a real date; ignored"


def test_load_articles_jsonl_form(tmp_path: Path):
    records = [
        {"id": "r1", "title": "Budget", "text": ARTICLE, "time": "2019-12-08T10:00:00"},
        {
            "id": 7,
            "title": None,
            "text": "Second article\n\nText.",
            "published": "2020-01-02",
            "url": "https://x",
            "source": "BelTA",
        },
    ]
    path = tmp_path / "articles.jsonl"
    path.write_text(
        "\n".join(map(json.dumps, records[:1]))
        + "\n{not json\n\n"
        + json.dumps(records[1])
        + '\n{"id": "x", "title": "no text"}\n',
        "utf-8",
    )
    docs = load(path)
    assert sorted(docs) == ["articles/7", "articles/line-2", "articles/r1", "articles/x"]
    r1, r7 = docs["articles/r1"], docs["articles/7"]
    assert isinstance(r1, Document) and isinstance(r7, Document)
    assert (r1.info.title, r1.published_hint, r1.text) == ("Budget", "2019-12-08", ARTICLE)
    assert (r7.info.outlet, r7.info.url, r7.published_hint) == ("BelTA", "https://x", "2020-01-02")
    assert info(docs["articles/line-2"]).reason.startswith("line 2 is not JSON (")
    assert info(docs["articles/x"]).reason == "line 5 has no 'text' string"


def test_load_json_list_and_broken_json(tmp_path: Path):
    (tmp_path / "list.json").write_text(json.dumps([{"id": "a", "text": ARTICLE}, 3]), "utf-8")
    (tmp_path / "broken.json").write_text('{"id": "a", "text": ', "utf-8")
    docs = load(tmp_path)
    assert isinstance(docs["list/a"], Document)
    assert info(docs["list/line-2"]).reason == "record 2 has no 'text' string"
    assert info(docs["broken"]).reason.startswith("not valid JSON (")


def test_load_duplicates_kept_once_with_also_at(tmp_path: Path):
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(ARTICLE, "utf-8")
    (tmp_path / "d.txt").write_text(ARTICLE + "different\n", "utf-8")
    docs = load(tmp_path)
    assert sorted(docs) == ["a", "d"]
    assert info(docs["a"]).also_at == [str(tmp_path / "b.txt"), str(tmp_path / "c.txt")]
    assert info(docs["d"]).also_at == []


def test_load_size_limit_and_missing_path(tmp_path: Path):
    (tmp_path / "big.txt").write_text("x" * 5000, "utf-8")
    (tmp_path / "small.txt").write_text(ARTICLE, "utf-8")
    docs = load(tmp_path, tmp_path / "nope.txt", max_bytes=1000)
    assert info(docs["big"]).reason == (
        "too big (5,000 bytes; the limit is 1,000 bytes, see --max-bytes)"
    )
    assert info(docs["small"]).status == "ok"
    assert info(docs["nope"]).reason == "no such file or folder (broken symlink?)"


def test_load_symlink_loops_reported(tmp_path: Path):
    (tmp_path / "a.txt").write_text(ARTICLE, "utf-8")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "up").symlink_to(tmp_path, target_is_directory=True)
    docs = load(tmp_path)
    assert info(docs["loop"]).reason == "symlink loop"
    assert info(docs["sub/up"]).reason == "symlink loop (links to a folder already read)"
    assert info(docs["a"]).status == "ok"


def test_load_absurd_year_flagged():
    doc = make_document("f", "f.txt", "Plans\n\nThe programme runs until the year 20019.\n")
    assert doc.info.reason == "impossible years: 'year 20019'"


def test_load_a_caption_run_into_the_standfirst_is_blanked_alone() -> None:
    from unionstate_timeline.reading.page import mask_furniture

    text = (
        "Flood in the valley\n\n"
        "Rescuers wade through a flooded street in Lisk, Varno, Monday, Oct. 4, 2021. "
        "The river burst its banks after three days of rain.\n"
    )
    masked = mask_furniture(text)
    assert "Rescuers wade" not in masked and "Oct. 4, 2021" not in masked
    assert "The river burst its banks after three days of rain." in masked
    assert len(masked) == len(text)
