"""pipeline.load: every table as a typed DataFrame, a clear error for a folder without tables."""
from __future__ import annotations

import textwrap

import pandas as pd
import pytest

import pipeline
from pipeline import api
from pipeline.api import Archive, NoTablesError
from pipeline.schema import TABLES
from tests.analyst_archive import sample_out, write_archive  # noqa: F401  (sample_out is a fixture)


@pytest.fixture
def out(tmp_path):
    return write_archive(tmp_path / "out")


@pytest.mark.parametrize("table,column", [("documents", "meeting_date"), ("action_items", "due_date"),
                                          ("entities", "date_start"), ("entity_catalog", "first_seen")])
def test_api_load_dates_are_datetime64(out, table, column):
    df = getattr(pipeline.load(out), table)
    assert pd.api.types.is_datetime64_dtype(df[column])
    if table == "documents":
        assert list(df.sort_values("meeting_date")[column].dt.month) == [1, 2, 3]
        assert (df[column] > pd.Timestamp("2024-02-01")).sum() == 2


@pytest.mark.parametrize("table,column,dtype", [("documents", "n_pages", "Int32"), ("documents", "size_bytes", "Int64"),
                                                ("entities", "start_char", "Int32"),
                                                ("entity_catalog", "n_mentions", "Int32")])
def test_api_load_integers_stay_integers(out, table, column, dtype):
    df = getattr(pipeline.load(out), table)
    assert str(df[column].dtype) == dtype
    if column == "n_pages":
        assert df.set_index("doc_id")["n_pages"].to_dict()["d2"] == 3
        assert df["n_pages"].isna().sum() == 2  # Word and Markdown: missing, not a float NaN


@pytest.mark.parametrize("table,column", [("entities", "label"), ("action_items", "kind"), ("sections", "kind"),
                                          ("action_items", "status"), ("documents", "format")])
def test_api_load_labels_and_kinds_are_categories(out, table, column):
    df = getattr(pipeline.load(out), table)
    assert isinstance(df[column].dtype, pd.CategoricalDtype)


@pytest.mark.parametrize("table", ["action_status", "runs"])
def test_api_load_missing_table_is_empty_but_typed(out, table):
    df = pipeline.load(out)[table]
    assert df.empty and list(df.columns) == TABLES[table].schema.names


@pytest.mark.parametrize("make", ["missing", "empty", "file", "other_files"])
def test_api_load_raises_for_a_folder_without_tables(tmp_path, make):
    target = tmp_path / "out"
    if make == "empty":
        target.mkdir()
    elif make == "file":
        target.write_text("x")
    elif make == "other_files":
        target.mkdir()
        (target / "notes.parquet").write_text("x")
    with pytest.raises(NoTablesError, match="minutes extract|not a folder"):
        pipeline.load(target)
    with pytest.raises(FileNotFoundError):
        api.load(target, "documents")


@pytest.mark.parametrize("name", ["document", "nope"])
def test_api_load_unknown_table_names_the_tables(out, name):
    archive = pipeline.load(out)
    with pytest.raises(AttributeError, match="documents"):
        getattr(archive, name)
    with pytest.raises(KeyError, match="entities"):
        api.load(out, name)


@pytest.mark.parametrize("attr", ["documents", "sections", "entities", "action_items", "action_links",
                                  "entity_catalog", "participants", "action_status", "errors"])
def test_api_archive_has_one_frame_per_table(out, attr):
    archive = pipeline.load(out)
    assert isinstance(archive, Archive) and attr in dir(archive) and attr in archive.names
    assert isinstance(getattr(archive, attr), pd.DataFrame)
    assert "documents=3" in repr(archive)


@pytest.mark.parametrize("doc", [api.__doc__])
def test_api_docstring_joins_run(out, doc):
    """The joins the docstring shows are real code: run them over a small archive."""
    lines = doc.split("Joins", 1)[1].split("`load(OUT,", 1)[0].splitlines()
    code = textwrap.dedent("\n".join(line for line in lines[1:] if line.startswith("    ") or not line.strip()))
    scope = {"t": pipeline.load(out), "pd": pd}
    exec(code, scope)
    m = scope["m"]
    unicef = m[m["entity_id"] == "org:unicef"].iloc[0]
    assert unicef["title"] == "WASH Sector Coordination Meeting" and unicef["acronym"] == "UNICEF"
    text = scope["text"]
    ents = scope["t"].entities
    assert all(text[d][s:e] == x for d, s, e, x in zip(ents.doc_id, ents.start_char, ents.end_char, ents.text))


@pytest.mark.slow
def test_api_load_sample_archive(sample_out):
    t = pipeline.load(sample_out)
    assert len(t.documents) >= 10 and len(t.entities) > 100 and len(t.action_items) > 10
    assert pd.api.types.is_datetime64_dtype(t.documents["meeting_date"])
    assert str(t.documents["n_pages"].dtype) == "Int32"
    assert t.documents.loc[t.documents["format"] == "pdf", "n_pages"].notna().all()
    assert set(t.entities["label"].cat.categories) >= {"ORG", "PLACE"}


@pytest.mark.parametrize("content", [b"", b"not parquet"])
def test_api_load_unreadable_table_names_the_file(out, content):
    (out / "entities.parquet").write_bytes(content)
    with pytest.raises(ValueError, match="entities.parquet"):
        pipeline.load(out)
