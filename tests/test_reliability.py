"""Run level: an archive of good and hostile files through the real CLI; time and memory bounds; two runs at once.

Ingest-level hostile bytes are in test_ingest_safety.py and test_ingest_fuzz.py, random blocks through segment in
test_segment_fuzz.py. This suite checks what a user sees after a whole run: exit code 3, one clear errors row per
bad file, every good file's rows intact, no byte of a local file outside the archive in any table, and the run's
peak memory.
"""
from __future__ import annotations

import io
import json
import os
import random
import shutil
import subprocess
import sys
import zipfile
import zlib
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from pipeline.cli import app
from pipeline.config import Settings
from pipeline.executors import memory_cap_bytes
from pipeline.runner import Runner
from pipeline.schema import TABLES
from tests.builders import minutes_docx

pytestmark = pytest.mark.slow
MINUTES = str(Path(sys.executable).with_name("minutes"))
SECRET = "TOPSECRET-7f3a9c-hunter2-zq81"  # every part is searched for in every output
ODD_NAME = "2019/Minutes [draft] – réunion (final) - v2 ñ.docx"
# Issue 6's list, plus a few more ways to point outside the archive or block a run.
BAD_FILES = ["bad/truncated.docx", "bad/corrupt.docx", "bad/zip-bomb.docx", "bad/xxe.docx", "bad/billion-laughs.docx",
             "bad/password.pdf", "bad/scanned.pdf", "bad/pdf-bomb.pdf", "bad/not-a-pdf.pdf", "bad/empty.txt",
             "bad/binary.txt", "bad/one-line-20mb.txt", "bad/loop-a.txt", "bad/loop-b.txt",
             "bad/credentials.txt", "bad/pipe.txt"]


# ---------------------------------------------------------------- builders: every file made here, in code
def docx_bytes(title: str, lines: list[str], rows: list[tuple[str, str, str]] = ()) -> bytes:
    return minutes_docx(title, lines, rows, header=("Action", "Responsible", "Deadline"))


def with_part(data: bytes, name: str, body: bytes | None = None, *, stream=None) -> bytes:
    """The package with one part replaced by `body`, or written chunk by chunk from `stream` (a zip bomb)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info.filename, src.read(info))
            elif stream is None:
                dst.writestr(info.filename, body)
            else:
                member = zipfile.ZipInfo(info.filename)
                member.compress_type = zipfile.ZIP_DEFLATED
                with dst.open(member, "w", force_zip64=True) as fh:
                    for chunk in stream:
                        fh.write(chunk)
    return out.getvalue()


def document_xml(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return z.read("word/document.xml").decode("utf-8")


def with_doctype(data: bytes, doctype: str, text_entity: str) -> bytes:
    """document.xml behind a DOCTYPE, with an entity reference where the first paragraph's text was."""
    body = document_xml(data).split("?>", 1)[1].replace("PLACEHOLDER", f"&{text_entity};")
    return with_part(data, "word/document.xml", f'<?xml version="1.0" standalone="no"?>{doctype}{body}'.encode())


def zip_bomb(mb: int = 400) -> bytes:
    """A valid docx whose document.xml inflates to `mb` MB of paragraphs: a few hundred KB on disk."""
    head, tail = document_xml(docx_bytes("Bomb", ["x"])).split("</w:body>")
    para = b"<w:p><w:r><w:t>lol</w:t></w:r></w:p>" * 28_000  # ~1 MB

    def chunks():
        yield head.encode()
        for _ in range(mb):
            yield para
        yield b"</w:body>" + tail.encode()
    return with_part(docx_bytes("Bomb", ["x"]), "word/document.xml", stream=chunks())


def pdf_bytes(lines: list[str], *, text: bool = True) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=11)
    for line in lines:
        if text:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        else:  # a "scan": shapes where the lines would be, no text layer
            pdf.rect(pdf.l_margin, pdf.get_y(), 120, 4, style="F")
            pdf.ln(8)
    return bytes(pdf.output())


def encrypted(pdf: bytes, password: str = "s3cret") -> bytes:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.encrypt(user_password=password, owner_password=password, algorithm="AES-128")
    buf = io.BytesIO()
    writer.write(buf)
    return buf.getvalue()


