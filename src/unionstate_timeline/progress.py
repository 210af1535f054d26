"""Build progress: the stage a build is in, documents done of all, elapsed time and ETA.

The library reports through three callbacks (`stage(name)`, `total(n)`, `advance(n)`); a
reporter turns them into a rich bar on a terminal (`RichProgress`), one plain line per stage
and a count line at modest intervals elsewhere (`LineProgress`: logs, CI, pipes), or nothing
(`Progress`, for --quiet). Only the standard library is imported here; rich when a bar is made.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import IO, Any

READING = "reading files"
MODEL = "loading model"
ANNOTATING = "annotating"  # annotate and extract run per document, streamed together
ANCHORING = "anchoring"
MERGING = "merging"
WRITING = "writing"

DONE_WORDS = {ANNOTATING: "annotated"}  # the counted stages, in the past tense


def eta_seconds(done: int, total: int | None, elapsed: float) -> float | None:
    """Seconds left at the rate so far; None until there is a rate to go by."""
    if not total or done <= 0 or done >= total or elapsed <= 0:
        return None
    return elapsed / done * (total - done)


class Progress:
    """A reporter that says nothing (--quiet); the others override `shown` and `close`."""

    def __init__(self, clock: Callable[[], float] = time.perf_counter) -> None:
        self.clock = clock
        self.name = ""
        self.done = 0  # documents done of `count`, across stages (a model load can interrupt)
        self.count: int | None = None
        self.started: float | None = None  # when the counted stage first began, for the rate

    def stage(self, name: str) -> None:
        """A new stage begins."""
        self.name = name
        if name in DONE_WORDS and self.started is None:
            self.started = self.clock()
        self.shown()

    def total(self, n: int) -> None:
        """The number of documents the counted stage will go through."""
        self.count, self.done, self.started = n, 0, None

    def advance(self, n: int = 1) -> None:
        """`n` more documents done."""
        self.done += n
        self.shown(counted=True)

    def elapsed(self) -> float:
        return 0.0 if self.started is None else self.clock() - self.started

    def shown(self, counted: bool = False) -> None:
        """Show the state (the subclasses' one job); `counted`: a count changed, not a stage."""

    def close(self) -> None:
        """The build is over (or failed): clear what is shown."""

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LineProgress(Progress):
    """Plain lines for a stderr that is not a terminal: `merging…` once per stage, and
    `annotated 120/1000 documents (12.3 s, ETA 80 s)` at most every `every` seconds and when
    the count is complete."""

    def __init__(
        self, out: IO[str], every: float = 10.0, clock: Callable[[], float] = time.perf_counter
    ) -> None:
        super().__init__(clock)
        self.out = out
        self.every = every
        self.last = 0.0  # when the last count line was written

    def shown(self, counted: bool = False) -> None:
        now = self.clock()
        if not counted:
            self.last = now
            self._write(f"{self.name}…")
            return
        complete = self.count is not None and self.done >= self.count
        if not complete and now - self.last < self.every:
            return
        self.last = now
        elapsed = self.elapsed()
        eta = eta_seconds(self.done, self.count, elapsed)
        word = DONE_WORDS.get(self.name, self.name)
        of = f"/{self.count}" if self.count is not None else ""
        timing = f"{elapsed:.1f} s" + (f", ETA {eta:.0f} s" if eta is not None else "")
        self._write(f"{word} {self.done}{of} documents ({timing})")

    def _write(self, line: str) -> None:
        self.out.write(line + "\n")
        self.out.flush()


class RichProgress(Progress):
    """A transient rich bar on a terminal: stage, done/total, elapsed and ETA."""

    def __init__(self, console: Any, clock: Callable[[], float] = time.perf_counter) -> None:
        from rich.progress import BarColumn, TextColumn, TimeElapsedColumn
        from rich.progress import Progress as Bar

        super().__init__(clock)
        self.bar = Bar(
            TextColumn("{task.description}"),
            BarColumn(),
            TextColumn("{task.fields[of]}"),
            TimeElapsedColumn(),
            TextColumn("{task.fields[eta]}"),
            console=console,
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("building", total=None, of="", eta="")

    def shown(self, counted: bool = False) -> None:
        counted = self.name in DONE_WORDS and self.count is not None
        eta = eta_seconds(self.done, self.count, self.elapsed()) if counted else None
        self.bar.update(
            self.task,
            description=self.name,
            total=self.count if counted else None,
            completed=self.done if counted else 0,
            of=f"{self.done}/{self.count} documents" if counted else "",
            eta=f"ETA {eta:.0f} s" if eta is not None else "",
        )

    def close(self) -> None:
        self.bar.stop()


def for_stderr(console: Any, quiet: bool) -> Progress:
    """The reporter a command wants: none with --quiet, a bar on a terminal, lines elsewhere."""
    if quiet:
        return Progress()
    if console.is_terminal:
        return RichProgress(console)
    return LineProgress(console.file)
