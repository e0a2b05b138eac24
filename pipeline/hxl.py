"""HXL-tagged CSVs of entities, actions and meetings (https://hxlstandard.org): a hashtag row under the header.

Places are tagged by what their code says they are: an ISO 3166-1 code is a `#country`, an ISO 3166-2 code or
a MIMU state/region P-code (MMR + 3 digits) an `#adm1`, anything else a `#loc`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from pipeline.api import Archive
from pipeline.export import csv_text, prepare_dir, write_under
from pipeline.tracker import track

ISO_COUNTRY = re.compile(r"^[A-Z]{2}$")
ISO_SUBDIVISION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
MIMU_ADM1 = re.compile(r"^MMR\d{3}$")


@dataclass(frozen=True)
class HxlTable:
    """One HXL file: (header, hashtag) per column and the rows."""

    name: str
    columns: tuple[tuple[str, str], ...]
    rows: pd.DataFrame

    def csv(self) -> str:
        rows = ([_fold(v) for v in row] for row in self.rows.itertuples(index=False, name=None))
        return csv_text([h for h, _ in self.columns], rows, [t for _, t in self.columns])


def _fold(value: object) -> object:
    """Whitespace folded in text cells (a line break inside a cell upsets HXL tools); the tables keep the source."""
    return " ".join(value.split()) if isinstance(value, str) else value


def _date(value: object) -> object:
    return None if pd.isna(value) else pd.Timestamp(value).date()


def _place_level(iso_code: object, pcode: object) -> str:
    iso = iso_code if isinstance(iso_code, str) else ""
    pc = pcode if isinstance(pcode, str) else ""
    if ISO_SUBDIVISION.match(iso) or MIMU_ADM1.match(pc):
        return "adm1"
    if ISO_COUNTRY.match(iso) and not pc:
        return "country"
    return "loc"


ENTITY_COLUMNS = (
    ("Meeting date", "#date +reported"), ("Label", "#meta +type"), ("Mention", "#description +mention"),
    ("Organisation", "#org +name"), ("Acronym", "#org +acronym"), ("IATI id", "#org +code"),
    ("Country code", "#country +code"), ("Admin 1", "#adm1 +name"), ("Admin 1 code", "#adm1 +code"),
    ("Place", "#loc +name"), ("Place code", "#loc +code"), ("Latitude", "#geo +lat"), ("Longitude", "#geo +lon"),
    ("Person", "#contact +name"), ("Date mentioned", "#date +mentioned"), ("Entity id", "#meta +entity"),
    ("Mention id", "#meta +id"), ("Document", "#meta +doc"), ("Source file", "#meta +source"),
)


def entities(archive: Archive) -> HxlTable:
    """One row per mention: organisations, places, persons, dates, times, with their canonical codes."""
    ents = archive.entities.merge(archive.documents[["doc_id", "meeting_date", "source_path"]], on="doc_id",
                                  how="left")
    cat = archive.entity_catalog[["entity_id", "name", "acronym", "iati_id", "iso_code", "pcode", "lat", "lon"]]
    ents = ents.merge(cat, on="entity_id", how="left")
    rows = []
    for e in ents.itertuples(index=False):
        label = str(e.label)
        name = e.name if isinstance(e.name, str) else e.norm
        org = place = None
        level = _place_level(e.iso_code, e.pcode) if label == "PLACE" else None
        if label == "ORG":
            org = (name, e.acronym, e.iati_id)
        if label == "PLACE":
            place = level
        code = e.pcode if isinstance(e.pcode, str) else e.iso_code
        rows.append([
            _date(e.meeting_date), label, e.text,
            *(org if org else (None, None, None)),
            e.iso_code if place == "country" else None,
            name if place == "adm1" else None, code if place == "adm1" else None,
            name if place == "loc" else None, code if place == "loc" else None,
            e.lat if label == "PLACE" else None, e.lon if label == "PLACE" else None,
            name if label == "PERSON" else None,
            _date(e.date_start) if label == "DATE" else None,
            e.entity_id, e.mention_id, e.doc_id, e.source_path,
        ])
    return HxlTable("entities", ENTITY_COLUMNS, pd.DataFrame(rows, columns=[h for h, _ in ENTITY_COLUMNS]))


ACTION_COLUMNS = (
    ("Meeting date", "#date +reported"), ("Meeting", "#event +name"), ("Action", "#activity +description"),
    ("Kind", "#activity +type"), ("Owner as written", "#meta +owner"), ("Organisation", "#org +name"),
    ("Acronym", "#org +acronym"), ("IATI id", "#org +code"), ("Due", "#date +due"), ("Status", "#status"),
    ("Open", "#status +open"), ("Overdue", "#status +overdue"), ("Follow-ups", "#indicator +followups +num"), ("Action id", "#meta +id"),
    ("Document", "#meta +doc"), ("Source file", "#meta +source"),
)


def actions(archive: Archive, *, as_of: dt.date | None = None) -> HxlTable:
    """One row per action with its owner organisation (when it is one), due date and latest status."""
    acts = track(archive, as_of=as_of)
    cat = archive.entity_catalog[["entity_id", "name", "acronym", "iati_id"]].rename(
        columns={"entity_id": "owner_entity_id"})
    acts = acts.merge(cat, on="owner_entity_id", how="left")
    rows = []
    for a in acts.itertuples(index=False):
        is_org = isinstance(a.owner_entity_id, str) and a.owner_entity_id.startswith("org:")
        rows.append([
            _date(a.meeting_date), a.meeting_title, a.text, str(a.kind), a.owner,
            a.name if is_org else None, a.acronym if is_org else None, a.iati_id if is_org else None,
            _date(a.due_date), str(a.status), "yes" if a.open else "no", "yes" if a.overdue else "no", int(a.n_followups),
            a.action_id, a.doc_id, a.source_path,
        ])
    return HxlTable("actions", ACTION_COLUMNS, pd.DataFrame(rows, columns=[h for h, _ in ACTION_COLUMNS]))


# The meeting time is a clock time as written ("4:30 P.M."): libhxl rejects it as a #date value.
MEETING_COLUMNS = (
    ("Meeting date", "#date +reported"), ("Meeting", "#event +name"), ("Time", "#meta +time"),
    ("Location", "#loc +name"), ("Chair", "#contact +name +chair"), ("Next meeting", "#date +next"),
    ("Language", "#meta +lang"), ("Participants", "#indicator +participants +num"),
    ("Organisations mentioned", "#indicator +orgs +num"), ("Actions", "#indicator +actions +num"),
    ("Open actions", "#indicator +actions +open +num"), ("Document", "#meta +id"),
    ("Source file", "#meta +source"),
)


def meetings(archive: Archive, *, as_of: dt.date | None = None) -> HxlTable:
    """One row per meeting: when, where, who chaired, and how many participants, organisations and actions."""
    docs = archive.documents.sort_values(["meeting_date", "doc_id"], na_position="last")
    n_part = archive.participants.groupby("doc_id").size()
    ents = archive.entities
    n_orgs = ents[ents["label"] == "ORG"].groupby("doc_id")["entity_id"].nunique()
    acts = track(archive, as_of=as_of)
    n_acts = acts.groupby("doc_id").size()
    n_open = acts[acts["open"]].groupby("doc_id").size()
    rows = []
    for d in docs.itertuples(index=False):
        nxt = d.next_meeting
        rows.append([
            _date(d.meeting_date), d.title, d.meeting_time, d.location, d.chair,
            None if pd.isna(nxt) else (nxt.date() if nxt == nxt.normalize() else nxt.to_pydatetime()),
            None if pd.isna(d.language) else str(d.language),
            int(n_part.get(d.doc_id, 0)), int(n_orgs.get(d.doc_id, 0)), int(n_acts.get(d.doc_id, 0)),
            int(n_open.get(d.doc_id, 0)), d.doc_id, d.source_path,
        ])
    return HxlTable("meetings", MEETING_COLUMNS, pd.DataFrame(rows, columns=[h for h, _ in MEETING_COLUMNS]))


def export_hxl(archive: Archive, to: Path, *, as_of: dt.date | None = None) -> list[Path]:
    """hxl/entities.csv, hxl/actions.csv and hxl/meetings.csv under `to`; returns the files written."""
    root = prepare_dir(to)
    return [write_under(root, f"hxl/{t.name}.csv", t.csv())
            for t in (entities(archive), actions(archive, as_of=as_of), meetings(archive, as_of=as_of))]
