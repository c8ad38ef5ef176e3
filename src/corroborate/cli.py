"""The ``corroborate`` command: a thin layer over the library.

Each subcommand parses its options, calls one library function and formats
the result. User mistakes become a one-line ``error:`` message and a non-zero
exit status, never a traceback.

Exit status: 0 when every input was processed, 1 when some input or record
was skipped (the rest is still written), 2 for a usage error.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

from corroborate import __version__
from corroborate.errors import BenchmarkDataMissing, CorroborateError, NoArticlesError, UsageError
from corroborate.model import Article, InputReport
from corroborate.pipeline import BriefRun, ExtractionRun, brief_inputs, brief_story, extract_inputs
from corroborate.render import BRIEF_RENDERERS, TIMELINE_RENDERERS, render
from corroborate.options import (
    add_db_option,
    add_fetch_options,
    add_input_limit_options,
    add_reference_date_option,
    add_storing_options,
    database_location,
    fetch_queue_location,
    format_report,
    positive_int,
)
from corroborate.store import IngestSummary, StoreCounts, ingest_into_store, open_store


EXIT_OK = 0
EXIT_INPUT_PROBLEMS = 1
EXIT_USAGE = 2


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand (also used by the docs test)."""
    parser = argparse.ArgumentParser(
        prog="corroborate",
        description="Read news articles about one story and show what is established, with citations.",
    )
    parser.add_argument("--version", action="version", version=f"corroborate {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.required = True

    extract = commands.add_parser(
        "extract",
        help="read articles (HTML, text, JSON Lines, RSS/Atom, WARC) and write clean records",
        description="Read files, folders or globs and write one JSON record per article.",
    )
    _add_input_options(extract, output_help="write JSON Lines here instead of standard output")
    extract.set_defaults(handler=run_extract)

    annotate = commands.add_parser(
        "annotate",
        help="mark up articles with sentences, entities, times, quantities and quotes",
        description="Read and extract articles, then annotate them with character offsets into their clean text.",
    )
    _add_input_options(annotate, output_help="write to FILE instead of standard output")
    annotate.add_argument(
        "--format", choices=("jsonl", "table"), default="jsonl", help="JSON Lines (default) or readable tables"
    )
    add_reference_date_option(annotate)
    annotate.set_defaults(handler=run_annotate)

    brief = commands.add_parser(
        "brief",
        help="compare articles about one story: what is established, by whom, where they disagree, all cited",
        description=(
            "Read, extract and annotate the inputs, compare them and write a brief whose every "
            "statement cites the exact passages it comes from."
        ),
    )
    _add_input_options(brief, output_help="write the brief to FILE instead of standard output", optional=True)
    brief.add_argument(
        "--format", choices=tuple(BRIEF_RENDERERS), default="markdown",
        help="Markdown (default), one self-contained HTML page, or JSON (see docs/brief-json.md)",
    )
    brief.add_argument(
        "--summary-words", type=positive_int, metavar="N", help="keep the summary to about N words"
    )
    add_reference_date_option(brief)
    _add_story_options(brief)
    brief.set_defaults(handler=run_brief)

    timeline = commands.add_parser(
        "timeline",
        help="the story's most important dates, each with cited sentences, past and planned",
        description="Read the inputs and write the dated events they report, every sentence cited.",
    )
    _add_input_options(
        timeline, output_help="write the timeline to FILE instead of standard output", optional=True
    )
    timeline.add_argument(
        "--format", choices=tuple(TIMELINE_RENDERERS), default="markdown", help="Markdown (default) or JSON"
    )
    timeline.add_argument("--dates", type=positive_int, metavar="N", help="keep the N most important dates")
    timeline.add_argument("--per-date", type=positive_int, metavar="K", help="keep K cited sentences per date")
    add_reference_date_option(timeline)
    _add_story_options(timeline)
    timeline.set_defaults(handler=run_timeline)

    ingest = commands.add_parser(
        "ingest",
        help="store articles in a database and place each in a story (idempotent, resumable)",
        description=(
            "Read, extract and store the inputs, a transaction per batch, placing every new article in a "
            "story. Running it again stores nothing twice; a changed article becomes a new revision."
        ),
    )
    ingest.add_argument("inputs", nargs="+", metavar="INPUT", help="file, folder (searched recursively) or glob")
    add_db_option(ingest)
    add_storing_options(ingest)
    ingest.add_argument("-q", "--quiet", action="store_true", help="report only skipped inputs")
    ingest.set_defaults(handler=run_ingest)

    fetch = commands.add_parser(
        "fetch",
        help="download addresses (given, or queued by the web app) and store them as ingest does",
        description=(
            "Download each URL, and each address pending in the fetch queue, and store the pages as "
            "`corroborate ingest` stores files (docs/fetch.md)."
        ),
    )
    fetch.add_argument("urls", nargs="*", metavar="URL", help="http or https address to fetch")
    add_db_option(fetch)
    add_fetch_options(fetch)
    add_storing_options(fetch)
    fetch.add_argument("-q", "--quiet", action="store_true", help="report only addresses that were skipped")
    fetch.set_defaults(handler=run_fetch)

    stories = commands.add_parser(
        "stories",
        help="list the stories of a database: size, outlets, independent sources, dates, headline",
        description="List the stories that `corroborate ingest` formed, most recently active first.",
    )
    add_db_option(stories)
    stories.add_argument("--format", choices=("table", "jsonl"), default="table", help="table (default) or JSON Lines")
    stories.add_argument("--limit", type=positive_int, metavar="N", help="list only the N most recent stories")
    stories.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    stories.set_defaults(handler=run_stories)

    export = commands.add_parser(
        "export",
        help="write one JSON line per stored article: id, input, story, derived_from, ...",
        description="Write every stored article's id, input, story and the article it derives from, as JSON Lines.",
    )
    add_db_option(export)
    export.add_argument("-o", "--output", metavar="FILE", help="write to FILE instead of standard output")
    export.set_defaults(handler=run_export)

    # Their options live beside their code: the spark-submit entry and the web app share them.
    from corroborate.spark import command as spark_command
    from corroborate.web import command as serve_command

    spark = commands.add_parser(
        "spark",
        help="run extract, story clustering and annotate on a Spark cluster; write Parquet",
        description=(
            "The batch pipeline on PySpark over JSON Lines, WARC and pages: extract and annotate on the "
            "executors, story clustering on the driver; results identical to one machine (docs/spark.md)."
        ),
    )
    spark_command.add_arguments(spark)
    spark.set_defaults(handler=spark_command.run)

    serve = commands.add_parser(
        "serve",
        help="browse a database's stories and check every citation in a web browser",
        description="Serve the stories of a database as web pages with a JSON API (docs/web.md).",
    )
    serve_command.add_arguments(serve)
    serve.set_defaults(handler=serve_command.run)

    bench = commands.add_parser(
        "bench",
        help="run benchmarks on the shared data sets and record the results",
        description="Score quality and speed on the shared benchmark data (skipped when absent).",
    )
    bench.add_argument("names", nargs="*", metavar="NAME", help="benchmarks to run (default: all)")
    bench.add_argument("--data", metavar="DIR", type=Path, help="folder holding the benchmark data sets")
    bench.add_argument("--limit", type=positive_int, metavar="N", help="use only the first N items of each set")
    bench.add_argument("--no-record", action="store_true", help="do not update docs/benchmarks.md")
    bench.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    bench.set_defaults(handler=run_bench)
    return parser


def _add_input_options(command: argparse.ArgumentParser, *, output_help: str, optional: bool = False) -> None:
    """Options shared by every command that reads articles: inputs, output, limits."""
    command.add_argument(
        "inputs", nargs="*" if optional else "+", metavar="INPUT",
        help="file, folder (searched recursively) or glob" + (" (or use --story)" if optional else ""),
    )
    command.add_argument("-o", "--output", metavar="FILE", help=output_help)
    add_input_limit_options(command)
    command.add_argument("-q", "--quiet", action="store_true", help="report only skipped inputs")


def _add_story_options(command: argparse.ArgumentParser) -> None:
    command.add_argument("--story", type=positive_int, metavar="ID", help="use a stored story instead of INPUTs")
    add_db_option(command)


def run_extract(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``corroborate extract``: ingest and extract, write JSON Lines, report per input."""
    run = extract_inputs(args.inputs, max_bytes=args.max_bytes, time_limit=args.time_limit)
    lines = [json.dumps(article.to_dict(), ensure_ascii=False) for article in run.articles]
    _write_output(lines, args.output, out)
    _report(run.reports, args, err)
    if args.output and not args.quiet:
        for article in run.articles:
            err.write(format_article_line(article) + "\n")
    return _finish(run, args, err)


def run_annotate(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``corroborate annotate``: extract, then annotate; JSON Lines or tables."""
    from corroborate.annotate import annotate_articles
    from corroborate.render.table import annotation_table

    run = extract_inputs(args.inputs, max_bytes=args.max_bytes, time_limit=args.time_limit)
    records = [a.to_dict() for a in annotate_articles(run.articles, reference_date=args.reference_date)]
    if args.format == "table":
        lines = [annotation_table(record) + "\n" for record in records]
    else:
        lines = [json.dumps(record, ensure_ascii=False) for record in records]
    _write_output(lines, args.output, out)
    _report(run.reports, args, err)
    return _finish(run, args, err)


def run_brief(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``corroborate brief``: the cited brief of the inputs, in the chosen format."""
    run = _brief_run(args, err, summary_words=args.summary_words)
    _write_output([render(run.brief, args.format, BRIEF_RENDERERS)], args.output, out)
    return _finish_brief(run, args, err, "brief")


def run_timeline(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``corroborate timeline``: the N most important dates with K cited sentences each."""
    run = _brief_run(args, err, max_dates=args.dates, per_date=args.per_date)
    _write_output([render(run.brief, args.format, TIMELINE_RENDERERS)], args.output, out)
    return _finish_brief(run, args, err, "timeline")


def _brief_run(args: argparse.Namespace, err: TextIO, **budgets: int | None) -> BriefRun:
    if args.story is not None:
        if args.inputs:
            raise UsageError("give INPUTs or --story, not both")
        with open_store(database_location(args)) as store:
            return brief_story(store, args.story, reference_date=args.reference_date, **budgets)
    if not args.inputs:
        raise UsageError("name the INPUTs to read, or a stored story with --story ID")
    try:
        run = brief_inputs(
            args.inputs, max_bytes=args.max_bytes, time_limit=args.time_limit, reference_date=args.reference_date,
            **budgets,
        )
    except NoArticlesError as error:
        _report(error.reports, args, err)
        raise
    _report(run.reports, args, err)
    return run


def _finish_brief(run: BriefRun, args: argparse.Namespace, err: TextIO, what: str) -> int:
    skipped = sum(1 for report in run.reports if report.failed)
    destination = f" to {args.output}" if args.output else ""
    err.write(
        f"{what} of {len(run.brief.sources)} article(s) written{destination}; "
        f"{skipped} input(s) skipped or partial\n"
    )
    return EXIT_INPUT_PROBLEMS if run.failed else EXIT_OK


def _write_output(lines: Sequence[str], destination: str | None, out: TextIO) -> None:
    if not destination:
        _write_lines(lines, out)
        return
    path = Path(destination)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("w", encoding="utf-8") as output:
            _write_lines(lines, output)
    except OSError as error:
        raise UsageError(f"cannot write {destination}: {error.strerror or error}") from None


def _write_lines(lines: Sequence[str], output: TextIO) -> None:
    for line in lines:
        output.write(line + "\n")


def _report(reports: Sequence[InputReport], args: argparse.Namespace, err: TextIO) -> None:
    for report in reports:
        if report.failed or not args.quiet:
            err.write(format_report(report) + "\n")


def _finish(run: ExtractionRun, args: argparse.Namespace, err: TextIO) -> int:
    skipped = sum(1 for report in run.reports if report.failed)
    destination = f" to {args.output}" if args.output else ""
    err.write(f"{len(run.articles)} article(s) written{destination}; {skipped} input(s) skipped or partial\n")
    return EXIT_INPUT_PROBLEMS if run.failed else EXIT_OK


def format_article_line(article: Article) -> str:
    """A one-line overview of an extracted article for the terminal."""
    if article.published:
        date = f"{article.published} (confidence {article.published_confidence:.2f})"
    else:
        date = "undated"
    title = article.title or "(no title)"
    return (
        f"  {article.id}: {title!r} | {date} | {len(article.paragraphs())} paragraphs, "
        f"{len(article.removed)} blocks removed, {len(article.captions)} captions"
    )


def run_ingest(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``corroborate ingest``: store the inputs, placing each new article in a story; report per input."""
    with open_store(database_location(args)) as store, _progress_bar(_shows_progress(args, err), err) as progress:
        stories_before = store.counts().stories
        summary = ingest_into_store(
            args.inputs, store, max_bytes=args.max_bytes, time_limit=args.time_limit, batch_size=args.batch_size,
            progress=progress,
        )
        counts = store.counts()
        location = store.location
    _report(summary.reports, args, err)
    err.write(_stored_line(summary, location, counts, stories_before, "input(s)"))
    return EXIT_INPUT_PROBLEMS if summary.skipped else EXIT_OK


def run_fetch(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``corroborate fetch``: download the addresses and the queued ones, store them as ``ingest`` does."""
    from corroborate.ingest.fetch import fetch_into_store

    # The queue is drained when it is named, or when no address is given.
    queue = fetch_queue_location(args) if args.queue is not None or not args.urls else None
    progress_shown = _shows_progress(args, err)
    with open_store(database_location(args)) as store, _progress_bar(progress_shown, err, "fetch") as progress:
        stories_before = store.counts().stories
        run = fetch_into_store(
            args.urls, store, queue=queue, timeout=args.timeout, max_bytes=args.max_bytes,
            time_limit=args.time_limit, max_attempts=args.attempts, batch_size=args.batch_size, progress=progress,
        )
        counts = store.counts()
        location = store.location
    summary = run.summary
    _report(summary.reports, args, err)
    settlement = run.settlement
    if settlement is not None:
        for number, _ in settlement.damaged:
            err.write(f"warning: {settlement.queue}:{number} is not a queued address; left as it is\n")
    if not run.addresses:
        where = f" and none pending in {queue}" if queue is not None else ""
        err.write(f"nothing to fetch: no URL given{where}\n")
        return EXIT_OK
    stored = _stored_line(summary, location, counts, stories_before, "address(es) or record(s)")
    err.write(f"{run.addresses} address(es), {stored}")
    if settlement is not None:
        err.write(
            f"queue {settlement.queue}: {len(settlement.done)} done, {len(settlement.retried)} kept to try again, "
            f"{len(settlement.given_up)} given up; {settlement.pending} pending\n"
        )
    return EXIT_INPUT_PROBLEMS if summary.skipped else EXIT_OK


def _stored_line(
    summary: IngestSummary, location: str, counts: StoreCounts, stories_before: int, inputs: str
) -> str:
    """The closing line of a storing command: what became of the documents, and the store's totals."""
    return (
        f"{summary.documents} document(s) into {location}: {summary.new_articles} new, "
        f"{summary.new_revisions} revised, {summary.duplicates} already stored, "
        f"{summary.failed_documents} without article; {counts.stories} stories "
        f"({counts.stories - stories_before} new), {counts.articles} articles in all; "
        f"{len(summary.skipped)} {inputs} skipped or partial\n"
    )


def _shows_progress(args: argparse.Namespace, err: TextIO) -> bool:
    """``--progress``/``--no-progress``, else a bar when standard error is a terminal and not ``-q``."""
    return args.progress if args.progress is not None else (err.isatty() and not args.quiet)


@contextlib.contextmanager
def _progress_bar(
    enabled: bool, err: TextIO, label: str = "ingest"
) -> Iterator[Callable[[int, int], None] | None]:
    """A ``progress(done, total)`` callback drawing a tqdm bar on ``err``, or None when disabled."""
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    bar = tqdm(total=0, unit="doc", file=err, dynamic_ncols=True, desc=label)

    def progress(done: int, total: int) -> None:
        # The total grows as inputs are opened: the stream's length is not known up front.
        if total != bar.total:
            bar.total = total
            bar.refresh()
        bar.update(done - bar.n)

    try:
        yield progress
    finally:
        bar.close()


def run_stories(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``corroborate stories``: the stories of a store, most recently active first."""
    from corroborate.render.table import story_table

    with open_store(database_location(args)) as store:
        stories = store.stories()
        location = store.location
    if args.limit:
        stories = stories[: args.limit]
    if args.format == "jsonl":
        lines = [json.dumps(dataclasses.asdict(story), ensure_ascii=False) for story in stories]
    else:
        lines = [story_table(stories)] if stories else []
    _write_output(lines, args.output, out)
    if not stories:
        err.write(f"no stories in {location}: store articles with `corroborate ingest` first\n")
    return EXIT_OK


def run_export(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``corroborate export``: one JSON line per stored article with its story and origin."""
    with open_store(database_location(args)) as store:
        lines = [json.dumps(row.to_dict(), ensure_ascii=False) for row in store.export_rows()]
        location = store.location
    _write_output(lines, args.output, out)
    destination = f" to {args.output}" if args.output else ""
    err.write(f"{len(lines)} article(s) from {location} written{destination}\n")
    return EXIT_OK


def run_bench(args: argparse.Namespace, out: TextIO, err: TextIO) -> int:
    """``corroborate bench``: run the named benchmarks (all by default)."""
    from corroborate.bench import BENCHMARKS, record_in_docs, run_benchmark

    if args.list:
        for name in BENCHMARKS:
            out.write(name + "\n")
        return EXIT_OK
    names = args.names or list(BENCHMARKS)
    unknown = [name for name in names if name not in BENCHMARKS]
    if unknown:
        raise UsageError(f"unknown benchmark {unknown[0]!r}; known: {', '.join(BENCHMARKS)}")
    for name in names:
        try:
            report = run_benchmark(name, args.data, args.limit)
        except BenchmarkDataMissing as missing:
            err.write(f"skipped {name}: {missing}\n")
            continue
        out.write(report.markdown() + "\n")
        if not args.no_record and args.limit is None:
            path = record_in_docs(report)
            err.write(f"recorded {name} in {path}\n")
    return EXIT_OK


def main(argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Entry point of the ``corroborate`` command; returns the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    parser = build_parser()
    try:
        # argparse prints usage, help and errors itself; send them to our streams.
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            args = parser.parse_args(argv)
    except SystemExit as exit_request:
        return int(exit_request.code or 0)
    handler: Callable[[argparse.Namespace, TextIO, TextIO], int] = args.handler
    try:
        return handler(args, out, err)
    except CorroborateError as error:
        err.write(f"error: {error}\n")
        return EXIT_USAGE
    except KeyboardInterrupt:
        err.write("interrupted\n")
        return 130
    except BrokenPipeError:
        # The reader of our output (e.g. `head`) went away; that is not an error.
        return EXIT_OK


if __name__ == "__main__":
    sys.exit(main())
