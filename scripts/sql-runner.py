#!/usr/bin/env python3
"""Runs SQL that tryg compiled in another engine, for the dialect tests (scripts/test-dialects).

    sql-runner.py duckdb DUCKDB_CLI      the DuckDB command-line binary, one process per statement
    sql-runner.py spark                  Spark in local mode (pyspark), one session for the run

Reads one JSON request per line on standard input and answers each with one JSON line:

    {"op": "load", "name": T, "columns": [[NAME, TYPE], ...], "rows": [[CELL, ...], ...]}
        makes table T; TYPE is tryg's (int, decimal, float, bool, text, date, timestamp,
        halfyear, category); CELL is null or the value as text (`2025-01-31 08:30:00`)
    {"op": "query", "sql": S}
        -> {"columns": [...], "rows": [[CELL, ...], ...]} with CELL null or text spelled as
           PostgreSQL prints it (bool t/f, timestamps `YYYY-MM-DD HH:MM:SS`, exact decimals)
    any failure -> {"error": MESSAGE}
"""
import datetime
import decimal
import json
import os
import subprocess
import sys
import tempfile
import time

os.environ["TZ"] = "UTC"
time.tzset()


def spelled(v):
    """A value as PostgreSQL's text output spells it."""
    if v is None:
        return None
    if isinstance(v, bool):
        return "t" if v else "f"
    if isinstance(v, decimal.Decimal):
        return format(v, "f")
    if isinstance(v, float):
        return repr(v) if v == v and v not in (float("inf"), float("-inf")) else {
            "inf": "Infinity", "-inf": "-Infinity"}.get(repr(v), "NaN")
    if isinstance(v, datetime.datetime):
        return v.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(v, datetime.date):
        return v.isoformat()
    return str(v)


SQL_TYPES = {"int": "BIGINT", "decimal": "DECIMAL(38, 9)", "float": "DOUBLE", "bool": "BOOLEAN",
             "date": "DATE", "timestamp": "TIMESTAMP"}


def literal(cell):
    return "NULL" if cell is None else "'" + cell.replace("'", "''") + "'"


class DuckDB:
    def __init__(self, cli):
        self.cli = cli
        self.folder = tempfile.mkdtemp(prefix="tryg-duckdb-")
        self.db = os.path.join(self.folder, "tables.duckdb")

    def run(self, sql, json_out):
        args = [self.cli, self.db] + (["-json"] if json_out else [])
        p = subprocess.run(args, input=sql, capture_output=True, text=True)
        if p.returncode != 0 or "Error:" in p.stderr:
            raise RuntimeError((p.stderr or p.stdout).strip())
        return p.stdout

    def load(self, name, columns, rows):
        q = '"' + name.replace('"', '""') + '"'
        cols = ", ".join('"%s" %s' % (c.replace('"', '""'), SQL_TYPES.get(t, "VARCHAR")) for c, t in columns)
        script = ["DROP TABLE IF EXISTS %s;" % q, "CREATE TABLE %s (%s);" % (q, cols)]
        for start in range(0, len(rows), 1000):
            chunk = rows[start:start + 1000]
            values = ",\n".join("(" + ", ".join(
                literal(c) if c is None else "CAST(%s AS %s)" % (literal(c), SQL_TYPES.get(t, "VARCHAR"))
                for c, (_, t) in zip(r, columns)) + ")" for r in chunk)
            script.append("INSERT INTO %s VALUES %s;" % (q, values))
        self.run("\n".join(script), False)

    def query(self, sql):
        out = self.run(sql.rstrip().rstrip(";") + ";", True).strip()
        if not out:
            return {"columns": [], "rows": []}
        # Numbers are kept as written: exact decimals stay exact.
        records = json.loads(out, parse_float=str, parse_int=str)
        columns = list(records[0].keys()) if records else []
        return {"columns": columns, "rows": [[self.cell(r[c]) for c in columns] for r in records]}

    @staticmethod
    def cell(v):
        if v is None:
            return None
        if isinstance(v, bool):
            return "t" if v else "f"
        return str(v)


class Spark:
    def __init__(self):
        from pyspark.sql import SparkSession
        self.spark = (SparkSession.builder.master("local[2]").appName("tryg-dialects")
                      .config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false").config("spark.sql.session.timeZone", "UTC")
                      .config("spark.sql.shuffle.partitions", "2").config("spark.sql.ansi.enabled", "false")
                      .getOrCreate())
        self.spark.sparkContext.setLogLevel("ERROR")

    def load(self, name, columns, rows):
        from pyspark.sql import types as T
        kinds = {"int": (T.LongType(), int), "decimal": (T.DecimalType(38, 9), decimal.Decimal),
                 "float": (T.DoubleType(), float), "bool": (T.BooleanType(), lambda s: s in ("t", "true")),
                 "date": (T.DateType(), datetime.date.fromisoformat),
                 "timestamp": (T.TimestampType(), lambda s: datetime.datetime.fromisoformat(s))}
        fields, converters = [], []
        for c, t in columns:
            kind, conv = kinds.get(t, (T.StringType(), str))
            fields.append(T.StructField(c, kind, True))
            converters.append(conv)
        data = [tuple(None if v is None else f(v) for v, f in zip(r, converters)) for r in rows]
        self.spark.createDataFrame(data, T.StructType(fields)).createOrReplaceTempView(name)

    def query(self, sql):
        df = self.spark.sql(sql)
        return {"columns": df.columns, "rows": [[spelled(v) for v in r] for r in df.collect()]}


def main():
    engine = DuckDB(sys.argv[2]) if sys.argv[1] == "duckdb" else Spark()
    print(json.dumps({"ready": sys.argv[1]}), flush=True)
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            if req["op"] == "load":
                engine.load(req["name"], req["columns"], req["rows"])
                answer = {"loaded": req["name"]}
            else:
                answer = engine.query(req["sql"])
        except Exception as e:  # every failure is an answer, never the end of the run
            answer = {"error": "%s: %s" % (type(e).__name__, str(e).strip().splitlines()[0] if str(e).strip() else "")}
        print(json.dumps(answer), flush=True)


if __name__ == "__main__":
    main()
