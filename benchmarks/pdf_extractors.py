"""Compare PDF text extractors on a folder of PDFs: word recall, known-word share and time (README table).

Usage: python benchmarks/pdf_extractors.py FOLDER  (every *.pdf below it; prints a Markdown table)

A word's reference count is the highest count that at least two of the *other* readers agree on, so no reader
is judged against itself; recall is the share of those reference words a reader gives. The known-word share is
the share of its words wordfreq knows in English, French or Spanish (garbled text scores low).
"""
from __future__ import annotations

import io
import re
import sys
import time
from collections import Counter
from pathlib import Path

from wordfreq import zipf_frequency

WORD = re.compile(r"\w+")


def _pypdf(data: bytes) -> str:
    import pypdf
    return "\n".join(p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages)


def _pdfplumber(data: bytes) -> str:
    import pdfplumber
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        return "\n".join(" ".join(w["text"] for w in page.extract_words()) for page in pdf.pages)


def _pdfminer(data: bytes) -> str:
    from pdfminer.high_level import extract_text
    return extract_text(io.BytesIO(data))


def _pypdfium2(data: bytes) -> str:
    import pypdfium2
    pdf = pypdfium2.PdfDocument(data)
    return "\n".join(pdf[i].get_textpage().get_text_range() for i in range(len(pdf)))


def _ingest(data: bytes) -> str:
    from pipeline.config import Settings
    from pipeline.ingest import ingest
    from pipeline.model import Source
    return ingest(Source("x.pdf", data, "x"), settings=Settings()).text


READERS = {"pypdf": _pypdf, "pdfplumber (extract_words)": _pdfplumber, "pdfminer.six": _pdfminer,
           "pypdfium2 (PDFium)": _pypdfium2, "this pipeline's ingest": _ingest}


def words(text: str) -> Counter:
    return Counter(w.lower() for w in WORD.findall(text))


def main(folder: Path) -> None:
    files = sorted(folder.rglob("*.pdf"))
    seconds = dict.fromkeys(READERS, 0.0)
    found = {name: Counter() for name in READERS}
    per_file: list[dict[str, Counter]] = []
    for path in files:
        data, got = path.read_bytes(), {}
        for name, read in READERS.items():
            t0 = time.perf_counter()
            try:
                got[name] = words(read(data))
            except Exception:  # noqa: BLE001 - a reader that fails on a file gives it no words
                got[name] = Counter()
            seconds[name] += time.perf_counter() - t0
        per_file.append(got)
    print(f"{len(files)} PDFs under {folder}\n")
    print("| reader | word recall | known-word share | time |\n| --- | --- | --- | --- |")
    for name in READERS:
        hit = ref_total = known = total = 0
        for got in per_file:
            others = [c for n, c in got.items() if n != name]
            vocab = set().union(*others)
            for w in vocab:
                counts = sorted((c[w] for c in others), reverse=True)
                ref = counts[1] if len(counts) > 1 else 0  # the highest count two others agree on
                ref_total += ref
                hit += min(ref, got[name][w])
            known += sum(n for w, n in got[name].items()
                         if w.isdigit() or max(zipf_frequency(w, lang) for lang in ("en", "fr", "es")) > 0)
            total += sum(got[name].values())
        print(f"| {name} | {hit / max(ref_total, 1):.3f} | {known / max(total, 1):.3f} | {seconds[name]:.2f} s |")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
