"""Regenerate the README's data dictionary from pipeline/schema.py (`make docs`)."""
from __future__ import annotations

import re
import sys

from pipeline.config import PROJECT_ROOT
from pipeline.schema import data_dictionary

START, END = "<!-- data-dictionary:start -->", "<!-- data-dictionary:end -->"


def updated(readme: str) -> str:
    block = f"{START}\n{data_dictionary()}\n{END}"
    return re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: block, readme, flags=re.S)


if __name__ == "__main__":
    path = PROJECT_ROOT / "README.md"
    text = path.read_text(encoding="utf-8")
    if START not in text:
        sys.exit(f"{path} has no {START} marker")
    path.write_text(updated(text), encoding="utf-8")
    print(f"updated {path}")
