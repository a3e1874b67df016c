# The two commands: `make run` (set up, then open the review UI on the sample corpus) and
# `make test` (set up, then run the whole suite). Both are idempotent: the virtual
# environment is rebuilt only when pyproject.toml or this file changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# CPU build of PyTorch, installed before the project so pip never pulls a multi-GB CUDA
# build. GPU users: `make install TORCH_SPEC="torch --index-url https://download.pytorch.org/whl/cu128"`.
TORCH_SPEC ?= torch==2.13.0
SYSTEM_PACKAGES := chromium fonts-noto-core

.PHONY: run test install system-packages lint bench cli-docs clean

run: install
	$(BIN)/workbench quickstart

test: install system-packages
	$(BIN)/python -m pytest

install: $(STAMP)

$(STAMP): pyproject.toml Makefile
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
ifeq ($(shell uname -s),Linux)
	$(BIN)/python -m pip install --disable-pip-version-check -q $(TORCH_SPEC)
endif
	$(BIN)/python -m pip install --disable-pip-version-check -q -e '.[dev,dist]'
	touch $@

# Debian's Chromium (browser tests, never `playwright install`) and Noto fonts (Arabic script
# in screenshots). Installed only when missing.
system-packages:
	@missing=$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing system packages: $$missing"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

# ruff, mypy (strict on store, align, translate, review) and the import contracts, all
# configured in pyproject.toml; tests/test_lint.py runs the same three.
lint: install
	$(BIN)/ruff check workbench tests bench
	$(BIN)/mypy
	$(BIN)/lint-imports

# docs/cli-reference.md from every command's --help (tests/cli/test_reference.py fails when stale).
cli-docs: install
	$(BIN)/python -m workbench.cli.reference -o docs/cli-reference.md

bench: install
	$(BIN)/python bench/cli_startup.py

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
