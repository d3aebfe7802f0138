# Two commands: `make run` (set up and run the dashboard) and `make test` (set up and run tests).
# Both use the project's own virtual environment (.venv), so they work with a stock Debian or
# Ubuntu python3 (PEP 668 forbids pip installs into it). Another interpreter: make PYTHON=python3.12
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python

.PHONY: setup run test test-setup bench-setup venv

venv: $(PY)
$(PY):
	@$(PYTHON) -m venv $(VENV) || { rm -rf $(VENV); \
	  echo "make: '$(PYTHON) -m venv' failed; on Debian/Ubuntu: sudo apt-get install python3-venv" >&2; exit 1; }
	@$(PY) -m pip install -q --upgrade pip

setup: venv
	$(PY) -m pip install -q -r requirements.txt
	-$(PY) -m data geometry fetch

run: setup
	$(PY) app.py

test-setup: venv
	@# Debian packages only where missing; node and npm from Debian only if the machine has none
	@# (a machine with NodeSource's nodejs already has npm, and Debian's npm conflicts with it)
	@pkgs=""; \
	command -v chromium >/dev/null 2>&1 || pkgs="$$pkgs chromium chromium-driver fonts-dejavu-core"; \
	command -v pdftotext >/dev/null 2>&1 || pkgs="$$pkgs poppler-utils"; \
	command -v zbarimg >/dev/null 2>&1 || pkgs="$$pkgs zbar-tools"; \
	command -v redis-server >/dev/null 2>&1 || pkgs="$$pkgs redis-server"; \
	{ command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1 || pkgs="$$pkgs nginx-light"; \
	command -v npm >/dev/null 2>&1 || pkgs="$$pkgs nodejs npm"; \
	if [ -n "$$pkgs" ]; then apt-get update && apt-get install -y $$pkgs; fi
	$(PY) -m pip install -q -r requirements-test.txt
	cd tools/js && npm ci --no-audit --no-fund --loglevel=error

test: test-setup
	$(PY) -m ruff check .
	$(VENV)/bin/lint-imports
	$(PY) -m pytest

# Only for bench/side_by_side.py's Streamlit comparison: its own environment, never the app's.
bench-setup:
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install -q -r requirements-bench.txt
