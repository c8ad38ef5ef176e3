"""Attributed quotes: direct and indirect speech, speakers resolved, exact spans."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from corroborate.annotate.quotes import Quote, find_quotes, pair_quote_marks

EXAMPLES = Path(__file__).resolve().parents[2] / "examples" / "iraq-coalition-2024"


def assert_exact_spans(text: str, quotes: list[Quote]) -> None:
    for quote in quotes:
        assert text[quote.start : quote.end] == quote.text
        for span in (quote.content, quote.cue, quote.speaker):
            if span is not None:
                assert text[span.start : span.end] == span.text


def summary(quote: Quote) -> tuple[str, str | None, str | None, str | None, str | None]:
    cue = quote.cue.text if quote.cue else None
    speaker = quote.speaker.text if quote.speaker else None
    return (quote.kind, speaker, cue, quote.speaker_name, quote.speaker_kind)


def quotes_of(text: str) -> list[Quote]:
    quotes = find_quotes(text)
    assert_exact_spans(text, quotes)
    return quotes


# --- quote marks (no model needed) ---


def test_pair_quote_marks_pairs_curly_and_straight_marks() -> None:
    text = "“One,” he said. \"Two.\""
    pairs = pair_quote_marks(text)
    assert [text[pair.open + 1 : pair.close] for pair in pairs] == ["One,", "Two."]


def test_pair_quote_marks_runs_a_quote_into_the_next_paragraph_that_opens_with_a_mark() -> None:
    text = "“First paragraph of the quote.\n\n“Second paragraph,” she said."
    pairs = pair_quote_marks(text)
    assert [(pair.continues, pair.continued) for pair in pairs] == [(True, False), (False, True)]
    assert text[pairs[0].open + 1 : pairs[0].close] == "First paragraph of the quote."
    assert text[pairs[1].open + 1 : pairs[1].close] == "Second paragraph,"


def test_pair_quote_marks_skips_stray_marks() -> None:
    assert pair_quote_marks("He said ” nothing “ at all") == []
    assert pair_quote_marks("An opening “ that never closes.\n\nNext paragraph.") == []
    text = "“Stray “real quote” end"
    assert [text[pair.open + 1 : pair.close] for pair in pair_quote_marks(text)] == ["real quote"]


def test_pair_quote_marks_reads_typewriter_and_archive_double_marks() -> None:
    text = "''This isn't tax reform,'' he said. ``Really.''"
    pairs = pair_quote_marks(text)
    assert [text[pair.open + 1 : pair.close] for pair in pairs] == ["This isn't tax reform,", "Really."]


# --- direct quotes from the bundled example ---


def test_anonymous_official_and_a_continuation_quote() -> None:
    text = (
        "“To be clear, the United States is not withdrawing from Iraq,” a U.S. official who spoke on "
        "the condition of anonymity told reporters. “This announcement comes after a decade of success "
        "from extraordinary international cooperation between coalition partners.”"
    )
    first, second = quotes_of(text)
    assert first.content.text == "To be clear, the United States is not withdrawing from Iraq"
    assert summary(first) == (
        "direct",
        "a U.S. official who spoke on the condition of anonymity",
        "told",
        "U.S. official (anonymous)",
        "anonymous",
    )
    assert second.content.text.startswith("This announcement comes after a decade")
    assert summary(second) == summary(first)


def test_named_person_with_title_and_continuation() -> None:
    text = (
        "“The justifications are no longer there,” Iraqi Prime Minister Mohammed Shia al-Sudani said "
        "Sept. 15 in an interview with Bloomberg. “There is no need for a coalition. We have moved on "
        "from wars to stability. ISIS is not really representing a challenge.”"
    )
    first, second = quotes_of(text)
    assert first.content.text == "The justifications are no longer there"
    assert summary(first) == (
        "direct",
        "Iraqi Prime Minister Mohammed Shia al-Sudani",
        "said",
        "Mohammed Shia al-Sudani",
        "person",
    )
    assert second.content.text.startswith("There is no need for a coalition.")
    assert second.speaker_name == "Mohammed Shia al-Sudani"


def test_cue_before_the_quote_without_comma() -> None:
    text = (
        "A defense official, who also spoke on the condition of anonymity, said “we’re not going to "
        "speak to our plans concerning specific base locations or troop numbers.”"
    )
    (quote,) = quotes_of(text)
    assert quote.content.text.startswith("we’re not going to speak")
    assert summary(quote) == (
        "direct",
        "A defense official, who also spoke on the condition of anonymity",
        "said",
        "defense official (anonymous)",
        "anonymous",
    )


def test_title_resolves_to_the_full_name_mentioned_earlier() -> None:
    text = (
        "Pentagon spokeswoman Sabrina Singh said the U.S. is in Iraq at the express invitation of the "
        "government in Baghdad.\n\n"
        "“The strongholds that [the Islamic State group] has in Iraq, they don’t have anymore — or not "
        "what they’re used to,” Ms. Singh said Friday. “We certainly value the partnership that we had "
        "and continue to have with the Iraqi government.”"
    )
    indirect, first, second = quotes_of(text)
    assert summary(indirect) == ("indirect", "Pentagon spokeswoman Sabrina Singh", "said", "Sabrina Singh", "person")
    assert indirect.content.text == "the U.S. is in Iraq at the express invitation of the government in Baghdad"
    assert summary(first) == ("direct", "Ms. Singh", "said", "Sabrina Singh", "person")
    assert second.content.text.startswith("We certainly value the partnership")
    assert second.speaker_name == "Sabrina Singh"


def test_the_official_refers_back_to_the_official_described_earlier() -> None:
    text = (
        "On Friday, a senior administration official said President Biden discussed the transition in "
        "April at a meeting in Washington.\n\n"
        "“This is an evolution of the military mission in Iraq [but] the U.S. is not withdrawing from "
        "Iraq,” the official told Pentagon reporters."
    )
    indirect, direct = quotes_of(text)
    assert summary(indirect) == (
        "indirect",
        "a senior administration official",
        "said",
        "senior administration official",
        "anonymous",
    )
    assert summary(direct) == ("direct", "the official", "told", "senior administration official", "anonymous")


def test_statements_are_documents() -> None:
    text = (
        "Washington and Baghdad announced in a joint statement on Friday that the mission will end.\n\n"
        "The coalition’s mission in Iraq will end “no later than the end of September 2025,” according "
        "to the joint statement.\n\n"
        "“As Iraq is a key member of the coalition, the coalition’s military mission operating in Syria "
        "will continue until September 2026,” the statement said."
    )
    quotes = quotes_of(text)
    according = next(quote for quote in quotes if quote.cue and quote.cue.text == "according to")
    assert according.kind == "indirect"
    assert according.content.text == (
        "The coalition’s mission in Iraq will end “no later than the end of September 2025,”"
    )
    # The statement is named after who issued it, so a brief can tell whose words they are.
    assert (according.speaker.text, according.speaker_name, according.speaker_kind) == (
        "the joint statement",
        "joint statement by Washington and Baghdad",
        "document",
    )
    direct = next(quote for quote in quotes if quote.kind == "direct")
    assert summary(direct) == (
        "direct",
        "the statement",
        "said",
        "joint statement by Washington and Baghdad",
        "document",
    )


def test_according_to_an_official() -> None:
    text = "The two sides agreed on a “two-phase transition plan,” according to a U.S. official."
    (quote,) = quotes_of(text)
    assert quote.content.text == "The two sides agreed on a “two-phase transition plan,”"
    assert summary(quote) == ("indirect", "a U.S. official", "according to", "U.S. official", "anonymous")


def test_trailing_attribution_and_definite_reference() -> None:
    text = (
        "“To be clear, the United States is not withdrawing from Iraq,” a U.S. official who spoke on "
        "the condition of anonymity told reporters.\n\n"
        "The first phase will conclude the anti-ISIS coalition’s military mission in Iraq by September "
        "2025, the U.S. official said."
    )
    _, indirect = quotes_of(text)
    assert indirect.content.text == (
        "The first phase will conclude the anti-ISIS coalition’s military mission in Iraq by September 2025"
    )
    assert summary(indirect) == ("indirect", "the U.S. official", "said", "U.S. official (anonymous)", "anonymous")


def test_dateline_is_not_part_of_what_was_said() -> None:
    text = (
        "WASHINGTON — U.S. troops will remain in Iraq as the two countries agree to a two-phased "
        "transition of the American-led mission to defeat the Islamic State, U.S. officials said Friday."
    )
    (quote,) = quotes_of(text)
    assert quote.content.text.startswith("U.S. troops will remain in Iraq")
    assert summary(quote) == ("indirect", "U.S. officials", "said", "U.S. officials", "anonymous")


def test_a_cue_interrupting_the_sentence_keeps_the_whole_claim() -> None:
    text = "Too often, Mr. Clarke said, the coal industry has failed its workers."
    (quote,) = quotes_of(text)
    assert quote.content.text == text
    assert summary(quote) == ("indirect", "Mr. Clarke", "said", "Clarke", "person")


def test_pronoun_resolves_to_the_most_recent_person() -> None:
    text = (
        "Iraqi Defence Minister Thabet al-Abbassi earlier this month told Saudi news channel Al-Hadath "
        "that the coalition would pull out from bases in Baghdad by September 2025. He also said U.S. "
        "Defense Secretary Lloyd Austin had said in a meeting that “two years were not enough” to carry "
        "out the withdrawal."
    )
    told, he_said, austin = quotes_of(text)
    assert summary(told) == (
        "indirect",
        "Iraqi Defence Minister Thabet al-Abbassi",
        "told",
        "Thabet al-Abbassi",
        "person",
    )
    assert told.content.text == "the coalition would pull out from bases in Baghdad by September 2025"
    assert summary(he_said) == ("indirect", "He", "said", "Thabet al-Abbassi", "person")
    assert summary(austin) == ("indirect", "U.S. Defense Secretary Lloyd Austin", "said", "Lloyd Austin", "person")
    assert austin.content.text == "“two years were not enough” to carry out the withdrawal"


def test_pronoun_skips_people_named_inside_the_quote() -> None:
    text = (
        "Hillary Clinton spoke in Pennsylvania on Monday, lambasting the plan. “The kind of plan that "
        "Donald has put forth would be trickle-down economics all over again,” she said."
    )
    (quote,) = quotes_of(text)
    assert summary(quote) == ("direct", "she", "said", "Hillary Clinton", "person")


def test_pronoun_gender_is_learned_from_the_article() -> None:
    text = (
        "Donald Trump attacked his rivals on Monday. Hillary Clinton answered on Tuesday in Ohio with "
        "her running mate. “We need a leader with integrity,” he said."
    )
    (quote,) = quotes_of(text)
    assert summary(quote) == ("direct", "he", "said", "Donald Trump", "person")


def test_surname_resolves_to_the_full_name_given_earlier() -> None:
    text = (
        "Retired Army Gen. Norman Ham spoke to Fox News on Monday. Ham said that the budget cuts had "
        "severely handicapped military training."
    )
    (quote,) = quotes_of(text)
    assert summary(quote) == ("indirect", "Ham", "said", "Norman Ham", "person")


def test_participle_cue_takes_the_subject_of_its_clause() -> None:
    text = (
        "The statement does not specify what will happen to the troops. It urges Iraq to secure a safe "
        "conclusion, stating, “To ensure the safe and orderly conclusion of the coalition’s military "
        "mission, the Government of Iraq reaffirms its commitment.”"
    )
    (quote,) = quotes_of(text)
    assert summary(quote) == ("direct", "It", "stating", "statement", "document")


def test_a_statement_is_named_after_its_issuer() -> None:
    text = (
        "Iraq’s Foreign Ministry said in a statement that the talks had ended. The statement added that "
        "a new round would begin in January."
    )
    first, second = quotes_of(text)
    assert first.speaker_name == "Foreign Ministry"
    assert summary(second) == ("indirect", "The statement", "added", "statement by Iraq’s Foreign Ministry", "document")


def test_reporting_verbs_with_that_clauses() -> None:
    text = (
        "As the U.S. military mission evolves, officials have emphasized that the transition does not "
        "equate to a complete withdrawal. U.S. officials assert that the group still poses a danger."
    )
    first, second = quotes_of(text)
    assert (first.content.text, first.cue.text, first.speaker_name) == (
        "the transition does not equate to a complete withdrawal",
        "emphasized",
        "officials",
    )
    assert (second.content.text, second.cue.text, second.speaker_name, second.speaker_kind) == (
        "the group still poses a danger",
        "assert",
        "U.S. officials",
        "anonymous",
    )


@pytest.mark.parametrize(
    "cue", ["stressed", "insisted", "warned", "acknowledged", "confirmed", "noted", "argued", "added", "said"]
)
def test_reporting_verbs_take_a_that_clause(cue: str) -> None:
    text = f"Defense Secretary Lloyd Austin {cue} that the mission against ISIS would continue in Syria."
    (quote,) = quotes_of(text)
    assert quote.content.text == "the mission against ISIS would continue in Syria"
    assert summary(quote) == ("indirect", "Defense Secretary Lloyd Austin", cue, "Lloyd Austin", "person")


def test_withheld_speech_is_not_a_quote() -> None:
    text = (
        "Officials did not say how many troops will remain in Iraq or where they will be stationed. "
        "They declined to say whether that shift would signal a full withdrawal of US troops."
    )
    assert quotes_of(text) == []


def test_told_reporters_and_said_in_a_statement() -> None:
    text = (
        "Mohammed Shia al-Sudani told Bloomberg that the presence of coalition forces is not required "
        "anymore. The Pentagon said in a statement that the talks would resume."
    )
    told, statement = quotes_of(text)
    assert (told.cue.text, told.speaker_name, told.content.text) == (
        "told",
        "Mohammed Shia al-Sudani",
        "the presence of coalition forces is not required anymore",
    )
    assert (statement.cue.text, statement.speaker_name, statement.speaker_kind) == ("said", "Pentagon", "organization")
    assert statement.content.text == "the talks would resume"


def test_multi_paragraph_quote_keeps_its_speaker() -> None:
    text = (
        "“While ISIS is down, they are not out,” the senior administration official said. “We remain "
        "committed to defeating the core ISIS threat.\n\n"
        "“We plan to continue focusing on that important task as we head into the future.”"
    )
    quotes = quotes_of(text)
    assert [quote.content.text for quote in quotes] == [
        "While ISIS is down, they are not out",
        "We remain committed to defeating the core ISIS threat.",
        "We plan to continue focusing on that important task as we head into the future.",
    ]
    assert {quote.speaker_name for quote in quotes} == {"senior administration official"}
    assert all(quote.cue is not None and quote.cue.text == "said" for quote in quotes)


def test_quote_split_by_its_attribution() -> None:
    text = "Jane Smith spoke on Monday. “We will win,” she said, “and we will win big.”"
    first, second = quotes_of(text)
    assert (first.content.text, second.content.text) == ("We will win", "and we will win big.")
    assert summary(first) == summary(second) == ("direct", "she", "said", "Jane Smith", "person")


def test_quote_resumed_after_but() -> None:
    text = (
        "Mr. Obama dismissed the criticism. \"You know, I love Larry,\" he said, but \"when it comes to "
        "energy issues, Larry has a history of representing fossil fuel industries.\""
    )
    first, second = quotes_of(text)
    assert second.content.text.startswith("when it comes to energy issues")
    assert first.speaker_name == second.speaker_name == "Obama"


def test_question_with_a_pronoun_and_no_antecedent_stays_unresolved() -> None:
    (quote,) = quotes_of("“Is the plan dead?” she asked.")
    assert summary(quote) == ("direct", "she", "asked", None, None)


def test_roles_in_apposition_name_people() -> None:
    text = "The mayor, Karen Bass, said the fires were contained. The mayor added that residents could return."
    said, added = quotes_of(text)
    assert summary(said) == ("indirect", "The mayor, Karen Bass", "said", "Karen Bass", "person")
    assert summary(added) == ("indirect", "The mayor", "added", "Karen Bass", "person")
    text = "“The plan is dead,” said Smith, a spokesman for the agency. “We are moving on.”"
    first, second = quotes_of(text)
    assert summary(first) == ("direct", "Smith, a spokesman for the agency", "said", "Smith", "person")
    assert second.speaker_name == "Smith"


def test_quote_opening_a_paragraph_after_a_colon() -> None:
    text = "Flynn said on Thursday:\n\n“He’s absolutely right about the generals.”"
    (quote,) = quotes_of(text)
    assert summary(quote) == ("direct", "Flynn", "said", "Flynn", "person")


def test_scare_quotes_are_not_speech() -> None:
    text = "Although Iraq declared “victory” over ISIS in 2017, jihadist cells continue to carry out attacks."
    assert [quote.kind for quote in quotes_of(text)] == []


def test_transcript_labels_name_the_speaker() -> None:
    text = (
        "Fox News host Chris Wallace interviewed Mike Pence.\n\n"
        "WALLACE: Let’s start with breaking news on the debate story.\n\n"
        "PENCE: Well, the question really should be about the campaign."
    )
    wallace, pence = quotes_of(text)
    assert summary(wallace) == ("direct", "WALLACE", ":", "Chris Wallace", "person")
    assert pence.content.text == "Well, the question really should be about the campaign."
    assert pence.speaker_name == "Mike Pence"


def test_dash_after_a_quote_names_its_source() -> None:
    text = "“The most unqualified child to ever run for president.” ― Francisco Herrero"
    (quote,) = quotes_of(text)
    assert summary(quote) == ("direct", "Francisco Herrero", "―", "Francisco Herrero", "person")


def test_unbalanced_quotes_do_not_crash_or_invent_quotes() -> None:
    text = (
        "A stray ” mark sits here, the official said. An opening “ that never closes follows, the "
        "spokesman said.\n\nNext paragraph “ too."
    )
    quotes = quotes_of(text)
    assert all(quote.kind == "indirect" for quote in quotes)


def test_empty_and_quote_free_texts() -> None:
    assert find_quotes("") == []
    assert find_quotes("   \n\n ") == []
    assert find_quotes("Troops remain in Iraq.") == []


@pytest.mark.parametrize("path", sorted(EXAMPLES.glob("*.txt")), ids=lambda path: path.name[:3])
def test_every_span_in_the_bundled_example_is_an_exact_slice(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    quotes = quotes_of(text)
    assert quotes
    assert all(quote.kind in ("direct", "indirect") for quote in quotes)
    assert all(quote.speaker_kind in (None, "person", "organization", "anonymous", "document") for quote in quotes)


_PIECES = st.sampled_from(
    ["“", "”", '"', "‘", "’", "''", "``", ",", ".", ":", " ", "\n", "\n\n", "—", "he said", "said",
     "Ms. Singh", "according to", "the official", "that", "officials told reporters", "It", "WALLACE:"]
)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(max_size=8)), max_size=14).map("".join))
def test_find_quotes_never_crashes_and_spans_are_exact(text: str) -> None:
    assert_exact_spans(text, find_quotes(text))
