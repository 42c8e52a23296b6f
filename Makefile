# newsdesk: `make run` serves the demo publication, `make test` runs the whole suite.
# Both set everything up first (virtualenv, dependencies, database, demo content), so a fresh clone
# needs nothing else.

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
PY     := $(BIN)/python
PORT   ?= 8000
HOST   ?= 127.0.0.1
WORKERS ?= 2
export NEWSDESK_BASE_URL ?= http://$(HOST):$(PORT)
PG_TEST_URL ?= postgres://postgres@127.0.0.1:5432/test

.PHONY: run test test-sqlite test-postgres setup install test-tools bench audit lock clean

# granian serves baked pages straight from var/output and passes the rest to Django; the background
# worker (baking, scheduled jobs) runs beside it. Ctrl-C stops both.
run: setup
	@$(PY) -m newsdesk bake --if-empty
	@$(PY) -m newsdesk demo_users
	@$(PY) -m newsdesk ensure_admin --url $(NEWSDESK_BASE_URL)
	@exec $(PY) -m newsdesk serve --host $(HOST) --port $(PORT) --workers $(WORKERS)

# The whole suite on SQLite (browser tests included), then again on PostgreSQL.
test: install test-tools
	$(MAKE) --no-print-directory test-sqlite
	$(MAKE) --no-print-directory test-postgres

test-sqlite: install
	$(BIN)/pytest $(PYTEST_ARGS)

# Runs when PostgreSQL answers; CI (CI=true) or NEWSDESK_REQUIRE_POSTGRES=1 makes a missing server an error.
test-postgres: install
	@if $(PY) -c "import psycopg, sys; psycopg.connect('$(PG_TEST_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		NEWSDESK_DATABASE_URL=$(PG_TEST_URL) $(BIN)/pytest -m "not browser and not server" $(PYTEST_ARGS); \
	elif [ -n "$$CI$$NEWSDESK_REQUIRE_POSTGRES" ]; then \
		echo "ERROR: PostgreSQL at $(PG_TEST_URL) could not be reached; the suite must pass on it too." >&2; exit 1; \
	else \
		echo "WARNING: PostgreSQL at $(PG_TEST_URL) could not be reached; the PostgreSQL run was SKIPPED." >&2; \
	fi

setup: install
	@$(PY) -m newsdesk migrate --no-input -v 0
	@$(PY) -m newsdesk collectstatic --no-input -v 0
	@$(PY) -m newsdesk demo --if-empty

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

# Debian's Chromium (browser tests), nginx (deploy/nginx.conf tests) and wrk (make bench): installed
# when missing and we are root, as in CI.
TOOLS := /usr/bin/chromium:chromium /usr/sbin/nginx:nginx /usr/bin/wrk:wrk
test-tools:
	@missing=""; for tool in $(TOOLS); do [ -x "$${tool%%:*}" ] || missing="$$missing $${tool##*:}"; done; \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			echo "Installing Debian's$$missing for the tests..."; \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null; \
		else \
			echo "WARNING: missing$$missing and this is not root: run 'sudo apt-get install$$missing'." >&2; \
		fi; \
	fi

# Static analysis of the code for security problems: bandit, failing on any high-severity finding
# (tests/security/test_repository.py runs the same in make test).
audit: install
	$(BIN)/bandit -r newsdesk --severity-level high --confidence-level medium --quiet

bench: setup test-tools
	$(PY) bench/run.py

# Re-pin requirements.lock from what pyproject.toml asks for, in a scratch virtualenv.
lock:
	rm -rf /tmp/newsdesk-lock && $(PYTHON) -m venv /tmp/newsdesk-lock
	/tmp/newsdesk-lock/bin/pip install --quiet -e ".[test]"
	{ echo "# Exact versions installed by \`make run\` and \`make test\` (pip install -r requirements.lock)."; \
	  echo "# Regenerate after changing pyproject.toml: make lock"; \
	  /tmp/newsdesk-lock/bin/pip freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf $(VENV) var .pytest_cache
