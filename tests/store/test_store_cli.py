"""``corroborate ingest``, ``stories``, ``export`` and ``brief --story`` on a real store, both back ends."""

from __future__ import annotations

import io
import json
from pathlib import Path

from store_helpers import EXAMPLE_INPUT, write_jsonl

from corroborate.cli import EXIT_INPUT_PROBLEMS, EXIT_OK, EXIT_USAGE, main
from corroborate.store import open_store


def run_cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    status = main(list(argv), out, err)
    return status, out.getvalue(), err.getvalue()


def test_ingest_stores_the_example_once_and_a_second_run_stores_nothing(database):
    status, stdout, stderr = run_cli("ingest", str(EXAMPLE_INPUT), "--db", database)
    assert status == EXIT_OK
    assert stdout == ""
    assert stderr.count("processed ") == 5
    assert "5 document(s) into " in stderr
    assert ": 5 new, 0 revised, 0 already stored, 0 without article; 1 stories (1 new), 5 articles in all; " \
        "0 input(s) skipped or partial\n" in stderr

    status, _, stderr = run_cli("ingest", str(EXAMPLE_INPUT), "--db", database, "-q")
    assert status == EXIT_OK
    assert "processed " not in stderr
    assert ": 0 new, 0 revised, 5 already stored, 0 without article; 1 stories (0 new), 5 articles in all; " in stderr


def test_the_example_is_one_story_listed_with_its_outlets_and_headline(database):
    assert run_cli("ingest", str(EXAMPLE_INPUT), "--db", database, "-q")[0] == EXIT_OK
    status, stdout, _ = run_cli("stories", "--db", database, "--format", "jsonl")
    assert status == EXIT_OK
    [story] = [json.loads(line) for line in stdout.splitlines()]
    with open_store(database) as store:
        articles = store.story_articles(story["id"])
    assert len(articles) == story["size"] == 5
    first = articles[0]
    assert story["label"] == " ".join(first.article.title.split())
    outlets = {a.article.outlet for a in articles if a.article.outlet}
    assert story["outlets"] == len(outlets)
    own_words = {a.article.outlet or a.key for a in articles if a.derived_from is None}
    assert story["independent_sources"] == len(own_words)

    status, table, _ = run_cli("stories", "--db", database)
    header, row = table.splitlines()
    assert header.split() == ["story", "articles", "outlets", "independent~", "dates", "headline"]
    assert row.split()[:4] == [str(story["id"]), "5", str(story["outlets"]), str(story["independent_sources"])]


def test_export_writes_one_line_per_article_with_the_ids_the_input_gave(database, ecb_records, tmp_path):
    records = [r for r in ecb_records if r["id"].split("_")[0] in ("1", "3")][:40]
    path = write_jsonl(tmp_path / "ecb.jsonl", records)
    assert run_cli("ingest", str(path), "--db", database, "-q")[0] == EXIT_OK
    output = tmp_path / "export.jsonl"
    status, stdout, stderr = run_cli("export", "--db", database, "-o", str(output))
    assert (status, stdout) == (EXIT_OK, "")
    with open_store(database) as store:
        location = store.location
    assert stderr == f"40 article(s) from {location} written to {output}\n"
    rows = [json.loads(line) for line in output.read_text(encoding="utf-8").splitlines()]
    assert [row["id"] for row in rows] == [record["id"] for record in records]
    assert [row["input"] for row in rows] == [f"{path}:{line}" for line in range(1, 41)]
    assert all(isinstance(row["story"], int) for row in rows)
    ids = {row["id"] for row in rows}
    assert all(row["derived_from"] is None or row["derived_from"] in ids for row in rows)
    with open_store(database) as store:
        stored = {a.input_id: a.story for a in store.articles()}
    assert {row["id"]: row["story"] for row in rows} == stored


