"""What the fuzz benchmark fuzzes: one target per reader and normalizer, and their seeds.

A target takes the fuzzer's bytes and runs one reader or normalizer on them
the way the pipeline does. It returns what that code made of the input (a
reader's :class:`~corroborate.ingest.report.IngestedInput`, a list of time
expressions, ...) and raises only for a *finding*:

- an exception other than a :class:`~corroborate.errors.CorroborateError`
  escaping the code under test (readers are called unwrapped, through
  ``function.__wrapped__``, so the traceback shows where it started);
- :class:`UnplannedFailure`: a reader's report says "could not be read (...)",
  which is how :func:`corroborate.ingest.report.reader` hides an exception
  nobody planned for (raised inside a nested reader, such as the one a gzip
  file's content goes to), or an output breaks the contract every later stage
  relies on (a span that is not the slice of the text it claims to be).

Hangs and memory blow-ups are found by the fuzzer process itself (libFuzzer's
``-timeout`` and ``-rss_limit_mb``). Nothing here needs atheris: the same
targets replay saved findings in the regression tests
(``tests/hardening/test_fuzz_regressions.py``) and run under the fuzzer in
:mod:`corroborate.bench.fuzz_process`.

Normalizers take text plus parameters; their targets read the parameters from
the first bytes of the input (:func:`reference_and_text`), so every input,
including a saved finding, is plain bytes.
"""

from __future__ import annotations

import gzip
import io
import json
import re
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from corroborate.annotate.quantities import find_quantities, parse_number
from corroborate.annotate.times import find_times, infer_reference_date
from corroborate.errors import CorroborateError
from corroborate.extract import extract_documents
from corroborate.extract.dates import EARLIEST_YEAR, LATEST_YEAR, parse_date
from corroborate.extract.textdates import full_dates, is_date_line
from corroborate.ingest import READERS, ingest_found, read_bytes, read_gzip
from corroborate.ingest.feed import read_feed
from corroborate.ingest.files import FoundFile
from corroborate.ingest.jsonl import read_json
from corroborate.ingest.page import read_html, read_text
from corroborate.ingest.report import IngestedInput, Reader, skipped
from corroborate.ingest.warc import read_warc

#: The input name readers see; reports and record names start with it.
FUZZ_INPUT = "fuzz-input"

#: The size limit (``--max-bytes``) readers get. Far below the 25 MB default
#: so the limit's code paths (a gzip member or WARC record expanding past it)
#: are reachable from a fuzzer input of a few kB, and a decompressed input
#: stays small enough to extract in well under the per-input timeout.
FUZZ_MAX_BYTES = 250_000

#: The size limit for the file-reading target: small, so an input of a few kB
#: over it is cut into several parts (:mod:`corroborate.ingest.parts`).
PARTS_MAX_BYTES = 2_048

#: What a reader's report says when it hid an exception nobody planned for
#: (see :func:`corroborate.ingest.report.unexpected`).
UNPLANNED_REASON = "could not be read ("

#: Normalizer inputs: reference dates are counted in days from this one, so
#: two bytes reach 2079; the value 0xFFFF means "no reference date".
REFERENCE_EPOCH = date(1900, 1, 1)
NO_REFERENCE = 0xFFFF

#: The bundled example and the shared extraction benchmark pages, used as seeds.
EXAMPLE_FOLDER = Path(__file__).resolve().parents[3] / "examples" / "iraq-coalition-2024"
SHARED_PAGES = Path("extraction-scrapinghub") / "html"
#: How many shared pages seed the page targets: a few real pages give the
#: fuzzer real markup to mutate; more only slow the first pass over the corpus.
SHARED_PAGE_SEEDS = 5

_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class UnplannedFailure(AssertionError):
    """A finding the code under test did not raise itself: a hidden exception or a broken contract."""


# --- Readers -----------------------------------------------------------------


def read_checked(read: Reader, data: bytes) -> IngestedInput:
    """Run a ``@reader`` unwrapped; its own errors become the report the user would see."""
    try:
        result: IngestedInput = read.__wrapped__(FUZZ_INPUT, data, FUZZ_MAX_BYTES)  # type: ignore[attr-defined]
    except CorroborateError as error:
        result = skipped(FUZZ_INPUT, str(error))
    try:
        check_reader_result(result)
    except UnplannedFailure:
        # Raised again unhidden, its traceback shows where it started.
        hidden = hidden_exception(read, data)
        if hidden is not None:
            raise hidden from None
        raise
    return result


