"""Ingesting into a store: each article stored once, changed versions kept as revisions, every input reported."""

from __future__ import annotations

import hashlib
import shutil

import pytest
from store_helpers import EXAMPLE_INPUT, snapshot, write_jsonl

from corroborate.errors import UsageError
from corroborate.model import InputReport
from corroborate.store import StoreCounts, ingest_into_store

URL = "https://www.aljazeera.com/news/2024/9/27/us-to-end-anti-isil-operation-in-iraq"


def sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def test_the_example_story_is_stored_once_however_often_it_is_ingested(store, example_articles):
    first = ingest_into_store([str(EXAMPLE_INPUT)], store)
    assert (first.documents, first.new_articles, first.duplicates, first.new_revisions) == (5, 5, 0, 0)
    assert (first.failed_documents, first.batches, first.skipped) == (0, 1, [])
    stored = list(store.articles())
    # No URL and no id: each article is known by its text.
    assert sorted(a.key for a in stored) == sorted("sha256:" + sha256(a.text) for a in example_articles)
    assert [a.article.to_dict() for a in stored] == [a.to_dict() for a in example_articles]
    assert all(a.input_id is None and a.canonical_url is None and a.revision == 1 for a in stored)
    before = snapshot(store)

    second = ingest_into_store([str(EXAMPLE_INPUT)], store)
    assert (second.documents, second.new_articles, second.duplicates, second.new_revisions) == (5, 0, 5, 0)
    assert snapshot(store) == before
    assert store.counts() == StoreCounts(articles=5, revisions=5, documents=5, inputs=5, stories=1)


def test_a_copy_under_another_path_is_the_same_article(store, tmp_path):
    copy = tmp_path / "copy"
    shutil.copytree(EXAMPLE_INPUT, copy)
    ingest_into_store([str(EXAMPLE_INPUT)], store)
    summary = ingest_into_store([str(copy / "002_e4dbe8024c84f414.txt")], store)
    assert (summary.new_articles, summary.duplicates) == (0, 1)
    assert store.counts().articles == 5
    copied = str(copy / "002_e4dbe8024c84f414.txt")
    reports = {report.input: report for report in store.input_reports()}
    # Reports are ordered by input name, so where the copy sorts depends on the checkout path.
    assert reports[copied] == InputReport(copied, "processed", "", 1)


def test_ecb_texts_are_stored_in_batches_with_progress(store, ecb_records, tmp_path):
    records = ecb_records[:300]
    path = write_jsonl(tmp_path / "ecb.jsonl", records)
    calls: list[tuple[int, int]] = []
    summary = ingest_into_store(
        [str(path)], store, batch_size=40, progress=lambda done, total: calls.append((done, total))
    )
    assert (summary.documents, summary.new_articles, summary.duplicates, summary.batches) == (300, 300, 0, 8)
    assert calls == [(40, 300), (80, 300), (120, 300), (160, 300), (200, 300), (240, 300), (280, 300), (300, 300)]
    assert summary.reports == [InputReport(str(path), "processed", "300 records", 300)]
    stored = list(store.articles())
    assert [a.input_id for a in stored] == [record["id"] for record in records]
    assert [a.key for a in stored] == ["id:" + record["id"] for record in records]
    assert [a.input for a in stored] == [f"{path}:{line}" for line in range(1, 301)]
    assert [a.content_hash for a in stored] == [sha256(a.article.text) for a in stored]
    assert store.counts() == StoreCounts(
        articles=300, revisions=300, documents=300, inputs=1, stories=len({a.story for a in stored})
    )
    assert all(a.story is not None for a in stored)


def test_a_changed_article_is_a_new_revision_and_the_old_one_is_kept(store, example_articles, tmp_path):
    original, other, third = example_articles[0], example_articles[1], example_articles[2]
    added = other.paragraphs()[-1].text
    updated_text = original.text + "\n\n" + added
    write_jsonl(tmp_path / "morning.jsonl", [
        {"id": "a1", "url": URL + "?utm_source=rss", "text": original.text},
        {"id": "b2", "text": third.text},
    ])
    write_jsonl(tmp_path / "evening.jsonl", [
        {"id": "a1-evening", "url": "http://aljazeera.com/news/2024/9/27/us-to-end-anti-isil-operation-in-iraq/#top",
         "text": updated_text},
        {"id": "b2", "text": third.text + "\n\n" + added},
        {"url": URL, "text": original.text},
    ])
    morning = ingest_into_store([str(tmp_path / "morning.jsonl")], store)
    assert (morning.new_articles, morning.new_revisions, morning.duplicates) == (2, 0, 0)

    evening = ingest_into_store([str(tmp_path / "evening.jsonl")], store)
    # Same canonical URL with new text; same input id (no URL) with new text; the morning text again.
    assert (evening.new_articles, evening.new_revisions, evening.duplicates) == (0, 2, 1)
    by_key = {a.key: a for a in store.articles()}
    assert sorted(by_key) == ["id:b2", "url:https://aljazeera.com/news/2024/9/27/us-to-end-anti-isil-operation-in-iraq"]
    updated = by_key["url:https://aljazeera.com/news/2024/9/27/us-to-end-anti-isil-operation-in-iraq"]
    assert (updated.revision, updated.article.text, updated.content_hash) == (2, updated_text, sha256(updated_text))
    assert updated.input == f"{tmp_path / 'evening.jsonl'}:1"
    history = store.revisions(updated.id)
    assert [(r.revision, r.content_hash) for r in history] == [(1, sha256(original.text)), (2, sha256(updated_text))]
    assert history[0].record.text == original.text
    assert history[0].input == f"{tmp_path / 'morning.jsonl'}:1"
    assert [r.revision for r in store.revisions(by_key["id:b2"].id)] == [1, 2]

    # The morning file again: every version is known, nothing changes, the current versions stay.
    before = snapshot(store)
    again = ingest_into_store([str(tmp_path / "morning.jsonl")], store)
    assert (again.new_articles, again.new_revisions, again.duplicates) == (0, 0, 2)
    assert snapshot(store) == before
    assert store.counts() == StoreCounts(articles=2, revisions=4, documents=5, inputs=2, stories=1)


