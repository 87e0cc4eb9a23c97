#!/usr/bin/env python3
"""tryg against DuckDB and Polars on the generated `incidents` table (issues 5 and 16).

Run it through `bench/run`, which builds tryg, prepares bench/.venv and the data.

    bench.py [--tryg-only NOTE]           the whole benchmark: prints the tables and
                                          writes bench/results/latest.md; the sizes come
                                          from BENCH_SIZES (default "1M 10M")
    bench.py --peer duckdb|polars CSV N   (internal) loads CSV N times after a warm-up,
                                          times the questions, prints JSON on stdout
    bench.py --peak duckdb|polars CSV     (internal) loads CSV and counts its rows, so
                                          the caller can read the process's peak memory

Every figure is the median of several runs after a warm-up, with min–max. Only the
standard library is needed for tryg; the peers need the venv's duckdb and polars.
"""

import csv
import io
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from datetime import datetime, timezone

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
TRYG = os.path.join(ROOT, ".build", "release", "tryg")
RESULTS = os.path.join(BENCH, "results")

# Sizes and the generator's scale for each; BENCH_SIZES picks some ("100K" for a quick check).
SCALES = {"10K": 1, "100K": 10, "1M": 100, "10M": 1000}
SIZE_NAMES = os.environ.get("BENCH_SIZES", "1M 10M").replace(",", " ").split()
# The two data sets: `tryg generate --descriptions free` (free text, nearly every description
# different, and a unique case_no) and `--descriptions templates` (the first generator's 272 texts).
DATASETS = {"free": "free-text descriptions", "templates": "template descriptions"}


def data_dir(dataset, size):
    return os.path.join(BENCH, "data", dataset, size)


QUERY_RUNS = 5                       # per question, after one warm-up
LOAD_RUNS = 5                        # per engine, after one warm-up load; load k is followed by a first run of Q(k)
WHOLE_RUNS = 3                       # whole processes, load + Q1–Q5, after one warm-up
START_RUNS = 20                      # process start, after three warm-up starts
PEER_THREADS = "2"                   # DuckDB `SET threads`, POLARS_MAX_THREADS
WORD = "råb"                         # ignoring case: "råbte", "tilråb", "Råbte" (15 % of the free-text rows)
LIBRARY = "Blågården"
QUESTIONS = ["Q1", "Q2", "Q3", "Q4", "Q5"]
TITLES = {
    "load": "load incidents.csv",
    "load_process": "load, whole `tryg -c` process",
    "Q1": "Q1 count by half-year",
    "Q2": f"Q2 {LIBRARY} by half-year",
    "Q3": "Q3 library × category, top 10",
    "Q4": "Q4 winter 22/23 vs 24/25 per library",
    "Q5": f'Q5 description contains "{WORD}"',
    "whole": "whole process: load + Q1–Q5",
    "memory": "peak memory, whole process",
}


# ---------------------------------------------------------------------------
# Half-year labels. tryg says "vinter 2022/23" and "sommer 2023"; the peers' own
# expressions label a winter (October–March) by its start year: "vinter 2022".
# Their precomputed column is a one-byte code: 2·(start year − 2000), +1 for winter,
# which sorts in time order (sommer 2023 = 46, vinter 2023 = 47).

def halfyear_label(value):
    if isinstance(value, int):
        return ("vinter " if value % 2 else "sommer ") + str(2000 + value // 2)
    m = re.fullmatch(r"(vinter|sommer) (\d{4})(/\d\d)?", value)
    if not m:
        raise ValueError(f"not a half-year: {value!r}")
    return f"{m.group(1)} {m.group(2)}"


WINTER_A, WINTER_B = "vinter 2022", "vinter 2024"
CODE_A, CODE_B = 2 * 22 + 1, 2 * 24 + 1


# ---------------------------------------------------------------------------
# Answers in one shape for every engine, so they can be compared.

def answer_by_halfyear(rows):
    return {halfyear_label(h): int(n) for h, n in rows}


def answer_top10(rows):
    out = [(lib, cat, int(n), float(avg), int(police)) for lib, cat, n, avg, police in rows]
    return sorted(out, key=lambda r: (-r[2], r[0], r[1]))


def answer_compare(rows):
    return {lib: (int(a), int(b), float(pct)) for lib, a, b, pct in rows}


def same(a, b):
    """Equal answers; decimals within a relative 1e-9 (engines sum in different orders)."""
    if isinstance(a, float) or isinstance(b, float):
        return isinstance(a, (int, float)) and isinstance(b, (int, float)) and math.isclose(a, b, rel_tol=1e-9)
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b))
    return a == b


def differences(expected, got):
    """Where two answers differ, one line each (by half-year, library or row)."""
    if isinstance(expected, dict) and isinstance(got, dict):
        keys = sorted(set(expected) | set(got))
        return [f"{k}: {expected.get(k, 'missing')!r} ≠ {got.get(k, 'missing')!r}"
                for k in keys if not (k in expected and k in got and same(expected[k], got[k]))]
    if isinstance(expected, list) and isinstance(got, list) and len(expected) == len(got):
        return [f"row {i + 1}: {e!r} ≠ {g!r}" for i, (e, g) in enumerate(zip(expected, got)) if not same(e, g)]
    return [f"{expected!r} ≠ {got!r}"]


# ---------------------------------------------------------------------------
# Timing helpers

def stats(samples):
    return {"median": statistics.median(samples), "min": min(samples), "max": max(samples), "runs": len(samples)}


