"""FactorDiff's PySide6 front end: adapts core values into Qt widgets, models and signals."""
