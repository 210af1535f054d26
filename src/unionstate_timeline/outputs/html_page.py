"""The self-contained HTML timeline page: marks placed by html_layout, interaction inline JS.

The page reads the same with scripts off; the inline script shows quotes on hover/click,
filters entries by text and by type, and on a narrow screen opens the chart at its latest end.
"""

from __future__ import annotations

import json
from datetime import date
from html import escape
from importlib import resources

from ..models import Claim, Event, Timeline
from .export import GENERATOR
from .html_layout import GAP_PX, LANE_PX, Axis, Placed, is_point, layout
from .present import (
    date_label,
    doc_ids,
    number,
    series_of,
    source_count,
    type_label,
    year_of,
)

# --- HTML pieces -------------------------------------------------------------------------------


def _classes(e: Event) -> str:
    shape = "p-point" if is_point(e) else "p-span"
    prec = e.when.precision if e.when is not None else "unknown"
    return f"event-mark {shape} prec-{prec} st-{e.status} t-{e.type}"


def _tooltip(e: Event) -> str:
    return f"{date_label(e.when)} · {type_label(e.type)} · {e.title} ({e.status})"


def _mark(p: Placed, width: float) -> str:
    e = p.event
    where = f"right:{width - p.x1:.1f}px" if p.label_left else f"left:{p.x0:.1f}px"
    cls = _classes(e) + (" label-left" if p.label_left else "")
    return (
        f'<button type="button" class="{cls}" data-event-id="{escape(e.event_id)}" '
        f'style="{where};top:{p.lane * LANE_PX + 8}px" title="{escape(_tooltip(e))}">'
        f'<span class="shape" style="width:{p.x1 - p.x0:.1f}px"></span>'
        f'<span class="label">{escape(e.title)}</span></button>'
    )


def _ticks(axis: Axis) -> list[str]:
    out = []
    for y, (x0, width) in axis.years.items():
        label = f"<span>{y}</span>" if width >= 40 else ""
        out.append(f'<div class="tick year" style="left:{x0:.1f}px">{label}</div>')
        # Month ticks only where they are far enough apart to read; quarters otherwise.
        months = range(2, 13) if width >= 240 else (4, 7, 10) if width >= 100 else ()
        for m in months:
            cls = "tick month q" if m in (4, 7, 10) else "tick month"
            out.append(f'<div class="{cls}" style="left:{axis.x(date(y, m, 1)):.1f}px"></div>')
    for first, last, x0 in axis.gaps:
        span = f"{first}" if first == last else f"{first}–{last}"
        out.append(
            f'<div class="gap" style="left:{x0:.1f}px;width:{GAP_PX}px" '
            f'title="no events {span}"><span>⋯</span></div>'
        )
    return out


def _axis_section(axis: Axis | None, placed: list[Placed], undated: list[Event]) -> str:
    parts = []
    if axis is not None:
        height = (max(p.lane for p in placed) + 1) * LANE_PX + 16
        marks = "".join(_mark(p, axis.width) for p in placed)
        parts.append(
            f'<div class="scroller"><div class="track" style="width:{axis.width:.1f}px">'
            f'<div class="axis">{"".join(_ticks(axis))}</div>'
            f'<div class="lanes" style="height:{height}px">{marks}'
            f"</div></div></div>"
        )
    if undated:
        chips = "".join(
            f'<button type="button" class="{_classes(e)} chip" data-event-id="{escape(e.event_id)}"'
            f' title="{escape(_tooltip(e))}"><span class="shape"></span><span class="label">'
            f"{escape(_chip_text(e))}</span></button>"
            for e in undated
        )
        parts.append(
            f'<div class="undated"><h3>Not on the calendar (year unknown or undated)'
            f"</h3>{chips}</div>"
        )
    return "".join(parts)


def _chip_text(e: Event) -> str:
    return e.title if e.when is None else f"{date_label(e.when)} · {e.title}"


