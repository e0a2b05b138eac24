""".doc/.odt/.rtf through LibreOffice: a clear error without it, real conversions when it is installed (CI)."""
from __future__ import annotations

import io
import shutil
import zipfile

import pytest

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.ingest.assemble import check_blocks
from pipeline.model import Source, StageError

RTF = rb"{\rtf1\ansi\deff0{\fonttbl{\f0 Times New Roman;}}\f0 Minutes of the WASH meeting\par Action: map water points\par}"
ODT_CONTENT = b"""<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">
<office:body><office:text><text:h text:outline-level="1">Education Cluster</text:h>
<text:p>Next meeting on 3 May</text:p></office:text></office:body></office:document-content>"""
ODT_MANIFEST = b"""<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">
<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>
<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"""


def odt_bytes(content: bytes = ODT_CONTENT) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text", compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", ODT_MANIFEST, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


needs_soffice = pytest.mark.skipif(shutil.which(Settings().soffice) is None, reason="LibreOffice (soffice) not installed")


@pytest.mark.parametrize("name,data", [("old.rtf", RTF), ("open.odt", odt_bytes()), ("legacy.doc", RTF)])
def test_ingest_convert_without_libreoffice_is_a_clear_error(name, data):
    with pytest.raises(StageError) as err:
        ingest(Source(source_path=name, data=data, doc_id="c"), settings=Settings(soffice="no-such-soffice-binary"))
    assert err.value.error_type == "converter_missing"
    assert "libreoffice" in err.value.message.lower()


def test_ingest_convert_odt_with_entities_refused_before_conversion():
    hostile = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>' + ODT_CONTENT.split(b"?>", 1)[1]
    with pytest.raises(StageError) as err:
        ingest(Source(source_path="x.odt", data=odt_bytes(hostile), doc_id="c"), settings=Settings())
    assert err.value.error_type == "xml_entities"


@needs_soffice
@pytest.mark.slow
@pytest.mark.parametrize("name,data,expected,fmt", [
    ("old.rtf", RTF, ["Minutes of the WASH meeting", "Action: map water points"], "rtf"),
    ("open.odt", odt_bytes(), ["Education Cluster", "Next meeting on 3 May"], "odt"),
])
def test_ingest_convert_with_libreoffice(name, data, expected, fmt):
    doc = ingest(Source(source_path=name, data=data, doc_id="c"), settings=Settings())
    check_blocks(doc.text, doc.blocks)
    assert doc.format == fmt
    assert [b.text for b in doc.blocks] == expected


@needs_soffice
@pytest.mark.slow
def test_ingest_convert_word97_doc(tmp_path):
    import subprocess

    source = tmp_path / "src.rtf"
    source.write_bytes(RTF)
    subprocess.run([shutil.which("soffice"), f"-env:UserInstallation={(tmp_path / 'p').as_uri()}", "--headless",
                    "--convert-to", "doc", "--outdir", str(tmp_path), str(source)], check=True, timeout=120,
                   capture_output=True)
    data = (tmp_path / "src.doc").read_bytes()
    assert data.startswith(b"\xd0\xcf\x11\xe0")
    doc = ingest(Source(source_path="legacy.doc", data=data, doc_id="c"), settings=Settings())
    assert doc.format == "doc"
    assert [b.text for b in doc.blocks] == ["Minutes of the WASH meeting", "Action: map water points"]
