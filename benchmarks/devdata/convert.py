#!/usr/bin/env python3
"""Convert MEANTIME (airbus + apple) and TBAQ-cleaned into development corpora in the gold format.

Source: a checkout of https://github.com/qiangning/StructTempRel-EMNLP17 (``--src``). Only these
folders are read:

* ``data/meantime_newsreader_english_oct15/intra-doc_annotation/corpus_{airbus,apple}``
* ``data/meantime_newsreader_english_oct15/intra_cross-doc_annotation/corpus_{airbus,apple}``
* ``data/TempEval3/Training/TBAQ-cleaned/{TimeBank,AQUAINT}``

``data/TempEval3/Evaluation/`` and MEANTIME ``corpus_gm`` / ``corpus_stock`` are test splits: this
script never opens, lists or reads them (the paths it reads are built from the names above).

Output (``--out``, default /work/devdata)::

    meantime/raw/<airbus|apple>_<wikinews id>.txt     text rebuilt from the tokens
    meantime/annotated/<doc_id>.json                   gold file (data/annotated/README.md, section 1)
    tbaq/timeml/<doc>.tml                              the TimeML files, copied unchanged
    tbaq/raw/<doc>.txt                                 TEXT element, tags removed, entities decoded
    tbaq/annotated/<doc>.json                          gold file

Gold events are event mentions that a TLINK ties to a DATE timex with a calendar value (YYYY,
YYYY-MM, YYYY-MM-DD, YYYY-Qn, YYYY-Hn, YYYY-Wnn, seasons, decades, A/B intervals of those) by a
relation that places the event at that time. After turning the link around so that the event is
the source (a timex-source INCLUDES becomes event IS_INCLUDED), the accepted relations are
SIMULTANEOUS, IS_INCLUDED, DURING and INCLUDES (``--relations`` changes the set). BEFORE, AFTER,
BEGINS, ENDS, etc. are never used. Negated mentions are skipped (MEANTIME, TimeBank; AQUAINT's
polarity attribute is unreliable and ignored). One gold event per (sentence, event instance);
quote = the sentence; note = the event word(s) plus the TLINK used, e.g. "flight [TLINK
IS_INCLUDED DCT]"; actors, places and claims stay empty. Only the standard library is needed; when the project's
package (unionstate_timeline) is importable, every file is also checked with its
``load_gold_file`` and ``span_problems``.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import shutil
import sys
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from pathlib import Path

MEANTIME = "data/meantime_newsreader_english_oct15"
MEANTIME_CORPORA = ("airbus", "apple")  # corpus_gm and corpus_stock are test splits: never read
TBAQ = "data/TempEval3/Training/TBAQ-cleaned"
TBAQ_PARTS = ("TimeBank", "AQUAINT")

DEFAULT_RELATIONS = ("SIMULTANEOUS", "IS_INCLUDED", "DURING", "INCLUDES")
INVERSE = {
    "BEFORE": "AFTER",
    "AFTER": "BEFORE",
    "IBEFORE": "IAFTER",
    "IAFTER": "IBEFORE",
    "INCLUDES": "IS_INCLUDED",
    "IS_INCLUDED": "INCLUDES",
    "BEGINS": "BEGUN_BY",
    "BEGUN_BY": "BEGINS",
    "ENDS": "ENDED_BY",
    "ENDED_BY": "ENDS",
    "DURING": "DURING_INV",
    "DURING_INV": "DURING",
    "SIMULTANEOUS": "SIMULTANEOUS",
    "IDENTITY": "IDENTITY",
}

# --- TIMEX3 values -------------------------------------------------------------------------

_POINT_PRECISION = [
    (re.compile(r"\d{4}-\d{2}-\d{2}"), "day"),
    (re.compile(r"\d{4}-W\d{2}"), "week"),
    (re.compile(r"\d{4}-\d{2}"), "month"),
    (re.compile(r"\d{4}-(SP|SU|FA|WI)"), "season"),
    (re.compile(r"\d{4}-Q[1-4]"), "quarter"),
    (re.compile(r"\d{4}-H[12]"), "half"),
    (re.compile(r"\d{4}"), "year"),
    (re.compile(r"\d{3}"), "decade"),
    (re.compile(r"\d{2}"), "century"),
]
PRECISION_RANK = {
    "century": 0,
    "decade": 1,
    "year": 2,
    "interval": 2,
    "half": 3,
    "quarter": 4,
    "season": 4,
    "month": 5,
    "week": 6,
    "day": 7,
}


def _point_precision(value: str) -> str | None:
    for rx, precision in _POINT_PRECISION:
        if rx.fullmatch(value):
            return precision
    return None


def calendar_precision(value: str) -> str | None:
    """Precision of a calendar TIMEX3 value, or None if it is not one (PRESENT_REF, XXXX-..)."""
    if "/" in value:
        a, _, b = value.partition("/")
        return "interval" if _point_precision(a) and _point_precision(b) else None
    return _point_precision(value)


def value_precision(value: str) -> str:
    return calendar_precision(value) or "unknown"


def dct_value(value: str) -> tuple[str, str]:
    """(value, precision) for `published`; a DCT with a clock time is cut to its day."""
    m = re.fullmatch(r"(\d{4}-\d{2}-\d{2})T.*", value)
    if m:
        return m.group(1), "day"
    return value, value_precision(value)


# --- event types and status --------------------------------------------------------------

TYPE_LEMMAS = {
    "statement": "say tell announce announcement state statement report confirm claim declare "
    "comment explain add note reply respond deny warn insist argue remark assert "
    "disclose acknowledge",
    "meeting": "meet meeting talk talks summit conference session",
    "agreement": "agree agreement accord",
    "treaty_signed": "sign signing",
    "approval": "approve approval ratify ratification adopt adoption",
    "decision": "decide decision",
    "visit": "visit",
    "launch": "launch unveil unveiling introduce introduction release debut",
    "loan": "loan lend",
    "message": "letter telegram congratulate congratulation message",
}
LEMMA_TYPE = {w: t for t, ws in TYPE_LEMMAS.items() for w in ws.split()}
IRREGULAR = {"said": "say", "says": "say", "told": "tell", "met": "meet", "lent": "lend"}


def _lemma_guess(word: str) -> str:
    """A crude lemma for TimeML surface forms (TimeML has no lemma attribute)."""
    w = word.lower()
    if w in IRREGULAR:
        return IRREGULAR[w]
    if w in LEMMA_TYPE:
        return w
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ing", "e"),
        ("ed", ""),
        ("ed", "e"),
        ("es", ""),
        ("s", ""),
        ("d", ""),
    ):
        if w.endswith(suffix) and (w[: -len(suffix)] + repl) in LEMMA_TYPE:
            return w[: -len(suffix)] + repl
    return w


def event_type(lemma: str, reporting: bool) -> str:
    """Taxonomy type from the lemma; say-verbs only when the corpus class is a reporting one."""
    first = lemma.lower().split()[0] if lemma.strip() else ""
    t = LEMMA_TYPE.get(lemma.lower()) or LEMMA_TYPE.get(first)
    if t == "statement" and not reporting:
        return "other"
    if t is None and reporting:
        return "statement"
    return t or "other"


EXPECTED_MODALS = {"may", "might", "could", "can", "possible"}
PLANNED_MODALS = {
    "will",
    "would",
    "shall",
    "'ll",
    "'d",
    "must",
    "should",
    "have to",
    "should have to",
    "going to",
}


# --- output ----------------------------------------------------------------------------------


def gold_event(value, typ, status, quote, start, end, date_text, group, note):
    return {
        "id": "",
        "type": typ,
        "value": value,
        "precision": value_precision(value),
        "status": status,
        "actors": [],
        "places": [],
        "quote": quote,
        "start": start,
        "end": end,
        "date_text": date_text,
        "group": group,
        "note": note,
    }


def write_doc(folder: Path, doc_id: str, text: str, gold: dict) -> None:
    (folder / "raw").mkdir(parents=True, exist_ok=True)
    (folder / "annotated").mkdir(parents=True, exist_ok=True)
    with open(folder / "raw" / f"{doc_id}.txt", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    with open(folder / "annotated" / f"{doc_id}.json", "w", encoding="utf-8", newline="\n") as fh:
        fh.write(json.dumps(gold, ensure_ascii=False, indent=2) + "\n")


def self_check(gold: dict, text: str) -> list[str]:
    """The offset checks of span_problems, without the project's package."""
    out = []
    for t in gold["timexes"]:
        if text[t["start"] : t["end"]] != t["text"]:
            out.append(f"timex {t['text']!r} at {t['start']}")
    for e in gold["events"]:
        if text[e["start"] : e["end"]] != e["quote"]:
            out.append(f"event {e['id']} quote at {e['start']}")
        if e["date_text"] not in e["quote"]:
            out.append(f"event {e['id']} date_text")
    return out


