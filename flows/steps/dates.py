"""Normalise DATE mentions and find an article's dateline, without any network or model.

Output granularity
------------------
``normalise_date`` returns the finest period the text pins down, as an ISO 8601 prefix:
``"YYYY-MM-DD"`` for a day, ``"YYYY-MM"`` for a month ("March 2019"), ``"YYYY"`` for a
year ("2014", "in 2001"). A modifier keeps the containing period ("late 2019", "the end
of 2019" -> "2019"; "mid-March 2019" -> "2019-03"; "the summer of 2019" -> "2019").
Anything vaguer — weeks, decades, "recent years", "the past year", a winter (it straddles
two years) — is ``None``, because a made-up day would look exactly as trustworthy as a
real one in the output tables.

Conventions for relative expressions (all need the article's publication date):

* A bare weekday ("Friday", "on Tuesday", "Thursday night", "late Thursday") is the most
  recent such day **on or before** the reference date: news reports past events, so
  "Friday" in a Friday article is that same day. "last Friday" is strictly before the
  reference; "this Friday" / "next Friday" could be future and give ``None``.
* "yesterday" = reference − 1, "last night" = reference − 1 (the evening before
  publication), "today" / "tonight" / "this morning" = reference, "tomorrow" = + 1,
  "N days ago" = reference − N.
* "this/last/next year" and "this/last/next month", "N years/months ago" shift the
  reference year/month; "last week" and friends give ``None`` (a week is not a day).
* A day or month without a year ("July 21", "in July") takes the reference year, as
  wire copy omits the year for dates in the current year. Without a reference: ``None``.

Leading prepositions that spaCy sometimes keeps in the span ("on", "in", "during",
"as of", "by", "at", "of") are ignored; any other unrecognised word makes the result
``None`` ("fiscal 2019", "2014 and 2019", "the 1990s").

Numeric dates: ISO ``2017-07-21`` and ``2017/07/21`` are read as Y-M-D; ``21/07/2017`` or
``07/21/2017`` only when one of the first two numbers exceeds 12 (``03/04/2024`` could be
either and gives ``None``); dotted ``21.07.2017`` is read as D.M.Y, the only order that
uses dots. A weekday that contradicts its explicit date ("Monday, July 21, 2017") gives
``None``: one of the two is wrong and we cannot tell which.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

__all__ = ["normalise_date", "parse_dateline"]

_MONTHS: Final[dict[str, int]] = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3,
    "apr": 4, "april": 4, "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7,
    "aug": 8, "august": 8, "sep": 9, "sept": 9, "september": 9, "oct": 10,
    "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
}  # fmt: skip

_WEEKDAYS: Final[dict[str, int]] = {
    "mon": 0, "monday": 0, "tue": 1, "tues": 1, "tuesday": 1, "wed": 2, "wednesday": 2,
    "thu": 3, "thur": 3, "thurs": 3, "thursday": 3, "fri": 4, "friday": 4,
    "sat": 5, "saturday": 5, "sun": 6, "sunday": 6,
}  # fmt: skip

_NUMBER_WORDS: Final[dict[str, int]] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
}  # fmt: skip

_MONTH = (
    r"(?P<month>jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_WEEKDAY = (
    r"(?P<wd>mon(?:day)?|tue(?:s(?:day)?)?|wed(?:nesday)?|thu(?:r(?:s(?:day)?)?)?|"
    r"fri(?:day)?|sat(?:urday)?|sun(?:day)?)\.?"
)
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>[12]\d{3})"
_WD_PREFIX = rf"(?:{_WEEKDAY},?\s+)?"

# Explicit calendar dates; the year is optional here and required in datelines.
_MDY = rf"{_WD_PREFIX}{_MONTH}\s+{_DAY}(?:,?\s+{_YEAR})?"
_DMY = rf"{_WD_PREFIX}(?:the\s+)?{_DAY}\s+(?:of\s+)?{_MONTH},?(?:\s+{_YEAR})?"
_ISO = r"(?P<year>[12]\d{3})(?P<sep>[-/])(?P<month>\d{1,2})(?P=sep)(?P<day>\d{1,2})"
_ISO_TIME = r"(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
_NUMERIC = r"(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<year>[12]\d{3})"

_FULL_PATTERNS: Final = tuple(
    re.compile(rf"{p}", re.IGNORECASE) for p in (_MDY, _DMY, _ISO + _ISO_TIME, _NUMERIC)
)
_MONTH_YEAR: Final = re.compile(rf"{_MONTH},?\s+(?:of\s+)?{_YEAR}", re.IGNORECASE)
_MONTH_ONLY: Final = re.compile(_MONTH, re.IGNORECASE)
_YEAR_ONLY: Final = re.compile(rf"(?:the\s+year\s+)?{_YEAR}", re.IGNORECASE)
_SEASON_YEAR: Final = re.compile(
    rf"(?:the\s+)?(?:spring|summer|autumn|fall)\s+(?:of\s+)?{_YEAR}", re.IGNORECASE
)

_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night|overnight))?"
_BARE_WEEKDAY: Final = re.compile(
    r"(?:(?P<rel>last|this|next|past)\s+)?(?:(?:early|late)\s+)?"
    r"(?P<wd>monday|tuesday|wednesday|thursday|friday|saturday|sunday)" + _PART_OF_DAY,
    re.IGNORECASE,
)
_DAY_WORDS: Final[dict[str, int]] = {
    "today": 0, "tonight": 0, "this morning": 0, "this afternoon": 0, "this evening": 0,
    "yesterday": -1, "last night": -1, "the day before yesterday": -2,
    "tomorrow": 1, "the day after tomorrow": 2,
}  # fmt: skip
_DAY_WORD: Final = re.compile(
    r"(?:early\s+|late\s+)?(?P<word>the day before yesterday|the day after tomorrow|"
    r"today|tonight|this morning|this afternoon|this evening|yesterday|last night|"
    r"tomorrow)" + _PART_OF_DAY,
    re.IGNORECASE,
)
_RELATIVE_PERIOD: Final = re.compile(
    r"(?P<rel>this|last|next)\s+(?P<unit>year|month)", re.IGNORECASE
)
_AGO: Final = re.compile(
    r"(?P<n>\d{1,3}|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
    r"\s+(?P<unit>day|month|year)s?\s+ago",
    re.IGNORECASE,
)

_LEADING: Final = re.compile(
    r"^(?:(?:on|in|during|as\s+of|by|at|of)\s+)+", re.IGNORECASE
)  # prepositions spaCy sometimes keeps inside the DATE span
_MODIFIER: Final = re.compile(
    r"^(?:early|mid|late|the\s+(?:end|start|beginning|middle)\s+of)[\s-]+"
)


def _clean(text: str) -> str:
    """Whitespace, trailing punctuation and leading prepositions carry no date."""
    s = re.sub(r"\s+", " ", text).strip().strip(".,;:!?()[]\"'").strip()
    s = s.replace("\u2019", "'")
    return _LEADING.sub("", s)


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    """February 30 and friends are typos, not dates."""
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _numeric_order(a: int, b: int, sep: str) -> tuple[int, int] | None:
    """(month, day) of a numeric date, or None when the order cannot be known."""
    if sep == ".":
        return b, a  # dotted dates are day-first wherever they are used
    if a > 12 >= b:
        return b, a  # 21/07/2017
    if b > 12 >= a:
        return a, b  # 07/21/2017
    if a == b:
        return a, b
    return None


def _match_to_date(m: re.Match[str], reference: dt.date | None) -> dt.date | None:
    """Turn one explicit-date match into a date, checking any weekday it states."""
    groups = m.groupdict()
    if "a" in groups and groups.get("a") is not None:
        order = _numeric_order(int(groups["a"]), int(groups["b"]), groups["sep"])
        if order is None:
            return None
        month, day = order
        year = int(groups["year"])
    else:
        month_text = groups["month"]
        month = int(month_text) if month_text.isdigit() else _MONTHS[month_text.lower()]
        day = int(groups["day"])
        if groups.get("year"):
            year = int(groups["year"])
        elif reference is not None:
            year = reference.year
        else:
            return None
    date = _safe_date(year, month, day)
    if date is None:
        return None
    weekday = groups.get("wd")
    if weekday and _WEEKDAYS[weekday.lower().rstrip(".")] != date.weekday():
        return None
    return date


def _weekday_on_or_before(reference: dt.date, weekday: int, *, strictly: bool) -> dt.date:
    back = (reference.weekday() - weekday) % 7
    if strictly and back == 0:
        back = 7
    return reference - dt.timedelta(days=back)


def normalise_date(text: str, reference: dt.date | None) -> str | None:
    """ISO date / month / year for a DATE mention, or None if it is not pinned down.

    ``reference`` is the article's publication date; see the module docstring for how
    relative expressions use it.
    """
    if not text:
        return None
    s = _clean(text)
    if not s:
        return None

    for pattern in _FULL_PATTERNS:
        m = pattern.fullmatch(s)
        if m:
            date = _match_to_date(m, reference)
            return date.isoformat() if date else None

    unmodified = _MODIFIER.sub("", s.lower())  # "early 2014", "mid-March 2019"
    if m := _MONTH_YEAR.fullmatch(unmodified):
        return f"{int(m['year']):04d}-{_MONTHS[m['month'].lower()]:02d}"
    if m := _YEAR_ONLY.fullmatch(unmodified):
        return m["year"]
    if m := _SEASON_YEAR.fullmatch(unmodified):
        return m["year"]
    if m := _MONTH_ONLY.fullmatch(unmodified):
        if reference is None:
            return None
        return f"{reference.year:04d}-{_MONTHS[m['month'].lower()]:02d}"

    if reference is None:
        return None
    return _relative(s, reference)


def _relative(s: str, reference: dt.date) -> str | None:
    """Expressions that only mean something against the publication date."""
    if m := _DAY_WORD.fullmatch(s):
        return (reference + dt.timedelta(days=_DAY_WORDS[m["word"].lower()])).isoformat()
    if m := _BARE_WEEKDAY.fullmatch(s):
        rel = (m["rel"] or "").lower()
        if rel in ("this", "next"):
            return None  # may lie after the reference; no safe reading
        weekday = _WEEKDAYS[m["wd"].lower()]
        return _weekday_on_or_before(reference, weekday, strictly=rel == "last").isoformat()
    if m := _RELATIVE_PERIOD.fullmatch(s):
        delta = {"this": 0, "last": -1, "next": 1}[m["rel"].lower()]
        if m["unit"].lower() == "year":
            return f"{reference.year + delta:04d}"
        year, month = _shift_month(reference.year, reference.month, delta)
        return f"{year:04d}-{month:02d}"
    if m := _AGO.fullmatch(s):
        raw = m["n"].lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        unit = m["unit"].lower()
        if unit == "day":
            return (reference - dt.timedelta(days=n)).isoformat()
        if unit == "month":
            year, month = _shift_month(reference.year, reference.month, -n)
            return f"{year:04d}-{month:02d}"
        return f"{reference.year - n:04d}"
    return None


# --------------------------------------------------------------------- datelines

_DATELINE_PATTERNS: Final = tuple(
    re.compile(rf"\b{p}\b", re.IGNORECASE)
    for p in (
        rf"{_WD_PREFIX}{_MONTH}\s+{_DAY},?\s+{_YEAR}",
        rf"{_WD_PREFIX}{_DAY}\s+(?:of\s+)?{_MONTH},?\s+{_YEAR}",
        _ISO + _ISO_TIME,
        _NUMERIC,
    )
)
_TIME: Final = re.compile(
    r"\b\d{1,2}(?:[:.]\d{2}){1,2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\.?", re.IGNORECASE
)
_WORD: Final = re.compile(r"[^\W\d_][\w'.-]*")
# Words a dateline may carry besides the date, a byline name and a time zone.
_DATELINE_WORDS: Final = frozenset(
    (
        *("published", "updated", "posted", "modified", "edited", "originally", "dated"),
        *("last", "first", "date", "on", "at", "by", "in", "of", "and", "the"),
        *("am", "pm", "a.m.", "p.m.", "min", "mins", "minute", "minutes", "read"),
        *_WEEKDAYS,
    )
)
_MAX_DATELINE_CHARS: Final = 120
_MAX_EXTRA_WORDS: Final = 5


@dataclass(frozen=True, slots=True)
class _Found:
    start: int
    end: int
    match: re.Match[str]


def parse_dateline(line: str) -> dt.date | None:
    """The date of a dateline-like line, or None for prose and undated lines.

    A line qualifies when it is short and, apart from the date, holds only label words
    ("Published:", "Updated"), a time, a weekday, a time zone or a capitalised byline —
    so a body sentence that happens to start "On July 21, 2017, the court ..." is not
    taken for the article date. With several dates, the first (publication) one wins.
    """
    text = line.strip()
    if not text or len(text) > _MAX_DATELINE_CHARS:
        return None
    found = sorted(
        (_Found(m.start(), m.end(), m) for p in _DATELINE_PATTERNS for m in p.finditer(text)),
        key=lambda f: (f.start, -f.end),
    )
    if not found:
        return None
    rest = text
    for f in sorted(found, key=lambda f: f.start, reverse=True):
        rest = rest[: f.start] + " " + rest[f.end :]
    rest = _TIME.sub(" ", rest)
    extra = [w for w in _WORD.findall(rest) if w.lower().rstrip(".:,") not in _DATELINE_WORDS]
    if len(extra) > _MAX_EXTRA_WORDS or any(not w[0].isupper() for w in extra):
        return None
    return _match_to_date(found[0].match, None)
