"""Benchmark: latency of the web app under 50 concurrent clients on 127.0.0.1 (``corroborate bench web-load``).

A bounded load test, not a unit test: the bundled example is ingested into a
fresh SQLite store, ``corroborate serve``'s app runs in its own process
(uvicorn, one worker), and an asyncio client process keeps
:data:`CONCURRENCY` requests in flight against each endpoint in turn until
``limit`` (default :data:`REQUESTS_PER_ENDPOINT`) have completed, or
:data:`DEADLINE_SECONDS` pass. The story is briefed once before timing (the
first view runs spaCy for a few seconds; later views are served from the
brief cache), so the numbers are those of a warm server. Needs no data set.
"""

from __future__ import annotations

import asyncio
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from corroborate.bench.report import BenchReport
from corroborate.errors import BenchmarkDataMissing

#: Clients with a request in flight at every moment (the issue's load target).
CONCURRENCY = 50
#: Requests timed per endpoint: enough for a stable 99th percentile (20 samples above it), ~1 min in all.
REQUESTS_PER_ENDPOINT = 2000
#: Longest a whole endpoint's run may take before it stops early (the report says so).
DEADLINE_SECONDS = 120.0
#: Longest one request may take before it counts as an error.
REQUEST_TIMEOUT_SECONDS = 30.0
#: Longest the server may take to start and brief the example story.
WARM_UP_SECONDS = 180.0

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "iraq-coalition-2024"

_SERVER = """
import sys, uvicorn
from corroborate.web import WebSettings, create_app
uvicorn.run(create_app(WebSettings(database=sys.argv[1])), host="127.0.0.1", port=int(sys.argv[2]),
            log_level="warning", access_log=False)
"""


@dataclass(frozen=True)
class EndpointLoad:
    """Latencies of one endpoint's run."""

    name: str
    path: str
    latencies: list[float]
    errors: int
    seconds: float

    def row(self) -> dict[str, object]:
        """The report row: percentiles in milliseconds, throughput in requests per second."""
        ordered = sorted(self.latencies)
        return {
            "endpoint": self.name,
            "path": self.path,
            "requests": len(ordered) + self.errors,
            "errors": self.errors,
            "p50 ms": round(_percentile(ordered, 50) * 1000, 1),
            "p99 ms": round(_percentile(ordered, 99) * 1000, 1),
            "max ms": round(ordered[-1] * 1000, 1) if ordered else 0.0,
            "requests/s": round((len(ordered) + self.errors) / self.seconds, 1) if self.seconds else 0.0,
        }


