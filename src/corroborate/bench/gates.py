"""Quality gates: benchmark scores pinned as floors that may only go up.

The floors live in one committed file, ``quality/floors.toml`` at the
repository root: per gated score, the benchmark and the subset it is measured
on, the floor, the noise tolerance, and the measurement the floor came from.
The test suite measures each score on its subset (with the benchmark modules'
own functions) and asks :func:`check_gate`, which passes while
``measured >= floor - tolerance``.

Floors never go down: :func:`lowered_floors` compares two versions of the file
and lists every gate whose floor went down, whose tolerance widened, whose
subset changed or which disappeared; :func:`committed_floors` and
:func:`floor_history` read the committed versions from git so the suite can
refuse a lowering before it is committed, and after.

The seed-example checks (:data:`SEED_EXAMPLE_CHECKS`) are the one gated score
that is not a benchmark metric: named facts the brief of the bundled example
must get right, counted as a score whose floor is all of them.

See ``docs/quality-gates.md``.
"""

from __future__ import annotations

import subprocess
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path

from corroborate.errors import UsageError
from corroborate.model import Brief

#: The repository checkout holding this package (src/corroborate/bench/gates.py).
REPOSITORY = Path(__file__).resolve().parents[3]

#: The committed floors file, relative to the repository root.
FLOORS_RELATIVE = Path("quality") / "floors.toml"

#: The floors file of this checkout.
FLOORS_PATH = REPOSITORY / FLOORS_RELATIVE

#: Fields every gate of the floors file must have.
_REQUIRED = ("benchmark", "score", "subset", "suite", "test", "floor", "tolerance", "measured", "measured_on")


@dataclass(frozen=True)
class Floor:
    """One gated score: where it is measured, its floor and noise tolerance, where the floor came from."""

    name: str
    benchmark: str
    score: str
    subset: str
    suite: str
    test: str
    floor: float
    tolerance: float
    measured: float
    measured_on: str
    limit: int | None = None

    @property
    def threshold(self) -> float:
        """The lowest score that still passes: the floor less the tolerance."""
        return self.floor - self.tolerance


@dataclass(frozen=True)
class GateResult:
    """The verdict of one gate on one measured score, with a one-line message saying why."""

    name: str
    measured: float
    floor: float
    tolerance: float
    passed: bool
    message: str


@dataclass(frozen=True)
class LoweredFloor:
    """A gate that a new version of the floors file weakened, and how."""

    name: str
    reason: str


def parse_floors(text: str, origin: str = str(FLOORS_RELATIVE)) -> dict[str, Floor]:
    """The gates of a floors file's text, by name; ``origin`` names the file in error messages."""
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise UsageError(f"{origin} is not valid TOML: {error}") from error
    gates = document.get("gates")
    if not isinstance(gates, dict) or not gates:
        raise UsageError(f"{origin} has no [gates.NAME] tables")
    floors: dict[str, Floor] = {}
    for name, entry in gates.items():
        missing = [key for key in _REQUIRED if key not in entry]
        if missing:
            raise UsageError(f"{origin}: gate {name!r} lacks {', '.join(missing)}")
        numbers = {key: entry[key] for key in ("floor", "tolerance", "measured")}
        if not all(isinstance(value, (int, float)) and not isinstance(value, bool) for value in numbers.values()):
            raise UsageError(f"{origin}: gate {name!r} needs numbers for floor, tolerance and measured")
        if entry["tolerance"] < 0:
            raise UsageError(f"{origin}: gate {name!r} has a negative tolerance")
        limit = entry.get("limit")
        if limit is not None and (not isinstance(limit, int) or isinstance(limit, bool) or limit < 1):
            raise UsageError(f"{origin}: gate {name!r} needs a positive whole number as limit, not {limit!r}")
        if entry["suite"] not in ("default", "slow"):
            raise UsageError(f"{origin}: gate {name!r} has suite {entry['suite']!r}, not 'default' or 'slow'")
        floors[name] = Floor(
            name=name,
            benchmark=str(entry["benchmark"]),
            score=str(entry["score"]),
            subset=str(entry["subset"]),
            suite=str(entry["suite"]),
            test=str(entry["test"]),
            floor=entry["floor"],
            tolerance=entry["tolerance"],
            measured=entry["measured"],
            measured_on=str(entry["measured_on"]),
            limit=limit,
        )
    return floors


