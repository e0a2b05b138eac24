"""Cross-meeting follow-through on a small series built here."""
from __future__ import annotations

import pandas as pd
import pytest

from pipeline.config import Settings
from pipeline.links import Previous, action_status, link_actions, series_key, windows
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


NAMES = ["Tomasz", "Aiko", "Rafe", "Noor", "Lisbet", "Kwame", "Odile", "Piet"]
TASKS = ["order", "collect", "inspect", "photograph", "label", "price", "store", "return", "clean", "count"]
THINGS = ["seed trays from the supplier", "the lost property box", "hedge trimmer quotes", "volunteer rota sheets",
          "greenhouse glass panels", "raffle prize donations", "a pond liner sample", "bird feeder kits",
          "fence post offcuts", "the tool shed padlock keys", "new wheelbarrow tyres"]


def long_series(n: int, *, done_at: int | None = None) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """n weekly meetings of one committee; each restates one standing action, and a new action of its own."""
    documents = pd.DataFrame([{"doc_id": f"w{i:03d}", "source_path": f"club/w{i:03d}.docx",
                               "title": f"Garden Committee {i + 1}",
                               "meeting_date": pd.Timestamp("2023-01-02") + pd.Timedelta(weeks=i)} for i in range(n)])
    actions = []
    for i in range(n):
        status = "done" if done_at is not None and i == done_at else None
        if done_at is None or i <= done_at:
            actions.append({"doc_id": f"w{i:03d}", "action_id": f"w{i:03d}-a000", "status": status,
                            "text": "Berit to repaint the shed doors before the spring fair"})
        actions.append({"doc_id": f"w{i:03d}", "action_id": f"w{i:03d}-a001", "status": None,
                        "text": f"{NAMES[i % 8]} to {TASKS[i % 10]} {THINGS[i % 11]}"})
    return pd.DataFrame(actions), documents, pd.DataFrame(columns=["doc_id", "section_id", "text"])


@pytest.mark.parametrize("n", [12])
def test_links_follow_up_is_the_next_meeting_only(n):
    actions, documents, sections = long_series(n)
    links = link_actions(actions, documents, sections, settings=Settings())
    standing = links[links["action_id"].str.endswith("a000")]
    # each restatement links to the next one only, not to every later meeting
    assert list(zip(standing["action_id"], standing["later_action_id"])) == [
        (f"w{i:03d}-a000", f"w{i + 1:03d}-a000") for i in range(n - 1)]
    assert not links.duplicated(["action_id", "later_doc_id"]).any()
    assert len(links) / len(actions) <= 1


@pytest.mark.parametrize("window, linked", [(6, True), (2, False)])
def test_links_window_bounds_the_search(window, linked):
    documents = pd.DataFrame([{"doc_id": f"m{i}", "source_path": f"c/m{i}.txt", "title": "Garden Committee",
                               "meeting_date": pd.Timestamp("2024-01-01") + pd.Timedelta(weeks=i)} for i in range(5)])
    actions = pd.DataFrame([
        {"doc_id": "m0", "action_id": "m0-a000", "status": None, "text": "Ilse to fix the broken water butt tap"},
        {"doc_id": "m4", "action_id": "m4-a000", "status": "done", "text": "Ilse to fix the broken water butt tap"}])
    links = link_actions(actions, documents, pd.DataFrame(), settings=Settings(link_window=window))
    assert (len(links) == 1) is linked


