"""Headline name trimming and cross-article entity keys, on articles written for the tests.

The headlines are in the Title Case news sites use, where the small model reads the verb
after a name as part of it; the keys are checked on whole articles, since they depend on
which full name the article gives.
"""

from __future__ import annotations

import pytest

from flows.steps import clean, entities, parse
from flows.steps import nlp as nlp_mod
from flows.tables.records import Mention


def _run(nlp, text: str) -> tuple[str, list[Mention]]:
    parsed = parse.parse(text)
    cleaned = clean.clean(parsed)
    doc = nlp(cleaned.body)
    sents = nlp_mod.sentence_spans(doc, cleaned.paragraph_spans)
    headline = entities.headline_span(cleaned.paragraph_spans, cleaned.paragraph_sections)
    assert headline is not None, "the first line of these articles is a headline"
    mentions = entities.resolve(doc, nlp_mod.token_sentence_ids(doc, sents), None, headline)
    assert all(cleaned.body[m.start:m.end] == m.text for m in mentions)
    return cleaned.body, mentions


def _in_headline(body: str, mentions: list[Mention]) -> list[Mention]:
    end = body.index("\n\n")
    return [m for m in mentions if m.start < end]


DROPS = """Hillary Clinton Drops Out of Senate Race

Former first lady Hillary Clinton dropped out of the race on Monday, her campaign said.
Clinton said she would return to private life after a difficult year.
"""

TELLS = """Donald Trump Tells Reporters Wall Will Be Built

President Donald Trump told reporters on Tuesday that the wall would be built.
Mr. Trump spoke for twenty minutes at the White House.
"""

BLASTS = """Eric Garner Blasts Clinton Over Police Remarks

Eric Garner, a community organiser in Ohio, blasted Hillary Clinton on Wednesday.
Garner said Clinton had ignored the city for years.
"""

CLAIMS = """Donald Trump Claims ‘Victory’ in Iowa Caucus

Donald Trump claimed victory in the Iowa caucus on Monday night, hours before the count ended.
"""

SPEECH = """Clinton Speech Draws Crowd in Denver

Bill Clinton gave a speech in Denver on Friday. The speech drew thousands of supporters.
"""


@pytest.mark.parametrize(
    ("text", "name"),
    [(DROPS, "Hillary Clinton"), (TELLS, "Donald Trump"), (BLASTS, "Eric Garner"),
     (CLAIMS, "Donald Trump"), (SPEECH, "Clinton")],
)
def test_headline_names_stop_before_the_title_case_verb(nlp, text, name):
    body, mentions = _run(nlp, text)
    people = [m for m in _in_headline(body, mentions) if m.label == "PERSON"]
    assert people and people[0].text == name
    assert all(m.canonical.split()[-1] in {"Clinton", "Trump", "Garner"}
               for m in mentions if m.label == "PERSON")


def test_headline_name_the_body_repeats_is_kept_whole(nlp):
    # "times" is lower case in the body, but the body also has the whole name.
    text = """New York Times Sues Microsoft Over Articles

The New York Times sued Microsoft on Wednesday, saying its articles were copied many times.
"""
    body, mentions = _run(nlp, text)
    assert "New York Times" in [m.text for m in _in_headline(body, mentions)]


def test_headline_organisation_is_cut_at_the_name_the_body_uses(nlp):
    text = """Bank of England Raises Rates Again

The Bank of England raised interest rates again on Thursday to fight inflation.
"""
    body, mentions = _run(nlp, text)
    assert next(m.text for m in _in_headline(body, mentions)) == "Bank of England"


def test_the_surname_after_the_cut_verb_still_resolves(nlp):
    body, mentions = _run(nlp, BLASTS)
    head = {m.text: m for m in _in_headline(body, mentions)}
    assert head["Clinton"].canonical == "Hillary Clinton"


def test_one_person_gets_one_full_name_key(nlp):
    _, mentions = _run(nlp, TELLS)
    keys = {m.text: m.entity_key for m in mentions if m.label == "PERSON"}
    assert set(keys.values()) == {"person:donald trump"}
    assert {"Donald Trump", "Trump"} <= set(keys)


def test_keys_of_places_are_their_kb_ids(nlp):
    _, mentions = _run(nlp, BLASTS)
    ohio = next(m for m in mentions if m.text == "Ohio")
    assert ohio.entity_key == f"kb:{ohio.kb_source}:{ohio.kb_id}"
    dates = [m for m in mentions if m.label == "DATE"]
    assert dates and all(m.entity_key is None for m in dates)


SAME_SURNAME = """Clintons Campaign Together in Ohio

Hillary Clinton and her husband Bill Clinton campaigned in Columbus on Saturday.
Bill Clinton spoke first. Clinton said the state would decide the election.
Hillary Clinton thanked the volunteers.
"""