def run(data_root: Path, limit: int | None = None) -> BenchReport:
    """Serve the example story and time its page, its JSON, the story list and a cited passage under load."""
    if not EXAMPLE.is_dir():
        raise BenchmarkDataMissing(f"web-load needs the bundled example in {EXAMPLE}")
    requests = limit or REQUESTS_PER_ENDPOINT
    import httpx  # the test extra; imported here so `corroborate bench --list` needs nothing more

    from corroborate.store import ingest_into_store, open_store

    load_before = _load_average()
    with tempfile.TemporaryDirectory(prefix="corroborate-web-load-") as folder:
        database = Path(folder) / "web-load.db"
        with open_store(database) as store:
            ingest_into_store([str(EXAMPLE)], store)
            story = store.stories()[0].id
        port = _free_port()
        server = subprocess.Popen(
            [sys.executable, "-c", _SERVER, str(database), str(port)],
            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )
        try:
            base = f"http://127.0.0.1:{port}"
            warm_seconds = _warm_up(httpx, base, story, server)
            citation = httpx.get(f"{base}/api/stories/{story}", timeout=REQUEST_TIMEOUT_SECONDS).json()["citations"][0]
            endpoints = [
                ("story page (HTML)", f"/stories/{story}"),
                ("story (JSON API)", f"/api/stories/{story}"),
                ("story list (HTML)", "/stories"),
                ("story list (JSON API)", "/api/stories"),
                ("cited passage (HTML)", citation["href"].split("#", 1)[0]),
            ]
            loads = [asyncio.run(_load(httpx, base, name, path, requests)) for name, path in endpoints]
        finally:
            server.terminate()
            try:
                server.wait(timeout=10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
    notes = [
        f"{CONCURRENCY} concurrent clients (one asyncio process, httpx, keep-alive) against one uvicorn worker "
        "in its own process, both on this machine over 127.0.0.1; requests counted per endpoint, run one after another.",
        "Store: the bundled example (5 articles, one story; its brief has 100 claims, so the story page is ~160 kB "
        "of HTML and its JSON ~220 kB).",
        f"Warm server: the story was briefed once before timing ({warm_seconds:.1f} s for the first view, "
        "spaCy load included); views are then served from the brief cache.",
    ]
    notes.append(
        f"Load average of the machine (other work included) before and after: {load_before}, {_load_average()}."
    )
    stopped = [load.name for load in loads if len(load.latencies) + load.errors < requests]
    if stopped:
        notes.append(f"Stopped at the {DEADLINE_SECONDS:.0f} s deadline before {requests} requests: {', '.join(stopped)}.")
    return BenchReport("web-load", [load.row() for load in loads], notes)


def _warm_up(httpx, base: str, story: int, server: subprocess.Popen) -> float:
    """Wait for the server, then view the story once so its brief is made; the seconds that first view took."""
    deadline = time.monotonic() + WARM_UP_SECONDS
    while True:
        if server.poll() is not None:
            problem = server.stderr.read().decode("utf-8", "replace").strip().splitlines() if server.stderr else []
            raise RuntimeError(f"the web server exited: {problem[-1] if problem else 'no message'}")
        try:
            httpx.get(f"{base}/api/stories", timeout=2).raise_for_status()
            break
        except httpx.TransportError:
            if time.monotonic() > deadline:
                raise RuntimeError("the web server did not start in time") from None
            time.sleep(0.1)
    started = time.perf_counter()
    httpx.get(f"{base}/stories/{story}", timeout=WARM_UP_SECONDS).raise_for_status()
    return time.perf_counter() - started


async def _load(httpx, base: str, name: str, path: str, requests: int) -> EndpointLoad:
    """Keep :data:`CONCURRENCY` requests to ``path`` in flight until ``requests`` finish (or the deadline)."""
    latencies: list[float] = []
    errors = 0
    issued = 0
    deadline = time.monotonic() + DEADLINE_SECONDS
    limits = httpx.Limits(max_connections=CONCURRENCY, max_keepalive_connections=CONCURRENCY)

    async with httpx.AsyncClient(base_url=base, limits=limits, timeout=REQUEST_TIMEOUT_SECONDS) as client:

        async def client_loop() -> None:
            nonlocal issued, errors
            while issued < requests and time.monotonic() < deadline:
                issued += 1
                started = time.perf_counter()
                try:
                    response = await client.get(path)
                    await response.aread()
                    if response.status_code == 200:
                        latencies.append(time.perf_counter() - started)
                    else:
                        errors += 1
                except httpx.HTTPError:
                    errors += 1

        started = time.perf_counter()
        await asyncio.gather(*(client_loop() for _ in range(CONCURRENCY)))
        seconds = time.perf_counter() - started
    return EndpointLoad(name, path, latencies, errors, seconds)


def _percentile(ordered: list[float], percent: float) -> float:
    """The ``percent``-th percentile of sorted values (nearest rank); 0 when there are none."""
    if not ordered:
        return 0.0
    if len(ordered) == 1:
        return ordered[0]
    return statistics.quantiles(ordered, n=100, method="inclusive")[int(percent) - 1] if percent < 100 else ordered[-1]


def _load_average() -> str:
    """The 1-minute load average, as text ("?" where the system does not tell)."""
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "?"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
