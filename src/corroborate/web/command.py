"""``corroborate serve``: the options and the thin run function behind the command.

The server is read-only unless an upload token is given (``--upload-token``,
or the ``CORROBORATE_UPLOAD_TOKEN`` environment variable, which keeps the
token out of the process list). The database is opened once before serving
so that a wrong path or URL is a one-line error, not a failing first request.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import TextIO

from corroborate.options import add_db_option, database_location, positive_int
from corroborate.store import open_store
from corroborate.web.settings import DEFAULT_MAX_UPLOAD_BYTES, DEFAULT_MAX_UPLOAD_FILES, WebSettings

#: Environment variable holding the upload token when ``--upload-token`` is not given.
UPLOAD_TOKEN_ENV = "CORROBORATE_UPLOAD_TOKEN"
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000

EXIT_OK = 0


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``corroborate serve``."""
    add_db_option(parser)
    parser.add_argument("--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})")
    parser.add_argument(
        "--port", type=_port, default=DEFAULT_PORT, metavar="N", help=f"port to listen on (default {DEFAULT_PORT})"
    )
    parser.add_argument(
        "--upload-token", metavar="TOKEN",
        help=f"accept uploads carrying this token (default: ${UPLOAD_TOKEN_ENV}; without one the server is read-only)",
    )
    parser.add_argument(
        "--max-upload-bytes", type=positive_int, default=DEFAULT_MAX_UPLOAD_BYTES, metavar="N",
        help=f"largest uploaded file kept (default {DEFAULT_MAX_UPLOAD_BYTES})",
    )
    parser.add_argument(
        "--max-upload-files", type=positive_int, default=DEFAULT_MAX_UPLOAD_FILES, metavar="N",
        help=f"most files per upload (default {DEFAULT_MAX_UPLOAD_FILES})",
    )
    parser.add_argument(
        "--fetch-queue", type=Path, metavar="FILE",
        help="JSON Lines file pasted addresses are queued in (default: beside the SQLite file)",
    )


def settings_from_args(args: argparse.Namespace) -> WebSettings:
    """The server's settings from the parsed options (and the token's environment variable)."""
    token = args.upload_token if args.upload_token is not None else os.environ.get(UPLOAD_TOKEN_ENV)
    return WebSettings(
        database=database_location(args),
        upload_token=token or None,
        max_upload_bytes=args.max_upload_bytes,
        max_upload_files=args.max_upload_files,
        fetch_queue=args.fetch_queue,
    )


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Serve the store until interrupted; say where on ``err``."""
    import uvicorn

    from corroborate.web.app import create_app

    settings = settings_from_args(args)
    with open_store(settings.database) as store:  # a wrong path or URL fails here, in one line
        counts = store.counts()
        location = store.location
    mode = "read-only" if settings.read_only else "uploads need the token"
    err.write(
        f"serving {location} ({counts.stories} stories, {counts.articles} articles; {mode}) "
        f"on http://{args.host}:{args.port}/\n"
    )
    err.flush()
    uvicorn.run(create_app(settings), host=args.host, port=args.port, log_level="warning")
    return EXIT_OK


def _port(value: str) -> int:
    number = positive_int(value)
    if number > 65535:
        raise argparse.ArgumentTypeError(f"not a port number: {value}")
    return number


