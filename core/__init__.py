"""FactorDiff's engine: read filings, find and segment Risk Factors, align two filings.

Pure Python: nothing below this package imports Qt, prints, or keeps global state.
"""
