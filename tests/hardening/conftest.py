"""Fixtures for the bad-input catalogue (docs/errors.md): the good page that rides along, and an upload app."""

from __future__ import annotations

import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from corroborate.store import open_store
from corroborate.web import WebSettings, create_app

with warnings.catch_warnings():
    # Starlette's TestClient warns that it will move to httpx2; httpx is what the project pins.
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

#: The good input sent with every bad one, to show the rest of the batch goes on.
GOOD_PAGE = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024" / "001_69f3748dca759eec.txt"

#: Per-file size limit of the upload app below: small, so "oversize" is cheap to build.
UPLOAD_LIMIT = 200_000


@pytest.fixture
def good_page() -> Path:
    """A page of the bundled example that extracts to one article, ``001_69f3748dca759eec``."""
    return GOOD_PAGE


@pytest.fixture
def upload_client(tmp_path: Path) -> Iterator[TestClient]:
    """An app over a new, empty SQLite store taking uploads with the token ``s3cret``."""
    database = tmp_path / "uploads.db"
    with open_store(database):
        pass
    settings = WebSettings(
        database=database,
        upload_token="s3cret",
        max_upload_bytes=UPLOAD_LIMIT,
        max_upload_files=20,
        fetch_queue=tmp_path / "queue.jsonl",
    )
    with TestClient(create_app(settings)) as client:
        yield client
