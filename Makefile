# Two commands do everything: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app portal
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test test-calendar lint translations messages bench clean help

help:
	@echo "make run    - install, migrate, seed demo data once, serve on http://127.0.0.1:5000"
	@echo "make test   - install dev tools; ruff, format check, import contracts, mypy, the whole suite"
	@echo "make test-calendar - the date-sensitive tests, on each day of CALENDAR_DAYS"
	@echo "make bench  - search benchmark, relevance set, report pages at ten years of history, alerts send at 50k saved searches (slow; not part of make test)"

$(BIN)/python:
	$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11+ is needed"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(STAMP_RUN): requirements.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

$(STAMP_DEV): requirements.txt requirements-dev.txt | $(BIN)/python
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@ $(STAMP_RUN)

translations: $(STAMP_RUN)
	$(BIN)/pybabel compile --statistics -d portal/translations

# Re-extract UI strings and update the catalog (then translate the new msgids in messages.po).
messages: $(STAMP_DEV)
	$(BIN)/pybabel extract -F babel.cfg -k _l -k lazy_gettext --ignore-dirs ".* __pycache__" -o portal/translations/messages.pot .
	$(BIN)/pybabel update -N --ignore-obsolete -i portal/translations/messages.pot -d portal/translations

run: $(STAMP_RUN) translations
	$(FLASK) db upgrade
	@if [ ! -f instance/.demo-seeded ]; then $(FLASK) seed-demo && touch instance/.demo-seeded; \
	 else $(BIN)/python -c 'from portal.demo.accounts import demo_logins; print("Demo logins:"); [print(f"  {r:<12} {e:<45} {p}") for r, e, p in demo_logins()]'; fi
	$(FLASK) search reindex
	@echo ""
	@echo "Portal: http://127.0.0.1:5000   (mail: instance/mail/*.eml, Ctrl+C stops)"
	@$(FLASK) mail deliver --loop & worker=$$!; \
	 trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	 $(FLASK) run --host 127.0.0.1 --port 5000

# Lint, format, layer contracts and types first (seconds), then the suite on both cores.
PYTEST_WORKERS ?= 2
test: $(STAMP_DEV) translations
	$(BIN)/ruff check portal tests bench migrations
	$(BIN)/ruff format --check portal tests bench migrations
	$(BIN)/lint-imports
	$(BIN)/mypy
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS) $(PYTEST_ARGS)

# The tests marked `calendar` run "on" each of these instants (PORTAL_TEST_NOW; Europe/Amsterdam
# wall-clock time unless an offset is given, see tests/clock.py). Every other test, and every
# test in `make test`, runs on tests/clock.py's default day.
CALENDAR_DAYS := \
	2027-01-01T00:30 \
	2026-10-01T10:00 \
	2026-11-20T10:00 \
	2026-12-31T23:30 \
	2028-02-29T10:00 \
	2027-03-28T01:55 \
	2027-10-31T02:30+02:00 \
	2027-07-31T10:00 \
	2027-08-01T10:00
# (New Year just after midnight, when UTC is still in the old year; the 1st, 20th and 31st of a
# month; a leap day; just before the clocks go forward, and in the hour that repeats when they go
# back; the last day of a school year and the first of the next.)

test-calendar: $(STAMP_DEV) translations
	@failed=""; for now in $(CALENDAR_DAYS); do \
	  echo "== calendar tests on $$now"; \
	  PORTAL_TEST_NOW=$$now $(BIN)/python -m pytest -q -m calendar $(CALENDAR_ARGS) \
	    || failed="$$failed $$now"; \
	done; \
	if [ -n "$$failed" ]; then echo "calendar tests failed on:$$failed"; exit 1; fi

# Speed (bench/, writes docs/PERFORMANCE.md), then relevance: MRR@10 and nDCG@10 per backend and
# per category on tests/search/relevance (PostgreSQL: RELEVANCE_DATABASE_URL, or --no-postgres);
# then the reports at ten years of history on SQLite and PostgreSQL (bench/reports.py; the same
# BENCH_DATABASE_URL; REPORTS_BENCH_ARGS="--db sqlite" to skip PostgreSQL).
bench: $(STAMP_DEV) translations
	$(BIN)/python -m bench $(BENCH_ARGS)
	$(BIN)/python -m bench.alerts
	$(BIN)/python -m bench.demand
	$(BIN)/python scripts/relevance.py $(RELEVANCE_ARGS)
	$(BIN)/python -m bench.reports $(REPORTS_BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
