# cds-tracker: `make install`, `make test`, `make demo`, `make lint`, `make bench`.
# Works with GNU make on Linux and macOS; on Windows use the commands in README.md directly.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install test demo lint bench clean template

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy

demo: $(STAMP)
	$(BIN)/cds demo --folder demo

# Whole-process timings against the import floor, with the budgets of README's performance section.
bench: $(STAMP)
	$(BIN)/python scripts/bench.py

# Rebuild templates/bao-cao-cds.docx from scripts/make_template.py (commit the result).
template: $(STAMP)
	$(BIN)/python scripts/make_template.py

clean:
	rm -rf $(VENV) build dist .pytest_cache .mypy_cache .ruff_cache
