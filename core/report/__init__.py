"""Outputs of a comparison: JSON, HTML and CSV reports, plus the labels and status colours
that the window, printout, reports and command line share.
"""