def pdf_bomb(mb: int = 1000) -> bytes:
    """A valid one-page PDF whose content stream inflates to `mb` MB of spaces: about 1 MB on disk."""
    z = zlib.compressobj(9)
    parts = [z.compress(b"BT /F1 12 Tf 72 712 Td (Minutes of the meeting) Tj ET\n")]
    parts += [z.compress(b" " * 2**20) for _ in range(mb)]
    stream = b"".join(parts) + z.flush()
    objects = [b"<</Type/Catalog/Pages 2 0 R>>", b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
               b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
               b"<</Length %d/Filter/FlateDecode>>stream\n" % len(stream) + stream + b"\nendstream",
               b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>"]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF" % (len(objects) + 1, xref)
    return bytes(out)


def xxe_in_renamed_part(secret: Path) -> bytes:
    """The main document moved to word/main.dat (a name no .xml check looks at), with an external entity."""
    base = docx_bytes("Minutes", ["UNICEF met WHO in Juba on 3 May 2024. PLACEHOLDER"])
    body = document_xml(base).split("?>", 1)[1].replace("PLACEHOLDER", "&xxe;")
    hostile = f'<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>{body}'
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            data = hostile.encode() if info.filename == "word/document.xml" else src.read(info)
            if info.filename in ("[Content_Types].xml", "_rels/.rels"):
                data = data.replace(b"word/document.xml", b"word/main.dat")
            dst.writestr("word/main.dat" if info.filename == "word/document.xml" else info.filename, data)
    return out.getvalue()


def rtf_including(secret: Path) -> bytes:
    """RTF whose INCLUDETEXT fields name the secret file: LibreOffice must keep the stored result."""
    fields = "".join(f'{{\\field{{\\*\\fldinst INCLUDETEXT "{target}"}}{{\\fldrslt stored result}}}}\\par '
                     for target in (secret, secret.as_uri()))
    return ("{\\rtf1\\ansi{\\fonttbl{\\f0 Arial;}}\\f0 Logistics Cluster meeting, Aden, 4 June 2024\\par "
            "WFP will preposition fuel in Aden.\\par " + fields + "}").encode()


def odt_linked_section(secret: Path) -> bytes:
    """OpenDocument text with a section linked to the secret file: the link must not be refreshed."""
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" xmlns:xlink="http://www.w3.org/1999/xlink"')
    content = (f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {ns} office:version="1.2"><office:body>'
               '<office:text><text:p>Nutrition Cluster meeting, Hodeidah, 5 June 2024</text:p>'
               '<text:p>UNICEF will screen children in Hodeidah.</text:p><text:section text:name="S1">'
               f'<text:section-source xlink:href="{secret.as_uri()}" xlink:type="simple" text:filter-name="Text"/>'
               '<text:p>stored copy</text:p></text:section></office:text></office:body></office:document-content>')
    manifest = ('<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                'opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" '
                'manifest:media-type="application/vnd.oasis.opendocument.text"/><manifest:file-entry '
                'manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>')
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        z.writestr("content.xml", content)
        z.writestr("META-INF/manifest.xml", manifest)
    return out.getvalue()


def small_minutes(i: int) -> bytes:
    return (f"Food Security Sector meeting {i}, Cox's Bazar, {i + 1} May 2024\n\nPresent: WFP, FAO, BRAC\n\n"
            f"1. Distributions\nWFP will distribute {100 + i} tonnes of rice in camp {i} by 30 May.\n").encode()


GOOD_DOCX = docx_bytes("WASH Sector Coordination Meeting", [
    "Date: 12 March 2024", "Venue: UNICEF office, Maiduguri", "Participants: UNICEF, Oxfam, IOM, World Vision",
    "1. Water trucking", "Oxfam reported 120 trucks delivered to Bama and Dikwa.",
    "2. Latrines", "IOM will map latrine coverage in Monguno by 30 March 2024."],
    [("Share the borehole assessment", "UNICEF", "31 March 2024")])
CP1252_TEXT = ("Réunion du groupe de coordination – Protection\r\nDate : 14 février 2024, Genève\r\n\r\n"
               "Participants : HCR, OIM, Médecins Sans Frontières\r\n\r\n1. Budget : 25 000 € alloués à l’abri « Espoir ».\r\n"
               "Le HCR partagera le rapport d’ici le 1er mars.\r\n")
INVALID_UTF8 = ("Health Cluster meeting, Juba, 5 March 2024\n\nPresent: WHO, UNFPA, Médecins du Monde\n\n"
                "1. Cholera response\nWHO will deliver 2,000 rapid tests to Malakal by 15 March.\n").encode() \
    .replace(b"rapid", b"ra\xffpid").replace(b"Cholera", b"Chol\xc3era")
# Read through LibreOffice: without it they are a clear converter_missing row instead.
CONVERTED = {"include-field.rtf": "WFP will preposition fuel", "linked-section.odt": "UNICEF will screen children"}


def make_archive(root: Path) -> tuple[Path, dict[str, str], dict[str, tuple[str, ...]]]:
    """(raw, good files -> a phrase their text must hold, bad files -> the error_type(s) each may get)."""
    raw = root / "raw"
    (raw / "2019").mkdir(parents=True)
    (raw / "bad").mkdir()
    secret = root / "private" / "credentials.txt"
    secret.parent.mkdir()
    secret.write_text(SECRET + "\n", encoding="utf-8")

    good = {
        "wash-2024-03-12.docx": (GOOD_DOCX, "Oxfam reported 120 trucks"),
        "health-notes.txt": (b"Health Cluster meeting, Wau, 2 May 2024\n\nPresent: WHO, UNFPA, MSF\n\n"
                             b"1. Measles\nMSF will vaccinate 5,000 children in Wau by 20 May.\n", "MSF will vaccinate"),
        "cash-amman.pdf": (pdf_bytes(["Cash Working Group - Amman", "Date: 9 April 2024",
                                      "UNHCR reviewed the transfer values.", "WFP to circulate the MEB by 30 April."]),
                           "UNHCR reviewed the transfer values"),
        ODD_NAME: (docx_bytes("Shelter Cluster", ["Date: 3 June 2019", "UNHCR will distribute 400 tarpaulins in Aden."]),
                   "400 tarpaulins"),
        "protection-cp1252.txt": (CP1252_TEXT.encode("cp1252"), "25 000 € alloués à l’abri"),
        "health-invalid-utf8.txt": (INVALID_UTF8, "WHO will deliver 2,000"),
        # Hostile but harmless: ways to point at a local file that are not DOCTYPEs in a .xml part. They must be
        # read like any other file, and the secret must not come with them.
        "xinclude.docx": (with_part(GOOD_DOCX, "word/document.xml", document_xml(GOOD_DOCX).replace(
            "<w:body>", f'<w:body><xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="{secret.as_uri()}" '
                        'parse="text"/>', 1).encode()), "Oxfam reported 120 trucks"),
        "xxe-renamed-part.docx": (xxe_in_renamed_part(secret), "UNICEF met WHO in Juba"),
        "include-field.rtf": (rtf_including(secret), CONVERTED["include-field.rtf"]),
        "linked-section.odt": (odt_linked_section(secret), CONVERTED["linked-section.odt"]),
    }
    placeholder = docx_bytes("Minutes", ["PLACEHOLDER"])
    laughs = '<!ENTITY l0 "lol">' + "".join(f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 10))
    docx_full = docx_bytes("Minutes", ["A complete paragraph that will be cut off."] * 40)
    bad = {
        "bad/truncated.docx": (docx_full[: len(docx_full) * 2 // 3], "corrupt_docx"),
        "bad/corrupt.docx": (docx_full[:200] + bytes(range(256)) * 40 + docx_full[-200:], "corrupt_docx"),
        "bad/zip-bomb.docx": (zip_bomb(), "zip_bomb"),
        "bad/xxe.docx": (with_doctype(placeholder, f'<!DOCTYPE w:document [<!ENTITY xxe SYSTEM "{secret.as_uri()}">]>',
                                      "xxe"), "xml_entities"),
        "bad/billion-laughs.docx": (with_doctype(placeholder, f"<!DOCTYPE w:document [{laughs}]>", "l9"),
                                    "xml_entities"),
        "bad/password.pdf": (encrypted(pdf_bytes(["Confidential minutes", "Donor meeting, 1 July 2024"])),
                             "encrypted_pdf"),
        "bad/scanned.pdf": (pdf_bytes(["line"] * 12, text=False), "no_text_layer"),
        "bad/pdf-bomb.pdf": (pdf_bomb(), "too_large"),
        "bad/not-a-pdf.pdf": (b"<html><body>Saved web page, not a PDF</body></html>", "not_a_pdf"),
        "bad/empty.txt": (b"", "empty_file"),
        "bad/binary.txt": (bytes(range(256)) * 64, "binary_text"),
        "bad/one-line-20mb.txt": (b"minutes " * (20 * 1024 * 1024 // 8), "too_large"),
    }
    if shutil.which(Settings().soffice) is None:
        bad |= {rel: (good.pop(rel)[0], "converter_missing") for rel in CONVERTED}
    for rel, (data, _) in {**good, **bad}.items():
        (raw / rel).parent.mkdir(parents=True, exist_ok=True)
        (raw / rel).write_bytes(data)
    os.symlink("loop-b.txt", raw / "bad" / "loop-a.txt")
    os.symlink("loop-a.txt", raw / "bad" / "loop-b.txt")
    os.symlink("..", raw / "2019" / "folder-loop")  # a folder link is not followed: nothing is read twice
    os.symlink(secret, raw / "bad" / "credentials.txt")
    os.mkfifo(raw / "bad" / "pipe.txt")  # reading it would block the run forever
    expected = {rel: error_type for rel, (_, error_type) in bad.items()}
    expected |= {"bad/loop-a.txt": "symlink_loop", "bad/loop-b.txt": "symlink_loop",
                 "bad/credentials.txt": "symlink_outside_archive", "bad/pipe.txt": "unreadable"}
    return raw, {rel: phrase for rel, (_, phrase) in good.items()}, \
        {rel: (t,) if isinstance(t, str) else t for rel, t in expected.items()}


def read_tables(out: Path) -> dict[str, pd.DataFrame]:
    return {name: pd.read_parquet(out / f"{name}.parquet") for name in TABLES if (out / f"{name}.parquet").exists()}


def assert_consistent(out: Path) -> dict[str, pd.DataFrame]:
    """Every document the manifest calls ok is in documents once; every span points into its text."""
    t = read_tables(out)
    docs, manifest = t["documents"], t["manifest"]
    assert docs["doc_id"].is_unique and docs["source_path"].is_unique
    ok = manifest[manifest["status"] == "ok"]
    assert set(ok["extracted_doc_id"]) == set(docs["doc_id"])
    text = dict(zip(docs["doc_id"], docs["text"]))
    for name, table in TABLES.items():
        if table.per_document and name != "documents":
            assert set(t[name]["doc_id"]) <= set(docs["doc_id"]), name
        if table.has_spans:
            for row in t[name].itertuples():
                assert text[row.doc_id][row.start_char:row.end_char] == row.text, (name, row)
    return t


# ---------------------------------------------------------------- one run of the CLI over the hostile archive
@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    raw, good, bad = make_archive(root)
    out = root / "out"
    result = CliRunner().invoke(app, ["extract", str(raw), str(out), "--quiet"])
    return result, out, good, bad


def test_reliability_run_completes_with_exit_code_3(hostile_run):
    result, out, good, bad = hostile_run
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output
    summary = json.loads((out / "last_run.json").read_text())
    assert summary["exit_code"] == 3
    assert (summary["n_processed"], summary["n_failed"]) == (len(good), len(bad))


@pytest.mark.parametrize("rel", BAD_FILES)
def test_reliability_bad_file_gets_one_clear_errors_row(hostile_run, rel):
    _, out, good, bad = hostile_run
    errors = pd.read_parquet(out / "errors.parquet")
    rows = errors[errors["source_path"] == rel]
    assert len(rows) == 1 and rows.iloc[0]["error_type"] in bad[rel], rows.to_dict("records")
    message = rows.iloc[0]["message"]
    assert len(message) > 15 and "Traceback" not in message
    assert rel not in set(pd.read_parquet(out / "documents.parquet")["source_path"])


def test_reliability_every_bad_file_is_covered(hostile_run):
    _, out, _, bad = hostile_run
    assert set(bad) - set(BAD_FILES) <= set(CONVERTED)  # those two only when LibreOffice is missing
    errors = pd.read_parquet(out / "errors.parquet")
    assert set(errors["source_path"]) == set(bad), "a good file has an error, or a bad one none"


@pytest.mark.parametrize("rel", ["wash-2024-03-12.docx", "health-notes.txt", "cash-amman.pdf", ODD_NAME,
                                 "protection-cp1252.txt", "health-invalid-utf8.txt", "xinclude.docx",
                                 "xxe-renamed-part.docx", *CONVERTED])
def test_reliability_good_file_is_extracted_with_its_rows(hostile_run, rel):
    _, out, good, _ = hostile_run
    if rel in CONVERTED and rel not in good:
        pytest.skip("LibreOffice (soffice) is not installed: the file is a converter_missing row instead")
    t = read_tables(out)
    doc = t["documents"].set_index("source_path").loc[rel]
    assert good[rel] in doc["text"]
    for name in ("blocks", "entities"):
        assert (t[name]["doc_id"] == doc["doc_id"]).sum() > 0, name
    manifest = t["manifest"].set_index("source_path").loc[rel]
    assert manifest["status"] == "ok" and manifest["extracted_doc_id"] == doc["doc_id"]


@pytest.mark.parametrize("rel,encoding,words", [
    ("protection-cp1252.txt", "cp1252", ["Réunion", "février", "Genève", "€", "« Espoir »", "d’ici"]),
    # UTF-8 with two damaged bytes: the rest is read as UTF-8, each damaged byte as cp1252.
    ("health-invalid-utf8.txt", "utf-8", ["Médecins du Monde", "Malakal", "CholÃera", "raÿpid"]),
])
def test_reliability_non_utf8_text_is_decoded(hostile_run, rel, encoding, words):
    _, out, _, _ = hostile_run
    doc = pd.read_parquet(out / "documents.parquet").set_index("source_path").loc[rel]
    assert doc["encoding"] == encoding
    for word in words:
        assert word in doc["text"], word


def test_reliability_tables_are_consistent(hostile_run):
    _, out, good, _ = hostile_run
    t = assert_consistent(out)
    assert sorted(t["documents"]["source_path"]) == sorted(good)


def test_reliability_no_local_file_content_in_any_table(hostile_run):
    _, out, _, _ = hostile_run
    files = sorted(out.glob("*.parquet"))
    assert {p.stem for p in files} >= set(TABLES)
    fragments = [part.lower() for part in SECRET.split("-")]
    for path in [*files, *out.glob("*.json")]:
        content = (repr(pq.read_table(path).to_pylist()) if path.suffix == ".parquet" else path.read_text()).lower()
        assert not [f for f in fragments if f in content], path.name


@pytest.mark.parametrize("name", [b"r\xe9union-cp1252-name.txt", b"new\nline.txt"])
def test_reliability_file_name_not_utf8_is_processed(tmp_path, name):
    """Names copied from an old system can hold bytes that are not UTF-8: the file is read like any other."""
    raw, out = tmp_path / "raw", tmp_path / "out"
    raw.mkdir()
    (raw / "a-good.txt").write_bytes(small_minutes(1))
    with open(os.path.join(os.fsencode(raw), name), "wb") as fh:
        fh.write(small_minutes(2))
    result = CliRunner().invoke(app, ["extract", str(raw), str(out), "--quiet"])
    assert result.exit_code == 0, result.output
    shown = name.decode("utf-8", "backslashreplace")
    assert sorted(pd.read_parquet(out / "documents.parquet")["source_path"]) == sorted(["a-good.txt", shown])


# ---------------------------------------------------------------- bounds: per-document time and worker memory
def _run(raw: Path, out: Path, settings: Settings):
    summary = Runner(raw, out, settings).run()
    return summary, read_tables(out)


@pytest.mark.parametrize("timeout_s", [8.0])
def test_reliability_slow_document_times_out_and_others_are_extracted(tmp_path, timeout_s):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i, name in enumerate(["a-first.txt", "c-last.txt"]):
        (raw / name).write_bytes(small_minutes(i))
    paragraph = "UNICEF and WHO will deliver hygiene kits to Juba, Malakal and Wau before the rainy season. "
    (raw / "b-slow.txt").write_text("\n\n".join([paragraph * 3] * 6_000), encoding="utf-8")  # ~1.6 M chars
    summary, t = _run(raw, tmp_path / "out", Settings(doc_timeout_s=timeout_s))
    errors = t["errors"]
    assert list(zip(errors["source_path"], errors["error_type"])) == [("b-slow.txt", "timeout")]
    assert "doc_timeout_s" in errors.iloc[0]["message"]
    assert sorted(t["documents"]["source_path"]) == ["a-first.txt", "c-last.txt"]
    assert summary.exit_code == 3


def _warm_worker_rss_mb() -> int:
    """Resident memory of a pool worker with the model loaded, before any document.

    Started as the runner starts its workers (spawned): a forked one would count the test process's memory.
    """
    from pipeline.executors import worker_pool

    pool = worker_pool(1, Settings(), None)
    try:
        statm = pool.schedule(Path("/proc/self/statm").read_bytes).result(timeout=300)
    finally:
        pool.stop()
        pool.join()
    return int(statm.split()[1]) * os.sysconf("SC_PAGE_SIZE") // 2**20


def heavy_docx(xml_mb: int = 30) -> bytes:
    """A valid docx of 30 MB of run formatting and little text: parsing it takes ~10x that in memory.

    Random colours keep it compressing like real XML (~30:1), so it passes the zip-bomb checks.
    """
    rng = random.Random(7)
    head, tail = document_xml(docx_bytes("Heavy", ["x"])).split("</w:body>")
    para = "<w:p>" + "".join(f'<w:r><w:rPr><w:b/><w:color w:val="{rng.getrandbits(24):06X}"/></w:rPr><w:t>a</w:t></w:r>'
                             for _ in range(100)) + "</w:p>"
    paras = [para.replace('w:val="', f'w:val="{i % 7}', 1) for i in range(7)]
    n = xml_mb * 2**20 // len(para)
    body = "".join(paras[i % 7] if i % 50 else para.replace("a</w:t>", f"{i}</w:t>", 1) for i in range(n))
    return with_part(docx_bytes("Heavy", ["x"]), "word/document.xml", (head + body + "</w:body>" + tail).encode())


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="the memory watchdog reads /proc (Linux)")
def test_reliability_document_over_memory_cap_is_an_out_of_memory_row(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i, name in enumerate(["a-first.txt", "c-last.txt"]):
        (raw / name).write_bytes(small_minutes(i))
    (raw / "b-heavy.docx").write_bytes(heavy_docx())
    cap_mb = _warm_worker_rss_mb() + 150
    settings = Settings(max_worker_memory_mb=cap_mb)
    assert memory_cap_bytes(settings) == cap_mb * 2**20
    summary, t = _run(raw, tmp_path / "out", settings)
    errors = t["errors"]
    assert list(zip(errors["source_path"], errors["error_type"])) == [("b-heavy.docx", "out_of_memory")]
    assert "max_worker_memory_mb" in errors.iloc[0]["message"]
    assert sorted(t["documents"]["source_path"]) == ["a-first.txt", "c-last.txt"]


def test_reliability_heavy_document_is_extracted_under_the_default_cap(tmp_path):
    """The control for the test above: the same file is fine under the default memory cap."""
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "b-heavy.docx").write_bytes(heavy_docx())
    summary, t = _run(raw, tmp_path / "out", Settings())
    assert summary.exit_code == 0, t["errors"].to_dict("records")
    assert list(t["documents"]["source_path"]) == ["b-heavy.docx"]


# A fresh, small interpreter: a pool worker that hogs memory and a child that is not a pool worker, both over the cap.
WATCH_SCRIPT = """
import subprocess, sys, time
from pebble import ProcessExpired, ProcessPool
from pipeline.executors import MemoryWatch, worker_pids

def hog(mb):
    data = b"x" * (mb * 2**20)
    time.sleep(60)

cap = 120 * 2**20
bystander = subprocess.Popen([sys.executable, "-c", "import time; data = b'x' * (200 * 2**20); time.sleep(60)"])
pool = ProcessPool(max_workers=1)
watch = MemoryWatch(pool, cap)
future = pool.schedule(hog, args=(300,))
try:
    future.result(timeout=60)
    print("not-killed")
except ProcessExpired as exc:
    print("killed", exc.pid in watch.killed, watch.killed.get(exc.pid, 0) > cap)
print("bystander-alive", bystander.poll() is None, bystander.pid not in worker_pids(pool))
watch.stop(); pool.stop(); pool.join(); bystander.kill()
"""


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="the memory watchdog reads /proc (Linux)")
def test_reliability_memory_watch_kills_only_the_pool_worker_over_the_cap():
    result = subprocess.run([sys.executable, "-c", WATCH_SCRIPT], capture_output=True, text=True, timeout=120)
    assert result.stdout.split() == ["killed", "True", "True", "bystander-alive", "True", "True"], result.stderr


def test_reliability_worker_pids_are_the_pool_workers():
    """The watchdog reads pebble's worker table: this fails, rather than the watchdog going quiet, if pebble changes."""
    from pebble import ProcessPool

    from pipeline.executors import worker_pids

    pool = ProcessPool(max_workers=2)
    try:
        seen = {pool.schedule(os.getpid).result(timeout=60) for _ in range(8)}
        pids = worker_pids(pool)
        assert len(pids) == 2 and seen <= set(pids)
        for pid in pids:  # children of this process, so their pids cannot be reused before they are reaped
            assert int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[1]) == os.getpid()
    finally:
        pool.stop()
        pool.join()


def _tree_rss(pid: int) -> tuple[int, int]:
    """(RSS of `pid` alone, RSS summed over it and all its descendants): shared pages count in each, an upper bound."""
    def rss(p: int) -> int:
        try:
            return int(Path(f"/proc/{p}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError):
            return 0

    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        total += rss(p)
        for children in Path(f"/proc/{p}/task").glob("*/children"):
            try:
                todo += [int(c) for c in children.read_text().split()]
            except OSError:
                pass
    return rss(pid), total


# bytes, for the whole run: the CLI process and its worker together. A worker may hold the English and the
# French spaCy pipelines plus a long document (about 1 GB on the corpus), so its default cap is 1,536 MB.
PEAK_LIMIT = 2.0e9
OVERSHOOT = 100 * 2**20  # what a worker may add between two looks of the watchdog


@pytest.mark.skipif(not Path("/proc/self/statm").exists(), reason="reads memory from /proc (Linux)")
def test_reliability_peak_memory_of_a_hostile_run_stays_under_2_gb(hostile_run, tmp_path):
    """The hostile archive through the CLI as a user runs it, the process tree sampled every 20 ms.

    The worst case is a worker stopped at its cap, so the default cap plus the CLI process's peak must fit too.
    """
    import time

    _, out, _, _ = hostile_run
    proc = subprocess.Popen([MINUTES, "extract", str(out.parent / "raw"), str(tmp_path / "out"), "--quiet"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    parent_peak = total_peak = 0
    while proc.poll() is None:
        parent, total = _tree_rss(proc.pid)
        parent_peak, total_peak = max(parent_peak, parent), max(total_peak, total)
        time.sleep(0.02)
    assert proc.returncode == 3
    assert total_peak < PEAK_LIMIT, f"peak {total_peak / 2**20:,.0f} MB"
    cap = memory_cap_bytes(Settings())
    assert cap is not None and parent_peak + cap + OVERSHOOT < PEAK_LIMIT, \
        f"CLI process {parent_peak / 2**20:,.0f} MB + max_worker_memory_mb {cap / 2**20:,.0f} MB"


# ---------------------------------------------------------------- concurrency: two runs at once on one output
def _start(raw: Path, out: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen([MINUTES, "extract", str(raw), str(out), "--quiet", *extra],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.parametrize("wait", [False, True])
def test_reliability_two_runs_at_once_leave_the_output_consistent(tmp_path, wait):
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(4):
        (raw / f"meeting-{i}.txt").write_bytes(small_minutes(i))
    (raw / "wash.docx").write_bytes(GOOD_DOCX)
    out = tmp_path / "out"
    extra = ("--wait", "600") if wait else ()
    procs = [_start(raw, out, *extra) for _ in range(2)]
    results = [(p.wait(timeout=900), *p.communicate()) for p in procs]
    codes = sorted(code for code, _, _ in results)
    runs = pd.read_parquet(out / "runs.parquet").sort_values("started_at")
    if wait:
        assert codes == [0, 0], results
        assert list(runs["n_processed"]) == [5, 0] and list(runs["n_skipped"]) == [0, 5]
    else:
        assert codes == [0, 2], results
        loser = next(err for code, _, err in results if code == 2)
        assert "another run" in loser and "--wait" in loser and "Traceback" not in loser
        assert list(runs["n_processed"]) == [5]
    t = assert_consistent(out)
    assert len(t["documents"]) == 5
    assert not list(out.glob(".*.tmp-*"))
