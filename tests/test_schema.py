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
