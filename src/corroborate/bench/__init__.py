"""Benchmarks: measure corroborate's stages on shared data sets, record the numbers.

Each benchmark is one function in :data:`BENCHMARKS` taking
``(data_root: Path, limit: int | None)`` and returning a :class:`BenchReport`.
Adding a benchmark is one module and one registry line. Data sets are not
bundled: they live under a shared data root (see :func:`default_data_root`);
a benchmark whose data is absent raises :class:`BenchmarkDataMissing`, which
the CLI reports as skipped.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from pathlib import Path

from corroborate.bench import extraction
from corroborate.bench.report import BenchReport, machine_description, record_in_docs
from corroborate.errors import BenchmarkDataMissing, UsageError

__all__ = [
    "BENCHMARKS",
    "BenchReport",
    "BenchmarkDataMissing",
    "default_data_root",
    "machine_description",
    "record_in_docs",
    "run_benchmark",
]

#: Environment variable naming the folder that holds the benchmark data sets.
DATA_ROOT_ENV = "CORROBORATE_BENCH_DATA"

#: Where the shared data sets sit relative to a checkout (``../shared/bench``).
_SHARED_RELATIVE = Path("..") / "shared" / "bench"

def _imported_on_use(module: str, function: str = "run") -> Callable[..., BenchReport]:
    """A benchmark function whose module is imported only when it runs.

    Most benchmarks load spaCy, Spark or a web server, far too slow for
    ``import corroborate.bench`` (which ``corroborate --help`` pays for).
    """

    def run(data_root: Path, limit: int | None = None) -> BenchReport:
        benchmark: Callable[..., BenchReport] = getattr(importlib.import_module(module), function)
        return benchmark(data_root, limit)

    return run


#: Benchmark name -> function ``(data_root, limit) -> BenchReport``.
BENCHMARKS: dict[str, Callable[..., BenchReport]] = {
    "extraction": extraction.run,
    "attribution": _imported_on_use("corroborate.bench.attribution", "run_attribution_benchmark"),
    "timex": _imported_on_use("corroborate.bench.timex", "run_timex_benchmark"),
    "annotate-speed": _imported_on_use("corroborate.bench.annotate_speed"),
    "brief-speed": _imported_on_use("corroborate.bench.brief_speed"),
    "stories": _imported_on_use("corroborate.bench.stories"),
    "spark-speedup": _imported_on_use("corroborate.bench.spark_speedup"),
    "scale": _imported_on_use("corroborate.bench.scale"),
    "web-load": _imported_on_use("corroborate.bench.web_load"),
    "fuzz": _imported_on_use("corroborate.bench.fuzz"),
}


def default_data_root() -> Path:
    """The benchmark data folder: ``$CORROBORATE_BENCH_DATA``, else ``../shared/bench``.

    ``../shared/bench`` is tried from the current directory first, then from the
    repository root found from this package's location. When neither exists the
    repository-relative path is returned so error messages name it.
    """
    configured = os.environ.get(DATA_ROOT_ENV)
    if configured:
        return Path(configured)
    from_cwd = Path.cwd() / _SHARED_RELATIVE
    if from_cwd.is_dir():
        return from_cwd.resolve()
    # src/corroborate/bench/__init__.py -> the checkout is three levels above ``corroborate``.
    repository = Path(__file__).resolve().parents[3]
    return (repository / _SHARED_RELATIVE).resolve()


def run_benchmark(name: str, data_root: Path | None = None, limit: int | None = None) -> BenchReport:
    """Run benchmark ``name`` on the data under ``data_root`` (first ``limit`` items only)."""
    benchmark = BENCHMARKS.get(name)
    if benchmark is None:
        known = ", ".join(sorted(BENCHMARKS))
        raise UsageError(f"unknown benchmark {name!r}; known benchmarks: {known}")
    if limit is not None and limit < 1:
        raise UsageError(f"--limit must be a positive number of items, not {limit}")
    root = Path(data_root) if data_root is not None else default_data_root()
    return benchmark(root, limit)
