"""minutes sql: DuckDB views of every table, a readable table or CSV, an interactive prompt."""
from __future__ import annotations

import csv
import io

import pytest
from typer.testing import CliRunner

from pipeline import sql
from pipeline.cli import app
from pipeline.schema import TABLES
from tests.analyst_archive import sample_out, write_archive  # noqa: F401  (sample_out is a fixture)


@pytest.fixture
def out(tmp_path):
    return write_archive(tmp_path / "out")


def run(*args, input=None):
    return CliRunner().invoke(app, ["sql", *map(str, args)], input=input)


@pytest.mark.parametrize("query,expected", [
    ("SELECT label, count(*) AS n FROM entities GROUP BY label ORDER BY n DESC, label",
     [["ORG", "5"], ["PLACE", "3"], ["DATE", "1"]]),
    ("SELECT d.title, count(*) AS n FROM action_items a JOIN documents d USING (doc_id) WHERE d.doc_id = 'd1' "
     "GROUP BY ALL", [["WASH", "Sector", "Coordination", "Meeting", "2"]]),
])
def test_sql_prints_a_readable_table(out, query, expected):
    result = run(out, query)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[1].startswith("---") and lines[-1] == f"({len(expected)} row{'s' if len(expected) > 1 else ''})"
    assert [line.split() for line in lines[2:-1]] == expected


@pytest.mark.parametrize("table", sorted(TABLES))
def test_sql_has_a_view_of_every_table(out, table):
    con = sql.connect(out)
    df = sql.query(con, f"SELECT * FROM {table}")
    assert list(df.columns) == TABLES[table].schema.names


@pytest.mark.parametrize("query", ["SELECT doc_id, meeting_date, n_pages, location FROM documents ORDER BY doc_id"])
def test_sql_csv_keeps_numbers_and_dates_and_neutralises_formulas(out, query):
    result = run(out, query, "--csv")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.output)))
    by_id = {r["doc_id"]: r for r in rows}
    assert by_id["d2"]["n_pages"] == "3" and by_id["d1"]["n_pages"] == ""
    assert by_id["d1"]["meeting_date"] == "2024-01-10"
    hostile = next(r for r in rows if r["doc_id"].startswith("../"))
    assert hostile["location"] == "'=cmd|' /C calc'!A0"


@pytest.mark.parametrize("query", ["SELEC nothing", "SELECT nope FROM documents"])
def test_sql_error_is_one_line_and_exit_2(out, query):
    result = run(out, query)
    assert result.exit_code == 2
    assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) == 1
    assert result.stderr.startswith("error:")


@pytest.mark.parametrize("where", ["missing", "empty"])
def test_sql_folder_without_tables_is_a_clear_error(tmp_path, where):
    if where == "empty":
        (tmp_path / "x").mkdir()
    result = run(tmp_path / "x", "SELECT 1")
    assert result.exit_code == 2 and "minutes extract" in result.stderr


@pytest.mark.parametrize("script,expected,unexpected", [
    ("SELECT count(*) AS n_docs FROM documents;\n.quit\nSELECT 'after quit' AS x;\n", ["n_docs", "3"], ["after quit"]),
    ("SELECT doc_id\nFROM documents\nWHERE doc_id = 'd2';\n", ["d2", "(1 row)"], []),
    (".tables\nSELECT 42 AS answer\n", ["action_status", "answer", "42"], []),
])
def test_sql_without_query_reads_statements_until_quit(out, script, expected, unexpected):
    result = run(out, input=script)
    assert result.exit_code == 0, result.output
    assert all(e in result.stdout for e in expected) and not any(u in result.stdout for u in unexpected)


@pytest.mark.parametrize("script", ["SELECT nope;\nSELECT 7 AS seven;\n"])
def test_sql_prompt_goes_on_after_an_error(out, script):
    result = run(out, input=script)
    assert "error:" in result.stdout and "seven" in result.stdout
    assert result.exit_code == 2  # not a terminal: a failed statement is the script's failure


@pytest.mark.slow
def test_sql_over_the_sample_archive(sample_out):
    result = run(sample_out, "SELECT count(DISTINCT doc_id) AS docs FROM entities WHERE label = 'ORG'", "--csv")
    assert result.exit_code == 0, result.output
    assert int(result.output.splitlines()[1]) >= 10


@pytest.mark.parametrize("content", [b"not parquet"])
def test_sql_unreadable_table_is_exit_2(out, content):
    (out / "entities.parquet").write_bytes(content)
    result = run(out, "SELECT 1")
    assert result.exit_code == 2 and "entities.parquet" in result.stderr and "Traceback" not in result.output
