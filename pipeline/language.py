"""The language a document is written in, among the configured ones (py3langid), for every stage to share."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from pipeline.cache import cache_dir, store

MIN_LANGID_CHARS = 200  # below this a guess is noise: take the first configured language


def _model_key(model_path: Path, languages: tuple[str, ...]) -> str:
    """A name for the cached copy that changes with py3langid's version, the model file and the languages."""
    from importlib.metadata import version

    stat = model_path.stat()
    return f"langid-{version('py3langid')}-{stat.st_size}-{stat.st_mtime_ns}-{'-'.join(languages)}.npz"


def _load_arrays(model_path: Path, languages: tuple[str, ...], cache: Path | None):
    """py3langid's model arrays, restricted to `languages` (ptc, pc, classes, nextmove, row, output).

    The package ships its model LZMA-compressed, and decompressing it is half a second of CPU in every run's start-up;
    with a writable cache the first run stores the restricted arrays uncompressed, and later runs read that copy.
    Any trouble with the cache (read-only, full, a damaged file) falls back to the package's own file."""
    import numpy as np

    target = cache / _model_key(model_path, languages) if cache is not None else None
    if target is not None and target.is_file():
        try:
            with np.load(target, allow_pickle=False) as data:
                return (data["ptc"], data["pc"], data["classes"].tolist(), _as_array(data["nextmove"]),
                        _as_array(data["row"]), data["output"].tolist())
        except (OSError, ValueError, KeyError):
            pass
    from py3langid.modelio import load_model

    ptc, pc, classes, nextmove, row, output = load_model(model_path)
    keep = [i for i, label in enumerate(classes) if label in set(languages)]
    ptc, pc, classes = np.ascontiguousarray(ptc[:, keep]), np.ascontiguousarray(pc[keep]), [classes[i] for i in keep]
    if target is not None:
        arrays = dict(ptc=ptc, pc=pc, classes=np.array(classes), nextmove=np.frombuffer(nextmove, nextmove.typecode),
                      row=np.frombuffer(row, row.typecode), output=np.asarray(output, dtype=np.int64))
        store(target, lambda f: np.savez(f, **arrays), kind="langid-")
    return ptc, pc, classes, nextmove, row, output


def _as_array(values):
    """A NumPy vector of unsigned integers as the stdlib array py3langid's tokenizer walks."""
    from array import array

    import numpy as np

    out = array({2: "H", 4: "I", 8: "L"}[values.dtype.itemsize])
    out.frombytes(memoryview(np.ascontiguousarray(values)).cast("B"))
    return out


@lru_cache(maxsize=8)
def _language_identifier(languages: tuple[str, ...]):
    from py3langid.langid import MODEL_DIR, MODEL_FILE, LanguageIdentifier

    ptc, pc, classes, nextmove, row, output = _load_arrays(MODEL_DIR / MODEL_FILE, languages, cache_dir())
    identifier = LanguageIdentifier(ptc, pc, classes, nextmove, output, tk_row=row)
    identifier.set_languages(list(languages))
    return identifier


def detect_language(text: str, languages: tuple[str, ...]) -> str:
    """The document's language among the configured ones (the first one for very short texts)."""
    if len(text.strip()) < MIN_LANGID_CHARS or len(languages) < 2:
        return languages[0] if languages else "en"
    return _language_identifier(tuple(languages)).classify(text[:20_000])[0]


@lru_cache(maxsize=65536)
def word_zipf(word: str, language: str) -> float:
    """wordfreq's Zipf frequency of a word in a language (0.0 for a language wordfreq does not know): how
    everyday a word is, which entities weigh against names and places."""
    from wordfreq import zipf_frequency

    try:
        return zipf_frequency(word, language)
    except (LookupError, ValueError):
        return 0.0
