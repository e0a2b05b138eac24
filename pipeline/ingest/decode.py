"""Bytes of a text file -> str, with the encoding named; binary data refused.

A BOM decides first (UTF-8/16/32); then strict UTF-8, which almost never accepts text in another encoding;
then UTF-8 with a few damaged bytes (each read in the archive's legacy code page, e.g. a cp1252 quote pasted
into UTF-8 text); then charset-normalizer guesses (cp1252, cp1250, Shift-JIS, ...) from a bounded sample.
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
# The Windows ("ANSI") code page each language was saved in before UTF-8: the legacy encoding to expect in
# an archive whose `languages` setting names it.
LEGACY_CODE_PAGE = {
    **dict.fromkeys(("en", "fr", "es", "de", "pt", "it", "nl", "da", "sv", "no", "nb", "nn", "fi", "is", "ga", "ca",
                     "eu", "gl", "id", "ms", "sw", "af"), "cp1252"),
    **dict.fromkeys(("pl", "cs", "sk", "hu", "sl", "hr", "bs", "ro", "sq"), "cp1250"),
    **dict.fromkeys(("ru", "uk", "be", "bg", "sr", "mk"), "cp1251"),
    "el": "cp1253", "tr": "cp1254", "az": "cp1254", "he": "cp1255", "ar": "cp1256", "fa": "cp1256", "ur": "cp1256",
    "lt": "cp1257", "lv": "cp1257", "et": "cp1257", "vi": "cp1258", "th": "cp874",
}
# charset-normalizer scores this close to the best are a tie (equal but for rounding): the bytes cannot settle it.
_TIE = 0.005
_ESCAPED = re.compile("[\udc80-\udcff]")


def decode(data: bytes, settings: Settings) -> tuple[str, str]:
    """(text, encoding name); StageError binary_text for data that is not text, too_large for huge text."""
    text, encoding = _decode(data, legacy_code_pages(settings.languages))
    if len(text) > settings.max_text_chars:
        raise StageError("too_large", f"the text has {len(text):,} characters, above max_text_chars "
                         f"({settings.max_text_chars:,}); split the file or raise the limit")
    sample = text[:_SAMPLE_BYTES]
    bad = len(_BAD_CHARS.findall(sample))
    if bad > max(8, len(sample) * MAX_BAD_RATIO):
        raise StageError("binary_text", f"the file holds binary data, not text ({bad:,} control or undecodable "
                         f"characters in the first {len(sample):,}); check it is the right file")
    return text, encoding


def legacy_code_pages(languages: tuple[str, ...]) -> tuple[str, ...]:
    """The archive's legacy code pages, most likely first; cp1252 (the most common one) when none is known."""
    pages = dict.fromkeys(LEGACY_CODE_PAGE[lang] for lang in languages if lang in LEGACY_CODE_PAGE)
    return tuple(pages) or ("cp1252",)


def _decode(data: bytes, legacy: tuple[str, ...]) -> tuple[str, str]:
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
    if _mostly_utf8(sample):
        return _utf8_with_legacy_bytes(data, legacy[0]), "utf-8"
    encoding = _guess_legacy(sample, legacy)
    if encoding is not None:
        return data.decode(encoding, errors="replace"), _canonical(encoding)
    text = data.decode("utf-8", errors="replace")
    if text.count("\ufffd") <= max(1, len(text) // 100):
        return text, "utf-8"  # UTF-8 with a few damaged bytes: keep it, damaged bytes shown as U+FFFD
    raise StageError("binary_text", "the file's bytes are not text in any known encoding; check it is the right file")


def _mostly_utf8(sample: bytes) -> bool:
    """UTF-8 with a few bad bytes: valid multi-byte characters, and no more bad bytes than those (or than 4).

    Legacy single-byte text almost never forms a valid UTF-8 sequence, so it has none of the first kind.
    """
    text = sample.decode("utf-8", errors="surrogateescape")
    bad = len(_ESCAPED.findall(text))
    good = len(text) - len(text.encode("ascii", errors="ignore")) - bad
    return good > 0 and bad <= max(good, 4)


def _utf8_with_legacy_bytes(data: bytes, code_page: str) -> str:
    """UTF-8, with each byte that is not part of a valid sequence read in the legacy code page instead."""
    text = data.decode("utf-8", errors="surrogateescape")
    return _ESCAPED.sub(lambda m: bytes([ord(m.group()) - 0xDC00]).decode(code_page, errors="replace"), text)


def _guess_legacy(sample: bytes, legacy: tuple[str, ...]) -> str | None:
    """charset-normalizer's best guess; on a tie, the archive's own legacy code page.

    Single-byte code pages often decode a sample equally well (cp1250 and cp1252 differ in a few letters, and
    charset-normalizer then ranks cp1250 first, reading Spanish "niñas" as "nińas"): the bytes cannot settle
    it, so the languages the archive is written in do.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(sample)
    best = matches.best()
    if best is None:
        return None
    tied = {name for m in matches if m.chaos <= best.chaos + _TIE and m.coherence >= best.coherence - _TIE
            for name in m.could_be_from_charset}
    for code_page in legacy:
        if code_page in tied or _decodes_as(sample, code_page) == str(best):
            return code_page
    return best.encoding


def _decodes_as(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


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
