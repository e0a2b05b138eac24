"""Follow actions across a meeting series: which later meeting took each action up, and what became of it.

A series is the set of meetings with the same normalised title (else the same folder in the archive).
An action links to its follow-up only: within the next `link_window` meetings of its series, the nearest
meeting with an action close enough to it (that later action then carries the chain on), or, failing
that, a line of a later section ("Matters arising: posters done"), after which the search goes on to the
next meeting until the action is done or the window ends. So there is at most one row per action per later
meeting, in practice one or two, and the work per document is bounded by the window: the archive-wide step
grows linearly with the number of meetings.

`action_status` follows each chain to its end: the latest status known and the meeting it was last seen in.

A document's links depend only on its own window (itself and the next `link_window` meetings of its
series), so when a run changes a few files, only the documents whose window changed are linked again and
every other row is kept from the previous run (`Previous`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import PurePosixPath

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from rapidfuzz import fuzz, process

from pipeline.actions.patterns import Patterns, default_patterns
from pipeline.config import Settings
from pipeline.dates.calendar import calendar
from pipeline.schema import ACTION_LINKS, ACTION_STATUS

TITLE_NOISE = re.compile(r"\b(?:minutes|notes|meeting|of|the|no|nr|#)\b|\d+(?:st|nd|rd|th)?|[^\w\s]", re.I)
# Month names of every language in models/dates/calendar.json: "Réunion de mars" and "Reunión de marzo" share a key.
MONTHS = re.compile(rf"\b(?:{calendar().month_pattern})\b", re.I)
LINE_SPLIT = re.compile(r"(?<=[.!?;])\s+|\n")
MIN_WORDS = 3
ORDER_COLUMNS = ("doc_id", "source_path", "title", "meeting_date", "modified_at")


def series_key(title: object, source_path: object) -> str:
    """Normalised meeting title without dates and numbers; the archive folder when there is no title."""
    if isinstance(title, str) and title.strip():
        key = _title_key(title)
        if key:
            return "title:" + key
    return "folder:" + str(PurePosixPath(str(source_path)).parent)


@lru_cache(maxsize=4096)
def _title_key(title: str) -> str:
    """A series' meetings mostly share their title: normalised once per distinct title."""
    return " ".join(TITLE_NOISE.sub(" ", MONTHS.sub(" ", title.lower())).split())


def later_status(text: str, p: Patterns) -> str | None:
    """What a later meeting's words say of an action: carried_over, done, or None when they say neither."""
    if p.status_carried.search(text):
        return "carried_over"
    if p.status_done_in_text.search(text):
        return "done"
    return None


def status_change(before: object, after_status: object, after_text: str, p: Patterns | None = None) -> str:
    """'open->done' and the like; what the later meeting says of the action."""
    start = before if isinstance(before, str) and before else "open"
    if isinstance(after_status, str) and after_status:
        end = after_status
    else:  # restated in a later meeting with no word of completion: carried over
        end = later_status(after_text, p or default_patterns()) or "carried_over"
    return f"{start}->{end}"


def _lines(text: str) -> list[str]:
    return [s.strip() for s in LINE_SPLIT.split(text) if len(s.split()) >= MIN_WORDS]


def order(documents: pd.DataFrame) -> dict[str, list[str]]:
    """series key -> its doc_ids in meeting order (date, else file time, then path)."""
    if documents.empty:
        return {}
    docs = documents.copy()
    for col in ORDER_COLUMNS[2:]:
        if col not in docs.columns:
            docs[col] = None
    docs["series"] = [series_key(t, p) for t, p in zip(docs["title"].tolist(), docs["source_path"].tolist())]
    docs["when"] = pd.to_datetime(docs["meeting_date"], errors="coerce")
    docs["fallback"] = pd.to_datetime(docs["modified_at"], errors="coerce", utc=True).dt.tz_localize(None)
    docs["when"] = docs["when"].fillna(docs["fallback"])
    docs = docs.sort_values(["series", "when", "source_path"], na_position="last", kind="stable")
    return {s: list(g["doc_id"]) for s, g in docs.groupby("series", sort=False)}


def windows(documents: pd.DataFrame, settings: Settings) -> dict[str, tuple[str, ...]]:
    """doc_id -> the doc_ids its links depend on: itself and the next `link_window` meetings of its series."""
    w = max(0, settings.link_window)
    return {d: tuple(ids[i:i + 1 + w]) for ids in order(documents).values() for i, d in enumerate(ids)}


@dataclass(frozen=True)
class Previous:
    """What the last run linked: its windows, its action_links rows, and the doc_ids this run extracted again."""

    windows: dict[str, tuple[str, ...]]
    links: pd.DataFrame
    redone: frozenset[str] = field(default_factory=frozenset)

    def keeps(self, doc_id: str, window: tuple[str, ...]) -> bool:
        """True when the document's window is unchanged since the last run: its previous rows still hold."""
        return self.windows.get(doc_id) == window and not self.redone.intersection(window)

    def rows_of(self, doc_ids: set[str]) -> pd.DataFrame:
        """The previous rows of these documents, as one slice of the table (no per-row Python work)."""
        if self.links.empty or not doc_ids:
            return self.links.iloc[0:0]
        return self.links[self.links["doc_id"].isin(doc_ids)]


