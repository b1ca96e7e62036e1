# FactorDiff: `make run` opens the app, `make test` runs the whole test suite.
# `make run` installs only what the app needs; the other targets add the test and build tools
# and the optional `batch` extra (Dask, pyarrow: the batch command and its tests).
PY      ?= python3
VENV    := .venv
BIN     := $(VENV)/bin
APP     := $(VENV)/.installed-app
STAMP   := $(VENV)/.installed

.PHONY: run test lint eval bench package package-check install-desktop screenshots clean

$(APP): pyproject.toml scripts/system_deps.sh scripts/requirements.py
	bash scripts/system_deps.sh
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q $$($(PY) scripts/requirements.py)
	touch $(APP)

$(STAMP): $(APP)
	$(BIN)/python -m pip install -q $$($(PY) scripts/requirements.py --dev --extra batch)
	touch $(STAMP)

run: $(APP)
	$(BIN)/python main.py $(ARGS)

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

test: $(STAMP) lint
	$(BIN)/python -m pytest -q

eval: $(STAMP)
	$(BIN)/python scripts/evaluate.py

bench: $(STAMP)
	$(BIN)/python scripts/benchmark.py
	$(BIN)/python scripts/bench_gui.py
	$(BIN)/python scripts/bench_timeline.py
	$(BIN)/python packaging/bench_startup.py

package: $(STAMP)
	bash packaging/build.sh

package-check: package
	bash packaging/smoke.sh

install-desktop: package
	bash packaging/install_desktop.sh

screenshots: $(STAMP)
	bash scripts/screenshots.sh

clean:
	rm -rf build dist .pytest_cache .mypy_cache .ruff_cache
