"""The action tracker: latest status across the series, open/overdue/owner filters, and its CLI."""
from __future__ import annotations

import csv
import datetime as dt
import io
import json

import openpyxl
import pytest
from typer.testing import CliRunner

import pipeline
from pipeline import tracker
from pipeline.cli import app
from tests.analyst_archive import HOSTILE_ID, XSS_TEXT, sample_out, write_archive  # noqa: F401


@pytest.fixture
def out(tmp_path):
    return write_archive(tmp_path / "out")


@pytest.fixture
def out_with_status(tmp_path):
    return write_archive(tmp_path / "out", with_status=True)


def statuses(out, **kw):
    return tracker.track(pipeline.load(out), **kw).set_index("action_id")["status"].astype(str).to_dict()


@pytest.mark.parametrize("action,expected", [("d1-a0", "open"), ("d1-a1", "done"), ("d2-a0", "carried_over"),
                                             ("d2-a1", "open")])
def test_tracker_falls_back_to_the_stated_status(out, action, expected):
    assert statuses(out)[action] == expected


@pytest.mark.parametrize("action,expected", [("d1-a0", "done"), ("d2-a0", "carried_over")])
def test_tracker_uses_action_status_when_it_has_rows(out_with_status, action, expected):
    got = tracker.track(pipeline.load(out_with_status)).set_index("action_id")
    assert str(got.loc[action, "status"]) == expected
    if action == "d1-a0":
        assert got.loc[action, "n_followups"] == 1 and got.loc[action, "last_seen_date"] == dt.datetime(2024, 2, 14)


@pytest.mark.parametrize("as_of,overdue", [(dt.date(2024, 2, 1), {"d1-a0"}),
                                           (dt.date(2024, 3, 10), {"d1-a0", "d2-a0"}),
                                           (dt.date(2024, 1, 1), set())])
def test_tracker_overdue_means_open_and_past_due(out, as_of, overdue):
    """d2-a1 is a decision due in January: recorded, never open, so never overdue."""
    got = tracker.select(tracker.track(pipeline.load(out), as_of=as_of), overdue=True)
    assert set(got["action_id"]) == overdue


@pytest.mark.parametrize("owner,expected", [("unicef", {"d1-a0"}), ("OXFAM", {"d1-a1"}), ("nobody", set())])
def test_tracker_owner_filter_ignores_case(out, owner, expected):
    assert set(tracker.select(tracker.track(pipeline.load(out)), owner=owner)["action_id"]) == expected


@pytest.mark.parametrize("flag", ["--open"])
def test_tracker_cli_open_counts_carried_over_and_skips_done(out, flag):
    result = CliRunner().invoke(app, ["actions", str(out), flag, "--json"])
    assert result.exit_code == 0, result.output
    rows = {r["action_id"]: r for r in json.loads(result.output)}
    assert set(rows) == {"d1-a0", "d2-a0", f"{HOSTILE_ID}-a0"}
    first = rows["d1-a0"]
    assert first["owner"] == "UNICEF" and first["due_date"] == "2024-01-31"
    assert first["meeting_title"] == "WASH Sector Coordination Meeting" and first["meeting_date"] == "2024-01-10"
    assert rows["d2-a0"]["status"] == "carried_over"


@pytest.mark.parametrize("args", [["--overdue", "--as-of", "2024-02-01"]])
def test_tracker_cli_table_and_csv(out, args):
    table = CliRunner().invoke(app, ["actions", str(out), *args])
    assert table.exit_code == 0, table.output
    assert "UNICEF" in table.output and "2024-01-31" in table.output and "(1 row)" in table.output
    result = CliRunner().invoke(app, ["actions", str(out), "--csv"])
    rows = list(csv.DictReader(io.StringIO(result.output)))
    owners = {r["action_id"]: r["owner"] for r in rows}
    assert owners["d2-a0"] == "'=EVIL()" and owners[f"{HOSTILE_ID}-a0"] == XSS_TEXT


@pytest.mark.parametrize("name", ["actions.xlsx"])
def test_tracker_cli_xlsx(out, tmp_path, name):
    result = CliRunner().invoke(app, ["actions", str(out), "--xlsx", str(tmp_path / name)])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(tmp_path / name).active
    header = [c.value for c in ws[1]]
    rows = [dict(zip(header, (c.value for c in r))) for r in ws.iter_rows(min_row=2)]
    evil = next(r for r in rows if r["action_id"] == "d2-a0")
    assert evil["owner"] == "'=EVIL()" and evil["n_followups"] == 0
    assert evil["due_date"].date() == dt.date(2024, 3, 1)


@pytest.mark.parametrize("args", [["--as-of", "2024-13-40"], ["--csv", "--json"]])
def test_tracker_cli_bad_options_exit_2(out, args):
    result = CliRunner().invoke(app, ["actions", str(out), *args])
    assert result.exit_code == 2 and result.stderr.startswith("error:")


@pytest.mark.slow
def test_tracker_over_the_sample_archive(sample_out):
    result = CliRunner().invoke(app, ["actions", str(sample_out), "--open", "--json", "--as-of", "2024-06-30"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.output)
    assert rows and all(r["status"] != "done" for r in rows)
    assert all(r["meeting_date"] and r["meeting_title"] for r in rows)
