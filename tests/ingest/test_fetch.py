"""Fetching addresses from a real HTTP server on 127.0.0.1: pages stored as ingest stores files, every failure named.

Each test starts its own server (:mod:`local_http`); nothing leaves the machine.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from local_http import FERRY, HTML, LIBRARY, closed_port_address

from corroborate import __version__
from corroborate.cli import EXIT_INPUT_PROBLEMS, EXIT_OK, EXIT_USAGE, main
from corroborate.ingest.fetch import FetchedPage, address_problem, fetch_address, fetch_into_store, read_fetched
from corroborate.ingest.fetch_queue import default_fetch_queue, enqueue, read_queue
from corroborate.store import open_store
from corroborate.store.identity import canonical_url

def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def exported(database: Path) -> list[dict]:
    with open_store(database) as store:
        return [row.to_dict() for row in store.export_rows()]


def queue_lines(queue: Path) -> list[dict]:
    return [json.loads(line) for line in queue.read_text(encoding="utf-8").splitlines()]


# --- one address ---


def test_a_page_is_stored_as_an_article_whose_input_is_its_address(site, tmp_path) -> None:
    address = site.add("/2025/ferry-fares", FERRY, headers=HTML)
    database = tmp_path / "news.db"
    status, stdout, stderr = run_cli("fetch", address, "--db", str(database))
    assert status == EXIT_OK and stdout == ""
    assert f"processed {address}: 1 document(s)\n" in stderr
    assert f"1 address(es), 1 document(s) into {database}: 1 new, 0 revised, 0 already stored" in stderr
    [row] = exported(database)
    assert (row["id"], row["input"], row["title"]) == (address, address, "Harbour ferry fares rise by 12 percent")
    assert row["url"] == canonical_url(address)  # the store's identity of the address
    with open_store(database) as store:
        [stored] = store.story_articles(row["story"])
    assert (stored.article.input, stored.article.url) == (address, address)
    assert stored.article.text.startswith("The harbour council of Port Elsmere voted on Tuesday")
    assert stored.article.container == "file" and stored.article.format == "html"
    [(path, headers)] = site.requests
    assert path == "/2025/ferry-fares"
    assert headers["User-Agent"].startswith(f"corroborate/{__version__} ")
    assert "text/html" in headers["Accept"]


def test_the_same_page_fetched_twice_is_stored_once(site, tmp_path) -> None:
    address = site.add("/ferry", FERRY, headers=HTML)
    database = str(tmp_path / "news.db")
    assert run_cli("fetch", address, address, "--db", database)[0] == EXIT_OK
    status, _, stderr = run_cli("fetch", address, "--db", database)
    assert status == EXIT_OK
    assert ": 0 new, 0 revised, 1 already stored, 0 without article; 1 stories (0 new), 1 articles in all;" in stderr
    assert site.paths_requested() == ["/ferry", "/ferry"]  # once per run: an address given twice is fetched once
    assert len(exported(Path(database))) == 1


def test_pages_of_one_name_on_different_sites_get_different_ids(site, tmp_path) -> None:
    first = site.add("/gazette/index.html", FERRY, headers=HTML)
    second = site.add("/courier/index.html", FERRY.replace("long meeting", "four-hour meeting"), headers=HTML)
    database = tmp_path / "news.db"
    assert run_cli("fetch", first, second, "--db", str(database))[0] == EXIT_OK
    with open_store(database) as store:
        articles = [stored.article for story in store.stories() for stored in store.story_articles(story.id)]
    # An id from the file name would be "index" twice, which a brief of their story refuses.
    assert sorted(article.id for article in articles) == sorted([first, second])


def test_a_redirect_is_followed_and_the_final_address_is_the_articles_url(site, tmp_path) -> None:
    final = site.add("/2025/04/ferry-fares", FERRY, headers=HTML)
    site.add("/short/1", status=301, headers={"Location": "/ferry"})
    site.add("/ferry", status=302, headers={"Location": final})
    item, attempt = fetch_address(site.url("/short/1"))
    assert item.report.status == "processed" and attempt.settled
    assert item.report.reason == f"redirected to {final}"
    [document] = item.documents
    assert (document.input, document.hints["url"]) == (site.url("/short/1"), final)
    database = tmp_path / "news.db"
    with open_store(database) as store:
        fetch_into_store([site.url("/short/1")], store)
    [row] = exported(database)
    assert (row["input"], row["url"]) == (site.url("/short/1"), canonical_url(final))


def test_too_many_redirects_and_redirects_off_the_web_are_refused(site) -> None:
    for number in range(8):
        site.add(f"/hop/{number}", status=302, headers={"Location": f"/hop/{number + 1}"})
    site.add("/to-ftp", status=302, headers={"Location": "ftp://files.example.org/story.html"})
    site.add("/to-file", status=302, headers={"Location": "file:///etc/passwd"})
    hops, attempt = fetch_address(site.url("/hop/0"))
    assert hops.report.reason == "too many redirects (more than 5, or a loop)" and attempt.settled
    assert site.paths_requested() == [f"/hop/{number}" for number in range(6)]
    assert fetch_address(site.url("/to-ftp"))[0].report.reason == (
        "redirected to an address that is not http or https (ftp://files.example.org/story.html)"
    )
    assert fetch_address(site.url("/to-file"))[0].report.reason == "redirected to an address that is not http or https"


def test_http_errors_are_named_and_only_server_errors_may_be_tried_again(site) -> None:
    site.add("/gone", b"gone", status=410, headers={"Content-Type": "text/plain"})
    site.add("/busy", b"try later", status=503, headers={"Content-Type": "text/plain"})
    site.add("/slow-down", b"", status=429)
    missing, attempt = fetch_address(site.url("/missing"))
    assert (missing.report.status, missing.report.reason, attempt.settled) == ("skipped", "HTTP 404 Not Found", True)
    assert fetch_address(site.url("/gone"))[0].report.reason == "HTTP 410 Gone"
    busy, attempt = fetch_address(site.url("/busy"))
    assert (busy.report.reason, attempt.settled, attempt.error) == (
        "HTTP 503 Service Unavailable", False, "HTTP 503 Service Unavailable"
    )
    assert fetch_address(site.url("/slow-down"))[1].settled is False


def test_a_slow_server_times_out(site) -> None:
    site.add("/slow", FERRY, headers=HTML, delay=30)
    item, attempt = fetch_address(site.url("/slow"), timeout=0.3)
    assert item.report == item.report.__class__(site.url("/slow"), "skipped", "timed out after 0.3 s (--timeout)", 0)
    assert not attempt.settled


def test_a_body_over_the_limit_is_refused_from_its_length_or_cut_off_while_reading(site) -> None:
    site.add("/declared", "<p>" + "x" * 5_000 + "</p>", headers=HTML)
    site.add("/undeclared", "<p>" + "x" * 5_000 + "</p>", headers=HTML, unsized=True)
    declared, attempt = fetch_address(site.url("/declared"), max_bytes=1_000)
    assert declared.report.reason == "page is 5 kB, over the 1 kB limit (--max-bytes)" and attempt.settled
    undeclared, _ = fetch_address(site.url("/undeclared"), max_bytes=1_000)
    assert undeclared.report.reason == "page is over the 1 kB limit (--max-bytes); stopped reading there"
    exactly, _ = fetch_address(site.url("/undeclared"), max_bytes=5_007)
    assert (exactly.report.status, exactly.report.documents) == ("processed", 1)


def test_content_types_no_reader_takes_are_skipped_with_the_type(site) -> None:
    site.add("/photo.jpg", b"\xff\xd8\xff\xe0" + bytes(200), headers={"Content-Type": "image/jpeg"})
    site.add("/report.pdf", b"%PDF-1.7\n" + bytes(200), headers={"Content-Type": "application/pdf"})
    photo, attempt = fetch_address(site.url("/photo.jpg"))
    assert photo.report.reason == "unsupported content type image/jpeg (corroborate reads HTML, text, feeds and JSON)"
    assert attempt.settled
    pdf = fetch_address(site.url("/report.pdf"))[0]
    assert pdf.report.reason.startswith("unsupported content type application/pdf ")


def test_an_image_served_as_html_is_still_refused_by_its_bytes(site) -> None:
    site.add("/logo", b"\x89PNG\r\n\x1a\n" + bytes(200), headers=HTML)
    assert fetch_address(site.url("/logo"))[0].report.reason == "binary file (PNG image)"


def test_a_closed_port_is_a_refused_connection() -> None:
    address = closed_port_address("/story")
    item, attempt = fetch_address(address)
    assert (item.report.status, item.report.reason, attempt.settled) == ("skipped", "connection refused", False)


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("ftp://files.example.org/story.html", "not an http or https address"),
        ("file:///etc/passwd", "not an http or https address"),
        ("/home/me/story.html", "not an http or https address"),
        ("http:///story.html", "no host name"),
        ("http://127.0.0.1:99999/", "not an address (Port out of range 0-65535)"),
        ("http://example.org/a story", "contains spaces or control characters"),
    ],
)
def test_addresses_that_are_not_http_are_skipped_before_any_request(address, reason) -> None:
    item, attempt = fetch_address(address)
    assert (item.report.status, item.report.reason, attempt.settled) == ("skipped", reason, True)
    assert address_problem(address) == reason


def test_the_declared_charset_is_used_to_decode_the_page(site) -> None:
    # 0xA4 is the euro sign in ISO-8859-15, a currency sign in cp1252: only the header tells them apart.
    site.add("/latin9", FERRY.encode("iso-8859-15"), headers={"Content-Type": "text/html; charset=ISO-8859-15"})
    item, _ = fetch_address(site.url("/latin9"))
    [document] = item.documents
    assert document.encoding == "iso8859-15"
    assert "A single crossing will cost 5 € instead of 4.50 €" in document.content
    undeclared = read_fetched(FetchedPage("http://x.example/", "http://x.example/", "text/html", None,
                                          FERRY.encode("iso-8859-15")))
    assert "5 € instead" not in undeclared.documents[0].content


def test_a_feed_gives_one_document_per_item_with_the_items_own_links(site) -> None:
    feed = (
        '<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Gazette</title>'
        "<item><title>Ferry fares rise</title><link>https://gazette.example/ferry</link>"
        "<description>The harbour council voted on Tuesday to raise ferry fares by 12 percent.</description></item>"
        "<item><title>Library reopens</title><link>https://gazette.example/library</link>"
        "<description>The Riverside library reopened on Friday after flood repairs.</description></item>"
        "</channel></rss>"
    )
    address = site.add("/feed.xml", feed, headers={"Content-Type": "application/rss+xml"})
    item, _ = fetch_address(address)
    assert item.report.status == "processed" and item.report.documents == 2
    assert [(document.input, document.hints["url"]) for document in item.documents] == [
        (f"{address}#1", "https://gazette.example/ferry"),
        (f"{address}#2", "https://gazette.example/library"),
    ]


# --- the queue ---


def test_the_queue_is_drained_and_failures_that_may_pass_stay_with_their_attempts(site, tmp_path) -> None:
    ferry = site.add("/ferry", FERRY, headers=HTML)
    library = site.add("/library", LIBRARY, headers=HTML)
    missing = site.url("/missing")
    busy = site.add("/busy", b"down for maintenance", status=503, headers={"Content-Type": "text/plain"})
    refused = closed_port_address("/story")
    image = site.add("/photo.png", b"\x89PNG\r\n\x1a\n" + bytes(64), headers={"Content-Type": "image/png"})
    database = tmp_path / "news.db"
    queue = default_fetch_queue(database)
    assert queue == tmp_path / "news.db.fetch-queue.jsonl"
    enqueue(queue, [ferry, missing, busy, refused, image, library])

    status, _, stderr = run_cli("fetch", "--db", str(database))  # no URL: the database's queue
    assert status == EXIT_INPUT_PROBLEMS
    lines = stderr.splitlines()
    assert f"processed {ferry}: 1 document(s)" in lines
    assert f"processed {library}: 1 document(s)" in lines
    assert f"skipped   {missing}: HTTP 404 Not Found; removed from the queue" in lines
    assert (
        f"skipped   {image}: unsupported content type image/png (corroborate reads HTML, text, feeds and JSON); "
        "removed from the queue"
    ) in lines
    assert f"skipped   {busy}: HTTP 503 Service Unavailable; kept in the queue to try again (attempt 1 of 3)" in lines
    assert f"skipped   {refused}: connection refused; kept in the queue to try again (attempt 1 of 3)" in lines
    assert lines[-1] == f"queue {queue}: 4 done, 2 kept to try again, 0 given up; 2 pending"
    assert sorted(row["input"] for row in exported(database)) == [ferry, library]
    pending = queue_lines(queue)
    assert [(line["url"], line["attempts"], line["last_error"]) for line in pending] == [
        (busy, 1, "HTTP 503 Service Unavailable"),
        (refused, 1, "connection refused"),
    ]
    assert all(line["queued_at"] and line["last_attempt"] for line in pending)

    # the server is back for one of them; the other fails twice more and is given up
    site.add("/busy", LIBRARY.replace("Riverside", "Lakeside"), headers=HTML)
    status, _, stderr = run_cli("fetch", "--db", str(database), "--queue", str(queue), "-q")
    assert status == EXIT_INPUT_PROBLEMS
    assert f"processed {busy}" not in stderr  # -q
    assert f"skipped   {refused}: connection refused; kept in the queue to try again (attempt 2 of 3)" in stderr
    assert [(line["url"], line["attempts"]) for line in queue_lines(queue)] == [(refused, 2)]
    status, _, stderr = run_cli("fetch", "--db", str(database), "-q")
    assert f"skipped   {refused}: connection refused; gave up after 3 attempts, removed from the queue" in stderr
    assert stderr.splitlines()[-1] == f"queue {queue}: 0 done, 0 kept to try again, 1 given up; 0 pending"
    assert queue_lines(queue) == [] and read_queue(queue).addresses == []
    assert len(exported(database)) == 3

    status, _, stderr = run_cli("fetch", "--db", str(database))
    assert (status, stderr) == (EXIT_OK, f"nothing to fetch: no URL given and none pending in {queue}\n")


def test_addresses_queued_while_a_fetch_runs_are_kept(site, tmp_path) -> None:
    queue = tmp_path / "queue.jsonl"
    later = site.add("/library", LIBRARY, headers=HTML)
    # The web app appends while the fetch is downloading (the lock is not held while fetching).
    ferry = site.add("/ferry", FERRY, headers=HTML, on_request=lambda: enqueue(queue, [later]))
    enqueue(queue, [ferry])
    with open_store(tmp_path / "news.db") as store:
        run = fetch_into_store([], store, queue=queue)
    assert run.summary.new_articles == 1 and run.settlement is not None
    assert (run.settlement.done, run.settlement.pending) == ([ferry], 1)
    assert [line["url"] for line in queue_lines(queue)] == [later]
    assert site.paths_requested() == ["/ferry"]


def test_a_damaged_queue_line_is_kept_and_reported(site, tmp_path) -> None:
    queue = tmp_path / "queue.jsonl"
    ferry = site.add("/ferry", FERRY, headers=HTML)
    queue.write_text(json.dumps({"url": ferry, "queued_at": "2025-05-02T09:00:00+00:00"}) + "\n{not json\n")
    status, _, stderr = run_cli("fetch", "--db", str(tmp_path / "news.db"), "--queue", str(queue))
    assert status == EXIT_OK
    assert f"warning: {queue}:2 is not a queued address; left as it is\n" in stderr
    assert queue.read_text() == "{not json\n"


def test_addresses_given_on_the_command_line_leave_the_queue_alone(site, tmp_path) -> None:
    database = tmp_path / "news.db"
    queue = default_fetch_queue(database)
    library = site.add("/library", LIBRARY, headers=HTML)
    enqueue(queue, [library])
    ferry = site.add("/ferry", FERRY, headers=HTML)
    status, _, stderr = run_cli("fetch", ferry, "--db", str(database))
    assert status == EXIT_OK and "queue " not in stderr
    assert site.paths_requested() == ["/ferry"]
    assert [line["url"] for line in queue_lines(queue)] == [library]
    # with --queue, both
    status, _, stderr = run_cli("fetch", ferry, "--db", str(database), "--queue", str(queue))
    assert site.paths_requested() == ["/ferry", "/ferry", "/library"]
    assert stderr.splitlines()[-1] == f"queue {queue}: 1 done, 0 kept to try again, 0 given up; 0 pending"


def test_enqueue_adds_each_address_once(tmp_path) -> None:
    queue = tmp_path / "deep" / "queue.jsonl"
    assert enqueue(queue, ["https://a.example/", "https://b.example/", "https://a.example/"]) == [True, True, False]
    assert enqueue(queue, ["https://b.example/", "https://c.example/"]) == [False, True]
    assert [line["url"] for line in queue_lines(queue)] == ["https://a.example/", "https://b.example/",
                                                           "https://c.example/"]
    assert (tmp_path / "deep" / "queue.jsonl.lock").exists()


def test_fetch_usage_errors_are_one_line(tmp_path) -> None:
    status, _, stderr = run_cli("fetch", "--timeout", "0", "--db", str(tmp_path / "news.db"))
    assert status == EXIT_USAGE and "expected a number of seconds above 0, got 0" in stderr
    folder = tmp_path / "a-folder"
    folder.mkdir()
    status, _, stderr = run_cli("fetch", "--db", str(tmp_path / "news.db"), "--queue", str(folder))
    assert status == EXIT_USAGE
    assert stderr == f"error: cannot read the fetch queue {folder}: Is a directory\n"
