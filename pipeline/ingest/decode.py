"""Bytes of a text file -> str, with the encoding named; binary data refused.

A BOM decides first (UTF-8/16/32); then strict UTF-8, which almost never accepts text in another encoding;
then UTF-8 with a few damaged bytes (each read in the archive's legacy code page, e.g. a cp1252 quote pasted
into UTF-8 text); then the legacy code page whose reading is made of real words: charset-normalizer's
candidates and the code pages of the languages we hold word lists for are each read, and the one with the
largest share of letters in words a language's list knows wins (garble.assess, the check PDFs' text layers
get); where no word list applies (CJK, short texts), charset-normalizer's guess stands.
"""
from __future__ import annotations

import codecs
import re

from pipeline.config import Settings
from pipeline.ingest.garble import assess
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
                     "eu", "gl", "id", "ms", "fil", "sw", "af"), "cp1252"),
    **dict.fromkeys(("pl", "cs", "sk", "hu", "sl", "hr", "bs", "sh", "ro", "sq"), "cp1250"),
    **dict.fromkeys(("ru", "uk", "be", "bg", "sr", "mk"), "cp1251"),
    "el": "cp1253", "tr": "cp1254", "az": "cp1254", "he": "cp1255", "ar": "cp1256", "fa": "cp1256", "ur": "cp1256",
    "lt": "cp1257", "lv": "cp1257", "et": "cp1257", "vi": "cp1258", "th": "cp874",
}
# charset-normalizer scores this close to the best are a tie (equal but for rounding): the bytes cannot settle it.
_TIE = 0.005
# The ISO 8859 page written for the same alphabet as a Windows page: some archives hold files saved in it, and
# charset-normalizer does not always propose it (Polish in ISO 8859-2 came back as ISO 8859-10).
_ISO_TWIN = {"cp1250": "iso8859_2", "cp1251": "iso8859_5", "cp1253": "iso8859_7", "cp1254": "iso8859_9",
             "cp1257": "iso8859_13"}
_WORDS_SAMPLE = 1 << 16  # bytes of the file each candidate code page is judged on
_SHARE_TIE = 0.005  # known-word shares this close are a tie, settled by the archive's languages
_CODE_PAGE_WORDS = 150  # words of the sample looked up per reading
_ESCAPED = re.compile("[\udc80-\udcff]")
_C1 = re.compile("[\x80-\x9f]")


def decode(data: bytes, settings: Settings) -> tuple[str, str]:
    """(text, encoding name); StageError binary_text for data that is not text, too_large for huge text."""
    text, encoding = _decode(data, legacy_code_pages(settings.languages), settings.languages)
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


def _decode(data: bytes, legacy: tuple[str, ...], languages: tuple[str, ...] = ()) -> tuple[str, str]:
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
    encoding = _guess_legacy(sample, legacy, languages)
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


def _guess_legacy(sample: bytes, legacy: tuple[str, ...], languages: tuple[str, ...] = ()) -> str | None:
    """The code page whose reading has the most letters in known words; charset-normalizer's guess without lists.

    Bytes alone often cannot settle it: single-byte pages decode any sample without error, and charset-normalizer
    ranks by how the characters mix (it read French in ISO 8859-1 as cp775, "dķpend Ó la fois", and Hungarian
    in cp1250 as cp1252, "tevékenységérõl"). Which reading is written in words of a language is what settles
    it. On a tie (cp1250 and cp1252 differ in a few letters), the archive's own languages' code page wins.
    """
    from charset_normalizer import from_bytes

    matches = from_bytes(sample)
    best = matches.best()
    if best is not None and len(str(best)) < len(sample):
        return best.encoding  # a multi-byte reading (Shift-JIS, Big5): bytes pair up, no single-byte page competes
    guessed = [m.encoding for m in matches][:8]
    candidates = list(dict.fromkeys((*legacy, *guessed, *_word_list_code_pages())))
    head = _cut_at_character(sample[:_WORDS_SAMPLE])
    scored = []
    judged: dict[str, float | None] = {}  # many pages read a sample alike: judge each distinct reading once
    for encoding in candidates:
        text = _decodes_as(head, encoding)
        if text is None:
            continue
        if text not in judged:  # a reading that fails the text-layer check (few known words) is no candidate
            verdict = assess(text, (*languages, *_languages_of(encoding)), _CODE_PAGE_WORDS, only_these=True)
            share = None if verdict.garbled else verdict.known_share
            judged[text] = None if share is None else share - _broken_share(text)
        if judged[text] is not None:
            scored.append((judged[text], encoding))
    if scored:
        top = max(share for share, _ in scored)
        for share, encoding in scored:  # in candidate order: the archive's code pages first
            if share >= top - _SHARE_TIE:
                return encoding
    if best is None:
        return None
    tied = {name for m in matches if m.chaos <= best.chaos + _TIE and m.coherence >= best.coherence - _TIE
            for name in m.could_be_from_charset}
    for code_page in legacy:
        if code_page in tied or _decodes_as(sample, code_page) == str(best):
            return code_page
    return best.encoding


def _broken_share(text: str) -> float:
    """Share of words holding a control or replacement character: a byte the code page leaves unassigned (C1)
    splits a word into pieces that may each look known ("ko\x9aarka" for "košarka")."""
    tokens = text.split()
    return sum(1 for t in tokens if _BAD_CHARS.search(t) or _C1.search(t)) / len(tokens) if tokens else 0.0


def _languages_of(encoding: str) -> tuple[str, ...]:
    """Languages written in a code page (or its ISO twin): a reading is judged on them and the archive's own."""
    from pipeline.ingest.garble import rules

    listed = {lang for langs in rules().languages_by_script.values() for lang in langs}
    name = codecs.lookup(encoding).name
    return tuple(lang for lang, page in LEGACY_CODE_PAGE.items() if lang in listed
                 and name in (codecs.lookup(page).name, codecs.lookup(_ISO_TWIN.get(page, page)).name))


def _word_list_code_pages() -> tuple[str, ...]:
    """Legacy code pages (and their ISO twins) of every language the text-layer word lists hold."""
    from pipeline.ingest.garble import rules

    pages = []
    for langs in rules().languages_by_script.values():
        for lang in langs:
            page = LEGACY_CODE_PAGE.get(lang)
            if page:
                pages += [page, _ISO_TWIN.get(page, page)]
    return tuple(dict.fromkeys(pages))


def _cut_at_character(data: bytes) -> bytes:
    """A sample cut at a line end, so a multi-byte character is not split at its edge."""
    cut = data.rfind(b"\n")
    return data[:cut] if cut > 0 else data


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