@pytest.mark.parametrize("sections_text, changes", [
    (["Water butt tap: Ilse to fix it, still pending.", "Ilse fixed the broken water butt tap: done."],
     ["open->carried_over", "open->done"]),
    (["We talked about how Ilse will fix the broken water butt tap soon.", ""], ["mentioned"]),
])
def test_links_section_lines_continue_until_done(sections_text, changes):
    documents = pd.DataFrame([{"doc_id": f"m{i}", "source_path": f"c/m{i}.txt", "title": "Garden Committee",
                               "meeting_date": pd.Timestamp("2024-01-01") + pd.Timedelta(weeks=i)} for i in range(4)])
    actions = pd.DataFrame([{"doc_id": "m0", "action_id": "m0-a000", "status": None,
                             "text": "Ilse to fix the broken water butt tap"}])
    sections = pd.DataFrame([{"doc_id": f"m{i + 1}", "section_id": f"m{i + 1}-s000", "text": t}
                             for i, t in enumerate(sections_text)]
                            + [{"doc_id": "m3", "section_id": "m3-s000", "text": "Ilse fixed the broken water butt tap"}])
    links = link_actions(actions, documents, sections, settings=Settings())
    assert list(links["status_change"])[:len(changes)] == changes
    if changes[-1] == "open->done":  # done: later mentions are no follow-up
        assert list(links["later_doc_id"]) == ["m1", "m2"]


@pytest.mark.parametrize("done_at", [None, 4])
def test_links_action_status_follows_the_chain(done_at):
    actions, documents, sections = long_series(8, done_at=done_at)
    links = link_actions(actions, documents, sections, settings=Settings())
    status = action_status(actions, links, documents).set_index("action_id")
    first = status.loc["w000-a000"]
    if done_at is None:
        assert (first["status"], first["last_seen_doc_id"], first["n_followups"]) == ("carried_over", "w007", 7)
        assert status.loc["w007-a000", "status"] == "open"
    else:
        assert (first["status"], first["last_seen_doc_id"], first["n_followups"]) == ("done", "w004", 4)
    assert first["last_seen_date"] == documents.set_index("doc_id").loc[first["last_seen_doc_id"], "meeting_date"]
    once = status.loc["w002-a001"]  # never taken up: its own meeting, its own status
    assert (once["status"], once["last_seen_doc_id"], once["n_followups"]) == ("open", "w002", 0)
    assert conform("action_status", status.reset_index()).num_rows == len(actions)


@pytest.mark.parametrize("change", ["add_last", "add_middle", "remove", "redo"])
def test_links_previous_rows_kept_outside_the_changed_neighbourhood(change):
    actions, documents, sections = long_series(30)
    settings = Settings(link_window=3)
    before = link_actions(actions, documents, sections, settings=settings)
    marked = before.assign(similarity=0.123)  # rows taken from the previous run keep this mark
    redone = frozenset()
    if change == "add_last":
        a2, d2, s2 = long_series(31)
        changed_at = 30
    elif change == "add_middle":
        extra = documents.iloc[[10]].assign(doc_id="new", source_path="club/new.docx",
                                            meeting_date=documents["meeting_date"][10] + pd.Timedelta(days=1))
        d2 = pd.concat([documents, extra], ignore_index=True)
        a2 = pd.concat([actions, pd.DataFrame([{"doc_id": "new", "action_id": "new-a000", "status": "done",
                                                "text": "Berit to repaint the shed doors before the spring fair"}])])
        s2 = sections
        changed_at = 11
    elif change == "remove":
        d2 = documents[documents["doc_id"] != "w015"]
        a2, s2 = actions[actions["doc_id"] != "w015"], sections
        changed_at = 15
    else:
        a2, d2, s2 = actions, documents, sections
        redone = frozenset({"w020"})
        changed_at = 20
    previous = Previous(windows(documents, settings), marked, redone)
    after = link_actions(a2, d2, s2, settings=settings, previous=previous)
    fresh = link_actions(a2, d2, s2, settings=settings)
    key = ["action_id", "later_doc_id"]
    assert after[key + ["later_action_id"]].sort_values(key).values.tolist() == \
        fresh[key + ["later_action_id"]].sort_values(key).values.tolist()
    relinked = set(after.loc[after["similarity"] != 0.123, "doc_id"])
    # only the documents whose next `link_window` meetings changed were linked again
    assert relinked and all(changed_at - 3 <= int(d[1:]) <= changed_at for d in relinked if d != "new")
