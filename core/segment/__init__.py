"""Segmenting a risk section into factors: roles, heading cues, style levels and text levels.

`factors.segment` turns a `core.model.Section` into the factors (heading, body, category path).
"""
