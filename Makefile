# The two quickstart commands (see README.md): `make example` and `make test`.
VENV := .venv
EXAMPLE := examples/iraq-coalition-2024

.PHONY: example test install bench lock

example: install
	$(VENV)/bin/corroborate extract $(EXAMPLE) -o out/articles.jsonl
	$(VENV)/bin/corroborate annotate $(EXAMPLE) -o out/annotated.jsonl -q
	$(VENV)/bin/corroborate brief $(EXAMPLE) -o out/brief.md -q
	$(VENV)/bin/corroborate brief $(EXAMPLE) --format html -o out/brief.html -q
	$(VENV)/bin/corroborate ingest $(EXAMPLE) --db out/corroborate.db -q
	$(VENV)/bin/corroborate stories --db out/corroborate.db

test: install
	$(VENV)/bin/python -m pytest -q

install:
	bash scripts/setup.sh

bench: install
	$(VENV)/bin/corroborate bench

# Re-pin every dependency from the current environment (run after changing pyproject.toml).
lock:
	$(VENV)/bin/python -m pip freeze --exclude-editable | sed 's/ @ file:.*//' > requirements.lock

# The store's tests alone, on SQLite and on a throwaway PostgreSQL server (docs/store.md).
.PHONY: test-store
test-store: install
	$(VENV)/bin/python -m pytest -q tests/store
