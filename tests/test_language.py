"""The language guesser's model: the decompressed copy kept in the user's cache gives the package's own guesses."""
from __future__ import annotations

import pytest

from pipeline import cache, language

LANGS = ("en", "fr", "es")
TEXTS = (
    "The steering group of the river valley network met on Tuesday to review the seed distribution plan and agreed "
    "that the district teams will report on the stock levels before the end of the month, with road notes.",
    "Le groupe de travail sur les abris s'est réuni mardi pour examiner le plan de distribution et a convenu que les "
    "équipes de district présenteront un rapport sur les stocks avant la fin du mois prochain.",
    "El grupo de trabajo de agua y saneamiento se reunió el martes para revisar el plan de distribución y acordó que "
    "los equipos locales informarán sobre las existencias antes de que termine el mes, con una nota sobre las rutas.",
)


@pytest.fixture
def cache_folder(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "cache"))
    language._language_identifier.cache_clear()
    yield tmp_path / "cache"
    language._language_identifier.cache_clear()


def _stock():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    identifier = LanguageIdentifier.from_model_file(MODEL_FILE)
    identifier.set_languages(list(LANGS))
    return identifier


def test_language_cached_model_guesses_like_the_package(cache_folder, monkeypatch):
    first = language._language_identifier(LANGS)
    assert len(list(cache_folder.glob("langid-*.npz"))) == 1
    language._language_identifier.cache_clear()
    import py3langid.modelio

    def no_decompression(path):
        raise AssertionError("the cached copy should have been read")

    monkeypatch.setattr(py3langid.modelio, "load_model", no_decompression)
    second = language._language_identifier(LANGS)
    monkeypatch.undo()
    stock = _stock()
    for text in TEXTS:
        assert first.classify(text) == second.classify(text) == stock.classify(text)
    assert [language.detect_language(t, LANGS) for t in TEXTS] == ["en", "fr", "es"]


def test_language_damaged_cache_falls_back_to_the_package(cache_folder):
    language._language_identifier(LANGS)
    (copy,) = cache_folder.glob("langid-*.npz")
    copy.write_bytes(b"not an npz file")
    language._language_identifier.cache_clear()
    assert language.detect_language(TEXTS[1], LANGS) == "fr"


def test_language_unwritable_cache_still_guesses(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    monkeypatch.setenv(cache.CACHE_ENV, str(blocker / "cache"))  # a folder cannot be made under a file
    language._language_identifier.cache_clear()
    try:
        assert language.detect_language(TEXTS[2], LANGS) == "es"
        assert not (blocker / "cache").exists()
    finally:
        language._language_identifier.cache_clear()


def test_language_cache_name_follows_the_languages_and_the_model(tmp_path):
    model = tmp_path / "model.npz.xz"
    model.write_bytes(b"x")
    one = language._model_key(model, ("en", "fr"))
    assert one != language._model_key(model, ("en", "es"))
    model.write_bytes(b"xy")
    assert one != language._model_key(model, ("en", "fr"))


def test_language_cache_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_ENV, "off")
    assert cache.cache_dir() is None
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "c"))
    assert cache.cache_dir() == tmp_path / "c"
