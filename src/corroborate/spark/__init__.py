"""Distributed batch on Spark: extract, story clustering and annotation over many inputs, Parquet out.

:func:`run_spark_batch` runs the pipeline of :func:`corroborate.batch.run_batch`
on a Spark cluster (or ``local[N]``) and writes the same rows as Parquet;
:mod:`.job` says what runs on the driver and what on the executors, and
:mod:`.session` starts Spark. ``corroborate spark`` (:mod:`.command`) and
``spark-submit .../corroborate/spark/__main__.py`` are the two ways to run it;
docs/spark.md shows both, and how to submit to a cluster.

We use Spark itself for scheduling, shuffles and fault tolerance: nothing here
is a distributed runtime of its own.
"""

from __future__ import annotations

from corroborate.spark.job import SparkBatchSummary, check_output_free, run_spark_batch
from corroborate.spark.session import DEFAULT_MASTER, java_available, spark_session, start_session

__all__ = [
    "DEFAULT_MASTER",
    "SparkBatchSummary",
    "check_output_free",
    "java_available",
    "run_spark_batch",
    "spark_session",
    "start_session",
]
