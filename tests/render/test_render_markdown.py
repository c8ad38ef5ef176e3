"""The Markdown brief and timeline: every section, citation markers, footnotes that quote real passages."""

from __future__ import annotations

import dataclasses
import re

from brief_builders import AJ, NATIONAL, STRIPES, SUMMARY, TIMES

from corroborate.model import Brief, Evidence, Source
from corroborate.render.markdown import brief_markdown, timeline_markdown

SECTIONS = [
    "# Brief", "## Summary", "## Claims", "## Conflicts", "## Timeline",
    "## Who said what", "## Coverage", "## Sources", "## Citations",
]

#: A footnote: number, quoted passage, label and (when it differs) id, offsets.
FOOTNOTE = re.compile(r"^(\d+)\. “(.*)” — (?:.* \()?([^ ()]+)\)?, characters (\d+)–(\d+)$")


def _footnotes(markdown: str) -> dict[int, tuple[str, str, int, int]]:
    citations = markdown.split("## Citations\n\n", 1)[1]
    found = {}
    for line in citations.splitlines():
        match = FOOTNOTE.match(line)
        assert match, line
        found[int(match[1])] = (match[2], match[3], int(match[4]), int(match[5]))
    return found


def _span(brief: Brief, source_id: str, passage: str) -> tuple[int, int]:
    text = next(source.text for source in brief.sources if source.id == source_id)
    start = text.index(passage)
    return start, start + len(passage)


def test_sections_come_in_reading_order(full_brief: Brief) -> None:
    headings = [line for line in brief_markdown(full_brief).splitlines() if re.match(r"#{1,2} ", line)]
    assert headings == SECTIONS


def test_overview_counts_sources_claims_and_sections(full_brief: Brief) -> None:
    assert brief_markdown(full_brief).split("\n\n")[1] == (
        "5 source(s), 4 independent; 3 claim(s) (1 corroborated, 1 single-source, 1 conflicting); "
        "1 conflict(s); 3 dated event(s); 2 quote(s)."
    )


def test_every_footnote_quotes_its_exact_passage(full_brief: Brief) -> None:
    texts = {source.id: source.text for source in full_brief.sources}
    markdown = brief_markdown(full_brief)
    footnotes = _footnotes(markdown)
    start, end = _span(full_brief, AJ, "will wind down by the end of 2025")
    assert f"4. “will wind down by the end of 2025” — Al Jazeera ({AJ}), characters {start}–{end}" in markdown
    # 15 distinct passages are cited; a passage cited twice keeps one number.
    assert sorted(footnotes) == list(range(1, 16))
    for passage, source_id, start, end in footnotes.values():
        assert texts[source_id][start:end] == passage


def test_claims_show_status_independent_count_sources_and_markers(full_brief: Brief) -> None:
    markdown = brief_markdown(full_brief)
    # Summary cites passages 1-4 first; claim c1 reuses 1-3 and adds the derived source's passage as 5.
    assert (
        "1. **corroborated**, 3 independent source(s) (c1): The coalition’s mission in Iraq will end "
        "“no later than the end of September 2025,” — "
        f"{NATIONAL}, {STRIPES}, {TIMES}, {SUMMARY}; derived: {SUMMARY} [1] [2] [3] [5]\n"
        "   - note: the same date given as a month and as the end of the month\n"
        f"2. **single-source**, 1 independent source(s) (c2): killed 15 ISIS fighters in Iraq’s Anbar Desert — {NATIONAL} [6]"
    ) in markdown
    assert _footnotes(markdown)[6] == (
        "killed 15 ISIS fighters in Iraq’s Anbar Desert", NATIONAL,
        *_span(full_brief, NATIONAL, "killed 15 ISIS fighters in Iraq’s Anbar Desert"),
    )


def test_conflict_sides_are_rows_of_one_table(full_brief: Brief) -> None:
    section = brief_markdown(full_brief).split("## Conflicts\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert section == (
        "### when the coalition mission in Iraq ends (date; claims c3)\n\n"
        "| value | sources | evidence |\n|---|---|---|\n"
        f"| 2025 | Al Jazeera, {NATIONAL} | “will wind down by the end of 2025” [4] “will conclude by the end of 2025” [7] |\n"
        f"| 2026 | {SUMMARY} | “conclude its current anti-ISIS mission in Iraq by the end of 2026” [8] |"
    )


def test_timeline_splits_past_from_planned_in_date_order(full_brief: Brief) -> None:
    section = brief_markdown(full_brief).split("## Timeline\n\n", 1)[1].split("\n\n## ", 1)[0]
    past, planned = section.split("\n\n### Planned\n\n")
    assert past == (
        "### Past\n\n- **2024-09-24**: On September 24, U.S. Secretary of State Antony Blinken and Prime Minister "
        f"Al-Sudani met — {NATIONAL} [9]"
    )
    # The brief lists 2026-09 first; the reader gets them in date order, with their bounds.
    assert [line.split(":", 1)[0] for line in planned.splitlines()] == ["- **by 2025-09**", "- **until 2026-09**"]


def test_quotes_are_grouped_by_speaker_with_differing_wordings_listed(full_brief: Brief) -> None:
    section = brief_markdown(full_brief).split("## Who said what\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert section.split("\n\n")[:2] == ["### Mohammed Shia al-Sudani (person)", (
        f"- “The justifications are no longer there” — {STRIPES}, {NATIONAL} [12] [13]\n"
        f"  - {STRIPES} (direct): “The justifications are no longer there” [12]\n"
        f"  - {NATIONAL} (direct): “is not required anymore.” [13]"
    )]


