# Saiga Desk: `make run` starts the app on the demo database, `make test` runs every test.
# Both create (once) and reuse the virtual environment .venv.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench screenshots lint dist self-test clean-venv

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	$(BIN)/python -m compileall -q saiga_desk  # bytecode once, as an installed app has it (fast start-up)
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/saiga-desk demo --if-empty
	$(BIN)/python main.py

test: $(STAMP)
	@$(BIN)/python -m compileall -q saiga_desk  # the command-line tests start many processes: no recompiling in each
	@url="$${SAIGA_DESK_TEST_DATABASE_URL:-$$($(BIN)/python scripts/pg_test_url.py)}"; \
	if [ -n "$$url" ]; then echo "PostgreSQL tests: $$url"; else echo "PostgreSQL tests: skipped (no server)"; fi; \
	QT_QPA_PLATFORM=offscreen SAIGA_DESK_TEST_DATABASE_URL="$$url" $(BIN)/python -m pytest -q $(PYTEST_ARGS)

bench: $(STAMP)
	$(BIN)/python bench/run_all.py

screenshots: $(STAMP)
	@mkdir -p screenshots
	$(BIN)/python scripts/screenshots.py
	$(BIN)/python scripts/report_pages.py

lint: $(STAMP)
	$(BIN)/ruff check .

dist: $(STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dist]'
	$(BIN)/pyinstaller --noconfirm --clean saiga_desk.spec
	du -sh dist/saiga-desk

self-test: dist
	QT_QPA_PLATFORM=offscreen ./dist/saiga-desk/saiga-desk --self-test

clean-venv:
	rm -rf $(VENV)
