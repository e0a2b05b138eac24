"""Archive-level entity linking and the entity_catalog table."""
from __future__ import annotations

from datetime import date

import pyarrow as pa
import pytest

from pipeline.catalog import catalog, unify
from pipeline.model import CatalogEntry, entity_key
from pipeline.schema import ENTITY_CATALOG, conform


COLS = ["doc_id", "text", "label", "entity_id", "norm", "source"]


def rows(*items):
    """Entity mentions as the runner hands them over: an Arrow table of string columns."""
    return pa.table({c: pa.array([i[k] for i in items], pa.string()) for k, c in enumerate(COLS)})


def documents(ids, dates):
    return pa.table({"doc_id": pa.array(ids, pa.string()), "meeting_date": pa.array(dates, pa.date32())})


def unify_entities(ents):
    return unify(ents).to_pandas()


BRA = entity_key("ORG", "Blue River Alliance")


@pytest.mark.parametrize("bare_id", [entity_key("ORG", "BRA"), None])
def test_catalog_unify_links_bare_acronym_across_documents(bare_id):
    ents = rows(("a", "Blue River Alliance", "ORG", BRA, "Blue River Alliance", "acronym"),
                ("a", "BRA", "ORG", BRA, "Blue River Alliance", "acronym"),
                ("b", "BRA", "ORG", bare_id, "BRA", "model"))
    out = unify_entities(ents)
    assert list(out["entity_id"]) == [BRA, BRA, BRA]
    assert out.iloc[2]["norm"] == "Blue River Alliance"


@pytest.mark.parametrize("other", [entity_key("ORG", "Bureau of Roads and Airports")])
def test_catalog_unify_keeps_acronym_already_linked_elsewhere(other):
    ents = rows(("a", "BRA", "ORG", BRA, "Blue River Alliance", "acronym"),
                ("b", "BRA", "ORG", other, "Bureau of Roads and Airports", "gazetteer"))
    assert list(unify_entities(ents)["entity_id"]) == [BRA, other]


@pytest.mark.parametrize("known_name", ["Kachin"])
def test_catalog_build_counts_dates_and_codes(known_name):
    kid = entity_key("PLACE", known_name)
    known = {kid: CatalogEntry(kid, "PLACE", known_name, aliases=("Kachin State",), pcode="MMR001", lat=25.5, lon=97.4)}
    ents = rows(("a", "Kachin State", "PLACE", kid, known_name, "gazetteer"),
                ("b", "Kachin", "PLACE", kid, known_name, "gazetteer"),
                ("b", "Kachin", "PLACE", kid, known_name, "gazetteer"),
                ("a", "Blue River Alliance", "ORG", BRA, "Blue River Alliance", "acronym"),
                ("a", "BRA", "ORG", BRA, "Blue River Alliance", "acronym"),
                ("a", "next week", "DATE", None, "2017-W50", "rule"))
    docs = documents(["a", "b"], [date(2017, 12, 6), date(2018, 2, 7)])
    cat = catalog(ents, docs, known).set_index("entity_id")
    k = cat.loc[kid]
    assert (k["n_mentions"], k["n_documents"], k["pcode"], k["first_seen"], k["last_seen"]) == \
        (3, 2, "MMR001", date(2017, 12, 6), date(2018, 2, 7))
    assert "Kachin State" in k["aliases"]
    b = cat.loc[BRA]
    assert (b["name"], b["acronym"], b["label"]) == ("Blue River Alliance", "BRA", "ORG")
    assert len(cat) == 2  # dates are not catalogued
    assert conform("entity_catalog", cat.reset_index()).schema.names == ENTITY_CATALOG.schema.names


@pytest.mark.parametrize("town,wrong", [("Tahoura", "PERSON"), ("Tahoura", "ORG")])
def test_catalog_town_read_as_person_or_org_joins_the_place(town, wrong):
    place = entity_key("PLACE", town)
    ents = rows(("a", town, "PLACE", place, town, "gazetteer"),
                ("b", town, wrong, entity_key(wrong, town), town, "model"))
    out = unify_entities(ents)
    assert list(out["label"]) == ["PLACE", "PLACE"] and list(out["entity_id"]) == [place, place]


@pytest.mark.parametrize("junk", ["Save the Children), Abdullahi", "Helpwell (Lakeport"])
def test_catalog_bracket_cut_names_are_no_entities(junk):
    ents = rows(("a", junk, "ORG", entity_key("ORG", junk), junk, "model"))
    out = unify(ents)
    assert out.to_pandas()["entity_id"].isna().all()
    assert catalog(out, documents(["a"], [None]), {}).empty
