"""Strict Open XML (.docx saved as "Strict Open XML Document") -> the transitional form python-docx reads.

Strict differs from the usual form mostly in its namespace and relationship-type URIs (purl.oclc.org instead
of schemas.openxmlformats.org); its elements are the same. So the package is rewritten in memory with the
URIs swapped, after limits.check_zip has vetted it: its size is already bounded.
"""
from __future__ import annotations

import io
import zipfile

_STRICT = b"http://purl.oclc.org/ooxml/"
_T = "http://schemas.openxmlformats.org/"
# Longest first: a prefix must not replace the start of a longer URI.
_URIS = sorted({
    "officeDocument/relationships/extendedProperties": f"{_T}officeDocument/2006/relationships/extended-properties",
    "officeDocument/relationships": f"{_T}officeDocument/2006/relationships",
    "officeDocument/extendedProperties": f"{_T}officeDocument/2006/extended-properties",
    "officeDocument/customProperties": f"{_T}officeDocument/2006/custom-properties",
    "officeDocument/docPropsVTypes": f"{_T}officeDocument/2006/docPropsVTypes",
    "officeDocument/math": f"{_T}officeDocument/2006/math",
    "officeDocument/sharedTypes": f"{_T}officeDocument/2006/sharedTypes",
    "officeDocument/customXml": f"{_T}officeDocument/2006/customXml",
    "officeDocument/bibliography": f"{_T}officeDocument/2006/bibliography",
    "wordprocessingml/main": f"{_T}wordprocessingml/2006/main",
    "drawingml/main": f"{_T}drawingml/2006/main",
    "drawingml/wordprocessingDrawing": f"{_T}drawingml/2006/wordprocessingDrawing",
    "drawingml/picture": f"{_T}drawingml/2006/picture",
    "drawingml/chart": f"{_T}drawingml/2006/chart",
    "drawingml/diagram": f"{_T}drawingml/2006/diagram",
    "drawingml/chartDrawing": f"{_T}drawingml/2006/chartDrawing",
    "drawingml/lockedCanvas": f"{_T}drawingml/2006/lockedCanvas",
    "schemaLibrary/main": f"{_T}schemaLibrary/2006/main",
}.items(), key=lambda kv: -len(kv[0]))
_PAIRS = [(_STRICT + k.encode(), v.encode()) for k, v in _URIS]
_XML = (".xml", ".rels")


def is_strict(archive: zipfile.ZipFile) -> bool:
    try:
        return _STRICT + b"officeDocument/relationships/officeDocument" in archive.read("_rels/.rels")
    except KeyError:
        return False


def to_transitional(archive: zipfile.ZipFile, data: bytes) -> bytes:
    """The package's bytes, with Strict URIs mapped to transitional ones; unchanged when it is not Strict."""
    if not is_strict(archive):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in archive.infolist():
            body = archive.read(info)
            if info.filename.lower().endswith(_XML) and _STRICT in body:
                for strict, transitional in _PAIRS:
                    body = body.replace(strict, transitional)
            target.writestr(info.filename, body)
    return out.getvalue()
