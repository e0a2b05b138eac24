"""Follow actions across a meeting series: which later meeting took each action up, and what became of it.

A series is the set of meetings with the same normalised title (else the same folder in the archive).
Each action of a meeting is compared with the actions of every later meeting of its series, and, when no
later action is close enough, with the lines of the later meeting's sections ("Matters arising: posters done"). The action_links table is what lets an analyst list the actions still open from earlier meetings.
"""
from __future__ import annotations

import re
from pathlib import PurePosixPath

import pandas as pd
from rapidfuzz import fuzz

from pipeline.config import Settings
from pipeline.schema import ACTION_LINKS

DONE = re.compile(r"\b(?:done|completed?|finished|closed|resolved|delivered|sent|shared|submitted|circulated)\b", re.I)
CARRIED = re.compile(r"\b(?:not\s+(?:yet|done|started)|ongoing|pending|in\s+progress|carried\s+(?:over|forward)|still\s+open|"
                     r"postponed|deferred|on\s+hold)\b", re.I)
TITLE_NOISE = re.compile(r"\b(?:minutes|notes|meeting|of|the|no|nr|#)\b|\d+(?:st|nd|rd|th)?|[^\w\s]", re.I)
MONTHS = re.compile(r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\b", re.I)
MIN_WORDS = 3


def series_key(title: object, source_path: object) -> str:
    """Normalised meeting title without dates and numbers; the archive folder when there is no title."""
    if isinstance(title, str) and title.strip():
        key = " ".join(TITLE_NOISE.sub(" ", MONTHS.sub(" ", title.lower())).split())
        if key:
            return "title:" + key
    return "folder:" + str(PurePosixPath(str(source_path)).parent)


def similarity(a: str, b: str) -> float:
    """Word-order-insensitive similarity of two action texts, 0-1."""
    return fuzz.token_set_ratio(a.lower(), b.lower()) / 100.0 if min(len(a.split()), len(b.split())) >= MIN_WORDS else 0.0


def status_change(before: object, after_status: object, after_text: str) -> str:
    """'open->done' and the like; what the later meeting says of the action."""
    start = before if isinstance(before, str) and before else "open"
    if isinstance(after_status, str) and after_status:
        end = after_status
    elif CARRIED.search(after_text):
        end = "carried_over"
    elif DONE.search(after_text):
        end = "done"
    else:
        end = "carried_over"  # restated in a later meeting with no word of completion
    return f"{start}->{end}"


def _lines(text: str) -> list[str]:
    return [s.strip() for s in re.split(r"(?<=[.!?;])\s+|\n", text) if len(s.split()) >= MIN_WORDS]


def _order(documents: pd.DataFrame) -> pd.DataFrame:
    docs = documents.copy()
    for col in ("title", "meeting_date", "modified_at"):
        if col not in docs.columns:
            docs[col] = None
    docs["series"] = [series_key(t, p) for t, p in zip(docs["title"], docs["source_path"])]
    docs["when"] = pd.to_datetime(docs["meeting_date"], errors="coerce")
    docs["fallback"] = pd.to_datetime(docs["modified_at"], errors="coerce", utc=True).dt.tz_localize(None)
    docs["when"] = docs["when"].fillna(docs["fallback"])
    return docs.sort_values(["series", "when", "source_path"], na_position="last", kind="stable")


def link_actions(action_items: pd.DataFrame, documents: pd.DataFrame, sections: pd.DataFrame, *,
                 settings: Settings) -> pd.DataFrame:
    """Rows of the action_links table for every action taken up by a later meeting of its series."""
    rows: list[dict] = []
    if action_items.empty or documents.empty:
        return pd.DataFrame(rows, columns=ACTION_LINKS.schema.names)
    docs = _order(documents)
    actions_by_doc = {d: g for d, g in action_items.groupby("doc_id", sort=False)}
    sections_by_doc = {d: g for d, g in sections.groupby("doc_id", sort=False)} if not sections.empty else {}
    for _, series in docs.groupby("series", sort=False):
        ids = list(series["doc_id"])
        for i, earlier in enumerate(ids):
            for _, action in actions_by_doc.get(earlier, pd.DataFrame()).iterrows():
                for later in ids[i + 1:]:
                    row = _match(action, later, actions_by_doc.get(later), sections_by_doc.get(later), settings)
                    if row:
                        rows.append(row)
    return pd.DataFrame(rows, columns=ACTION_LINKS.schema.names)


def _match(action: pd.Series, later: str, later_actions: pd.DataFrame | None, later_sections: pd.DataFrame | None,
           settings: Settings) -> dict | None:
    """The best match for one action in one later meeting: an action if one is close enough, else a section line."""
    base = {"action_id": action["action_id"], "doc_id": action["doc_id"], "later_doc_id": later}
    best = (0.0, None)
    if later_actions is not None:
        for _, other in later_actions.iterrows():
            s = similarity(action["text"], other["text"])
            if s > best[0]:
                best = (s, other)
    if best[1] is not None and best[0] >= settings.link_threshold:
        other = best[1]
        return base | {"later_action_id": other["action_id"], "later_section_id": None, "similarity": round(best[0], 3),
                       "status_change": status_change(action.get("status"), other.get("status"), other["text"])}
    best_line = (0.0, None, "")
    if later_sections is not None:
        for _, sec in later_sections.iterrows():
            for line in _lines(str(sec["text"])):
                s = similarity(action["text"], line)
                if s > best_line[0]:
                    best_line = (s, sec["section_id"], line)
    if best_line[1] is not None and best_line[0] >= settings.link_threshold:
        found = DONE.search(best_line[2]) or CARRIED.search(best_line[2])
        change = status_change(action.get("status"), None, best_line[2]) if found else "mentioned"
        return base | {"later_action_id": None, "later_section_id": best_line[1], "similarity": round(best_line[0], 3),
                       "status_change": change}
    return None
