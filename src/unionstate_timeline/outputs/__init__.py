"""Outputs: one writer per format (JSON, CSV, JSONL, Markdown, HTML, TimelineJS, TimeML), `show`
and `diff`.

Takes a `Timeline` (or a timeline.json read back); knows nothing of how it was built.
"""