def _legend(events: list[Event]) -> str:
    """The colours of the types present, each a checkbox that shows or hides that type (its
    box is only shown when the script runs), then what the shapes mean."""
    types = sorted({e.type for e in events})
    items = [
        f'<label class="lg t-{t}"><input type="checkbox" class="type-toggle" checked '
        f'value="{escape(t)}" aria-label="show {escape(type_label(t))}"><i></i>'
        f"{escape(type_label(t))}</label>"
        for t in types
    ]
    shapes = (
        '<span class="lg"><b class="lg-point"></b>a day</span>'
        '<span class="lg"><b class="lg-span"></b>a month, season, year or interval</span>'
        '<span class="lg"><b class="lg-span lg-planned"></b>planned or expected</span>'
        '<span class="lg"><b class="lg-span lg-cancelled"></b>cancelled</span>'
    )
    return f'<div class="legend">{"".join(items)}<span class="sep"></span>{shapes}</div>'


def _source_names(timeline: Timeline) -> dict[str, str]:
    return {
        d.doc_id: (f"{d.outlet} — {d.title or d.doc_id}" if d.outlet else d.title or d.doc_id)
        for d in timeline.documents
    }


def _source_link(name: str, url: str | None) -> str:
    """The source's name, as a link when the document has an http(s) URL."""
    from .export import safe_url

    link = safe_url(url)
    if link is None:
        return escape(name)
    return f'<a href="{escape(link)}" rel="noopener noreferrer">{escape(name)}</a>'


def _event_item(e: Event, sources: dict[str, str], urls: dict[str, str | None]) -> str:
    quotes = "".join(
        f"<blockquote>{escape(' '.join(c.quote.split()))}"
        f"<cite>{_source_link(sources.get(c.doc_id, c.doc_id), urls.get(c.doc_id))}"
        f" <code>{escape(c.doc_id)}:{c.start}–{c.end}</code></cite></blockquote>"
        for c in e.citations
    )
    conflicts = "".join(
        f'<p class="conflict">⚠ sources disagree on {escape(c.field)}: '
        f"{escape(' vs '.join(c.values))}</p>"
        for c in e.conflicts
    )
    who = ", ".join([*e.actors, *e.places])
    n = source_count(e)
    status = "" if e.status == "occurred" else f' <span class="status">{escape(e.status)}</span>'
    return (
        f'<li class="event-item st-{e.status} t-{e.type}" id="item-{escape(e.event_id)}" '
        f'data-event-id="{escape(e.event_id)}">'
        f'<span class="date">{escape(date_label(e.when))}</span> '
        f'<span class="badge t-{e.type}">{escape(type_label(e.type))}</span> '
        f"<strong>{escape(e.title)}</strong>{status}"
        f'<div class="meta">{escape(who)}{" · " if who else ""}{n} source{"s" * (n != 1)}</div>'
        f"{conflicts}<details><summary>quotes</summary>{quotes}</details></li>"
    )


def _event_list(events: list[Event], sources: dict[str, str], urls: dict[str, str | None]) -> str:
    groups: dict[str, list[Event]] = {}
    for e in events:
        groups.setdefault(year_of(e.when) or "Undated", []).append(e)
    out = []
    for year in sorted(groups, key=lambda y: (y == "Undated", y)):
        items = "".join(_event_item(e, sources, urls) for e in groups[year])
        out.append(f"<h3>{escape(year)}</h3><ul class='events'>{items}</ul>")
    return "".join(out)


def _claim_row(c: Claim) -> str:
    quotes = " | ".join(" ".join(x.quote.split()) for x in c.citations)
    cells = [
        f"<td>{escape(date_label(c.as_of))}</td>",
        f"<td class='num'>{escape(number(c.value, grouped=True))}</td>",
        f"<td>{escape(c.unit)}</td>",
        f"<td>{escape(c.qualifier or '')}</td>",
        f"<td>{escape(c.attributed_to or '')}</td>",
        f'<td title="{escape(quotes)}">{escape(", ".join(doc_ids(c.citations)))}</td>',
    ]
    return f"<tr>{''.join(cells)}</tr>"


