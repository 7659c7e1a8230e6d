"""Label repairs around the small model, on articles written for the tests and on GUM.

Each test names the systematic error it guards against; the counts behind them are in
the confusion tables of `eval/entities_eval.py` (GUM train split).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from flows.steps import clean, entities, parse
from flows.steps import nlp as nlp_mod
from flows.tables.records import Mention

GUM = Path(__file__).resolve().parents[2] / "eval" / "data" / "gum_news_entities.jsonl"


def _run(nlp, text: str) -> list[Mention]:
    parsed = parse.parse(text)
    cleaned = clean.clean(parsed)
    doc = nlp(cleaned.body)
    sents = nlp_mod.sentence_spans(doc, cleaned.paragraph_spans)
    headline = entities.headline_span(cleaned.paragraph_spans, cleaned.paragraph_sections)
    mentions = entities.resolve(doc, nlp_mod.token_sentence_ids(doc, sents), None, headline)
    assert all(cleaned.body[m.start:m.end] == m.text for m in mentions)
    return mentions


def _labels(mentions: list[Mention], text: str) -> set[str]:
    return {m.label for m in mentions if m.text == text}


def test_countries_playing_each_other_are_teams_but_stay_places_elsewhere(nlp):
    mentions = _run(nlp, """World Cup Day Five

Belgium beat Panama on Monday. Sweden defeated South Korea in Nizhny Novgorod.
Tunisia lost to England in Volgograd. Fans in Belgium celebrated late into the night.
""")
    for team in ("Panama", "Sweden", "South Korea", "Tunisia", "England"):
        assert _labels(mentions, team) == {"ORG"}, team
    belgium = [m for m in mentions if m.text == "Belgium"]
    assert [m.label for m in belgium] == ["ORG", "GPE"]  # the team, then the place
    assert belgium[1].entity_key == "kb:iso3166:BE"


def test_countries_acting_together_are_no_teams(nlp):
    mentions = _run(nlp, """Asian Giants Pledge Cooperation

China and India agreed on Tuesday to take steps to ease tension along their border.
China said the talks were frank, and India said it would face its neighbour as a partner.
""")
    assert _labels(mentions, "China") == {"GPE"} and _labels(mentions, "India") == {"GPE"}


def test_gazetteer_organisations_are_labelled_added_and_named_alike(nlp):
    mentions = _run(nlp, """Student Invited to Science Fair

The Twitter attention led to outreach from Google, and Ahmed was invited to Mountain View.
The UN also sent an invitation. FIFA officials said nothing.
""")
    assert _labels(mentions, "Twitter") == {"ORG"} and _labels(mentions, "Google") == {"ORG"}
    un = next(m for m in mentions if m.text == "UN")
    assert un.canonical == "UN" and un.entity_key == "org:united nations"
    assert next(m for m in mentions if m.text == "FIFA").entity_key == "org:fifa"


def test_an_acronym_takes_its_expansions_label_and_cluster(nlp):
    mentions = _run(nlp, """Warhol Photos Shown in Indiana

An exhibit opened at the University of Southern Indiana on Thursday. USI's art gallery is
one of 190 galleries that received photos. USI said the show would run until May.
The University of Sheffield in the UK and the US National Science Foundation paid for it.
""")
    usi = [m for m in mentions if m.text.startswith("USI")]
    expansion = next(m for m in mentions if m.text.endswith("University of Southern Indiana"))
    assert usi and {m.label for m in usi} == {"ORG"}
    assert {m.cluster_id for m in usi} == {expansion.cluster_id}
    uk = next(m for m in mentions if m.text == "UK")
    assert uk.label == "GPE" and uk.canonical == "UK"  # not "University of ..." initials


def test_caption_words_are_not_names(nlp):
    mentions = _run(nlp, """Fans Gather in Toronto

