# bienban: two commands on a fresh machine.
#   make site   set up .venv, build the site from records/, serve it on 127.0.0.1:8000
#   make test   set up .venv with the test extras (and Debian's chromium), type-check, run every test

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
CONSTRAINTS := constraints.txt
INPUTS := $(shell cat pyproject.toml $(CONSTRAINTS) | cksum | cut -d' ' -f1)
# The tool and what it needs (make site, build, check); then the test extras on top (make
# test, bench): a machine that only publishes does not need a browser driver and a type checker.
STAMP  := $(VENV)/.installed-$(INPUTS)
TESTED := $(VENV)/.test-extras-$(INPUTS)
CHROMIUM ?= /usr/bin/chromium
SUDO   := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: site build check test bench chromium clean lock

$(STAMP): pyproject.toml $(CONSTRAINTS)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e .
	rm -f $(VENV)/.installed-* $(VENV)/.test-extras-*
	touch $@

$(TESTED): $(STAMP)
	$(PY) -m pip install --quiet -c $(CONSTRAINTS) -e ".[test]"
	touch $@

site: $(STAMP)
	$(VENV)/bin/bienban build
	$(VENV)/bin/bienban serve

build: $(STAMP)
	$(VENV)/bin/bienban build

check: $(STAMP)
	$(VENV)/bin/bienban check

# The browser tests drive Debian's Chromium (Playwright's own browser download
# cannot work offline); install it where it is absent.
chromium:
	@if [ ! -x "$(CHROMIUM)" ]; then \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq && $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	fi

test: $(TESTED) chromium
	$(PY) -m mypy
	$(PY) -m pytest -q

# Build time, memory, one edit in serve (save to page) and search downloads at three sizes.
bench: $(TESTED)
	$(PY) benchmarks/scale.py --meetings 1000 --serve
	$(PY) benchmarks/scale.py --meetings 5000 --serve
	$(PY) benchmarks/scale.py --meetings 10000 --serve

# Re-resolve every dependency to the newest version pyproject.toml allows and pin it
# in constraints.txt (then run make test and commit both).
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet -e ".[test]"
	{ sed -n '1,2p' $(CONSTRAINTS); .venv-lock/bin/pip freeze --exclude-editable | grep -v '^bienban'; } > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)
	rm -rf .venv-lock

# Generated pages, state and built sites (the folder list lives in generator/publish/write.py).
clean: $(STAMP)
	$(VENV)/bin/bienban clean
