"""The committed sample archive in data/raw/: up to date with its script, readable, and varied enough to exercise
every stage (tables with column roles, headed sections, a meeting series, other languages, varied dates)."""
from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from pathlib import Path

import py3langid as langid
import pytest
from docx import Document as open_docx

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.model import Document, Source
from scripts.make_sample_archive import RAW, build_archive, stale_files

FILES = sorted(p for p in RAW.rglob("*") if p.is_file() and p.name != ".gitkeep")
DOCX = [p for p in FILES if p.suffix == ".docx"]


def _rel(path: Path) -> str:
    return path.relative_to(RAW).as_posix()


def _members(data: bytes) -> object:
    """A .docx compared by its members' contents, so another zlib build's deflate bytes do not count as a change."""
    if not data.startswith(b"PK"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return [(info.filename, info.date_time, archive.read(info)) for info in archive.infolist()]


@pytest.fixture(scope="module")
def documents() -> dict[str, Document]:
    return {_rel(p): ingest(Source(source_path=_rel(p), data=p.read_bytes(), doc_id=_rel(p)), settings=Settings())
            for p in FILES}


def _header_rows() -> list[tuple[str, ...]]:
    return [tuple(c.text.strip() for c in table.rows[0].cells) for p in DOCX for table in open_docx(p).tables]


@pytest.mark.parametrize("runs", [2])
def test_sample_archive_regenerates_identically(runs: int) -> None:
    builds = [build_archive() for _ in range(runs)]
    assert all(build.keys() == builds[0].keys() for build in builds)
    for path, data in builds[0].items():
        assert all(_members(build[path]) == _members(data) for build in builds[1:]), f"{path} is not stable"
        assert _members((RAW / path).read_bytes()) == _members(data), f"{path} is stale: run the script"
    on_disk_only = set(stale_files(builds[0])) - builds[0].keys()
    assert not on_disk_only, f"files in data/raw/ the script does not build: {sorted(on_disk_only)}"


@pytest.mark.parametrize("suffix,minimum", [(".docx", 3), (".pdf", 1), (".txt", 1), (".md", 1), (".html", 1)])
def test_sample_archive_has_each_format(suffix: str, minimum: int) -> None:
    assert sum(p.suffix == suffix for p in FILES) >= minimum


@pytest.mark.parametrize("min_files,min_bodies,max_bytes", [(10, 6, 1_000_000)])
def test_sample_archive_size_and_spread(min_files: int, min_bodies: int, max_bytes: int) -> None:
    assert len(FILES) >= min_files
    assert len({p.parent for p in FILES}) >= min_bodies
    assert sum(p.stat().st_size for p in FILES) < max_bytes
    assert all(re.fullmatch(r"\d{4}-\d{2}-\d{2}-[a-z0-9-]+\.[a-z]+", p.name) for p in FILES)


@pytest.mark.parametrize("header", [("No.", "Issues discussed", "Next steps"), ("Action point", "Responsible", "Deadline")])
def test_sample_archive_docx_table_headers(header: tuple[str, ...]) -> None:
    assert header in _header_rows()


@pytest.mark.parametrize("label", [re.compile(r"^[A-Z][A-Za-z ]{1,30}: \S")])
def test_sample_archive_agency_updates_inside_issue_cells(label: re.Pattern) -> None:
    cells = [cell for p in DOCX for table in open_docx(p).tables
             if table.rows[0].cells[1].text.strip() == "Issues discussed"
             for row in table.rows[1:] for cell in row.cells[1:2]]
    agency_paragraphs = [par.text for cell in cells for par in cell.paragraphs if label.match(par.text)]
    assert len(agency_paragraphs) >= 3


@pytest.mark.parametrize("min_attendees", [5])
def test_sample_archive_headed_docx_with_attendance(min_attendees: int) -> None:
    def qualifies(path: Path) -> bool:
        paragraphs = open_docx(path).paragraphs
        styles = {par.style.name for par in paragraphs}
        attendees = [par.text for par in paragraphs if re.fullmatch(r"(Dr\. )?[A-Z][\w' -]+ \([^()]+\)", par.text)]
        texts = [par.text for par in paragraphs]
        return ({"Heading 1", "Heading 2"} <= styles and len(attendees) >= min_attendees
                and any(t.startswith("Apologies") for t in texts) and any(t.startswith("Chair") for t in texts)
                and any(t.startswith("Next meeting") for t in texts))

    assert any(qualifies(p) for p in DOCX)


@pytest.mark.parametrize("min_meetings", [3])
def test_sample_archive_series_shares_a_title(documents: dict[str, Document], min_meetings: int) -> None:
    by_body: dict[str, list[Document]] = defaultdict(list)
    for path, doc in documents.items():
        by_body[path.split("/")[0]].append(doc)
    series = {}
    for body, docs in by_body.items():
        shared = set.intersection(*({line.strip() for line in d.text.splitlines()} for d in docs))
        titles = [line for line in shared if re.search(r"\bmeeting\b", line, re.I)]
        months = {d.source_path.split("/")[1][:7] for d in docs}
        if len(docs) >= min_meetings and titles and len(months) == len(docs):
            series[body] = titles
    assert series, "no body has >= 3 monthly meetings sharing one title line"


@pytest.mark.parametrize("status", [r"\bDone\b", r"carried over"])
def test_sample_archive_series_follows_action_points(documents: dict[str, Document], status: str) -> None:
    """An action point of one meeting reappears in a later meeting of the same body, its status in the same row."""
    followed = 0
    for path in DOCX:
        later = [d.text for p, d in documents.items()
                 if p.split("/")[0] == path.parent.name and p.split("/")[1] > path.name]
        for table in open_docx(path).tables:
            if [c.text for c in table.rows[0].cells[:3]] != ["Action point", "Responsible", "Deadline"]:
                continue
            for row in table.rows[1:]:
                action = row.cells[0].text.replace(" (carried over)", "")
                hits = [t for t in later if action in t]
                followed += any(re.search(re.escape(action) + r"[^\n]*(?:\n[^\n]*){0,3}?" + status, t) for t in hits)
    assert followed >= 2


@pytest.mark.parametrize("pattern", [
    r"\b\d{1,2}(st|nd|rd|th) [A-Z][a-z]+ \d{4}\b",   # 8th November 2023
    r"\b\d{2}/\d{2}/\d{4}\b",                        # 12/03/2024
    r"\b[A-Z][a-z]+ \d{1,2}, \d{4}\b",               # March 5, 2024
    r"\b\d{4}-\d{2}-\d{2}\b",                        # 2024-04-09
    r"\b\d{1,2} [A-Z][a-z]+ \d{4}\b",                # 21 May 2024
    r"\bNext meeting:",
    r"\bAOB\b",
    r"\b[A-Z][a-z]+ [A-Z][a-z]+ [A-Z][a-z]+ \([A-Z]{2,6}\)",  # Norwegian Refugee Council (NRC)
    r"(?m)^\t",                                       # a tab-indented table-cell dump
])
def test_sample_archive_realistic_features(documents: dict[str, Document], pattern: str) -> None:
    raw_texts = [p.read_bytes().decode("utf-8", errors="replace") for p in FILES if p.suffix in (".txt", ".md")]
    assert any(re.search(pattern, t) for t in [*(d.text for d in documents.values()), *raw_texts])


@pytest.mark.parametrize("language", ["en", "fr", "es"])
def test_sample_archive_languages(documents: dict[str, Document], language: str) -> None:
    assert any(langid.classify(d.text)[0] == language for d in documents.values())


@pytest.mark.parametrize("min_blocks", [15])
def test_sample_archive_every_file_ingests(documents: dict[str, Document], min_blocks: int) -> None:
    assert set(documents) == {_rel(p) for p in FILES}
    for path, doc in documents.items():
        assert len(doc.blocks) >= min_blocks, path
        assert all(doc.text[b.start_char:b.end_char] == b.text for b in doc.blocks), path


@pytest.mark.parametrize("word", ["niñas"])
def test_sample_archive_cp1252_file_reads_back(documents: dict[str, Document], word: str) -> None:
    (path,) = [p for p in FILES if p.read_bytes().find(word.encode("cp1252")) >= 0]
    assert word in documents[_rel(path)].text