The convention floor was full on Friday. Image: Nick Moreau.
Crowds queued outside all morning. Image: Nick Moreau.
""")
    assert not [m for m in mentions if "Image" in m.text]
    assert _labels(mentions, "Nick Moreau") == {"PERSON"}


@pytest.mark.parametrize(
    ("text", "label"),
    [("US", "GPE"), ("Britain", "GPE"), ("Tajik", "NORP"), ("Dushanbe", "GPE"),
     ("Texas", "GPE"), ("Google", "ORG")],
)
def test_one_word_places_tagged_org_get_the_place_label(text, label):
    """A country name or abbreviation is GPE, not NORP (only demonyms are); a US state
    or city tagged ORG is GPE; "Google" is a GeoNames alternate of Topeka, not a place."""
    raw = entities._Raw(0, len(text), text, "ORG", 0)
    assert entities._relabel(raw, set()).label == label


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [("United States", "ORG", "GPE"), ("North Carolina", "ORG", "GPE"),
     ("Bank of England", "ORG", "ORG"), ("Sea Org", "LOC", "ORG"),
     ("Century City Towers", "ORG", "FAC"), ("Civil Defense Authority", "FAC", "ORG"),
     ("White House", "ORG", "ORG")],  # a GeoNames alternate of Casablanca, not its name
)
def test_multiword_names_are_labelled_by_what_they_are(text, label, expected):
    raw = entities._Raw(0, len(text), text, label, 0)
    assert entities._org_by_head(entities._relabel(raw, set())).label == expected


@pytest.fixture(scope="module")
def gum(nlp) -> dict[str, list[Mention]]:
    """Three GUM train articles (GUM: Zeldes 2017, text from Wikinews, CC BY 2.5)."""
    want = {"GUM_news_imprisoned", "GUM_news_soccer", "GUM_news_defector"}
    out = {}
    with GUM.open(encoding="utf-8") as fh:
        for line in fh:
            rec = json.loads(line)
            if rec["doc_id"] in want:
                assert rec["meta"]["split"] == "train"
                out[rec["doc_id"]] = _run(nlp, rec["text"])
    return out


def test_gum_person_whose_surname_is_a_city(gum):
    """"Valeska Paris": NER tags both words GPE and later "Paris" alone GPE."""
    ms = gum["GUM_news_imprisoned"]
    paris = [m for m in ms if m.text.startswith("Paris") or m.text == "Valeska Paris"]
    assert len(paris) >= 8
    assert {m.label for m in paris} == {"PERSON"}
    assert {m.entity_key for m in paris} == {"person:valeska paris"}


def test_gum_teams_and_one_label_per_name(gum):
    soccer = gum["GUM_news_soccer"]
    assert {m.label for m in soccer if m.text in {"Sweden", "England", "Tunisia"}} == {"ORG"}
    defector = gum["GUM_news_defector"]
    assert {m.label for m in defector if m.text == "Scientology"} == {"ORG"}
    assert {m.label for m in defector if m.text.endswith("Sea Org")} == {"ORG"}


def test_gum_every_person_org_and_place_has_a_key(gum):
    for mentions in gum.values():
        for m in mentions:
            keyed = m.label in {"PERSON", "ORG", "GPE", "LOC", "FAC"}
            assert (m.entity_key is not None) == keyed, m


def test_gazetteer_spelling_defines_its_bracketed_acronym(nlp):
    """The British spelling is a gazetteer form; the "(WHO)" it defines joins it. The
    cluster keeps the article's spelling, the key is the gazetteer's."""
    mentions = _run(nlp, """Iodine Shortage Returns

The World Health Organisation (WHO) says a third of Australian children lack iodine.
The WHO recommends iodised salt, and WHO officials met health ministers on Monday.
""")
    who = [m for m in mentions if m.text.endswith("WHO") or "Health" in m.text]
    assert len(who) >= 3 and len({m.cluster_id for m in who}) == 1
    assert {m.entity_key for m in who} == {"org:world health organization"}
    assert {m.canonical for m in who} == {"World Health Organisation"}  # the article's spelling


def test_a_name_with_a_version_number_is_no_place():
    raw = entities._Raw(0, 3, "IE6", "GPE", 0)
    assert entities._relabel(raw, set()).label == "PRODUCT"
    assert entities._relabel(entities._Raw(0, 6, "Paris", "GPE", 0), set()).label == "GPE"


def test_agency_after_a_dateline_is_no_acronym_of_the_city(nlp):
    mentions = _run(nlp, """Oil Falls on Oversupply Worries

