"""Adding articles: read-only by default, a token, limits, per-file results, safe names, queued addresses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from corroborate.errors import UploadLimitError
from corroborate.store import open_store
from corroborate.ingest.fetch import address_problem
from corroborate.web.uploads import queue_urls, safe_file_name

TOKEN = {"Authorization": "Bearer s3cret"}

#: A new article on a story of its own (it shares nothing with the stored stories).
NEW_ARTICLE = {
    "id": "library-1",
    "title": "Riverside library reopens after flood repairs",
    "outlet": "Valley Courier",
    "published": "2025-05-02",
    "text": (
        "The Riverside public library reopened on Friday after eight months of repairs to flood damage, "
        "the town's librarian, Ada Brennan, said.\n\n"
        "\"We lost four thousand books in the flood,\" Brennan said. Repairs cost 1.2 million dollars."
    ),
}


def _jsonl(*records: dict | str) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records).encode("utf-8")


def test_a_server_without_token_is_read_only(client, web_store: Path) -> None:
    before = open_store(web_store)
    try:
        counts = before.counts()
    finally:
        before.close()
    response = client.post("/api/upload", files={"files": ("a.jsonl", _jsonl(NEW_ARTICLE))}, headers=TOKEN)
    assert response.status_code == 403
    assert response.json()["error"]["type"] == "UploadsDisabledError"
    page = client.post("/upload", files={"files": ("a.jsonl", _jsonl(NEW_ARTICLE))})
    assert page.status_code == 403 and "read-only" in page.text
    assert client.get("/api/upload").json()["enabled"] is False
    assert "uploads are disabled" in client.get("/upload").text
    with open_store(web_store) as after:
        assert after.counts() == counts


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret"}])
def test_uploads_need_the_token(upload_client, headers) -> None:
    response = upload_client.post("/api/upload", files={"files": ("a.jsonl", _jsonl(NEW_ARTICLE))}, headers=headers)
    assert response.status_code == 401
    assert response.headers["www-authenticate"] == "Bearer"
    assert response.json()["error"]["type"] == "UploadTokenError"


def test_upload_stores_clusters_and_briefs_the_new_story(upload_client, upload_store) -> None:
    response = upload_client.post(
        "/api/upload", files={"files": ("library.jsonl", _jsonl(NEW_ARTICLE))}, data={"token": "s3cret"}
    )
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["files"] == [
        {"name": "library.jsonl", "status": "processed", "reason": "1 record", "documents": 1, "records": []}
    ]
    assert (result["new_articles"], result["new_revisions"], result["duplicates"]) == (1, 0, 0)
    [story] = result["stories"]
    assert story["label"] == NEW_ARTICLE["title"] and story["size"] == 1
    # the background refresh briefed it: viewing it makes no new brief
    site = upload_client.app.state.site
    made = site.briefs.made
    page = upload_client.get(f"/api/stories/{story['id']}").json()
    assert site.briefs.made == made
    assert page["brief"]["sources"][0]["title"] == NEW_ARTICLE["title"]
    assert [s["id"] for s in upload_client.get("/api/stories?q=library").json()["stories"]] == [story["id"]]
    # the same upload again stores nothing new
    again = upload_client.post("/api/upload", files={"files": ("library.jsonl", _jsonl(NEW_ARTICLE))}, headers=TOKEN)
    assert (again.json()["new_articles"], again.json()["duplicates"], again.json()["stories"]) == (0, 1, [])
    with open_store(upload_store) as store:
        assert store.counts().articles == 7


def test_each_file_is_reported_with_its_reason(upload_client) -> None:
    files = [
        ("files", ("mixed.jsonl", _jsonl(NEW_ARTICLE, "{not json", {"id": "empty", "text": ""}))),
        ("files", ("blob.bin", bytes(range(256)) * 8)),
        ("files", ("big.html", b"<p>" + b"x" * 20_001 + b"</p>")),
    ]
    result = upload_client.post("/api/upload", files=files, headers=TOKEN).json()
    by_name = {file["name"]: file for file in result["files"]}
    assert list(by_name) == ["mixed.jsonl", "blob.bin", "big.html"]
    mixed = by_name["mixed.jsonl"]
    assert mixed["status"] == "partial" and mixed["documents"] == 1
    assert [record["record"] for record in mixed["records"]] == ["mixed.jsonl:2", "mixed.jsonl:3"]
    assert "corroborate-upload-" not in json.dumps(result)  # reasons name the file, not the temporary path
    assert by_name["blob.bin"]["status"] == "skipped" and by_name["blob.bin"]["reason"]
    assert by_name["big.html"] == {
        "name": "big.html", "status": "skipped", "documents": 0, "records": [],
        "reason": "larger than the upload limit of 20000 bytes",
    }
    assert result["new_articles"] == 1


def test_uploaded_articles_are_named_after_the_file_not_its_temporary_path(upload_client, upload_store) -> None:
    page = (
        "<!DOCTYPE html><html><head><title>Dam inspection finds cracks</title></head><body><article>"
        "<h1>Dam inspection finds cracks</h1><p>Engineers inspecting the Hollow Creek dam found three cracks in "
        "its spillway on Monday, the county's water board said.</p><p>Repairs will start in June and cost "
        "about 2 million dollars, the board's director, Leon Marsh, told reporters.</p></article></body></html>"
    )
    files = [
        ("files", ("../reports/dam report.html", page.encode())),
        ("files", ("dam report.html", page.replace("three cracks", "four cracks").encode())),
        ("files", ("library.jsonl", _jsonl(NEW_ARTICLE, "{not json"))),
    ]
    result = upload_client.post("/api/upload", files=files, headers=TOKEN).json()
    assert [(f["name"], f["status"]) for f in result["files"]] == [
        ("../reports/dam report.html", "processed"), ("dam report.html", "processed"), ("library.jsonl", "partial"),
    ]
    assert result["files"][2]["records"][0]["record"] == "library.jsonl:2"
    with open_store(upload_store) as store:
        inputs = {row.input for row in store.export_rows()}
        reports = {report.input: report.status for report in store.input_reports()}
    assert {"upload:dam_report.html", "upload:dam_report-2.html", "upload:library.jsonl:1"} <= inputs
    assert not any("corroborate-upload-" in name for name in inputs | set(reports))
    assert reports["upload:library.jsonl"] == "partial" and reports["upload:library.jsonl:2"] == "skipped"
    # the article page shows the input name too
    [story] = [s for s in result["stories"] if s["label"] == "Dam inspection finds cracks"]
    sources = upload_client.get(f"/api/stories/{story['id']}").json()["brief"]["sources"]
    assert sorted(source["input"] for source in sources) == ["upload:dam_report-2.html", "upload:dam_report.html"]


def test_upload_page_shows_per_file_results_escaped(upload_client) -> None:
    name = '<img src=x onerror=alert(1)>.jsonl'
    page = upload_client.post(
        "/upload", files={"files": (name, _jsonl(NEW_ARTICLE))}, data={"token": "s3cret"}
    )
    assert page.status_code == 200
    assert "&lt;img src=x onerror=alert(1)&gt;.jsonl" in page.text and "<img" not in page.text
    assert '<span class="badge processed">processed</span>' in page.text
    assert f"{NEW_ARTICLE['title']}</a> (1 articles)" in page.text


def test_too_many_files_is_refused_whole(upload_client, upload_store) -> None:
    files = [("files", (f"{n}.jsonl", _jsonl({**NEW_ARTICLE, "id": f"n{n}"}))) for n in range(4)]
    response = upload_client.post("/api/upload", files=files, headers=TOKEN)
    assert response.status_code == 413
    assert response.json()["error"]["type"] == "UploadLimitError"
    with open_store(upload_store) as store:
        assert store.counts().articles == 6


def test_a_request_over_the_size_limit_is_refused(upload_client) -> None:
    limit = upload_client.app.state.site.settings.max_request_bytes
    response = upload_client.post(
        "/api/upload", content=b"x" * (limit + 1), headers={**TOKEN, "content-type": "multipart/form-data; boundary=b"}
    )
    assert response.status_code == 413
    assert response.json()["error"]["message"].startswith(f"request body too large: at most {limit} bytes")


def test_file_names_never_become_paths(upload_client, tmp_path) -> None:
    name = "../../../../tmp/escaped-upload.jsonl"
    result = upload_client.post("/api/upload", files={"files": (name, _jsonl(NEW_ARTICLE))}, headers=TOKEN).json()
    assert result["files"][0]["name"] == name and result["files"][0]["status"] == "processed"
    assert not Path("/tmp/escaped-upload.jsonl").exists()
    assert safe_file_name(name) == "escaped-upload.jsonl"
    assert safe_file_name("..\\..\\windows\\evil.txt") == "evil.txt"
    assert safe_file_name("../..") == "upload"
    assert safe_file_name("") == "upload"
    assert safe_file_name("a b<c>.html") == "a_b_c_.html"


def test_pasted_addresses_are_queued_once_each(upload_client, tmp_path) -> None:
    urls = "https://example.org/a\n\njavascript:alert(1)\nhttps://example.org/a\nftp://example.org/b\n"
    result = upload_client.post("/api/upload", data={"urls": urls}, headers=TOKEN).json()
    assert [(u["url"], u["status"]) for u in result["urls"]] == [
        ("https://example.org/a", "queued"),
        ("javascript:alert(1)", "invalid"),
        ("https://example.org/a", "duplicate"),
        ("ftp://example.org/b", "invalid"),
    ]
    queue = tmp_path / "queue.jsonl"
    assert result["fetch_queue"] == str(queue)
    assert [json.loads(line)["url"] for line in queue.read_text().splitlines()] == ["https://example.org/a"]
    again = upload_client.post("/api/upload", data={"urls": "https://example.org/a"}, headers=TOKEN).json()
    assert again["urls"] == [{"url": "https://example.org/a", "status": "duplicate", "reason": "already queued"}]


def test_address_limits(upload_client, tmp_path) -> None:
    many = "\n".join(f"https://example.org/{n}" for n in range(5))
    response = upload_client.post("/api/upload", data={"urls": many}, headers=TOKEN)
    assert response.status_code == 413 and "at most 4" in response.json()["error"]["message"]
    empty = upload_client.post("/api/upload", data={"urls": "  \n"}, headers=TOKEN)
    assert empty.status_code == 400 and empty.json()["error"] == {
        "type": "UploadError", "message": "nothing to add: choose files to upload or paste addresses"
    }
    assert address_problem("https://example.org/a b") == "contains spaces or control characters"
    assert address_problem("https://" + "a" * 2050) == "longer than 2048 characters"
    assert address_problem("http:///path") == "no host name"
    assert address_problem("https://example.org/ok?x=1") == ""


def test_queue_tolerates_a_damaged_queue_file(tmp_path) -> None:
    queue = tmp_path / "queue.jsonl"
    queue.write_text('{"url": "https://a.example/"}\nnot json\n', encoding="utf-8")
    results = queue_urls(queue, ["https://a.example/", "https://b.example/"])
    assert [r.status for r in results] == ["duplicate", "queued"]


def test_upload_form_says_the_limits(upload_client) -> None:
    form = upload_client.get("/api/upload").json()
    assert form == {
        "enabled": True, "max_files": 3, "max_file_bytes": 20000, "max_urls": 4, "formats": form["formats"],
    }
    page = upload_client.get("/upload").text
    assert 'enctype="multipart/form-data"' in page and "Up to 3 files of at most 20,000 bytes" in page


def test_upload_limit_error_is_an_upload_error() -> None:
    from corroborate.errors import UploadError, UsageError

    assert issubclass(UploadLimitError, UploadError) and issubclass(UploadError, UsageError)