def pick(cands: list[dict]) -> dict:
    """Best dating link for one event: timex in the event's sentence, finer value, text order."""
    return sorted(
        cands,
        key=lambda c: (
            not c["same_sentence"],
            -PRECISION_RANK.get(c["precision"], 0),
            c["timex_start"],
            c["mention_start"],
        ),
    )[0]


def finish_events(cands_by_key: dict, stats: Counter) -> list[dict]:
    events = []
    for key, cands in cands_by_key.items():
        c = pick(cands)
        stats["rel:" + c["rel"]] += 1
        if c["event"]["note"].endswith(" DCT]"):
            stats["events_dated_by_dct_link"] += 1
        events.append((c["mention_start"], c["event"]))
    events.sort(key=lambda x: (x[1]["start"], x[0]))
    out = []
    for i, (_, ev) in enumerate(events, 1):
        ev["id"] = f"e{i}"
        out.append(ev)
    return out


# --- MEANTIME ------------------------------------------------------------------------------

NO_SPACE_BEFORE = {
    ",",
    ".",
    ";",
    ":",
    "!",
    "?",
    ")",
    "]",
    "}",
    "%",
    "''",
    "”",
    "’",
    "'",
    "n't",
    "...",
}
NO_SPACE_AFTER = {"(", "[", "{", "``", "“", "‘", "`", "$", "US$", "USD$", "£", "€", "#"}
TOKEN_FORM = {"``": '"', "''": '"', "`": "'"}
CLITIC = re.compile(r"'(s|re|ve|ll|d|m|S|RE|VE|LL|D|M)")


