"""The annotate stage over the bundled example: reference dates, offsets, the JSON contract."""

from __future__ import annotations

import io
import json
from datetime import date
from pathlib import Path

import pytest

from corroborate.annotate import annotate_articles, choose_references
from corroborate.cli import EXIT_OK, EXIT_USAGE, main
from corroborate.model import Article
from corroborate.pipeline import extract_inputs

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"


@pytest.fixture(scope="module")
def example_articles() -> list[Article]:
    return extract_inputs([str(EXAMPLE)]).articles


@pytest.fixture(scope="module")
def annotated(example_articles):
    return annotate_articles(example_articles)


def test_articles_about_one_event_agree_on_the_announcement_friday(annotated) -> None:
    references = {item.article.id[:3]: item.reference for item in annotated}
    assert {key: ref.value for key, ref in references.items()} == {key: date(2024, 9, 27) for key in references}
    # Seed 000's only date is a re-posting date in its chrome: it is not used.
    assert references["000"].source == "batch"
    assert references["000"].evidence.startswith("inferred from the batch: ")


def test_references_chosen_alone_are_those_of_the_annotated_batch(example_articles, annotated) -> None:
    assert choose_references(example_articles) == [item.reference for item in annotated]


def test_a_given_reference_date_wins(example_articles) -> None:
    references = choose_references(example_articles, date(2024, 9, 28))
    assert {(r.value, r.source) for r in references} == {(date(2024, 9, 28), "given")}


def test_every_annotation_is_an_exact_slice_of_the_clean_text(annotated) -> None:
    for item in annotated:
        record = item.to_dict()
        text = record["text"]
        spans = record["sentences"] + record["entities"] + record["times"] + record["quantities"]
        spans += [q["content"] for q in record["quotes"]] + [q["speaker"] for q in record["quotes"] if q["speaker"]]
        assert spans
        for span in spans:
            assert text[span["start"] : span["end"]] == span["text"]


def test_relative_times_resolve_against_the_reference(annotated) -> None:
    seed_001 = next(item for item in annotated if item.article.id.startswith("001"))
    values = {(t.text, t.value, t.bound) for t in seed_001.times}
    assert ("Friday", "2024-09-27", None) in values
    assert ("Sept. 15", "2024-09-15", None) in values
    assert ("last August", "2024-08", None) in values
    assert ("September 2026", "2026-09", "at_least_until") in values


def test_names_are_linked_across_outlets(annotated) -> None:
    sudani = {
        (item.article.id[:3], entity.text)
        for item in annotated
        for entity, cluster in zip(item.entities, item.entity_clusters)
        if cluster == "Mohammed Shia al-Sudani"
    }
    assert ("002", "Al-Sudani") in sudani
    assert ("000", "Sudani") in sudani
    assert {key for key, _ in sudani} == {"000", "001", "002", "003", "004"}


def test_quotes_name_their_speakers(annotated) -> None:
    seed_004 = next(item for item in annotated if item.article.id.startswith("004"))
    singh = [q for q in seed_004.quotes if q.speaker_name == "Sabrina Singh"]
    assert [q.speaker.text for q in singh if q.speaker] == ["Pentagon spokeswoman Sabrina Singh", "Ms. Singh", "Ms. Singh"]
    assert singh[1].content.text.startswith("The strongholds that [the Islamic State group] has in Iraq")
    anonymous = {q.speaker_name for q in seed_004.quotes if q.speaker_name and "official" in q.speaker_name}
    assert "senior administration official" in anonymous


def test_json_record_follows_the_contract(annotated) -> None:
    record = annotated[2].to_dict()
    assert {"id", "input", "published", "text", "sentences", "entities", "times", "quantities", "quotes"} <= set(record)
    troops = [q for q in record["quantities"] if q["value"] == 2500]
    assert troops and troops[0]["unit"] == "troops" and troops[0]["approx"] is True
    assert {"kind", "content", "cue", "speaker", "speaker_name"} <= set(record["quotes"][0])
    json.dumps(record)


def test_annotate_command_uses_a_published_field_as_reference(tmp_path: Path) -> None:
    source = tmp_path / "wire.jsonl"
    body = "Officials said Friday that the mission would end by September 2025."
    source.write_text(json.dumps({"id": "w1", "text": body, "published": "2024-09-27"}) + "\n", encoding="utf-8")
    out, err = io.StringIO(), io.StringIO()
    assert main(["annotate", str(source)], out, err) == EXIT_OK
    (record,) = [json.loads(line) for line in out.getvalue().splitlines()]
    assert (record["reference_date"], record["reference_source"]) == ("2024-09-27", "published")
    assert [(t["text"], t["value"]) for t in record["times"]] == [("Friday", "2024-09-27"), ("September 2025", "2025-09")]


def test_annotate_table_and_bad_reference_date() -> None:
    out, err = io.StringIO(), io.StringIO()
    seed = str(EXAMPLE / "004_90e9e459c6bffa9d.txt")
    assert main(["annotate", seed, "--format", "table", "--reference-date", "2024-09-27"], out, err) == EXIT_OK
    table = out.getvalue()
    assert "reference date 2024-09-27 (given, confidence 1.00)" in table
    assert "about 2,500 troops" in table
    err = io.StringIO()
    assert main(["annotate", seed, "--reference-date", "27/09/2024"], io.StringIO(), err) == EXIT_USAGE
    assert "expected a date like 2024-09-27, got '27/09/2024'" in err.getvalue()
