# Everything runs from a project-local virtualenv that `make install` creates from pyproject.toml.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
EXAMPLE := tests/fixtures/docx/seed-2021.docx

.PHONY: install run test lint fixtures bench clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

# Convert the bundled example report (the 2021 street-office report, as a .docx with true merged cells).
run: install
	mkdir -p out
	$(BIN)/extractor $(EXAMPLE) -o out/example.json
	$(BIN)/extractor $(EXAMPLE) --format csv -o out/example.csv --quiet
	@$(BIN)/python -c "import json; r = json.load(open('out/example.json')); m = r['metadata']; \
	print(f\"{m['agency']} {m['year']} (template {m['template']}): \" \
	      + ', '.join(f'{len(v)} {k} cells' for k, v in r['tables'].items()) + ' -> out/example.json, out/example.csv')"

test: install
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check src tests scripts

# Rebuild the generated .docx fixtures (committed; regenerate only when the builder changes).
fixtures: install
	$(BIN)/python scripts/make_fixtures.py

clean:
	rm -rf $(VENV) out .pytest_cache