def hidden_exception(read: Reader, data: bytes) -> Exception | None:
    """The exception a nested reader turned into a report, caught by re-reading with every reader unwrapped."""
    wrapped = dict(READERS)
    READERS.update({name: getattr(function, "__wrapped__", function) for name, function in wrapped.items()})
    try:
        read.__wrapped__(FUZZ_INPUT, data, FUZZ_MAX_BYTES)  # type: ignore[attr-defined]
    except CorroborateError:
        return None
    except Exception as error:  # noqa: BLE001 - this is the exception being looked for
        return error
    finally:
        READERS.update(wrapped)
    return None


def check_reader_result(result: IngestedInput) -> None:
    """Raise :class:`UnplannedFailure` when a report hides an exception or miscounts."""
    for report in [result.report, *result.record_problems]:
        reason = report.reason or ""
        # startswith: a WARC record's "record could not be read (...)" is the reader's
        # planned answer to a content encoding warcio cannot undo.
        if reason.startswith(UNPLANNED_REASON):
            raise UnplannedFailure(f"{report.input}: {reason}")
        if "\n" in reason:
            raise UnplannedFailure(f"{report.input}: reason is not one line: {reason!r}")
    if result.report.documents != len(result.documents):
        raise UnplannedFailure(
            f"report counts {result.report.documents} documents, the reader returned {len(result.documents)}"
        )


def fuzz_html(data: bytes) -> IngestedInput:
    """One HTML page."""
    return read_checked(read_html, data)


def fuzz_text(data: bytes) -> IngestedInput:
    """One pre-scraped text page."""
    return read_checked(read_text, data)


def fuzz_json(data: bytes) -> IngestedInput:
    """A JSON Lines file, or a JSON file of one record or an array."""
    return read_checked(read_json, data)


def fuzz_feed(data: bytes) -> IngestedInput:
    """An RSS or Atom feed."""
    return read_checked(read_feed, data)


def fuzz_warc(data: bytes) -> IngestedInput:
    """A WARC archive."""
    return read_checked(read_warc, data)


def fuzz_gzip(data: bytes) -> IngestedInput:
    """A gzip file; its content goes to the reader its format calls for."""
    return read_checked(read_gzip, data)


def fuzz_read_bytes(data: bytes) -> IngestedInput:
    """Format sniffing and the whole reading path of one file."""
    return read_checked(read_bytes, data)


def fuzz_parts(data: bytes) -> list[IngestedInput]:
    """A file read the way ``ingest`` reads it: a JSON Lines or WARC file over the limit a part at a time."""
    with tempfile.NamedTemporaryFile(prefix="corroborate-fuzz-") as handle:
        handle.write(data)
        handle.flush()
        # No time limit: it would replace libFuzzer's own per-input alarm, which must see slow inputs.
        results = list(ingest_found(FoundFile(FUZZ_INPUT, handle.name), PARTS_MAX_BYTES, time_limit=None))
    for result in results:
        check_reader_result(result)
    return results


def fuzz_extract(data: bytes) -> IngestedInput:
    """Reading, then extracting an article from every document the reader yields."""
    result = read_checked(read_bytes, data)
    # No time limit, for the same reason as in fuzz_parts.
    articles, reports = extract_documents(result.documents, time_limit=None)
    if len(articles) + len(reports) != len(result.documents):
        raise UnplannedFailure(
            f"{len(result.documents)} documents gave {len(articles)} articles and {len(reports)} reports"
        )
    return result


# --- Normalizers -------------------------------------------------------------


def reference_and_text(data: bytes) -> tuple[date | None, str]:
    """A normalizer input: two bytes of reference date (days since 1900), then UTF-8 text."""
    if len(data) < 2:
        return None, data.decode("utf-8", errors="replace")
    days = int.from_bytes(data[:2], "big")
    reference = None if days == NO_REFERENCE else REFERENCE_EPOCH + timedelta(days=days)
    return reference, data[2:].decode("utf-8", errors="replace")


def encode_reference_and_text(reference: date | None, text: str) -> bytes:
    """The input :func:`reference_and_text` reads back as ``(reference, text)``."""
    days = NO_REFERENCE if reference is None else (reference - REFERENCE_EPOCH).days
    return days.to_bytes(2, "big") + text.encode("utf-8")


