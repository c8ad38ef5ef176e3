"""The distributed batch: :func:`corroborate.batch.run_batch` on Spark, same rows, written as Parquet.

What runs where:

- **driver**: expands the input arguments into files with the project's own
  :func:`~corroborate.ingest.files.find_files` (so input names, order and the
  reports of missing or unreadable arguments are those of the single-machine
  path); later it orders the articles, makes their ids unique and clusters
  them into stories; at the end it writes the per-input reports;
- **executors, per file**: read and parse each file with the project's readers
  (:func:`~corroborate.ingest.ingest_file`: JSON Lines, WARC, feeds, pages,
  gzip), so every format, encoding and bad record is handled exactly as on one
  machine. A file is the unit of reading (bounded by ``--max-bytes`` like
  everywhere else); its documents are then spread over all partitions;
- **executors, per document**: extract the article and compute its story
  features. The plain-text boilerplate remover needs to know on how many pages
  of the batch each short line appears: those counts are summed over the
  cluster (``reduceByKey``) and broadcast, keeping only lines seen on two
  pages or more (a count of one means "on no other page", as does no count);
- **driver, clustering**: the story clusterer is online and order-dependent
  (each article joins the best story opened *before* it), so it runs once, on
  the driver, over the articles in stream order (input order, then record
  order). Only the features travel, sorted by stream position on the cluster
  and fetched one partition at a time (``toLocalIterator``): about 3 kB per
  article (the 772 ECB+ texts: 3.0 kB of JSON on average, 10 kB at most, as
  terms are capped at 400 and the MinHash at 64 values). Clustering costs far
  less than parsing, so the driver keeps up; what it keeps is the clusterer's
  open stories plus ~100 bytes per article (position, id, story) that are
  broadcast back;
- **executors, per story**: each story is annotated as one batch (spaCy loaded
  once per Python worker), as the single-machine path does; stories are placed
  on partitions largest first, each on the least loaded partition, so one big
  story does not share a partition with many others;
- **output**: ``OUTPUT/articles/`` (Parquet, one part per partition, columns of
  :class:`~corroborate.batch.BatchRow`) and ``OUTPUT/inputs/`` (Parquet, one
  row per input report: processed, partial or skipped with the reason).
"""

from __future__ import annotations

import heapq
import operator
import os
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from corroborate.batch import BATCH_COLUMNS, annotate_story
from corroborate.errors import CorroborateError, UsageError
from corroborate.extract import extract_document
from corroborate.extract.boilerplate import BatchContext
from corroborate.ingest import DEFAULT_MAX_BYTES, DEFAULT_TIME_LIMIT, IngestedInput, ingest_file
from corroborate.ingest.files import FoundFile, find_files
from corroborate.model import Article, InputReport, RawDocument, unique_id  # unique_id: as extract_documents
from corroborate.pipeline import merge_reports

if TYPE_CHECKING:
    from pyspark import Broadcast, RDD
    from pyspark.sql import SparkSession

    from corroborate.cluster import Assignment, StoryFeatures

#: Where a document sits in the stream: (file number among the arguments' files, document number in the file).
StreamKey = tuple[int, int]

#: A document after extraction: its key, and its article and story features, or the report of why it has none.
Extracted = tuple[StreamKey, "Article | None", "StoryFeatures | None", "InputReport | None"]

#: Sub-folders of the output folder.
ARTICLES_FOLDER = "articles"
INPUTS_FOLDER = "inputs"

#: A short line's page count travels only when it can change a verdict: a line on one page is on no *other* page.
MIN_SHARED_LINE_PAGES = 2

#: Columns of ``OUTPUT/inputs``: :class:`~corroborate.model.InputReport` fields.
REPORT_COLUMNS: tuple[str, ...] = ("input", "status", "reason", "documents")


@dataclass
class SparkBatchSummary:
    """What a distributed run wrote: counts, where, and one report per input (and per bad record)."""

    output: str
    articles: int = 0
    stories: int = 0
    partitions: int = 0
    reports: list[InputReport] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        """True when any input or record was skipped or only partly used."""
        return any(report.failed for report in self.reports)


@dataclass(frozen=True)
class _Placed:
    """An article's place in the batch, decided on the driver."""

    position: int
    id: str
    assignment: Assignment


