# The only commands a newcomer needs: make run, make test, make eval, make bench, make lint.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test lint eval bench screenshot clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: install
	$(BIN)/timeline build data/raw -o timeline.json

test: install
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src

eval: install
	$(BIN)/timeline eval data/annotated --raw data/raw

bench: install
	$(BIN)/python benchmarks/bench.py

clean:
	rm -rf $(VENV) timeline.json .pytest_cache
