"""The trust check on a PDF's text layer (pipeline/ingest/garble.py), on invented text."""
from __future__ import annotations

import pytest

from pipeline.ingest.garble import assess, same_letters

ENGLISH = ("The partners reviewed the shelter budget and agreed to visit the northern camps before the next "
           "meeting, when the water points and the school repairs will be discussed again.")
FRENCH = ("Le conseil municipal a adopté le projet de règlement sur les parcs après une longue discussion entre "
          "les membres présents et le maire de la commune.")
JAPANESE = "会議は予定通り開催され、参加者は来月の計画について話し合いました。次回の会議は六月に行われます。"


def shifted(text: str, by: int) -> str:
    """What a font without a usable Unicode map gives: glyph numbers read as character codes."""
    return "".join(chr(ord(c) + by) if c.isalpha() else c for c in text)


# a second language in its own script: whole words of it, not letters scattered among marks
MIXED = f"{ENGLISH} {JAPANESE} The host read a greeting in Arabic, مرحبا بكم جميعا, and in Russian, добро пожаловать."


@pytest.mark.parametrize("text,language", [(ENGLISH, "en"), (FRENCH, "fr"), (JAPANESE, None), (MIXED, "en")])
def test_ingest_garble_real_text_is_trusted(text, language):
    verdict = assess(text, ("en", "fr"))
    assert not verdict.garbled and verdict.language == language


POLISH = ("Termin spotkania przesunięto na środę. Uczestnicy omówili dostawy żywności i wody pitnej dla gmin "
          "położonych przy rzece, a koordynatorka przygotuje sprawozdanie do piątku.")
CZECH = ("Schůze pracovní skupiny se konala ve čtvrtek. Účastníci projednali zásobování pitnou vodou a příští "
         "setkání bude v pondělí; zápis připraví koordinátorka úřadu.")
FILIPINO = ("Ang pulong ay ginanap noong Martes sa bulwagan ng bayan. Napagkasunduan ng mga kasapi na ipamahagi ang "
            "tubig at pagkain sa mga pamilya bago ang susunod na pulong.")


@pytest.mark.parametrize("text,language", [(POLISH, "pl"), (CZECH, "cs"), (FILIPINO, "fil")])
def test_ingest_garble_other_latin_languages_are_trusted(text, language):
    """A Latin-script language outside the archive's own is judged on its own word list, not refused."""
    verdict = assess(text, ("en", "fr", "es", "de", "pt"))
    assert not verdict.garbled and verdict.language == language


# a template whose headings are French and whose body is still placeholder filler
TEMPLATE = ("Ordre du jour. Point un: magna aliqua quis nostrud, tempor incididunt dolore sit amet. Point deux: "
            "ullamco laboris nisi commodo, velit esse cillum fugiat nulla. Décisions: neque porro quisquam, "
            "dolorem ipsum quia numquam eius modi tempora, voluptatem aliquam quaerat.")


@pytest.mark.parametrize("text", [TEMPLATE])
def test_ingest_garble_placeholder_filler_is_trusted(text):
    """Filler is what the file holds, not a broken font: it must not be sent to OCR as garbled."""
    assert not assess(text, ("en", "fr")).garbled


@pytest.mark.parametrize("text", [
    shifted(ENGLISH, -29),                               # "3HQ..."-like letters: no word is known
    shifted(FRENCH, 0x2C0),                               # letters pushed into Greek and combining marks
    "".join(chr(0xE000 + ord(c)) for c in ENGLISH),       # private-use code points
])
def test_ingest_garble_garbled_text_is_caught(text):
    assert assess(text, ("en", "fr")).garbled


@pytest.mark.parametrize("a,b,agree", [
    ("Brzelak Tomczyn Wardusz", "Tomczyn Brzelak  Wardusz", True),       # the same letters, another order
    ("Brzelak Tomczyn Wardusz", shifted("Brzelak Tomczyn Wardusz", -29), False),
])
def test_ingest_garble_same_letters(a, b, agree):
    assert same_letters(a, b) is agree