def run_process(argv, env=None):
    """Runs argv with its output discarded; returns (wall seconds, peak RSS in bytes)."""
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, env=env)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        detail = subprocess.run(argv, capture_output=True, text=True, env=env)
        raise RuntimeError(f"{' '.join(argv)} failed ({proc.returncode}):\n{detail.stderr}")
    return wall, usage.ru_maxrss * 1024


def time_process(argv, runs, warmups=1, env=None):
    for _ in range(warmups):
        run_process(argv, env)
    return [run_process(argv, env)[0] for _ in range(runs)]


def time_call(fn, runs):
    """One warm-up call, then `runs` timed calls; returns (samples, last answer)."""
    answer = fn()
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        answer = fn()
        samples.append(time.perf_counter() - start)
    return samples, answer


def first_line_of(cmd):
    try:
        out = subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()
    except OSError:
        return "?"
    return out[0] if out else "?"


def time_questions(run):
    """Times run(question) for Q1–Q5 (warm-up, then QUERY_RUNS runs); returns (stats, answers)."""
    times, answers = {}, {}
    for question in QUESTIONS:
        samples, rows = time_call(lambda: run(question), QUERY_RUNS)
        times[question], answers[question] = stats(samples), peer_answer(question, rows)
    return times, answers


def say(text):
    print(f"bench: {text}", file=sys.stderr, flush=True)


# ---------------------------------------------------------------------------
# tryg: load = `.import` inside a process, timed by `.timer on` (as the peers' loads are
# timed inside theirs), and the wall time of a whole process that loads the folder and counts;
# questions = `.timer on` inside one process reading a script on stdin.

TRYG_QUERIES = {
    "Q1": "incidents group by halfyear",
    "Q2": f'incidents where library = "{LIBRARY}" group by halfyear',
    "Q3": "incidents group by library, category compute count, avg(severity), sum(police_called) top 10 by count",
    "Q4": 'incidents group by library, halfyear compare halfyear "vinter 2022/23" to "vinter 2024/25"',
    "Q5": f'incidents where description contains "{WORD}" count',
}
UNITS = {"s": 1.0, "ms": 1e-3, "µs": 1e-6, "us": 1e-6, "ns": 1e-9}


def tryg_answer(question, rows):
    rows = rows[1:]  # header
    if question in ("Q1", "Q2"):
        return answer_by_halfyear(rows)
    if question == "Q3":
        return answer_top10(rows)
    if question == "Q4":
        return answer_compare([(lib, a, b, pct) for lib, a, b, _change, pct in rows])
    return int(rows[0][0])


def tryg_load_in_process(data_dir, load_runs):
    """`.import` of incidents.csv inside one process, as the peers load: the time `.timer on` gives
    for each load after the first, each into a table of its own (the previous one dropped by a
    `.drop` before it, untimed, so at most two copies are in memory). Load k (from 1) is followed
    by the first run of question k (cycling through Q1–Q5) on the table just loaded."""
    csv_path = os.path.join(data_dir, "incidents.csv")
    script = [".timer on", f".import {csv_path} as t0"]
    asked = []
    for i in range(1, 1 + load_runs):
        question = QUESTIONS[(i - 1) % len(QUESTIONS)]
        script += [f".drop t{i - 1}", f".import {csv_path} as t{i}",
                   re.sub(r"^incidents\b", f"t{i}", TRYG_QUERIES[question])]
        asked.append(question)
    proc = subprocess.run([TRYG, "--data", os.path.join(ROOT, "samples"), "--format", "csv"],
                          input="\n".join(script) + "\n", capture_output=True, text=True)
    loads = [float(m.group(1)) * UNITS[m.group(2)]
             for m in re.finditer(r"rows loaded \(([\d.]+) (\S+)\)", proc.stderr)]
    times = [float(m.group(1)) * UNITS[m.group(2)]
             for m in re.finditer(r"^time: ([\d.]+) (\S+)$", proc.stderr, re.M)]
    if proc.returncode != 0 or len(loads) != 1 + load_runs or len(times) != load_runs:
        raise RuntimeError(f"tryg failed on the load script ({len(loads)} loads, {len(times)} times):\n{proc.stderr}")
    first = {}
    for question, seconds in zip(asked, times):
        first.setdefault(question, []).append(seconds)
    return stats(loads[1:]), {q: stats(v) for q, v in first.items()}


def tryg_whole(data_dir):
    """Whole processes `tryg --data DIR -c Q1 … -c Q5`: wall times and the last one's peak memory."""
    argv = [TRYG, "--data", data_dir]
    for question in QUESTIONS:
        argv += ["-c", TRYG_QUERIES[question]]
    run_process(argv)
    runs = [run_process(argv) for _ in range(WHOLE_RUNS)]
    return stats([wall for wall, _ in runs]), max(peak for _, peak in runs)


def tryg_engine(data_dir, load_runs):
    load_in_process, first = tryg_load_in_process(data_dir, load_runs)
    whole, peak = tryg_whole(data_dir)
    result = {"load": stats(time_process([TRYG, "--data", data_dir, "-c", "incidents count"], load_runs)),
              "load_in_process": load_in_process, "first": first, "whole": whole, "memory": peak,
              "computed": {}, "answers": {}}
    result["computed"], result["answers"] = tryg_questions(data_dir)
    return result