def _terminal(words: list[str]) -> bool:
    """Does a sentence end like one (. ! ? possibly inside a closing quote or bracket)?"""
    ws = [w for w in words if w not in ("''", '"', "”", "’", "'", ")", "]")] or words
    return ws[-1].endswith((".", "!", "?", "...", ":", ";"))


def rebuild_meantime(tokens: list[tuple[str, int, str]]) -> tuple[str, dict, dict]:
    """Text from (t_id, sentence, word) tokens in order; returns text, token spans, sentence spans.

    Sentence 0 (title) and sentence 1 (date line) end with a newline, and so does any body
    sentence that does not end in . ! ? : ; (a subheading or a caption); the other body sentences are joined by single spaces. Spacing: no space before , . ; : ! ? ) ] % ''
    ' n't 's (and other clitics), none after ( [ `` $ US$ # ; a plain " alternates between
    opening and closing within a block.
    """
    parts: list[str] = []
    pos = 0
    spans: dict[str, tuple[int, int]] = {}
    sent_span: dict[int, list[int]] = {}
    prev_sent = None
    no_space_next = True
    quote_open = False
    words_of: dict[int, list[str]] = defaultdict(list)
    for _, sent, word in tokens:
        words_of[sent].append(word)
    for t_id, sent, word in tokens:
        if prev_sent is not None and sent != prev_sent:
            sep = "\n" if prev_sent in (0, 1) or not _terminal(words_of[prev_sent]) else " "
            if sep == "\n":
                quote_open = False
            parts.append(sep)
            pos += 1
            no_space_next = True
        space = not no_space_next
        if word in NO_SPACE_BEFORE or CLITIC.fullmatch(word):
            space = False
        after_ok = word not in NO_SPACE_AFTER
        if word == '"':
            if quote_open:
                space = False
            else:
                after_ok = False
            quote_open = not quote_open
        if prev_sent == sent and space:
            parts.append(" ")
            pos += 1
        form = TOKEN_FORM.get(word, word)
        spans[t_id] = (pos, pos + len(form))
        parts.append(form)
        pos += len(form)
        s = sent_span.setdefault(sent, [spans[t_id][0], spans[t_id][1]])
        s[1] = spans[t_id][1]
        no_space_next = not after_ok
        prev_sent = sent
    parts.append("\n")
    return "".join(parts), spans, {k: (v[0], v[1]) for k, v in sent_span.items()}


def _anchors(el) -> list[str]:
    return [a.get("t_id") for a in el.findall("token_anchor")]


