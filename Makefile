# The two quickstart commands: `make demo` and `make test`. Both work on a fresh machine with
# Python 3.11, git and make; everything else is installed into .venv here.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DEVSTAMP := $(VENV)/.installed-dev

.PHONY: demo test postgres browser clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	touch $@

$(DEVSTAMP): pyproject.toml $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,spark]'
	touch $@

## Install, then screen example names and articles against the bundled official lists.
demo: $(STAMP)
	$(BIN)/sanctionwatch lists
	$(BIN)/sanctionwatch demo
	$(BIN)/sanctionwatch screen-text examples/articles
	$(BIN)/sanctionwatch stories examples/articles

## Install dev dependencies, start what the tests need, run linters, types and the suite.
test: $(DEVSTAMP) postgres browser
	$(BIN)/ruff check .
	$(BIN)/mypy
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n 2 --dist loadfile

postgres:
	bash .ci/start-postgres

browser:
	bash .ci/install-browser

clean:
	rm -rf $(VENV) build *.egg-info
