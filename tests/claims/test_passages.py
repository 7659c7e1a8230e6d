"""The quote-mark state machine (`flows.claims.passages`) on plain tokenized text."""

from __future__ import annotations

import pytest

from flows.claims.passages import Quotes, find_passages, trim_quote
from flows.claims.view import ArticleView
from tests.claims.handmade import text_doc


def quotes_of(text: str) -> tuple[ArticleView, Quotes]:
    view = ArticleView.build(text_doc(text), [])
    return view, find_passages(view)


def contents(text: str) -> list[str]:
    view, quotes = quotes_of(text)
    return [view.text[p.start:p.end] for p in quotes.passages]


@pytest.mark.parametrize("text", [
    'The mayor said "we will rebuild the town." Then she left.',
    "The mayor said “we will rebuild the town.” Then she left.",
    "The mayor said ‘we will rebuild the town.’ Then she left.",
])
def test_straight_curly_and_single_marks(text: str) -> None:
    assert contents(text) == ["we will rebuild the town."]


def test_single_marks_are_kept_apart_from_apostrophes() -> None:
    assert contents("Xi’s aides don't say the leaders’ talks went well.") == []
    view, quotes = quotes_of("He called it ‘a disgrace’ on Xi’s behalf.")
    assert [view.text[p.start:p.end] for p in quotes.passages] == ["a disgrace"]
    assert quotes.passages[0].single


def test_joining_comma_and_outer_space_are_not_content() -> None:
    assert contents('" We are ready, " he said.') == ["We are ready"]
    assert trim_quote("x  a, b ,  y", 1, 10) == (3, 7)


def test_quote_within_quote_is_dropped() -> None:
    assert contents("“He told me ‘never again’ twice,” she said.") == [
        "He told me ‘never again’ twice"
    ]


def test_inch_mark_and_lone_straight_mark_open_nothing() -> None:
    assert contents('They laid a 6" pipe under the road.') == []


def test_curly_mark_reopened_before_closing_ends_the_first_passage() -> None:
    view, quotes = quotes_of("“First words “Second words” end.")
    got = [(view.text[p.start:p.end], p.close_mark) for p in quotes.passages]
    assert got == [("First words", -1), ("Second words", view.text.index("”"))]


def test_continuation_across_paragraphs_is_chained() -> None:
    text = '"We will rebuild.\n\n"It will take years," she said.'
    view, quotes = quotes_of(text)
    first, second = quotes.passages
    assert view.text[first.start:first.end] == "We will rebuild."
    assert (first.close_mark, first.chain_prev, first.chain_next) == (-1, None, 1)
    assert (second.para, second.chain_prev, second.chain_next) == (1, 0, None)


def test_continuation_that_forgot_its_opening_mark() -> None:
    text = '"We will rebuild.\n\nIt will take years," she said.'
    view, quotes = quotes_of(text)
    second = quotes.passages[1]
    assert view.text[second.start:second.end] == "It will take years"
    assert (second.open_mark, second.chain_prev) == (-1, 0)


def test_one_caption_may_interrupt_a_chain_but_not_two() -> None:
    one = '"We will rebuild.\n\nPhoto: the bridge.\n\n"It will take years," she said.'
    assert quotes_of(one)[1].passages[1].chain_prev == 0
    two = '"We will rebuild.\n\nPhoto.\n\nCaption.\n\n"It will take years," she said.'
    assert quotes_of(two)[1].passages[1].chain_prev is None


def test_paragraph_not_opening_with_a_mark_does_not_continue() -> None:
    text = '"We will rebuild.\n\nShe added: "It will take years."'
    assert quotes_of(text)[1].passages[1].chain_prev is None


def test_unbalanced_mark_at_paragraph_end_is_open_ended() -> None:
    view, quotes = quotes_of('She said: "We will rebuild')
    (p,) = quotes.passages
    assert view.text[p.start:p.end] == "We will rebuild" and p.close_mark == -1


def test_in_quote_covers_content_tokens_and_marks() -> None:
    view, quotes = quotes_of('Doe said "we won" today.')
    inside = [t.text for t in view.tokens if quotes.in_quote(t)]
    assert inside == ['"', "we", "won", '"']
    assert quotes.passage_by_close == {view.text.rindex('"'): 0}
