"""Who said what (``corroborate.brief.quotes``): speakers resolved across outlets, statements grouped.

Checked by reading the bundled example: the expected groups below are what a
reader of the five pages finds, not the program's output copied back.
"""

from __future__ import annotations

import dataclasses
import itertools

import pytest
#: The example pages' ids by number (as in tests/conftest.py; test modules cannot import it reliably).
SEED_IDS = {
    "000": "000_5402e81212a35571",
    "001": "001_69f3748dca759eec",
    "002": "002_e4dbe8024c84f414",
    "003": "003_2478aec32e3f585e",
    "004": "004_90e9e459c6bffa9d",
}

from corroborate.brief.quotes import (
    SAME_SPEAKER_SIMILARITY,
    SAME_STATEMENT_SIMILARITY,
    UNKNOWN_SPEAKER,
    content_similarity,
    content_terms,
    description_head,
    description_specificity,
    group_quotes,
    most_specific,
    resolve_speaker,
    respell,
    speakers_compatible,
    spelling_classes,
    stem,
    term_weights,
)
from corroborate.compare import find_derivations, independent_groups
from corroborate.model import AnnotatedArticle, Quote, QuoteGroup, Reference, Span
from corroborate.model import Article

S000, S001, S002, S003, S004 = (SEED_IDS[n] for n in ("000", "001", "002", "003", "004"))


@pytest.fixture(scope="module")
def by_id(example_annotated: list[AnnotatedArticle]) -> dict[str, AnnotatedArticle]:
    return {item.article.id: item for item in example_annotated}


@pytest.fixture(scope="module")
def independence(example_annotated: list[AnnotatedArticle]) -> dict[str, str]:
    articles = [item.article for item in example_annotated]
    return independent_groups(articles, find_derivations(articles))


@pytest.fixture(scope="module")
def quote_groups(example_annotated: list[AnnotatedArticle], independence: dict[str, str]) -> tuple[QuoteGroup, ...]:
    return group_quotes(example_annotated, independence)


def quote_at(item: AnnotatedArticle, words: str) -> Quote:
    """The quote of an article whose content holds these words (the innermost, when quotes nest)."""
    found = [quote for quote in item.quotes if words in quote.content.text]
    assert found, words
    return min(found, key=lambda quote: len(quote.content.text))


def group_of(groups: tuple[QuoteGroup, ...], source: str, words: str) -> QuoteGroup:
    """The group of the quote of ``source`` whose wording contains ``words`` (the innermost, when quotes nest)."""
    found = [(len(v.text), g) for g in groups for v in g.variants if v.source == source and words in v.text]
    assert found, words
    return min(found, key=lambda pair: pair[0])[1]


def wordings(group: QuoteGroup) -> list[tuple[str, str, str]]:
    return [(variant.source, variant.kind, variant.text) for variant in group.variants]


def assert_cited_exactly(groups: tuple[QuoteGroup, ...], texts: dict[str, str]) -> None:
    for group in groups:
        assert len(group.evidence) == len(group.variants) >= 1
        assert group.sources == tuple(dict.fromkeys(v.source for v in group.variants))
        assert group.text in {variant.text for variant in group.variants}
        for evidence in group.evidence:
            assert texts[evidence.source][evidence.start : evidence.end] == evidence.text
        for variant in group.variants:
            evidence = variant.evidence
            assert variant.source == evidence.source and variant.text == evidence.text
            assert texts[evidence.source][evidence.start : evidence.end] == evidence.text
            assert variant.kind in {"direct", "indirect"}


# --- the same statement in different words, across outlets ---


def test_defense_officials_refusal_is_one_statement_in_three_wordings(quote_groups) -> None:
    group = group_of(quote_groups, S002, "We are not going to discuss specific plans")
    assert group.speaker_kind == "anonymous"
    assert group.speaker == "U.S. defense official"
    assert group.sources == (S001, S002)
    assert wordings(group) == [
        (S001, "direct", "We’re not going to speak to our plans concerning specific base locations or troop numbers"),
        (S001, "direct", "we’re not going to speak to our plans concerning specific base locations or troop numbers."),
        (S002, "direct", "We are not going to discuss specific plans regarding the location of bases or the number of personnel"),
    ]
    assert group.text == "We’re not going to speak to our plans concerning specific base locations or troop numbers"
    assert [e.text for e in group.evidence][1] == (
        "A defense official, who also spoke on the condition of anonymity, said “we’re not going to speak "
        "to our plans concerning specific base locations or troop numbers."
    )


