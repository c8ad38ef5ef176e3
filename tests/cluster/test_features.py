"""Story features: cheap stems, names and dates read from real article text."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.cluster import StoryFeatures, story_features
from corroborate.cluster.features import MINHASH_PERMUTATIONS, mentioned_dates, name_phrases
from corroborate.model import Article
from corroborate.pipeline import extract_inputs

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"
FIRST_PAGE = "000_5402e81212a35571"


def _example() -> dict[str, Article]:
    return {article.id: article for article in extract_inputs([str(EXAMPLE)]).articles}


def test_features_round_trip_through_json_exactly() -> None:
    for article in _example().values():
        features = story_features(article)
        assert StoryFeatures.from_dict(json.loads(json.dumps(features.to_dict()))) == features


def test_features_of_the_first_example_page() -> None:
    features = story_features(_example()[FIRST_PAGE])
    names = dict(features.names)
    assert names["iraq"] >= 10
    assert names["president joe biden"] == 1 and names["biden"] == 2  # "US" is a stop word
    assert "the" not in names and "friday" not in names
    assert features.dates == ("2001-09-11", "2003", "2007", "2011", "2014", "2017", "2019", "2025", "2025-09", "2026")
    assert features.time is None  # the page's date is only 0.1 trusted
    assert len(features.minhash) == MINHASH_PERMUTATIONS
    assert features.words == 436


def test_sentence_initial_words_are_names_only_when_never_lower_case() -> None:
    text = "Police said Lindsay Lohan checked in on Friday. Lohan arrived late. Officials said police told other officials."
    names = name_phrases(text)
    assert names == {"lindsay": 1, "lohan": 2, "lindsay lohan": 1}


def test_title_case_headline_words_seen_in_lower_case_are_not_names() -> None:
    text = "Lohan Checks Into Betty Ford Center\n\nThe actress checks into the clinic, her lawyer said."
    names = name_phrases(text)
    assert "checks" not in names
    assert names["betty ford center"] == 1 and names["lohan"] == 1


def test_dates_are_read_against_a_trusted_publication_date() -> None:
    text = "The joint announcement on Friday did not specify. The first phase may end in September 2025."
    assert mentioned_dates(text, date(2024, 9, 28)) == ("2024-09-27", "2025-09")
    assert mentioned_dates(text, None) == ("2025-09",)


def test_trusted_publication_date_is_the_article_time() -> None:
    article = Article(id="a", input="a", text="Troops left on Friday.", published="2024-09-28",
                      published_confidence=0.9)
    features = story_features(article)
    assert features.time == "2024-09-28"
    assert features.dates == ("2024-09-27",)
    assert features.minhash == ()  # too short to shingle


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400), st.one_of(st.none(), st.text(max_size=40)))
def test_story_features_never_crash(text: str, title: str | None) -> None:
    features = story_features(Article(id="x", input="x", text=text, title=title))
    assert StoryFeatures.from_dict(json.loads(json.dumps(features.to_dict()))) == features
