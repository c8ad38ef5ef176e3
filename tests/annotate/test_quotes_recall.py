"""Indirect attributions added for recall (patterns chosen on the PolNeAR train split, dev held out)."""

from __future__ import annotations

from corroborate.annotate.quotes import Quote, find_quotes


def only_quote(text: str) -> Quote:
    quotes = find_quotes(text)
    assert len(quotes) == 1, quotes
    (quote,) = quotes
    for span in (quote.content, quote.cue, quote.speaker):
        assert span is None or text[span.start : span.end] == span.text
    return quote


def spans(quote: Quote) -> tuple[str, str | None, str | None, str]:
    return (
        quote.kind,
        quote.speaker.text if quote.speaker else None,
        quote.cue.text if quote.cue else None,
        quote.content.text,
    )


def test_a_plain_noun_that_says_something_is_a_source() -> None:
    quote = only_quote("The retired pastor said he would vote for the senator in the spring primary.")
    assert spans(quote) == (
        "indirect", "The retired pastor", "said", "he would vote for the senator in the spring primary"
    )
    assert quote.speaker_name == "retired pastor"


def test_a_thing_that_underscores_something_is_no_source() -> None:
    assert find_quotes("The incident underscored how fragile the truce between the two factions had become.") == []


def test_a_subordinate_clause_after_a_comma_reports_nothing() -> None:
    # "while still maintaining …" has a conjunction and no subject of its own: not "…, the official maintained".
    assert find_quotes(
        "The plan is expected to cut the garrison by half, while still maintaining a small force at the northern base."
    ) == []


def test_a_clause_after_a_comma_with_its_own_subject_still_reports() -> None:
    quote = only_quote("The garrison will be cut by half next year, the defense minister said.")
    assert spans(quote) == ("indirect", "the defense minister", "said", "The garrison will be cut by half next year")


def test_a_relative_clause_speaker_is_the_pronoun_named_after_its_noun() -> None:
    quote = only_quote(
        "The contract was negotiated with help from Labor Secretary Thomas Perez, "
        "who said he expects the agreement to be finalized over the weekend."
    )
    assert spans(quote) == (
        "indirect", "who", "said", "he expects the agreement to be finalized over the weekend"
    )
    assert (quote.speaker_name, quote.speaker_kind) == ("Thomas Perez", "person")


def test_according_to_covers_every_clause_of_its_sentence() -> None:
    quote = only_quote(
        "Before that, she served as chief counsel to a senator, and she clerked for a federal judge, "
        "according to her biography."
    )
    assert spans(quote) == (
        "indirect",
        "her biography",
        "according to",
        "Before that, she served as chief counsel to a senator, and she clerked for a federal judge",
    )


def test_an_as_clause_attributes_the_clause_it_qualifies() -> None:
    quote = only_quote("As The Hill reported, the candidate was also accused of breaking the debate rules.")
    assert spans(quote) == (
        "indirect", "The Hill", "reported", "the candidate was also accused of breaking the debate rules."
    )
    assert (quote.speaker_name, quote.speaker_kind) == ("Hill", "organization")


def test_urging_someone_to_act_holds_whom_and_what() -> None:
    quote = only_quote("Mr. Eisenbrey urged the administration to raise the salary cutoff to about $51,000.")
    assert spans(quote) == (
        "indirect", "Mr. Eisenbrey", "urged", "the administration to raise the salary cutoff to about $51,000"
    )
    assert quote.speaker_name == "Eisenbrey"


def test_a_that_clause_parsed_as_an_adverbial_is_still_the_reported_clause() -> None:
    quote = only_quote(
        "The retired neurosurgeon has provided no details, saying in his statement only that he was "
        "refining some operational practices."
    )
    assert spans(quote) == (
        "indirect", "The retired neurosurgeon", "saying", "only that he was refining some operational practices"
    )


def test_a_wire_dateline_is_no_part_of_the_speaker() -> None:
    quote = only_quote(
        "RENO, Nev. (AP) — Republican presidential hopeful Donald Trump said the border wall would be paid for "
        "by Mexico."
    )
    assert spans(quote) == (
        "indirect",
        "Republican presidential hopeful Donald Trump",
        "said",
        "the border wall would be paid for by Mexico",
    )
    assert quote.speaker_name == "Donald Trump"


def test_a_focus_word_is_no_part_of_the_speaker() -> None:
    quote = only_quote("Even the organizer of the rally said the crowd was smaller than expected.")
    assert spans(quote) == ("indirect", "the organizer of the rally", "said", "the crowd was smaller than expected")
