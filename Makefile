# The commands README and .ci/run both call.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck pytest lock golden bench clean

$(STAMP): requirements.lock requirements-bootstrap.txt pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --require-hashes -r requirements-bootstrap.txt
	$(BIN)/uv pip sync -q --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	touch $(STAMP)

install: $(STAMP)

demo: install
	$(BIN)/pactwatch demo

lint: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install
	$(BIN)/mypy

test: lint typecheck
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# regenerate requirements.lock after changing pyproject.toml dependencies
lock:
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra scale --generate-hashes --python-version 3.11 -o requirements.lock

# regenerate golden files after a deliberate change; review the diff like code
golden: install
	PACTWATCH_REGENERATE=1 $(BIN)/python -m pytest -q tests -k golden

bench: install
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) .mypy_cache .ruff_cache .pytest_cache
