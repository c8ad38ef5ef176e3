"""The PostgreSQL back end, through psycopg 3: chosen by a ``postgresql://`` URL.

The connection runs in autocommit mode for reads; each batch is written in
one explicit transaction. Writers are serialized by a transaction-scoped
advisory lock (:data:`WRITE_LOCK_KEY`), the same one-writer-at-a-time
discipline SQLite has, so two ingest processes on one database never
deadlock or number the same revision twice. A server that cannot be
reached, or a malformed URL, is one line naming the URL with its password
masked.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

from corroborate.ingest.report import one_line
from corroborate.store.database import Store
from corroborate.store.errors import DatabaseUnavailableError, DatabaseURLError, StoreError
from corroborate.store.schema import LATEST_VERSION, POSTGRESQL

#: Seconds to wait for a server before saying it is unreachable (when the URL
#: sets no ``connect_timeout``): long enough for a loaded server, short
#: enough that a wrong host fails before the user gives up.
CONNECT_TIMEOUT_SECONDS = 10

#: Advisory lock held by every writing transaction: the bytes "corrob" as a number.
WRITE_LOCK_KEY = 0x636F72726F62

#: Prefixes psycopg puts before libpq's own message; the message is clearer without them.
_DRIVER_PREFIXES = re.compile(r"^(connection failed|connection is bad):\s*")


class PostgresStore(Store):
    """A store in a PostgreSQL database (its tables in the connection's current schema)."""

    dialect = POSTGRESQL

    def __init__(self, url: str, *, target_version: int = LATEST_VERSION) -> None:
        location = masked_url(url)
        try:
            options = conninfo_to_dict(url)
        except psycopg.Error as error:
            raise DatabaseURLError(f"bad PostgreSQL URL {location}: {_reason(error)}") from None
        timeout = {} if "connect_timeout" in options else {"connect_timeout": CONNECT_TIMEOUT_SECONDS}
        try:
            connection = psycopg.connect(url, autocommit=True, **timeout)
        except psycopg.Error as error:
            raise DatabaseUnavailableError(f"cannot connect to PostgreSQL at {location}: {_reason(error)}") from None
        super().__init__(connection, location)
        try:
            self.migrate(target_version)
        except BaseException:
            connection.close()
            raise

    @contextmanager
    def _transaction(self) -> Iterator[psycopg.Cursor]:
        with self._connection.transaction(), self._connection.cursor() as cursor:
            yield cursor

    def _lock_writers(self, cursor: psycopg.Cursor) -> None:
        cursor.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK_KEY,))

    def _table_names(self, cursor: psycopg.Cursor) -> set[str]:
        cursor.execute("SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()")
        return {row[0] for row in cursor.fetchall()}

    @contextmanager
    def _errors(self) -> Iterator[None]:
        try:
            yield
        except StoreError:
            raise
        except psycopg.OperationalError as error:
            raise DatabaseUnavailableError(f"lost PostgreSQL at {self.location}: {_reason(error)}") from None
        except psycopg.Error as error:
            raise StoreError(f"{self.location}: {_reason(error)}") from None


def masked_url(url: str) -> str:
    """The URL with any password replaced by ``***``, fit to show in a message."""
    masked = re.sub(r"(?i)(password=)[^&]*", r"\1***", url)
    try:
        parts = urlsplit(masked)
    except ValueError:
        return masked
    if parts.password is None:
        return masked
    user_info, host = parts.netloc.rsplit("@", 1)
    user = user_info.split(":", 1)[0]
    return parts._replace(netloc=f"{user}:***@{host}").geturl()


def _reason(error: BaseException) -> str:
    """The driver's message, first line only, without psycopg's prefix."""
    first = str(error).strip().split("\n", 1)[0]
    return _DRIVER_PREFIXES.sub("", one_line(first)) or type(error).__name__
