"""Cross-meeting follow-through on a small series built here."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.config import Settings
from pipeline.links import link_actions, series_key
from pipeline.schema import conform


def series() -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    documents = pd.DataFrame([
        {"doc_id": "m1", "source_path": "club/2024-01.docx", "title": "Committee Meeting 12 January 2024",
         "meeting_date": pd.Timestamp("2024-01-12")},
        {"doc_id": "m2", "source_path": "club/2024-02.docx", "title": "Committee meeting - 9 February 2024",
         "meeting_date": pd.Timestamp("2024-02-09")},
        {"doc_id": "m3", "source_path": "club/2024-03.docx", "title": "Committee Meeting, March 2024",
         "meeting_date": pd.Timestamp("2024-03-08")},
        {"doc_id": "x1", "source_path": "other/2024-02.docx", "title": "Finance Working Group",
         "meeting_date": pd.Timestamp("2024-02-01")},
    ])
    actions = pd.DataFrame([
        {"doc_id": "m1", "action_id": "m1-a000", "text": "Ottilie to organise posters for the open day", "status": None},
        {"doc_id": "m1", "action_id": "m1-a001", "text": "Corin to buy board games for the common room", "status": None},
        {"doc_id": "m2", "action_id": "m2-a000", "text": "Ottilie - organise posters for the open day", "status": "done"},
        {"doc_id": "x1", "action_id": "x1-a000", "text": "Corin to buy board games for the common room", "status": "done"},
    ])
    sections = pd.DataFrame([
        {"doc_id": "m2", "section_id": "m2-s000", "text": "Matters arising\nPosters: done.\nWebsite still down."},
        {"doc_id": "m3", "section_id": "m3-s001",
         "text": "Review of actions\nBoard games for the common room: Corin to buy board games, not yet done."},
    ])
    return actions, documents, sections


def test_links_follow_actions_within_series():
    actions, documents, sections = series()
    links = link_actions(actions, documents, sections, settings=Settings())
    got = {(r.action_id, r.later_doc_id): tuple(None if pd.isna(x) else x
                                                for x in (r.later_action_id, r.later_section_id, r.status_change))
           for r in links.itertuples()}
    assert got == {
        ("m1-a000", "m2"): ("m2-a000", None, "open->done"),
        ("m1-a001", "m3"): (None, "m3-s001", "open->carried_over"),
    }
    assert links["similarity"].between(Settings().link_threshold, 1.0).all()
    assert conform("action_links", links).num_rows == 2


@pytest.mark.parametrize("threshold, n", [(0.55, 2), (0.999, 0)])
def test_links_threshold(threshold, n):
    actions, documents, sections = series()
    assert len(link_actions(actions, documents, sections, settings=Settings(link_threshold=threshold))) == n


@pytest.mark.parametrize("title, path, key", [
    ("Shelter Cluster Meeting: 6th March 2019", "a/x.docx", "title:shelter cluster"),
    ("Minutes of Shelter Cluster Meeting 3 April 2019", "b/y.docx", "title:shelter cluster"),
    (None, "club/2024-01.docx", "folder:club"),
])
def test_links_series_key(title, path, key):
    assert series_key(title, path) == key


def test_links_empty_inputs():
    empty = pd.DataFrame(columns=["doc_id", "action_id", "text", "status"])
    assert link_actions(empty, pd.DataFrame(), pd.DataFrame(), settings=Settings()).empty
