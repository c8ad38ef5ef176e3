"""Starting (and checking) the Spark session the distributed batch runs in.

Under ``spark-submit`` the master and resources come from spark-submit and are
left alone; run directly (``corroborate spark``, ``python -m corroborate.spark``)
the job starts a local Spark with ``local[2]`` unless told otherwise. A
missing Java runtime or a JVM that does not come up is a
:class:`~corroborate.errors.SparkUnavailableError` with a one-line message,
never a Py4J traceback.
"""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from corroborate.errors import SparkUnavailableError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

#: Master used when neither the caller nor spark-submit names one: both cores
#: of a small machine (the speedup benchmark compares it with ``local[1]``).
DEFAULT_MASTER = "local[2]"

#: Settings for every session this module starts. The console progress bar and
#: the web UI are noise (and a port) for a batch command; Arrow is not used
#: because rows are built in Python workers, not pandas.
SESSION_SETTINGS: dict[str, str] = {
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.sql.session.timeZone": "UTC",
}


def java_available() -> bool:
    """True when a Java runtime can be found (``JAVA_HOME`` or ``java`` on the PATH)."""
    java_home = os.environ.get("JAVA_HOME")
    if java_home and os.access(os.path.join(java_home, "bin", "java"), os.X_OK):
        return True
    return shutil.which("java") is not None


def start_session(master: str | None = None, *, app_name: str = "corroborate-batch") -> SparkSession:
    """A Spark session on ``master``, or spark-submit's master, or :data:`DEFAULT_MASTER`."""
    if not java_available():
        raise SparkUnavailableError(
            "Spark needs a Java runtime (17 or later): none found on the PATH or in JAVA_HOME"
        )
    try:
        from pyspark import SparkConf, SparkContext
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailableError("pyspark is not installed; run `make install`") from None
    try:
        # Starts (or joins, under spark-submit) the JVM, so spark-submit's own settings are visible.
        SparkContext._ensure_initialized()  # noqa: SLF001 - the public API offers no other way to read them first
        submitted = SparkConf()
        chosen = master or (submitted.get("spark.master") if submitted.contains("spark.master") else DEFAULT_MASTER)
        if chosen.startswith("local") and "PYSPARK_PYTHON" not in os.environ:
            # Local workers must run this interpreter (this virtual environment), not whatever `python3` is.
            os.environ["PYSPARK_PYTHON"] = sys.executable
        builder = SparkSession.builder.master(chosen).appName(app_name)
        for key, value in SESSION_SETTINGS.items():
            builder = builder.config(key, value)
        session = builder.getOrCreate()
    except SparkUnavailableError:
        raise
    except Exception as error:  # noqa: BLE001 - Py4J and the launcher raise many kinds
        message = " ".join(str(error).split())[:200]
        raise SparkUnavailableError(f"Spark could not start ({type(error).__name__}: {message})") from None
    session.sparkContext.setLogLevel("ERROR")
    return session


@contextmanager
def spark_session(master: str | None = None) -> Iterator[SparkSession]:
    """A session for one run: joins the active one if there is one, else starts one and stops it after."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkUnavailableError("pyspark is not installed; run `make install`") from None
    active = SparkSession.getActiveSession()
    if active is not None:
        yield active
        return
    session = start_session(master)
    try:
        yield session
    finally:
        session.stop()
