"""Reading: files, folders, JSONL records, manifests and HTML pages become `Document`s.

Strips page furniture (offsets kept into the original text) and reads what a page says about
itself (headline, outlet, datelines, header dates). Hands `Document`s to `nlp`.
"""
