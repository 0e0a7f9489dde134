# make run: the local stack on http://127.0.0.1:$(PORT). make test: every test tier. Both create .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAM_VENV := .venv-sam
SAM := $(SAM_VENV)/bin/sam
PORT ?= 3000
export SAM_CLI_TELEMETRY := 0

.PHONY: venv run test lint openapi bench clean

$(STAMP): requirements-dev.txt layers/shared/requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

$(SAM): requirements-sam.txt
	$(PYTHON) -m venv $(SAM_VENV)
	$(SAM_VENV)/bin/pip install --quiet --upgrade pip
	$(SAM_VENV)/bin/pip install --quiet -r requirements-sam.txt
	touch $(SAM)

venv: $(STAMP) $(SAM)

run: $(STAMP)
	PORT=$(PORT) $(BIN)/python -m local.server

test: $(STAMP) $(SAM)
	SAM_CLI=$(SAM) $(BIN)/python -m pytest

lint: $(STAMP) $(SAM)
	$(BIN)/ruff check .
	$(BIN)/cfn-lint template.yaml
	$(SAM) validate --lint

openapi: $(STAMP)
	$(BIN)/python -m local.openapi

bench: $(STAMP)
	PYTHONPATH=.:layers/shared $(BIN)/python bench/cold_start.py
	PYTHONPATH=.:layers/shared POWERTOOLS_LOG_LEVEL=WARNING $(BIN)/python bench/cost.py
	@echo "load: MAX_CONCURRENT_JOBS=4 make run, then $(BIN)/python bench/load.py --jobs 100"

clean:
	rm -rf $(VENV) $(SAM_VENV) .aws-sam .pytest_cache .ruff_cache
