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

# install_debian_package PACKAGE WHAT WITHOUT_IT: install a Debian package the project
# needs beyond Python when we may (root with apt-get). Never fatal: otherwise, or when the
# install fails, say what will not run (WITHOUT_IT); the tests concerned skip, saying why.
apt_updated=no
install_debian_package() {
    local package=$1 what=$2 without_it=$3
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        echo "note: $what not found and cannot install it (needs root and apt-get); $without_it" >&2
        return 0
    fi
    echo "installing the Debian package $package ($what)" >&2
    if [ "$apt_updated" = no ]; then
        apt-get update -q >/dev/null && apt_updated=yes
    fi
    if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "$package" >/dev/null; then
        echo "note: installing $package failed; $without_it" >&2
    fi
}

# The store's PostgreSQL tests start their own throwaway server from the postgresql
# package's binaries (tests/store/postgres_server.py); SQLite, the default store, needs nothing.
if ! command -v pg_ctl >/dev/null 2>&1 && ! compgen -G "/usr/lib/postgresql/*/bin/pg_ctl" >/dev/null; then
    install_debian_package postgresql "PostgreSQL server binaries" "the PostgreSQL store tests will be skipped"
fi
# The Spark job (corroborate spark, docs/spark.md) runs PySpark, which needs Java 17 or newer.
command -v java >/dev/null 2>&1 ||
    install_debian_package openjdk-17-jre-headless "a Java runtime" "the Spark job and its tests will not run"
# The web app's browser tests (tests/web/, docs/web.md) drive Debian's chromium through
# Playwright, launched by its path: no `playwright install`, nothing downloaded at test time.
command -v chromium >/dev/null 2>&1 ||
    install_debian_package chromium "chromium" "the web app's browser tests will be skipped"

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
