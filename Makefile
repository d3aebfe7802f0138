# Two commands: `make run` (set up and run the dashboard) and `make test` (set up and run tests).
PYTHON ?= python3

.PHONY: setup run test test-setup bench-setup

setup:
	$(PYTHON) -m pip install -q -r requirements.txt
	-$(PYTHON) -m data geometry fetch

run: setup
	$(PYTHON) app.py

test-setup:
	@(command -v chromium && command -v pdftotext && command -v zbarimg && command -v npm) >/dev/null 2>&1 || (apt-get update && apt-get install -y chromium chromium-driver fonts-dejavu-core poppler-utils zbar-tools nodejs npm)
	$(PYTHON) -m pip install -q -r requirements-test.txt
	cd tools/js && npm ci --no-audit --no-fund --loglevel=error

test: test-setup
	$(PYTHON) -m ruff check .
	$(PYTHON) -m pytest

# Only for bench/side_by_side.py's Streamlit comparison: its own environment, never the app's.
bench-setup:
	$(PYTHON) -m venv .venv-bench
	.venv-bench/bin/pip install -q -r requirements-bench.txt
