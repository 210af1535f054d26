"""Assemble: the mentions of all documents become timeline `Event`s and `Claim` series.

Merges mentions of one real-world event, keeps every citation and conflict, gives stable ids;
hands a `Timeline` to `outputs`.
"""