@dataclass
class _Actions:
    """One document's actions as plain lists, in table order."""

    ids: list[str]
    status: list[str | None]
    text: list[str]


class _Texts:
    """Per document, split and lowered once: its actions and its section lines."""

    def __init__(self, action_items: pd.DataFrame, sections: pd.DataFrame):
        self.actions: dict[str, _Actions] = {}
        if not action_items.empty:
            status = action_items["status"] if "status" in action_items else pd.Series([None] * len(action_items))
            for d, ids, st, text in zip(action_items["doc_id"], action_items["action_id"], status, action_items["text"]):
                a = self.actions.get(d) or self.actions.setdefault(d, _Actions([], [], []))
                a.ids.append(ids)
                a.status.append(st if isinstance(st, str) and st else None)
                a.text.append(str(text))
        self._sections = {d: g for d, g in sections.groupby("doc_id", sort=False)} if not sections.empty else {}
        self._lowered: dict[str, tuple[list[str], np.ndarray]] = {}
        self._lines: dict[str, tuple[list[str], list[str], list[str]]] = {}

    def lowered(self, doc_id: str) -> tuple[list[str], np.ndarray]:
        """The document's action texts in lower case, and which have enough words to be compared."""
        if doc_id not in self._lowered:
            texts = [t.lower() for t in self.actions[doc_id].text]
            self._lowered[doc_id] = texts, np.array([len(t.split()) >= MIN_WORDS for t in texts], dtype=bool)
        return self._lowered[doc_id]

    def lines(self, doc_id: str) -> tuple[list[str], list[str], list[str]]:
        """(section_id, line as written, line in lower case) for every line of every section, in order."""
        if doc_id not in self._lines:
            sec_ids, raw = [], []
            g = self._sections.get(doc_id)
            if g is not None:
                for sid, text in zip(g["section_id"], g["text"]):
                    for line in _lines(str(text)):
                        sec_ids.append(sid)
                        raw.append(line)
            self._lines[doc_id] = sec_ids, raw, [s.lower() for s in raw]
        return self._lines[doc_id]


def _best(queries: list[str], choices: list[str], threshold: float) -> tuple[np.ndarray, np.ndarray]:
    """For each query, its most similar choice (first on ties) and that similarity, 0-1: word-order-insensitive
    (token set ratio) over lower-cased texts; texts of fewer than three words are never compared."""
    scores = process.cdist(queries, choices, scorer=fuzz.token_set_ratio, processor=None, dtype=np.float64,
                           score_cutoff=threshold * 100.0, workers=-1)
    return scores.argmax(axis=1), scores.max(axis=1) / 100.0


def link_actions(action_items: pd.DataFrame, documents: pd.DataFrame, sections: pd.DataFrame | pa.Table, *,
                 settings: Settings, previous: Previous | None = None,
                 patterns: Patterns | None = None) -> pd.DataFrame:
    """Rows of the action_links table: each action's follow-ups in the next meetings of its series.

    With `previous`, a document whose window is unchanged keeps its rows; only the others are linked again,
    and only their windows' actions and sections are split into lines. Rows are in no particular order (the
    store sorts them by key)."""
    columns = ACTION_LINKS.schema.names
    if action_items.empty or documents.empty:
        return pd.DataFrame([], columns=columns)
    p = patterns or default_patterns()
    with_actions = set(action_items["doc_id"])
    kept: set[str] = set()
    todo: list[tuple[str, ...]] = []
    for window in windows(documents, settings).values():
        if window[0] not in with_actions:
            continue
        if previous is not None and previous.keeps(window[0], window):
            kept.add(window[0])
        else:
            todo.append(window)
    rows: list[dict] = []
    if todo:
        needed = {d for w in todo for d in w}
        texts = _Texts(action_items[action_items["doc_id"].isin(needed)], _sections_of(sections, needed))
        for window in todo:
            rows += _link_document(window[0], window[1:], texts, settings, p)
    new = pd.DataFrame(rows, columns=columns)
    if previous is None or not kept:
        return new
    old = previous.rows_of(kept)[columns]
    return old if new.empty else pd.concat([old, new], ignore_index=True) if not old.empty else new


def _sections_of(sections: pd.DataFrame | pa.Table, doc_ids: set[str]) -> pd.DataFrame:
    """The sections of these documents (from a DataFrame, or an Arrow table read no further than they are)."""
    if isinstance(sections, pa.Table):
        wanted = sections.filter(pc.is_in(sections["doc_id"], pa.array(sorted(doc_ids), pa.string())))
        return wanted.select(["doc_id", "section_id", "text"]).to_pandas()
    return sections[sections["doc_id"].isin(doc_ids)] if not sections.empty else sections


