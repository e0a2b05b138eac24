"""minutes export: CSV and XLSX of every table, HXL CSVs checked by libhxl, spreadsheet-safe cells, safe paths."""
from __future__ import annotations

import csv
import io
import os
from pathlib import Path

import hxl
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from pipeline import export
from pipeline.cli import app
from pipeline.schema import TABLES
from tests.analyst_archive import HOSTILE_ID, XSS_IMG, sample_out, write_archive  # noqa: F401

FORMULA_LEAD = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def out(tmp_path):
    return write_archive(tmp_path / "out")


def export_to(out: Path, to: Path, *extra: str):
    result = CliRunner().invoke(app, ["export", str(out), "--to", str(to), *extra])
    assert result.exit_code == 0, result.output
    return result


def read_csv(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize("value,expected", [
    ("=1+1", "'=1+1"), ("+cmd", "'+cmd"), ("-2+3", "'-2+3"), ("@SUM(A1)", "'@SUM(A1)"), ("\t=x", "'\t=x"),
    ("\r=x", "'\r=x"), ("  =x", "'  =x"), ("\uff1d1+1", "'\uff1d1+1"), ("UNICEF", "UNICEF"), ("a=b", "a=b"), ("", ""),
])
def test_export_safe_text_prefixes_formula_starts(value, expected):
    assert export.safe_text(value) == expected


@pytest.mark.parametrize("value,expected", [(12, 12), (-3.5, -3.5), (0, 0), (True, True), (None, None),
                                            (float("nan"), None), (["=a", "b"], "'=a; b")])
def test_export_safe_cell_keeps_numbers(value, expected):
    assert export.safe_cell(value) == expected


def test_export_writes_csv_and_xlsx_of_every_table(out, tmp_path):
    to = tmp_path / "exports"
    export_to(out, to)
    assert {p.name for p in to.iterdir()} == {f"{n}.csv" for n in TABLES} | {"tables.xlsx"}
    wb = openpyxl.load_workbook(to / "tables.xlsx")
    assert wb.sheetnames == list(TABLES)
    docs = read_csv(to / "documents.csv")
    assert docs[0] == TABLES["documents"].schema.names and len(docs) == 4


@pytest.mark.parametrize("column", ["n_pages"])
def test_export_numbers_stay_numbers(out, tmp_path, column):
    to = tmp_path / "exports"
    export_to(out, to)
    rows = read_csv(to / "documents.csv")
    i = rows[0].index(column)
    assert sorted(r[i] for r in rows[1:]) == ["", "", "3"]  # "3", not "3.0" nor "'3"
    ents = read_csv(to / "entities.csv")
    s = ents[0].index("start_char")
    assert all(r[s].isdigit() for r in ents[1:])
    cat = read_csv(to / "entity_catalog.csv")
    assert {r[cat[0].index("lat")] for r in cat[1:]} >= {"11.5"}
    ws = openpyxl.load_workbook(to / "tables.xlsx")["documents"]
    header = [c.value for c in ws[1]]
    values = [r[header.index(column)].value for r in ws.iter_rows(min_row=2)]
    assert 3 in values and all(v is None or isinstance(v, int) for v in values)


def _all_csv_cells(root: Path):
    for path in root.rglob("*.csv"):
        for row in read_csv(path):
            yield path, row


def test_export_no_formula_leading_cell_reaches_csv_or_xlsx(out, tmp_path):
    to = tmp_path / "exports"
    export_to(out, to, "--hxl")
    seen = set()
    for path, row in _all_csv_cells(to):
        for cell in row:
            seen.add(cell)
            if cell.startswith("#") and path.parent.name == "hxl":
                continue  # the HXL hashtag row
            assert not cell.startswith(FORMULA_LEAD) or _is_number(cell), (path.name, cell)
    assert "'=EVIL()" in seen and "'=cmd|' /C calc'!A0" in seen and "'+SUM(A1)" in seen
    wb = openpyxl.load_workbook(to / "tables.xlsx")
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (ws.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(FORMULA_LEAD), (ws.title, cell.value)


def _is_number(cell: str) -> bool:
    try:
        float(cell)
        return True
    except ValueError:
        return False


HXL_TAGS = {
    "entities": ["#org+name", "#org+acronym", "#org+code", "#adm1+name", "#adm1+code", "#date+reported",
                 "#meta+source", "#country+code", "#loc+name"],
    "actions": ["#activity+description", "#status", "#date+reported", "#org+name", "#org+acronym", "#org+code",
                "#date+due", "#meta+source"],
    "meetings": ["#event+name", "#date+reported", "#meta+source", "#loc+name"],
}
# An HXL schema (itself HXL) for what every file must satisfy: dates are dates, statuses from the tracker's set.
SCHEMA = ("#valid_tag,#valid_required,#valid_datatype,#valid_value+list\n"
          "#date+reported,true,date,\n#meta+source,true,,\n#date+due,,date,\n"
          "#status-overdue-open,,,open|carried_over|done\n#status+overdue,,,yes|no\n#status+open,,,yes|no\n")


def _hxl(path: Path):
    return hxl.data(str(path), hxl.InputOptions(allow_local=True))


@pytest.mark.parametrize("name", sorted(HXL_TAGS))
def test_export_hxl_is_valid_for_libhxl(out, tmp_path, name):
    to = tmp_path / "exports"
    export_to(out, to, "--hxl", "--as-of", "2024-02-01")
    path = to / "hxl" / f"{name}.csv"
    rows = read_csv(path)
    assert rows[1][0].startswith("#")  # hashtag row right under the header
    data = _hxl(path)
    tags = [c.display_tag for c in data.columns]
    assert all(t in tags for t in HXL_TAGS[name]), tags
    schema_path = tmp_path / "schema.csv"
    schema_path.write_text(SCHEMA, encoding="utf-8")
    report = hxl.validate(_hxl(path), _hxl(schema_path))
    assert report["is_valid"], report["issues"]
    records = [dict(zip(tags, r.values)) for r in _hxl(path)]
    if name == "entities":
        unicef = next(r for r in records if r["#org+acronym"] == "UNICEF")
        assert unicef["#org+name"] == "United Nations Children's Fund" and unicef["#org+code"] == "XM-DAC-41122"
        borno = next(r for r in records if r["#adm1+name"] == "Borno")
        assert borno["#adm1+code"] == "NG-BO" and borno["#date+reported"] == "2024-01-10"
        assert next(r for r in records if r["#adm1+name"] == "Yangon")["#adm1+code"] == "MMR013"
        assert next(r for r in records if r["#country+code"] == "KE")["#adm1+name"] == ""
    if name == "actions":
        first = next(r for r in records if r["#meta+id"] == "d1-a0")
        assert first["#status"] == "open" and first["#status+overdue"] == "yes" and first["#date+due"] == "2024-01-31"
        assert first["#org+acronym"] == "UNICEF" and first["#status+open"] == "yes"
        decision = next(r for r in records if r["#meta+id"] == "d2-a1")
        assert decision["#status+open"] == "no" and decision["#status+overdue"] == "no"
        assert next(r for r in records if r["#meta+id"] == "d2-a0")["#meta+owner"] == "'=EVIL()"
        tampered = tmp_path / "tampered.csv"
        tampered.write_text(path.read_text(encoding="utf-8").replace(",open,", ",maybe,", 1), encoding="utf-8")
        assert not hxl.validate(_hxl(tampered), _hxl(schema_path))["is_valid"]  # the schema does check statuses
    if name == "meetings":
        assert len(records) == 3 and next(r for r in records if r["#meta+id"] == "d1")["#indicator+actions+num"] == "2"


def test_export_paths_stay_inside_dir(out, tmp_path):
    """A hostile source_path or doc_id never names a file; a symlink planted in DIR is replaced, not followed."""
    to = tmp_path / "exports"
    to.mkdir()
    secret = tmp_path / "outside.txt"
    secret.write_text("keep me", encoding="utf-8")
    os.symlink(secret, to / "documents.csv")
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if to not in p.parents and p != to)
    export_to(out, to, "--hxl")
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*") if to not in p.parents and p != to)
    assert after == before and secret.read_text(encoding="utf-8") == "keep me"
    assert not (to / "documents.csv").is_symlink()
    assert all(p.resolve().is_relative_to(to.resolve()) for p in to.rglob("*"))
    text = (to / "documents.csv").read_text(encoding="utf-8")
    assert HOSTILE_ID in text and "keep me" not in text


@pytest.mark.parametrize("name", ["../x.csv", "/etc/x.csv", "a/../../x.csv", "a b.csv", "", "x\x00.csv"])
def test_export_write_under_refuses_names_leaving_dir(tmp_path, name):
    with pytest.raises(ValueError):
        export.write_under(tmp_path, name, "x")


@pytest.mark.parametrize("length", [export.XLSX_CELL_MAX + 10])
def test_export_xlsx_bounds_cells_and_drops_illegal_characters(tmp_path, length):
    import pandas as pd
    data = export.xlsx_bytes({"t": pd.DataFrame({"text": ["x" * length, "bell\x07 " + XSS_IMG]})})
    ws = openpyxl.load_workbook(io.BytesIO(data))["t"]
    assert len(ws["A2"].value) == export.XLSX_CELL_MAX and ws["A2"].value.endswith(export.TRUNCATED)
    assert "\x07" not in ws["A3"].value and XSS_IMG in ws["A3"].value


def test_export_folder_without_tables_is_exit_2(tmp_path):
    result = CliRunner().invoke(app, ["export", str(tmp_path), "--to", str(tmp_path / "e")])
    assert result.exit_code == 2 and "minutes extract" in result.stderr and not (tmp_path / "e").exists()


@pytest.mark.slow
def test_export_sample_archive_with_hxl(sample_out, tmp_path):
    to = tmp_path / "exports"
    export_to(sample_out, to, "--hxl")
    for name in HXL_TAGS:
        report = hxl.validate(_hxl(to / "hxl" / f"{name}.csv"))
        assert report["stats"]["error"] == 0, report["issues"]
    assert len(read_csv(to / "hxl" / "entities.csv")) > 100


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=20))
def test_export_no_text_cell_starts_a_formula(value):
    out = export.safe_text(value)
    assert not out.startswith(FORMULA_LEAD) and not out.lstrip(" \n\u00a0").startswith(FORMULA_LEAD)
    assert out in (value, "'" + value)
