"""Benchmark: coverage-guided fuzzing of the readers and normalizers (atheris, libFuzzer).

Each target of :data:`~corroborate.bench.fuzz_targets.TARGETS` (every reader,
the gzip wrapper, format sniffing, extraction, and the time, quantity and
publication-date normalizers) is fuzzed for a fixed time in a process of its
own (:mod:`corroborate.bench.fuzz_process`), starting from seeds built in code,
the bundled example and, when present, a few pages of the shared extraction
benchmark. A finding is an exception nobody planned for, a report hiding one,
an input slower than :data:`PER_INPUT_TIMEOUT_SECONDS`, or memory over
:data:`RSS_LIMIT_MB`. libFuzzer stops at the first finding; the target is then
restarted on the corpus grown so far, minus the input that failed, with the
time left, so one finding does not end the campaign.

Everything a run writes goes under ``out/fuzz/TARGET/`` (git-ignored): the
seeds, the corpus, libFuzzer's log of each session and, under ``findings/``,
every input that failed. The data root is only used for seeds: the benchmark
runs without the shared data. ``limit`` caps the executions per target.
"""

from __future__ import annotations

import importlib.util
import re
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from hashlib import sha1
from pathlib import Path

from corroborate.bench.fuzz_targets import FUZZ_MAX_BYTES, TARGETS
from corroborate.bench.report import BenchReport
from corroborate.errors import UsageError

#: Seconds of fuzzing per target. Twelve targets at 60 s, plus a few seconds of
#: start-up each, make the whole benchmark about 13 minutes, the budget set for
#: it (10-15 minutes on the 2-core development machine). A longer campaign by
#: hand is described in docs/fuzzing.md.
SECONDS_PER_TARGET = 60

#: An input taking longer than this is a finding (libFuzzer ``-timeout``). The
#: slowest target (extraction of a 16 kB page through trafilatura) takes about
#: 0.1 s per input on the development machine; 50 times that is no noise of a
#: shared machine but a regular expression or parser blowing up.
PER_INPUT_TIMEOUT_SECONDS = 5

#: Memory over this is a finding (libFuzzer ``-rss_limit_mb``, its default).
#: The largest target process (spaCy's English model loaded) stays under 500 MB.
RSS_LIMIT_MB = 2048

#: The largest input the fuzzer builds (libFuzzer ``-max_len``); longer seeds
#: are cut to it. 16 kB holds a whole small page; longer inputs slow every
#: execution while a blow-up on adversarial input shows on short ones too.
MAX_INPUT_BYTES = 16_384

#: How many findings end a target's campaign early: past a few, the same bug is
#: usually being found again, and each restart pays the start-up again.
MAX_FINDINGS_PER_TARGET = 10

#: Extra wall-clock time a fuzzer session may take beyond its fuzzing time
#: (imports, instrumentation, the first pass over the corpus) before it is killed.
STARTUP_GRACE_SECONDS = 180

#: Where runs write seeds, corpora, logs and findings, relative to the checkout (git-ignored).
OUTPUT_ROOT = Path("out") / "fuzz"

#: What libFuzzer's artifact names start with, and what each kind of finding is called.
FINDING_KINDS = {"crash": "crash", "timeout": "timeout", "oom": "out-of-memory", "leak": "leak"}

_STATUS_LINE = re.compile(
    r"^#(?P<executions>\d+)\s+\w+\s+cov: (?P<cov>\d+) ft: (?P<ft>\d+) corp: (?P<corpus>\d+)/", re.MULTILINE
)
_STAT = re.compile(r"^stat::(?P<name>\w+):\s+(?P<value>\d+)", re.MULTILINE)
_ARTIFACT = re.compile(r"Test unit written to (?P<path>\S+)")
_UNCAUGHT = "=== Uncaught Python exception: ==="
_TIMEOUT_HEADER = re.compile(r"=== Timeout: (?P<seconds>\d+)s elapsed")
_FRAME = re.compile(r'File "(?P<file>[^"]+)", line (?P<line>\d+)(?:, in | in )(?P<function>\S+)')


@dataclass(frozen=True)
class Finding:
    """An input that crashed, hung or blew memory, where libFuzzer saved it, and what happened."""

    target: str
    kind: str
    artifact: Path
    summary: str


@dataclass(frozen=True)
class SessionOutput:
    """What one libFuzzer session printed, parsed."""

    executions: int
    coverage: int
    features: int
    corpus: int
    new_units: int
    peak_rss_mb: int
    slowest_unit_seconds: int
    finding_kind: str | None
    artifact: Path | None
    summary: str


