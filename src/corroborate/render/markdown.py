"""The brief as Markdown: readable in a terminal, rendered well by any Markdown viewer.

Sections follow what a reader asks first: the summary, then each claim with
how well it is established, conflicts side by side, the timeline, who said
what, which outlet reports which key fact, and the sources with what they
derive from. Citation markers ``[n]`` point to a numbered list of the cited
passages at the end, each quoted with its source id and character offsets.

Article text (and every title, outlet, id and input) is untrusted: it is put
on one line and the characters that would start HTML, links, code spans or
table cells are escaped, so it can only ever read as text.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from corroborate.model import (
    Brief,
    Claim,
    Conflict,
    Coverage,
    Evidence,
    QuoteGroup,
    Source,
    SummarySentence,
    TimelineEntry,
)
from corroborate.render.markers import (
    CitationNumbers,
    chronological,
    independent_count,
    bound_words,
    label_of,
    one_line,
    shortened,
    source_labels,
)

#: Longest passage shown in a conflict table cell; the full passage is in the citations list.
#: 160 characters is about two lines of a wide terminal, enough to read each side's wording.
CELL_PASSAGE_CHARS = 160

#: Longest key fact in the coverage matrix's first column (one line of a wide terminal).
FACT_CHARS = 90

#: Characters that change the meaning of Markdown text and are escaped in untrusted text:
#: ``<`` opens HTML and autolinks, a backtick a code span, ``\\`` an escape (and ``](``,
#: escaped apart, would make a link of bracketed text).
_ESCAPED = {"\\": "\\\\", "<": "\\<", "`": "\\`"}


def brief_markdown(brief: Brief) -> str:
    """The whole brief as one Markdown document."""
    numbers = CitationNumbers()
    labels = source_labels(brief.sources)
    sections = [
        _overview(brief),
        _section("Summary", _summary(brief.summary, numbers, labels), "No summary: no claims to summarize."),
        _section("Claims", _claims(brief.claims, numbers, labels), "No claims found."),
        _section("Conflicts", _conflicts(brief.conflicts, numbers, labels), "No conflicts found.", blocks=True),
        _section("Timeline", _timeline_by_kind(brief.timeline, numbers, labels), "No dated events found.", blocks=True),
        _section("Who said what", _quotes(brief.quotes, numbers, labels), "No attributed quotes found.", blocks=True),
        _section("Coverage", _coverage(brief.coverage, labels), "No key facts to compare across sources."),
        _section("Sources", _sources(brief, labels), "No sources."),
        _section("Citations", _citations(numbers.cited, labels), "Nothing cited."),
    ]
    return "\n\n".join(sections)


def timeline_markdown(brief: Brief) -> str:
    """Only the brief's timeline, one heading per date, with its citations and sources."""
    numbers = CitationNumbers()
    labels = source_labels(brief.sources)
    entries = chronological(brief.timeline)
    dates = list(dict.fromkeys(entry.date for entry in entries))
    lines = [f"# Timeline\n\n{len(dates)} date(s), {len(entries)} cited sentence(s) from {len(brief.sources)} source(s)."]
    if not entries:
        lines.append("No dated events found.")
    for date in dates:
        items = [_timeline_item(entry, numbers, labels, with_date=False) for entry in entries if entry.date == date]
        lines.append(f"## {_text(date)}\n\n" + "\n".join(items))
    lines.append(_section("Sources", [_source_line(source, labels) for source in brief.sources], "No sources."))
    lines.append(_section("Citations", _citations(numbers.cited, labels), "Nothing cited."))
    return "\n\n".join(lines)


def _overview(brief: Brief) -> str:
    statuses = {status: sum(1 for claim in brief.claims if claim.status == status)
                for status in ("corroborated", "single-source", "conflicting")}
    claims = ", ".join(f"{count} {status}" for status, count in statuses.items())
    return (
        f"# Brief\n\n{len(brief.sources)} source(s), {independent_count(brief)} independent; "
        f"{len(brief.claims)} claim(s) ({claims}); {len(brief.conflicts)} conflict(s); "
        f"{len(brief.timeline)} dated event(s); {len(brief.quotes)} quote(s)."
    )