def tryg_questions(data_dir):
    """Q1–Q5 warm, in one process reading a script on stdin: (times, answers)."""
    computed, answers = {}, {}
    script = [".timer on"]
    for question in QUESTIONS:
        script += [TRYG_QUERIES[question]] * (1 + QUERY_RUNS)  # the first of each is the warm-up
    proc = subprocess.run([TRYG, "--data", data_dir, "--format", "csv"], input="\n".join(script) + "\n",
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"tryg failed on the query script:\n{proc.stderr}")
    times = []
    for line in proc.stderr.splitlines():
        m = re.fullmatch(r"time: ([\d.]+) (\S+)", line.strip())
        if m:
            times.append(float(m.group(1)) * UNITS[m.group(2)])
    blocks = proc.stdout.strip("\n").split("\n\n")
    statements = len(script) - 1
    if len(times) != statements or len(blocks) != statements:
        raise RuntimeError(f"expected {statements} results and times from tryg, got "
                           f"{len(blocks)} and {len(times)}:\n{proc.stderr}")
    for i, question in enumerate(QUESTIONS):
        first = i * (1 + QUERY_RUNS)
        computed[question] = stats(times[first + 1:first + 1 + QUERY_RUNS])
        answers[question] = tryg_answer(question, list(csv.reader(io.StringIO(blocks[first]))))
    return computed, answers


def tryg_version():
    return subprocess.run(["git", "-C", ROOT, "describe", "--always", "--dirty"],
                          capture_output=True, text=True).stdout.strip()


# ---------------------------------------------------------------------------
# DuckDB (Python API): an in-memory table from read_csv_auto, two threads.

DUCKDB_HALFYEAR = """CASE WHEN month(reported_at) BETWEEN 4 AND 9 THEN 'sommer ' || year(reported_at)
  ELSE 'vinter ' || CASE WHEN month(reported_at) >= 10 THEN year(reported_at) ELSE year(reported_at) - 1 END END"""
DUCKDB_HALFYEAR_CODE = """CAST(CASE WHEN month(reported_at) BETWEEN 4 AND 9 THEN 2 * (year(reported_at) - 2000)
  WHEN month(reported_at) >= 10 THEN 2 * (year(reported_at) - 2000) + 1
  ELSE 2 * (year(reported_at) - 2001) + 1 END AS UTINYINT)"""


def duckdb_queries(hy, a, b):
    return {
        "Q1": f"SELECT {hy} AS halfyear, count(*) FROM incidents GROUP BY halfyear ORDER BY halfyear",
        "Q2": f"SELECT {hy} AS halfyear, count(*) FROM incidents WHERE library = '{LIBRARY}' "
              "GROUP BY halfyear ORDER BY halfyear",
        "Q3": "SELECT library, category, count(*) AS n, avg(severity), sum(police_called) FROM incidents "
              "GROUP BY library, category ORDER BY n DESC LIMIT 10",
        "Q4": f"WITH g AS (SELECT library, {hy} AS halfyear, count(*) AS n FROM incidents GROUP BY library, halfyear) "
              "SELECT x.library, x.n, y.n, 100.0 * (y.n - x.n) / x.n AS change_pct "
              f"FROM g x JOIN g y ON x.library = y.library WHERE x.halfyear = {a} AND y.halfyear = {b} "
              "ORDER BY x.library",
        "Q5": f"SELECT count(*) FROM incidents WHERE description ILIKE '%{WORD}%'",
    }


def duckdb_engine(path, load_runs):
    import duckdb

    def load():
        con = duckdb.connect()
        con.execute(f"SET threads={PEER_THREADS}")
        start = time.perf_counter()
        con.execute("CREATE TABLE incidents AS SELECT * FROM read_csv_auto('%s')" % path.replace("'", "''"))
        return time.perf_counter() - start, con

    con = None
    samples, first = [], {}
    sql = duckdb_queries(DUCKDB_HALFYEAR, f"'{WINTER_A}'", f"'{WINTER_B}'")
    for i in range(1 + load_runs):
        if con is not None:
            con.close()
        seconds, con = load()
        if i > 0:
            samples.append(seconds)
            question = QUESTIONS[(i - 1) % len(QUESTIONS)]
            start = time.perf_counter()
            con.execute(sql[question]).fetchall()
            first.setdefault(question, []).append(time.perf_counter() - start)
    result = {"version": duckdb.__version__, "load": stats(samples),
              "first": {q: stats(v) for q, v in first.items()}}
    result["computed"], result["answers_computed"] = time_questions(lambda q: con.execute(sql[q]).fetchall())
    # The precomputed half-year column, added to the loaded table (not timed).
    con.execute(f"CREATE OR REPLACE TABLE incidents AS SELECT *, {DUCKDB_HALFYEAR_CODE} AS hy FROM incidents")
    sql = duckdb_queries("hy", CODE_A, CODE_B)
    result["precomputed"], result["answers_precomputed"] = time_questions(lambda q: con.execute(sql[q]).fetchall())
    return result


def duckdb_peak(path):
    import duckdb
    con = duckdb.connect()
    con.execute(f"SET threads={PEER_THREADS}")
    con.execute("CREATE TABLE incidents AS SELECT * FROM read_csv_auto('%s')" % path.replace("'", "''"))
    return con.execute("SELECT count(*) FROM incidents").fetchone()[0]


def peer_answer(question, rows):
    if question in ("Q1", "Q2"):
        return answer_by_halfyear(rows)
    if question == "Q3":
        return answer_top10(rows)
    if question == "Q4":
        return answer_compare(rows)
    return int(rows[0][0])


# ---------------------------------------------------------------------------
# Polars: an eager DataFrame from read_csv(try_parse_dates=True), POLARS_MAX_THREADS=2
# (set by the caller before polars is imported).

