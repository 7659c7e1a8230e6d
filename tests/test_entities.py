"""In-article entity resolution on the seed and on short real-style passages."""

from __future__ import annotations

import pytest

from flows import clean, entities, parse
from flows import nlp as nlp_mod
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
