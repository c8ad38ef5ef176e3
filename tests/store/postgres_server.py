"""A throwaway PostgreSQL server for the store tests: started in a temp dir, on 127.0.0.1, on a free port.

The server binaries come from the Debian ``postgresql`` package
(``scripts/setup.sh`` installs it when missing and run as root). ``initdb``
refuses to run as root, so as root the data directory is owned by, and the
server run as, the ``postgres`` user. :func:`start_server` raises
:class:`ServerUnavailable` with a one-line reason when any step fails, so
the tests can say why they were skipped.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

#: Seconds ``pg_ctl`` waits for the server to accept connections (it starts in ~0.2 s here).
START_TIMEOUT_SECONDS = 60

#: The unprivileged account that owns the cluster when the tests run as root.
SERVER_USER = "postgres"


class ServerUnavailable(Exception):
    """The test server could not be started; the message says why."""


@dataclass
class PostgresServer:
    """A running server: its port, its files, and how to run its commands."""

    bin_dir: Path
    base: Path
    port: int
    run_as: list[str]

    @property
    def data(self) -> Path:
        return self.base / "data"

    def url(self, database: str = "postgres") -> str:
        """A URL for ``database`` on this server as the superuser (trust authentication)."""
        return f"postgresql://postgres@127.0.0.1:{self.port}/{database}"

    def restart(self) -> None:
        """Crash the server (immediate shutdown, as a power cut would) and start it again on the same port."""
        _run(self.run_as + [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate",
                            "-l", str(self.base / "server.log"), "-t", str(START_TIMEOUT_SECONDS), "-w", "restart"],
             log=self.base / "server.log")

    def stop(self) -> None:
        """Stop the server at once (its files are deleted next, so nothing needs flushing)."""
        try:
            _run(self.run_as + [str(self.bin_dir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop"])
        finally:
            shutil.rmtree(self.base, ignore_errors=True)


def find_bin_dir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``: on PATH, else the newest Debian package's."""
    on_path = shutil.which("pg_ctl")
    if on_path and shutil.which("initdb"):
        return Path(on_path).parent
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=_major_version)
    return Path(candidates[-1]).parent if candidates else None


def start_server() -> PostgresServer:
    """Create a cluster in a new temp dir and start it on 127.0.0.1 (raises :class:`ServerUnavailable`)."""
    bin_dir = find_bin_dir()
    if bin_dir is None:
        raise ServerUnavailable(
            "PostgreSQL server binaries (initdb, pg_ctl) not found; "
            "run scripts/setup.sh as root to install the Debian postgresql package"
        )
    base = Path(tempfile.mkdtemp(prefix="corroborate-pg-"))
    run_as: list[str] = []
    try:
        if os.geteuid() == 0:
            run_as = _unprivileged(base)
        data = base / "data"
        _run(run_as + [str(bin_dir / "initdb"), "-D", str(data), "-A", "trust", "-U", "postgres",
                       "-E", "UTF8", "--locale=C", "--no-sync"])
        port = _free_port()
        options = f"-p {port} -c listen_addresses=127.0.0.1 -k {base}"
        _run(run_as + [str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(base / "server.log"),
                       "-t", str(START_TIMEOUT_SECONDS), "-w", "start"], log=base / "server.log")
    except ServerUnavailable:
        shutil.rmtree(base, ignore_errors=True)
        raise
    return PostgresServer(bin_dir, base, port, run_as)


def _unprivileged(base: Path) -> list[str]:
    """As root: hand ``base`` to the postgres user and run the server commands as that user."""
    try:
        account = pwd.getpwnam(SERVER_USER)
    except KeyError:
        raise ServerUnavailable(f"running as root and there is no {SERVER_USER!r} user to run initdb as") from None
    runuser = shutil.which("runuser")
    if runuser is None:
        raise ServerUnavailable("running as root and runuser is not installed (initdb refuses root)")
    os.chown(base, account.pw_uid, account.pw_gid)
    return [runuser, "-u", SERVER_USER, "--"]


def _run(command: list[str], log: Path | None = None) -> None:
    try:
        result = subprocess.run(command, capture_output=True, text=True, timeout=START_TIMEOUT_SECONDS + 30)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ServerUnavailable(f"{Path(command[-1]).name}: {error}") from None
    if result.returncode != 0:
        output = (result.stderr.strip() or result.stdout.strip()).splitlines()
        if log is not None and log.exists():
            output += log.read_text(errors="replace").strip().splitlines()
        tool = next((Path(part).name for part in command if part.endswith(("initdb", "pg_ctl"))), command[0])
        reason = output[-1] if output else f"exit status {result.returncode}"
        raise ServerUnavailable(f"{tool} failed: {reason}")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _major_version(pg_ctl: str) -> int:
    """15 for ``/usr/lib/postgresql/15/bin/pg_ctl``."""
    name = Path(pg_ctl).parents[1].name
    return int(name) if name.isdigit() else 0