def load_floors(path: Path = FLOORS_PATH) -> dict[str, Floor]:
    """The gates of the floors file at ``path`` (by default this checkout's), by name."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise UsageError(f"cannot read the quality floors at {path}: {error.strerror}") from error
    return parse_floors(text, str(path))


def gate(name: str, floors: Mapping[str, Floor] | None = None) -> Floor:
    """The gate called ``name`` (from this checkout's floors file unless ``floors`` is given)."""
    floors = load_floors() if floors is None else floors
    try:
        return floors[name]
    except KeyError:
        known = ", ".join(sorted(floors))
        raise UsageError(f"no quality gate named {name!r}; known gates: {known}") from None


def check_gate(name: str, measured: float, floors: Mapping[str, Floor] | None = None) -> GateResult:
    """Whether ``measured`` holds gate ``name``'s floor, allowing its tolerance."""
    pinned = gate(name, floors)
    passed = measured >= pinned.threshold
    where = f"on {pinned.subset}"
    if passed:
        message = (
            f"{name}: {_number(measured)} holds its floor {_number(pinned.floor)} "
            f"(tolerance {_number(pinned.tolerance)}) {where}"
        )
    else:
        message = (
            f"{name} dropped to {_number(measured)}, {_number(pinned.floor - measured)} under its floor "
            f"{_number(pinned.floor)} (tolerance {_number(pinned.tolerance)}) {where}; the floor was set from "
            f"{_number(pinned.measured)} measured {pinned.measured_on}"
        )
    return GateResult(name, measured, pinned.floor, pinned.tolerance, passed, message)


def _number(value: float) -> str:
    """Counts as whole numbers, scores with up to four decimals."""
    if isinstance(value, int):
        return str(value)
    return f"{value:.4f}".rstrip("0").rstrip(".")


def lowered_floors(
    previous: Mapping[str, Floor], current: Mapping[str, Floor], *, include_removed: bool = True
) -> list[LoweredFloor]:
    """Gates of ``previous`` that ``current`` weakens: lower floor, wider tolerance, other subset, or gone.

    A gate measured on another subset is a different gate (its floor means
    something else), so it must get a new name rather than reuse the old one.
    ``include_removed=False`` ignores gates missing from ``current``, for
    comparisons with old versions of the file.
    """
    lowered: list[LoweredFloor] = []
    for name, before in previous.items():
        after = current.get(name)
        if after is None:
            if include_removed:
                lowered.append(LoweredFloor(name, f"gate {name} was removed (its floor was {_number(before.floor)})"))
            continue
        if (after.benchmark, after.limit) != (before.benchmark, before.limit):
            lowered.append(
                LoweredFloor(
                    name,
                    f"gate {name} now measures {after.benchmark} (limit {after.limit}) instead of "
                    f"{before.benchmark} (limit {before.limit}); give the new measurement a new gate",
                )
            )
            continue
        if after.floor < before.floor:
            lowered.append(
                LoweredFloor(name, f"floor of {name} lowered from {_number(before.floor)} to {_number(after.floor)}")
            )
        if after.tolerance > before.tolerance:
            lowered.append(
                LoweredFloor(
                    name,
                    f"tolerance of {name} widened from {_number(before.tolerance)} to {_number(after.tolerance)}",
                )
            )
    return lowered


def repository_root(start: Path = REPOSITORY) -> Path | None:
    """The top of the git checkout holding ``start``, or None (not a checkout, or no git)."""
    try:
        result = subprocess.run(
            ["git", "-C", str(start), "rev-parse", "--show-toplevel"],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
    except OSError:
        return None
    if result.returncode != 0:
        return None
    return Path(result.stdout.strip())


def committed_floors(revision: str = "HEAD", root: Path = REPOSITORY) -> dict[str, Floor] | None:
    """The floors file as committed at ``revision``, or None when that revision has no such file."""
    result = subprocess.run(
        ["git", "-C", str(root), "show", f"{revision}:{FLOORS_RELATIVE.as_posix()}"],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        return None
    return parse_floors(result.stdout, f"{revision}:{FLOORS_RELATIVE.as_posix()}")


def floor_history(root: Path = REPOSITORY) -> list[tuple[str, dict[str, Floor]]]:
    """Every committed version of the floors file, newest first, as ``(commit, gates)``."""
    result = subprocess.run(
        ["git", "-C", str(root), "log", "--format=%H", "--", FLOORS_RELATIVE.as_posix()],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    versions: list[tuple[str, dict[str, Floor]]] = []
    for commit in result.stdout.split():
        floors = committed_floors(commit, root)
        if floors is not None:  # None: the commit deleted the file
            versions.append((commit, floors))
    return versions


# --- Seed-example checks ------------------------------------------------------
#
# Facts of the bundled example (examples/iraq-coalition-2024, five pages about
# the September 2024 US-Iraq statement; pages are named by their number, 000 to
# 004) that its brief must get right. Each is asserted in detail by the tests
# of its stage (tests/brief, tests/extract); here they are counted, so a change
# that breaks one fails the gate even where a detailed test was loosened.

#: A published date kept below this confidence is flagged as doubtful (the
#: README's promise for page 000, whose only date is a re-posting date).
LOW_DATE_CONFIDENCE = 0.5


def _page(brief: Brief, number: str) -> str:
    """The id of the example page numbered ``number`` ("000" ... "004")."""
    return next((source.id for source in brief.sources if source.id.startswith(f"{number}_")), f"{number}_?")


def _citations_are_exact(brief: Brief) -> bool:
    from corroborate.brief.citations import verify_citations

    return not verify_citations(brief)


def _summary_derives_from_its_source(brief: Brief) -> bool:
    derived = {source.id: source.derived_from for source in brief.sources}
    return derived.get(_page(brief, "003")) == _page(brief, "004")


def _top_fact_has_four_independent_sources(brief: Brief) -> bool:
    if not brief.summary:
        return False
    claims = {claim.id: claim for claim in brief.claims}
    top = claims.get(brief.summary[0].claim or "")
    return top is not None and top.independent_sources == 4


def _announcement_dated_friday(brief: Brief) -> bool:
    outlets = {_page(brief, number) for number in ("000", "001", "002", "004")}
    return any(
        entry.date == "2024-09-27" and entry.kind == "past" and outlets <= set(entry.sources)
        for entry in brief.timeline
    )


def _first_phase_ends_september_2025(brief: Brief) -> bool:
    every_page = {source.id for source in brief.sources}
    return any(
        entry.date == "2025-09" and entry.kind == "planned" and set(entry.sources) == every_page
        for entry in brief.timeline
    )


def _syria_until_september_2026(brief: Brief) -> bool:
    independent = {source.id: source.independent_source for source in brief.sources}
    return any(
        entry.date == "2026-09" and entry.bound == "until" and "Syria" in entry.text
        and len({independent.get(source, source) for source in entry.sources}) >= 3
        for entry in brief.timeline
    )  # fmt: skip


def _interview_dates_conflict(brief: Brief) -> bool:
    return any(
        conflict.kind == "date" and {position.value for position in conflict.positions} == {"2024-09-15", "2024-09-17"}
        for conflict in brief.conflicts
    )


def _chrome_date_is_doubted(brief: Brief) -> bool:
    page = next(source for source in brief.sources if source.id == _page(brief, "000"))
    return page.published != "2024-09-27" and page.published_confidence < LOW_DATE_CONFIDENCE


#: Check name -> predicate on the example's brief. Adding a check is one
#: function and one line here, and raises the ``seed_example_checks`` floor by one.
SEED_EXAMPLE_CHECKS: dict[str, Callable[[Brief], bool]] = {
    "every citation is an exact slice of its source": _citations_are_exact,
    "page 003 is found to derive from page 004": _summary_derives_from_its_source,
    "the top summary sentence rests on four independent sources": _top_fact_has_four_independent_sources,
    "the announcement is dated Friday 2024-09-27 by pages 000, 001, 002 and 004": _announcement_dated_friday,
    "the first phase ends by 2025-09 on all five pages": _first_phase_ends_september_2025,
    "operations from Syria continue until 2026-09, by three independent sources": _syria_until_september_2026,
    "the Bloomberg interview's two dates (Sept. 15 and 17) are a date conflict": _interview_dates_conflict,
    "page 000's re-posting date in its chrome gets a low confidence": _chrome_date_is_doubted,
}


def run_seed_example_checks(brief: Brief) -> dict[str, bool]:
    """Every seed-example check on the example's brief: name -> passed."""
    return {name: bool(check(brief)) for name, check in SEED_EXAMPLE_CHECKS.items()}
