"""Named entities: mentions with exact offsets, resolution within and across articles.

Snippets are paragraphs of the bundled example (the Sept 2024 US-Iraq
statement on ending the anti-ISIS coalition), copied verbatim.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.annotate import names
from corroborate.annotate.entities import EntityCluster, EntityMention, find_entities, link_entities
from corroborate.annotate.nlp import parse_texts

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"
LABELS = {"PERSON", "ORG", "PLACE", "OTHER"}

# Seed 000 (Al Jazeera).
SUDANI_000 = (
    "Talks about further winding down troops began in January and included Iraqi Prime Minister "
    "Mohammed Shia al-Sudani, as well as top-ranking officials from both the Iraqi armed forces and "
    "the US-led coalition.\n\n"
    "The continued presence of US troops in Iraq has been a political thorn for Sudani and has long "
    "been opposed by influential segments of the government."
)
ISIL_000 = (
    "The United States and Iraq have said that a US-led coalition in the country to fight ISIL (ISIS) "
    "will wind down by the end of 2025, but they left the door open to a prolonged military presence."
)
# Seed 002.
SUDANI_BLINKEN_002 = (
    "Baghdad insists its security forces can now independently handle the threat posed by ISIS, with "
    "Iraqi Prime Minister Mohammed Shia al-Sudani stating in a September 17 interview with Bloomberg "
    "that the presence of coalition forces in Iraq \u201cis not required anymore.\u201d\n"
    "On September 24, U.S. Secretary of State Antony Blinken and Prime Minister Al-Sudani met to "
    "discuss the coalition\u2019s future presence in Iraq. While both reaffirmed their commitment to "
    "security cooperation, their statements reflected differing views on the coalition\u2019s role. "
    "Blinken stressed the need to transition \u201cthe military mission of the D-ISIS coalition in "
    "Iraq,\u201d while Iraq\u2019s statement indicated a preference for an expedited conclusion."
)
CENTCOM_002 = (
    "On Aug. 31, U.S. Central Command announced a joint operation by U.S. and Iraqi forces that killed "
    "15 ISIS fighters in Iraq\u2019s Anbar Desert, with seven U.S. soldiers injured. CENTCOM reported "
    "that the fighters were \u201carmed with numerous weapons, grenades, and explosive \u2018suicide\u2019 "
    "belts.\u201d"
)
# Seed 004 (The Washington Times).
SINGH_004 = (
    "Pentagon spokeswoman Sabrina Singh said the U.S. is in Iraq at the express invitation of the "
    "government in Baghdad and the working partnership has led to success against ISIS on the "
    "battlefield.\n"
    "\u201cThe strongholds that [the Islamic State group] has in Iraq, they don\u2019t have anymore "
    "\u2014 or not what they\u2019re used to,\u201d Ms. Singh said Friday. \u201cWe certainly value the "
    "partnership that we had and continue to have with the Iraqi government.\u201d"
)
# Seed 001 (Stars and Stripes).
ABBASSI_001 = (
    "Iraqi Defence Minister Thabet al-Abbassi earlier this month told Saudi news channel Al-Hadath that "
    "the coalition would pull out from bases in Baghdad and other parts of federal Iraq by September "
    "2025 and from the autonomous northern Kurdistan region by September 2026, Agence France-Presse "
    "reported. He also said U.S. Defense Secretary Lloyd Austin had said in a meeting that \u201ctwo "
    "years were not enough\u201d to carry out the withdrawal."
)


def mentions_of(mentions: list[EntityMention], canonical: str) -> list[tuple[str, str | None]]:
    """(surface text, role) of every mention resolved to canonical, in order."""
    return [(mention.text, mention.role) for mention in mentions if mention.canonical == canonical]


def assert_exact_slices(text: str, mentions: list[EntityMention]) -> None:
    for mention in mentions:
        assert text[mention.start : mention.end] == mention.text
        assert mention.label in LABELS
        assert mention.canonical


def test_sudani_chain_with_bare_surname() -> None:
    mentions = find_entities(SUDANI_000)
    assert_exact_slices(SUDANI_000, mentions)
    assert mentions_of(mentions, "Mohammed Shia al-Sudani") == [
        ("Mohammed Shia al-Sudani", "Prime Minister"),
        ("Sudani", "Prime Minister"),
    ]
    sudani = next(mention for mention in mentions if mention.text == "Sudani")
    assert (sudani.label, SUDANI_000[sudani.start : sudani.end]) == ("PERSON", "Sudani")


def test_sudani_chain_with_capitalized_particle_and_title() -> None:
    mentions = find_entities(SUDANI_BLINKEN_002)
    assert_exact_slices(SUDANI_BLINKEN_002, mentions)
    assert mentions_of(mentions, "Mohammed Shia al-Sudani") == [
        ("Mohammed Shia al-Sudani", "Prime Minister"),
        ("Al-Sudani", "Prime Minister"),
    ]
    # The title is kept apart from the name: the span starts at "Al-Sudani".
    titled = next(mention for mention in mentions if mention.text == "Al-Sudani")
    assert SUDANI_BLINKEN_002[titled.start - len("Prime Minister ") : titled.start] == "Prime Minister "


def test_blinken_surname_resolves_to_full_name() -> None:
    mentions = find_entities(SUDANI_BLINKEN_002)
    assert mentions_of(mentions, "Antony Blinken") == [
        ("Antony Blinken", "Secretary of State"),
        ("Blinken", "Secretary of State"),
    ]
    # "State" in the title is not an organization mention.
    assert "State" not in [mention.text for mention in mentions]


def test_honorific_and_surname_resolve_to_full_name() -> None:
    mentions = find_entities(SINGH_004)
    assert_exact_slices(SINGH_004, mentions)
    assert mentions_of(mentions, "Sabrina Singh") == [("Sabrina Singh", "spokeswoman"), ("Singh", "spokeswoman")]
    assert {mention.label for mention in mentions if mention.canonical == "Sabrina Singh"} == {"PERSON"}


def test_pentagon_and_islamic_state_found_by_rule() -> None:
    mentions = find_entities(SINGH_004)
    found = [(mention.text, mention.label, mention.canonical) for mention in mentions if mention.label == "ORG"]
    assert found == [
        ("Pentagon", "ORG", "Department of Defense"),
        ("ISIS", "ORG", "Islamic State"),
        ("Islamic State", "ORG", "Islamic State"),
    ]


def test_titles_become_roles_and_both_spellings_are_kept() -> None:
    mentions = find_entities(ABBASSI_001)
    assert_exact_slices(ABBASSI_001, mentions)
    people = [(mention.text, mention.canonical, mention.role) for mention in mentions if mention.label == "PERSON"]
    assert people == [
        ("Thabet al-Abbassi", "Thabet al-Abbassi", "Defence Minister"),
        ("Lloyd Austin", "Lloyd Austin", "Defense Secretary"),
    ]
    assert "Defense" not in [mention.text for mention in mentions]


def test_acronym_resolves_to_its_expansion() -> None:
    mentions = find_entities(CENTCOM_002)
    assert_exact_slices(CENTCOM_002, mentions)
    assert mentions_of(mentions, "U.S. Central Command") == [("U.S. Central Command", None), ("CENTCOM", None)]


def test_text_equation_and_country_aliases() -> None:
    mentions = find_entities(ISIL_000)
    assert_exact_slices(ISIL_000, mentions)
    assert [(mention.text, mention.canonical) for mention in mentions if mention.label != "OTHER"] == [
        ("United States", "United States"),
        ("Iraq", "Iraq"),
        ("US", "United States"),
        ("ISIL", "Islamic State"),
        ("ISIS", "Islamic State"),
    ]


def test_text_equation_without_alias_table() -> None:
    text = "A spokesman for the Islamic Revolutionary Guard Corps (IRGC) said the IRGC had not been consulted."
    mentions = find_entities(text)
    assert [(mention.text, mention.canonical) for mention in mentions] == [
        ("Islamic Revolutionary Guard Corps", "Islamic Revolutionary Guard Corps"),
        ("IRGC", "Islamic Revolutionary Guard Corps"),
        ("IRGC", "Islamic Revolutionary Guard Corps"),
    ]


def test_spans_are_cleaned() -> None:
    caption = (
        "U.S. soldiers with the 630th Ordnance Company, assisted by French troops, conduct a controlled "
        "detonation at al Asad Air Base in Iraq on Dec. 29, 2023. (Quince Lanford/U.S. Army)"
    )
    texts = [mention.text for mention in find_entities(caption)]
    assert "Quince Lanford" in texts and "U.S. Army" in texts and "630th Ordnance Company" in texts
    strength = (
        "A United Nations report released in July estimated that ISIS\u2019s combined strength in Iraq and "
        "Syria had dwindled to between 1,500 and 3,000 fighters."
    )
    assert [mention.text for mention in find_entities(strength)] == ["United Nations", "ISIS", "Iraq", "Syria"]
    outlet = "Sep. 27 / The Washington Times , America\u2019s Newspaper"
    assert [mention.text for mention in find_entities(outlet)] == ["The Washington Times", "America"]


def test_near_identical_body_names_in_one_article_resolve_to_longest() -> None:
    text = (
        "The two countries agreed to form a Higher Military Commission last August for discussions about "
        "the U.S.-led military coalition\u2019s next phase in its mission to defeat ISIS.\n\n"
        "A defense official at the time said the High Military Commission meeting was not a negotiation "
        "about the withdrawal of U.S. forces from Iraq."
    )
    mentions = find_entities(text)
    assert mentions_of(mentions, "Higher Military Commission") == [
        ("Higher Military Commission", None),
        ("High Military Commission", None),
    ]


def test_different_committees_stay_apart() -> None:
    text = (
        "The Senate Armed Services Committee will hold a hearing on Tuesday. "
        "The House Armed Services Committee has not scheduled one."
    )
    mentions = find_entities(text)
    assert [(mention.text, mention.canonical) for mention in mentions] == [
        ("Senate Armed Services Committee", "Senate Armed Services Committee"),
        ("House Armed Services Committee", "House Armed Services Committee"),
    ]
    clusters = link_entities({"a": mentions[:1], "b": mentions[1:]})
    assert sorted(cluster.canonical for cluster in clusters) == [
        "House Armed Services Committee",
        "Senate Armed Services Committee",
    ]


def test_family_members_stay_apart_and_a_bare_shared_surname_is_left_unresolved() -> None:
    text = (
        "President Joe Biden pardoned his son Hunter Biden on Sunday. Hunter Biden had been convicted "
        "on gun charges. Biden said the prosecution was unfair."
    )
    mentions = find_entities(text)
    assert [(mention.text, mention.canonical) for mention in mentions] == [
        ("Joe Biden", "Joe Biden"),
        ("Hunter Biden", "Hunter Biden"),
        ("Hunter Biden", "Hunter Biden"),
        ("Biden", "Biden"),
    ]
    clusters = link_entities({"a": mentions[:1], "b": mentions[1:3]})
    assert sorted((cluster.canonical, tuple(cluster.articles)) for cluster in clusters) == [
        ("Hunter Biden", ("b",)),
        ("Joe Biden", ("a",)),
    ]


def test_titled_surname_does_not_join_a_full_name_without_that_title() -> None:
    # PolNeAr corpus: "President Clinton" is Bill, the only full name is Hillary's.
    text = (
        "Mike Pence (R-IN) said his running mate presidential nominee Donald Trump\u2019s tweet to invite "
        "Gennifer Flowers to Monday night\u2019s debate was only \u201cto mock\u201d Hillary Clinton for "
        "inviting Trump critic Mark Cuban. After the Clinton camp announced that it was inviting "
        "billionaire and Trump critic Mark Cuban to sit in the front row at the debate, Trump invited "
        "Gennifer Flowers, who once had an affair with President Clinton, to also sit in the front row."
    )
    mentions = find_entities(text)
    clintons = [(mention.text, mention.canonical, mention.role) for mention in mentions if "Clinton" in mention.text]
    assert clintons == [
        ("Hillary Clinton", "Hillary Clinton", None),
        ("Clinton", "Hillary Clinton", None),
        ("Clinton", "Clinton", "President"),
    ]


def test_governments_of_different_countries_stay_apart() -> None:
    iraqi = EntityMention(0, 16, "Iraqi government", "ORG", "Iraqi government")
    iranian = EntityMention(0, 18, "Iranian government", "ORG", "Iranian government")
    clusters = link_entities({"a": [iraqi], "b": [iranian]})
    assert sorted(cluster.canonical for cluster in clusters) == ["Iranian government", "Iraqi government"]


def test_spelling_variants_link_without_a_name_conflict() -> None:
    # ECB+ corpus, two reports of one anti-piracy operation.
    british = (
        "The ship was escorting a group of five merchant vessels through the Internationally Recognised "
        "Transit Corridor (IRTC) when the bid occurred."
    )
    american = (
        "INS Sukanya detected five suspicious boats, speedily approaching the merchant vessels that the "
        "warship was escorting through the Internationally Recognized Transit Corridor."
    )
    corridor = cluster_named(
        link_entities({"a": find_entities(british), "b": find_entities(american)}),
        "Internationally Recognized Transit Corridor",
    )
    assert corridor.articles == ["a", "b"]
    assert corridor.name_conflict is False


def test_transcript_speaker_labels_are_not_acronyms() -> None:
    # PolNeAr corpus, a television interview transcript.
    text = (
        '"PENCE: Gennifer Flowers will not be attending the debate tomorrow night. Donald Trump was using '
        "the tweet yesterday really to mock an effort by Hillary Clinton and her campaign to really distract "
        'attention." Gov. Mike Pence said.'
    )
    mentions = find_entities(text)
    assert "PENCE" not in [mention.text for mention in mentions]
    assert ("Mike Pence", "Gov.") in [(mention.text, mention.role) for mention in mentions]


def test_words_before_a_name_are_not_part_of_it() -> None:
    # ECB+ corpus.
    mentions = find_entities("Naturally Scott Boras will try to draw this out as long as he can.")
    assert [(mention.text, mention.label) for mention in mentions] == [("Scott Boras", "PERSON")]


def test_empty_text_has_no_entities() -> None:
    assert find_entities("") == []
    assert find_entities("  \n\n ") == []
    assert link_entities({}) == []


@pytest.fixture(scope="module")
def seed_mentions() -> dict[str, list[EntityMention]]:
    paths = sorted(EXAMPLE.glob("*.txt"))
    texts = [path.read_text(encoding="utf-8") for path in paths]
    mentions = {}
    for path, text, doc in zip(paths, texts, parse_texts(texts), strict=True):
        found = find_entities(text, doc)
        assert_exact_slices(text, found)
        mentions[path.stem[:3]] = found
    return mentions


def cluster_named(clusters: list[EntityCluster], canonical: str) -> EntityCluster:
    return next(cluster for cluster in clusters if cluster.canonical == canonical)


def test_seeds_link_sudani_across_all_articles(seed_mentions: dict[str, list[EntityMention]]) -> None:
    sudani = cluster_named(link_entities(seed_mentions), "Mohammed Shia al-Sudani")
    assert sudani == EntityCluster(
        canonical="Mohammed Shia al-Sudani",
        label="PERSON",
        variants={"Mohammed Shia al-Sudani": ["000", "001", "002", "003", "004"]},
        articles=["000", "001", "002", "003", "004"],
        name_conflict=False,
    )


def test_seeds_record_commission_committee_name_conflict(seed_mentions: dict[str, list[EntityMention]]) -> None:
    commission = cluster_named(link_entities(seed_mentions), "Higher Military Commission")
    assert commission == EntityCluster(
        canonical="Higher Military Commission",
        label="ORG",
        variants={"High Military Committee": ["002"], "Higher Military Commission": ["001"]},
        articles=["001", "002"],
        name_conflict=True,
    )


def test_seeds_role_spelling_is_not_a_name_conflict(seed_mentions: dict[str, list[EntityMention]]) -> None:
    minister = cluster_named(link_entities(seed_mentions), "Thabet al-Abbassi")
    assert minister.variants == {"Thabet al-Abbassi": ["001", "002"]}
    assert minister.name_conflict is False
    roles = {
        article: {mention.role for mention in mentions if mention.canonical == "Thabet al-Abbassi"}
        for article, mentions in seed_mentions.items()
        if article in ("001", "002")
    }
    assert roles == {"001": {"Defence Minister"}, "002": {"Defense Minister"}}


def test_seeds_link_aliases_and_surnames(seed_mentions: dict[str, list[EntityMention]]) -> None:
    clusters = link_entities(seed_mentions)
    united_states = cluster_named(clusters, "United States")
    assert (united_states.label, united_states.articles, united_states.name_conflict) == (
        "PLACE",
        ["000", "001", "002", "003", "004"],
        False,
    )
    islamic_state = cluster_named(clusters, "Islamic State")
    assert (islamic_state.label, islamic_state.articles) == ("ORG", ["000", "001", "002", "003", "004"])
    biden = cluster_named(clusters, "Joe Biden")
    assert biden.variants == {"Biden": ["003", "004"], "Joe Biden": ["000"]}
    assert biden.name_conflict is False
    surfaces_002 = {mention.text for mention in seed_mentions["002"] if mention.canonical == "U.S. Central Command"}
    assert surfaces_002 == {"U.S. Central Command", "CENTCOM"}


@pytest.mark.parametrize(
    ("acronym", "expansion", "expected"),
    [
        ("CENTCOM", "Central Command", True),
        ("CENTCOM", "U.S. Central Command", True),
        ("U.S.", "United States", True),
        ("NATO", "North Atlantic Treaty Organization", True),
        ("ISIL", "Islamic State of Iraq and the Levant", True),
        ("ISIS", "Islamic State", False),
        ("UN", "United States", False),
        ("Iraq", "Islamic Republic", False),
    ],
)
def test_acronyms(acronym: str, expansion: str, expected: bool) -> None:
    assert names.is_acronym_of(acronym, expansion) is expected


def test_name_words_drop_particles_case_and_accents() -> None:
    assert names.person_words("Mohammed Shia al-Sudani") == ["mohammed", "shia", "sudani"]
    assert names.person_words("Al-Sudani") == ["sudani"]
    assert names.person_words("Ms. Singh") == ["singh"]
    assert names.person_words("Ludwig van Beethoven") == ["ludwig", "beethoven"]
    assert names.name_key("The U.S.") == names.name_key("US") == "us"
    assert names.name_key("Thabet al-Abbassi") == names.name_key("Thabet Al-Abbassi")


def test_aligned_similarity_vetoes_different_bodies() -> None:
    assert names.aligned_name_similarity("Senate Armed Services Committee", "House Armed Services Committee") is None
    assert names.aligned_name_similarity("Iraqi government", "Iranian government") is None
    assert names.aligned_name_similarity("Higher Military Commission", "High Military Committee") == pytest.approx(
        280 / 3
    )


_FRAGMENTS = st.sampled_from(
    [
        "Prime Minister ", "al-Sudani", "Ms. ", "Singh", "ISIS", "(ISIL)", "the ", "The ", "U.S.", "’s",
        "/", " and ", "CENTCOM", "Commission", "Higher Military ", "Pentagon", "Biden", "\n\n", ". ", "“",
    ]
)  # fmt: skip


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(_FRAGMENTS, st.text(max_size=8)), max_size=8).map("".join))
def test_any_text_gives_exact_slices(text: str) -> None:
    mentions = find_entities(text)
    assert_exact_slices(text, mentions)
    assert mentions == sorted(mentions, key=lambda mention: mention.start)
    clusters = link_entities({"a": mentions, "b": mentions})
    assert all(cluster.articles for cluster in clusters)
