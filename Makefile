# Every target installs what it needs into .venv first, so a fresh clone works.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
PORT ?= 8000

.PHONY: html serve check new publish test lint format golden screenshots bench bench-scaling atlas clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $(STAMP)

html: $(STAMP)  ## build the sample archive in content/ into output/
	$(BIN)/dossier build

serve: $(STAMP)  ## build, serve on 127.0.0.1:$(PORT), rebuild and reload on change
	$(BIN)/dossier serve --port $(PORT)

check: $(STAMP)  ## every problem in content/, one per line (CHECK_FORMAT=github|json)
	$(BIN)/dossier check --format $(or $(CHECK_FORMAT),text)

new: $(STAMP)  ## scaffold a briefing: make new TITLE="..."
	@test -n "$(TITLE)" || { echo 'make new needs a title: make new TITLE="Sirte falls"' >&2; exit 2; }
	$(BIN)/dossier new "$(TITLE)"

publish: $(STAMP)  ## build for deployment: make publish SITEURL=https://org.github.io/repo
	DOSSIER_SITEURL="$(SITEURL)" $(BIN)/dossier build --settings publishconf.py --site-url "$(SITEURL)"

test: $(STAMP)  ## every test, browser tests included
	$(BIN)/python -m pytest

WORKFLOWS := .github/workflows/pages.yml plugins/dossier/starter/dot-github/workflows/pages.yml

lint: $(STAMP)  ## ruff, mypy --strict, and the Pages workflows (ours and init's) against GitHub's schema
	$(BIN)/ruff check plugins tests scripts pelicanconf.py publishconf.py
	$(BIN)/ruff format --check plugins tests scripts pelicanconf.py publishconf.py
	$(BIN)/mypy --strict plugins tests scripts
	$(BIN)/check-jsonschema --builtin-schema vendor.github-workflows $(WORKFLOWS)

format: $(STAMP)
	$(BIN)/ruff check --fix plugins tests scripts pelicanconf.py publishconf.py
	$(BIN)/ruff format plugins tests scripts pelicanconf.py publishconf.py

golden: $(STAMP)  ## rewrite tests/golden/ from the fixture archive (the rewriting run fails by design)
	-DOSSIER_UPDATE_GOLDEN=1 $(BIN)/python -m pytest -q tests/test_build.py tests/test_hostile.py -k golden
	@echo "tests/golden/ rewritten: review 'git diff tests/golden', then 'make test'"

screenshots: html  ## desktop and phone, light and dark, into tmp/screenshots/
	$(BIN)/python scripts/screenshots.py

BENCH_STAMP := $(VENV)/.bench-stamp
$(BENCH_STAMP): $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev,bench]'
	touch $(BENCH_STAMP)

bench: $(BENCH_STAMP)  ## Dossier vs Hugo + Pagefind and stock Pelican + Pagefind (BENCH_N briefings, BENCH_RUNS)
	$(BIN)/python scripts/bench.py --briefings $(or $(BENCH_N),10000) --runs $(or $(BENCH_RUNS),2)
	$(BIN)/python scripts/bench_stages.py .bench/$(or $(BENCH_N),10000)-1500-400/briefing/content
	$(BIN)/python scripts/bench_search.py .bench/$(or $(BENCH_N),10000)-1500-400/briefing/content \
		--hugo .bench/$(or $(BENCH_N),10000)-1500-400/hugo/public

atlas: $(STAMP)  ## refresh the maps' vendored Natural Earth atlas from npm's world-atlas (VERSION)
	$(BIN)/python scripts/refresh_atlas.py --version $(or $(VERSION),2.0.2)

bench-scaling: $(BENCH_STAMP)  ## docs/scaling.md's table: a build, a week and a search per size (SIZES)
	$(BIN)/python scripts/bench_scaling.py --sizes $(or $(SIZES),1000 10000 30000)

clean:
	rm -rf output tmp .pytest_cache .mypy_cache .ruff_cache
