"""Evaluation: gold annotations, scorers, the naive baseline and the report models.

Runs the pipeline on annotated articles and scores it; hands an `EvalReport` to the CLI.
"""