def parse_meantime(path: Path) -> dict:
    root = ET.parse(path).getroot()
    tokens = [
        (t.get("t_id"), int(t.get("sentence")), int(t.get("number")), t.text or "")
        for t in root.findall("token")
    ]
    tokens.sort(key=lambda t: t[2])
    mark = root.find("Markables")
    rel = root.find("Relations")
    d = {
        "doc_id": root.get("doc_id"),
        "tokens": [(a, b, w) for a, b, _, w in tokens],
        "mentions": {},
        "timexes": {},
        "instances": {},
        "refers": {},
        "tlinks": [],
        "glinks": {},
    }
    for el in mark:
        if el.tag == "EVENT_MENTION":
            d["mentions"][el.get("m_id")] = {"tokens": _anchors(el), **el.attrib}
        elif el.tag == "TIMEX3":
            d["timexes"][el.get("m_id")] = {"tokens": _anchors(el), **el.attrib}
        elif el.tag == "EVENT":
            d["instances"][el.get("m_id")] = dict(el.attrib)
    for el in rel:
        srcs = [s.get("m_id") for s in el.findall("source")]
        tgt = el.find("target")
        tgt = tgt.get("m_id") if tgt is not None else None
        if el.tag == "REFERS_TO":
            for s in srcs:
                d["refers"][s] = tgt
        elif el.tag == "TLINK":
            for s in srcs:
                d["tlinks"].append((s, tgt, el.get("reltype")))
        elif el.tag == "GLINK":
            for s in srcs:
                d["glinks"][s] = tgt
    return d


def convert_meantime(src: Path, out: Path, relations: set[str], stats: Counter) -> list[dict]:
    docs = []
    for corpus in MEANTIME_CORPORA:
        intra_dir = src / MEANTIME / "intra-doc_annotation" / f"corpus_{corpus}"
        cross_dir = src / MEANTIME / "intra_cross-doc_annotation" / f"corpus_{corpus}"
        for path in sorted(intra_dir.glob("*.xml")):
            d = parse_meantime(path)
            x = parse_meantime(cross_dir / path.name)
            assert x["tokens"] == d["tokens"], path.name
            doc_id = f"{corpus}_{d['doc_id']}"
            docs.append(_meantime_doc(doc_id, path.name, d, x, relations, stats))
    # groups: a cross-document instance that dates gold events in >= 2 documents
    docs_of = defaultdict(set)
    for doc in docs:
        for ev, inst in zip(doc["gold"]["events"], doc["instances"]):
            if inst:
                docs_of[inst].add(doc["doc_id"])
    for doc in docs:
        for ev, inst in zip(doc["gold"]["events"], doc["instances"]):
            ev["group"] = inst if inst and len(docs_of[inst]) >= 2 else None
        write_doc(out / "meantime", doc["doc_id"], doc["text"], doc["gold"])
    stats["meantime_groups"] = sum(1 for v in docs_of.values() if len(v) >= 2)
    return docs


