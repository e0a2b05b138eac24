"""Checks that run before any parser sees a file: size, zip bombs and XML entity declarations.

A .docx is a zip of XML parts. A few KB can inflate to gigabytes, and an XML DOCTYPE can declare entities that
expand exponentially ("billion laughs") or pull in a local file (XXE). Both are refused here, before
python-docx parses anything; no legitimate Word document declares a DOCTYPE.
"""
from __future__ import annotations

import io
import lzma
import re
import zipfile
import zlib

from pipeline.config import Settings
from pipeline.model import StageError

MAX_MEMBERS = 5_000
# Deflate tops out near 1030:1; real Office XML compresses 5-30:1. A big member far above that is a bomb.
MAX_RATIO = 250
RATIO_MIN_BYTES = 16 * 1024 * 1024
# An XML part is parsed into a tree of roughly 10x its size in memory (measured: 70 MB of document.xml peaks
# near 1 GB); 32 MB is a 4,000-page document, far beyond any minutes, and keeps a worker well under 1.5 GB.
MAX_XML_PART_BYTES = 32 * 1024 * 1024
_CHUNK = 1 << 20
_SNIFF = 4096
_XML_START = re.compile(rb"^(?:\xef\xbb\xbf|\xff\xfe|\xfe\xff)?(?:\s|\x00)*(?:<|\x00<)")
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DECL = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_DECL16 = [re.compile(pat.encode(enc), re.IGNORECASE) for enc in ("utf-16-le", "utf-16-be")
           for pat in ("<!DOCTYPE", "<!ENTITY")]


def check_size(data: bytes, settings: Settings) -> None:
    if not data:
        raise StageError("empty_file", "the file is empty (0 bytes); re-export or remove it")
    if len(data) > settings.max_file_bytes:
        raise StageError("too_large", f"the file is {len(data):,} bytes, above max_file_bytes "
                         f"({settings.max_file_bytes:,}); split it or raise the limit")


def open_zip(data: bytes, what: str = "docx") -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError, NotImplementedError) as exc:
        raise StageError(f"corrupt_{what}", f"the .{what} file is damaged or truncated ({exc}); "
                         "open and re-save it in Word or LibreOffice") from None


def check_zip(archive: zipfile.ZipFile, settings: Settings, what: str = "docx") -> None:
    """Refuse zip bombs and XML parts with DOCTYPE/ENTITY declarations; reads every XML part once, bounded."""
    limit = settings.max_decompressed_bytes
    members = archive.infolist()
    if any(not info.filename for info in members):  # a damaged name field (a NUL byte first) leaves it empty
        raise StageError(f"corrupt_{what}", f"the .{what} file is damaged (a part of the package has no name); "
                         "open and re-save it in Word or LibreOffice")
    if len(members) > MAX_MEMBERS:
        raise StageError("zip_bomb", f"the .{what} holds {len(members):,} parts (a normal one has a few dozen); "
                         "refused as a possible zip bomb")
    total = 0
    for info in members:
        total += info.file_size
        ratio = info.file_size / max(info.compress_size, 1)
        if info.file_size > limit or total > limit or (info.file_size > RATIO_MIN_BYTES and ratio > MAX_RATIO):
            raise StageError("zip_bomb", f"the .{what} would inflate to more than {limit:,} bytes "
                             f"('{info.filename[:80]}' alone is {info.file_size:,} bytes, ratio {ratio:.0f}:1); "
                             "refused as a possible zip bomb (raise max_decompressed_bytes if it is genuine)")
    for info in members:
        if not info.is_dir():
            _check_member(archive, info, min(limit, MAX_XML_PART_BYTES), what)


def _looks_like_xml(head: bytes) -> bool:
    """Starts with "<" after an optional BOM and white space (UTF-8 or UTF-16): what an XML parser would take."""
    return bool(_XML_START.match(head))


def _check_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, xml_limit: int, what: str) -> None:
    """XML parts are bounded in size, found by content too: a package can name its main part anything.

    Only parts named as XML are scanned for declarations: others that hold XML are SVG images (which may
    carry a harmless DOCTYPE) or renamed parts, which python-docx parses without resolving entities.
    """
    tail = b""
    try:
        with archive.open(info) as fh:
            head = fh.read(_SNIFF)
            named_xml = info.filename.lower().endswith(_XML_SUFFIXES)
            if not (named_xml or _looks_like_xml(head)):
                return
            if info.file_size > xml_limit:
                raise StageError("too_large", f"the .{what} part '{info.filename[:80]}' is {info.file_size:,} bytes of "
                                 f"XML (more than {xml_limit:,}); split the document")
            chunk = head if named_xml else b""
            while chunk:
                window = tail + chunk
                if _DECL.search(window) or (b"\x00" in window and any(p.search(window) for p in _DECL16)):
                    raise StageError("xml_entities", f"the .{what} part '{info.filename[:80]}' declares a DOCTYPE or "
                                     "entities, which Word never writes; refused because it could expand without "
                                     "bound or read local files. Re-save the file in Word.")
                tail = window[-32:]
                chunk = fh.read(_CHUNK)
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, NotImplementedError, RuntimeError,
            zlib.error, lzma.LZMAError) as exc:
        raise StageError(f"corrupt_{what}", f"the .{what} part '{info.filename[:80]}' cannot be read ({exc}); "
                         "the file is damaged or truncated: re-save it in Word or LibreOffice") from None
