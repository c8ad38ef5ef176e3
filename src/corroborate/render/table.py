"""Plain-text tables for a terminal: an article's annotations (``corroborate annotate``) and the
stories of a store (``corroborate stories``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

#: Longest cell text before it is cut with an ellipsis (keeps rows on one line).
MAX_CELL_CHARS = 70


def annotation_table(record: dict[str, Any]) -> str:
    """One article's annotations as an aligned table: kind, offsets, text, reading."""
    rows: list[tuple[str, str, str, str]] = []
    for entity in record["entities"]:
        rows.append(("entity", _offsets(entity), entity["text"], f"{entity['label']} {entity['cluster'] or entity['canonical']}"))
    for time in record["times"]:
        reading = " ".join(filter(None, [time["type"], time["value"], time["mod"], time["bound"] and f"bound={time['bound']}"]))
        rows.append(("time", _offsets(time), time["text"], reading))
    for quantity in record["quantities"]:
        amount = quantity["value"] if quantity["value"] is not None else f"{quantity['low']}-{quantity['high']}"
        reading = f"{amount} {quantity['unit'] or ''}{' (approx)' if quantity['approx'] else ''}"
        rows.append(("quantity", _offsets(quantity), quantity["text"], reading.strip()))
    for quote in record["quotes"]:
        rows.append(("quote", _offsets(quote["content"]), quote["content"]["text"],
                     f"{quote['kind']}: {quote['speaker_name'] or 'unattributed'}"))
    rows.sort(key=lambda row: int(row[1].split("-")[0]))
    reference = record["reference_date"] or "unknown"
    header = (
        f"{record['id']}: {record.get('title') or '(no title)'}\n"
        f"reference date {reference} ({record['reference_source']}, confidence "
        f"{record['reference_confidence']:.2f}): {record['reference_evidence']}\n"
        f"{len(record['sentences'])} sentences, {len(record['entities'])} entities, {len(record['times'])} times, "
        f"{len(record['quantities'])} quantities, {len(record['quotes'])} quotes"
    )
    return header + "\n" + _aligned([("kind", "chars", "text", "reading"), *rows])


def story_table(stories: Sequence[Any]) -> str:
    """Stories (:class:`~corroborate.store.StorySummary`) as an aligned table, one per line."""
    rows = [("story", "articles", "outlets", "independent~", "dates", "headline")]
    for story in stories:
        rows.append((
            str(story.id), str(story.size), str(story.outlets), str(story.independent_sources),
            _date_span(story.first_published, story.last_published), story.label or "(no headline)",
        ))
    return _aligned(rows)


def _date_span(first: str | None, last: str | None) -> str:
    if not first:
        return "undated"
    first, last = first[:10], (last or first)[:10]
    return first if first == last else f"{first}..{last}"


def _offsets(span: dict[str, Any]) -> str:
    return f"{span['start']}-{span['end']}"


def _cut(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= MAX_CELL_CHARS else text[: MAX_CELL_CHARS - 1] + "…"


def _aligned(rows: Sequence[tuple[str, ...]]) -> str:
    cells = [tuple(_cut(str(cell)) for cell in row) for row in rows]
    widths = [max(len(row[column]) for row in cells) for column in range(len(cells[0]) - 1)]
    return "\n".join(
        "  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[-1] for row in cells
    )
