"""``corroborate spark``: the options and the thin run function behind the command.

Kept here rather than in ``cli.py`` so the ``spark-submit`` entry
(:mod:`.__main__`) and the ``corroborate`` command share one definition. Like
every command it reports each input on standard error and exits 0 when every
input was processed, 1 when some input or record was skipped (the rest is
still written); user mistakes raise :class:`~corroborate.errors.CorroborateError`
with a one-line message, which the caller prints.
"""

from __future__ import annotations

import argparse
from typing import TextIO

from corroborate.options import add_input_limit_options, add_reference_date_option, format_report, positive_int

EXIT_OK = 0
EXIT_INPUT_PROBLEMS = 1
EXIT_USAGE = 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of ``corroborate spark`` (also those of ``spark-submit .../spark/__main__.py``)."""
    parser.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder (searched recursively) or glob")
    parser.add_argument(
        "-o", "--output", metavar="DIR", required=True,
        help="new folder to write articles/ and inputs/ (Parquet) into; must not exist",
    )
    parser.add_argument(
        "--master", metavar="URL",
        help="Spark master (default: the one spark-submit gives, else local[2])",
    )
    parser.add_argument(
        "--partitions", type=positive_int, metavar="N",
        help="partitions for extraction and annotation (default: Spark's default parallelism)",
    )
    add_input_limit_options(parser)
    add_reference_date_option(parser)
    parser.add_argument("-q", "--quiet", action="store_true", help="report only skipped inputs")


def run(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """Run the distributed batch with the parsed options; report inputs on ``err``."""
    from corroborate.spark.job import check_output_free, run_spark_batch
    from corroborate.spark.session import spark_session

    check_output_free(args.output)  # before Spark's ~10 s start-up
    with spark_session(args.master) as spark:
        summary = run_spark_batch(
            spark,
            args.inputs,
            args.output,
            max_bytes=args.max_bytes,
            time_limit=args.time_limit,
            reference_date=args.reference_date,
            partitions=args.partitions,
        )
    for report in summary.reports:
        if report.failed or not args.quiet:
            err.write(format_report(report) + "\n")
    skipped = sum(1 for report in summary.reports if report.failed)
    err.write(
        f"{summary.articles} article(s) in {summary.stories} story(ies) written to {summary.output} "
        f"({summary.partitions} partitions); {skipped} input(s) skipped or partial\n"
    )
    return EXIT_INPUT_PROBLEMS if summary.failed else EXIT_OK