def polars_engine(path, load_runs):
    import polars as pl

    def load():
        start = time.perf_counter()
        df = pl.read_csv(path, try_parse_dates=True)
        return time.perf_counter() - start, df

    ts = pl.col("reported_at")
    month, year = ts.dt.month(), ts.dt.year()
    halfyear = (pl.when(month.is_between(4, 9)).then(pl.format("sommer {}", year))
                .otherwise(pl.format("vinter {}", pl.when(month >= 10).then(year).otherwise(year - 1))))
    halfyear_code = (pl.when(month.is_between(4, 9)).then(2 * (year - 2000))
                     .when(month >= 10).then(2 * (year - 2000) + 1)
                     .otherwise(2 * (year - 2001) + 1)).cast(pl.UInt8)

    def queries(frame, hy, a, b):
        hy = hy.alias("halfyear")

        def q4():
            g = frame.group_by("library", hy).agg(pl.len().cast(pl.Int64).alias("n"))  # len is unsigned
            x = g.filter(pl.col("halfyear") == a).select("library", pl.col("n").alias("a"))
            y = g.filter(pl.col("halfyear") == b).select("library", pl.col("n").alias("b"))
            return (x.join(y, on="library")
                    .with_columns(change_pct=100.0 * (pl.col("b") - pl.col("a")) / pl.col("a"))
                    .sort("library"))

        return {
            "Q1": lambda: frame.group_by(hy).agg(pl.len()).sort("halfyear"),
            "Q2": lambda: frame.filter(pl.col("library") == LIBRARY).group_by(hy).agg(pl.len()).sort("halfyear"),
            "Q3": lambda: (frame.group_by("library", "category")
                           .agg(pl.len().alias("n"), pl.col("severity").mean(), pl.col("police_called").sum())
                           .top_k(10, by="n")),
            "Q4": q4,
            "Q5": lambda: frame.select(pl.col("description").str.contains(f"(?i){re.escape(WORD)}").sum()),
        }

    first = {}

    df = None
    samples = []
    for i in range(1 + load_runs):
        df = None
        seconds, df = load()
        if i > 0:
            samples.append(seconds)
            question = QUESTIONS[(i - 1) % len(QUESTIONS)]
            start = time.perf_counter()
            queries(df, halfyear, WINTER_A, WINTER_B)[question]().rows()
            first.setdefault(question, []).append(time.perf_counter() - start)
    result = {"version": pl.__version__, "threads": pl.thread_pool_size(), "load": stats(samples),
              "first": {q: stats(v) for q, v in first.items()}}

    qs = queries(df, halfyear, WINTER_A, WINTER_B)
    result["computed"], result["answers_computed"] = time_questions(lambda q: qs[q]().rows())
    # The precomputed half-year column, added to the loaded frame (not timed).
    df = df.with_columns(halfyear_code.alias("hy"))
    qs = queries(df, pl.col("hy"), CODE_A, CODE_B)
    result["precomputed"], result["answers_precomputed"] = time_questions(lambda q: qs[q]().rows())
    return result


def polars_peak(path):
    import polars as pl
    return pl.read_csv(path, try_parse_dates=True).height


PEERS = {"duckdb": (duckdb_engine, duckdb_peak), "polars": (polars_engine, polars_peak)}
PEER_NAMES = {"duckdb": "DuckDB", "polars": "Polars"}


def peer_env():
    return dict(os.environ, POLARS_MAX_THREADS=PEER_THREADS)


def run_peer(peer, path):
    """Times one peer in its own process (its own thread pool and memory)."""
    proc = subprocess.run([sys.executable, __file__, "--peer", peer, path, str(LOAD_RUNS)],
                          stdout=subprocess.PIPE, text=True, env=peer_env())
    if proc.returncode != 0:
        raise RuntimeError(f"{PEER_NAMES[peer]} failed on {path}")
    return json.loads(proc.stdout)


def duckdb_cli():
    try:
        import duckdb_cli as pkg
    except ImportError:
        return None
    path = os.path.join(os.path.dirname(pkg.__file__), "duckdb")
    return path if os.access(path, os.X_OK) else None


def duckdb_cli_whole(cli, path):
    """Whole DuckDB CLI processes doing tryg's whole-process work: load, then Q1–Q5 (as a user
    writes them, half-year computed). Wall times and the last one's peak memory."""
    sql = duckdb_queries(DUCKDB_HALFYEAR, f"'{WINTER_A}'", f"'{WINTER_B}'")
    script = "; ".join([f"SET threads={PEER_THREADS}",
                        "CREATE TABLE incidents AS SELECT * FROM read_csv_auto('%s')" % path.replace("'", "''")]
                       + [sql[q] for q in QUESTIONS]) + ";"
    argv = [cli, "-c", script]
    run_process(argv)
    runs = [run_process(argv) for _ in range(WHOLE_RUNS)]
    return stats([wall for wall, _ in runs]), max(peak for _, peak in runs)


# ---------------------------------------------------------------------------
# Where the data lives (issue 15): the largest free-text incidents.csv held in PostgreSQL
# (bench/run starts a throwaway server through scripts/with-postgres, which sets PGHOST).
# Q1–Q5 pushed down by `tryg --connect ''`, timed by `.timer on` inside one process; the very
# SQL tryg sends (`tryg --sql postgres -c Q`) typed into psql, timed by its `\timing`; and tryg
# in memory, from the main table.

PG_COLUMNS = ("id BIGINT, case_no TEXT, reported_at TIMESTAMP, library TEXT, category TEXT, severity BIGINT, "
              "police_called BOOLEAN, during_self_service BOOLEAN, reported_by TEXT, description TEXT")


def postgres_ready():
    return bool(os.environ.get("PGHOST")) and shutil.which("psql") is not None


