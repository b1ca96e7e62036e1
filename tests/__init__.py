"""FactorDiff's tests, a package: they import the project (core, gui, scripts) and their own
helpers (tests.paths, tests.built_comparison) by name, never through sys.path edits."""
