# Two commands on a fresh machine: `make build` and `make test`.
# Both create .venv from the pinned lock file when it is missing or older than the lock.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
VNU := tools/vnu/node_modules/vnu-jar/build/dist/vnu.jar
CMS_YAML := tools/cms-yaml/node_modules/yaml/package.json
# Tests run on three processes (pytest-xdist): on a two-core machine a third keeps the cores busy
# while the others wait on a build or a browser (4 min 43 s against 5 min 00 s with two).
# `make test PYTEST_ARGS=` runs them in one process; `PYTEST_ARGS="-n 2 -k editor"` picks some.
PYTEST_ARGS ?= -n 3

# Material 9.8 prints a notice about MkDocs 2 on every build; keep builds readable.
export NO_MKDOCS_2_WARNING := 1

.PHONY: fonts icons build export test test-fast serve check linkcheck lock clean screenshot social-card audit bench briefing update-cms editor-samples editor-style addresses

# The engine that builds the site: mkdocs, or properdocs (a fork of MkDocs 1.x in the lock that
# runs the same hooks and writes the same files): make build ENGINE=properdocs.
ENGINE ?= mkdocs
build: $(STAMP) addresses
	$(BIN)/$(ENGINE) build --strict

# The whole site as source files that an engine with no hooks builds (Zensical, or plain MkDocs):
# pages with their parts in place, feeds, calendars, open data, pictures, the theme and a mkdocs.yml
# without hooks. make export EXPORT_DIR=elsewhere writes another folder; then cd there and build.
EXPORT_DIR ?= export
export: $(STAMP)
	$(BIN)/python -m keepitlocal export $(EXPORT_DIR)

# Add every address the site now publishes to content/published-addresses.txt (commit it), so
# that the check catches a page that disappears. Under CI=true (GitHub Actions) it only names
# the new ones: a build there must leave the checkout as it was, and could not push anyway.
addresses: $(STAMP)
	@$(BIN)/python -m keepitlocal addresses

# Every test: the fast ones below, the builds, the browser and the other programs (Node, Java,
# the linters). Timing bounds and long runs are in `make audit` and `make bench`, not here.
test: $(STAMP) $(VNU) $(CMS_YAML)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

# The tests that need no build, no browser and no other program (under a minute): run them
# while working; run `make test` before a change lands. tests/conftest.py marks each test.
test-fast: $(STAMP)
	$(BIN)/python -m pytest $(PYTEST_ARGS) -m "not build and not browser"

# The YAML library the browser editor writes files with, pinned in tools/cms-yaml/: for
# make editor-style, make editor-samples and the editor's browser tests (skipped without it,
# and failing under CI=true).
$(CMS_YAML): tools/cms-yaml/package-lock.json
	@if command -v npm >/dev/null; then cd tools/cms-yaml && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm is missing: the editor's browser tests that save files will not run (install Node.js and npm)" >&2; fi

# The Nu HTML Checker for the valid-HTML test (it runs with Java), pinned in tools/vnu/.
# Without npm the test is skipped, and fails under CI=true.
$(VNU): tools/vnu/package-lock.json
	@if command -v npm >/dev/null; then cd tools/vnu && npm ci --no-audit --no-fund --loglevel=error; \
	else echo "npm is missing: the valid-HTML test will not run (install Node.js and npm)" >&2; fi

# The live preview at http://127.0.0.1:8000/ (drafts included); make serve PORT=8001 for another port.
PORT ?= 8000
serve: $(STAMP)
	@$(BIN)/python tools/preview.py $(PORT)

# A check that finds problems has printed every one and its own summary, and that summary must
# stay the last line. GNU make reports every failing recipe ("*** [Makefile:..: check] Error 1")
# unless told to ignore it, and then exits 0; so the recipe ends make itself with SIGPIPE: make
# has no handler for it, so it ends at once (no race with the recipe's own exit, no wait), and
# shells print nothing for it (as for Ctrl+C), yet a script or a chain of commands (unlike after
# an interrupt) carries on with a non-zero status: 141. Where SIGPIPE is ignored, make reports
# the failure in its own words instead, still non-zero.
# make check CHECK_ARGS="--base origin/main" also compares the content with what that branch
# published (as each pull request's check does: .github/workflows/pull-request.yml).
CHECK_ARGS ?=
check: $(STAMP)
	@$(BIN)/python -m keepitlocal check $(CHECK_ARGS) || { kill -PIPE $$PPID; exit 1; }

# A new content file with every field, from the template: make new-case-study TITLE="Wirral community hubs"
# Works for every kind declared in keepitlocal/collections.yml: make new-<kind> TITLE="...".
# TITLE reaches the command through the environment, kept exactly as typed (quotes, $ and all).
ifdef TITLE
override TITLE := $(value TITLE)
export TITLE
endif
new-%: $(STAMP)
	@$(BIN)/python -m keepitlocal new $* "$$TITLE"

# The campaign briefing as a PDF, printed from the built site's /briefing/ page with Chromium
# (/usr/bin/chromium, or CHROME_PATH): site/keep-it-local-briefing.pdf. The site builds without it.
briefing: build
	$(BIN)/python tools/briefing_pdf.py site

# Check the sources cited in content/ can still be reached. Needs the internet; never fails.
# LINKCHECK_ARGS="--issue-body FILE" also writes the GitHub issue the weekly workflow keeps.
LINKCHECK_ARGS ?=
linkcheck: $(STAMP)
	$(BIN)/python -m keepitlocal linkcheck $(LINKCHECK_ARGS)

