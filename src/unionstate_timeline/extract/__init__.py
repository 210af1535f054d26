"""Extract: per document, temporal expressions, event mentions and numeric claims.

The last room where a spaCy object exists: it hands plain pydantic mentions (`DocExtraction`)
with character offsets to `temporal.anchor` and `assemble`.
"""