def _section(title: str, lines: Sequence[str], empty: str, *, blocks: bool = False) -> str:
    """A ``##`` section of list lines (or, with ``blocks``, of paragraphs and tables), or ``empty``."""
    body = ("\n\n" if blocks else "\n").join(lines) if lines else empty
    return f"## {title}\n\n{body}"


def _summary(sentences: Sequence[SummarySentence], numbers: CitationNumbers, labels: dict[str, str]) -> list[str]:
    return [
        f"- {_text(sentence.text)} *({_text(sentence.certainty)})* "
        f"{_markers(sentence.evidence, numbers)}"
        for sentence in sentences
    ]


def _claims(claims: Sequence[Claim], numbers: CitationNumbers, labels: dict[str, str]) -> list[str]:
    lines = []
    for index, claim in enumerate(claims, 1):
        derived = f"; derived: {_sources_text(claim.derived_sources, labels)}" if claim.derived_sources else ""
        lines.append(
            f"{index}. **{_text(claim.status)}**, {claim.independent_sources} independent source(s) "
            f"({_text(claim.id)}): {_text(claim.text)} — {_sources_text(claim.sources, labels)}{derived} "
            f"{_markers(claim.evidence, numbers)}"
        )
        lines.extend(f"   - note: {_text(note)}" for note in claim.notes)
    return lines


def _conflicts(conflicts: Sequence[Conflict], numbers: CitationNumbers, labels: dict[str, str]) -> list[str]:
    blocks = []
    for conflict in conflicts:
        within = f", within {_text(label_of(labels, conflict.within))}" if conflict.within else ""
        claims = f"; claims {', '.join(_text(claim) for claim in conflict.claims)}" if conflict.claims else ""
        rows = [
            f"| {_cell(position.value)} | {_cell(_sources_text(position.sources, labels))} | "
            + " ".join(f"{_cell('“' + shortened(item.text, CELL_PASSAGE_CHARS) + '”')} [{numbers.number(item)}]"
                       for item in position.evidence)
            + " |"
            for position in conflict.positions
        ]
        blocks.append(
            f"### {_text(conflict.about)} ({_text(conflict.kind)}{within}{claims})\n\n"
            "| value | sources | evidence |\n|---|---|---|\n" + "\n".join(rows)
        )
    return blocks


def _timeline_by_kind(entries: Sequence[TimelineEntry], numbers: CitationNumbers, labels: dict[str, str]) -> list[str]:
    lines = []
    for kind, heading in (("past", "Past"), ("planned", "Planned")):
        items = [_timeline_item(entry, numbers, labels) for entry in chronological(entries) if entry.kind == kind]
        lines.append(f"### {heading}\n\n" + ("\n".join(items) if items else f"No {kind} events found."))
    others = [_timeline_item(entry, numbers, labels) for entry in entries if entry.kind not in ("past", "planned")]
    if others:
        lines.append("### Other\n\n" + "\n".join(others))
    return lines


def _timeline_item(entry: TimelineEntry, numbers: CitationNumbers, labels: dict[str, str], *, with_date: bool = True) -> str:
    bound = f"{_text(bound_words(entry.bound))} " if entry.bound else ""
    when = f"**{bound}{_text(entry.date)}**" if with_date else f"*{_text(entry.kind)}{', ' + bound.strip() if bound else ''}*"
    return f"- {when}: {_text(entry.text)} — {_sources_text(entry.sources, labels)} {_markers(entry.evidence, numbers)}"