def psql(*args, stdin=None):
    proc = subprocess.run(["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", *args], input=stdin,
                          capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError(f"psql {' '.join(args)} failed:\n{proc.stderr}")
    return proc


def postgres_load(path):
    """Copies incidents.csv into a fresh table (psql \\copy) and analyses it; returns the seconds."""
    start = time.perf_counter()
    psql("-c", f"DROP TABLE IF EXISTS incidents; CREATE TABLE incidents ({PG_COLUMNS})")
    psql("-c", "\\copy incidents FROM '%s' WITH (FORMAT csv, HEADER true)" % path.replace("'", "''"))
    psql("-c", "ANALYZE incidents")
    return time.perf_counter() - start


def timed_lines(text, pattern):
    return [float(m.group(1)) * UNITS[m.group(2)] for m in re.finditer(pattern, text, re.M)]


def postgres_engine(path):
    """Loads the table, then times each question pushed down by tryg and typed into psql."""
    load = postgres_load(path)
    script = [".timer on"]
    for question in QUESTIONS:
        script += [TRYG_QUERIES[question]] * (1 + QUERY_RUNS)
    proc = subprocess.run([TRYG, "--connect", "", "--format", "csv"], input="\n".join(script) + "\n",
                          capture_output=True, text=True)
    times = timed_lines(proc.stderr, r"^time: ([\d.]+) (\S+)$")
    blocks = proc.stdout.strip("\n").split("\n\n")
    if proc.returncode != 0 or len(times) != len(script) - 1:
        raise RuntimeError(f"tryg --connect failed on the query script:\n{proc.stderr}")
    pushed, answers, sql_times = {}, {}, {}
    for i, question in enumerate(QUESTIONS):
        first = i * (1 + QUERY_RUNS)
        pushed[question] = stats(times[first + 1:first + 1 + QUERY_RUNS])
        answers[question] = tryg_answer(question, list(csv.reader(io.StringIO(blocks[first]))))
        sql = subprocess.run([TRYG, "--sql", "postgres", "-c", TRYG_QUERIES[question]],
                             capture_output=True, text=True, check=True).stdout.strip().rstrip(";")
        out = psql("-o", "/dev/null", stdin="\\timing on\n" + (sql + ";\n") * (1 + QUERY_RUNS)).stdout
        ms = timed_lines(out, r"^Time: ([\d.]+) (ms)")
        if len(ms) != 1 + QUERY_RUNS:
            raise RuntimeError(f"psql gave {len(ms)} timings for {question}:\n{out}")
        sql_times[question] = stats(ms[1:])
    version = psql("-At", "-c", "SHOW server_version").stdout.strip()
    return {"load": load, "pushed": pushed, "psql": sql_times, "answers": answers, "version": version}


def postgres_section(size, pg, tryg):
    return (f"## Where the data lives: PostgreSQL {pg['version']}\n\n"
            f"The free-text incidents of {size} in a PostgreSQL server on the same machine (a throwaway "
            "cluster with default settings, reached over a Unix socket). *Pushed down*: `tryg --connect ''` "
            "compiles each question and sends it whole, timed by `.timer on` (compile, round trip, the result "
            "read into tryg's columns). *psql*: the same SQL (`tryg --sql postgres -c …`) typed into psql, "
            "timed by `\\timing`. *In memory*: tryg's warm figure (`tryg --data DIR`, `.timer on`). Median of "
            f"{QUERY_RUNS} runs after one warm-up.\n\n" + postgres_table(size, pg, tryg))


def postgres_only():
    """`bench/run` with BENCH_ONLY=postgres: only the PostgreSQL line, at the largest size."""
    size = SIZE_NAMES[-1]
    if not postgres_ready():
        sys.exit("bench: no PostgreSQL server (PGHOST) or no psql")
    cpu_before, started = cpu_seconds(), time.perf_counter()
    directory = data_dir("free", size)
    say(f"free {size}: tryg in memory")
    computed, answers = tryg_questions(directory)
    say(f"free {size}: PostgreSQL, pushed down and in psql")
    pg = postgres_engine(os.path.join(directory, "incidents.csv"))
    wrong = [q for q in QUESTIONS if not same(pg["answers"][q], answers[q])]
    total = time.perf_counter() - started
    report = "\n\n".join([
        "# tryg benchmark: queries pushed down to PostgreSQL",
        postgres_section(size, pg, {"computed": computed}),
        "Answers pushed down equal tryg's in memory for Q1–Q5." if not wrong
        else f"**MISMATCH** pushed down ≠ in memory: {', '.join(wrong)}",
        "## Machine\n\n" + machine({}, others_share(cpu_before, cpu_seconds(), total)),
    ]) + "\n"
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "postgres.md"), "w") as f:
        f.write(report)
    print(report)
    return 1 if wrong else 0


def postgres_table(size, pg, tryg):
    header = ["line", "tryg, pushed down", "same SQL in psql", "tryg in memory", "pushed / psql", "pushed / in memory"]
    rows = [[f"{size}: copy incidents.csv into PostgreSQL (psql \\copy, ANALYZE)", fmt_time({"median": pg["load"]}),
             "", "", "", ""]]
    for q in QUESTIONS:
        a, b, c = pg["pushed"][q], pg["psql"][q], tryg["computed"][q]
        rows.append([f"{size}: {TITLES[q]}, warm", fmt_time(a), fmt_time(b), fmt_time(c),
                     fmt_ratio(median(a), [median(b)]), fmt_ratio(median(a), [median(c)])])
    return render(header, rows)


# ---------------------------------------------------------------------------
# Checks: every engine's answer must equal tryg's.

