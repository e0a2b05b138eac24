"""The schema module: the single declaration of every table, and the README generated from it."""
from __future__ import annotations

import pytest

from pipeline.config import PROJECT_ROOT
from pipeline.schema import TABLES
from scripts.update_readme import updated


def test_schema_readme_data_dictionary_is_generated_and_current():
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    assert updated(readme) == readme, "run `make docs` to regenerate the README's data dictionary"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_schema_every_column_is_described_and_sort_keys_exist(name):
    table = TABLES[name]
    assert set(table.sort_by) <= set(table.schema.names)
    for f in table.schema:
        assert (f.metadata or {}).get(b"description"), f"{name}.{f.name} has no description"


def _rows(name):
    from datetime import date, datetime, timezone

    if name == "entities":
        return [
            {"doc_id": "d2", "mention_id": "d2-e00001", "section_id": None, "start_char": 40, "end_char": 46,
             "text": "Tarvin", "label": "PLACE", "entity_id": "place:tarvin", "norm": "Tarvin", "source": "gazetteer"},
            {"doc_id": "d1", "mention_id": "d1-e00002", "section_id": "d1-s001", "start_char": 5, "end_char": 15,
             "text": "3 May 2031", "label": "DATE", "entity_id": None, "norm": "2031-05-03", "source": "model",
             "date_start": date(2031, 5, 3), "date_end": date(2031, 5, 3), "granularity": "day"},
            {"doc_id": "d1", "mention_id": "d1-e00001", "section_id": "d1-s001", "start_char": 5, "end_char": 15,
             "text": "3 May 2031", "label": "ORG", "entity_id": "org:x", "norm": "X", "source": "rule"},
        ]
    if name == "action_items":
        return [{"doc_id": "d1", "action_id": f"d1-a00{i}", "section_id": None, "kind": "action", "start_char": s,
                 "end_char": s + 9, "text": "Map wells", "owner": o, "due_date": None, "confidence": c}
                for i, (s, o, c) in enumerate([(90, "Ilse", 0.8125), (12, None, 0.3333), (12, "Bram", None)])]
    return [{"doc_id": "d9", "source_path": "a/b.docx", "format": "docx", "size_bytes": 2**40,
             "modified_at": datetime(2031, 1, 2, 3, 4, 5, tzinfo=timezone.utc), "zawgyi_converted": False,
             "n_pages": None, "n_blocks": 3, "text": "Minutes", "meeting_date": date(2031, 1, 2),
             "next_meeting": datetime(2031, 1, 9, 10, 30)}]


@pytest.mark.parametrize("name", ["entities", "action_items", "documents"])
def test_schema_conform_rows_as_the_dataframe_path(name):
    """Rows go straight through pyarrow; the table equals the pandas path's: types, nulls, order (stable, nulls first)."""
    import pandas as pd

    from pipeline.schema import conform

    rows = _rows(name)
    fast = conform(name, rows)
    assert fast.schema == TABLES[name].schema
    assert fast.equals(conform(name, pd.DataFrame(rows)))


def test_schema_conform_rows_refuses_a_column_not_declared():
    from pipeline.schema import conform

    with pytest.raises(ValueError, match="not in the schema"):
        conform("entities", [{**_rows("entities")[0], "colour": "red"}])
