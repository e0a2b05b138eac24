"""Table rows from the stage dataclasses."""
from __future__ import annotations

from dataclasses import asdict
from datetime import date

import pytest

from pipeline.model import ActionItem, Block, Mention
from pipeline.records import row


@pytest.mark.parametrize("obj", [
    Block(3, "table_cell", 10, 24, "Pump repairs", table_id=1, row=2, col=0, column_header="Issue"),
    Mention(40, 52, "Velmor Aid", "ORG", "Velmor Aid", "org:velmor-aid", "gazetteer", 2),
    ActionItem(1, "action", 60, 95, "Velmor Aid to repair the pumps", "model", 0.91, 2, owner="Velmor Aid",
               due_date=date(2024, 6, 20), due_text="by 20 June"),
])
def test_records_row_is_asdict_of_a_flat_record(obj):
    assert row(obj) == asdict(obj)
    assert list(row(obj)) == list(asdict(obj))  # same column order
