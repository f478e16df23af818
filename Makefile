# clausekit: `make demo` and `make test` set everything up from a clean clone.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   ?= .venv
PY     := $(VENV)/bin/python
CLI    := $(VENV)/bin/clausekit
PYTEST_ARGS ?=

.PHONY: setup demo test test-fast lint format bench train evaluate clean

setup: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[dev]'
	touch $@

demo: setup  ## segment and tag the bundled sample corpus, then write a report
	$(CLI) segment data/seeds/004_f730982b1d88a241.txt
	$(CLI) tag data/seeds
	$(CLI) report data/seeds --out report
	@echo "Report written to report/report.html"

test: setup  ## the whole test suite (tests needing ../shared/corpora or Chromium skip with a reason)
	$(PY) -m pytest $(PYTEST_ARGS)

test-fast: setup
	$(PY) -m pytest -m "not slow" $(PYTEST_ARGS)

lint: setup
	$(VENV)/bin/ruff check clausekit tests benchmarks scripts
	$(VENV)/bin/ruff format --check clausekit tests benchmarks scripts
	$(VENV)/bin/mypy clausekit

format: setup
	$(VENV)/bin/ruff format clausekit tests benchmarks scripts
	$(VENV)/bin/ruff check --fix clausekit tests benchmarks scripts

bench: setup  ## throughput, memory and cold start, as ratios against the spaCy baseline
	$(PY) benchmarks/run.py

train: setup  ## rebuild every shipped model reproducibly
	$(CLI) train

evaluate: setup
	$(CLI) evaluate

clean:
	rm -rf $(VENV) report .pytest_cache .ruff_cache .mypy_cache