def fuzz_times(data: bytes) -> list[Any]:
    """Time expressions normalized against a reference date, and the reference inferred from text."""
    reference, text = reference_and_text(data)
    expressions = find_times(text, reference)
    check_spans(text, expressions)
    inferred, confidence, _ = infer_reference_date(text, reference)
    if inferred is not None and not isinstance(inferred, date):
        raise UnplannedFailure(f"inferred reference {inferred!r} is not a date")
    if not 0.0 <= confidence <= 1.0:
        raise UnplannedFailure(f"reference confidence {confidence} is outside 0..1")
    return expressions


def fuzz_quantities(data: bytes) -> list[Any]:
    """Quantities in text (through the spaCy parse), and the number parser on the same words."""
    text = data.decode("utf-8", errors="replace")
    quantities = find_quantities(text)
    check_spans(text, quantities)
    parse_number(text)
    return quantities


def fuzz_dates(data: bytes) -> str | None:
    """The publication-date parser, and the full dates read from a text line."""
    text = data.decode("utf-8", errors="replace")
    value = parse_date(text)
    if value is not None and not (
        _ISO_DAY.fullmatch(value) and EARLIEST_YEAR <= int(value[:4]) <= LATEST_YEAR
    ):
        raise UnplannedFailure(f"parse_date({text!r}) gave {value!r}, not a plausible YYYY-MM-DD")
    for found, _ in full_dates(text):
        parse_date(found)
    is_date_line(text)
    return value


def check_spans(text: str, found: Iterable[Any]) -> None:
    """Every span is inside the text and is exactly the slice it names."""
    for item in found:
        if not (0 <= item.start <= item.end <= len(text)) or text[item.start : item.end] != item.text:
            raise UnplannedFailure(f"span {item.start}:{item.end} {item.text!r} is not text[{item.start}:{item.end}]")


# --- Seeds -------------------------------------------------------------------

ARTICLE = (
    "The harbour council of Port Elsmere voted on Tuesday to raise ferry fares by 12 percent, "
    "the council's chair, Maria Quist, said. \"The ferries have lost money for three years,\" "
    "Quist told reporters after the vote on Sept. 15, 2024."
)

#: Time phrases of the kinds :mod:`corroborate.annotate.times` resolves.
TIME_PHRASES = (
    "U.S. officials said Friday that the mission would end by September 2025.",
    "Troops will stay from September 2025 to September 2026, at least until the winter of 2023 ends.",
    "Sept. 15, Oct. 7 and Dec. 29, 2023; last August and earlier this month; a decade, 10 years.",
    "Profit rose in the third quarter from a year earlier. Later that year it fell. Two years later, in 2017.",
    "The 1990s, the twenty-first century, Q3 2024, 2024-09-27, 09/27/2024, every Monday, daily, 3:30 p.m. Tuesday.",
    "the last several months; the day before; this past weekend; Thanksgiving; New Year's Day; fiscal 2025",
)

#: Quantity phrases of the kinds :mod:`corroborate.annotate.quantities` reads.
QUANTITY_PHRASES = (
    "The U.S. has about 2,500 troops in Iraq advising and assisting Iraqi security forces.",
    "ISIS's combined strength had dwindled to between 1,500 and 3,000 fighters due to losses.",
    "with a peak of 170,000 troops deployed by 2007.",
    "nearly 8 million people living in 40,000 square miles of territory",
    "some 175 rocket and drone strikes; more than 900 stationed in Syria; two-thirds of $1.5 billion; 12%",
)

#: Date strings of the kinds pages and containers give.
DATE_STRINGS = (
    "2024-09-27T14:03:00Z",
    "Fri, 27 Sep 2024 14:03:00 GMT",
    "September 27, 2024",
    "27/09/2024",
    "Published 3:15 PM EDT, Fri September 27, 2024",
    "Updated: Sept. 27, 2024 at 9:02 a.m.",
    "1727445780",
)


@dataclass(frozen=True)
class FuzzTarget:
    """A target function and the seeds its corpus starts from."""

    function: Callable[[bytes], Any]
    seeds: Callable[[Path | None], list[bytes]]
    #: Python packages whose code is instrumented for coverage (the rest runs uninstrumented).
    packages: tuple[str, ...]
    description: str


def example_pages() -> list[bytes]:
    """The bundled example's pre-scraped pages (none when running from an installed package)."""
    return [path.read_bytes() for path in sorted(EXAMPLE_FOLDER.glob("*.txt"))]


