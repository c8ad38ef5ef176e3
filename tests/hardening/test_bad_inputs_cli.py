"""The bad-input catalogue (docs/errors.md) through ``corroborate extract`` and ``corroborate ingest``.

Every case is run together with a good page of the bundled example: the bad
input gets its one-line report (asserted exactly, as docs/errors.md quotes
it), the good article is still written or stored, the exit status is 1 when
something was skipped, and no traceback reaches the user.
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from bad_input_builders import (
    PNG_BYTES,
    big_page,
    binary_with_nul_bytes,
    broken_jsonl,
    duplicate_ids_jsonl,
    empty_feed,
    german_jsonl,
    gzip_bomb,
    login_page,
    menu_page,
    mixed_encoding_jsonl,
    mixed_encoding_page,
    nested_page,
    truncated_warc,
    undated_jsonl,
)

from corroborate.cli import EXIT_INPUT_PROBLEMS, EXIT_OK, main
from corroborate.store import open_store

GOOD_ID = "001_69f3748dca759eec"

#: Seconds allowed per input in the slow-page case: far below what its 20 MB page needs, far above the good page.
SLOW_LIMIT = 5


@dataclass(frozen=True)
class Case:
    """A bad input: how to build it, the report lines it gets, and how many articles it still yields.

    ``unextracted`` counts documents that were read but held no article
    (``ingest`` reports them as "without article"); ``options`` are given to
    the command beside the inputs.
    """

    build: Callable[[Path], list[str]]
    reports: Callable[[Path], list[str]]
    articles: int
    exit: int = EXIT_INPUT_PROBLEMS
    unextracted: int = 0
    options: tuple[str, ...] = ()


def _file(name: str, content: bytes) -> Callable[[Path], list[str]]:
    def build(folder: Path) -> list[str]:
        (folder / name).write_bytes(content)
        return [str(folder / name)]

    return build


def _empty_folders(folder: Path) -> list[str]:
    (folder / "nothing").mkdir()
    (folder / "only-folders" / "a" / "b").mkdir(parents=True)
    return [str(folder / "nothing"), str(folder / "only-folders")]


def _big_files(folder: Path) -> list[str]:
    (folder / "big.html").write_bytes(big_page(50_000_000))
    (folder / "bomb.html.gz").write_bytes(gzip_bomb(30_000_000))
    return [str(folder / "big.html"), str(folder / "bomb.html.gz")]


def _pages_without_article(folder: Path) -> list[str]:
    (folder / "front.html").write_bytes(menu_page())
    (folder / "login.html").write_bytes(login_page())
    return [str(folder / "front.html"), str(folder / "login.html")]


CASES: dict[str, Case] = {
    "missing path": Case(
        lambda d: [str(d / "missing.html"), str(d / "no-match-*.html")],
        lambda d: [
            f"skipped   {d}/missing.html: no such file or directory",
            f"skipped   {d}/no-match-*.html: glob pattern matches no files",
        ],
        0,
    ),
    "directory of nothing": Case(
        _empty_folders,
        lambda d: [
            f"skipped   {d}/nothing: folder contains no files",
            f"skipped   {d}/only-folders: folder contains no files",
        ],
        0,
    ),
    "empty file": Case(_file("empty.html", b""), lambda d: [f"skipped   {d}/empty.html: empty file (0 bytes)"], 0),
    "whitespace-only file": Case(
        _file("blank.txt", b" \n\t\n"), lambda d: [f"skipped   {d}/blank.txt: file holds only whitespace"], 0
    ),
    "binary file (known format)": Case(
        _file("photo.html", PNG_BYTES), lambda d: [f"skipped   {d}/photo.html: binary file (PNG image)"], 0
    ),
    "binary file (unknown bytes)": Case(
        _file("blob.bin", binary_with_nul_bytes()),
        lambda d: [f"skipped   {d}/blob.bin: binary file (contains NUL bytes)"],
        0,
    ),
    "50 MB page and a gzip bomb": Case(
        _big_files,
        lambda d: [
            f"skipped   {d}/big.html: file is 50 MB, over the 25 MB limit (--max-bytes)",
            f"skipped   {d}/bomb.html.gz: decompressed gzip data is over the 25 MB limit (--max-bytes)",
        ],
        0,
    ),
    "deeply nested HTML (100,000 levels)": Case(
        _file("deep.html", nested_page(100_000)),
        lambda d: [
            f"skipped   {d}/deep.html: the HTML page is nested too deeply to parse (more than 2047 levels of elements)"
        ],
        0,
        unextracted=1,
    ),
    # 20 MB of prose takes minutes in the date search; the page is dropped at the limit, the batch goes on.
    "page that takes too long to extract": Case(
        _file("slow.html", big_page(20_000_000)),
        lambda d: [f"skipped   {d}/slow.html: extracting the article took longer than {SLOW_LIMIT} s (limit --time-limit)"],
        0,
        unextracted=1,
        options=("--time-limit", str(SLOW_LIMIT)),
    ),
    "HTML with no article": Case(
        _pages_without_article,
        lambda d: [
            f"skipped   {d}/front.html: no article text found on the page (only menu or link text)",
            f"skipped   {d}/login.html: no article text found on the page",
        ],
        0,
        unextracted=2,
    ),
    "JSON Lines with a broken line in the middle": Case(
        _file("broken.jsonl", broken_jsonl()),
        lambda d: [
            f"partial   {d}/broken.jsonl: 2 document(s); 2 of 3 records read; 1 line failed (line 2)",
            f"skipped   {d}/broken.jsonl:2: invalid JSON (Unterminated string starting at column 26)",
        ],
        2,
    ),
    "duplicate ids": Case(
        _file("dup.jsonl", duplicate_ids_jsonl()),
        lambda d: [
            f"partial   {d}/dup.jsonl: 1 document(s); 1 of 3 records read; 2 lines failed (lines 2, 3)",
            f"skipped   {d}/dup.jsonl:2: duplicate id 'fare-1' (line 1 has the same id); not read",
            f"skipped   {d}/dup.jsonl:3: duplicate id 'fare-1' (line 1 has the same id); not read",
        ],
        1,
    ),
    "feed with no items": Case(
        _file("feed.xml", empty_feed()), lambda d: [f"skipped   {d}/feed.xml: feed has no items"], 0
    ),
    "truncated WARC": Case(
        _file("crawl.warc", truncated_warc()),
        lambda d: [
            f"partial   {d}/crawl.warc: 1 document(s); "
            "WARC is truncated inside record #2; read before the break: 1 HTML page"
        ],
        1,
    ),
    "mixed encodings and invalid UTF-8": Case(
        lambda d: _file("mixed.html", mixed_encoding_page())(d) + _file("mixed.jsonl", mixed_encoding_jsonl())(d),
        lambda d: [f"processed {d}/mixed.html: 1 document(s)", f"processed {d}/mixed.jsonl: 2 document(s)"],
        3,
        EXIT_OK,
    ),
    "article with no date": Case(
        _file("undated.jsonl", undated_jsonl()), lambda d: [f"processed {d}/undated.jsonl: 1 document(s)"], 1, EXIT_OK
    ),
    "article in another language": Case(
        _file("german.jsonl", german_jsonl()), lambda d: [f"processed {d}/german.jsonl: 1 document(s)"], 1, EXIT_OK
    ),
}


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("name", list(CASES))
def test_extract_reports_the_bad_input_and_writes_the_rest(name: str, tmp_path: Path, good_page: Path) -> None:
    case = CASES[name]
    inputs = case.build(tmp_path)
    status, out, err = run_cli("extract", *inputs, str(good_page), *case.options)
    lines = err.splitlines()
    assert "Traceback" not in err
    assert lines[:-1] == case.reports(tmp_path) + [f"processed {good_page}: 1 document(s)"]
    failed = sum(1 for line in case.reports(tmp_path) if not line.startswith("processed"))
    assert lines[-1] == f"{case.articles + 1} article(s) written; {failed} input(s) skipped or partial"
    records = [json.loads(line) for line in out.splitlines()]
    assert len(records) == case.articles + 1 and records[-1]["id"] == GOOD_ID
    assert status == case.exit


@pytest.mark.parametrize("name", list(CASES))
def test_ingest_reports_the_bad_input_and_stores_the_rest(name: str, tmp_path: Path, good_page: Path) -> None:
    case = CASES[name]
    inputs = case.build(tmp_path)
    database = tmp_path / "store.db"
    status, out, err = run_cli(
        "ingest", *inputs, str(good_page), "--db", str(database), "--no-progress", *case.options
    )
    lines = err.splitlines()
    assert "Traceback" not in err and out == ""
    assert lines[:-1] == case.reports(tmp_path) + [f"processed {good_page}: 1 document(s)"]
    failed = sum(1 for line in case.reports(tmp_path) if not line.startswith("processed"))
    found, stored = case.articles + case.unextracted + 1, case.articles + 1
    assert lines[-1].startswith(
        f"{found} document(s) into {database}: {stored} new, 0 revised, 0 already stored, "
        f"{case.unextracted} without article;"
    )
    assert lines[-1].endswith(f"; {failed} input(s) skipped or partial")
    with open_store(database) as store:
        stored = list(store.articles())
    assert len(stored) == case.articles + 1 and stored[-1].article.id == GOOD_ID
    assert status == case.exit
