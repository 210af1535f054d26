"""The HTML timeline as a person sees it: rendered by headless Chromium through selenium.

CI installs Chromium with `make browser-deps` (a prerequisite of `make test`); on a developer
machine without /usr/bin/chromium these tests are skipped with that reason, but never in CI
(CI=true), where a missing browser is a failure.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from sample_timelines import cite, event, small_timeline, sort_events, when
from unionstate_timeline.models import Timeline
from unionstate_timeline.outputs.export import to_html

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not (CHROMIUM.exists() and CHROMEDRIVER.exists()) and not os.environ.get("CI"),
        reason="needs /usr/bin/chromium and /usr/bin/chromedriver "
        "(Debian: apt-get install chromium chromium-driver, or `make browser-deps`)",
    ),
]
FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1400,1000",
]  # fmt: skip


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    webdriver = pytest.importorskip("selenium.webdriver")
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="timeline-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in [*FLAGS, f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # an explicit driver path: selenium-manager would otherwise try to download one
    drv = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
    try:
        yield drv
    finally:
        drv.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _open(driver: Any, tmp_path: Path, timeline: Timeline) -> list[dict[str, Any]]:
    page = tmp_path / "timeline.html"
    page.write_text(to_html(timeline), encoding="utf-8")
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(page.as_uri())
    return driver.get_log("browser")


def _many_events() -> Timeline:
    """A busier timeline: 60 events over three years, to exercise lane packing."""
    base = small_timeline()
    extra = []
    for i in range(60):
        year, month, day = 2015 + i % 3, 1 + i % 12, 1 + i % 28
        iso = f"{year}-{month:02d}-{day:02d}"
        extra.append(
            event(
                f"ev-x{i:02d}",
                "meeting",
                f"Extra meeting number {i}",
                when(iso, "day", iso, iso),
                [cite("d1", 2000 + i, f"Meeting {i}.")],
                status="planned" if i % 5 == 0 else "occurred",
            )
        )
    return base.model_copy(update={"events": sort_events([*base.events, *extra])})


@pytest.mark.parametrize("make", [small_timeline, _many_events], ids=["small", "busy"])
def test_html_browser_one_mark_per_event_no_errors(driver: Any, tmp_path: Path, make: Any) -> None:
    from selenium.webdriver.common.by import By

    timeline = make()
    logs = _open(driver, tmp_path, timeline)
    errors = [entry for entry in logs if entry.get("level") in ("SEVERE", "WARNING")]
    assert not errors, errors
    marks = driver.find_elements(By.CSS_SELECTOR, ".event-mark")
    assert len(marks) == len(timeline.events)
    ids = sorted(m.get_attribute("data-event-id") for m in marks)
    assert ids == sorted(e.event_id for e in timeline.events)
    assert all(m.is_displayed() for m in marks)


def test_html_browser_marks_do_not_overlap(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(driver, tmp_path, _many_events())
    boxes = driver.execute_script(
        "return Array.from(document.querySelectorAll('.lanes .event-mark')).map(function (m) {"
        "  var r = m.getBoundingClientRect(); return [r.left, r.top, r.right, r.bottom]; });"
    )
    assert boxes and driver.find_elements(By.CSS_SELECTOR, ".lanes")
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            overlap = a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
            assert not overlap, (a, b)


def test_html_browser_click_shows_quotes(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    timeline = small_timeline()
    _open(driver, tmp_path, timeline)
    popover = driver.find_element(By.ID, "popover")
    assert not popover.is_displayed()
    driver.find_element(By.CSS_SELECTOR, '.event-mark[data-event-id="ev-treaty"]').click()
    assert popover.is_displayed()
    assert "The presidents signed the Treaty on December 8, 1999." in popover.text
    assert "TASS" in popover.text
    # the quote with markup is shown as text, not run
    driver.find_element(By.CSS_SELECTOR, '.event-mark[data-event-id="ev-cancel"]').click()
    assert "</script><script>alert(1)</script>" in popover.text
    assert not driver.get_log("browser")


def _linked_timeline() -> Timeline:
    """The small timeline with a URL on d1 and a long unbroken source name and quote."""
    from unionstate_timeline.models import DocumentInfo

    base = small_timeline()
    long_id = "an-archive-file-name-without-any-break-" + "x" * 90
    docs = [
        d.model_copy(update={"url": "https://example.org/tass/1"}) if d.doc_id == "d1" else d
        for d in base.documents
    ] + [DocumentInfo(doc_id=long_id, path="p", url="https://example.org/" + "a" * 150)]
    wide = event(
        "ev-wide",
        "meeting",
        "A headline with a very long word " + "y" * 80,
        when("2019-12-09", "day", "2019-12-09", "2019-12-09"),
        [cite(long_id, 0, "q" * 200)],
    )
    return base.model_copy(update={"documents": docs, "events": sort_events([*base.events, wide])})


def test_html_browser_citations_are_links(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    _open(driver, tmp_path, _linked_timeline())
    driver.find_element(By.CSS_SELECTOR, '.event-mark[data-event-id="ev-treaty"]').click()
    links = driver.find_elements(By.CSS_SELECTOR, "#popover cite a")
    assert [a.get_attribute("href") for a in links] == ["https://example.org/tass/1"]
    assert links[0].text == "TASS — Putin congratulates Lukashenko"
    listed = driver.find_elements(By.CSS_SELECTOR, "#item-ev-treaty cite a")
    assert [a.get_attribute("href") for a in listed] == ["https://example.org/tass/1"]


def test_html_browser_popover_fits_a_400px_screen(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    metrics = {"width": 400, "height": 800, "deviceScaleFactor": 1, "mobile": True}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        _open(driver, tmp_path, _linked_timeline())
        for mark in driver.find_elements(By.CSS_SELECTOR, ".event-mark"):
            driver.execute_script(
                "arguments[0].scrollIntoView({block: 'center', inline: 'center'});"
                "arguments[0].click();",
                mark,
            )
            right, overflow, page = driver.execute_script(
                "var p = document.getElementById('popover');"
                "return [p.getBoundingClientRect().right, p.scrollWidth - p.clientWidth,"
                "        document.documentElement.scrollWidth];"
            )
            # the popover inside the screen, its text inside the popover, the page not wider
            name = mark.get_attribute("data-event-id")
            assert right <= 400 and overflow <= 0 and page <= 400, (name, right, overflow, page)
            driver.execute_script("document.body.click();")
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def _visible_ids(driver: Any, selector: str) -> list[str]:
    """The data-event-id of each element matching `selector` that is shown on the page."""
    return sorted(
        driver.execute_script(
            "return Array.from(document.querySelectorAll(arguments[0]))"
            "  .filter(function (n) { return n.getClientRects().length > 0; })"
            "  .map(function (n) { return n.getAttribute('data-event-id'); });",
            selector,
        )
    )


def test_html_browser_every_source_link_is_an_anchor_to_its_url(
    driver: Any, tmp_path: Path
) -> None:
    """Each citation of a document with a URL is an <a href> to that URL, in the list and in
    the popover; a document without one is plain text."""
    from selenium.webdriver.common.by import By

    timeline = _linked_timeline()
    _open(driver, tmp_path, timeline)
    urls = {d.doc_id: d.url for d in timeline.documents}
    for e in timeline.events:
        want = sorted(u for c in e.citations if (u := urls.get(c.doc_id)))
        listed = driver.find_elements(By.CSS_SELECTOR, f'[id="item-{e.event_id}"] cite a')
        assert sorted(a.get_attribute("href") for a in listed) == want, e.event_id
        assert all(a.tag_name == "a" for a in listed)
    mark = driver.find_element(By.CSS_SELECTOR, '.event-mark[data-event-id="ev-wide"]')
    driver.execute_script("arguments[0].scrollIntoView(); arguments[0].click();", mark)
    links = driver.find_elements(By.CSS_SELECTOR, "#popover cite a")
    wide = next(e for e in timeline.events if e.event_id == "ev-wide")
    assert [a.get_attribute("href") for a in links] == [urls[wide.citations[0].doc_id]]


def test_html_browser_search_box_hides_entries_that_do_not_match(
    driver: Any, tmp_path: Path
) -> None:
    from selenium.webdriver.common.by import By

    timeline = small_timeline()
    _open(driver, tmp_path, timeline)
    every = sorted(e.event_id for e in timeline.events)
    assert _visible_ids(driver, ".event-item") == every
    box = driver.find_element(By.ID, "search")
    assert box.is_displayed()
    box.send_keys("SOCHI")  # in a title and a quote, any case
    assert _visible_ids(driver, ".event-item") == ["ev-sochi"]
    assert _visible_ids(driver, ".event-mark") == ["ev-sochi"]
    assert driver.find_element(By.ID, "shown").text == f"1 of {len(every)} events"
    box.clear()
    box.send_keys("meduza late fall")  # a source's name and words of a quote, all required
    assert _visible_ids(driver, ".event-item") == ["ev-visit"]
    box.send_keys(" nowhere-to-be-found")
    assert _visible_ids(driver, ".event-item, .event-mark") == []
    # an emptied year is not left as a bare heading
    assert (
        driver.execute_script(
            "return Array.from(document.querySelectorAll('h3:has(+ ul.events)'))"
            "  .filter(function (h) { return h.getClientRects().length; }).length;"
        )
        == 0
    )
    driver.execute_script(
        "var b = arguments[0]; b.value = ''; b.dispatchEvent(new Event('input'));", box
    )
    assert _visible_ids(driver, ".event-item") == every


def test_html_browser_type_toggle_hides_that_type(driver: Any, tmp_path: Path) -> None:
    from selenium.webdriver.common.by import By

    timeline = small_timeline()
    _open(driver, tmp_path, timeline)
    toggles = driver.find_elements(By.CSS_SELECTOR, ".type-toggle")
    assert sorted(t.get_attribute("value") for t in toggles) == sorted(
        {e.type for e in timeline.events}
    )
    meeting = driver.find_element(By.CSS_SELECTOR, '.type-toggle[value="meeting"]')
    assert meeting.is_displayed() and meeting.is_selected()
    meeting.click()
    rest = sorted(e.event_id for e in timeline.events if e.type != "meeting")
    assert _visible_ids(driver, ".event-item") == rest
    assert _visible_ids(driver, ".event-mark") == rest
    meeting.click()
    assert _visible_ids(driver, ".event-mark") == sorted(e.event_id for e in timeline.events)


def test_html_browser_narrow_screen_opens_the_chart_at_the_latest_events(
    driver: Any, tmp_path: Path
) -> None:
    metrics = {"width": 400, "height": 800, "deviceScaleFactor": 1, "mobile": True}
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", metrics)
    try:
        timeline = _many_events()
        _open(driver, tmp_path, timeline)
        left, width, client = driver.execute_script(
            "var s = document.querySelector('#chart .scroller');"
            "return [s.scrollLeft, s.scrollWidth, s.clientWidth];"
        )
        assert width > client and left + client >= width - 1, (left, width, client)
        # the latest dated event's mark is inside the visible part of the chart
        latest = max(
            (e for e in timeline.events if e.when and e.when.end), key=lambda e: e.when.end
        )
        inside = driver.execute_script(
            "var s = document.querySelector('#chart .scroller').getBoundingClientRect();"
            "var m = document.querySelector('.lanes [data-event-id=\"' + arguments[0] + '\"]')"
            "  .querySelector('.shape').getBoundingClientRect();"
            "return m.left >= s.left && m.right <= s.right;",
            latest.event_id,
        )
        assert inside, latest.event_id
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
    _open(driver, tmp_path, _many_events())  # a wide screen keeps the start
    assert (
        driver.execute_script("return document.querySelector('#chart .scroller').scrollLeft;") == 0
    )