def _link_document(doc_id: str, later_ids: tuple[str, ...], texts: _Texts, settings: Settings,
                   p: Patterns) -> list[dict]:
    """One document's links: its actions against the actions, then the section lines, of each later meeting."""
    actions = texts.actions[doc_id]
    lowered, comparable = texts.lowered(doc_id)
    open_ = [i for i in range(len(lowered)) if comparable[i]]
    rows = []
    for later in later_ids:
        if not open_:
            break
        base = {"doc_id": doc_id, "later_doc_id": later}
        if later in texts.actions:
            other_low, other_ok = texts.lowered(later)
            choices = [t if ok else "" for t, ok in zip(other_low, other_ok)]
            best, sim = _best([lowered[i] for i in open_], choices, settings.link_threshold)
            others = texts.actions[later]
            still = []
            for i, j, s in zip(open_, best, sim):
                if s >= settings.link_threshold and s > 0:
                    j = int(j)
                    rows.append(base | {
                        "action_id": actions.ids[i], "later_action_id": others.ids[j], "later_section_id": None,
                        "similarity": round(float(s), 3),
                        "status_change": status_change(actions.status[i], others.status[j], others.text[j], p)})
                else:
                    still.append(i)  # the later action carries the chain on: this one is settled
            open_ = still
        if not open_:
            break
        sec_ids, raw, low = texts.lines(later)
        if not low:
            continue
        best, sim = _best([lowered[i] for i in open_], low, settings.link_threshold)
        still = []
        for i, j, s in zip(open_, best, sim):
            if not (s >= settings.link_threshold and s > 0):
                still.append(i)
                continue
            said = later_status(raw[int(j)], p)
            change = status_change(actions.status[i], said, raw[int(j)], p) if said else "mentioned"
            rows.append(base | {"action_id": actions.ids[i], "later_action_id": None,
                                "later_section_id": sec_ids[int(j)], "similarity": round(float(s), 3),
                                "status_change": change})
            if said != "done":  # mentioned or still carried over: a later meeting may take it up again
                still.append(i)
        open_ = still
    return rows


def action_status(action_items: pd.DataFrame, links: pd.DataFrame, documents: pd.DataFrame) -> pd.DataFrame:
    """Rows of the action_status table: each action's latest known status, following its chain of links."""
    cols = ACTION_STATUS.schema.names
    if action_items.empty:
        return pd.DataFrame([], columns=cols)
    # Plain lists, not pandas rows: iterating Arrow-backed columns costs more than the work.
    dates = dict(zip(documents["doc_id"].tolist(), documents["meeting_date"].tolist())) if not documents.empty else {}
    position = {d: (s, i) for s, ids in order(documents).items() for i, d in enumerate(ids)}
    action_ids = action_items["action_id"].tolist()
    statuses = action_items["status"].tolist() if "status" in action_items else [None] * len(action_ids)
    own = dict(zip(action_ids, statuses))
    home = dict(zip(action_ids, action_items["doc_id"].tolist()))
    by_action: dict[str, list[tuple]] = {}
    if not links.empty:
        for aid, later_doc, later_action, change in zip(*(links[c].tolist() for c in (
                "action_id", "later_doc_id", "later_action_id", "status_change"))):
            by_action.setdefault(aid, []).append((position.get(later_doc, ("", 0)), later_doc, later_action, change))
    for chain in by_action.values():
        chain.sort()  # in series order, once
    done: dict[str, tuple[str, str, int]] = {}  # action_id -> (status, last_seen_doc_id, n_followups)

    def resolve(start: str) -> None:
        path, on_path, cur = [], set(), start
        while cur not in done and cur not in on_path:  # follow the later actions to the end of the chain
            path.append(cur)
            on_path.add(cur)
            chain = by_action.get(cur, ())
            nxt = chain[-1][2] if chain and isinstance(chain[-1][2], str) and chain[-1][2] in home else None
            if nxt is None:
                break
            cur = nxt
        for aid in reversed(path):
            state = own.get(aid) if isinstance(own.get(aid), str) and own.get(aid) else "open"
            last, n = home[aid], 0
            chain = by_action.get(aid, ())
            for _, later_doc, _, change in chain:
                n, last = n + 1, later_doc
                if isinstance(change, str) and "->" in change:
                    state = change.split("->", 1)[1]
            nxt = chain[-1][2] if chain and isinstance(chain[-1][2], str) else None
            if nxt in done and done[nxt][2] > 0:
                state, last, n = done[nxt][0], done[nxt][1], n + done[nxt][2]
            done[aid] = (state, last, n)

    for aid in action_ids:
        if aid not in done:
            resolve(aid)
    rows = [{"action_id": aid, "doc_id": home[aid], "status": done[aid][0], "last_seen_doc_id": done[aid][1],
             "last_seen_date": dates.get(done[aid][1]), "n_followups": done[aid][2]} for aid in action_ids]
    return pd.DataFrame(rows, columns=cols)
