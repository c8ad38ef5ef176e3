"""Failures around the store end in one clear line, and a re-run loses and duplicates nothing.

A full disk (SQLite refusing to grow, and an output file on ``/dev/full``)
and a PostgreSQL server crashing and restarting under a running ingest.
"""

from __future__ import annotations

import io
import subprocess
import sys
import time
from pathlib import Path

import pytest
from store_helpers import new_postgres_database, snapshot, write_jsonl

from corroborate.cli import EXIT_USAGE, main
from corroborate.store import StoreError, ingest_into_store, open_store

#: Articles per transaction in these tests: many small batches, so a failure lands mid-run.
BATCH_SIZE = 20


@pytest.fixture(scope="module")
def ecb_input(ecb_records, tmp_path_factory) -> Path:
    return write_jsonl(tmp_path_factory.mktemp("failures") / "ecb.jsonl", ecb_records)


@pytest.fixture(scope="module")
def clean_run(ecb_input, tmp_path_factory) -> dict[str, list]:
    with open_store(tmp_path_factory.mktemp("clean") / "clean.db") as store:
        ingest_into_store([str(ecb_input)], store, batch_size=BATCH_SIZE)
        return snapshot(store)


def test_a_full_disk_stops_ingest_in_one_line_and_a_rerun_completes(ecb_input, clean_run, tmp_path):
    database = tmp_path / "full.db"
    with open_store(database) as store:
        # SQLite answers "database or disk is full" when the file may not grow: a full disk, simulated.
        store._connection.execute("PRAGMA max_page_count = 300")
        with pytest.raises(StoreError) as raised:
            ingest_into_store([str(ecb_input)], store, batch_size=BATCH_SIZE)
        assert str(raised.value) == f"{database}: database or disk is full"
        stored = store.counts().articles
    assert 0 < stored < len(clean_run["articles"]) and stored % BATCH_SIZE == 0  # whole batches only
    with open_store(database) as store:  # space again (a new connection has no page limit)
        rerun = ingest_into_store([str(ecb_input)], store, batch_size=BATCH_SIZE)
        assert rerun.duplicates == stored
        assert snapshot(store) == clean_run


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system to simulate a full disk")
@pytest.mark.parametrize("command", [["extract", "examples/iraq-coalition-2024"], ["export"]])
def test_writing_output_to_a_full_disk_is_a_one_line_error(command, tmp_path, monkeypatch):
    monkeypatch.chdir(Path(__file__).resolve().parents[2])
    monkeypatch.setenv("CORROBORATE_DB", str(tmp_path / "store.db"))
    assert main(["ingest", "examples/iraq-coalition-2024", "-q"], io.StringIO(), io.StringIO()) == 0
    out, err = io.StringIO(), io.StringIO()
    status = main([*command, "-o", "/dev/full"], out, err)
    assert status == EXIT_USAGE
    assert err.getvalue().splitlines()[-1] == "error: cannot write /dev/full: No space left on device"


def test_a_postgres_restart_under_a_running_ingest_is_one_line_and_a_rerun_completes(
    postgres_server, ecb_input, clean_run
):
    database = new_postgres_database(postgres_server)
    child = subprocess.Popen(
        [sys.executable, "-m", "corroborate.cli", "ingest", str(ecb_input), "--db", database,
         "--batch-size", str(BATCH_SIZE), "-q"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 120
    while _stored(database) < 2 * BATCH_SIZE:
        assert child.poll() is None, child.communicate()[1]
        assert time.monotonic() < deadline, "the ingest child stored nothing"
        time.sleep(0.1)
    postgres_server.restart()
    _, errors = child.communicate(timeout=180)
    assert child.returncode == EXIT_USAGE, errors
    last = errors.strip().splitlines()[-1]
    assert last.startswith("error: lost PostgreSQL at postgresql://postgres@127.0.0.1:"), errors
    assert "Traceback" not in errors
    stored = _stored(database)
    assert stored % BATCH_SIZE == 0
    with open_store(database) as store:
        rerun = ingest_into_store([str(ecb_input)], store, batch_size=BATCH_SIZE)
        assert rerun.duplicates == stored
        assert snapshot(store) == clean_run


def _stored(database: str) -> int:
    with open_store(database) as store:
        return store.counts().articles
