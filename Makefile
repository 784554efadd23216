# Everything a fresh clone needs: `make demo` and `make test` create .venv and install what they use.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
WHEEL_VENV := build/wheel-venv

.PHONY: demo test lint typecheck pytest docs doctest wheel-check bench clean help

help:
	@echo "make demo   validate the bundled Artois strategy, print its summary and details page,"
	@echo "            draw its matrix to out/matrix.png, measure its actor network, draw it"
	@echo "            to out/network.png and export it to out/actors.gexf"
	@echo "make test   lint, type-check, test (with coverage), build the docs, check the wheel"
	@echo "make docs   build the documentation strictly into docs/_build/html"
	@echo "make bench  time loading, dumping, rendering and projecting synthetic strategies"

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

demo: $(STAMP)
	@mkdir -p out
	$(BIN)/turbine example artois -o out/artois.json
	$(BIN)/turbine validate out/artois.json
	$(BIN)/turbine info out/artois.json
	$(BIN)/turbine render out/artois.json -o out/matrix.png
	@echo "wrote out/matrix.png"
	$(BIN)/turbine render out/artois.json -r text --width 100
	$(BIN)/turbine stats out/artois.json --top 5
	$(BIN)/turbine render out/artois.json -r network -o out/network.png
	$(BIN)/turbine graph out/artois.json --view actors --weight newman -o out/actors.gexf
	@echo "wrote out/network.png and out/actors.gexf (open it in Gephi)"

test: lint typecheck pytest docs wheel-check
	@echo "make test: all checks passed"

lint: $(STAMP)
	$(BIN)/ruff check src tests benchmarks docs/conf.py
	$(BIN)/ruff format --check src tests benchmarks docs/conf.py

typecheck: $(STAMP)
	$(BIN)/mypy

pytest: $(STAMP)
	$(BIN)/pytest --cov --cov-report=term

docs: $(STAMP)
	$(BIN)/sphinx-build --fail-on-warning --keep-going --nitpicky --quiet -b html docs docs/_build/html

# Build the wheel and install it, alone, into a new venv: proves that the schema and the examples
# ship inside it and that the command works without the source tree.
wheel-check: $(STAMP)
	rm -rf dist $(WHEEL_VENV)
	$(BIN)/python -m build --wheel --outdir dist . >/dev/null
	$(PYTHON) -m venv $(WHEEL_VENV)
	$(WHEEL_VENV)/bin/python -m pip install --quiet dist/*.whl
	cd $(WHEEL_VENV) && bin/python -I ../../tests/wheel_check.py

bench: $(STAMP)
	$(BIN)/python benchmarks/bench_io.py
	$(BIN)/python benchmarks/bench_render.py
	$(BIN)/python benchmarks/bench_graph.py

clean:
	rm -rf $(VENV) build dist out docs/_build .pytest_cache .mypy_cache .ruff_cache .coverage .hypothesis
