"""The JSON brief and timeline follow docs/brief.schema.json; the renderer registry."""

from __future__ import annotations

import copy
import io
import json
from pathlib import Path
from typing import Any

import pytest
from brief_builders import SEED_IDS
from jsonschema import Draft202012Validator

from corroborate.cli import EXIT_OK, main
from corroborate.errors import UsageError
from corroborate.model import Brief
from corroborate.render import BRIEF_RENDERERS, TIMELINE_RENDERERS, render
from corroborate.render.json import brief_json, timeline_json

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "iraq-coalition-2024"
SCHEMA = json.loads((ROOT / "docs" / "brief.schema.json").read_text(encoding="utf-8"))
BRIEF_VALIDATOR = Draft202012Validator(SCHEMA)
TIMELINE_VALIDATOR = Draft202012Validator({"$defs": SCHEMA["$defs"], "$ref": "#/$defs/timelineDocument"})


@pytest.fixture(scope="module")
def example_document() -> dict[str, Any]:
    """The brief of the bundled example, as `corroborate brief --format json` writes it."""
    out, err = io.StringIO(), io.StringIO()
    assert main(["brief", str(EXAMPLE), "--format", "json", "-q"], out, err) == EXIT_OK, err.getvalue()
    return json.loads(out.getvalue())


def test_the_schema_is_valid_draft_2020_12() -> None:
    Draft202012Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_the_example_brief_from_the_cli_follows_the_schema(example_document: dict[str, Any]) -> None:
    BRIEF_VALIDATOR.validate(example_document)
    assert [source["id"] for source in example_document["sources"]] == list(SEED_IDS.values())
    assert [report["status"] for report in example_document["inputs"]] == ["processed"] * 5


def test_a_brief_with_every_section_follows_the_schema(full_brief: Brief) -> None:
    document = json.loads(brief_json(full_brief))
    assert all(document[key] for key in ("summary", "claims", "conflicts", "timeline", "quotes"))
    assert document["coverage"]["rows"]
    BRIEF_VALIDATOR.validate(document)


def test_json_is_the_brief_record_as_it_is(full_brief: Brief) -> None:
    text = brief_json(full_brief)
    assert json.loads(text) == full_brief.to_dict()
    # Not ASCII-escaped: passages read as written.
    assert "Iraq’s Anbar Desert" in text


def _broken(document: dict[str, Any], change: Any) -> dict[str, Any]:
    document = copy.deepcopy(document)
    change(document)
    return document


@pytest.mark.parametrize(
    ("change", "complaint"),
    [
        (lambda d: d["claims"][0].update(status="probable"), "'probable' is not one of"),
        (lambda d: d["claims"][0]["evidence"][0].pop("end"), "'end' is a required property"),
        (lambda d: d["claims"][1].update(evidence=[]), "should be non-empty"),
        (lambda d: d["timeline"][0].update(date="September 2025"), "does not match"),
        (lambda d: d["timeline"][0].update(kind="future"), "'future' is not one of"),
        (lambda d: d["sources"][0].update(published="11 January 2026"), "is not valid under any of the given schemas"),
        (lambda d: d["conflicts"][0]["positions"].pop(), "is too short"),
        (lambda d: d["quotes"][0]["variants"][0]["evidence"].update(start=-1), "is less than the minimum of 0"),
        (lambda d: d["coverage"]["rows"][0]["reported"].append("yes"), "'yes' is not of type 'boolean'"),
        (lambda d: d.pop("summary"), "'summary' is a required property"),
        (lambda d: d.update(sources=[]), "should be non-empty"),
        (lambda d: d.update(verdict="true"), "Additional properties are not allowed"),
    ],
)
def test_a_malformed_document_fails_validation(full_brief: Brief, change: Any, complaint: str) -> None:
    document = _broken(full_brief.to_dict(), change)
    errors = [error.message for error in BRIEF_VALIDATOR.iter_errors(document)]
    assert errors and any(complaint in message for message in errors), errors


def test_the_timeline_document_follows_its_schema(full_brief: Brief) -> None:
    document = json.loads(timeline_json(full_brief))
    assert list(document) == ["sources", "timeline", "inputs"]
    assert [entry["date"] for entry in document["timeline"]] == ["2026-09", "2024-09-24", "2025-09"]
    TIMELINE_VALIDATOR.validate(document)
    del document["sources"]
    assert not TIMELINE_VALIDATOR.is_valid(document)


def test_renderers_are_looked_up_by_name(full_brief: Brief) -> None:
    assert list(BRIEF_RENDERERS) == ["markdown", "html", "json"]
    assert list(TIMELINE_RENDERERS) == ["markdown", "json"]
    assert render(full_brief, "json") == brief_json(full_brief)
    assert render(full_brief, "json", TIMELINE_RENDERERS) == timeline_json(full_brief)
    with pytest.raises(UsageError, match=r"^unknown format 'html'; known: markdown, json$"):
        render(full_brief, "html", TIMELINE_RENDERERS)
