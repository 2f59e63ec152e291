# Two commands for a fresh machine: `make run` and `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed

.PHONY: run test lint bench shots clean check-system

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (python3 --version)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

check-system:
	@$(BIN)/python -m trainer.system_check

run: $(STAMP) check-system
	$(BIN)/trainer

test: $(STAMP) check-system
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ruff check trainer tests benchmarks
	$(BIN)/python -m mypy
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

# Optional, long (not part of `make test`): BENCH_EVENTS=200000,2000000,10000000 for the record up to 10 M events.
bench: $(STAMP)
	QT_QPA_PLATFORM=offscreen BENCH_EVENTS=$(BENCH_EVENTS) $(BIN)/python benchmarks/run_all.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache .ruff_cache