@dataclass
class TargetCampaign:
    """One target's sessions added up."""

    target: str
    executions: int = 0
    fuzzing_seconds: float = 0.0
    sessions: int = 0
    coverage: int = 0
    features: int = 0
    corpus: int = 0
    peak_rss_mb: int = 0
    slowest_unit_seconds: int = 0
    findings: list[Finding] = field(default_factory=list)

    def count(self, kind: str) -> int:
        """How many findings of one kind (``crash``, ``timeout``, ``oom``)."""
        return sum(1 for finding in self.findings if finding.kind == kind)


def parse_libfuzzer_output(text: str) -> SessionOutput:
    """Executions, coverage and the finding (if any) from libFuzzer's output of one session."""
    statuses = list(_STATUS_LINE.finditer(text))
    stats = {match["name"]: int(match["value"]) for match in _STAT.finditer(text)}
    last = statuses[-1] if statuses else None
    artifact_match = _ARTIFACT.search(text)
    artifact = Path(artifact_match["path"]) if artifact_match else None
    kind = _finding_kind(artifact) if artifact else None
    return SessionOutput(
        executions=stats.get("number_of_executed_units", int(last["executions"]) if last else 0),
        coverage=max((int(match["cov"]) for match in statuses), default=0),
        features=max((int(match["ft"]) for match in statuses), default=0),
        corpus=int(last["corpus"]) if last else 0,
        new_units=stats.get("new_units_added", 0),
        peak_rss_mb=stats.get("peak_rss_mb", 0),
        slowest_unit_seconds=stats.get("slowest_unit_time_sec", 0),
        finding_kind=kind,
        artifact=artifact,
        summary=_finding_summary(text, kind) if kind else "",
    )


def _finding_kind(artifact: Path) -> str:
    name = artifact.name
    for prefix in FINDING_KINDS:
        if name.startswith(prefix + "-") or f"-{prefix}-" in name:
            return prefix
    return "crash"


def _finding_summary(text: str, kind: str) -> str:
    """One line: the exception (or the timeout) and the innermost frame of our code, else any code."""
    if kind == "crash" and _UNCAUGHT in text:
        after = text.split(_UNCAUGHT, 1)[1].strip().splitlines()
        exception = after[0].strip() if after else "exception"
        frames = [match for match in _FRAME.finditer(text.split(_UNCAUGHT, 1)[1])]
        return f"{exception[:200]} at {_innermost(frames, most_recent_first=False)}"
    timeout = _TIMEOUT_HEADER.search(text)
    if kind == "timeout" and timeout:
        frames = list(_FRAME.finditer(text[timeout.end() :]))
        return f"over {timeout['seconds']} s at {_innermost(frames, most_recent_first=True)}"
    return FINDING_KINDS.get(kind, kind)


def _innermost(frames: list[re.Match[str]], *, most_recent_first: bool) -> str:
    """Where it happened: the innermost frame of corroborate's code, then (``via``) the innermost of any code."""
    ordered = frames if most_recent_first else list(reversed(frames))
    if not ordered:
        return "an unknown place"
    ours = [frame for frame in ordered if "/corroborate/" in frame["file"] and "/bench/" not in frame["file"]]
    place = _frame_text(ours[0] if ours else ordered[0])
    if ours and ours[0] is not ordered[0]:
        place += f" via {_frame_text(ordered[0])}"
    return place


def _frame_text(frame: re.Match[str]) -> str:
    """``ingest/feed.py:49 (read_feed)``, ``feedparser/api.py:230 (parse)``: the path from the package on."""
    path = frame["file"]
    for marker in ("/corroborate/", "/site-packages/", "/lib/python3.11/"):
        if marker in path:
            path = path.split(marker, 1)[1]
            break
    else:
        path = Path(path).name
    return f"{path}:{frame['line']} ({frame['function']})"


def libfuzzer_arguments(
    corpus: Path, seeds: Path, findings: Path, seconds: int, runs: int | None
) -> list[str]:
    """libFuzzer's arguments for one session: new inputs go to ``corpus``, failures to ``findings``."""
    arguments = [
        str(corpus),
        str(seeds),
        f"-max_total_time={max(seconds, 1)}",
        f"-timeout={PER_INPUT_TIMEOUT_SECONDS}",
        f"-rss_limit_mb={RSS_LIMIT_MB}",
        f"-max_len={MAX_INPUT_BYTES}",
        f"-artifact_prefix={findings}/",
        "-print_final_stats=1",
    ]
    if runs is not None:
        arguments.append(f"-runs={runs}")
    return arguments


