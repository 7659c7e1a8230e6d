"""In-article entity resolution on the seed and on short real-style passages."""

from __future__ import annotations

import pytest

from flows.steps import clean, entities, parse
from flows.steps import nlp as nlp_mod
from tests.conftest import ARTICLES


def _mentions(nlp, text: str, published=None):
    parsed = parse.parse(text)
    cleaned = clean.clean(parsed)
    doc = nlp(cleaned.body)
    sents = nlp_mod.sentence_spans(doc, cleaned.paragraph_spans)
    return cleaned.body, entities.resolve(doc, nlp_mod.token_sentence_ids(doc, sents),
                                          published or parsed.published)


@pytest.fixture(scope="module")
def seed(nlp, seed_text):
    return _mentions(nlp, seed_text)


def test_offsets_match_the_body(seed):
    body, mentions = seed
    assert mentions and all(body[m.start:m.end] == m.text for m in mentions)
    assert [m.entity_id for m in mentions] == list(range(len(mentions)))


def test_short_names_resolve_to_the_full_name(seed):
    _, mentions = seed
    xi = [m for m in mentions if m.text == "Xi"]
    rahmon = [m for m in mentions if m.text == "Rahmon"]
    assert len(xi) >= 8 and {m.canonical for m in xi} == {"Xi Jinping"}
    assert rahmon and {m.canonical for m in rahmon} == {"Emomali Rahmon"}
    full = next(m for m in mentions if m.text == "Xi Jinping")
    assert {m.cluster_id for m in xi} == {full.cluster_id}


def test_acronyms_join_their_expansion(seed):
    _, mentions = seed
    sco = [m for m in mentions if m.text == "SCO"]
    expansion = next(m for m in mentions if m.text.endswith("Shanghai Cooperation Organisation"))
    assert len(sco) == 3
    assert {m.cluster_id for m in sco} == {expansion.cluster_id}
    assert {m.canonical for m in sco} == {"Shanghai Cooperation Organisation"}
    bri = next(m for m in mentions if m.text == "BRI")
    assert bri.canonical == "Belt and Road Initiative"


def test_places_and_demonyms_link_to_iso_and_geonames(seed):
    _, mentions = seed
    kb = {m.text: m.kb_id for m in mentions}
    assert kb["Tajik"] == "TJ" and kb["Chinese"] == "CN" and kb["Tajikistan"] == "TJ"
    dushanbe = next(m for m in mentions if m.text == "Dushanbe")
    assert dushanbe.kb_source == "geonames" and dushanbe.label == "GPE"
    assert abs(dushanbe.latitude - 38.54) < 0.1 and abs(dushanbe.longitude - 68.78) < 0.1
    assert next(m for m in mentions if m.text == "Astana").kb_id is not None


def test_dates_stay_unresolved_without_an_article_date(seed):
    _, mentions = seed
    friday = next(m for m in mentions if m.text == "Friday")
    assert friday.label == "DATE" and friday.normalized is None
    assert next(m for m in mentions if m.text == "2014").normalized == "2014"


def test_weekday_resolves_against_the_dateline(nlp):
    text = (ARTICLES / "council_vote.txt").read_text(encoding="utf-8")
    _, mentions = _mentions(nlp, text)
    tuesday = [m for m in mentions if m.text == "Tuesday" and m.label == "DATE"]
    assert tuesday and {m.normalized for m in tuesday} == {"2024-03-05"}
    kim = [m for m in mentions if m.text in {"Kim", "Robert Kim"}]
    assert {m.canonical for m in kim} == {"Robert Kim"}


def test_summary_counts_mentions_and_ranks_salience(seed):
    body, mentions = seed
    rows = entities.summary_rows("a" * 64, mentions, len(body))
    xi = next(r for r in rows if r["canonical"] == "Xi Jinping")
    assert xi["n_mentions"] == sum(1 for m in mentions if m.canonical == "Xi Jinping")
    assert xi["salience"] == max(r["salience"] for r in rows)
    assert all(0 <= r["salience"] <= 1 for r in rows)


def _claims(nlp, text: str):
    from flows.claims import extract_claims

    parsed = parse.parse(text)
    cleaned = clean.clean(parsed)
    doc = nlp(cleaned.body)
    sents = nlp_mod.sentence_spans(doc, cleaned.paragraph_spans)
    mentions = entities.resolve(doc, nlp_mod.token_sentence_ids(doc, sents), None)
    return mentions, extract_claims(doc, mentions)


def test_first_name_missed_by_ner_joins_the_name(nlp):
    # The small model tags only "Aaron" here; the speaker must still be the full name.
    text = (
        "Tenants protested outside the town hall on Monday.\n\n"
        "Edi Aaron, head of the Housing Trust, said rents were too high. "
        '"Families cannot pay this," Aaron said.'
    )
    mentions, claims = _claims(nlp, text)
    aaron = [m for m in mentions if m.text in {"Aaron", "Edi Aaron"}]
    assert {m.text for m in aaron} == {"Edi Aaron", "Aaron"}
    assert {m.canonical for m in aaron} == {"Edi Aaron"}
    quote = next(c for c in claims if c.kind == "direct_quote")
    assert (quote.speaker, quote.speaker_canonical) == ("Aaron", "Edi Aaron")


def test_full_name_tagged_as_organisation_or_missed(nlp):
    for first in ("Kemal", "Enver"):
        surname = "Banks" if first == "Kemal" else "Hill"
        text = (
            f"{first} {surname}, chief executive of the Housing Trust, said the policy was "
            f"cruel. Later, {surname} told reporters that rents had doubled."
        )
        mentions, claims = _claims(nlp, text)
        person = [m for m in mentions if surname in m.text]
        assert {m.label for m in person} == {"PERSON"}
        assert {m.canonical for m in person} == {f"{first} {surname}"}
        told = next(c for c in claims if c.cue == "told")
        assert told.speaker_canonical == f"{first} {surname}"


def test_surname_after_a_full_name_tagged_as_organisation(nlp):
    text = (
        "Enver Mills, chief executive of the Housing Trust, said the policy was cruel.\n\n"
        '"People deserve better," Mills said.'
    )
    _, claims = _claims(nlp, text)
    quote = next(c for c in claims if c.kind == "direct_quote")
    assert (quote.speaker, quote.speaker_canonical) == ("Mills", "Enver Mills")


def test_acronym_without_brackets_even_when_tagged_as_a_pronoun(nlp):
    text = "Experts at the World Health Organization met in Geneva. WHO said the risk was low."
    mentions, claims = _claims(nlp, text)
    who = next(m for m in mentions if m.text == "WHO")
    assert who.canonical == "World Health Organization" and who.label == "ORG"
    said = next(c for c in claims if c.kind == "indirect")
    assert (said.speaker, said.speaker_canonical) == ("WHO", "World Health Organization")
    assert said.speaker_entity_id == who.entity_id


def test_generic_head_noun_refers_back_to_the_organisation(nlp):
    text = (
        "The Church of Scientology rejected the claims on Friday. The Church said the "
        "report was false."
    )
    mentions, claims = _claims(nlp, text)
    church = [m for m in mentions if "Church" in m.text]
    assert len(church) == 2 and {m.canonical for m in church} == {"Church of Scientology"}
    said = next(c for c in claims if c.kind == "indirect")
    assert said.speaker_canonical == "Church of Scientology"
