"""An address pasted into the web app, then fetched and stored by ``corroborate fetch``, end to end."""

from __future__ import annotations

import io
import warnings
from pathlib import Path

from local_http import HTML, LIBRARY

from corroborate.cli import EXIT_OK, main
from corroborate.store import open_store
from corroborate.web import WebSettings, create_app

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient


def test_a_pasted_address_is_fetched_by_corroborate_fetch_into_a_story(site, upload_store: Path) -> None:
    address = site.add("/2025/library-reopens", LIBRARY, headers=HTML)
    # No --fetch-queue: the app and `corroborate fetch --db` find the same queue beside the database.
    settings = WebSettings(database=upload_store, upload_token="s3cret")
    with TestClient(create_app(settings)) as client:
        response = client.post("/api/upload", data={"urls": address}, headers={"Authorization": "Bearer s3cret"})
        assert response.status_code == 200, response.text
        result = response.json()
        assert result["urls"] == [{"url": address, "status": "queued", "reason": ""}]
        queue = Path(result["fetch_queue"])
        assert queue == Path(f"{upload_store}.fetch-queue.jsonl")
        page = client.post("/upload", data={"urls": address, "token": "s3cret"}).text
        assert "until <code>corroborate fetch</code> downloads and stores them" in page
        assert "already queued" in page
        assert site.requests == []  # the app itself fetches nothing

        out, err = io.StringIO(), io.StringIO()
        status = main(["fetch", "--db", str(upload_store)], out, err)
        assert status == EXIT_OK, err.getvalue()
        assert f"processed {address}: 1 document(s)\n" in err.getvalue()
        assert err.getvalue().splitlines()[-1] == f"queue {queue}: 1 done, 0 kept to try again, 0 given up; 0 pending"
        assert queue.read_text(encoding="utf-8") == ""

        found = client.get("/api/stories?q=library").json()["stories"]
        assert [story["label"] for story in found] == ["Riverside library reopens after flood repairs"]
        story = client.get(f"/api/stories/{found[0]['id']}").json()
        [source] = story["brief"]["sources"]
        assert source["title"] == "Riverside library reopens after flood repairs"
    with open_store(upload_store) as store:
        rows = [row.to_dict() for row in store.export_rows() if row.input == address]
    assert [row["title"] for row in rows] == ["Riverside library reopens after flood repairs"]
    # pasted again after the fetch, the address is queued again (a later fetch finds it stored)
    with TestClient(create_app(settings)) as client:
        again = client.post("/api/upload", data={"urls": address}, headers={"Authorization": "Bearer s3cret"}).json()
    assert again["urls"][0]["status"] == "queued"
