"""Benchmark reports: result rows, the machine they ran on, and their place in the docs.

A :class:`BenchReport` is what every benchmark returns. It renders itself as a
Markdown table, and :func:`record_in_docs` writes that table into its own
section of ``docs/benchmarks.md`` (between ``<!-- bench:NAME -->`` markers) so
each benchmark can be re-run and re-recorded without touching the others.
"""

from __future__ import annotations

import os
import platform
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

#: Where benchmark tables are recorded, relative to the repository root.
DEFAULT_DOCS_PATH = Path("docs/benchmarks.md")

_DOCS_HEADER = """# Benchmarks

Measured numbers, written by the benchmark runner (`corroborate bench NAME`),
one section per benchmark. Each section says the machine it ran on; re-running
a benchmark replaces only its own section.
"""


def machine_description() -> dict[str, str]:
    """CPU model, core count, Python version and UTC date of this run."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.lower().startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "cpu": cpu,
        "cores": str(os.cpu_count() or 1),
        "python": platform.python_version(),
        "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
    }


@dataclass
class BenchReport:
    """One benchmark run: a row of measurements per system, with notes and machine."""

    name: str
    rows: list[dict[str, Any]]
    notes: list[str] = field(default_factory=list)
    machine: dict[str, str] = field(default_factory=machine_description)

    def markdown(self) -> str:
        """The report as Markdown: a heading, the machine, a table, then the notes."""
        lines = [f"## {self.name}", ""]
        machine = self.machine
        lines.append(
            f"Machine: {machine.get('cpu', '?')}, {machine.get('cores', '?')} cores, "
            f"Python {machine.get('python', '?')}; run {machine.get('date', '?')}."
        )
        lines.append("")
        columns: list[str] = []
        for row in self.rows:
            columns.extend(key for key in row if key not in columns)
        if columns:
            lines.append("| " + " | ".join(columns) + " |")
            lines.append("|" + "|".join("---" for _ in columns) + "|")
            for row in self.rows:
                lines.append("| " + " | ".join(_cell(row.get(key, "")) for key in columns) + " |")
            lines.append("")
        for note in self.notes:
            lines.append(f"- {note}")
        if self.notes:
            lines.append("")
        return "\n".join(lines).rstrip() + "\n"


def _cell(value: Any) -> str:
    """Scores (0..1) with three decimals, other numbers with one; text escaped for tables."""
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) <= 1 else f"{value:.1f}"
    return str(value).replace("|", "\\|")


def record_in_docs(report: BenchReport, path: Path = DEFAULT_DOCS_PATH) -> Path:
    """Write ``report`` into its own marked section of ``path``; the rest is left alone."""
    start = f"<!-- bench:{report.name} -->"
    end = f"<!-- /bench:{report.name} -->"
    section = f"{start}\n{report.markdown()}{end}"
    existing = path.read_text(encoding="utf-8") if path.exists() else _DOCS_HEADER
    pattern = re.compile(re.escape(start) + r".*?" + re.escape(end), re.DOTALL)
    if pattern.search(existing):
        updated = pattern.sub(lambda _match: section, existing, count=1)
    else:
        updated = existing.rstrip("\n") + "\n\n" + section + "\n"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(updated, encoding="utf-8")
    return path
