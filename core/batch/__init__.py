"""Many filing pairs in one run: plan the pairs, compare each in a worker (local processes
or a Dask cluster), write one row per pair as it finishes, resume where a run stopped.

The batch extra (`pip install factordiff[batch]`: Dask, pyarrow, RapidFuzz) is imported
only when a batch runs, so the desktop app never loads it.
"""