def test_a_shared_surname_never_merges_two_people(nlp):
    _, mentions = _run(nlp, SAME_SURNAME)
    by_text: dict[str, set] = {}
    for m in mentions:
        if m.label == "PERSON":
            by_text.setdefault(m.text, set()).add(m.entity_key)
    assert by_text["Hillary Clinton"] == {"person:hillary clinton"}
    assert by_text["Bill Clinton"] == {"person:bill clinton"}
    assert by_text["Clinton"] == {"person:~clinton"}


def test_surname_only_person_gets_a_key_of_its_own_kind(nlp):
    text = """Senate Vote Delayed Again

The vote was delayed on Thursday. Trump said the delay was a disgrace.
Trump added that he would call senators himself.
"""
    _, mentions = _run(nlp, text)
    trump = [m for m in mentions if m.text == "Trump"]
    assert trump and {m.entity_key for m in trump} == {"person:~trump"}


def _m(i: int, text: str, label: str, canonical: str, cluster: int, **kw) -> Mention:
    return Mention(i, 0, 10 * i, 10 * i + len(text), text, label, canonical, cluster, **kw)


def test_keys_fold_accents_titles_and_possessives():
    ms = [
        _m(0, "President François Hollande's", "PERSON", "François Hollande", 0),
        _m(1, "Hollande", "PERSON", "François Hollande", 0),
        _m(2, "the World Health Organization", "ORG", "World Health Organization", 1),
        _m(3, "WHO", "ORG", "World Health Organization", 1),
        _m(4, "Dushanbe", "GPE", "Dushanbe", 2, kb_id="1221874", kb_source="geonames"),
        _m(5, "Chinese", "NORP", "Chinese", 3, kb_id="CN", kb_source="iso3166"),
        _m(6, "Mr. Rahmon", "PERSON", "Mr. Rahmon", 4),
    ]
    assert entities.entity_keys(ms) == [
        "person:francois hollande", "person:francois hollande",
        "org:world health organization", "org:world health organization",
        "kb:geonames:1221874", None, "person:~rahmon",
    ]


def test_titles_are_dropped_from_people_only():
    ms = [
        _m(0, "General Motors", "ORG", "General Motors", 0),
        _m(1, "Queen Street", "FAC", "Queen Street", 1),
        _m(2, "Queen Elizabeth", "PERSON", "Queen Elizabeth", 2),
        _m(3, "General Mark Milley", "PERSON", "General Mark Milley", 3),
    ]
    assert entities.entity_keys(ms) == [
        "org:general motors", "place:queen street", "person:~elizabeth", "person:mark milley"]


def test_summary_rows_carry_the_cluster_key(nlp, seed_text):
    parsed = parse.parse(seed_text)
    cleaned = clean.clean(parsed)
    doc = nlp(cleaned.body)
    sents = nlp_mod.sentence_spans(doc, cleaned.paragraph_spans)
    mentions = entities.resolve(doc, nlp_mod.token_sentence_ids(doc, sents))
    rows = {r["canonical"]: r for r in entities.summary_rows("a", mentions, len(cleaned.body))}
    assert rows["Xi Jinping"]["entity_key"] == "person:xi jinping"
    assert rows["Emomali Rahmon"]["entity_key"] == "person:emomali rahmon"
    assert rows["Tajikistan"]["entity_key"] == "kb:iso3166:TJ"
    xi = [m for m in mentions if m.text == "Xi"]
    assert xi and {m.entity_key for m in xi} == {"person:xi jinping"}


def test_headline_cut_keeps_the_longest_justified_name(nlp):
    """The body names "United Nations" alone and says "voted": the council is kept whole."""
    text = """United Nations Security Council Votes to Extend Mission

The council voted on Friday to extend the mission in Mali for another year.
The United Nations said the vote was unanimous.
"""
    body, mentions = _run(nlp, text)
    heads = [m.text for m in _in_headline(body, mentions) if m.label == "ORG"]
    assert heads and heads[0] == "United Nations Security Council"


def test_the_same_person_gets_the_same_key_in_two_articles(nlp):
    """One article names her in the headline and body, the other with a title and a
    possessive first ("Secretary Hillary Clinton's"), then as "Mrs. Clinton"."""
    other = """Clinton Returns to Campaign Trail

Secretary Hillary Clinton's campaign said on Friday that she would visit Iowa.
Mrs. Clinton will speak at a rally in Des Moines.
"""
    _, first = _run(nlp, DROPS)
    _, second = _run(nlp, other)
    keys = {m.entity_key for m in first + second if m.label == "PERSON"}
    assert keys == {"person:hillary clinton"}