def _meantime_doc(doc_id, name, d, x, relations, stats) -> dict:
    text, tspan, sspan = rebuild_meantime(d["tokens"])
    tsent = {t_id: s for t_id, s, _ in d["tokens"]}

    def span(tok_ids):
        return (min(tspan[t][0] for t in tok_ids), max(tspan[t][1] for t in tok_ids))

    # DCT
    dct_id = next(
        (m for m, t in d["timexes"].items() if t.get("functionInDocument") == "CREATION_TIME"), None
    )
    how = "TIMEX3 functionInDocument=CREATION_TIME"
    if dct_id is None:  # two documents: the date line under the title is a plain DATE timex
        dct_id = next(
            (
                m
                for m, t in d["timexes"].items()
                if t["tokens"] and t["type"] == "DATE" and {tsent[k] for k in t["tokens"]} == {1}
            ),
            None,
        )
        how = "no CREATION_TIME timex in MEANTIME; the DATE timex of the date line (sentence 1)"
    published, note = None, f"MEANTIME DCT: none found ({name})."
    if dct_id is not None:
        t = d["timexes"][dct_id]
        value, precision = dct_value(t["value"])
        published = {"value": value, "precision": precision}
        if t["tokens"]:
            a, b = span(t["tokens"])
            where = (
                "the date line under the title"
                if {tsent[k] for k in t["tokens"]} == {1}
                else f"sentence {tsent[t['tokens'][0]]}"
            )
            note = (
                f"MEANTIME DCT ({how}, m_id {dct_id}, value {t['value']}); the rebuilt text "
                f"contains it: {text[a:b]!r} ({where})."
            )
        else:
            note = (
                f"MEANTIME DCT ({how}, m_id {dct_id}, value {t['value']}); it is not a text "
                f"span of the rebuilt text."
            )
    # timexes (the DCT is a text span in MEANTIME, so it is kept)
    timexes, tx_span = [], {}
    for m, t in d["timexes"].items():
        if not t["tokens"] or t.get("type") not in ("DATE", "TIME", "DURATION", "SET"):
            stats["meantime_timex_skipped"] += 1
            continue
        a, b = span(t["tokens"])
        tx_span[m] = (a, b, tsent[t["tokens"][0]])
        timexes.append(
            {"start": a, "end": b, "text": text[a:b], "type": t["type"], "value": t["value"]}
        )
    timexes.sort(key=lambda t: (t["start"], t["end"]))

    # instances: intra-doc class, cross-doc instance ids
    def klass(m_id):
        inst = d["refers"].get(m_id)
        return d["instances"].get(inst, {}).get("class", "")

    def cross_instance(m_id):
        inst = x["refers"].get(m_id)
        return x["instances"].get(inst, {}).get("instance_id") or None

    cands = defaultdict(list)
    for s, t, reltype in d["tlinks"]:
        if s in d["mentions"] and t in d["timexes"]:
            ev_m, tx_m, r = s, t, reltype
        elif s in d["timexes"] and t in d["mentions"]:
            ev_m, tx_m, r = t, s, INVERSE.get(reltype, reltype)
        else:
            continue
        tx = d["timexes"][tx_m]
        if tx.get("type") != "DATE" or not calendar_precision(tx["value"]):
            continue
        if r not in relations:
            continue
        if klass(ev_m) == "GRAMMATICAL":  # light verb: date the content event it governs
            target = d["glinks"].get(ev_m)
            if target in d["mentions"] and d["mentions"][target]["tokens"]:
                stats["meantime_grammatical_moved"] += 1
                ev_m = target
            else:
                stats["meantime_grammatical_dropped"] += 1
                continue
        mention = d["mentions"][ev_m]
        if not mention["tokens"]:
            continue
        if mention.get("polarity") == "NEG":
            stats["meantime_negated_skipped"] += 1
            continue
        m_a, m_b = span(mention["tokens"])
        sent = tsent[mention["tokens"][0]]
        q_a, q_b = sspan[sent]
        tspan_tx = tx_span.get(tx_m)
        same = bool(tspan_tx and tspan_tx[2] == sent)
        date_text = text[tspan_tx[0] : tspan_tx[1]] if same else ""
        if mention.get("certainty") in ("POSSIBLE", "PROBABLE") or mention.get(
            "special_cases", ""
        ).startswith("COND"):
            status = "expected"
        elif mention.get("time") == "FUTURE" or mention.get("tense") == "FUTURE":
            status = "planned"
        else:
            status = "occurred"
        lemma = mention.get("pred") or text[m_a:m_b]
        typ = event_type(lemma, klass(ev_m) == "SPEECH_COGNITIVE")
        inst = cross_instance(ev_m)
        key = (sent, inst or d["refers"].get(ev_m) or ev_m)
        link = f"{r} DCT" if tx_m == dct_id else f"{r} timex {tx_m}"
        ev = gold_event(
            tx["value"],
            typ,
            status,
            text[q_a:q_b],
            q_a,
            q_b,
            date_text,
            None,
            f"{text[m_a:m_b]} [TLINK {link}]",
        )
        cands[key].append(
            {
                "event": ev,
                "rel": r,
                "same_sentence": same,
                "precision": value_precision(tx["value"]),
                "timex_start": tspan_tx[0] if tspan_tx else -1,
                "mention_start": m_a,
                "instance": inst,
            }
        )
    events = finish_events(cands, stats)
    inst_of = {id(c["event"]): c["instance"] for cs in cands.values() for c in cs}
    gold = {
        "doc_id": doc_id,
        "published": published,
        "published_note": note,
        "timexes": timexes,
        "events": events,
        "claims": [],
    }
    return {
        "doc_id": doc_id,
        "text": text,
        "gold": gold,
        "instances": [inst_of[id(e)] for e in events],
    }


# --- TBAQ (TimeML) ------------------------------------------------------------------------------

TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*?)(/?)>")
ATTR = re.compile(r'([A-Za-z_:]+)="([^"]*)"')
ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|[A-Za-z]+);")
ABBREV = set(
    "mr mrs ms dr jr sr st co corp inc ltd bros gov sen rep gen col lt sgt capt maj "
    "adm cmdr prof rev mt ft jan feb mar apr jun jul aug sep sept oct nov dec no vs "
    "etc u.s u.n u.k e.g i.e a.m p.m d.c calif conn fla ill mass mich minn n.j n.y "
    "pa tenn tex va wash ariz colo ga ky la md mo nev okla ore wis".split()
)