def check(label, tryg, peers):
    mismatches = []
    for question in QUESTIONS:
        expected = tryg["answers"][question]
        for peer, result in peers.items():
            for variant in ("computed", "precomputed"):
                got = result["answers_" + variant][question]
                if not same(got, expected):
                    lines = "\n".join("    " + d for d in differences(expected, got))
                    mismatches.append(f"{label} {question}, tryg ≠ {PEER_NAMES[peer]} ({variant}):\n{lines}")
    for m in mismatches:
        print(f"\n!!! MISMATCH {m}", file=sys.stderr)
    return mismatches


# ---------------------------------------------------------------------------
# The tables

def fmt_time(s):
    if s is None:
        return ""
    med = s["median"]
    unit, scale = ("µs", 1e6) if med < 1e-3 else ("ms", 1e3) if med < 1 else ("s", 1.0)
    v = med * scale
    digits = 2 if v < 10 else 1 if v < 100 else 0
    f = lambda x: f"{x * scale:,.{digits}f}"
    if s.get("runs", 0) < 2:
        return f"{f(med)} {unit}"
    return f"{f(med)} {unit} ({f(s['min'])}–{f(s['max'])})"


def fmt_bytes(n):
    return "" if n is None else f"{n / 1e9:.2f} GB" if n >= 1e9 else f"{n / 1e6:.0f} MB"


def fmt_ratio(mine, others):
    others = [o for o in others if o is not None]
    if mine is None or not others:
        return ""
    r = mine / min(others)
    return f"{r:.2f}×" if r >= 0.1 else f"{r:.3f}×" if r >= 0.01 else f"{r:.4f}×"


def median(s):
    return None if s is None else s["median"] if isinstance(s, dict) else s


def render(header, rows):
    widths = [max(len(str(row[i])) for row in [header] + rows) for i in range(len(header))]
    line = lambda cells: "| " + " | ".join(c.ljust(w) if i == 0 else c.rjust(w)
                                           for i, (c, w) in enumerate(zip(cells, widths))) + " |"
    sep = "|" + "|".join(("-" * (w + 1) + ":") if i else "-" * (w + 2) for i, w in enumerate(widths)) + "|"
    return "\n".join([line(header), sep] + [line(r) for r in rows])


def build_table(sizes, have_peers):
    """One data set's table: per size, loads, each question first and warm, the whole process
    and its peak memory."""
    header = ["line", "tryg", "DuckDB", "Polars", "DuckDB precomputed", "Polars precomputed",
              "tryg / fastest peer", "tryg / fastest precomputed"]
    rows = []
    for size, r in sizes.items():
        t, d, p = r["tryg"], r["peers"].get("duckdb"), r["peers"].get("polars")
        for key, title in (("load_in_process", TITLES["load"]), ("load", TITLES["load_process"])):
            rows.append([f"{size}: {title}", fmt_time(t[key]), fmt_time(d and d["load"]),
                         fmt_time(p and p["load"]), "", "",
                         fmt_ratio(median(t[key]), [median(x and x["load"]) for x in (d, p)]), ""])
        for q in QUESTIONS:
            first = [x and x["first"].get(q) for x in (d, p)]
            rows.append([f"{size}: {TITLES[q]}, first run after loading", fmt_time(t["first"].get(q))]
                        + [fmt_time(s) for s in first] + ["", "",
                           fmt_ratio(median(t["first"].get(q)), [median(s) for s in first]), ""])
            comp = [x and x["computed"][q] for x in (d, p)]
            pre = [x and x["precomputed"][q] for x in (d, p)]
            rows.append([f"{size}: {TITLES[q]}, warm", fmt_time(t["computed"][q])] + [fmt_time(s) for s in comp + pre]
                        + [fmt_ratio(median(t["computed"][q]), [median(s) for s in comp]),
                           fmt_ratio(median(t["computed"][q]), [median(s) for s in pre])])
        cli = r.get("cli")
        rows.append([f"{size}: {TITLES['whole']}", fmt_time(t["whole"]), fmt_time(cli and cli["whole"]) + (" (CLI)" if cli else ""),
                     "", "", "", fmt_ratio(median(t["whole"]), [median(cli and cli["whole"])]), ""])
        rows.append([f"{size}: {TITLES['memory']}", fmt_bytes(t["memory"]),
                     fmt_bytes(cli and cli["memory"]) + (" (CLI)" if cli else ""), "", "", "",
                     fmt_ratio(t["memory"], [cli and cli["memory"]]), ""])
        if r.get("peak"):
            m = r["peak"]
            rows.append([f"{size}: peak memory, load + count", fmt_bytes(t["memory_count"]), fmt_bytes(m.get("duckdb")),
                         fmt_bytes(m.get("polars")), "", "",
                         fmt_ratio(t["memory_count"], [m.get("duckdb"), m.get("polars")]), ""])
    if not have_peers:
        header, rows = header[:2], [row[:2] for row in rows]
    return render(header, rows)


def cpu_seconds():
    """(busy CPU seconds of the whole machine, CPU seconds of this process and its children)."""
    with open("/proc/stat") as f:
        user, nice, system, _idle, _iowait, irq, softirq = map(int, f.readline().split()[1:8])
    me, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return ((user + nice + system + irq + softirq) / os.sysconf("SC_CLK_TCK"),
            me.ru_utime + me.ru_stime + children.ru_utime + children.ru_stime)


def others_share(before, after, wall):
    """The share of the machine's CPU time that other processes used between two cpu_seconds()."""
    others = (after[0] - before[0]) - (after[1] - before[1])
    return max(0.0, others / (wall * os.cpu_count()))


