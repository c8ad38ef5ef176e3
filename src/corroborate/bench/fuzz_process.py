"""One fuzzer process: ``python -m corroborate.bench.fuzz_process TARGET [libFuzzer arguments]``.

Runs atheris (libFuzzer for Python) on one target of
:data:`corroborate.bench.fuzz_targets.TARGETS` until libFuzzer stops it: after
``-max_total_time`` or ``-runs``, or at the first crash, timeout or
out-of-memory, whose input it writes under ``-artifact_prefix``. It needs a
process of its own because ``atheris.Fuzz()`` never returns; the fuzz
benchmark (:mod:`corroborate.bench.fuzz`) starts one per target and reads
what libFuzzer prints. The arguments after TARGET are libFuzzer's own
(corpus folders, ``-timeout=``, ...; see docs/fuzzing.md).

Only the target's own packages are instrumented for coverage:
``atheris.instrument_all()`` would instrument every function loaded (spaCy,
numpy, ... about 9,000) and take minutes before the first input.
"""

from __future__ import annotations

import gc
import sys
import types
from collections.abc import Sequence

from corroborate.bench.fuzz_targets import TARGETS, FuzzTarget

#: Exit status for a bad command line (libFuzzer uses 1 for a crash, 70 for a timeout).
USAGE_EXIT = 2


def instrument_packages(packages: Sequence[str]) -> int:
    """Add atheris coverage instrumentation to every loaded function of ``packages``; returns how many."""
    import atheris

    prefixes = tuple(packages)
    functions = [
        obj
        for obj in gc.get_objects()
        if isinstance(obj, types.FunctionType) and _in_packages(getattr(obj, "__module__", None), prefixes)
    ]
    for function in functions:
        atheris.instrument_func(function)
    return len(functions)


def _in_packages(module: object, prefixes: tuple[str, ...]) -> bool:
    return isinstance(module, str) and any(module == p or module.startswith(p + ".") for p in prefixes)


def warm_up(target: FuzzTarget) -> None:
    """Run the target once before fuzzing, so loading a model (spaCy) is not timed as the first input."""
    try:
        target.function(target.seeds(None)[0])
    except Exception:  # noqa: BLE001 - a crashing seed is found again, and reported, by the fuzzer
        pass


def main(argv: Sequence[str]) -> int:
    """Fuzz the target named by ``argv[1]``; libFuzzer reads the rest of ``argv``."""
    if len(argv) < 2 or argv[1] not in TARGETS:
        sys.stderr.write(f"usage: python -m corroborate.bench.fuzz_process TARGET [libFuzzer args]; "
                         f"targets: {', '.join(TARGETS)}\n")
        return USAGE_EXIT
    import atheris

    target = TARGETS[argv[1]]
    count = instrument_packages(target.packages)
    sys.stderr.write(f"INFO: instrumented {count} functions of {', '.join(target.packages)}\n")
    warm_up(target)
    # libFuzzer takes argv[0] as the program name and parses the rest as its flags and corpus folders.
    atheris.Setup([argv[0], *argv[2:]], target.function)
    atheris.Fuzz()
    return 0  # not reached: libFuzzer exits the process itself


if __name__ == "__main__":
    sys.exit(main(sys.argv))