def _claims(timeline: Timeline) -> str:
    out = []
    for series, claims in series_of(timeline.claims).items():
        rows = "".join(_claim_row(c) for c in claims)
        out.append(
            f"<h3>{escape(claims[0].subject)} <small>{escape(series)}</small></h3>"
            "<table class='claims'><thead><tr><th>as of</th><th>value</th><th>unit</th>"
            f"<th>qualifier</th><th>according to</th><th>sources</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
        )
    return "".join(out)


def _documents(timeline: Timeline) -> str:
    rows = "".join(
        f"<tr><td><code>{escape(d.doc_id)}</code></td><td>{escape(d.outlet or '')}</td>"
        f"<td>{escape(d.title or '')}</td><td>{escape(date_label(d.published))}</td></tr>"
        for d in timeline.documents
    )
    return (
        "<table class='docs'><thead><tr><th>document</th><th>outlet</th><th>title</th>"
        f"<th>published</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def _details_data(timeline: Timeline, sources: dict[str, str]) -> str:
    """Per-event details for the popover, as JSON that is safe inside a <script> element."""
    from .export import safe_url

    urls = {d.doc_id: safe_url(d.url) for d in timeline.documents}
    data = {
        e.event_id: {
            "title": e.title,
            "date": date_label(e.when),
            "type": type_label(e.type),
            "t": e.type,
            "status": e.status,
            "who": ", ".join([*e.actors, *e.places]),
            "conflicts": [f"{c.field}: {' vs '.join(c.values)}" for c in e.conflicts],
            "quotes": [
                {
                    "q": " ".join(c.quote.split()),
                    "src": sources.get(c.doc_id, c.doc_id),
                    "doc": c.doc_id,
                    **({"url": u} if (u := urls.get(c.doc_id)) else {}),
                }
                for c in e.citations
            ],
        }  # fmt: skip
        for e in timeline.events
    }
    text = json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("templates", name).read_text("utf-8")


def _filters(n_events: int) -> str:
    """The search box and the count of entries shown (hidden until the script runs)."""
    return (
        '<div id="filters" class="filters" hidden><input type="search" id="search" '
        'placeholder="Filter by title, quote or source" aria-label="filter entries by text" '
        f'autocomplete="off"><span id="shown">{n_events} of {n_events} events</span></div>'
    )


def render_page(timeline: Timeline, title: str | None = None) -> str:
    """The whole page as one string; `title` names it (<title> and heading), escaped."""
    sources = _source_names(timeline)
    urls = {d.doc_id: d.url for d in timeline.documents}
    axis, placed, undated = layout(timeline.events)
    n_ev, n_cl, n_doc = len(timeline.events), len(timeline.claims), len(timeline.documents)
    name = escape(" ".join((title or "").split()) or "Timeline")
    body = (
        f"<header><h1>{name}</h1><p>{n_ev} events and {n_cl} claims from {n_doc} documents. "
        "Hover or click a mark for its quotes and sources.</p></header>"
        f"{_filters(n_ev)}{_legend(timeline.events)}"
        f"<section id='chart'>{_axis_section(axis, placed, undated)}</section>"
        "<aside id='popover' hidden></aside>"
        f"<section><h2>Events</h2>{_event_list(timeline.events, sources, urls)}</section>"
        + (f"<section><h2>Claims</h2>{_claims(timeline)}</section>" if timeline.claims else "")
        + f"<section><h2>Sources</h2>{_documents(timeline)}</section>"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="generator" content="{GENERATOR}">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">"
        f'<link rel="icon" href="data:,"><title>{name}</title>'
        f"<style>{_asset('timeline.css')}</style></head><body>{body}"
        f'<script type="application/json" id="event-data">{_details_data(timeline, sources)}'
        f"</script><script>{_asset('timeline.js')}</script></body></html>\n"
    )
