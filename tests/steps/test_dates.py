"""DATE normalisation and dateline parsing on phrases from real news copy."""

from __future__ import annotations

import datetime as dt

import pytest

from flows.steps.dates import normalise_date, parse_dateline

FRIDAY = dt.date(2024, 7, 5)  # the seed article's day: Xi in Dushanbe


def test_reference_is_a_friday() -> None:
    assert FRIDAY.weekday() == 4  # guards the expectations below


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Friday", "2024-07-05"),  # same day as the reference
        ("on Friday", "2024-07-05"),
        ("Thursday night", "2024-07-04"),  # "arrived ... Thursday night"
        ("Thursday", "2024-07-04"),
        ("late Thursday", "2024-07-04"),
        ("Tuesday", "2024-07-02"),
        ("Saturday", "2024-06-29"),  # never forward into the future
        ("last Friday", "2024-06-28"),  # strictly before
        ("yesterday", "2024-07-04"),
        ("yesterday morning", "2024-07-04"),
        ("last night", "2024-07-04"),
        ("today", "2024-07-05"),
        ("two days ago", "2024-07-03"),
        ("July 21", "2024-07-21"),  # no year: the reference year
        ("Sept. 3", "2024-09-03"),
        ("the 21st of July", "2024-07-21"),
        ("last year", "2023"),
        ("this year", "2024"),
        ("last month", "2024-06"),
    ],
)
def test_relative_dates_resolve_against_reference(text: str, expected: str) -> None:
    assert normalise_date(text, FRIDAY) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("July 21, 2017", "2017-07-21"),
        ("Friday, July 21, 2017", "2017-07-21"),
        ("21 July 2017", "2017-07-21"),
        ("21st July, 2017", "2017-07-21"),
        ("Dec. 25, 2023", "2023-12-25"),
        ("2017-07-21", "2017-07-21"),
        ("2017/07/21", "2017-07-21"),
        ("21/07/2017", "2017-07-21"),  # day > 12: order is certain
        ("07/21/2017", "2017-07-21"),
        ("21.07.2017", "2017-07-21"),
        ("2014", "2014"),  # "visited Tajikistan in 2014 and 2019"
        ("in 2001", "2001"),  # "The SCO was founded in 2001"
        ("the year 2014", "2014"),
        ("late 2019", "2019"),
        ("March 2019", "2019-03"),
        ("mid-March 2019", "2019-03"),
        ("May 2019", "2019-05"),
    ],
)
def test_absolute_dates_need_no_reference(text: str, expected: str) -> None:
    assert normalise_date(text, None) == expected
    assert normalise_date(text, FRIDAY) == expected


@pytest.mark.parametrize(
    "text",
    [
        "recent years",  # "has come to prominence in recent years"
        "last week",
        "the past year",
        "this Friday",  # could be after publication
        "next Friday",
        "the 1990s",
        "2014 and 2019",
        "fiscal 2019",
        "winter 2019",
        "03/04/2024",  # March 4 or 3 April
        "Monday, July 21, 2017",  # July 21, 2017 was a Friday
        "Feb 30, 2017",
        "",
    ],
)
def test_vague_or_contradictory_dates_are_none(text: str) -> None:
    assert normalise_date(text, FRIDAY) is None


@pytest.mark.parametrize(
    "text", ["Friday", "on Tuesday", "Thursday night", "yesterday", "July 21", "last year"]
)
def test_relative_dates_without_reference_are_none(text: str) -> None:
    assert normalise_date(text, None) is None


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Friday, July 21, 2017", dt.date(2017, 7, 21)),  # Wikinews
        ("July 21, 2017", dt.date(2017, 7, 21)),
        ("21 July 2017", dt.date(2017, 7, 21)),
        ("2017-07-21", dt.date(2017, 7, 21)),
        ("2024-03-03T10:15:00Z", dt.date(2024, 3, 3)),
        ("Published: 3 March 2024", dt.date(2024, 3, 3)),
        ("Updated Mar 3, 2024 10:15 AM", dt.date(2024, 3, 3)),
        ("Updated Mar 3, 2024 10:15 AM ET", dt.date(2024, 3, 3)),
        ("Fri 5 Jul 2024 09.00 BST", dt.date(2024, 7, 5)),
        ("By John Smith | July 21, 2017", dt.date(2017, 7, 21)),
        ("Posted on July 5, 2024 at 9:00 am", dt.date(2024, 7, 5)),
        ("Published 3 March 2024, updated 5 March 2024", dt.date(2024, 3, 3)),
    ],
)
def test_parse_dateline(line: str, expected: dt.date) -> None:
    assert parse_dateline(line) == expected


@pytest.mark.parametrize(
    "line",
    [
        "On July 21, 2017, the court ruled that the law was void.",  # prose, not a dateline
        "Xi has previously visited Tajikistan in 2014 and 2019.",
        "Comments",
        "03/04/2024",
        "Tuesday, July 21, 2017",  # weekday contradicts the date
        "",
    ],
)
def test_parse_dateline_rejects_non_datelines(line: str) -> None:
    assert parse_dateline(line) is None
