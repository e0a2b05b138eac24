"""The language a document is written in, among the configured ones (py3langid), for every stage to share."""
from __future__ import annotations

from functools import lru_cache

MIN_LANGID_CHARS = 200  # below this a guess is noise: take the first configured language


@lru_cache(maxsize=8)
def _language_identifier(languages: tuple[str, ...]):
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
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
