# Two commands do everything: `make run` and `make test`. See README.md.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app portal
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test lint translations messages bench clean help

help:
	@echo "make run    - install, migrate, seed demo data once, serve on http://127.0.0.1:5000"
	@echo "make test   - install dev tools, ruff, the whole pytest suite"
	@echo "make bench  - search benchmark (slow; not part of make test)"

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

test: $(STAMP_DEV) translations
	$(BIN)/ruff check portal tests bench migrations
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: $(STAMP_DEV) translations
	$(BIN)/python -m bench $(BENCH_ARGS)

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache
