# Two commands do all set-up on a fresh machine (Python >= 3.10 with venv):
#   make demo   installs chidao into .venv and extracts an example letter
#   make test   installs chidao with its test tools into .venv and runs the tests
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
EXAMPLE ?= corpus/huyenuy-binhson-1307.docx

.PHONY: install sysdeps demo test bench corpus clean

$(BIN)/python:
	$(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

install: $(BIN)/python
	$(BIN)/python -m pip install --quiet -e ".[test]"

demo: install
	$(BIN)/chidao extract --pretty $(EXAMPLE)

# Debian packages some tests use (a headless browser for the HTML graph, LibreOffice Calc to
# open the .xlsx export): installed when missing and we may (root + apt); otherwise those
# tests skip and say why.
sysdeps:
	@command -v chromium >/dev/null && command -v soffice >/dev/null && [ -e /usr/lib/libreoffice/program/libsclo.so ] || \
	  { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	       chromium libreoffice-calc-nogui fonts-liberation2 >/dev/null) ; } || \
	  echo "note: chromium / LibreOffice Calc not installed; the tests that need them will be skipped"

test: install sysdeps
	$(BIN)/python -m pytest

bench: install
	$(BIN)/python benchmarks/bench_extract.py

# re-render corpus/*.docx and *.pdf (needs LibreOffice: apt-get install libreoffice-writer-nogui fonts-liberation2)
corpus: install
	$(BIN)/python corpus/make_renderings.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