def test_not_withdrawing_from_iraq_is_one_statement_of_one_official(quote_groups) -> None:
    group = group_of(quote_groups, S001, "the United States is not withdrawing from Iraq")
    assert group.sources == (S001, S004)
    assert [v.text for v in group.variants] == [
        "To be clear, the United States is not withdrawing from Iraq",
        "This is an evolution of the military mission in Iraq [but] the U.S. is not withdrawing from Iraq",
    ]
    # "a U.S. official" (001) and "a senior administration official" (004): the more specific one is shown
    assert group.speaker == "senior administration official"
    assert group.speaker_kind == "anonymous"


def test_sudanis_bloomberg_interview_is_one_statement_but_his_other_words_stay_apart(quote_groups) -> None:
    group = group_of(quote_groups, S002, "the presence of coalition forces")
    assert group.speaker == "Mohammed Shia al-Sudani"
    assert group.speaker_kind == "person"
    assert wordings(group) == [
        (S001, "direct", "There is no need for a coalition. We have moved on from wars to stability. "
                         "ISIS is not really representing a challenge."),
        (S002, "indirect", "the presence of coalition forces in Iraq “is not required anymore"),
    ]
    # the other piece of the same quotation shares no content word with 002: its own statement
    alone = group_of(quote_groups, S001, "The justifications are no longer there")
    assert alone.speaker == "Mohammed Shia al-Sudani"
    assert alone.sources == (S001,) and len(alone.variants) == 1


def test_the_briefing_officials_first_phase_is_reported_by_two_outlets(quote_groups) -> None:
    group = group_of(quote_groups, S000, "The first phase")
    assert group.sources == (S000, S001)
    assert group.variants[1].text.startswith("The first phase will conclude the anti-ISIS coalition’s military mission")
    # the article's fullest description of this official, not "the official" of the quote itself
    assert group.speaker == "senior official from US President Joe Biden’s administration who briefed reporters"


def test_abbassi_timetable_is_grouped_and_his_report_of_austin_is_not(quote_groups) -> None:
    group = group_of(quote_groups, S002, "concerns the Kurdistan region")
    assert group.speaker == "Thabet al-Abbassi"
    assert group.sources == (S001, S002)
    assert group.variants[0].text.startswith("the coalition would pull out from bases in Baghdad")
    # 001's "He also said U.S. Defense Secretary Lloyd Austin had said ..." is Abbassi's too, a different statement
    austin_report = group_of(quote_groups, S001, "U.S. Defense Secretary Lloyd Austin had said in a meeting")
    assert austin_report.speaker == "Thabet al-Abbassi"
    assert austin_report is not group
    austin = [g for g in quote_groups if g.speaker == "Lloyd Austin"]
    assert [(g.sources, g.text) for g in austin] == [
        ((S001,), "“two years were not enough” to carry out the withdrawal")
    ]


def test_every_speaker_of_the_story_appears(quote_groups) -> None:
    speakers = {group.speaker for group in quote_groups}
    for name in ("Mohammed Shia al-Sudani", "Thabet al-Abbassi", "Lloyd Austin", "Sabrina Singh",
                 "senior administration official", "senior Defense Department official",
                 "Iraqi government officials", "joint statement by Washington and Baghdad"):
        assert name in speakers
    kinds = {group.speaker: group.speaker_kind for group in quote_groups}
    assert kinds["Sabrina Singh"] == "person"
    assert kinds["senior Defense Department official"] == "anonymous"
    assert kinds["joint statement by Washington and Baghdad"] == "document"


def test_different_statements_of_one_speaker_stay_separate(quote_groups) -> None:
    singh = [g for g in quote_groups if g.speaker == "Sabrina Singh"]
    assert [g.text for g in singh] == [
        "the U.S. is in Iraq at the express invitation of the government in Baghdad and the working "
        "partnership has led to success against ISIS on the battlefield",
        "The strongholds that [the Islamic State group] has in Iraq, they don’t have anymore — or not "
        "what they’re used to",
        "We certainly value the partnership that we had and continue to have with the Iraqi government.",
    ]
    assert all(g.sources == (S004,) for g in singh)
    # the senior administration official's two consecutive quotes about ISIS are two statements
    threat = group_of(quote_groups, S004, "While ISIS is down, they are not out")
    committed = group_of(quote_groups, S004, "We remain committed to defeating the core ISIS threat")
    assert threat is not committed


def test_anonymous_officials_with_unrelated_content_are_not_merged(quote_groups) -> None:
    # "a defense official at the time" on the commission meeting vs the senior official's "not withdrawing"
    meeting = group_of(quote_groups, S001, "the High Military Commission meeting was not a negotiation")
    assert meeting.sources == (S001,)
    assert meeting.speaker == "defense official at the time"
    planning = group_of(quote_groups, S001, "For now, that remains in a planning process")
    assert planning.sources == (S001,)
    # Iraqi officials are never the U.S. officials of another outlet
    iraqi = group_of(quote_groups, S004, "would be significantly reduced by 2026")
    assert iraqi.sources == (S004,) and iraqi.speaker == "Iraqi government officials"