def machine(peer_versions, busy):
    cpu = "?"
    with open("/proc/cpuinfo") as f:
        for line in f:
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    with open("/proc/meminfo") as f:
        mem_kb = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
    os_name = "?"
    if os.path.exists("/etc/os-release"):
        with open("/etc/os-release") as f:
            m = re.search(r'PRETTY_NAME="([^"]*)"', f.read())
            os_name = m.group(1) if m else "?"
    lines = [
        f"- date: {datetime.now(timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}",
        f"- machine: {first_line_of(['nproc'])} cores (`nproc`), {cpu}, {mem_kb / 1024 ** 2:.1f} GiB memory",
        f"- system: {os_name}, Linux {platform.release()}",
        f"- tryg: {tryg_version()}, release build; {first_line_of(['swift', '--version'])}",
    ]
    lines += [f"- {name}: {version}" for name, version in peer_versions.items()]
    lines.append(f"- other processes used {busy:.0%} of the machine's CPU time during the run"
                 + (" (the figures are slower than on an idle machine)" if busy > 0.05 else ""))
    return "\n".join(lines)


def notes(have_peers, tryg_only_note, cli):
    n = [f"Warm: median of {QUERY_RUNS} runs after one warm-up, (min–max) in brackets. Loading: median of "
         f"{LOAD_RUNS} loads after one warm-up load. First run after loading: load k (k = 1…{LOAD_RUNS}) "
         f"is followed by one run of question k, so each question's first run is one sample, taken on a "
         f"table loaded just before it (what a script pays). Whole process: median of {WHOLE_RUNS} after one "
         f"warm-up. Process start: median of {START_RUNS} runs after three warm-up runs."]
    n.append("tryg: load is the time `.timer on` shows for `.import DIR/incidents.csv as tN` inside one process "
             "(the previous table dropped first), as the peers' loads are timed inside theirs; the second load "
             "line is the wall time of a whole process `tryg --data DIR -c 'incidents count'` (process "
             "start, reading every CSV in the folder, the count, and giving the memory back at exit); warm "
             "questions are timed by `.timer on` inside one process reading a script on stdin, after a warm-up "
             "run of each (the first computes and caches the table's half-year codes). The whole-process line "
             "is `tryg --data DIR -c Q1 … -c Q5` (it reads the folder's three small tables too).")
    if have_peers:
        n.append(f"DuckDB: Python API, in-memory table from `CREATE TABLE … AS SELECT * FROM read_csv_auto(…)`, "
                 f"`SET threads={PEER_THREADS}`; load is the wall time of that statement. Polars: eager DataFrame from "
                 f"`read_csv(…, try_parse_dates=True)`, POLARS_MAX_THREADS={PEER_THREADS}; load is the wall time "
                 "of that call. Query times include fetching the (small) result.")
        n.append("DuckDB and Polars columns: the half-year computed from `reported_at` in the query as a user would "
                 "write it (`CASE WHEN month(reported_at) BETWEEN 4 AND 9 THEN 'sommer ' || year(…) ELSE 'vinter ' "
                 "|| … END`, and the same with Polars expressions). *Precomputed* columns: against a one-byte "
                 "half-year code column (UTINYINT / UInt8) added right after loading, not timed. Q3 and Q5 do not "
                 "use the half-year, so both columns time the same query.")
        n.append(f'Q5 ignores case in every engine, as tryg\'s `contains` does: DuckDB `description ILIKE \'%{WORD}%\'`, '
                 f'Polars `str.contains("(?i){WORD}")`.')
        n.append("Ratios below 1 mean tryg is faster. *Fastest peer* is the faster of DuckDB and Polars as a user "
                 "writes the query; *fastest precomputed* the faster of the two against the precomputed column.")
        n.append("Whole process and its peak memory, DuckDB column: " + (
                 "the native DuckDB CLI (duckdb-cli package) in one process: `SET threads=2`, the same "
                 "`CREATE TABLE … read_csv_auto`, then Q1–Q5 as above, output discarded." if cli else
                 "the DuckDB CLI is not available, so there is no whole-process comparison."))
        n.append("Process start: `tryg -c 'incidents count'` on the bundled samples (no `--data`) against the "
                 "native DuckDB CLI (duckdb-cli package) doing `duckdb -c 'select 1'` on nothing.")
        n.append("Peak memory: maximum resident set size (wait4 rusage) of the process. *Load + count*: a fresh "
                 "process that loads the largest table and counts its rows: `tryg --data DIR -c 'incidents count'`, "
                 "and a Python process importing only duckdb or only polars (the interpreter is included).")
    else:
        n.append(f"tryg alone: {tryg_only_note}")
    return "\n".join(f"- {x}" for x in n)


# ---------------------------------------------------------------------------

