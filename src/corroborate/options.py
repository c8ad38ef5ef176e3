"""Command-line option types and report lines shared by every command-line entry point.

``corroborate`` (:mod:`corroborate.cli`), the ``spark-submit`` entry
(:mod:`corroborate.spark.command`) and the web server's command
(:mod:`corroborate.web.command`) parse the same kinds of values and name a
database the same way; they share these definitions so the three cannot
drift apart. Value parsers raise :class:`argparse.ArgumentTypeError`, which
argparse turns into a one-line usage error.
"""

from __future__ import annotations

import argparse
import os
from datetime import date
from pathlib import Path

from corroborate.ingest import DEFAULT_MAX_BYTES, DEFAULT_TIME_LIMIT
from corroborate.ingest.fetch import DEFAULT_TIMEOUT
from corroborate.ingest.fetch_queue import MAX_ATTEMPTS, default_fetch_queue
from corroborate.model import InputReport
from corroborate.store import DEFAULT_BATCH_SIZE
from corroborate.store.sqlite import DEFAULT_DATABASE

#: Environment variable naming the database when ``--db`` is not given.
DB_ENV = "CORROBORATE_DB"


def positive_int(value: str) -> int:
    """A whole number above 0."""
    try:
        number = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a whole number, got {value!r}") from None
    if number <= 0:
        raise argparse.ArgumentTypeError(f"expected a number above 0, got {number}")
    return number


def positive_seconds(value: str) -> float:
    """A number of seconds above 0."""
    number = seconds(value)
    if number == 0:
        raise argparse.ArgumentTypeError("expected a number of seconds above 0, got 0")
    return number


def seconds(value: str) -> float:
    """A number of seconds, 0 or more."""
    try:
        number = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a number of seconds, got {value!r}") from None
    if not number >= 0 or number == float("inf"):
        raise argparse.ArgumentTypeError(f"expected a number of seconds of 0 or more, got {value}")
    return number


def iso_date(value: str) -> date:
    """A date written ``YYYY-MM-DD``."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date like 2024-09-27, got {value!r}") from None


def add_input_limit_options(command: argparse.ArgumentParser) -> None:
    """``--max-bytes N`` and ``--time-limit S``: inputs over either are skipped, with the reason."""
    command.add_argument(
        "--max-bytes", type=positive_int, default=DEFAULT_MAX_BYTES, metavar="N",
        help=f"skip inputs larger than N bytes (default {DEFAULT_MAX_BYTES})",
    )
    command.add_argument(
        "--time-limit", type=seconds, default=DEFAULT_TIME_LIMIT, metavar="S",
        help=(
            f"skip an input that takes over S seconds to read, or a document over S seconds to extract "
            f"(default {DEFAULT_TIME_LIMIT:g}; 0 for no limit)"
        ),
    )


def add_storing_options(command: argparse.ArgumentParser) -> None:
    """What every command that stores inputs takes: ``--batch-size``, the input limits, ``--progress``."""
    command.add_argument(
        "--batch-size", type=positive_int, default=DEFAULT_BATCH_SIZE, metavar="N",
        help=f"documents per transaction (default {DEFAULT_BATCH_SIZE})",
    )
    add_input_limit_options(command)
    command.add_argument(
        "--progress", action=argparse.BooleanOptionalAction, default=None,
        help="show a progress bar (default: when standard error is a terminal)",
    )


def add_reference_date_option(command: argparse.ArgumentParser) -> None:
    """``--reference-date YYYY-MM-DD``: the date relative times are resolved against, for every input."""
    command.add_argument(
        "--reference-date", type=iso_date, metavar="YYYY-MM-DD",
        help="resolve relative times against this date for every input",
    )


def add_db_option(command: argparse.ArgumentParser) -> None:
    """``--db PATH|URL``: the store to use (see :func:`database_location`)."""
    command.add_argument(
        "--db", metavar="PATH|URL", default=None,
        help=f"SQLite file or postgresql:// URL (default ${DB_ENV} or {DEFAULT_DATABASE})",
    )


def database_location(args: argparse.Namespace) -> str:
    """The database named by ``--db``, else by ``$CORROBORATE_DB``, else the default file."""
    return args.db or os.environ.get(DB_ENV) or DEFAULT_DATABASE


def add_fetch_options(command: argparse.ArgumentParser) -> None:
    """``--queue FILE``, ``--timeout S`` and ``--attempts N``: where queued addresses are, how long to wait."""
    command.add_argument(
        "--queue", type=Path, metavar="FILE",
        help="fetch the addresses pending in this queue file (default: the database's queue, NAME.fetch-queue.jsonl "
        "beside the SQLite file, when no URL is given)",
    )
    command.add_argument(
        "--timeout", type=positive_seconds, default=DEFAULT_TIMEOUT, metavar="S",
        help=f"give up on a connection, or a read from it, after S seconds (default {DEFAULT_TIMEOUT:g})",
    )
    command.add_argument(
        "--attempts", type=positive_int, default=MAX_ATTEMPTS, metavar="N",
        help=f"remove a queued address after N failed attempts that might pass (default {MAX_ATTEMPTS})",
    )


def fetch_queue_location(args: argparse.Namespace) -> Path:
    """The queue named by ``--queue``, else the database's queue, found as the web app finds it."""
    return args.queue if args.queue is not None else default_fetch_queue(database_location(args))


def format_report(report: InputReport) -> str:
    """One line per input: status, path and either the article count or the reason."""
    if report.status == "processed":
        detail = f"{report.documents} document(s)"
    else:
        detail = report.reason
    if report.status == "partial":
        detail = f"{report.documents} document(s); {report.reason}"
    return f"{report.status:<9} {report.input}: {detail}"