def test_every_citation_is_an_exact_slice(quote_groups, by_id) -> None:
    texts = {source: item.article.text for source, item in by_id.items()}
    assert_cited_exactly(quote_groups, texts)
    quotes = sum(len(item.quotes) for item in by_id.values())
    assert sum(len(group.variants) for group in quote_groups) == quotes  # none dropped, none repeated


def test_most_widely_reported_statements_come_first(quote_groups, independence) -> None:
    counts = [len({independence[s] for s in group.sources}) for group in quote_groups]
    assert counts == sorted(counts, reverse=True)
    assert counts[:7] == [2] * 7 and counts[7] == 1
    leading = [g.speaker for g in quote_groups[:7]]
    assert leading == sorted(leading, key=str.casefold)


def test_a_derived_source_adds_no_independent_witness(example_annotated, independence) -> None:
    # pretend 002 copies 001: the defense official's words then rest on one independent source
    copied = {**independence, S002: S001}
    groups = group_quotes(example_annotated, copied)
    defense = group_of(groups, S002, "We are not going to discuss specific plans")
    independent = [len({copied[s] for s in g.sources}) for g in groups]
    assert independent[groups.index(defense)] == 1
    assert independent == sorted(independent, reverse=True)
    assert independent.count(2) == 3  # 000+003, 001+004 and 000+001 keep two independent sources
    assert groups.index(defense) > 2


# --- thresholds: the measured pairs the constants' comments cite ---


def test_thresholds_separate_the_measured_pairs(example_annotated, by_id) -> None:
    weights = term_weights(example_annotated)

    def similarity(first: tuple[str, str], second: tuple[str, str]) -> float:
        (a, a_words), (b, b_words) = first, second
        qa, qb = quote_at(by_id[a], a_words), quote_at(by_id[b], b_words)
        return content_similarity(
            content_terms(by_id[a], qa.content.start, qa.content.end),
            content_terms(by_id[b], qb.content.start, qb.content.end),
            weights,
        )

    refusal = similarity((S001, "We’re not going to speak"), (S002, "We are not going to discuss"))
    withdrawing = similarity((S001, "United States is not withdrawing"), (S004, "U.S. is not withdrawing"))
    negotiation = similarity((S001, "was not a negotiation"), (S004, "U.S. is not withdrawing"))
    abbassi = similarity((S001, "pull out from bases"), (S002, "concerns the Kurdistan region"))
    singh = similarity((S004, "express invitation"), (S004, "We certainly value the partnership"))
    assert refusal > withdrawing >= SAME_STATEMENT_SIMILARITY > negotiation
    assert abbassi >= SAME_SPEAKER_SIMILARITY > singh
    assert similarity((S001, "We’re not going to speak"), (S001, "we’re not going to speak")) == 1.0


def test_content_similarity_is_symmetric_and_bounded(by_id) -> None:
    item = by_id[S004]
    terms = [content_terms(item, q.content.start, q.content.end) for q in item.quotes]
    weights = term_weights([item])
    for a, b in itertools.combinations(terms, 2):
        score = content_similarity(a, b, weights)
        assert 0.0 <= score <= 1.0
        assert score == pytest.approx(content_similarity(b, a, weights))
    assert content_similarity(frozenset(), terms[0], weights) == 0.0


# --- speakers ---


def test_named_speakers_resolve_to_the_batch_entity(by_id) -> None:
    he = quote_at(by_id[S001], "U.S. Defense Secretary Lloyd Austin had said")
    assert he.speaker.text == "He"
    assert resolve_speaker(by_id[S001], he).key == "named:thabet al-abbassi"
    singh = quote_at(by_id[S004], "express invitation")
    assert singh.speaker.text == "Pentagon spokeswoman Sabrina Singh"
    assert resolve_speaker(by_id[S004], singh).name == "Sabrina Singh"
    in_001 = resolve_speaker(by_id[S001], quote_at(by_id[S001], "The justifications"))
    in_002 = resolve_speaker(by_id[S002], quote_at(by_id[S002], "the presence of coalition forces"))
    assert in_001.key == in_002.key == "named:mohammed shia al-sudani"


def test_a_short_name_resolves_through_the_cross_article_cluster(by_id) -> None:
    # 002 writes "Prime Minister Al-Sudani" (3605-3614): a speaker named so is the same person
    item = by_id[S002]
    start = item.article.text.index("Al-Sudani met")
    mention = Span(start, start + len("Al-Sudani"), "Al-Sudani")
    content = quote_at(item, "the presence of coalition forces").content
    quote = Quote("indirect", mention.start, content.end, item.article.text[mention.start:content.end],
                  content, None, mention, "Al-Sudani", "person")
    assert resolve_speaker(item, quote).name == "Mohammed Shia al-Sudani"


