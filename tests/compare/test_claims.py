"""Claims and conflicts on the bundled example, checked against what the five pages say."""

from __future__ import annotations

import pytest

from corroborate.annotate import entity_clusters
from corroborate.compare import find_derivations, independent_groups
from corroborate.annotate import annotate_articles
from corroborate.compare.claims import ClaimSet, close_precision, compatible_dates, find_claims, find_statements
from corroborate.compare.conflicts import apply_conflicts, find_conflicts, genuine
from corroborate.model import Article, Claim, Conflict, Position
S000, S001, S002, S003, S004 = (
    "000_5402e81212a35571",
    "001_69f3748dca759eec",
    "002_e4dbe8024c84f414",
    "003_2478aec32e3f585e",
    "004_90e9e459c6bffa9d",
)


@pytest.fixture(scope="module")
def groups(example_annotated) -> dict[str, str]:
    articles = [item.article for item in example_annotated]
    return independent_groups(articles, find_derivations(articles))


@pytest.fixture(scope="module")
def claim_set(example_annotated, groups) -> ClaimSet:
    return find_claims(example_annotated, groups)


@pytest.fixture(scope="module")
def conflicts(claim_set, example_annotated) -> list[Conflict]:
    return find_conflicts(claim_set, example_annotated, entity_clusters(example_annotated))


@pytest.fixture(scope="module")
def claims(claim_set, conflicts, groups) -> list[Claim]:
    return apply_conflicts(claim_set.claims, conflicts, groups)


def _claim_citing(claims: list[Claim], *passages: str) -> Claim:
    """The claim whose evidence includes every one of these passages."""
    for claim in claims:
        texts = [e.text for e in claim.evidence]
        if all(any(passage in text for text in texts) for passage in passages):
            return claim
    raise AssertionError(f"no claim cites all of {passages}")


def test_dates_compatible_only_as_refinements() -> None:
    assert compatible_dates("2025", "2025-09")
    assert compatible_dates("2025-09-27", "2025-09")
    assert not compatible_dates("2025-09", "2026")
    assert not compatible_dates("2024-09-15", "2024-09-17")
    assert not compatible_dates("2025", "20250")
    assert close_precision("2025", "2025-09") and not close_precision("2024", "2024-09-27")


def test_end_of_mission_by_september_2025_is_corroborated_by_the_independent_sources(claims) -> None:
    claim = _claim_citing(
        claims,
        "end the deployment of coalition forces in certain locations in Iraq by September 2025",  # 001
        "will end “no later than the end of September 2025,”",  # 002
        "will conclude its work in Iraq in September 2025",  # 004
    )
    assert claim.status == "corroborated"
    assert {S001, S002, S004} <= set(claim.sources)
    # 003 summarizes 004: it may add evidence, never an independent vote.
    assert claim.independent_sources == len({s for s in claim.sources if s != S003})
    assert S003 in claim.derived_sources
    assert any("different precision" in note and "the end of 2025" in note for note in claim.notes)


def test_troops_in_syria_rest_on_two_independent_sources(claims) -> None:
    claim = _claim_citing(claims, "There are also about 900 troops in Syria.", "the additional 900 stationed in Syria")
    assert set(claim.sources) == {S001, S002}
    assert claim.independent_sources == 2 and claim.status == "corroborated"


def test_blinken_sudani_meeting_is_single_source(claims) -> None:
    claim = _claim_citing(claims, "On September 24, U.S. Secretary of State Antony Blinken and Prime Minister Al-Sudani met")
    assert claim.sources == (S002,)
    assert claim.status == "single-source" and claim.independent_sources == 1


def test_every_claim_cites_exact_slices_of_its_sources(claims, example_annotated) -> None:
    texts = {item.article.id: item.article.text for item in example_annotated}
    for claim in claims:
        assert claim.text == claim.evidence[0].text
        assert set(claim.sources) == {e.source for e in claim.evidence}
        for evidence in claim.evidence:
            assert texts[evidence.source][evidence.start : evidence.end] == evidence.text


def test_interview_dates_conflict_between_independent_sources(conflicts, groups, claims) -> None:
    interview = [c for c in conflicts if c.kind == "date" and "interview" in c.about and c.within is None]
    assert len(interview) == 1
    values = {p.value: p.sources for p in interview[0].positions}
    assert values == {"2024-09-15": (S001,), "2024-09-17": (S002,)}
    assert "Sept. 15" in interview[0].positions[0].evidence[0].text or "Sept. 15" in interview[0].positions[1].evidence[0].text
    assert genuine(interview[0], groups)
    touched = [claim for claim in claims if claim.id in interview[0].claims]
    assert touched and all(claim.status == "conflicting" for claim in touched)


