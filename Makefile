# Harbour: `make run` serves the embedded default, `make test` runs everything CI runs.
SHELL := /bin/bash
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cat requirements.lock pyproject.toml | sha1sum | cut -c1-12)

.PHONY: install run test lint services browser npm bench lock audit clean

$(STAMP): requirements.lock pyproject.toml
	@test -x $(PY) || python3 -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -r requirements.lock
	@rm -f $(VENV)/.installed-*
	@touch $(STAMP)

install: $(STAMP)

run: install
	$(PY) manage.py migrate --noinput
	$(PY) manage.py demo_data
	exec scripts/serve

test: install services browser npm lint
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

services:
	scripts/ensure-services

browser:
	@command -v chromium >/dev/null || { apt-get update -qq && apt-get install -y -qq chromium; }

# Tools the browser tests inject into pages (axe-core), exactly as package-lock.json pins them.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --silent
	@touch $@

npm: node_modules/.installed

bench: install services
	scripts/ensure-wrk
	$(PY) -m benchmarks

# Re-resolve the lock file after changing dependencies in pyproject.toml.
lock:
	$(VENV)/bin/pip-compile --quiet --extra dev --strip-extras --no-emit-index-url \
		--no-emit-find-links -o requirements.lock pyproject.toml

# pip-audit reads the locked versions as they are (no resolving, no installing).
# --strict: a package the advisory service cannot look up fails the audit, so an
# unreachable service is never a silent "no known vulnerabilities". The CPU build's
# local tag (torch ...+cpu) is dropped for the look-up: advisories name the release.
audit: install
	$(PY) -m pip install --quiet pip-audit
	@mkdir -p var
	sed -E 's/^([A-Za-z0-9._-]+==[^+ ]+)\+[A-Za-z0-9.]+/\1/' requirements.lock > var/audit-requirements.txt
	$(VENV)/bin/pip-audit --strict --no-deps --disable-pip --progress-spinner off \
		-r var/audit-requirements.txt

clean:
	rm -rf $(VENV) var staticfiles .pytest_cache .ruff_cache node_modules

# Fault injection (tests/faults, docs/faults.md): posts and chat messages sent while the
# worker is killed, Redis restarted and database connections cut. `make test` runs the
# short run (200 + 200, about 90 s); this runs it and the full one (2,000 + 2,000).
.PHONY: faults
faults: install services
	HARBOUR_FAULTS=full DJANGO_SETTINGS_MODULE=config.settings.test $(PY) -m pytest tests/faults -s -q