def test_described_speakers_are_one_only_when_compatible(by_id) -> None:
    def speaker(source: str, words: str):  # noqa: ANN202
        return resolve_speaker(by_id[source], quote_at(by_id[source], words))

    us_official = speaker(S001, "United States is not withdrawing")
    senior = speaker(S004, "U.S. is not withdrawing")
    defense = speaker(S001, "We’re not going to speak to our plans")
    iraqi = speaker(S004, "would be significantly reduced by 2026")
    us_officials = speaker(S001, "U.S. troops will remain in Iraq")
    statement = speaker(S002, "will continue until September 2026")
    assert not (us_official.named or senior.named)
    assert speakers_compatible(us_official, senior, same_article=False)
    assert not speakers_compatible(us_official, defense, same_article=True)  # 001 tells them apart
    assert not speakers_compatible(iraqi, us_officials, same_article=False)  # Iraqi vs U.S.
    assert not speakers_compatible(statement, senior, same_article=False)  # a document is not an official
    assert statement.name == "joint statement by Washington and Baghdad" and statement.kind == "document"
    # "Biden administration officials" is not Joe Biden
    biden_officials = speaker(S004, "it makes sense to reassess")
    assert biden_officials.kind == "anonymous" and not biden_officials.named


def test_description_helpers() -> None:
    assert description_head("senior U.S. defense officials") == "official"
    assert description_head("joint statement by Washington and Baghdad") == "statement"
    assert description_head("U.S. official (anonymous)") == "official"
    assert description_specificity("a U.S. official who spoke on the condition of anonymity") == \
        description_specificity("a U.S. official")
    assert most_specific(["U.S. official who spoke on the condition of anonymity",
                          "senior administration official"]) == "senior administration official"


def test_stems_agree_between_wordings() -> None:
    assert stem("withdrawing") == stem("withdrawal") == stem("withdraw") == "withdraw"
    assert stem("locations") == stem("location")
    assert stem("required") == stem("require")
    assert stem("the") == stem("We’re") == ""
    assert stem("defence") == stem("defense")


def test_spelling_classes_join_derivations_not_neighbours() -> None:
    stems = ["significantly", "significant", "continu", "contain", "present", "presenc", "country", "counter"]
    classes = spelling_classes(stems)
    assert respell(frozenset(stems), classes) == frozenset(stems) - {"significantly"}
    assert classes == {"significantly": "significant"}


# --- any batch ---


def test_empty_batches_and_articles_without_quotes() -> None:
    assert group_quotes([], {}) == ()
    article = Article(id="a", input="a.txt", text="Nothing was said here.")
    plain = AnnotatedArticle(article=article, reference=Reference(None, "none", 0.0, ""))
    assert group_quotes([plain], {"a": "a"}) == ()


def test_a_single_article_groups_its_repeated_quote(by_id) -> None:
    groups = group_quotes([by_id[S001]], {})
    assert_cited_exactly(groups, {S001: by_id[S001].article.text})
    repeated = group_of(groups, S001, "We’re not going to speak to our plans")
    assert [v.text[:2] for v in repeated.variants] == ["We", "we"]
    assert repeated.sources == (S001,)
    assert len(groups) == len(by_id[S001].quotes) - 1


def test_every_subset_of_the_story_is_cited_exactly(example_annotated) -> None:
    texts = {item.article.id: item.article.text for item in example_annotated}
    for size in (1, 2, 3):
        for subset in itertools.combinations(example_annotated, size):
            groups = group_quotes(list(subset), {item.article.id: item.article.id for item in subset})
            assert_cited_exactly(groups, texts)
            assert sum(len(g.variants) for g in groups) == sum(len(item.quotes) for item in subset)


def test_quotes_that_cannot_be_cited_are_left_out(by_id) -> None:
    item = by_id[S004]
    good = item.quotes[0]
    shifted = dataclasses.replace(good, start=good.start + 1)  # text no longer the slice
    broken = dataclasses.replace(item, quotes=(shifted, *item.quotes[1:]))
    groups = group_quotes([broken], {})
    assert sum(len(g.variants) for g in groups) == len(item.quotes) - 1
    assert_cited_exactly(groups, {S004: item.article.text})


def test_unattributed_quotes_are_never_merged() -> None:
    text = "“We will stay,” the crowd heard."
    content = Span(1, 13, "We will stay")
    quote = Quote("direct", 0, len(text), text, content, None, None, None, None)
    items = [
        AnnotatedArticle(article=Article(id=name, input=name, text=text),
                         reference=Reference(None, "none", 0.0, ""), quotes=(quote,))
        for name in ("a", "b")
    ]
    groups = group_quotes(items, {"a": "a", "b": "b"})
    assert [(g.speaker, g.sources) for g in groups] == [(UNKNOWN_SPEAKER, ("a",)), (UNKNOWN_SPEAKER, ("b",))]
