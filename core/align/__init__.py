"""Aligning two filings: similarity, optimal assignment, moves, splits and merges.

`pairing.align` turns two `core.model.Filing` values into a `core.model.Comparison`.
"""