NEW YORK (Reuters) - Oil prices fell sharply on Tuesday on worries about oversupply.
LOS ANGELES (AP) - The Lakers won again. Oil fell after sources told Reuters that
Russia would not cut output. The Kurdistan Workers' Party (PKK) said nothing.
""")
    for agency in ("Reuters", "AP"):
        ms = [m for m in mentions if m.text == agency]
        assert ms and all(m.canonical == agency and m.label == "ORG" for m in ms), agency


def test_a_title_case_headline_person_does_not_make_a_place_a_person(nlp):
    """NER reads "Moon Europa" in the headline as a person; the body's "Europa" stays a
    place, since the body writes "moon" in lower case."""
    headline = ("NASA Just Confirmed There Are Water Plumes Above The Surface of "
                "Jupiter's Moon Europa")
    mentions = _run(nlp, headline + """

A team led by NASA researchers found water vapour above Europa, the icy moon of Jupiter.
Europa has long been a target. The plumes rise above Europa's south pole, NASA said.
""")
    body_europa = [m for m in mentions if m.text.startswith("Europa") and m.start > 90]
    assert body_europa and "PERSON" not in {m.label for m in body_europa}


def test_gazetteer_forms_are_one_cluster_named_by_the_article(nlp):
    """"NASA" and its full name are one organisation in an article, called by the
    fullest form the article uses; "the Administration" refers back to it."""
    mentions = _run(nlp, """Shuttles Find New Homes

NASA announced on Tuesday where its retired shuttles will go. The National Aeronautics
and Space Administration said four museums had won. The Administration said the
shuttles would leave Florida next year. NASA thanked the bidders.
""")
    nasa = [m for m in mentions if m.text in {"NASA", "Administration"} or "Aeronautics" in m.text]
    assert len(nasa) >= 3 and len({m.cluster_id for m in nasa}) == 1
    assert {m.canonical for m in nasa} == {"National Aeronautics and Space Administration"}
    assert {m.entity_key for m in nasa} == {"org:national aeronautics and space administration"}


TITLED = """Talks resume in Pretoria

PRETORIA – President Thabo Mbeki met opposition leaders on Sunday.
Earlier, president Thabo Mbeki said the talks would continue.
Governor Arnold Schwarzenegger wrote to Mbeki.
"We regret it." — Jerzy Buzek, President European Parliament
Executives of General Motors flew to St. Petersburg.
The delegation stayed at a hotel on Queen Street.
"""


def test_a_name_after_a_persons_title_is_a_person(nlp):
    # The small model tags "Thabo Mbeki" GPE after "President" and after "president".
    mentions = _run(nlp, TITLED)
    mbeki = [m for m in mentions if m.text == "Thabo Mbeki"]
    assert len(mbeki) == 2 and {m.label for m in mbeki} == {"PERSON"}
    assert {m.entity_key for m in mbeki} == {"person:thabo mbeki"}
    # Titles that also begin companies and places do not make persons.
    assert _labels(mentions, "General Motors") == {"ORG"}
    assert _labels(mentions, "St. Petersburg") == {"GPE"}
    assert _labels(mentions, "Queen Street") == {"FAC"}
    assert "PERSON" not in _labels(mentions, "European")  # "President European Parliament"


@pytest.mark.parametrize(
    ("text", "label", "expected"),
    [("US President Barack Obama", "GPE", [("US", "GPE"), ("Barack Obama", "PERSON")]),
     ("President Thabo Mbeki", "ORG", [("Thabo Mbeki", "PERSON")]),
     ("Labour Secretary", "ORG", [("Labour Secretary", "ORG")]),
     ("President Hotel", "FAC", [("President Hotel", "FAC")]),
     ("Secretary of State", "ORG", [("Secretary of State", "ORG")])],
)
def test_a_title_inside_a_mention_leaves_the_name_a_person(nlp, text, label, expected):
    doc = nlp(text + " spoke.")
    raws = entities._titled_persons(doc, [entities._Raw(0, len(text), text, label, 0)])
    assert [(r.text, r.label) for r in raws] == expected
