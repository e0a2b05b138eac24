#################################################################################
# GLOBALS                                                                       #
#################################################################################

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
RAW ?= data/raw
OUT ?= data/processed
WORKERS ?= 1
STAMP := $(VENV)/.installed

#################################################################################
# COMMANDS                                                                      #
#################################################################################

.DEFAULT_GOAL := help
.PHONY: help setup extract status test test-fast bench train gazetteers lock docs clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $@

setup: $(STAMP) ## Create .venv and install the pinned project into it

extract: $(STAMP) ## Extract RAW (default data/raw) into OUT (default data/processed)
	@# Exit code 3 means some documents failed: they are rows in the errors table, not a failed extraction.
	$(BIN)/minutes extract "$(RAW)" "$(OUT)" --workers $(WORKERS) || [ $$? -eq 3 ]

status: $(STAMP) ## Show what is processed, failed or stale in OUT
	$(BIN)/minutes status "$(OUT)" --raw "$(RAW)"

test: $(STAMP) ## Run the whole test suite (slow tests included)
	@# The review-site test opens the pages in Debian's Chromium; without it (not root, no network) it skips.
	@command -v chromium >/dev/null 2>&1 || [ "$$(id -u)" != "0" ] || \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null) || \
		echo "chromium could not be installed; the report's browser tests will be skipped"
	$(BIN)/python -m pytest -q

test-fast: $(STAMP) ## Run the tests not marked slow
	$(BIN)/python -m pytest -q -m "not slow"

bench: $(STAMP) ## Speed, scaling and memory against the stock pipeline; last line JSON (BENCH_SCALE=0.1: quick)
	$(BIN)/python benchmarks/run.py

train: $(STAMP) ## Train the action-item classifier (models/actions/train.jsonl) and its structure layer (models/actions/stack/*.md)
	$(BIN)/python -m pipeline.train

gazetteers: $(STAMP) ## Rebuild models/gazetteers/ from the public lists on PyPI
	$(BIN)/python scripts/build_gazetteers.py
	$(BIN)/python scripts/build_state_towns.py
	$(BIN)/python scripts/build_legal_forms.py

docs: $(STAMP) ## Regenerate the README data dictionary from pipeline/schema.py
	$(BIN)/python scripts/update_readme.py

lock: ## Re-pin requirements.in into requirements.lock with hashes
	$(BIN)/python -m pip install --quiet uv
	$(BIN)/uv pip compile --quiet --python-version 3.11 --generate-hashes requirements.in -o requirements.lock

clean: ## Remove the virtual environment and processed output
	rm -rf $(VENV) data/processed/*

help: ## List the targets
	@grep -E '^[a-zA-Z_-]+:.*?## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*?## "}; {printf "  %-12s %s\n", $$1, $$2}'
