#!/usr/bin/env bash
# Create .venv and install corroborate with its pinned dependencies (and test tools).
# Idempotent: re-running after nothing changed costs a second. Needs only Python 3.11;
# everything else comes from the package registries.
set -euo pipefail
cd "$(dirname "$0")/.."

find_python() {
    for candidate in "${PYTHON:-}" python3.11 python3; do
        [ -n "$candidate" ] || continue
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' 2>/dev/null; then
            echo "$candidate"
            return 0
        fi
    done
    echo "corroborate needs Python 3.11 (set PYTHON=/path/to/python3.11)" >&2
    return 1
}

# The store's PostgreSQL tests start their own throwaway server from the Debian
# postgresql package's binaries (tests/store/postgres_server.py). Install the package
# when they are missing and we may (root with apt-get); otherwise those tests skip,
# saying why. Never fatal: SQLite, the default store, needs nothing installed.
ensure_postgresql() {
    if command -v pg_ctl >/dev/null 2>&1 || compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
        return 0
    fi
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "note: PostgreSQL server binaries not found and cannot install them (needs root and apt-get);" \
            "the PostgreSQL store tests will be skipped" >&2
        return 0
    fi
    echo "installing the Debian postgresql package for the store's PostgreSQL tests" >&2
    if ! { apt-get update -q >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends postgresql >/dev/null; }; then
        echo "note: installing postgresql failed; the PostgreSQL store tests will be skipped" >&2
    fi
}
ensure_postgresql

# The Spark job (corroborate spark, docs/spark.md) runs PySpark, which needs a Java
# runtime (17 or newer). Install Debian's headless JRE when there is none and we may;
# otherwise the Spark tests skip, saying why.
ensure_java() {
    if command -v java >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "note: no Java runtime and cannot install one (needs root and apt-get);" \
            "the Spark job and its tests will not run" >&2
        return 0
    fi
    echo "installing Debian's headless Java runtime for the Spark job" >&2
    if ! { apt-get update -q >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends openjdk-17-jre-headless >/dev/null; }; then
        echo "note: installing a Java runtime failed; the Spark job and its tests will not run" >&2
    fi
}
ensure_java

# The web app's browser tests (tests/web/, docs/web.md) drive Debian's chromium through
# Playwright, launched by its path: no `playwright install`, nothing downloaded at test time.
# Install it when missing and we may; otherwise the browser tests skip, saying why.
ensure_chromium() {
    if command -v chromium >/dev/null 2>&1; then
        return 0
    fi
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "note: chromium not found and cannot install it (needs root and apt-get);" \
            "the web app's browser tests will be skipped" >&2
        return 0
    fi
    echo "installing Debian's chromium for the web app's browser tests" >&2
    if ! { apt-get update -q >/dev/null &&
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium >/dev/null; }; then
        echo "note: installing chromium failed; the web app's browser tests will be skipped" >&2
    fi
}
ensure_chromium

venv=.venv
stamp="$venv/.installed"
wanted=$(cat pyproject.toml requirements.lock | sha256sum | cut -d' ' -f1)
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$wanted" ] && [ -x "$venv/bin/corroborate" ]; then
    exit 0
fi
if [ ! -x "$venv/bin/python" ]; then
    "$(find_python)" -m venv "$venv"
fi
# Quiet but not silent: pip's errors still reach the terminal.
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    -c requirements.lock -e '.[test]' 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2)
echo "$wanted" > "$stamp"
