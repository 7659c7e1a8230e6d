# Two commands do everything on a fresh machine: `make run` and `make test`.
# `make test-fast` is the quick loop: lint, then every test not marked slow (pyproject).
PYTHON ?= python3
# uv from PyPI runs as `python3 -m uv`, wherever pip put it.
UV := $(PYTHON) -m uv
VENV := .venv
STAMP := $(VENV)/.synced
export PREFECT_HOME ?= $(CURDIR)/.prefect
export UV_PROJECT_ENVIRONMENT := $(CURDIR)/$(VENV)

.PHONY: run test test-fast lint bench bench-adversarial eval env clean browser screenshots

# The environment is rebuilt whenever the lock file changes. Bytecode is compiled at
# install: with PYTHONDONTWRITEBYTECODE set (as on our CI machines) every process would
# otherwise recompile Prefect, spaCy and the rest from source, measured at 2-3 s a process.
$(STAMP): uv.lock pyproject.toml Makefile
	@$(UV) --version >/dev/null 2>&1 || $(PYTHON) -m pip install --quiet uv
	$(UV) sync --locked --compile-bytecode --python $(PYTHON)
	@touch $@

env: $(STAMP)

run: $(STAMP)
	$(VENV)/bin/newstables run seeds --out data

# Debian's chromium for the report's browser test (tests/report); CI runs as root.
browser:
	@command -v chromium >/dev/null 2>&1 || { apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }

# The README's screenshots (docs/prefect-run.png, docs/report.png): a real Prefect server,
# a run, the report, headless Chromium. A developer's step, not part of the tests.
screenshots: $(STAMP) browser
	$(VENV)/bin/python docs/screenshots.py

test: lint browser
	$(VENV)/bin/python -m pytest -q

test-fast: lint
	$(VENV)/bin/python -m pytest -q -m "not slow"

lint: $(STAMP)
	$(VENV)/bin/ruff check flows tests bench eval

bench: $(STAMP)
	$(VENV)/bin/python -m bench $(BENCH_ARGS)

# How each regex-heavy step grows on hostile text, 10 KB -> 1 MB (bench/adversarial.py).
bench-adversarial: $(STAMP)
	$(VENV)/bin/python -m bench.adversarial $(BENCH_ARGS)

eval: $(STAMP)
	$(VENV)/bin/python -m eval $(EVAL_ARGS)

clean:
	rm -rf $(VENV) data .prefect