def shared_pages(data_root: Path | None) -> list[bytes]:
    """A few gzipped pages of the shared extraction benchmark, when it is on this machine."""
    if data_root is None or not (data_root / SHARED_PAGES).is_dir():
        return []
    return [path.read_bytes() for path in sorted((data_root / SHARED_PAGES).glob("*.html.gz"))[:SHARED_PAGE_SEEDS]]


def html_page(title: str = "Ferry fares rise", body: str = ARTICLE) -> bytes:
    """A small news page: charset, headline, byline, date and one paragraph."""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>' + title + "</title>"
        '<meta property="article:published_time" content="2024-09-27T14:03:00Z"></head>'
        "<body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav><article><h1>" + title + "</h1>"
        "<p class='byline'>By Maria Quist</p><p>" + body + "</p><p>" + body + "</p></article>"
        "<footer>&copy; 2024 Valley Courier</footer></body></html>"
    ).encode("utf-8")


def html_seeds(data_root: Path | None) -> list[bytes]:
    """Small pages built here, plus a few real pages from the shared benchmark."""
    fragment = ("<p>" + ARTICLE + "</p><p><b>Fares</b> <i>rise</i> <a href='/x'>today</a></p>").encode("utf-8")
    return [html_page(), fragment, *(gzip.decompress(page) for page in shared_pages(data_root))]


def text_seeds(data_root: Path | None) -> list[bytes]:
    """The bundled example's pages and a short article with a dateline and a byline."""
    dated = f"Ferry fares rise\nBy Maria Quist\nSeptember 27, 2024\n\n{ARTICLE}\n\nRead more: Storm closes bridge\n"
    return [*example_pages(), dated.encode("utf-8"), ARTICLE.encode("cp1252")]


def json_seeds(data_root: Path | None) -> list[bytes]:
    """JSON Lines, a JSON array and a single JSON record, with metadata under the usual names."""
    records = [
        {"id": "fare-1", "text": ARTICLE, "published": "2024-09-27", "title": "Ferry fares rise", "authors": ["Maria Quist"]},
        {"id": "fare-2", "html": html_page().decode("utf-8"), "pubDate": 1727445780, "source": {"name": "Courier"}},
        {"url": "https://courier.example/fares", "content": ARTICLE, "lang": "en"},
    ]
    lines = "".join(json.dumps(record) + "\n" for record in records)
    return [lines.encode("utf-8"), json.dumps(records).encode("utf-8"), json.dumps(records[0]).encode("utf-8")]


def feed_seeds(data_root: Path | None) -> list[bytes]:
    """An RSS 2.0 feed and an Atom feed, each with an HTML item and a plain one."""
    rss = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        "<channel><title>Valley Courier</title><link>https://courier.example/</link><language>en</language>"
        "<item><title>Ferry fares rise</title><link>https://courier.example/fares</link>"
        "<pubDate>Fri, 27 Sep 2024 14:03:00 GMT</pubDate><author>Maria Quist</author>"
        f"<content:encoded><![CDATA[<p>{ARTICLE}</p>]]></content:encoded></item>"
        f"<item><title>Bridge closed</title><description>{ARTICLE}</description></item>"
        "</channel></rss>"
    )
    atom = (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Courier</title>'
        "<entry><title>Ferry fares rise</title><id>urn:fare-1</id><updated>2024-09-27T14:03:00Z</updated>"
        f'<author><name>Maria Quist</name></author><content type="html">&lt;p&gt;{ARTICLE}&lt;/p&gt;</content></entry>'
        f"<entry><title>Plain</title><summary>{ARTICLE}</summary></entry></feed>"
    )
    return [rss.encode("utf-8"), atom.encode("utf-8")]


