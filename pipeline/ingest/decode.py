"""Bytes of a text file -> str, with the encoding named; binary data refused.

A BOM decides first (UTF-8/16/32); then strict UTF-8, which almost never accepts text in another encoding;
then charset-normalizer guesses (cp1252, latin-1, Shift-JIS, ...) from a bounded sample.
"""
from __future__ import annotations

import codecs
import re

from pipeline.config import Settings
from pipeline.model import StageError

_BOMS = [(codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")]
_SAMPLE_BYTES = 1 << 20
_BAD_CHARS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f\ufffd]")
MAX_BAD_RATIO = 0.02


def decode(data: bytes, settings: Settings) -> tuple[str, str]:
    """(text, encoding name); StageError binary_text for data that is not text, too_large for huge text."""
    text, encoding = _decode(data)
    if len(text) > settings.max_text_chars:
        raise StageError("too_large", f"the text has {len(text):,} characters, above max_text_chars "
                         f"({settings.max_text_chars:,}); split the file or raise the limit")
    sample = text[:_SAMPLE_BYTES]
    bad = len(_BAD_CHARS.findall(sample))
    if bad > max(8, len(sample) * MAX_BAD_RATIO):
        raise StageError("binary_text", f"the file holds binary data, not text ({bad:,} control or undecodable "
                         f"characters in the first {len(sample):,}); check it is the right file")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding, errors="replace"), encoding
    sample = data[:_SAMPLE_BYTES]
    nuls = sample.count(0)
    if nuls:
        guessed = _utf16_without_bom(data)
        if guessed is not None:
            return data.decode(guessed, errors="replace"), guessed
        if nuls > max(4, len(sample) // 1000):
            raise StageError("binary_text", "the file holds binary data (NUL bytes), not text; check it is the "
                             "right file or give it the right extension")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    if best is not None:
        # Single-byte code pages that decode these bytes identically: name the one Western offices use.
        encoding = "cp1252" if "cp1252" in best.could_be_from_charset else best.encoding
        return data.decode(encoding, errors="replace"), _canonical(encoding)
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(1, len(text) // 100):
        return text, "utf-8"  # UTF-8 with a few damaged bytes: keep it, damaged bytes shown as U+FFFD
    raise StageError("binary_text", "the file's bytes are not text in any known encoding; check it is the right file")


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a BOM shows NULs in every other byte (for Latin text); anything else is binary."""
    sample = data[:4096]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / len(sample[0::2])
    odd = sample[1::2].count(0) / len(sample[1::2])
    if odd > 0.3 and even < 0.05:
        return "utf-16-le"
    if even > 0.3 and odd < 0.05:
        return "utf-16-be"
    return None


def _canonical(encoding: str) -> str:
    name = codecs.lookup(encoding).name
    return {"cp1252": "cp1252", "windows-1252": "cp1252"}.get(name, name)