def main(tryg_only_note=None):
    have_peers = tryg_only_note is None
    unknown = [size for size in SIZE_NAMES if size not in SCALES]
    if unknown or not SIZE_NAMES:
        sys.exit(f"bench: unknown size {' '.join(unknown)}; sizes are {', '.join(SCALES)}")
    started = time.perf_counter()
    cpu_before = cpu_seconds()
    time.sleep(1)
    busy = others_share(cpu_before, cpu_seconds(), 1)
    if busy > 0.05:
        say(f"other processes are using {busy:.0%} of the CPU: the figures will be slower than on an idle machine")
    cli = duckdb_cli() if have_peers else None
    if have_peers and not cli:
        say("the DuckDB CLI is not available: no whole-process comparison")
    largest = SIZE_NAMES[-1]
    results = {}
    for dataset in DATASETS:
        results[dataset] = {}
        for size in SIZE_NAMES:
            directory = data_dir(dataset, size)
            path = os.path.join(directory, "incidents.csv")
            say(f"{dataset} {size}: tryg")
            r = results[dataset][size] = {"tryg": tryg_engine(directory, LOAD_RUNS), "peers": {}}
            if have_peers:
                for peer in PEERS:
                    say(f"{dataset} {size}: {PEER_NAMES[peer]}")
                    r["peers"][peer] = run_peer(peer, path)
            if cli:
                say(f"{dataset} {size}: DuckDB CLI, whole process")
                whole, peak = duckdb_cli_whole(cli, path)
                r["cli"] = {"whole": whole, "memory": peak}
            if size == largest:
                say(f"{dataset} {size}: peak memory, load + count")
                r["tryg"]["memory_count"] = run_process([TRYG, "--data", directory, "-c", "incidents count"])[1]
                r["peak"] = {}
                if have_peers:
                    for peer in PEERS:
                        r["peak"][peer] = run_process([sys.executable, __file__, "--peak", peer, path], peer_env())[1]
                else:
                    r["peak"]["tryg only"] = None

    postgres = None
    if postgres_ready():
        say(f"free {largest}: PostgreSQL, pushed down and in psql")
        postgres = postgres_engine(os.path.join(data_dir("free", largest), "incidents.csv"))
    else:
        say("no PostgreSQL server (PGHOST): no line for queries pushed down")

    say("process start")
    start = {"tryg": stats(time_process([TRYG, "-c", "incidents count"], START_RUNS, warmups=3))}
    if cli:
        start["duckdb"] = stats(time_process([cli, "-c", "select 1"], START_RUNS, warmups=3))

    mismatches = []
    for dataset, sizes in results.items():
        for size, r in sizes.items():
            mismatches += check(f"{dataset} {size}", r["tryg"], r["peers"])
    if postgres:
        for question in QUESTIONS:
            if not same(postgres["answers"][question], results["free"][largest]["tryg"]["answers"][question]):
                mismatches.append(f"free {largest} {question}, tryg in memory ≠ tryg pushed down to PostgreSQL")
                print(f"\n!!! MISMATCH free {largest} {question}: pushed down to PostgreSQL", file=sys.stderr)

    versions = {}
    if have_peers:
        some = results["free"][largest]["peers"]
        versions = {"DuckDB (Python)": some["duckdb"]["version"],
                    "Polars": f"{some['polars']['version']} (thread pool {some['polars']['threads']})"}
        if cli:
            versions["DuckDB CLI"] = first_line_of([cli, "--version"])
    tables = []
    for dataset, sizes in results.items():
        rows_line = ", ".join(f"{size}: {sum(r['tryg']['answers']['Q1'].values()):,} incidents"
                              for size, r in sizes.items())
        scales = " and ".join(f"`--scale {SCALES[size]}`" for size in sizes)
        tables.append(f"## {DATASETS[dataset].capitalize()}\n\n"
                      f"Data: `tryg generate --descriptions {dataset}` with {scales} ({rows_line}).\n\n"
                      + build_table(sizes, have_peers))
    if postgres:
        tables.append(postgres_section(largest, postgres, results["free"][largest]["tryg"]))
    start_table = render(["line", "tryg", "DuckDB CLI", "tryg / DuckDB CLI"],
                         [["process start (`-c`, bundled samples)", fmt_time(start["tryg"]),
                           fmt_time(start.get("duckdb")), fmt_ratio(median(start["tryg"]), [median(start.get("duckdb"))])]])
    checks = ("All engines agree on every answer (Q1–Q5, every size and data set, both peer variants)." if not mismatches
              else "**MISMATCH** — answers differ:\n\n```\n" + "\n".join(mismatches) + "\n```")
    if not have_peers:
        checks = "Answers not compared: tryg ran alone."
    total = time.perf_counter() - started
    busy = others_share(cpu_before, cpu_seconds(), total)
    report = "\n\n".join([
        "# tryg benchmark: latest run",
        *tables,
        "## Start\n\n" + start_table,
        checks,
        "## How it was measured\n\n" + notes(have_peers, tryg_only_note, cli),
        "## Machine\n\n" + machine(versions, busy),
        f"Whole benchmark (after build and data): {total / 60:.1f} min.",
    ]) + "\n"
    os.makedirs(RESULTS, exist_ok=True)
    with open(os.path.join(RESULTS, "latest.md"), "w") as f:
        f.write(report)
    with open(os.path.join(RESULTS, "latest.json"), "w") as f:
        json.dump({"results": results, "start": start}, f, indent=1, ensure_ascii=False)
    print(report)
    say(f"written to {os.path.relpath(os.path.join(RESULTS, 'latest.md'), ROOT)}")
    return 1 if mismatches else 0


if __name__ == "__main__":
    args = sys.argv[1:]
    if args[:1] == ["--peer"]:
        engine, _ = PEERS[args[1]]
        json.dump(engine(args[2], int(args[3])), sys.stdout, ensure_ascii=False)
    elif args[:1] == ["--peak"]:
        _, peak = PEERS[args[1]]
        print(peak(args[2]))
    elif args[:1] == ["--postgres-only"]:
        sys.exit(postgres_only())
    elif args[:1] == ["--tryg-only"]:
        sys.exit(main(tryg_only_note=args[1] if len(args) > 1 else "DuckDB and Polars are not installed."))
    elif not args:
        sys.exit(main())
    else:
        sys.exit(__doc__)