def test_summary_page_contradicts_itself_on_the_end_date(conflicts, groups) -> None:
    own = [c for c in conflicts if c.within == S003 and c.kind == "date"]
    assert len(own) == 1
    values = {p.value for p in own[0].positions}
    assert values == {"by 2025-09", "by 2026"}
    texts = " ".join(e.text for p in own[0].positions for e in p.evidence)
    assert "by the end of 2026" in texts and "by September 2025" in texts
    assert not genuine(own[0], groups)


def test_a_derived_sources_different_date_does_not_make_the_claim_conflicting(conflicts, claims, groups) -> None:
    cross = [c for c in conflicts if c.within is None and any(p.value == "by 2026" for p in c.positions)]
    assert cross, "003's 'by the end of 2026' is set against the other sources' September 2025"
    assert all(not genuine(c, groups) for c in cross)
    end_2025 = _claim_citing(claims, "will end “no later than the end of September 2025,”")
    assert end_2025.status == "corroborated"


def test_commission_and_committee_names_are_a_name_conflict(conflicts) -> None:
    names = [c for c in conflicts if c.kind == "name"]
    assert [{p.value: p.sources for p in c.positions} for c in names] == [
        {"High Military Committee": (S002,), "Higher Military Commission": (S001,)}
    ]


def test_no_conflict_between_a_start_and_an_end_or_dates_of_one_sentence(conflicts) -> None:
    for conflict in conflicts:
        for position in conflict.positions:
            for other in conflict.positions:
                if position is not other and conflict.kind == "date":
                    assert not (position.value.startswith("from") and other.value.startswith(("by", "until")))
    # 001 lists "by September 2025 ... by September 2026" in one sentence: no conflict.
    assert not [c for c in conflicts if c.within == S001]


def test_genuine_needs_independent_sources_on_two_sides() -> None:
    conflict = Conflict("date of: x", (Position("2025", ("a", "b"), ()), Position("2026", ("c",), ())), "date")
    assert genuine(conflict, {"a": "a", "b": "b", "c": "c"})
    assert not genuine(conflict, {"a": "a", "b": "b", "c": "a"})  # c derives from a


def test_empty_and_single_article_batches(example_annotated) -> None:
    assert find_claims([], {}).claims == []
    one = find_claims(example_annotated[:1], {})
    assert one.claims and all(c.status == "single-source" for c in one.claims)


# Supplied texts (a JSON Lines "text" field) keep what their producer scraped:
# the shapes of these lines are the ones ECB+'s pages have, tokenized as there.
STAMPED_PAGES = (
    "Lindsay Lohan checks into rehab to begin 90-day stint, lawyer says\n\n"
    "May 2, 2013, 1:12 PM EDT\n\n"
    "http: / / www. nydailynews. com / news / lindsay - lohan - rehab _\n\n"
    "com / lindsay - lohan - leaves - betty - ford - checks - into - malibu - rehab _ article _\n\n"
    "Lindsay Lohan has checked into a rehab facility to begin a 90-day court-ordered stint, her lawyer said.\n\n"
    "“She’s in rehab right now.”\n\n"
    "Her family thanked fans for their support on Thursday pic.twitter.com/MYwRz9euaq",
    "Updated May 2, 2013, 1:12 PM EDT\n\n"
    "Lindsay Lohan checked into a rehab facility on Thursday to begin her 90-day court-ordered stint.",
)


@pytest.fixture(scope="module")
def stamped() -> list:
    return annotate_articles([Article(id=f"p{n}", input=f"p{n}.txt", text=text) for n, text in enumerate(STAMPED_PAGES)])


def test_date_stamps_and_web_addresses_are_not_statements(stamped) -> None:
    texts = [s.text for s in find_statements(stamped[0])]
    assert not [t for t in texts if "1:12" in t or "com /" in t or "lohan -" in t]
    # Prose stays: a short sentence with a time but no digits, and one ending in a link.
    assert "“She’s in rehab right now.”" in texts
    assert any(t.startswith("Her family thanked fans") for t in texts)
    assert any(t.startswith("Lindsay Lohan has checked into") for t in texts)


def test_two_pages_stamped_the_same_minute_do_not_corroborate_the_stamp(stamped) -> None:
    claims = find_claims(stamped, {"p0": "p0", "p1": "p1"}).claims
    assert not [c for c in claims if "1:12" in c.text]
    rehab = [c for c in claims if "rehab facility" in c.text]
    assert [c.status for c in rehab] == ["corroborated"]