def run_spark_batch(
    spark: SparkSession,
    inputs: Sequence[str],
    output: str,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    time_limit: float | None = DEFAULT_TIME_LIMIT,
    reference_date: date | None = None,
    partitions: int | None = None,
) -> SparkBatchSummary:
    """Read, extract, cluster and annotate every input on Spark; write Parquet under ``output``."""
    from pyspark import StorageLevel

    check_output_free(output)
    if partitions is not None and partitions < 1:
        raise UsageError(f"--partitions must be a positive number, not {partitions}")
    context = spark.sparkContext
    partitions = partitions or context.defaultParallelism
    found = list(find_files(inputs))
    files = [(number, item) for number, item in enumerate(found) if isinstance(item, FoundFile)]

    ingested = (
        context.parallelize(files, max(1, min(len(files), partitions)))
        .map(partial(_ingest, max_bytes=max_bytes, time_limit=time_limit))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    documents = ingested.flatMap(_keyed_documents)
    batch_context = context.broadcast(_batch_context(documents))
    extracted = (
        documents.repartition(partitions)
        .mapPartitions(partial(_extract_partition, context=batch_context, time_limit=time_limit))
        .persist(StorageLevel.MEMORY_AND_DISK)
    )
    # Stream order, one partition at a time: the driver holds the clusterer's state, not every feature at once.
    stream = extracted.map(_stream_entry).sortByKey(numPartitions=partitions).toLocalIterator()
    placed, problems = _place_in_stories(stream)
    summaries = dict(ingested.map(_input_summary).collect())
    reports = _reports(found, summaries, problems)

    placement = _story_partitions(placed.values(), partitions)
    plan = context.broadcast(placed)
    rows = (
        extracted.flatMap(partial(_story_member, plan=plan))
        .partitionBy(partitions, partial(_partition_of, placement=placement))
        .mapPartitions(partial(_annotate_partition, reference_date=reference_date))
    )
    _write_parquet(spark, rows, _article_schema(), _join(output, ARTICLES_FOLDER))
    report_rows = context.parallelize([_report_row(report) for report in reports], 1)
    _write_parquet(spark, report_rows, _report_schema(), _join(output, INPUTS_FOLDER))

    for rdd in (extracted, ingested):
        rdd.unpersist()
    batch_context.unpersist()
    plan.unpersist()
    stories = len({entry.assignment.story for entry in placed.values()})
    return SparkBatchSummary(output, len(placed), stories, partitions, reports)


def check_output_free(output: str) -> None:
    """Refuse to write into an existing local folder (Spark would fail later, after all the work)."""
    if not output:
        raise UsageError("an output folder is required (-o/--output)")
    parts = urlsplit(output)
    if parts.scheme and parts.scheme != "file":
        return  # a cluster file system (hdfs://, s3a://): Spark's own "path already exists" check applies
    path = parts.path if parts.scheme == "file" else output
    if os.path.lexists(path):
        raise UsageError(f"output folder {output} already exists; remove it or choose another")


# --- Executors: reading and extraction ---


def _ingest(numbered: tuple[int, FoundFile], max_bytes: int, time_limit: float | None) -> tuple[int, IngestedInput]:
    number, found = numbered
    return number, ingest_file(found, max_bytes, time_limit)


def _keyed_documents(numbered: tuple[int, IngestedInput]) -> Iterator[tuple[StreamKey, RawDocument]]:
    number, item = numbered
    for index, document in enumerate(item.documents):
        yield (number, index), document


def _input_summary(numbered: tuple[int, IngestedInput]) -> tuple[int, IngestedInput]:
    """The input's report, bad records and document names, without the documents' content."""
    number, item = numbered
    names = [RawDocument(document.input, document.format, "", "") for document in item.documents]
    return number, IngestedInput(item.report, names, item.record_problems)


def _partition_line_counts(documents: Iterable[tuple[StreamKey, RawDocument]]) -> Iterator[tuple[Any, int]]:
    """Per partition, the boilerplate remover's line counts, keyed to be summed across partitions."""
    context = BatchContext.from_documents([document for _, document in documents])
    yield ("documents",), context.documents
    for (site, text), count in context.site_lines.items():
        yield ("site", site, text), count
    for text, count in context.batch_lines.items():
        yield ("batch", text), count


def _batch_context(documents: RDD) -> BatchContext:
    """The :class:`BatchContext` of every document of the run, as ``BatchContext.from_documents`` counts it."""
    counts = (
        documents.mapPartitions(_partition_line_counts)
        .reduceByKey(operator.add)
        .filter(lambda item: item[0][0] == "documents" or item[1] >= MIN_SHARED_LINE_PAGES)
        .collect()
    )
    total = sum(count for key, count in counts if key[0] == "documents")
    site_lines = {(key[1], key[2]): count for key, count in counts if key[0] == "site"}
    batch_lines = {key[1]: count for key, count in counts if key[0] == "batch"}
    return BatchContext(documents=total, site_lines=site_lines, batch_lines=batch_lines)


def _extract_partition(
    documents: Iterable[tuple[StreamKey, RawDocument]], context: Broadcast, time_limit: float | None
) -> Iterator[Extracted]:
    """Extract each document as ``extract_documents`` does (a document with no article is reported); add its features.

    Features are computed here, once, and kept with the article: sorting the
    stream reads them several times (count, sample, shuffle).
    """
    from corroborate.cluster import story_features

    batch_context = context.value
    for key, document in documents:
        try:
            article = extract_document(document, batch_context, time_limit=time_limit)
        except CorroborateError as error:
            yield key, None, None, InputReport(document.input, "skipped", str(error))
        else:
            yield key, article, story_features(article), None


def _stream_entry(extracted: Extracted) -> tuple[StreamKey, tuple[Any, ...]]:
    """What the driver needs of a document: its id and story features, or why it has no article; keyed to sort."""
    key, article, features, problem = extracted
    return key, (article.id if article else None, features, problem)


# --- Driver: reports, ids, stories ---


def _reports(
    found: Sequence[FoundFile | InputReport], summaries: dict[int, IngestedInput], problems: Sequence[InputReport]
) -> list[InputReport]:
    """Every input's report, in input order, exactly as ``extract_inputs`` reports them."""
    ingested = [
        IngestedInput(item) if isinstance(item, InputReport) else summaries[number]
        for number, item in enumerate(found)
    ]
    return merge_reports(ingested, problems)


def _place_in_stories(
    stream: Iterable[tuple[StreamKey, tuple[Any, ...]]],
) -> tuple[dict[StreamKey, _Placed], list[InputReport]]:
    """Stream position, unique id and story of every article (the clusterer runs here), and the extraction problems.

    ``stream`` must be in stream order: ids are made unique and stories opened in that order.
    """
    from corroborate.cluster import StoryClusterer

    clusterer = StoryClusterer()
    used_ids: set[str] = set()
    placed: dict[StreamKey, _Placed] = {}
    problems: list[InputReport] = []
    for key, (article_id, features, problem) in stream:
        if problem is not None:
            problems.append(problem)
            continue
        unique = unique_id(article_id, used_ids)
        placed[key] = _Placed(len(placed), unique, clusterer.add(unique, features))
    return placed, problems


def _story_partitions(placed: Iterable[_Placed], partitions: int) -> dict[int, int]:
    """Story -> partition: largest stories first, each onto the partition with the fewest articles so far."""
    sizes: dict[int, int] = {}
    for entry in placed:
        sizes[entry.assignment.story] = sizes.get(entry.assignment.story, 0) + 1
    loads = [(0, partition) for partition in range(partitions)]
    placement: dict[int, int] = {}
    for story, size in sorted(sizes.items(), key=lambda item: (-item[1], item[0])):
        load, partition = heapq.heappop(loads)
        placement[story] = partition
        heapq.heappush(loads, (load + size, partition))
    return placement


# --- Executors: annotation per story ---


def _story_member(
    extracted: Extracted, plan: Broadcast
) -> Iterator[tuple[int, tuple[int, Article, Assignment]]]:
    key, article, _, _ = extracted
    if article is None:
        return
    placed = plan.value[key]
    yield placed.assignment.story, (placed.position, replace(article, id=placed.id), placed.assignment)


def _partition_of(story: int, placement: dict[int, int]) -> int:
    return placement[story]


def _annotate_partition(
    members: Iterable[tuple[int, tuple[int, Article, Assignment]]], reference_date: date | None
) -> Iterator[tuple[Any, ...]]:
    """Annotate each story of the partition as one batch; one output tuple per article."""
    stories: dict[int, list[tuple[int, Article, Assignment]]] = {}
    for story, member in members:
        stories.setdefault(story, []).append(member)
    for story in sorted(stories):
        for row in annotate_story(stories[story], reference_date=reference_date):
            yield tuple(getattr(row, name) for name in BATCH_COLUMNS)


# --- Output ---


def _article_schema() -> Any:
    from pyspark.sql.types import BooleanType, DoubleType, LongType, StringType, StructField, StructType

    types = {"position": LongType(), "story": LongType(), "new_story": BooleanType(), "similarity": DoubleType()}
    required = {"position", "id", "input", "story", "new_story", "similarity", "text", "annotations"}
    return StructType(
        [StructField(name, types.get(name, StringType()), name not in required) for name in BATCH_COLUMNS]
    )


def _report_schema() -> Any:
    from pyspark.sql.types import LongType, StringType, StructField, StructType

    return StructType(
        [StructField(name, LongType() if name == "documents" else StringType(), False) for name in REPORT_COLUMNS]
    )


def _report_row(report: InputReport) -> tuple[Any, ...]:
    return tuple(getattr(report, name) for name in REPORT_COLUMNS)


def _write_parquet(spark: SparkSession, rows: RDD, schema: Any, path: str) -> None:
    spark.createDataFrame(rows, schema).write.mode("errorifexists").parquet(path)


def _join(folder: str, name: str) -> str:
    return folder.rstrip("/") + "/" + name
