"""Companies named with their legal form (pipeline/entities/legal.py, models/gazetteers/legal_forms.json)."""
from __future__ import annotations

import json

import pytest

from builders import line_document
from pipeline.config import Settings
from pipeline.entities import tag_entities
from pipeline.entities.gazetteer import GAZETTEER_DIR
from pipeline.entities.legal import company_names, with_company_names
from pipeline.model import MeetingHeader, Mention, Segmented

EVERYDAY = {"sounds", "both", "the", "our", "public", "private", "sujet"}
STOP = frozenset({"from", "to", "the", "a", "for", "at", "nine"})


def names(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in company_names(text, is_word=lambda w: w in EVERYDAY, stop_words=STOP)]


@pytest.mark.parametrize("text,found", [
    ("07-220 (A) Brookfield Paving, Inc. and Meravan Corporation Foundation for sewer work",
     ["Brookfield Paving, Inc."]),
    ("Paying $1,200.50 to Hale & Orme, P.C. for bond counsel", ["Hale & Orme, P.C."]),
    ("Agreement with Fennick and Daughters, Inc., for paving", ["Fennick and Daughters, Inc."]),
    ("Contract with Tolvane Corporation and Quillby Oaks, LLC for drains", ["Tolvane Corporation", "Quillby Oaks, LLC"]),
    ("Vantre S.A.R.L. and Korrin GmbH signed; Drain Tool Co., Inc., $5,100",
     ["Vantre S.A.R.L.", "Korrin GmbH", "Drain Tool Co., Inc."]),
    ("Lender: Ferrow Savings Loan Company of Dunmore.", ["Ferrow Savings Loan Company of Dunmore"]),
    ("(B) Van Tessel & Associates, Inc. and others", ["Van Tessel & Associates, Inc."]),
    ("Our partner this year is Fjellvik AB.", ["Fjellvik AB"]),
    ("Suppliers: Tarn Ltd, Bexley Ltd\nReview on Sep 12", ["Tarn Ltd", "Bexley Ltd"]),
    ("4B. REQUEST FROM HARLOW GARDEN CENTER, INC. TO HOLD A FAIR", ["HARLOW GARDEN CENTER, INC."]),
    ("07-31 13. Club Nine, Inc., Dana Ruiz, for a licence", ["Club Nine, Inc."]),  # a stop word inside the name
    ("Seed supplier: Qaseem Agro (Pvt) Ltd, Multan", ["Qaseem Agro (Pvt) Ltd"]),
    ("Seed supplier: Qaseem Agro Pvt. Ltd. and Tarnak Traders (Private) Limited", ["Qaseem Agro Pvt. Ltd.", "Tarnak Traders (Private) Limited"]),
])
def test_entities_legal_name_with_its_form_is_a_company(text, found):
    assert names(text) == found


@pytest.mark.parametrize("text", [
    "Sounds OK to me. Both Company staff agree.",  # a word before a weak form
    "She is known as Acme Ltd as agreed",  # "Ltd" without a dot mid-clause, "as" in lower case
    "Public and Private partners met",
    "Oxfam UK and UK partners",  # UK written alone too: a code, not a form
    "APPROVING THE AGENDA, AS AMENDED",  # a line in capitals
    "Sujet SIA",  # a French word before a short form
    "Meeting moved by Corporation Counsel",
    "Improvements - P.K.",
    "Members: Lorna Quell\nNL, Tobin Arkwright\nUK",  # a code on the next line is no form of the name above
])
def test_entities_legal_words_and_codes_are_no_form(text):
    assert names(text) == []


@pytest.mark.parametrize("text,found", [
    ("Fee paid to the firm of Orme, Tabb, Lisle, Ware, Kesh Dunmore, P.C. for advice",
     "Orme, Tabb, Lisle, Ware, Kesh Dunmore, P.C."),
    ("Fee paid to Orme, Tabb & Ware, LLP for advice", "Orme, Tabb & Ware, LLP"),
])
def test_entities_legal_partnership_holds_its_partner_list(text, found):
    assert names(text) == [found]


def test_entities_legal_person_with_country_code_is_no_company():
    text = "Present: Imani Vestolan UK, Brookfield Paving, Inc."
    person = Mention(9, 23, "Imani Vestolan", "PERSON", "Imani Vestolan", None, "model")
    model = Mention(28, 44, "Brookfield Paving", "ORG", "Brookfield Paving", None, "model")

    def make(s: int, e: int) -> Mention:
        return Mention(s, e, text[s:e], "ORG", text[s:e], None, "rule")

    got = {(m.text, m.label) for m in with_company_names([person, model], text, make, STOP)}
    assert got == {("Imani Vestolan", "PERSON"), ("Brookfield Paving, Inc.", "ORG")}


def test_entities_legal_forms_come_from_cleanco():
    forms = json.loads((GAZETTEER_DIR / "legal_forms.json").read_text(encoding="utf-8"))["forms"]
    assert {"gmbh", "s.a.r.l.", "llp", "p.c.", "sdn. bhd."} <= set(forms)
    assert forms["co"]["word_like"] and forms["ab"]["word_like"] and not forms["pty. ltd."]["word_like"]
    assert "Germany" in forms["gmbh"]["countries"]
    cleanco = pytest.importorskip("cleanco.termdata")
    from scripts.build_legal_forms import legal_forms

    assert legal_forms() == forms  # the committed file is what the build script makes from the package
    assert "gmbh" in cleanco.terms_by_type["Limited"]


@pytest.mark.slow
def test_entities_legal_company_in_council_minutes_is_one_org():
    from pipeline.entities.nlp import build_nlp

    text = "Item 12. Approving a contract with Quillby Oaks Paving, LLC for alley repairs, $4,200.\n"
    doc = line_document(text)
    seg = Segmented(doc.blocks, (), MeetingHeader(language="en"))
    orgs = [m.text for m in tag_entities(doc, seg, nlp=build_nlp(Settings()), settings=Settings()) if m.label == "ORG"]
    assert orgs == ["Quillby Oaks Paving, LLC"]