def run_session(
    target: str, arguments: list[str], log: Path, seconds: int
) -> tuple[SessionOutput, float]:
    """Run one fuzzer process to its end; returns its parsed output and the seconds spent fuzzing."""
    command = [sys.executable, "-m", "corroborate.bench.fuzz_process", target, *arguments]
    lines: list[str] = []
    fuzzing_started: float | None = None
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    ) as process:
        killer = _Deadline(process, seconds + STARTUP_GRACE_SECONDS)
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            if fuzzing_started is None and ("INITED" in line or "seed corpus:" in line):
                fuzzing_started = time.monotonic()
        process.wait()
        killer.cancel()
    ended = time.monotonic()
    text = "".join(lines)
    log.write_text(text, encoding="utf-8")
    output = parse_libfuzzer_output(text)
    if output.finding_kind is None and killer.fired:
        output = _replace_finding(output, "timeout", None, f"session killed after {seconds + STARTUP_GRACE_SECONDS} s")
    elif output.finding_kind is None and process.returncode not in (0, None):
        # Died before libFuzzer saved the input (seen once: SIGALRM while the exception was printed).
        if _UNCAUGHT in text:
            summary = _finding_summary(text, "crash") + " (input not saved)"
        else:
            summary = f"fuzzer exited with status {process.returncode}: {' '.join(text.strip().splitlines()[-1:])[:200]}"
        output = _replace_finding(output, "crash", None, summary)
    return output, (ended - fuzzing_started) if fuzzing_started else 0.0


class _Deadline:
    """Kill a process that outlives its wall-clock budget (a hang libFuzzer's alarm did not catch)."""

    def __init__(self, process: subprocess.Popen[str], seconds: float) -> None:
        self.fired = False
        self._process = process
        self._timer = threading.Timer(seconds, self._kill)
        self._timer.daemon = True
        self._timer.start()

    def _kill(self) -> None:
        self.fired = True
        self._process.kill()

    def cancel(self) -> None:
        """Stop the timer (the process ended in time)."""
        self._timer.cancel()


def _replace_finding(output: SessionOutput, kind: str, artifact: Path | None, summary: str) -> SessionOutput:
    return replace(output, finding_kind=kind, artifact=artifact, summary=summary)


def write_seeds(folder: Path, seeds: list[bytes]) -> int:
    """Write the seeds as files named by their SHA-1 (as libFuzzer names inputs); returns how many."""
    folder.mkdir(parents=True, exist_ok=True)
    for seed in seeds:
        (folder / sha1(seed).hexdigest()).write_bytes(seed)
    return len({sha1(seed).hexdigest() for seed in seeds})


def forget_input(data: bytes, folders: list[Path]) -> None:
    """Remove a failing input from the seed and corpus folders so the next session gets past it."""
    for folder in folders:
        for path in folder.iterdir():
            if path.is_file() and path.read_bytes()[:MAX_INPUT_BYTES] == data:
                path.unlink()


def fuzz_target(
    name: str,
    *,
    seconds: int = SECONDS_PER_TARGET,
    runs: int | None = None,
    output_root: Path = OUTPUT_ROOT,
    data_root: Path | None = None,
) -> TargetCampaign:
    """Fuzz one target for ``seconds`` (at most ``runs`` executions), restarting after each finding."""
    if name not in TARGETS:
        raise UsageError(f"unknown fuzz target {name!r}; known targets: {', '.join(TARGETS)}")
    folder = output_root / name
    seeds, corpus, findings = folder / "seeds", folder / "corpus", folder / "findings"
    for fresh in (seeds, corpus):
        shutil.rmtree(fresh, ignore_errors=True)
        fresh.mkdir(parents=True)
    findings.mkdir(parents=True, exist_ok=True)
    write_seeds(seeds, TARGETS[name].seeds(data_root))
    campaign = TargetCampaign(name)
    deadline = time.monotonic() + seconds
    while len(campaign.findings) < MAX_FINDINGS_PER_TARGET:
        remaining = round(deadline - time.monotonic())
        runs_left = None if runs is None else runs - campaign.executions
        if remaining < 1 or (runs_left is not None and runs_left < 1):
            break
        campaign.sessions += 1
        arguments = libfuzzer_arguments(corpus, seeds, findings, remaining, runs_left)
        output, fuzzing = run_session(name, arguments, folder / f"session-{campaign.sessions}.log", remaining)
        _add_session(campaign, output, fuzzing)
        if output.finding_kind is None:
            break
        campaign.findings.append(Finding(name, output.finding_kind, output.artifact or folder, output.summary))
        if output.artifact is None or not output.artifact.is_file():
            break  # nothing to step past: restarting would fail the same way
        forget_input(output.artifact.read_bytes(), [seeds, corpus])
    return campaign


