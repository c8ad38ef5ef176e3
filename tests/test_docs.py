"""Every CLI command and option is documented in the README (sqlite-utils style), every brief JSON field in docs/."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import pytest

from corroborate.cli import build_parser

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    raise AssertionError("the parser has no subcommands")


def _option_strings(parser: argparse.ArgumentParser) -> list[str]:
    return [
        option
        for action in parser._actions
        for option in action.option_strings
        if option not in ("-h", "--help")
    ]


def test_there_are_commands_to_document() -> None:
    assert {"extract", "bench"} <= set(_subcommands())


@pytest.mark.parametrize("command", sorted(_subcommands()))
def test_every_command_has_a_readme_section(command: str) -> None:
    assert f"### `corroborate {command}" in README


@pytest.mark.parametrize(
    ("command", "option"),
    [(name, option) for name, sub in sorted(_subcommands().items()) for option in _option_strings(sub)],
)
def test_every_option_is_documented(command: str, option: str) -> None:
    section = README.split(f"### `corroborate {command}", 1)[1].split("\n### ", 1)[0]
    assert f"`{option}" in section or f" {option}`" in section or f"{option} " in section, (
        f"{option} of `corroborate {command}` is not documented in its README section"
    )


def test_top_level_options_are_documented() -> None:
    assert "corroborate --version" in README


def test_quickstart_is_exactly_two_commands() -> None:
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    block = quickstart.split("```sh", 1)[1].split("```", 1)[0]
    commands = [line for line in block.strip().splitlines() if line.strip()]
    assert [line.split("#")[0].strip() for line in commands] == ["make example", "make test"]


def test_ci_runs_the_readme_test_command() -> None:
    ci_script = (Path(__file__).resolve().parents[1] / ".ci" / "run").read_text(encoding="utf-8")
    assert "make test" in ci_script.splitlines()[-1]


def test_readme_library_example_runs(capsys, monkeypatch) -> None:
    monkeypatch.chdir(Path(__file__).resolve().parents[1])
    snippet = README.split("```python", 1)[1].split("```", 1)[0]
    exec(compile(snippet, "README.md", "exec"), {})
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 5
    assert lines[0].startswith("000_5402e81212a35571 2026-01-11 0.1 US to end anti-ISIL operation")


DOCS = Path(__file__).resolve().parents[1] / "docs"


def _schema_fields(node: object) -> set[str]:
    """Every property name the JSON schema defines, at any depth."""
    if isinstance(node, dict):
        names = set(node.get("properties", {})) if isinstance(node.get("properties"), dict) else set()
        return names.union(*(_schema_fields(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_schema_fields(value) for value in node))
    return set()


def test_brief_json_doc_explains_every_schema_field() -> None:
    schema = json.loads((DOCS / "brief.schema.json").read_text(encoding="utf-8"))
    page = (DOCS / "brief-json.md").read_text(encoding="utf-8")
    fields = _schema_fields(schema)
    assert {"sources", "summary", "claims", "conflicts", "timeline", "quotes", "derived_from", "variants"} <= fields
    assert sorted(field for field in fields if f"`{field}`" not in page) == []


def test_brief_json_doc_example_cites_real_passages(example_articles) -> None:
    page = (DOCS / "brief-json.md").read_text(encoding="utf-8")
    example = json.loads(page.split("## Example", 1)[1].split("```json", 1)[1].split("```", 1)[0])
    texts = {article.id: article.text for article in example_articles}
    evidence = [item for claim in example["claims"] for item in claim["evidence"]]
    assert len(evidence) == 2
    for item in evidence:
        assert texts[item["source"]][item["start"]:item["end"]] == item["text"]


def test_readme_command_examples_parse() -> None:
    commands = [
        line
        for block in README.split("```sh")[1:]
        for line in block.split("```", 1)[0].splitlines()
        if line.startswith("corroborate ")
    ]
    assert {command.split()[1] for command in commands} >= {"brief", "timeline"}
    for command in commands:
        build_parser().parse_args(command.split()[1:])
