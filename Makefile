# Two commands: `make run` (set up and run the dashboard) and `make test` (set up and run tests).
PYTHON ?= python3

.PHONY: setup run test test-setup bench-setup

setup:
	$(PYTHON) -m pip install -q -r requirements.txt
	-$(PYTHON) -m data geometry fetch

run: setup
	$(PYTHON) app.py

test-setup:
	@# Debian packages only where missing; node and npm from Debian only if the machine has none
	@# (a machine with NodeSource's nodejs already has npm, and Debian's npm conflicts with it)
	@pkgs=""; \
	command -v chromium >/dev/null 2>&1 || pkgs="$$pkgs chromium chromium-driver fonts-dejavu-core"; \
	command -v pdftotext >/dev/null 2>&1 || pkgs="$$pkgs poppler-utils"; \
	command -v zbarimg >/dev/null 2>&1 || pkgs="$$pkgs zbar-tools"; \
	command -v npm >/dev/null 2>&1 || pkgs="$$pkgs nodejs npm"; \
	if [ -n "$$pkgs" ]; then apt-get update && apt-get install -y $$pkgs; fi
	$(PYTHON) -m pip install -q -r requirements-test.txt
	cd tools/js && npm ci --no-audit --no-fund --loglevel=error

test: test-setup
	$(PYTHON) -m ruff check .
	$(PYTHON) -m pytest

# Only for bench/side_by_side.py's Streamlit comparison: its own environment, never the app's.
bench-setup:
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install -q -r requirements-bench.txt