def _add_session(campaign: TargetCampaign, output: SessionOutput, fuzzing_seconds: float) -> None:
    campaign.executions += output.executions
    campaign.fuzzing_seconds += fuzzing_seconds
    campaign.coverage = max(campaign.coverage, output.coverage)
    campaign.features = max(campaign.features, output.features)
    campaign.corpus = max(campaign.corpus, output.corpus)
    campaign.peak_rss_mb = max(campaign.peak_rss_mb, output.peak_rss_mb)
    campaign.slowest_unit_seconds = max(campaign.slowest_unit_seconds, output.slowest_unit_seconds)


def campaign_row(campaign: TargetCampaign) -> dict[str, object]:
    """One table row of the report."""
    rate = campaign.executions / campaign.fuzzing_seconds if campaign.fuzzing_seconds else 0.0
    return {
        "target": campaign.target,
        "what": TARGETS[campaign.target].description,
        "executions": campaign.executions,
        "exec/s": round(rate, 1) if rate > 1 else round(rate, 2),
        "coverage (cov)": campaign.coverage,
        "features (ft)": campaign.features,
        "corpus": campaign.corpus,
        "slowest input (s)": campaign.slowest_unit_seconds,
        "peak RSS (MB)": campaign.peak_rss_mb,
        "crashes": campaign.count("crash"),
        "timeouts": campaign.count("timeout"),
        "out of memory": campaign.count("oom"),
    }


def reduce_finding(name: str, data: bytes) -> bytes:
    """A shorter input failing the same way (same exception type and message), for a regression file.

    libFuzzer's own ``-minimize_crash`` re-executes ``argv[0]``, which is not
    a program under ``python -m``; this greedy pass drops ever smaller chunks
    instead. Hangs are not reduced (each try would take the timeout).
    """
    function = TARGETS[name].function
    failure = _failure(function, data)
    if failure is None:
        raise UsageError(f"the input does not fail the {name!r} target")
    chunk = len(data) // 2
    while chunk >= 1:
        start, shortened = 0, False
        while start < len(data):
            candidate = data[:start] + data[start + chunk :]
            if candidate and _failure(function, candidate) == failure:
                data, shortened = candidate, True
            else:
                start += chunk
        if not shortened:
            chunk //= 2
    return data


def _failure(function: Callable[[bytes], object], data: bytes) -> str | None:
    try:
        function(data)
    except Exception as error:  # noqa: BLE001 - any exception is the finding being reduced
        return f"{type(error).__name__}: {error}"
    return None


def run(data_root: Path, limit: int | None = None) -> BenchReport:
    """Fuzz every target for :data:`SECONDS_PER_TARGET` (``limit``: executions per target)."""
    _require_atheris()
    root = data_root if data_root.is_dir() else None
    campaigns = [fuzz_target(name, runs=limit, data_root=root) for name in TARGETS]
    findings = [finding for campaign in campaigns for finding in campaign.findings]
    total = sum(campaign.executions for campaign in campaigns)
    notes = [
        f"{SECONDS_PER_TARGET} s of atheris {_atheris_version()} (libFuzzer) per target, one target at a time; "
        f"{total:,} executions in all, {len(findings)} findings.",
        f"A finding: an exception other than CorroborateError, a report saying 'could not be read (...)', "
        f"an input over {PER_INPUT_TIMEOUT_SECONDS} s, or over {RSS_LIMIT_MB} MB resident. "
        f"Inputs up to {MAX_INPUT_BYTES:,} bytes; readers get --max-bytes {FUZZ_MAX_BYTES:,}.",
        "Seeds: small inputs of every format built in code, the bundled example"
        + (", and a few pages of the shared extraction benchmark." if root else " (shared data absent)."),
        "cov and ft are libFuzzer's counts of covered edges and features of the instrumented code "
        "(the target's own packages only, see corroborate/bench/fuzz_targets.py), so they compare "
        "runs of one target, not targets.",
    ]
    notes.extend(f"{finding.target}: {finding.kind} {finding.summary} (input: {finding.artifact})" for finding in findings)
    return BenchReport("fuzz", [campaign_row(campaign) for campaign in campaigns], notes)


def _require_atheris() -> None:
    if importlib.util.find_spec("atheris") is None:
        raise UsageError("the fuzz benchmark needs atheris: run `make install` (it is in the test extra)")


def _atheris_version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("atheris")
    except PackageNotFoundError:
        return "(not installed)"
