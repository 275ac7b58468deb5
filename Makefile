# Two commands do all set-up on a fresh machine (Python >= 3.10 with venv):
#   make demo   installs chidao into .venv and extracts an example letter
#   make test   installs chidao with its test tools into .venv and runs the tests
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= corpus/huyenuy-binhson-1307.docx

.PHONY: install demo test bench corpus clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"

demo: install
	$(BIN)/chidao extract --pretty $(EXAMPLE)

test: install
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/bench_extract.py

# re-render corpus/*.docx and *.pdf (needs LibreOffice: apt-get install libreoffice-writer-nogui fonts-liberation2)
corpus: install
	$(BIN)/python corpus/make_renderings.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