def strip_tags(inner: str) -> tuple[str, list[dict]]:
    """Text of a TimeML fragment with tags removed and entities decoded; elements with offsets."""
    out: list[str] = []
    pos = 0
    stack: list[dict] = []
    elements: list[dict] = []
    i = 0
    for m in TAG.finditer(inner):
        chunk = inner[i : m.start()]
        for piece in re.split(r"(&[#A-Za-z0-9]+;)", chunk):
            if not piece:
                continue
            dec = html.unescape(piece) if ENTITY.fullmatch(piece) else piece
            out.append(dec)
            pos += len(dec)
        i = m.end()
        closing, tag, attrs, selfclose = m.groups()
        if closing:
            el = stack.pop()
            assert el["tag"] == tag, (el["tag"], tag)
            el["end"] = pos
            elements.append(el)
        else:
            el = {"tag": tag, "attrs": dict(ATTR.findall(attrs)), "start": pos, "end": pos}
            if selfclose:
                elements.append(el)
            else:
                stack.append(el)
    tail = inner[i:]
    for piece in re.split(r"(&[#A-Za-z0-9]+;)", tail):
        if piece:
            dec = html.unescape(piece) if ENTITY.fullmatch(piece) else piece
            out.append(dec)
            pos += len(dec)
    assert not stack
    return "".join(out), elements


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Deterministic sentence spans: every line break ends one, and so does . ? ! (plus closing
    quotes/brackets) before whitespace and an upper-case letter, digit or opening quote, unless
    the word before the period is a known abbreviation or a single initial."""
    spans = []
    for line in re.finditer(r"[^\n]+", text):
        ls, le = line.start(), line.end()
        s = ls
        for m in re.finditer(
            r"[.?!]+(?:''|'|\"|\)|”|’)*(?=\s+(?:``|\"|'|“|\(|[A-Z0-9]))", text[ls:le]
        ):
            end = ls + m.end()
            if text[ls + m.start()] == ".":
                w = re.search(r"([A-Za-z.]+)\.?$", text[s : ls + m.start() + 1])
                word = (w.group(1) if w else "").rstrip(".").lower()
                if word in ABBREV or re.fullmatch(r"[a-z]", word):
                    continue
            spans.append((s, end))
            s = end
        spans.append((s, le))
    out = []
    for a, b in spans:
        seg = text[a:b]
        a2 = a + len(seg) - len(seg.lstrip())
        b2 = b - (len(seg) - len(seg.rstrip()))
        if b2 > a2:
            out.append((a2, b2))
    return out


def convert_tbaq(src: Path, out: Path, relations: set[str], stats: Counter) -> list[dict]:
    docs = []
    (out / "tbaq" / "timeml").mkdir(parents=True, exist_ok=True)
    seen = set()
    for part in TBAQ_PARTS:
        for path in sorted((src / TBAQ / part).glob("*.tml")):
            doc_id = path.stem
            assert doc_id not in seen, doc_id
            seen.add(doc_id)
            shutil.copyfile(path, out / "tbaq" / "timeml" / path.name)
            # AQUAINT's MAKEINSTANCE polarity is unreliable in TBAQ-cleaned (whole files mark
            # nearly every instance NEG, e.g. "says", "ruled"), so it is ignored there.
            docs.append(_tbaq_doc(doc_id, path, relations, stats, part == "AQUAINT"))
            write_doc(out / "tbaq", doc_id, docs[-1]["text"], docs[-1]["gold"])
    # the DCT of a TimeML file is metadata outside its TEXT: give it to the build as a
    # manifest would, so the events are scored with the document date the corpus fixes
    with open(out / "tbaq" / "raw" / "manifest.csv", "w", encoding="utf-8", newline="") as fh:
        fh.write("file,published\n")
        for d in docs:
            if d["gold"]["published"]:
                fh.write(f"{d['doc_id']}.txt,{d['gold']['published']['value']}\n")
    return docs


def _tbaq_doc(
    doc_id: str, path: Path, relations: set[str], stats: Counter, ignore_polarity: bool = False
) -> dict:
    raw = path.read_text(encoding="utf-8")
    a = raw.index("<TEXT>") + len("<TEXT>")
    b = raw.index("</TEXT>")
    inner_text, elements = strip_tags(raw[a:b])
    lead = len(inner_text) - len(inner_text.lstrip())
    text = inner_text.strip() + "\n"
    for el in elements:
        el["start"] = max(0, el["start"] - lead)
        el["end"] = max(el["start"], el["end"] - lead)
    # the DCT and every TIMEX3 outside TEXT
    all_timex = {}
    for m in re.finditer(r"<TIMEX3\b([^>]*)>", raw[:a] + raw[b:]):
        at = dict(ATTR.findall(m.group(1)))
        all_timex[at["tid"]] = {"attrs": at, "span": None}
    dct = next(
        (
            t["attrs"]
            for t in all_timex.values()
            if t["attrs"].get("functionInDocument") == "CREATION_TIME"
        ),
        None,
    )
    timexes = []
    for el in elements:
        if el["tag"] == "TIMEX3":
            at = el["attrs"]
            all_timex[at["tid"]] = {"attrs": at, "span": (el["start"], el["end"])}
            timexes.append(
                {
                    "start": el["start"],
                    "end": el["end"],
                    "text": text[el["start"] : el["end"]],
                    "type": at["type"],
                    "value": at["value"],
                }
            )
    timexes.sort(key=lambda t: (t["start"], t["end"]))
    published, note = None, "TimeML: no CREATION_TIME TIMEX3."
    if dct:
        value, precision = dct_value(dct["value"])
        published = {"value": value, "precision": precision}
        same = [t["text"] for t in timexes if t["value"] == value]
        cut = f" (annotated value {dct['value']}, cut to the day)" if value != dct["value"] else ""
        note = (
            f"TimeML DCT (TIMEX3 {dct['tid']} functionInDocument=CREATION_TIME, in the DCT "
            f"element outside TEXT){cut}. "
            + (
                f"The text contains timexes with this value: {same!r}."
                if same
                else "The text contains no timex with this value."
            )
        )
    sentences = split_sentences(text)

    def sentence_of(pos: int) -> int:
        for i, (sa, sb) in enumerate(sentences):
            if sa <= pos < sb:
                return i
        return -1

    events = {el["attrs"]["eid"]: el for el in elements if el["tag"] == "EVENT"}
    instances = {}
    for m in re.finditer(r"<MAKEINSTANCE\b([^>]*)/?>", raw):
        at = dict(ATTR.findall(m.group(1)))
        instances[at["eiid"]] = at
    cands = defaultdict(list)
    for m in re.finditer(r"<TLINK\b([^>]*)/?>", raw):
        at = dict(ATTR.findall(m.group(1)))
        r = at.get("relType", "")
        if "eventInstanceID" in at and "relatedToTime" in at:
            ei, tid = at["eventInstanceID"], at["relatedToTime"]
        elif "timeID" in at and "relatedToEventInstance" in at:
            ei, tid, r = at["relatedToEventInstance"], at["timeID"], INVERSE.get(r, r)
        else:
            continue
        tx = all_timex.get(tid)
        if r not in relations or tx is None or tx["attrs"].get("type") != "DATE":
            continue
        value = tx["attrs"].get("value", "")
        if not calendar_precision(value):
            continue
        inst = instances.get(ei)
        if inst is None or inst.get("eventID") not in events:
            continue
        if inst.get("polarity") == "NEG" and not ignore_polarity:
            stats["tbaq_negated_skipped"] += 1
            continue
        el = events[inst["eventID"]]
        sent = sentence_of(el["start"])
        if sent < 0:
            continue
        q_a, q_b = sentences[sent]
        span = tx["span"]
        same = bool(span and sentence_of(span[0]) == sent)
        date_text = text[span[0] : span[1]] if same else ""
        modality = inst.get("modality", "").lower()
        if modality in EXPECTED_MODALS:
            status = "expected"
        elif inst.get("tense") == "FUTURE" or modality in PLANNED_MODALS:
            status = "planned"
        else:
            status = "occurred"
        word = text[el["start"] : el["end"]]
        klass = el["attrs"].get("class", "")
        typ = event_type(_lemma_guess(word), klass == "REPORTING")
        link = f"{r} DCT" if tid == (dct or {}).get("tid") else f"{r} {tid}"
        ev = gold_event(
            value, typ, status, text[q_a:q_b], q_a, q_b, date_text, None, f"{word} [TLINK {link}]"
        )
        cands[(sent, inst["eventID"])].append(
            {
                "event": ev,
                "rel": r,
                "same_sentence": same,
                "precision": value_precision(value),
                "timex_start": span[0] if span else -1,
                "mention_start": el["start"],
            }
        )
    gold = {
        "doc_id": doc_id,
        "published": published,
        "published_note": note,
        "timexes": timexes,
        "events": finish_events(cands, stats),
        "claims": [],
    }
    return {"doc_id": doc_id, "text": text, "gold": gold}


# --- checks and summary ---------------------------------------------------------------------


def project_checker():
    for mod in ("unionstate_timeline.evaluation.gold", "unionstate_timeline.gold"):
        try:
            m = __import__(mod, fromlist=["load_gold_file", "span_problems"])
            return m.load_gold_file, m.span_problems
        except ImportError:
            continue
    return None


def check(out: Path, name: str, docs: list[dict]) -> int:
    bad = 0
    checker = project_checker()
    for doc in docs:
        probs = self_check(doc["gold"], doc["text"])
        if checker:
            load_gold_file, span_problems = checker
            g = load_gold_file(out / name / "annotated" / f"{doc['doc_id']}.json")
            text = (out / name / "raw" / f"{doc['doc_id']}.txt").read_text(encoding="utf-8")
            probs += span_problems(g, text)
        if probs:
            bad += 1
            print(f"  {name}/{doc['doc_id']}: {probs[:3]}", file=sys.stderr)
    if checker:
        print(
            f"checked {name}: built-in offsets + {checker[0].__module__}.load_gold_file "
            f"and span_problems"
        )
    else:
        print(f"checked {name}: built-in offsets only (unionstate_timeline not importable)")
    return bad


def summary(name: str, docs: list[dict], groups: int | None) -> None:
    n_t = sum(len(d["gold"]["timexes"]) for d in docs)
    evs = [e for d in docs for e in d["gold"]["events"]]
    dated = sum(1 for d in docs if d["gold"]["published"])
    line = f"{name}: {len(docs)} documents ({dated} with a DCT), {n_t} timexes, {len(evs)} events"
    if groups is not None:
        grouped = sum(1 for e in evs if e["group"])
        line += f", {groups} cross-doc groups with >=2 documents ({grouped} events in them)"
    print(line)
    print("  types:", dict(Counter(e["type"] for e in evs).most_common()))
    print("  status:", dict(Counter(e["status"] for e in evs).most_common()))
    print("  precision:", dict(Counter(e["precision"] for e in evs).most_common()))
    print("  events with date_text in the sentence:", sum(1 for e in evs if e["date_text"]))


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument(
        "--src",
        required=True,
        type=Path,
        help="root of the extracted StructTempRel-EMNLP17 repository",
    )
    ap.add_argument("--out", default=Path("/work/devdata"), type=Path, help="output folder")
    ap.add_argument(
        "--relations",
        default=",".join(DEFAULT_RELATIONS),
        help="event->timex TLINK relations that date an event (after inversion)",
    )
    args = ap.parse_args(argv)
    relations = {r.strip().upper() for r in args.relations.split(",") if r.strip()}
    stats: Counter = Counter()
    for sub in ("meantime/raw", "meantime/annotated", "tbaq/raw", "tbaq/annotated", "tbaq/timeml"):
        folder = args.out / sub
        if folder.is_dir():
            for f in folder.iterdir():
                if f.suffix in (".txt", ".json", ".tml"):
                    f.unlink()
    mt_stats, tb_stats = Counter(), Counter()
    mt = convert_meantime(args.src, args.out, relations, mt_stats)
    tb = convert_tbaq(args.src, args.out, relations, tb_stats)
    bad = check(args.out, "meantime", mt) + check(args.out, "tbaq", tb)
    print(f"relations used: {sorted(relations)}")
    summary("MEANTIME (airbus+apple)", mt, mt_stats["meantime_groups"])
    print(
        "  relation of the chosen link:",
        {k[4:]: v for k, v in sorted(mt_stats.items()) if k.startswith("rel:")},
    )
    print(
        "  other:",
        {
            k: v
            for k, v in sorted(mt_stats.items())
            if not k.startswith("rel:") and k != "meantime_groups"
        },
    )
    summary("TBAQ-cleaned (TimeBank+AQUAINT)", tb, None)
    print(
        "  relation of the chosen link:",
        {k[4:]: v for k, v in sorted(tb_stats.items()) if k.startswith("rel:")},
    )
    print("  other:", {k: v for k, v in sorted(tb_stats.items()) if not k.startswith("rel:")})
    print(f"files with problems: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
