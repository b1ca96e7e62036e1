"""Several filings of one company as one timeline: each risk followed through the years.

core.timeline.load reads the filings (in worker processes) and keeps those of one company;
core.timeline.build chains their factors into lineages; core.timeline.files does both.
"""
