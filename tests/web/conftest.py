"""Fixtures for the web app's tests: a real SQLite store holding the bundled example and a hostile article.

The store is built once per session by ingesting ``examples/iraq-coalition-2024``
(one story of five pages) and a JSON Lines record whose title, outlet, text
and address carry script and attribute-injection payloads (a story of its
own). One read-only app serves it for the whole session, so each story is
briefed once.
"""

from __future__ import annotations

import json
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate.store import ingest_into_store, open_store
from corroborate.web import WebSettings, create_app

with warnings.catch_warnings():
    # Starlette's TestClient warns that it will move to httpx2; httpx is what the project pins.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '" onmouseover="alert(1)'

#: An article built to break out of every place its fields are shown.
HOSTILE_RECORD = {
    "id": "hostile-1",
    "title": f"Harbour council {SCRIPT} votes{ATTRIBUTE} on new ferry fares",
    "outlet": f"Evil Gazette {SCRIPT}{ATTRIBUTE}",
    "url": "javascript:alert(1)",
    "published": "2025-03-04",
    "text": (
        f"The harbour council of Port Elsmere voted on Tuesday to raise ferry fares by 12 percent {SCRIPT}, "
        f"the council's chair, Maria Quist, said{ATTRIBUTE}.\n\n"
        "\"The ferries have lost money for three years,\" Quist told reporters after the vote. "
        "The new fares take effect on April 1, 2025, and apply to all routes across the bay."
    ),
}


@pytest.fixture(scope="session")
def web_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite store file holding the example story and the hostile article's story."""
    folder = tmp_path_factory.mktemp("web-store")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE_RECORD) + "\n", encoding="utf-8")
    database = folder / "web.db"
    with open_store(database) as store:
        summary = ingest_into_store([str(EXAMPLE), str(hostile)], store)
    assert summary.new_articles == 6 and not summary.skipped
    return database


@pytest.fixture(scope="session")
def client(web_store: Path) -> Iterator[TestClient]:
    """One read-only app over the session's store (briefs made once and kept)."""
    with TestClient(create_app(WebSettings(database=web_store))) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def stories(client: TestClient) -> dict[str, dict]:
    """The session store's stories by role: ``example`` (five pages) and ``hostile``."""
    listed = client.get("/api/stories").json()["stories"]
    example = next(story for story in listed if story["size"] == 5)
    hostile = next(story for story in listed if story["size"] == 1)
    return {"example": example, "hostile": hostile}


@pytest.fixture(scope="session")
def example_story(client: TestClient, stories: dict[str, dict]) -> dict:
    """The example story's page as JSON (briefed once per session)."""
    response = client.get(stories["example"]["api"])
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def upload_store(web_store: Path, tmp_path: Path) -> Path:
    """A copy of the session store that a test may add articles to."""
    copy = tmp_path / "upload.db"
    shutil.copyfile(web_store, copy)
    return copy


@pytest.fixture
def upload_client(upload_store: Path, tmp_path: Path) -> Iterator[TestClient]:
    """An app over a store copy that takes uploads with the token ``s3cret``, with small limits."""
    settings = WebSettings(
        database=upload_store,
        upload_token="s3cret",
        max_upload_bytes=20_000,
        max_upload_files=3,
        max_urls=4,
        fetch_queue=tmp_path / "queue.jsonl",
    )
    with TestClient(create_app(settings)) as test_client:
        yield test_client
