# Two commands do all the set-up on a fresh machine:
#   make build   creates .venv (uv, from uv.lock), then builds the dataset from raw/ into output/
#   make test    creates .venv if needed, then runs the test suite
PY := .venv/bin/python
UV := $(shell command -v uv 2>/dev/null || echo python3 -m uv)
export UV_PYTHON_DOWNLOADS := never
# compiled once at install: this machine sets PYTHONDONTWRITEBYTECODE, and compiling prefect,
# pandas and the server from source on every start doubles the start-up of each run
export UV_COMPILE_BYTECODE := 1

.PHONY: setup build test lint schemas bench eval clean

.venv/.synced: pyproject.toml uv.lock
	@command -v uv >/dev/null 2>&1 || python3 -m uv --version >/dev/null 2>&1 \
		|| python3 -m pip install --quiet --disable-pip-version-check uv
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

clean:
	rm -rf .venv .pytest_cache .ruff_cache