# The pictures in README.md (the home page on a laptop and a phone, the case-study browser and
# the briefing's first page), from a fresh build and its printed briefing.
screenshot: briefing
	$(BIN)/python tools/screenshot.py case-studies site

# The link-preview image every page shares, from tools/social-card.html.
social-card: $(STAMP)
	$(BIN)/python tools/screenshot.py social-card

# Lighthouse (mobile) scores for every kind of reader page (home, each index, a case study, a
# principle, an event, a news post, a council, the briefing, a publication, join, about), the
# median of three runs, served gzipped as GitHub Pages serves them (needs Node 20+ and npm; fails if a score is
# under target; AUDIT_ARGS="--runs 1" for a quick look); then axe-core on every built page at
# phone and desktop width, and no page wider than a 320-pixel screen
# (tests/browser/test_every_page.py, a few minutes); then a longer search for field values the
# check accepts and a writer cannot take (tests/test_every_writer.py); then the tests that hold
# a time to a bound (marked audit: filtering 1,000 case studies in the browser, hostile input,
# a page too slow to convert) and a longer fuzzing with its time bounds (tests/test_fuzz.py).
CHROME_PATH ?= /usr/bin/chromium
AUDIT_ARGS ?=
audit: $(STAMP)
	cd tools/lighthouse && npm ci --no-audit --no-fund --loglevel=error
	CHROME_PATH=$(CHROME_PATH) $(BIN)/python tools/audit.py $(AUDIT_ARGS)
	KIL_EVERY_PAGE=1 $(BIN)/python -m pytest -n 2 -q tests/browser/test_every_page.py
	WRITER_EXAMPLES=2000 $(BIN)/python -m pytest -n 2 -q tests/test_every_writer.py
	KIL_AUDIT=1 $(BIN)/python -m pytest -n 2 -q -rA -m audit
	KIL_AUDIT=1 FUZZ_EXAMPLES=1000 $(BIN)/python -m pytest -n 2 -q tests/test_fuzz.py

$(STAMP): requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "Python 3.11 or newer is needed; $(PYTHON) is $$($(PYTHON) --version 2>&1)." >&2; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.lock
	# Make the content core importable by MkDocs hooks and tests without installing it.
	$(BIN)/python -c 'import pathlib, sysconfig; pathlib.Path(sysconfig.get_paths()["purelib"], "keepitlocal-project.pth").write_text(str(pathlib.Path.cwd()) + "\n")'
	touch $(STAMP)

# Build cost at 100, 1,000 and 5,000 synthetic case studies against a bare Material baseline
# (several minutes), then the bytes of a reader's first visit to each kind of page and of a search
# with today's content, at 100 and at 1,000 (bench/first_visit.py, needs Chromium; fails over
# 120 KB), then how long each filter action takes in the browser at 1,000
# (bench/browser_filter.py, fails over 100 ms); figures go in bench/README.md.
# BENCH_ARGS="--sizes 100,1000 --runs 1" for a quick look at the build.
BENCH_ARGS ?=
bench: $(STAMP)
	$(BIN)/python bench/bench.py $(BENCH_ARGS)
	$(BIN)/python bench/check_speed.py
	$(BIN)/python bench/first_visit.py
	$(BIN)/python bench/browser_filter.py

# The browser editor at /admin/, vendored from npm into vendor/sveltia-cms/: fetch the pinned version
# again and fail unless every file matches vendor/sveltia-cms/cms-lock.json. Needs npm.
# CMS_VERSION=0.222.0 moves to another version and rewrites the lock (review the diff, then commit).
update-cms: $(STAMP)
	$(BIN)/python tools/update_cms.py $(if $(CMS_VERSION),--version $(CMS_VERSION))

# What the editor writes, for every collection: sample entries made from the schemas
# (tests/editor_samples.py), written by the editor's own YAML library (tools/cms-yaml/) into
# tests/data/editor-output/, which the tests read back through the check. Run it after
# changing a schema or a collection; needs Node 20+ and npm.
EDITOR_SAMPLES := tests/data/editor-output
editor-samples: $(STAMP)
	cd tools/cms-yaml && npm ci --no-audit --no-fund --loglevel=error
	rm -rf $(EDITOR_SAMPLES) && mkdir -p $(EDITOR_SAMPLES)
	$(BIN)/python tests/editor_samples.py $(EDITOR_SAMPLES) > $(EDITOR_SAMPLES)/samples.json
	node tools/cms-yaml/format.mjs < $(EDITOR_SAMPLES)/samples.json

# The site's typeface cut down to the characters the site uses (docs/assets/fonts/): run it when
# tests/test_fonts.py names a character the fonts lack, and commit the two files.
fonts: $(STAMP)
	$(BIN)/python tools/subset_fonts.py

# The favicon and app icons (docs/assets/icons/), drawn from the wordmark's letters; commit them.
icons: $(STAMP)
	$(BIN)/python tools/make_icons.py

# Regenerate the lock file after changing requirements.in.
lock: $(STAMP)
	$(BIN)/python -m pip install --quiet pip-tools
	$(BIN)/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras -o requirements.lock requirements.in

clean:
	rm -rf site .pytest_cache .hypothesis

# Write the files the browser editor saves (each kind's entries and list page, the home page) in
# the exact style it saves them, so that a save from the editor changes only the lines edited.
# Safe to run again at any time; content/site.yml keeps its notes and is left alone. Run
# make check afterwards, and commit the result. Needs Node 20+ and npm.
editor-style: $(STAMP) $(CMS_YAML)
	$(BIN)/python tools/editor_style.py
