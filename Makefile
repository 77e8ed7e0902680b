# Leidraad: two commands do the whole set-up on a fresh machine.
#   make run    install, build the graph, serve it on http://127.0.0.1:8000
#   make test   install, run the whole test suite (which builds the graph itself, into temporary folders)
# Everything is installed here: the virtualenv, the Python packages, vendored
# browser assets (from the npm registry) and, for the browser tests, Debian's
# chromium.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)
VENDOR := server/leidraad/static/vendor/.complete
HOST   ?= 127.0.0.1
PORT   ?= 8000

.PHONY: install build run test lint browser virtuoso webservers clients clean bench bench-export

install: $(STAMP) $(VENDOR)

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	rm -f $(VENV)/.installed-*
	touch $@

$(VENDOR): scripts/vendor.sh
	bash scripts/vendor.sh server/leidraad/static/vendor
	touch $@

build: install
	$(BIN)/leidraad build

run: build
	$(BIN)/leidraad serve --host $(HOST) --port $(PORT)

# Debian's chromium for the end-to-end tests (root on CI; sudo elsewhere).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; }

# Debian's Virtuoso (the server binary only, no system service) for tests/test_virtuoso.py.
virtuoso:
	@command -v virtuoso-t >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends virtuoso-opensource-7-bin >/dev/null; }

# Debian's nginx and Apache (binaries only; no service is started) for tests/test_static_export.py, which runs
# each as an unprivileged foreground process serving a `leidraad export`.
webservers:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] && { command -v apache2 >/dev/null 2>&1 || [ -x /usr/sbin/apache2 ]; } || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends -o Dpkg::Options::=--force-confold nginx apache2 >/dev/null; }

# The clients tests/test_clients.py runs: Debian's rapper and roqet, and Comunica, jsonld.js and N3.js from the
# npm registry (versions pinned in tests/clients/package-lock.json).
CLIENTS := tests/clients/node_modules/.complete
clients: $(CLIENTS)
	@command -v rapper >/dev/null 2>&1 && command -v roqet >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    --no-install-recommends raptor2-utils rasqal-utils >/dev/null; }

$(CLIENTS): tests/clients/package.json tests/clients/package-lock.json
	cd tests/clients && npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The benchmarks (not part of the tests): see benchmarks/README.md.  SIZES=10k make bench for a quick run.
SIZES ?= 10k,100k,1m
bench: install virtuoso
	@command -v wrk >/dev/null 2>&1 || { \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq wrk >/dev/null; }
	$(BIN)/python -m pip install --quiet -e ".[test,bench]"
	$(BIN)/python -m benchmarks.run --sizes $(SIZES)

# `leidraad export` of the real build: time, files and size (see benchmarks/export.py).
bench-export: build
	$(BIN)/python -m benchmarks.export

# The suite runs in TEST_JOBS processes (pytest-xdist), each test module whole in one of them; TEST_JOBS=0 runs
# it in this one.
TEST_JOBS ?= 2

test: install browser virtuoso webservers clients
	$(BIN)/ruff check server tests benchmarks scripts
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -n $(TEST_JOBS) --dist loadfile --durations=20

lint: install
	$(BIN)/ruff check server tests benchmarks scripts
	$(BIN)/lint-imports

clean:
	rm -rf dist dist.* test-artifacts server/leidraad/static/vendor tests/clients/node_modules
