# Two commands do all the set-up on a fresh machine:
#   make build   creates .venv (uv, from uv.lock), then builds the dataset from raw/ into output/
#   make test    creates .venv if needed, then runs the test suite
# They need only make and a Python 3.11, 3.12 or 3.13 (Debian's own python3 will do). Where uv
# is not installed, it is installed into a virtual environment of its own (.venv-uv), never
# into the system's Python (which PEP 668 protects on Debian and Ubuntu).
PY := .venv/bin/python
UV := $(shell command -v uv 2>/dev/null || echo .venv-uv/bin/uv)
export UV_PYTHON_DOWNLOADS := never
# compiled once at install: this machine sets PYTHONDONTWRITEBYTECODE, and compiling prefect,
# pandas and the server from source on every start doubles the start-up of each run
export UV_COMPILE_BYTECODE := 1
SUITABLE_PYTHON := for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(not (3, 11) <= sys.version_info[:2] <= (3, 13))' \
	2>/dev/null && exit 0; done; exit 1

.PHONY: setup build test lint schemas bench eval browse validate report clean

.venv/.synced: pyproject.toml uv.lock
	@($(SUITABLE_PYTHON)) || { echo "error: no Python 3.11, 3.12 or 3.13 found on the PATH; install one (Debian/Ubuntu: apt-get install python3 python3-venv)" >&2; exit 1; }
	@command -v uv >/dev/null 2>&1 || [ -x .venv-uv/bin/uv ] || { \
		python3 -m venv .venv-uv >/dev/null \
		|| { rm -rf .venv-uv; echo "error: python3 cannot make a virtual environment to install uv in; install venv (Debian/Ubuntu: apt-get install python3-venv) or uv" >&2; exit 1; }; \
		.venv-uv/bin/python -m pip install --quiet --disable-pip-version-check uv; }
	$(UV) sync --frozen --quiet
	@touch $@

setup: .venv/.synced

build: setup
	$(PY) -m flows build --raw raw --output output

test: setup
	$(PY) -m pytest

lint: setup
	$(PY) -m ruff check .

schemas: setup
	$(PY) -m schemas

bench: setup
	$(PY) -m bench

# scores extraction on ../shared/dev (real news, hand-labelled) and the seeds; skipped without ../shared
eval: setup
	$(PY) -m bench.eval

# reading the release: Datasette on http://127.0.0.1:8001 (long texts truncated in the tables),
# the descriptor checked with frictionless, the report opened in a browser
DATABASE := $(firstword $(wildcard output/*.sqlite))
browse: setup
	$(PY) -m datasette serve $(DATABASE) -m output/metadata.json --setting truncate_cells_html 300

validate: setup
	$(PY) -m frictionless validate output/datapackage.json

report: setup
	$(PY) -m webbrowser -t "file://$(CURDIR)/output/report.html"

clean:
	rm -rf .venv .venv-uv .pytest_cache .ruff_cache
