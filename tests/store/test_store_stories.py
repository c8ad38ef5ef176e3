"""Story placement through the store: replayed history, and stories that continue across runs."""

from __future__ import annotations

from store_helpers import EXAMPLE_INPUT, snapshot, write_jsonl

from corroborate.store import ingest_into_store, open_store


def test_the_history_is_read_a_page_at_a_time_in_storage_order(store):
    ingest_into_store([str(EXAMPLE_INPUT)], store)
    whole = list(store.clustering_history())
    assert [past.article for past in whole] == sorted(a.id for a in store.articles())
    assert list(store.clustering_history(page_size=2)) == whole
    assert {past.story for past in whole} == {1}
    assert all(past.features.startswith("{") for past in whole)


def test_a_stream_ingested_in_two_runs_forms_the_stories_of_one_run(database, ecb_records, tmp_path):
    # Every other record in each run, so the evening's articles continue the morning's stories.
    records = ecb_records[:120]
    morning = write_jsonl(tmp_path / "morning.jsonl", records[0::2])
    evening = write_jsonl(tmp_path / "evening.jsonl", records[1::2])
    with open_store(tmp_path / "one-run.db") as one_run:
        ingest_into_store([str(morning), str(evening)], one_run, batch_size=30)
        expected = snapshot(one_run)
    with open_store(database) as store:
        first = ingest_into_store([str(morning)], store, batch_size=30)
        assert first.resumed_articles == 0
    with open_store(database) as store:
        second = ingest_into_store([str(evening)], store, batch_size=30)
        assert second.resumed_articles == 60
        assert snapshot(store) == expected
        # Evening articles joined stories the morning run started.
        morning_stories = {a.story for a in store.articles() if a.input.startswith(str(morning))}
        evening_stories = {a.story for a in store.articles() if a.input.startswith(str(evening))}
        assert morning_stories & evening_stories


def test_articles_stored_without_clustering_are_placed_by_the_next_run(store):
    ingest_into_store([str(EXAMPLE_INPUT)], store, stories=False)
    assert {a.story for a in store.articles()} == {None}
    summary = ingest_into_store([str(EXAMPLE_INPUT)], store)
    assert (summary.placed_earlier_articles, summary.duplicates) == (5, 5)
    assert {a.story for a in store.articles()} == {1}
    assert store.counts().stories == 1