def test_brief_of_a_stored_story_cites_its_articles(database):
    assert run_cli("ingest", str(EXAMPLE_INPUT), "--db", database, "-q")[0] == EXIT_OK
    with open_store(database) as store:
        [story] = store.stories()
    status, stdout, stderr = run_cli("brief", "--story", str(story.id), "--db", database)
    assert status == EXIT_OK
    assert stdout.startswith("# Brief\n\n5 source(s), ")
    assert "## Claims" in stdout and "## Citations" in stdout
    assert stderr.endswith("brief of 5 article(s) written; 0 input(s) skipped or partial\n")


def test_a_story_whose_files_share_a_name_is_briefed_with_distinct_ids(database, tmp_path):
    # Two outlets' pages saved as page.html in two folders, ingested in two runs: both get the id "page".
    pages = sorted(EXAMPLE_INPUT.iterdir())[:2]
    for folder, page in zip(("first", "second"), pages):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "page.txt").write_bytes(page.read_bytes())
        assert run_cli("ingest", str(tmp_path / folder / "page.txt"), "--db", database, "-q")[0] == EXIT_OK
    with open_store(database) as store:
        [story] = store.stories()
        articles = store.story_articles(story.id)
    assert [stored.article.id for stored in articles] == ["page", "page-2"]
    assert [stored.input for stored in articles] == [str(tmp_path / "first" / "page.txt"), str(tmp_path / "second" / "page.txt")]

    status, stdout, stderr = run_cli("brief", "--story", str(story.id), "--db", database, "--format", "json")
    assert status == EXIT_OK, stderr
    assert [source["id"] for source in json.loads(stdout)["sources"]] == ["page", "page-2"]


def test_story_mistakes_are_one_line_errors(database, tmp_path):
    assert run_cli("ingest", str(EXAMPLE_INPUT), "--db", database, "-q")[0] == EXIT_OK
    status, stdout, stderr = run_cli("brief", "--story", "99", "--db", database)
    assert (status, stdout) == (EXIT_USAGE, "")
    assert stderr.startswith("error: no story 99 in ")
    assert "(it holds 1 stories; list them with `corroborate stories`)" in stderr
    assert "Traceback" not in stderr

    status, _, stderr = run_cli("brief", str(EXAMPLE_INPUT), "--story", "1", "--db", database)
    assert (status, stderr) == (EXIT_USAGE, "error: give INPUTs or --story, not both\n")
    status, _, stderr = run_cli("timeline")
    assert (status, stderr) == (EXIT_USAGE, "error: name the INPUTs to read, or a stored story with --story ID\n")


def test_a_missing_input_is_reported_and_the_rest_is_stored(database, tmp_path):
    missing = tmp_path / "nowhere.html"
    status, _, stderr = run_cli("ingest", str(missing), str(EXAMPLE_INPUT), "--db", database)
    assert status == EXIT_INPUT_PROBLEMS
    assert f"skipped   {missing}: " in stderr
    assert "1 input(s) skipped or partial\n" in stderr
    with open_store(database) as store:
        assert store.counts().articles == 5


def test_the_progress_bar_counts_documents_when_asked_for(database):
    status, _, stderr = run_cli("ingest", str(EXAMPLE_INPUT), "--db", database, "--progress", "-q")
    assert status == EXIT_OK
    assert "ingest: 100%" in stderr
    assert "5/5" in stderr


def test_no_stories_yet_is_said_not_shown_as_an_empty_table(tmp_path: Path):
    database = str(tmp_path / "empty.db")
    status, stdout, stderr = run_cli("stories", "--db", database)
    assert (status, stdout) == (EXIT_OK, "")
    assert stderr == f"no stories in {database}: store articles with `corroborate ingest` first\n"


def test_the_database_can_come_from_the_environment(tmp_path: Path, monkeypatch):
    database = tmp_path / "from-env.db"
    monkeypatch.setenv("CORROBORATE_DB", str(database))
    assert run_cli("ingest", str(EXAMPLE_INPUT), "-q")[0] == EXIT_OK
    assert database.is_file()
    status, stdout, _ = run_cli("export")
    assert status == EXIT_OK
    assert len(stdout.splitlines()) == 5
