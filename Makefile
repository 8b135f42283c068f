# The two commands of the README: `make demo` and `make test`. Each sets up everything it needs
# on a fresh machine (Python 3.11, pip, Node/npm): a .venv, the Python and npm packages, the
# compiled translations and the database.

PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
WITNESS_PORT ?= 8001
export PACTLOG_DATA_DIR ?= $(CURDIR)/var

.PHONY: demo test build lint typecheck pytest clean soak verifier-wheel

$(BIN)/pactlog: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $@

node_modules/.package-lock.json: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

build: $(BIN)/pactlog node_modules/.package-lock.json
	$(BIN)/pactlog compiletranslations

# The demo's e-mails (join confirmations...) are written as .eml files unless EMAIL_URL is set.
demo: export EMAIL_URL ?= file://$(PACTLOG_DATA_DIR)/mail
demo: export PACTLOG_BASE_URL ?= http://127.0.0.1:$(PORT)
# The demo's log is witnessed by one local witness (docs/log.md, "Witnesses").
demo: export PACTLOG_LOG_POLICY ?= $(PACTLOG_DATA_DIR)/witness-policy.txt
demo: export PACTLOG_ORGANISERS_EMAIL ?= organisers@example.org
demo: build
	@echo "E-mail: $(EMAIL_URL)"
	PACTLOG_NEW_DATABASE=1 $(BIN)/pactlog migrate --noinput -v0
	$(BIN)/pactlog demo-witness --port $(WITNESS_PORT)
	env -u DATABASE_URL PACTLOG_DATA_DIR=$(PACTLOG_DATA_DIR)/witness $(BIN)/pactlog witness serve \
		127.0.0.1:$(WITNESS_PORT) > $(PACTLOG_DATA_DIR)/witness/serve.log 2>&1 & witness=$$!; \
	$(BIN)/pactlog log witness --watch > $(PACTLOG_DATA_DIR)/witness/watch.log 2>&1 & watch=$$!; \
	trap 'kill $$witness $$watch' EXIT INT TERM; \
	$(BIN)/pactlog demo-setup --url http://127.0.0.1:$(PORT)/ && \
	$(BIN)/pactlog runserver 127.0.0.1:$(PORT) --noreload

lint: $(BIN)/pactlog
	$(BIN)/ruff check .
	$(BIN)/ruff format --check pactlog bench tests conftest.py

typecheck: $(BIN)/pactlog
	$(BIN)/mypy

# SQLite always; PostgreSQL too when PACTLOG_TEST_DATABASE_URL is set (as .ci/run does).
pytest: build
	$(BIN)/pytest
	if [ -n "$$PACTLOG_TEST_DATABASE_URL" ]; then \
		DATABASE_URL="$$PACTLOG_TEST_DATABASE_URL" $(BIN)/pytest -m "not browser and not live"; \
	fi

test: lint typecheck pytest

# Mixed load through nginx + gunicorn on PostgreSQL while imports and edits run (bench/soak.py);
# SOAK_SECONDS=600 for the full soak. Needs PACTLOG_TEST_DATABASE_URL (a _soak database is made).
SOAK_SECONDS ?= 30
soak: build
	$(BIN)/python bench/soak.py --seconds $(SOAK_SECONDS)

# The stand-alone verifier's wheel and sdist in dist/ (served at /log/pactlog-verify/).
verifier-wheel: $(BIN)/pactlog
	$(BIN)/python verifier/build_wheel.py --outdir dist

clean:
	rm -rf $(VENV) node_modules var .mypy_cache .ruff_cache .pytest_cache test-output dist .cache
