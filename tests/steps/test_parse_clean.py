"""parse + clean on the seed and on articles with other layouts (tests/articles/)."""

from __future__ import annotations

from datetime import date

import pytest

from flows.steps import clean, parse
from tests.conftest import ARTICLES


def test_seed_has_no_headline_and_names_ndtv_from_the_syndication_note(seed_text):
    art = parse.parse(seed_text)
    assert art.headline is None  # the first line is the lede: long and ends with a period
    assert len(art.paragraphs) == 17
    assert art.publisher == "NDTV"
    assert art.syndicated is True
    assert any("syndicated feed" in n for n in art.notes)


def test_seed_boilerplate_lines_are_removed_and_recorded(seed_text):
    cleaned = clean.clean(parse.parse(seed_text))
    assert cleaned.removed == [
        "(Except for the headline, this story has not been edited by NDTV staff and is "
        "published from a syndicated feed.)",
        "Comments",
        "Post a Comment",
    ]
    assert cleaned.removed_rules == ["syndication_note", "comments", "comments"]
    assert "NDTV" not in cleaned.body
    assert "Comments" not in cleaned.body
    assert len(cleaned.paragraph_spans) == 14
    assert cleaned.body.startswith("Chinese President Xi Jinping promised")
    assert cleaned.body.endswith("in our own hands.\"")
    for (s, e), sec in zip(cleaned.paragraph_spans, cleaned.paragraph_sections, strict=True):
        assert cleaned.body[s:e].strip() == cleaned.body[s:e] and sec == "body"


def test_headline_byline_reuters_dateline_and_boilerplate():
    text = (ARTICLES / "harbour_bridge.txt").read_text(encoding="utf-8")
    art = parse.parse(text)
    assert art.headline == "Harbour bridge to reopen after two-year repair, minister says"
    assert art.byline == "Aroha Ngata"
    assert art.dateline == "WELLINGTON, March 3 (Reuters)"
    assert art.agencies == ["Reuters", "AFP"]
    cleaned = clean.clean(art)
    assert cleaned.removed_rules == ["byline", "advertisement", "also_read", "share",
                                     "agency_credit"]
    assert cleaned.paragraph_sections[0] == "headline"
    assert "“We have rebuilt" in cleaned.body  # curly quotes kept as written
    assert "Advertisement" not in cleaned.body and "Share this" not in cleaned.body


def test_hard_wrapped_paragraphs_and_date_line():
    text = (ARTICLES / "council_vote.txt").read_text(encoding="utf-8")
    art = parse.parse(text)
    assert art.headline == "City council votes to close coal plant by 2030"
    assert art.dateline == "Tuesday, March 5, 2024"
    assert art.published == date(2024, 3, 5)
    cleaned = clean.clean(art)
    assert cleaned.paragraph_sections == ["headline", "dateline", "body", "body", "body", "body"]
    # wrapped lines were joined with a space, not kept as line breaks
    assert "close the Riverside coal plant" in cleaned.body
    assert "\n" not in cleaned.body[cleaned.paragraph_spans[2][0]:cleaned.paragraph_spans[2][1]]


@pytest.mark.parametrize(
    ("line", "rule"),
    [
        ("Also Read: India, China agree to resume border talks", "also_read"),
        ("ADVERTISEMENT", "advertisement"),
        ("Click here to read the full report", "click_here"),
        ("Follow us on Twitter and Facebook", "follow"),
        ("Subscribe to our newsletter for daily updates", "subscribe"),
        ("(With inputs from PTI)", "agency_credit"),
        ("Post a Comment", "comments"),
        ("12 Comments", "comments"),
        ("© 2024 Example News Ltd. All rights reserved.", "copyright"),
        ("Share on WhatsApp", "share"),
    ],
)
def test_boilerplate_rules(line, rule):
    assert clean.boilerplate_rule(line) == rule


@pytest.mark.parametrize(
    "prose",
    [
        "Comments from the minister drew criticism from the opposition.",
        "Advertisement spending fell 4% in the quarter, the company said.",
        "Share prices in Tokyo rose after the announcement.",
        "Follow-up talks are planned for June.",
    ],
)
def test_prose_that_starts_like_boilerplate_is_kept(prose):
    assert clean.boilerplate_rule(prose) is None


def test_normalise_nfc_spaces_and_invisible_characters():
    decomposed = "Cafe\u0301\u00a0in  Zu\u0308rich\u200b"
    assert clean.normalise(decomposed) == "Café in Zürich"
    assert clean.normalise("“quoted” and \"straight\"") == "“quoted” and \"straight\""
