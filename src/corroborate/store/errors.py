"""The store's errors: one line each, all under :class:`~corroborate.errors.CorroborateError`.

- :class:`StoreError` -- a database cannot be opened, read or written.
  - :class:`DatabaseURLError` -- the database argument is not a path or a
    ``postgresql://`` URL we can use.
  - :class:`DatabaseUnavailableError` -- the file cannot be opened or the
    server cannot be reached.
  - :class:`SchemaError` -- the database is not corroborate's, or was made by
    a newer corroborate.

They belong in :mod:`corroborate.errors` with the rest of the tree; they sit
here until that module (owned elsewhere) takes them.
"""

from __future__ import annotations

from corroborate.errors import CorroborateError


class StoreError(CorroborateError):
    """A database cannot be opened, read or written; the message says why in one line."""


class DatabaseURLError(StoreError):
    """A database argument that is neither a file path nor a PostgreSQL URL we can use."""


class DatabaseUnavailableError(StoreError):
    """A database file that cannot be opened, or a server that cannot be reached."""


class SchemaError(StoreError):
    """A database that is not corroborate's, or whose schema is newer than this code."""