def warc_archive(*, compressed: bool) -> bytes:
    """A WARC with a warcinfo, a request, an HTML response, a 404 and an image response."""
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=compressed)
    writer.write_record(writer.create_warcinfo_record("fuzz.warc", {"software": "corroborate fuzz seeds"}))
    request = StatusAndHeaders("GET /fares HTTP/1.1", [("Host", "courier.example")], is_http_request=True)
    writer.write_record(
        writer.create_warc_record("https://courier.example/fares", "request", http_headers=request)
    )
    for status, content_type, body in (
        ("200 OK", "text/html; charset=utf-8", html_page()),
        ("404 Not Found", "text/html", b"<html><body>Not found</body></html>"),
        ("200 OK", "image/png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ):
        headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
        writer.write_record(
            writer.create_warc_record(
                "https://courier.example/fares", "response", payload=io.BytesIO(body), http_headers=headers
            )
        )
    return buffer.getvalue()


def warc_seeds(data_root: Path | None) -> list[bytes]:
    """The same small archive, plain and gzipped per record."""
    return [warc_archive(compressed=False), warc_archive(compressed=True)]


def gzip_seeds(data_root: Path | None) -> list[bytes]:
    """Gzipped pages, JSON Lines and a WARC, and the shared benchmark's gzipped pages."""
    inner = [html_page(), json_seeds(data_root)[0], text_seeds(data_root)[-2], feed_seeds(data_root)[0]]
    return [*(gzip.compress(data) for data in inner), warc_archive(compressed=True), *shared_pages(data_root)]


def container_seeds(data_root: Path | None) -> list[bytes]:
    """JSON Lines and WARC files a few times the parts limit, plain and gzipped, and a small page."""
    lines = json_seeds(None)[0]
    warc = warc_archive(compressed=False)
    return [lines * 3, warc * 2, gzip.compress(lines * 3), warc_archive(compressed=True) * 2, html_page()]


def all_format_seeds(data_root: Path | None) -> list[bytes]:
    """Seeds of every format, for the targets that sniff the format first."""
    return [
        *html_seeds(None), *text_seeds(None), *json_seeds(None), *feed_seeds(None),
        *warc_seeds(None), *gzip_seeds(data_root),
    ]


def time_seeds(data_root: Path | None) -> list[bytes]:
    """Time phrases against a 2024 reference, against none, and an example page."""
    reference = date(2024, 9, 27)
    seeds = [encode_reference_and_text(reference, phrase) for phrase in TIME_PHRASES]
    seeds.append(encode_reference_and_text(None, TIME_PHRASES[0]))
    seeds.extend(encode_reference_and_text(reference, page.decode("utf-8")) for page in example_pages()[:1])
    return seeds


def quantity_seeds(data_root: Path | None) -> list[bytes]:
    """Quantity phrases."""
    return [phrase.encode("utf-8") for phrase in QUANTITY_PHRASES]


def date_seeds(data_root: Path | None) -> list[bytes]:
    """Date strings as pages and containers give them."""
    return [text.encode("utf-8") for text in DATE_STRINGS]


_READING = ("corroborate.ingest",)

#: Target name -> target. Each runs in its own fuzzer process.
TARGETS: dict[str, FuzzTarget] = {
    "html": FuzzTarget(fuzz_html, html_seeds, _READING, "HTML page reader"),
    "text": FuzzTarget(fuzz_text, text_seeds, _READING, "pre-scraped text page reader"),
    "json": FuzzTarget(fuzz_json, json_seeds, _READING, "JSON Lines / JSON reader"),
    "feed": FuzzTarget(fuzz_feed, feed_seeds, (*_READING, "feedparser"), "RSS/Atom feed reader"),
    "warc": FuzzTarget(fuzz_warc, warc_seeds, (*_READING, "warcio"), "WARC reader"),
    "gzip": FuzzTarget(fuzz_gzip, gzip_seeds, (*_READING, "warcio"), "gzip wrapper and the reader inside"),
    "read-bytes": FuzzTarget(
        fuzz_read_bytes, all_format_seeds, (*_READING, "feedparser", "warcio"), "format sniffing and reading"
    ),
    "parts": FuzzTarget(
        fuzz_parts, container_seeds, (*_READING, "warcio"), "files over the size limit, read in parts"
    ),
    "extract": FuzzTarget(
        fuzz_extract,
        all_format_seeds,
        ("corroborate.ingest", "corroborate.extract", "trafilatura", "htmldate", "courlan", "dateutil"),
        "reading, then article extraction",
    ),
    "times": FuzzTarget(
        fuzz_times,
        time_seeds,
        ("corroborate.annotate.times", "corroborate.annotate.timex_lexicon"),
        "time expression normalizer",
    ),
    "quantities": FuzzTarget(
        fuzz_quantities, quantity_seeds, ("corroborate.annotate.quantities",), "quantity parser"
    ),
    "dates": FuzzTarget(
        fuzz_dates,
        date_seeds,
        ("corroborate.extract.dates", "corroborate.extract.textdates", "dateutil"),
        "publication date parser",
    ),
}
