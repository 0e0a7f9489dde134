# make run: the local stack on http://127.0.0.1:$(PORT). make test: every test tier. Both create .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SAM_VENV := .venv-sam
SAM := $(SAM_VENV)/bin/sam
CHECKOV_VENV := .venv-checkov
CHECKOV := $(CHECKOV_VENV)/bin/checkov
PORT ?= 3000
# sam build needs the Lambda runtime's Python (3.13): pyenv's, else one on PATH.
PY313_BIN := $(firstword $(wildcard $(HOME)/.pyenv/versions/3.13*/bin /root/.pyenv/versions/3.13*/bin) $(dir $(shell command -v python3.13 2>/dev/null)))
export SAM_CLI_TELEMETRY := 0

.PHONY: venv run test lint openapi bench build clean

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

$(CHECKOV): requirements-checkov.txt
	$(PYTHON) -m venv $(CHECKOV_VENV)
	$(CHECKOV_VENV)/bin/pip install --quiet --upgrade pip
	$(CHECKOV_VENV)/bin/pip install --quiet -r requirements-checkov.txt
	touch $(CHECKOV)

venv: $(STAMP) $(SAM) $(CHECKOV)

run: $(STAMP)
	PORT=$(PORT) $(BIN)/python -m local.server

test: $(STAMP) $(SAM) $(CHECKOV)
	SAM_CLI=$(SAM) CHECKOV_CLI=$(CHECKOV) $(BIN)/python -m pytest

lint: $(STAMP) $(SAM) $(CHECKOV)
	$(BIN)/ruff check .
	$(BIN)/cfn-lint template.yaml
	$(SAM) validate --lint
	$(CHECKOV) -f template.yaml --framework cloudformation --compact --quiet --skip-download

openapi: $(STAMP)
	$(BIN)/python -m local.openapi

build: $(SAM)
	@test -n "$(PY313_BIN)" || (echo "sam build needs python3.13 (pyenv install 3.13, or put python3.13 on PATH)" && exit 1)
	PATH="$(PY313_BIN):$$PATH" $(SAM) build

bench: $(STAMP)
	PYTHONPATH=.:layers/shared $(BIN)/python bench/cold_start.py
	PYTHONPATH=.:layers/shared POWERTOOLS_LOG_LEVEL=WARNING $(BIN)/python bench/cost.py
	@echo "load: MAX_CONCURRENT_JOBS=4 make run, then $(BIN)/python bench/load.py --jobs 100"

clean:
	rm -rf $(VENV) $(SAM_VENV) $(CHECKOV_VENV) .aws-sam .pytest_cache .ruff_cache
