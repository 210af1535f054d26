"""NLP: the one spaCy pipeline, our components, and helpers over spaCy tokens (syntax, names).

Takes `Document` bodies; hands spaCy `Doc`s to `extract`. Nothing outside `nlp` and `extract`
touches a spaCy object.
"""