def _quotes(quotes: Sequence[QuoteGroup], numbers: CitationNumbers, labels: dict[str, str]) -> list[str]:
    blocks = []
    for speaker in dict.fromkeys(quote.speaker for quote in quotes):
        said = [quote for quote in quotes if quote.speaker == speaker]
        kind = f" ({_text(said[0].speaker_kind)})" if said[0].speaker_kind else ""
        lines = [f"### {_text(speaker)}{kind}", ""]
        for quote in said:
            lines.append(f"- “{_text(quote.text)}” — {_sources_text(quote.sources, labels)} {_markers(quote.evidence, numbers)}")
            if len({one_line(variant.text) for variant in quote.variants}) > 1:
                lines.extend(
                    f"  - {_text(label_of(labels, variant.source))} ({_text(variant.kind)}): “{_text(variant.text)}” "
                    f"[{numbers.number(variant.evidence)}]"
                    for variant in quote.variants
                )
        blocks.append("\n".join(lines))
    return blocks


def _coverage(coverage: Coverage | None, labels: dict[str, str]) -> list[str]:
    if coverage is None or not coverage.rows:
        return []
    header = "| key fact | " + " | ".join(_cell(label_of(labels, source)) for source in coverage.sources) + " |"
    rule = "|---|" + "---|" * len(coverage.sources)
    rows = [
        f"| {_cell(shortened(row.text, FACT_CHARS))} ({_cell(row.claim)}) | "
        + " | ".join(_reported(row.reported, column) for column in range(len(coverage.sources)))
        + " |"
        for row in coverage.rows
    ]
    return [header, rule, *rows]


def _reported(reported: Sequence[bool], column: int) -> str:
    if column >= len(reported):
        return "?"
    return "✓" if reported[column] else "—"


def _sources(brief: Brief, labels: dict[str, str]) -> list[str]:
    return [_source_line(source, labels, detailed=True) for source in brief.sources]


def _source_line(source: Source, labels: dict[str, str], *, detailed: bool = False) -> str:
    title = f"*{_text(source.title)}*" if source.title else "(no title)"
    published = (
        f"published {_text(source.published)} (confidence {source.published_confidence:.2f})"
        if source.published
        else "publication date unknown"
    )
    label = labels.get(source.id, source.id)
    named = f"**{_text(label)}**" if label == source.id else f"**{_text(label)}** ({_text(source.id)})"
    line = f"- {named}: {title}; {published}"
    if not detailed:
        return line
    line += f"; input {_text(source.input)}"
    if source.derived_from:
        kind = f" ({_text(source.derivation_kind)})" if source.derivation_kind else ""
        reason = f": {_text(source.derivation)}" if source.derivation else ""
        line += f"\n  - derived from {_text(label_of(labels, source.derived_from))}{kind}{reason}"
    elif source.independent_source and source.independent_source != source.id:
        line += f"\n  - counts as the same independent source as {_text(label_of(labels, source.independent_source))}"
    else:
        line += "\n  - independent source"
    return line


def _citations(cited: Sequence[Evidence], labels: dict[str, str]) -> list[str]:
    lines = []
    for index, item in enumerate(cited, 1):
        label = label_of(labels, item.source)
        named = _text(label) if label == item.source else f"{_text(label)} ({_text(item.source)})"
        lines.append(f"{index}. “{_text(item.text)}” — {named}, characters {item.start}–{item.end}")
    return lines


def _markers(evidence: Iterable[Evidence], numbers: CitationNumbers) -> str:
    return " ".join(f"[{number}]" for number in numbers.numbers(evidence))


def _sources_text(sources: Iterable[str], labels: dict[str, str]) -> str:
    return ", ".join(_text(label_of(labels, source)) for source in sources) or "no source"


def _text(text: str | None) -> str:
    """Untrusted text on one line, with the characters that would be read as Markdown escaped."""
    escaped = "".join(_ESCAPED.get(char, char) for char in one_line(text or ""))
    return escaped.replace("](", "]\\(")


def _cell(text: str) -> str:
    """Text for a table cell: escaped, and its pipes kept from ending the cell."""
    return _text(text).replace("|", "\\|")