def test_copies_in_one_batch_are_stored_once(store, example_articles, tmp_path):
    text = example_articles[3].text
    path = write_jsonl(tmp_path / "feed.jsonl", [
        {"url": URL, "text": text},
        {"url": URL, "text": text},  # the same item twice in a feed
        {"url": URL + "?utm_campaign=x", "title": "Repost", "text": text},  # a tracked link to it
    ])
    summary = ingest_into_store([str(path)], store)
    assert (summary.new_articles, summary.duplicates, summary.batches) == (1, 2, 1)
    assert store.counts() == StoreCounts(articles=1, revisions=1, documents=2, inputs=1, stories=1)


def test_the_same_text_at_two_addresses_is_two_articles(store, example_articles, tmp_path):
    text = example_articles[4].text
    path = write_jsonl(tmp_path / "syndicated.jsonl", [
        {"url": "https://www.aljazeera.com/news/2024/9/27/a", "text": text},
        {"url": "https://www.yahoo.com/news/a", "text": text},
    ])
    summary = ingest_into_store([str(path)], store)
    assert summary.new_articles == 2
    assert {a.canonical_url for a in store.articles()} == {"https://aljazeera.com/news/2024/9/27/a",
                                                           "https://yahoo.com/news/a"}
    assert {a.content_hash for a in store.articles()} == {sha256(text)}
    # Story clustering links the copy to the article it copies, in the same story.
    first, copy = store.articles()
    assert (copy.story, copy.derived_from, first.derived_from) == (first.story, first.id, None)


def test_unusable_inputs_are_reported_and_stored_with_their_reasons(store, example_articles, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    lines = write_jsonl(tmp_path / "lines.jsonl", [{"id": "ok", "text": example_articles[0].text}, {"id": "no-text"}])
    missing = str(tmp_path / "missing.txt")
    summary = ingest_into_store([missing, str(tmp_path / "empty.txt"), str(lines)], store, batch_size=1)
    expected = [
        InputReport(missing, "skipped", "no such file or directory", 0),
        InputReport(str(tmp_path / "empty.txt"), "skipped", "empty file (0 bytes)", 0),
        InputReport(str(lines), "partial", "1 of 2 records read; 1 line failed (line 2)", 1),
        InputReport(f"{lines}:2", "skipped", "record has no 'text' or 'html' field", 0),
    ]
    assert summary.reports == expected
    assert summary.skipped == expected
    assert (summary.documents, summary.new_articles) == (1, 1)
    assert store.input_reports() == sorted(expected, key=lambda report: report.input)


def test_documents_without_article_text_are_reported_per_record(store, example_articles, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html></html>")
    lines = write_jsonl(tmp_path / "lines.jsonl", [
        {"id": "ok", "text": example_articles[0].text},
        {"id": "menu", "html": "<html></html>"},
    ])
    summary = ingest_into_store([str(page), str(lines)], store)
    assert (summary.documents, summary.failed_documents, summary.new_articles) == (3, 2, 1)
    expected = [
        InputReport(str(page), "skipped", "no article text found on the page", 0),
        InputReport(str(lines), "partial", "2 records; 1 without article text", 1),
        InputReport(f"{lines}:2", "skipped", "no article text found on the page", 0),
    ]
    assert summary.reports == expected
    assert store.input_reports() == sorted(expected, key=lambda report: report.input)
    assert [a.input_id for a in store.articles()] == ["ok"]

    # Not stored, so not known: a re-run reads them again and reports them again.
    again = ingest_into_store([str(page), str(lines)], store)
    assert (again.failed_documents, again.duplicates, again.reports) == (2, 1, expected)


def test_a_batch_size_below_one_is_a_usage_error(store):
    with pytest.raises(UsageError) as raised:
        ingest_into_store([str(EXAMPLE_INPUT)], store, batch_size=0)
    assert str(raised.value) == "batch size must be a positive number of documents, not 0"
    assert store.counts().articles == 0
