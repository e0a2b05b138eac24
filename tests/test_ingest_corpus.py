"""Every file of the shared evaluation corpus either ingests with a valid Document or fails with a clear StageError."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from pipeline.config import Settings
from pipeline.ingest import ingest
from pipeline.ingest.assemble import check_blocks
from pipeline.model import Source, StageError

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus"
FILES = sorted(p for p in CORPUS.rglob("*") if p.is_file()) if CORPUS.is_dir() else []


@pytest.mark.skipif(not FILES, reason="../shared/corpus is not available")
@pytest.mark.parametrize("path", FILES, ids=[str(p.relative_to(CORPUS)) for p in FILES])
def test_ingest_corpus_file_ingests_or_fails_clearly(path):
    data = path.read_bytes()
    source = Source(source_path=str(path.relative_to(CORPUS)), data=data, doc_id=hashlib.sha256(data).hexdigest())
    try:
        doc = ingest(source, settings=Settings())
    except StageError as err:
        assert err.error_type in {"no_text_layer", "encrypted_pdf", "converter_missing"}, err.message
        return
    check_blocks(doc.text, doc.blocks)
    assert len(doc.text) > 100
