"""The action tracker: every action with its owner, due date, meeting and latest status across the series.

The latest status comes from the `action_status` table (each action followed through later meetings) when
it has rows; until then, and for an action it does not cover, from the status stated in `action_items`.
An action is open unless it is done: `carried_over` and an unstated status count as open; a decision is
recorded, not carried out, so it is never open. An open action is overdue when its due date is before the
as-of date (today unless given).
"""
from __future__ import annotations

import datetime as dt
import json

import pandas as pd

from pipeline.api import Archive

DONE = "done"
DECISION = "decision"
COLUMNS = ["action_id", "meeting_date", "meeting_title", "owner", "due_date", "status", "open", "overdue", "kind",
           "text", "stated_status", "last_seen_date", "n_followups", "due_text", "owner_entity_id", "doc_id", "source_path"]
SHOWN = ["meeting_date", "meeting_title", "owner", "due_date", "status", "overdue", "text"]


def track(archive: Archive, *, as_of: dt.date | pd.Timestamp | None = None) -> pd.DataFrame:
    """One row per action (columns COLUMNS), sorted by meeting date, due date and action_id."""
    as_of_ts = pd.Timestamp(as_of if as_of is not None else dt.date.today()).normalize()
    acts = archive.action_items
    docs = archive.documents[["doc_id", "title", "meeting_date", "source_path"]].rename(
        columns={"title": "meeting_title"})
    df = acts.merge(docs, on="doc_id", how="left")
    df["stated_status"] = df["status"].astype("string")
    latest = archive.action_status
    if len(latest):
        latest = latest[["action_id", "status", "last_seen_date", "n_followups"]].rename(
            columns={"status": "latest_status"})
        df = df.merge(latest, on="action_id", how="left")
        df["latest_status"] = df["latest_status"].astype("string")
    else:
        df["latest_status"] = pd.Series(pd.NA, index=df.index, dtype="string")
        df["last_seen_date"] = pd.Series(pd.NaT, index=df.index, dtype="datetime64[ns]")
        df["n_followups"] = pd.Series(pd.NA, index=df.index, dtype="Int32")
    df["status"] = df["latest_status"].fillna(df["stated_status"]).fillna("open")
    df["last_seen_date"] = df["last_seen_date"].fillna(df["meeting_date"])
    df["n_followups"] = df["n_followups"].fillna(0).astype("Int32")
    df["open"] = ((df["status"] != DONE) & (df["kind"].astype("string") != DECISION).fillna(True)).astype(bool)
    df["overdue"] = (df["open"] & df["due_date"].notna() & (df["due_date"] < as_of_ts)).astype(bool)
    df["status"] = df["status"].astype(pd.CategoricalDtype(["open", "carried_over", "done"]))
    df = df.sort_values(["meeting_date", "due_date", "action_id"], na_position="last", kind="stable")
    return df[COLUMNS].reset_index(drop=True)


def select(tracked: pd.DataFrame, *, open_only: bool = False, overdue: bool = False,
           owner: str | None = None) -> pd.DataFrame:
    """The tracked actions that are open, overdue, and/or owned by someone whose name contains `owner`."""
    keep = pd.Series(True, index=tracked.index)
    if open_only:
        keep &= tracked["open"]
    if overdue:
        keep &= tracked["overdue"]
    if owner:
        keep &= tracked["owner"].fillna("").str.casefold().str.contains(owner.casefold(), regex=False)
    return tracked[keep].reset_index(drop=True)


def as_json(tracked: pd.DataFrame) -> str:
    """The rows as a JSON list, dates as ISO strings and missing values as null."""
    records = []
    for row in tracked.to_dict(orient="records"):
        records.append({k: _json_value(v) for k, v in row.items()})
    return json.dumps(records, ensure_ascii=False, indent=2) + "\n"


def _json_value(value: object) -> object:
    if value is None or value is pd.NA or value is pd.NaT or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat() if value == value.normalize() else value.isoformat()
    if hasattr(value, "item"):
        return value.item()
    return value


def for_export(tracked: pd.DataFrame) -> pd.DataFrame:
    """Dates as calendar dates for CSV/XLSX (no midnight times)."""
    out = tracked.copy()
    for col in ("meeting_date", "due_date", "last_seen_date"):
        out[col] = [None if pd.isna(v) else v.date() for v in out[col]]
    return out
