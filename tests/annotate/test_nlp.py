"""The shared spaCy pipeline: what runs, the attribute rules, and sentence starts at line breaks."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from corroborate.annotate.nlp import (
    MODEL_PACKAGE,
    UNUSED_COMPONENTS,
    _with_line_breaks,
    load_pipeline,
    parse_text,
    parse_texts,
)

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"


def token_attributes(doc) -> list[tuple[str, str, str, str, str, str]]:  # type: ignore[no-untyped-def]
    return [(token.text, token.tag_, token.pos_, str(token.morph), token.lemma_, token.dep_) for token in doc]


@pytest.fixture(scope="module")
def example_texts() -> list[str]:
    return [path.read_text(encoding="utf-8") for path in sorted(EXAMPLE.glob("*.txt"))]


def test_the_pipeline_runs_the_indexed_rules_in_place_of_the_stock_ruler() -> None:
    assert load_pipeline().pipe_names == ["tok2vec", "tagger", "parser", "indexed_attribute_ruler", "ner"]


def test_indexed_rules_give_every_example_token_what_the_stock_attribute_ruler_gives(example_texts) -> None:
    stock = spacy.load(MODEL_PACKAGE, exclude=list(UNUSED_COMPONENTS))
    ours = list(parse_texts(example_texts))
    expected = list(stock.pipe(_with_line_breaks(stock, text) for text in example_texts))
    assert stock.pipe_names[3] == "attribute_ruler"
    assert sum(len(doc) for doc in ours) > 3000
    for doc, stock_doc in zip(ours, expected, strict=True):
        assert token_attributes(doc) == token_attributes(stock_doc)


def test_rules_on_dependency_labels_still_apply() -> None:
    doc = parse_text("The minister has said that he does not know it.")
    by_word = {token.text: token for token in doc}
    assert (by_word["has"].dep_, by_word["has"].pos_) == ("aux", "AUX")
    assert (by_word["that"].dep_, by_word["that"].pos_) == ("mark", "SCONJ")
    assert (by_word["not"].pos_, str(by_word["not"].morph)) == ("PART", "Polarity=Neg")
    assert (by_word["he"].pos_, by_word["he"].lemma_) == ("PRON", "he")


def test_a_line_break_starts_a_sentence_in_the_token_or_in_its_trailing_space() -> None:
    doc = parse_text("Photo by Reuters\nBAGHDAD troops will stay\n\nOfficials said Friday that talks went on.")
    starts = [sentence[0].text for sentence in doc.sents if not sentence[0].is_space]
    assert starts == ["Photo", "BAGHDAD", "Officials"]
