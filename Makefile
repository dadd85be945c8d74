# Two commands a newcomer needs: `make demo` and `make test`. Everything is installed here.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1:8000

.PHONY: demo test lint format venv serve clean tools lighthouse

venv: $(STAMP)

$(STAMP): requirements.txt requirements-dev.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	touch $(STAMP)

demo: venv
	DEMO=1 $(BIN)/python manage.py migrate --noinput
	DEMO=1 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	DEMO=1 $(BIN)/python manage.py load_demo
	# Readings wait in var/view-counts (pages show them at once) and are folded into the
	# database every minute by a loop started here, as the systemd timer does in production.
	# The background worker (photos, imports, reports) runs beside the server; Ctrl-C stops them all.
	DEMO=1 $(BIN)/python manage.py flush_view_counts --every 60 & fold=$$!; \
	DEMO=1 $(BIN)/python manage.py flush_visits --every 60 & visits=$$!; \
	DEMO=1 $(BIN)/python manage.py run_worker & worker=$$!; \
	trap 'kill $$fold $$visits $$worker 2>/dev/null; wait $$worker; exit 130' INT TERM; \
	DEMO=1 $(BIN)/python manage.py runserver $(HOST); kill $$fold $$visits $$worker 2>/dev/null; wait $$worker || true

test: venv
	TESTING=1 $(BIN)/python manage.py collectstatic --noinput --verbosity 0
	TESTING=1 $(BIN)/python -m pytest $(PYTEST_ARGS)

lint: venv tools
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/djlint templates congresses news campaigns mttq_portal lib opendata reports --lint
	TESTING=1 $(BIN)/python manage.py makemigrations --check --dry-run
	# The W3C Nu HTML checker over every public page shape of a demo built for it (about 3 min);
	# DEMO_DB=sqlite:////path reuses (or builds and keeps) that demo database, as .ci/run does.
	$(BIN)/python tools/check_markup.py $(if $(DEMO_DB),--database-url $(DEMO_DB))

format: venv
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Checkers outside Python, pinned in tools/package.json: vnu-jar (tools/check_markup.py, run by
# `make lint` on the machine's Java) and axe-core (bench/axe_check.py).
tools: tools/node_modules/.installed

# --ignore-scripts: vnu-jar's install script would fetch a Java runtime; the machine's is used.
tools/node_modules/.installed: tools/package.json tools/package-lock.json
	cd tools && npm ci --ignore-scripts --no-audit --no-fund --silent
	touch $@

# Lighthouse for bench/lighthouse_check.py: heavy, so neither lint nor CI installs it.
lighthouse: tools/lighthouse/node_modules/.installed

tools/lighthouse/node_modules/.installed: tools/lighthouse/package.json tools/lighthouse/package-lock.json
	cd tools/lighthouse && npm ci --no-audit --no-fund --silent
	touch $@

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 media private-media