def test_identical_wordings_are_not_listed_as_variants(full_brief: Brief) -> None:
    quote = full_brief.quotes[0]
    same = dataclasses.replace(quote.variants[1], text=quote.variants[0].text)
    brief = dataclasses.replace(full_brief, quotes=(dataclasses.replace(quote, variants=(quote.variants[0], same)),))
    section = brief_markdown(brief).split("## Who said what\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert section == (
        "### Mohammed Shia al-Sudani (person)\n\n"
        f"- “The justifications are no longer there” — {STRIPES}, {NATIONAL} [12] [13]"
    )


def test_coverage_matrix_marks_who_reports_each_fact(full_brief: Brief) -> None:
    section = brief_markdown(full_brief).split("## Coverage\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert section.splitlines() == [
        f"| key fact | Al Jazeera | {STRIPES} | {NATIONAL} | {SUMMARY} | {TIMES} |",
        "|---|---|---|---|---|---|",
        "| The coalition’s mission in Iraq will end “no later than the end of September 2025,” (c1) | — | ✓ | ✓ | ✓ | ✓ |",
        "| killed 15 ISIS fighters in Iraq’s Anbar Desert (c2) | — | — | ✓ | — | — |",
    ]


def test_sources_give_date_confidence_and_what_they_derive_from(full_brief: Brief) -> None:
    section = brief_markdown(full_brief).split("## Sources\n\n", 1)[1].split("\n\n## ", 1)[0]
    lines = section.splitlines()
    assert lines[0] == (
        f"- **Al Jazeera** ({AJ}): *US to end anti-ISIL operation in Iraq but unclear if troops will remain*; "
        f"published 2026-01-11 (confidence 0.10); input {full_brief.sources[0].input}"
    )
    assert lines[1] == "  - independent source"
    assert f"  - derived from {TIMES} (summary): {SUMMARY} is a summary of {TIMES}" in lines


def test_empty_sections_say_so(full_brief: Brief) -> None:
    markdown = brief_markdown(Brief(sources=full_brief.sources))
    for empty in (
        "## Summary\n\nNo summary: no claims to summarize.",
        "## Claims\n\nNo claims found.",
        "## Conflicts\n\nNo conflicts found.",
        "### Past\n\nNo past events found.\n\n### Planned\n\nNo planned events found.",
        "## Who said what\n\nNo attributed quotes found.",
        "## Coverage\n\nNo key facts to compare across sources.",
        "## Citations\n\nNothing cited.",
    ):
        assert empty in markdown


def test_untrusted_text_cannot_open_html_code_or_table_cells() -> None:
    text = 'Officials said <script>alert(1)</script> | `rm -rf` [x](javascript:alert(1))\nnext line'
    source = Source("id`with`ticks", "in.txt", "Out|let", "<b>Title</b>", None, 0.0, text)
    passage = Evidence(source.id, 0, len(text), text)
    from corroborate.model import Conflict, Position

    brief = Brief(sources=(source,), conflicts=(Conflict("a | b", (Position("x|y", (source.id,), (passage,)),), "name"),))
    markdown = brief_markdown(brief)
    # Every "<" is escaped, so no HTML can start; bracketed text cannot become a link.
    assert not re.search(r"(?<!\\)<", markdown)
    assert "\\<script>alert(1)\\</script>" in markdown
    assert "](" not in markdown and "[x]\\(javascript:alert(1))" in markdown
    assert "\\<b>Title\\</b>" in markdown
    assert "id\\`with\\`ticks" in markdown
    # The conflict row stays three cells: every pipe from the text is escaped.
    row = next(line for line in markdown.splitlines() if line.startswith("| x"))
    assert len(re.findall(r"(?<!\\)\|", row)) == 4
    # A passage never spans lines, so it cannot start a heading or a list.
    assert "\nnext line" not in markdown


def test_timeline_document_has_one_heading_per_date(full_brief: Brief) -> None:
    markdown = timeline_markdown(full_brief)
    assert [line for line in markdown.splitlines() if line.startswith("#")] == [
        "# Timeline", "## 2024-09-24", "## 2025-09", "## 2026-09", "## Sources", "## Citations",
    ]
    assert markdown.split("\n\n")[1] == "3 date(s), 3 cited sentence(s) from 5 source(s)."
    assert (
        "## 2026-09\n\n- *planned, until*: continue to support anti-ISIS operations in Syria from Iraq through the "
        f"second phase of the transition until at least September 2026 — {STRIPES}, {TIMES} [4] [5]"
    ) in markdown
    footnotes = _footnotes(markdown)
    assert footnotes[5] == ("will continue until September 2026", TIMES,
                            *_span(full_brief, TIMES, "will continue until September 2026"))


def test_timeline_without_dates_says_so(full_brief: Brief) -> None:
    assert "No dated events found." in timeline_markdown(Brief(sources=full_brief.sources))


def test_summary_sentences_state_their_certainty_and_cite(full_brief: Brief) -> None:
    section = brief_markdown(full_brief).split("## Summary\n\n", 1)[1].split("\n\n## ", 1)[0]
    assert section.splitlines() == [
        "- The coalition’s mission in Iraq will end “no later than the end of September 2025,” "
        "*(corroborated by 3 independent sources)* [1] [2] [3]",
        "- will wind down by the end of 2025 *(conflicting: one source says 2026)* [4]",
    ]


def test_timeline_bounds_read_as_words(full_brief: Brief) -> None:
    entry = dataclasses.replace(full_brief.timeline[0], bound="at_least_until")
    markdown = brief_markdown(dataclasses.replace(full_brief, timeline=(entry,)))
    assert "- **at least until 2026-09**: continue to support" in markdown
