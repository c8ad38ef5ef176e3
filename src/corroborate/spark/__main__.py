"""Entry point for ``spark-submit`` and ``python -m corroborate.spark``.

``spark-submit [spark options] path/to/corroborate/spark/__main__.py INPUT... -o OUTPUT``
runs the distributed batch on the cluster spark-submit names; the options
after the script are those of ``corroborate spark`` (see docs/spark.md).
Imports are absolute because spark-submit runs this file as a script.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from corroborate.errors import CorroborateError
from corroborate.spark.command import EXIT_USAGE, add_arguments, run


def main(argv: Sequence[str] | None = None) -> int:
    """Parse the options of ``corroborate spark`` and run it; returns the exit status."""
    parser = argparse.ArgumentParser(
        prog="corroborate-spark",
        description="Extract, cluster into stories and annotate the inputs on Spark; write Parquet.",
    )
    add_arguments(parser)
    args = parser.parse_args(argv)
    try:
        return run(args, sys.stdout, sys.stderr)
    except CorroborateError as error:
        sys.stderr.write(f"error: {error}\n")
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
