"""A child process for the crash tests: ingest one input into a store, saying what it does on stdout.

Usage: ``python store_ingest_child.py DATABASE INPUT BATCH_SIZE [HANG_AT]``

Prints ``committed DONE TOTAL`` after each committed batch and a JSON summary
at the end. With ``HANG_AT=N`` it stops right after writing the N-th article
version, inside that batch's open transaction, prints ``hanging`` and waits
to be killed: the only way to be sure a kill lands mid-transaction.
"""

from __future__ import annotations

import json
import sys
import time

from corroborate.store import ingest_into_store, open_store

#: Long enough for any parent to kill us; short enough not to linger if it never does.
HANG_SECONDS = 120


def main(argv: list[str]) -> None:
    database, input, batch_size = argv[0], argv[1], int(argv[2])
    hang_at = int(argv[3]) if len(argv) > 3 else None
    store = open_store(database)
    if hang_at is not None:
        written = 0
        write_version = store._write_version

        def write_then_hang(cursor, version, stored_at):
            nonlocal written
            outcome = write_version(cursor, version, stored_at)
            written += 1
            if written == hang_at:
                print("hanging", flush=True)
                time.sleep(HANG_SECONDS)
            return outcome

        store._write_version = write_then_hang

    def progress(done: int, total: int) -> None:
        print(f"committed {done} {total}", flush=True)

    summary = ingest_into_store([input], store, batch_size=batch_size, progress=progress)
    store.close()
    counts = {"new": summary.new_articles, "revisions": summary.new_revisions, "duplicates": summary.duplicates}
    print(json.dumps(counts), flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])
