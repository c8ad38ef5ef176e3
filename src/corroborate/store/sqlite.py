"""The SQLite back end: one database file, the default store.

The file runs in WAL mode, so readers never block the writer and a process
killed mid-transaction leaves the last committed batch intact (SQLite rolls
the open transaction back the next time the file is opened). Writers take
the write lock when their transaction begins (``BEGIN IMMEDIATE``) and wait
up to :data:`BUSY_TIMEOUT_SECONDS` for one another. ``synchronous=FULL``
makes a committed batch survive a power cut too, at one fsync per batch.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from corroborate.ingest.report import one_line
from corroborate.store.database import Store
from corroborate.store.errors import DatabaseUnavailableError, SchemaError, StoreError
from corroborate.store.schema import LATEST_VERSION, SQLITE

#: The database file used when none is named.
DEFAULT_DATABASE = "corroborate.db"

#: How long a writer waits for another process's batch before giving up. A
#: batch of ECB+ articles commits in well under a second (see
#: ``ingest.DEFAULT_BATCH_SIZE``); 30 s covers a slow disk with room to spare.
BUSY_TIMEOUT_SECONDS = 30.0
#: Pause between attempts to switch a file that another process holds to WAL.
WAL_RETRY_SECONDS = 0.05


class SQLiteStore(Store):
    """A store in one SQLite file (created when missing)."""

    dialect = SQLITE

    def __init__(self, path: str | Path, *, target_version: int = LATEST_VERSION) -> None:
        path = Path(path)
        _check_path(path)
        try:
            connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS, isolation_level=None)
        except sqlite3.Error as error:
            raise DatabaseUnavailableError(f"cannot open database file {path} ({one_line(str(error))})") from None
        super().__init__(connection, str(path))
        try:
            with self._errors():
                _enable_wal(connection)
                connection.execute("PRAGMA foreign_keys=ON")
                connection.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_SECONDS * 1000)}")
                connection.execute("PRAGMA synchronous=FULL")
            self.migrate(target_version)
        except BaseException:
            connection.close()
            raise

    @contextmanager
    def _transaction(self) -> Iterator[sqlite3.Cursor]:
        cursor = self._connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        try:
            yield cursor
        except BaseException:
            if self._connection.in_transaction:
                self._connection.execute("ROLLBACK")
            raise
        cursor.execute("COMMIT")

    def _lock_writers(self, cursor: sqlite3.Cursor) -> None:
        """Nothing to do: ``BEGIN IMMEDIATE`` already holds the write lock."""

    def _table_names(self, cursor: sqlite3.Cursor) -> set[str]:
        cursor.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        return {row[0] for row in cursor.fetchall()}

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except sqlite3.DatabaseError as error:
            message = one_line(str(error))
            if "file is not a database" in message:
                raise SchemaError(f"{self.location} is not a SQLite database") from None
            if "locked" in message or "busy" in message:
                raise DatabaseUnavailableError(
                    f"{self.location} is busy: another process held it for over {BUSY_TIMEOUT_SECONDS:g} s"
                ) from None
            raise StoreError(f"{self.location}: {message}") from None
        except sqlite3.Error as error:
            raise StoreError(f"{self.location}: {one_line(str(error))}") from None


def _enable_wal(connection: sqlite3.Connection) -> None:
    """Switch the file to WAL, waiting for another process that is opening it too.

    Changing the journal mode needs the file to itself, and SQLite answers
    "database is locked" at once there instead of calling its busy handler,
    so two processes opening a new database together (tests/store:
    two processes ingesting at once) would fail. Retry for the busy timeout.
    """
    deadline = time.monotonic() + BUSY_TIMEOUT_SECONDS
    while True:
        try:
            connection.execute("PRAGMA journal_mode=WAL").fetchone()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(WAL_RETRY_SECONDS)


def _check_path(path: Path) -> None:
    """Say in words what sqlite3 would only call "unable to open database file"."""
    if path.is_dir():
        raise DatabaseUnavailableError(f"{path} is a folder, not a database file")
    parent = path.parent
    if not parent.is_dir():
        raise DatabaseUnavailableError(f"cannot create {path}: folder {parent} does not exist")
