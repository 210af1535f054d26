"""The temporal engine: detect (spaCy Matcher), parse (grammar), resolve (calendar), anchor (DCT).

Takes text spans and documents' models; hands TIMEX3 values (`Timex`, `When`) to extract,
anchor and assemble. Imports nothing above `patterns` and `models`.
"""
